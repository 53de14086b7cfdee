"""Members, roles, invitations, API keys, MFA requirement and the audit log, through the API."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from conftest import PASSWORD, HostClient, company_host_for
from identity.models import ApiKey, AuditEntry, Invitation, Membership, User

pytestmark = pytest.mark.django_db


@pytest.fixture
def acme(make_company):
    return make_company(company_name="Acme")


def add_member(company, roles, email=None):
    from identity.services import membership_create

    user = User.objects.create_user(
        email=email or f"{'-'.join(roles)}-{User.objects.count()}@member.test", password=PASSWORD
    )
    return membership_create(user=user, company=company, roles=roles)


def invite(client, email, roles):
    return client.post_json("/api/invitations/", {"email": email, "roles": roles})


# Members and roles ---------------------------------------------------------------------------------


def test_owner_changes_roles_and_removes_a_member_whose_session_ends_at_once(acme, signed_in):
    owner = signed_in(acme.user, acme.company)
    member = add_member(acme.company, ["viewer"])
    member_client = signed_in(member.user, acme.company)
    assert member_client.get("/api/me/").json()["roles"] == ["viewer"]

    changed = owner.patch_json(f"/api/members/{member.pk}/", {"roles": ["buyer", "approver"]})
    assert changed.status_code == 200 and changed.json()["roles"] == ["approver", "buyer"]
    assert "po.approve" in member_client.get("/api/me/").json()["permissions"]

    assert owner.delete(f"/api/members/{member.pk}/").status_code == 204
    assert member_client.get("/api/me/").status_code == 401
    assert [m["email"] for m in owner.get("/api/members/").json()["results"]] == [acme.user.email]


def test_members_carry_their_user_id_which_approval_rules_and_delegations_name(acme, signed_in):
    member = add_member(acme.company, ["approver"])
    viewer = signed_in(member.user, acme.company)  # company.view is enough to read the list

    rows = viewer.get("/api/members/").json()["results"]

    assert {(r["id"], r["user_id"], r["email"]) for r in rows} == {
        (Membership.objects.get(user=acme.user, company=acme.company).pk, acme.user.pk, acme.user.email),
        (member.pk, member.user.pk, member.user.email),
    }


def test_the_last_owner_can_be_neither_demoted_nor_removed(acme, signed_in):
    owner = signed_in(acme.user, acme.company)
    mine = Membership.objects.get(user=acme.user, company=acme.company)

    demote = owner.patch_json(f"/api/members/{mine.pk}/", {"roles": ["admin"]})
    remove = owner.delete(f"/api/members/{mine.pk}/")

    assert demote.status_code == remove.status_code == 409
    assert demote.json()["code"] == remove.json()["code"] == "last_owner"
    assert Membership.objects.get(pk=mine.pk).roles == ["owner"]
    assert Membership.objects.get(pk=mine.pk).status == "active"


def test_an_admin_cannot_touch_the_owner_role_and_a_buyer_cannot_manage_members(acme, signed_in):
    admin = add_member(acme.company, ["admin"])
    buyer = add_member(acme.company, ["buyer"])
    admin_client = signed_in(admin.user, acme.company)
    mine = Membership.objects.get(user=acme.user, company=acme.company)

    assert (
        admin_client.patch_json(f"/api/members/{buyer.pk}/", {"roles": ["owner"]}).json()["code"]
        == "owner_role_reserved"
    )
    assert admin_client.delete(f"/api/members/{mine.pk}/").json()["code"] == "owner_role_reserved"
    assert admin_client.patch_json(f"/api/members/{buyer.pk}/", {"roles": ["sales"]}).status_code == 200
    denied = signed_in(buyer.user, acme.company).patch_json(
        f"/api/members/{admin.pk}/", {"roles": ["viewer"]}
    )
    assert denied.status_code == 403 and denied.json()["code"] == "permission_denied"
    assert Membership.objects.get(pk=admin.pk).roles == ["admin"]


def test_unknown_roles_are_a_validation_error(acme, signed_in):
    member = add_member(acme.company, ["viewer"])
    response = signed_in(acme.user, acme.company).patch_json(
        f"/api/members/{member.pk}/", {"roles": ["king"]}
    )
    assert response.status_code == 400 and "roles" in response.json()["errors"]


# Invitations ---------------------------------------------------------------------------------------


def accept(company, token, password=PASSWORD, full_name="New Person"):
    client = HostClient(company_host_for(company.slug))
    return client, client.post_json(
        "/api/invitations/accept/", {"token": token, "password": password, "full_name": full_name}
    )


def token_from(mail) -> str:
    return mail.body.split("/invitation/")[1].split()[0]


def test_invite_a_new_person_who_signs_up_through_the_link(
    acme, signed_in, mailoutbox, django_capture_on_commit_callbacks
):
    owner = signed_in(acme.user, acme.company)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        created = invite(owner, "New.Hire@Example.com", ["buyer"])
    assert created.status_code == 201 and created.json()["email"] == "new.hire@example.com"
    # The mail goes out after commit, through Celery; run the task here.
    assert len(callbacks) == 1
    from identity.tasks import invitation_send_email

    invitation = Invitation.objects.get(pk=created.json()["id"])
    link = f"http://{acme.company.slug}.localhost:8000/invitation/SECRET"
    invitation_send_email.run(invitation.pk, link)
    assert mailoutbox[-1].to == ["new.hire@example.com"] and link in mailoutbox[-1].body


def test_accepting_creates_the_account_joins_and_signs_in(acme, signed_in):
    from identity.access import Actor
    from identity.roles import permissions_for
    from identity.services import invitation_create

    actor = Actor(
        company=acme.company,
        permissions=permissions_for(["owner"]),
        user=acme.user,
        membership=Membership.objects.get(user=acme.user, company=acme.company),
    )
    created = invitation_create(actor=actor, email="fresh@example.com", roles=["warehouse"])
    token = created.link.rsplit("/", 1)[1]

    lookup = HostClient(company_host_for(acme.company.slug)).get(f"/api/invitations/lookup/?token={token}")
    assert lookup.json()["account_exists"] is False and lookup.json()["roles"] == ["warehouse"]
    client, response = accept(acme.company, token)

    assert response.status_code == 200, response.content
    me = client.get("/api/me/").json()
    assert me["user"]["email"] == "fresh@example.com" and me["roles"] == ["warehouse"]
    assert Invitation.objects.get(pk=created.invitation.pk).status == "accepted"
    _, again = accept(acme.company, token)
    assert again.status_code == 400 and again.json()["code"] == "invitation_invalid"


def test_an_existing_account_must_prove_its_password(acme, make_company, signed_in):
    other = make_company()
    owner = signed_in(acme.user, acme.company)
    invite(owner, other.user.email, ["viewer"])
    invitation = Invitation.objects.get(email=other.user.email)
    from identity.access import Actor
    from identity.roles import permissions_for
    from identity.services import invitation_resend

    actor = Actor(
        company=acme.company,
        permissions=permissions_for(["owner"]),
        user=acme.user,
        membership=Membership.objects.get(user=acme.user, company=acme.company),
    )
    token = invitation_resend(actor=actor, invitation_id=invitation.pk).link.rsplit("/", 1)[1]

    _, wrong = accept(acme.company, token, password="not-the-password-1")
    assert wrong.status_code == 400 and wrong.json()["code"] == "invalid_credentials"
    client, right = accept(acme.company, token)
    assert right.status_code == 200
    assert client.get("/api/me/").json()["company"]["slug"] == acme.company.slug


def test_invitation_bad_input(acme, signed_in):
    owner = signed_in(acme.user, acme.company)
    member = add_member(acme.company, ["viewer"], email="already@member.test")

    assert invite(owner, member.user.email, ["buyer"]).json()["code"] == "already_member"
    assert invite(owner, "someone@example.com", ["buyer"]).status_code == 201
    assert invite(owner, "someone@example.com", ["buyer"]).json()["code"] == "invitation_pending"
    assert invite(owner, "not-an-address", ["buyer"]).json()["errors"]["email"]
    assert invite(owner, "x@example.com", ["emperor"]).json()["errors"]["roles"]
    assert Invitation.objects.filter(company=acme.company).count() == 1


def test_revoked_and_expired_invitations_cannot_be_used(acme, signed_in):
    owner = signed_in(acme.user, acme.company)
    from identity.access import Actor
    from identity.roles import permissions_for
    from identity.services import invitation_resend

    actor = Actor(
        company=acme.company,
        permissions=permissions_for(["owner"]),
        user=acme.user,
        membership=Membership.objects.get(user=acme.user, company=acme.company),
    )
    first = invite(owner, "revoked@example.com", ["viewer"]).json()
    token = invitation_resend(actor=actor, invitation_id=first["id"]).link.rsplit("/", 1)[1]
    assert owner.post(f"/api/invitations/{first['id']}/revoke/").json()["status"] == "revoked"
    _, revoked = accept(acme.company, token)
    assert revoked.json()["code"] == "invitation_invalid"
    assert owner.post(f"/api/invitations/{first['id']}/revoke/").json()["code"] == "invitation_not_pending"

    second = invite(owner, "expired@example.com", ["viewer"]).json()
    token2 = invitation_resend(actor=actor, invitation_id=second["id"]).link.rsplit("/", 1)[1]
    Invitation.objects.filter(pk=second["id"]).update(expires_at=timezone.now() - timedelta(minutes=1))
    _, expired = accept(acme.company, token2)
    assert expired.json()["code"] == "invitation_invalid"
    assert not User.objects.filter(email__in=["revoked@example.com", "expired@example.com"]).exists()


def test_an_invitation_token_does_not_work_on_another_company(acme, make_company, signed_in):
    from identity.access import Actor
    from identity.roles import permissions_for
    from identity.services import invitation_create

    other = make_company()
    actor = Actor(
        company=acme.company,
        permissions=permissions_for(["owner"]),
        user=acme.user,
        membership=Membership.objects.get(user=acme.user, company=acme.company),
    )
    token = invitation_create(actor=actor, email="cross@example.com", roles=["viewer"]).link.rsplit("/", 1)[1]
    _, response = accept(other.company, token)
    assert response.json()["code"] == "invitation_invalid"
    assert not Membership.objects.filter(company=other.company, user__email="cross@example.com").exists()


# API keys ------------------------------------------------------------------------------------------


def create_key(client, **body):
    return client.post_json("/api/api-keys/", {"name": "ERP sync", "permissions": ["company.view"], **body})


def test_api_key_is_shown_once_stored_hashed_and_works_only_on_its_own_host(acme, make_company, signed_in):
    other = make_company()
    owner = signed_in(acme.user, acme.company)
    created = create_key(owner, permissions=["company.view", "members.manage"])
    assert created.status_code == 201
    secret = created.json()["secret"]
    key = ApiKey.objects.get(pk=created.json()["id"])
    assert secret.startswith(f"hansa_{key.prefix}_") and secret not in key.secret_hash
    assert "secret" not in owner.get("/api/api-keys/").json()["results"][0]

    own = HostClient(company_host_for(acme.company.slug))
    response = own.get("/api/members/", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 200 and response.json()["count"] == 1
    assert ApiKey.objects.get(pk=key.pk).last_used_at is not None
    elsewhere = HostClient(company_host_for(other.company.slug)).get(
        "/api/members/", HTTP_AUTHORIZATION=f"Bearer {secret}"
    )
    assert elsewhere.status_code == 401 and elsewhere.json()["code"] == "authentication_failed"
    assert (
        other.company.slug not in elsewhere.content.decode()
        and acme.company.slug not in elsewhere.content.decode()
    )
    public = HostClient("localhost:8000").get("/api/me/", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert public.status_code == 401
    # The key acts with its own permissions, not its creator's.
    assert own.get("/api/api-keys/", HTTP_X_API_KEY=secret).json()["code"] == "permission_denied"


def test_revoked_and_expired_keys_are_refused(acme, signed_in):
    owner = signed_in(acme.user, acme.company)
    revoked = create_key(owner).json()
    expiring = create_key(owner, expires_at=(timezone.now() + timedelta(hours=1)).isoformat()).json()
    assert owner.delete(f"/api/api-keys/{revoked['id']}/").json()["revoked_at"] is not None
    ApiKey.objects.filter(pk=expiring["id"]).update(expires_at=timezone.now() - timedelta(seconds=1))
    host = HostClient(company_host_for(acme.company.slug))
    for secret in (revoked["secret"], expiring["secret"]):
        assert host.get("/api/company/", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 401


def test_a_key_cannot_carry_permissions_its_creator_lacks(acme, signed_in):
    admin = add_member(acme.company, ["admin"])
    response = create_key(signed_in(admin.user, acme.company), permissions=["company.view", "finance.post"])
    assert response.status_code == 400 and response.json()["code"] == "permission_not_held"
    past = create_key(signed_in(admin.user, acme.company), expires_at="2020-01-01T00:00:00Z")
    assert past.status_code == 400 and "expires_at" in past.json()["errors"]
    assert not ApiKey.objects.filter(company=acme.company).exists()


def test_requests_per_key_are_rate_limited(acme, signed_in, settings):
    settings.HANSA_API_KEY_RATE = "3/min"
    secret = create_key(signed_in(acme.user, acme.company)).json()["secret"]
    host = HostClient(company_host_for(acme.company.slug))
    statuses = [
        host.get("/api/company/", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code for _ in range(4)
    ]
    assert statuses == [200, 200, 200, 429]
    limited = host.get("/api/company/", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert limited.json()["code"] == "too_many_requests" and int(limited["Retry-After"]) > 0


# Sign-in protection and MFA ------------------------------------------------------------------------


def test_repeated_failed_sign_ins_on_a_company_host_are_locked(acme):
    host = HostClient(company_host_for(acme.company.slug))
    login = "/_allauth/browser/v1/auth/login"

    def error_code(password):
        response = host.post_json(login, {"email": acme.user.email, "password": password})
        return response.status_code, response.json()["errors"][0]["code"]

    attempts = [error_code(f"wrong-{i}-password") for i in range(6)]
    assert attempts[:5] == [(400, "email_password_mismatch")] * 5
    assert attempts[5] == (400, "too_many_login_attempts")
    # Locked: even the right password is refused until the window passes.
    assert error_code(PASSWORD) == (400, "too_many_login_attempts")
    assert host.get("/api/me/").status_code == 401
    assert AuditEntry.objects.filter(company=acme.company, action="auth.sign_in_failed").count() >= 5


def test_a_company_requiring_mfa_refuses_members_without_it(acme, signed_in):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    owner = signed_in(acme.user, acme.company)
    refused = owner.patch_json("/api/company/", {"require_mfa": True})
    assert refused.status_code == 409 and refused.json()["code"] == "mfa_setup_required_first"
    TOTP.activate(acme.user, generate_totp_secret())
    assert owner.patch_json("/api/company/", {"require_mfa": True}).json()["require_mfa"] is True
    member = add_member(acme.company, ["viewer"])
    member_client = signed_in(member.user, acme.company)

    refused = member_client.get("/api/members/")
    assert refused.status_code == 403 and refused.json()["code"] == "mfa_required"
    assert member_client.get("/api/me/").status_code == 200  # still allowed to enrol
    TOTP.activate(member.user, generate_totp_secret())
    assert member_client.get("/api/members/").status_code == 200


def test_company_settings_are_validated_and_need_settings_manage(acme, signed_in):
    owner = signed_in(acme.user, acme.company)
    bad = owner.patch_json("/api/company/", {"time_zone": "Mars/Olympus", "locale": "fr"})
    assert bad.status_code == 400 and set(bad.json()["errors"]) == {"time_zone", "locale"}
    viewer = signed_in(add_member(acme.company, ["viewer"]).user, acme.company)
    assert viewer.get("/api/company/").status_code == 200
    assert viewer.patch_json("/api/company/", {"name": "Hijacked"}).status_code == 403


# Audit ---------------------------------------------------------------------------------------------


def test_audit_log_records_access_changes_and_admins_filter_it(acme, signed_in):
    owner = signed_in(acme.user, acme.company)
    member = add_member(acme.company, ["viewer"])
    owner.patch_json(f"/api/members/{member.pk}/", {"roles": ["buyer"]}, HTTP_USER_AGENT="pytest-agent")
    invite(owner, "audit@example.com", ["viewer"])
    key = create_key(owner).json()
    owner.delete(f"/api/api-keys/{key['id']}/")
    owner.delete(f"/api/members/{member.pk}/")

    entries = owner.get("/api/audit/").json()["results"]
    actions = [e["action"] for e in entries]
    assert actions[:5] == [
        "member.removed",
        "api_key.revoked",
        "api_key.created",
        "invitation.created",
        "member.roles_changed",
    ]
    change = entries[4]
    assert change["before"] == {"roles": ["viewer"]} and change["after"] == {"roles": ["buyer"]}
    assert change["actor"] == acme.user.email and change["user_agent"] == "pytest-agent"
    assert change["ip_address"] == "127.0.0.1"
    only_keys = owner.get("/api/audit/?action=api_key.").json()["results"]
    assert [e["action"] for e in only_keys] == ["api_key.revoked", "api_key.created"]
    assert owner.get("/api/audit/?since=not-a-date").json()["errors"]["since"]
    viewer = signed_in(add_member(acme.company, ["viewer"]).user, acme.company)
    assert viewer.get("/api/audit/").status_code == 403


def test_sign_in_and_sign_out_are_audited(acme):
    host = HostClient(company_host_for(acme.company.slug))
    assert (
        host.post_json(
            "/_allauth/browser/v1/auth/login", {"email": acme.user.email, "password": PASSWORD}
        ).status_code
        == 200
    )
    host.delete("/_allauth/browser/v1/auth/session")
    actions = list(AuditEntry.objects.filter(company=acme.company).values_list("action", flat=True))
    assert "auth.signed_in" in actions and "auth.signed_out" in actions


def test_every_generated_secret_authenticates_whatever_characters_it_contains(acme):
    from identity.access import Actor
    from identity.roles import permissions_for
    from identity.services import api_key_authenticate, api_key_create

    actor = Actor(company=acme.company, permissions=permissions_for(["owner"]), user=acme.user)
    secrets = [
        api_key_create(actor=actor, name=f"k{i}", permissions=["company.view"]).secret for i in range(40)
    ]
    assert any("_" in s.split("_", 2)[2] or "-" in s for s in secrets)
    assert all(api_key_authenticate(secret=s, company=acme.company) is not None for s in secrets)
    assert api_key_authenticate(secret=secrets[0] + "x", company=acme.company) is None
