from kernel.errors import Conflict, DomainError


class SlugTaken(Conflict):
    code = "slug_taken"
    title = "This address is already taken"


class PoolExhausted(DomainError):
    code = "provisioning_failed"
    status = 503
    title = "A workspace could not be prepared; try again in a moment"
