from kernel.errors import Conflict, DomainError, NotFound


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


class PermissionMissing(DomainError):
    code = "permission_denied"
    status = 403
    title = "You do not have permission to do this"


class AlreadyMember(Conflict):
    code = "already_member"
    title = "This person is already a member of the company"


class InvitationPending(Conflict):
    code = "invitation_pending"
    title = "An invitation to this address is already pending; re-send it instead"


class InvitationInvalid(DomainError):
    code = "invitation_invalid"
    status = 400
    title = "This invitation is invalid, expired, revoked or already used"


class InvitationNotPending(Conflict):
    code = "invitation_not_pending"
    title = "This invitation is no longer pending"


class LastOwner(Conflict):
    code = "last_owner"
    title = "A company must keep at least one owner"


class OwnerRoleReserved(DomainError):
    code = "owner_role_reserved"
    status = 403
    title = "Only an owner can grant or take away the owner role"


class PermissionNotHeld(DomainError):
    code = "permission_not_held"
    status = 400
    title = "An API key cannot carry permissions its creator does not hold"


class MemberNotFound(NotFound):
    code = "not_found"


class MfaRequired(DomainError):
    code = "mfa_required"
    status = 403
    title = "Set up an authenticator app to continue"


class PublishedSecretRefused(DomainError):
    code = "published_secret_refused"
    status = 403
    title = "This operator's authenticator uses the published demo secret; enrol a new authenticator"
