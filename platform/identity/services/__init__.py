"""Writes for identity. One module per concern; everything is re-exported here for callers."""

from identity.services.accounts import (
    BACKEND,
    CompanyChoice,
    HandoffOutcome,
    account_password_proves,
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
from identity.services.signup_notice import signup_existing_account_notify

__all__ = [
    "BACKEND",
    "ApiKeyCreated",
    "CompanyChoice",
    "HandoffOutcome",
    "InvitationCreated",
    "account_password_proves",
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
    "signup_existing_account_notify",
    "user_create",
    "user_update_profile",
]
