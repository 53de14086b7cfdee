"""Writes for identity. One module per concern; everything is re-exported here for callers."""

from identity.services.accounts import (
    BACKEND,
    CompanyChoice,
    email_verification_send,
    handoff_consume,
    handoff_token_issue,
    handoff_url,
    membership_create,
    public_signin,
    user_create,
    user_update_profile,
)
from identity.services.api_keys import ApiKeyCreated, api_key_authenticate, api_key_create, api_key_revoke
from identity.services.audit import audit_record
from identity.services.invitations import (
    InvitationCreated,
    invitation_accept,
    invitation_by_token,
    invitation_create,
    invitation_resend,
    invitation_revoke,
)
from identity.services.members import member_remove, member_update_roles

__all__ = [
    "BACKEND",
    "ApiKeyCreated",
    "CompanyChoice",
    "InvitationCreated",
    "api_key_authenticate",
    "api_key_create",
    "api_key_revoke",
    "audit_record",
    "email_verification_send",
    "handoff_consume",
    "handoff_token_issue",
    "handoff_url",
    "invitation_accept",
    "invitation_by_token",
    "invitation_create",
    "invitation_resend",
    "invitation_revoke",
    "member_remove",
    "member_update_roles",
    "membership_create",
    "public_signin",
    "user_create",
    "user_update_profile",
]
