"""Domain errors of the supplier directory (stable codes)."""

from kernel.errors import Conflict, DomainError, NotFound


class SupplierProfileMissing(NotFound):
    code = "supplier_profile_missing"
    title = "This company has no supplier profile yet"


class SupplierProfileRequired(Conflict):
    code = "supplier_profile_required"
    title = "Set up the company's supplier profile (as a supplier) first"


class SupplierNotFound(NotFound):
    code = "not_found"


class CertificationNotFound(NotFound):
    code = "not_found"


class DocumentMissing(NotFound):
    code = "document_missing"
    title = "No document was uploaded for this certification"


class FileInvalid(DomainError):
    code = "file_invalid"
    status = 400
    title = "The file is not accepted"
