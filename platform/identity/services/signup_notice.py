# ruff: noqa: RUF001 - the Chinese text uses Chinese punctuation
"""The e-mail to an account's owner when someone signs up a company with its address.

Company sign-up answers an address that already has an account exactly as it answers a new one
(docs/identity.md, "Sign-up does not reveal accounts"); what happened is told to the only person who
may know it, the owner of the mailbox, in their language.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.mail import send_mail

from identity.models import Language, User
from kernel.outbox import outbox_record
from kernel.tenancy import company_url, public_url
from tenants.models import Company

TOPIC = "identity.signup_existing_account"

_TEXT = {
    Language.EN: (
        "A company was added to your Hansa account: {name}",
        "Someone - perhaps you - signed up the company \u201c{name}\u201d on Hansa with this e-mail address "
        "({email}), which already has a Hansa account.\n\n"
        "The password given was not your account's, so nobody was signed in and nobody else was given "
        "access. The new workspace was added to your account, with you as its only owner:\n{workspace}\n\n"
        "If it was you: sign in there with your existing password:\n{signin}\n"
        "Forgot it? Choose a new one here:\n{reset}\n\n"
        "If it was not you: nobody but you can enter the workspace. You may ignore this e-mail, or ask "
        "Hansa's operators to close the workspace.",
    ),
    Language.ZH_HANS: (
        "您的 Hansa 账户新增了一家公司：{name}",
        "有人（也许是您本人）使用此电子邮箱（{email}）在 Hansa 注册了公司“{name}”，而该邮箱已有 Hansa 账户。\n\n"
        "注册时填写的密码与您账户的密码不符，因此没有任何人被登录，也没有任何他人获得访问权限。"
        "新的工作区已加入您的账户，您是唯一的所有者：\n{workspace}\n\n"
        "如果是您本人：请用您现有的密码在此登录：\n{signin}\n"
        "忘记密码？请在此设置新密码：\n{reset}\n\n"
        "如果不是您本人：除您以外没有人能进入该工作区。您可以忽略此邮件，或请 Hansa 运营人员关闭该工作区。",
    ),
}


def signup_existing_account_notify(*, user: User, company: Company) -> None:
    """Queue the e-mail (outbox: it leaves only if the sign-up commits)."""
    outbox_record(topic=TOPIC, payload={"user_id": user.pk, "company_id": company.pk})


def signup_existing_account_mail_send(*, user_id: int, company_id: int) -> None:
    """Send the e-mail in the owner's preferred language; nothing if the user or company is gone."""
    user = User.objects.filter(pk=user_id).first()
    company = Company.objects.filter(pk=company_id).first()
    if user is None or company is None or not company.slug:
        return
    subject, body = _TEXT.get(Language(user.preferred_language), _TEXT[Language.EN])
    values = {
        "name": company.name,
        "email": user.email,
        "workspace": company_url(company.slug),
        "signin": company_url(company.slug, f"/signin?{urlencode({'email': user.email})}"),
        "reset": public_url("/account/password/reset"),
    }
    send_mail(
        subject=subject.format(**values),
        message=body.format(**values),
        from_email=None,
        recipient_list=[user.email],
    )
