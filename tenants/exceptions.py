from kernel.errors import Conflict, DomainError


class SlugTaken(Conflict):
    code = "slug_taken"
    title = "This address is already taken"


class PoolExhausted(DomainError):
    code = "provisioning_failed"
    status = 503
    title = "A workspace could not be prepared; try again in a moment"


class MfaSetupRequiredFirst(Conflict):
    code = "mfa_setup_required_first"
    title = "Set up your own authenticator app before requiring one from every member"
