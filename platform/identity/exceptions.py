from kernel.errors import DomainError


class InvalidCredentials(DomainError):
    code = "invalid_credentials"
    status = 400
    title = "The e-mail address or the password is not correct"


class TooManyAttempts(DomainError):
    code = "too_many_attempts"
    status = 429
    title = "Too many failed attempts; try again later"


class HandoffInvalid(DomainError):
    code = "handoff_invalid"
    status = 400
    title = "This sign-in link is invalid, expired or already used"


class EmailTaken(DomainError):
    code = "email_taken"
    status = 409
    title = "An account with this e-mail address already exists"
