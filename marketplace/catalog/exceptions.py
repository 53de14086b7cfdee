"""Domain errors of the catalog (stable codes)."""

from kernel.errors import Conflict, DomainError, NotFound


class ListingNotFound(NotFound):
    code = "not_found"


class ImageNotFound(NotFound):
    code = "not_found"


class ImportNotFound(NotFound):
    code = "not_found"


class SkuTaken(Conflict):
    code = "sku_taken"
    title = "Another listing of this company already has this SKU"


class ListingArchived(Conflict):
    code = "listing_archived"
    title = "This listing is archived; archived listings cannot be changed"


class ListingStockLinked(Conflict):
    code = "listing_stock_linked"
    title = "This listing's stock comes from an inventory item; unlink it to declare stock by hand"


class TooManyImages(Conflict):
    code = "too_many_images"
    title = "A listing has at most 8 images"


class ImportFileInvalid(DomainError):
    code = "import_file_invalid"
    status = 400
    title = "The catalog file cannot be read"


class ImportColumnsInvalid(DomainError):
    code = "import_columns_invalid"
    status = 400
    title = "The catalog file does not have the expected columns"


class ImportNotReady(Conflict):
    code = "import_not_ready"
    title = "This import is not waiting for confirmation (still checking, or already imported)"


class ImportHasErrors(Conflict):
    code = "import_has_errors"
    title = "Some rows have errors: fix the file, or choose to import only the valid rows"


class ImportNothingValid(Conflict):
    code = "import_nothing_valid"
    title = "No row of this file is valid; nothing can be imported"
