"""Password reset through allauth headless: same answer for every address, a link to the web app, a new
password that ends every session of the account (API keys untouched), e-mails in the owner's language."""

from __future__ import annotations

import re

import pytest

from conftest import PASSWORD, HostClient, company_host_for
from identity.models import AuditEntry

pytestmark = pytest.mark.django_db

REQUEST = "/_allauth/browser/v1/auth/password/request"
RESET = "/_allauth/browser/v1/auth/password/reset"
LOGIN = "/_allauth/browser/v1/auth/login"
NEW_PASSWORD = "a-brand-new-passphrase-7"
LINK = re.compile(r"http://localhost:8000/account/password/reset/(?P<key>\S+)")


def reset_key(mail) -> str:
    match = LINK.search(mail.body)
    assert match, mail.body
    return match.group("key")


@pytest.mark.parametrize("host_of", ["public", "company"])
def test_known_and_unknown_addresses_get_the_same_answer_and_each_an_e_mail(
    make_company, mailoutbox, host_of
):
    a = make_company(locale="en")
    host = "localhost:8000" if host_of == "public" else company_host_for(a.company.slug)
    client = HostClient(host)

    known = client.post_json(REQUEST, {"email": a.user.email.upper()})
    unknown = client.post_json(REQUEST, {"email": "nobody-here@example.com"})

    assert known.status_code == unknown.status_code == 200
    assert known.json() == unknown.json()
    assert known["Content-Type"] == unknown["Content-Type"]
    [to_known] = [m for m in mailoutbox if m.to == [a.user.email]]
    [to_unknown] = [m for m in mailoutbox if m.to == ["nobody-here@example.com"]]
    assert to_known.subject == "[Hansa] Reset your Hansa password"
    assert reset_key(to_known) and "one hour" in to_known.body
    assert "has no Hansa account" in to_unknown.body and not LINK.search(to_unknown.body)
    assert "http://localhost:8000/signup" in to_unknown.body


def test_a_new_password_ends_every_session_and_leaves_api_keys_working(make_company, signed_in, mailoutbox):
    a = make_company(locale="en")
    company_session = signed_in(a.user, a.company)
    public_session = HostClient("localhost:8000")
    assert public_session.post_json(LOGIN, {"email": a.user.email, "password": PASSWORD}).status_code == 200
    assert public_session.get("/api/me/").status_code == 200
    created = company_session.post_json("/api/api-keys/", {"name": "ERP", "permissions": ["company.view"]})
    secret = created.json()["secret"]

    anonymous = HostClient("localhost:8000")
    anonymous.post_json(REQUEST, {"email": a.user.email})
    key = reset_key(mailoutbox[-1])
    check = anonymous.get(RESET, HTTP_X_PASSWORD_RESET_KEY=key)
    assert check.status_code == 200 and check.json()["data"]["user"]["email"] == a.user.email

    done = anonymous.post_json(RESET, {"key": key, "password": NEW_PASSWORD})

    assert done.status_code == 401  # reset, and (by design) not signed in
    a.user.refresh_from_db()
    assert a.user.check_password(NEW_PASSWORD) and not a.user.check_password(PASSWORD)
    # Every session of the account has ended, on the company's host and on the public host.
    assert company_session.get("/api/me/").status_code == 401
    assert public_session.get("/api/me/").status_code == 401
    # The company's API key is not a session: it keeps working.
    on_company = HostClient(company_host_for(a.company.slug))
    assert on_company.get("/api/company/", HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 200
    # The new password signs in; the link works once.
    assert on_company.post_json(LOGIN, {"email": a.user.email, "password": NEW_PASSWORD}).status_code == 200
    again = HostClient("localhost:8000").post_json(RESET, {"key": key, "password": "yet-another-pass-99"})
    assert again.status_code == 400
    assert AuditEntry.objects.filter(actor=a.user, action="auth.password_reset").count() == 1
    changed = [m for m in mailoutbox if m.to == [a.user.email] and "was changed" in m.subject]
    assert changed and "signed out everywhere" in changed[0].body


def test_a_weak_new_password_is_refused_and_nothing_changes(make_company, mailoutbox):
    a = make_company()
    client = HostClient("localhost:8000")
    client.post_json(REQUEST, {"email": a.user.email})
    key = reset_key(mailoutbox[-1])

    response = client.post_json(RESET, {"key": key, "password": "password123"})

    assert response.status_code == 400
    assert {e["param"] for e in response.json()["errors"]} == {"password"}
    a.user.refresh_from_db()
    assert a.user.check_password(PASSWORD)
    assert client.get(RESET, HTTP_X_PASSWORD_RESET_KEY=key).status_code == 200  # still usable


def test_a_bad_key_is_refused(make_company):
    response = HostClient("localhost:8000").get(RESET, HTTP_X_PASSWORD_RESET_KEY="1-not-a-key")
    assert response.status_code == 400


def test_e_mails_are_in_the_owner_s_language_or_the_requester_s(make_company, mailoutbox):
    a = make_company(locale="zh-hans")
    client = HostClient("localhost:8000")
    client.post_json(REQUEST, {"email": a.user.email})
    client.post_json(REQUEST, {"email": "wei-zhang@example.cn"}, HTTP_ACCEPT_LANGUAGE="zh-CN,zh;q=0.9")

    [mail] = [m for m in mailoutbox if m.to == [a.user.email]]
    assert mail.subject == "[Hansa] 重设您的 Hansa 密码" and "一小时内有效" in mail.body
    assert reset_key(mail)
    [unknown] = [m for m in mailoutbox if m.to == ["wei-zhang@example.cn"]]
    assert "没有 Hansa 账户" in unknown.body


def test_known_and_unknown_addresses_take_about_the_same_time(make_company, mailoutbox):
    """Both paths look the address up, render one e-mail and send it: no timing tells them apart."""
    import statistics
    import time

    a = make_company()
    client = HostClient("localhost:8000")

    def timed(email: str) -> float:
        start = time.perf_counter()
        assert client.post_json(REQUEST, {"email": email}).status_code == 200
        return time.perf_counter() - start

    timed("warm-up@example.com")  # first-use costs (templates, connections) out of the way
    known, unknown = [], []
    for i in range(4):  # allauth allows 5 requests a minute per address
        known.append(timed(a.user.email))
        unknown.append(timed(f"nobody-{i}@example.com"))
    fast, slow = sorted([statistics.median(known), statistics.median(unknown)])
    assert slow - fast < 0.05 or slow < 3 * fast, (known, unknown)
    assert len(mailoutbox) == 9
