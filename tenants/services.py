"""Provisioning: the warm pool of tenant schemas, and company sign-up that claims from it."""

from __future__ import annotations

import contextlib
import logging
import secrets
import zoneinfo
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from redis.exceptions import LockError

from billing import selectors as billing_selectors
from billing.services.subscriptions import subscription_start_trial
from identity import selectors as identity_selectors
from identity import services as identity_services
from identity.access import Actor
from identity.models import Language, User
from kernel.errors import ValidationFailed
from kernel.iso import COUNTRIES, COUNTRY_DEFAULT_TIME_ZONE, CURRENCIES
from kernel.redis import redis_client
from kernel.tenancy import company_host, company_url, schema_context
from tenants import selectors
from tenants.exceptions import MfaSetupRequiredFirst, PoolExhausted, SlugTaken
from tenants.finance.services.books import books_open
from tenants.models import Company, CompanyStatus, Domain
from tenants.slugs import slug_problem

logger = logging.getLogger(__name__)

LOCALES = {"zh-hans": Language.ZH_HANS, "zh-cn": Language.ZH_HANS, "zh": Language.ZH_HANS, "en": Language.EN}


def schema_name_new() -> str:
    return f"t_{secrets.token_hex(8)}"


def pool_add_schema() -> Company:
    """Create and migrate one empty schema for the warm pool; takes a fraction of a second.

    The row, the schema and its migrations commit together (PostgreSQL DDL is transactional), so a
    sign-up can never claim a pooled row whose schema is still being built.
    """
    with schema_context("public"), transaction.atomic():
        company = Company(schema_name=schema_name_new(), status=CompanyStatus.POOLED)
        company.save(verbosity=0)
    return company


POOL_REFILL_LOCK_SECONDS = 600


def pool_refill(*, target: int) -> int:
    """Top the warm pool up to ``target`` schemas; returns how many were added.

    A Redis lock keeps two refills (beat ticks, several workers) from overfilling the pool together.
    """
    added = 0
    lock = redis_client().lock(
        f"{settings.CACHES['default']['KEY_PREFIX']}:tenants:pool-refill", timeout=POOL_REFILL_LOCK_SECONDS
    )
    if not lock.acquire(blocking=False):
        return 0
    try:
        while selectors.pool_size() < target:
            pool_add_schema()
            added += 1
            try:  # each schema renews the lock: a long refill keeps it
                lock.extend(POOL_REFILL_LOCK_SECONDS, replace_ttl=True)
            except (
                LockError
            ):  # a build outlived the lock: another refill may be running now, leave it the rest
                break
    finally:
        with contextlib.suppress(LockError):  # expired during the last build: nothing left to release
            lock.release()
    return added


@dataclass(frozen=True)
class SignupResult:
    company: Company
    user: User
    workspace_url: str
    handoff_url: str | None


def _validate_signup(
    *,
    company_name: str,
    slug: str,
    country: str,
    currency: str,
    locale: str,
    full_name: str,
    email: str,
    password: str,
    time_zone: str | None,
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if not company_name.strip():
        errors["company_name"] = ["Enter the company's name."]
    if problem := slug_problem(slug):
        errors["slug"] = [problem[1]]
    if country not in COUNTRIES:
        errors["country"] = ["Use an ISO 3166-1 alpha-2 country code, such as CN or DE."]
    if currency not in CURRENCIES:
        errors["currency"] = ["Use an ISO 4217 currency code, such as CNY or EUR."]
    if locale not in LOCALES:
        errors["locale"] = ["Use zh-hans or en."]
    if time_zone is not None and time_zone not in zoneinfo.available_timezones():
        errors["time_zone"] = ["Use an IANA time zone, such as Asia/Shanghai."]
    try:
        validate_email(email)
    except ValidationError:
        errors["email"] = ["Enter a valid e-mail address."]
    # The same rules for every address, whether or not it has an account: an answer that differed would
    # tell the caller which addresses have one.
    try:
        validate_password(password, user=User(email=email, full_name=full_name))
    except ValidationError as exc:
        errors["password"] = list(exc.messages)
    return errors


def company_signup(
    *,
    company_name: str,
    slug: str,
    country: str,
    currency: str,
    locale: str,
    full_name: str,
    email: str,
    password: str,
    time_zone: str | None = None,
    plan: str | None = None,
    chart_template: str = "",
) -> SignupResult:
    """Create a company with its owner, instantly, by claiming a schema from the warm pool.

    All input is checked before anything is written. The claim, the company's naming, its domain, the
    owner's account and membership happen in one transaction: a failure leaves no company behind (the
    claimed schema simply stays in the pool). When the pool is empty a schema is built on the spot.

    The answer does not reveal whether ``email`` has an account (docs/identity.md). A new address gets
    a new account and a handoff link that signs it in. An address with an account whose password is
    given (and the account not locked by failed attempts) gets the company added to that account and the
    same link. Any other existing address also gets the company, added to the existing account (its
    owner is the only owner), a link of the same form that signs nobody in (it leads to the company's
    sign-in page), and its owner an e-mail telling what happened; the wrong password counts as a failed
    sign-in of that account.

    Raises:
        ValidationFailed: any field is invalid (400, per-field messages).
        SlugTaken: the slug is already used, including by a sign-up racing this one (409).
        PoolExhausted: no schema could be had even after building one (503).
    """
    slug = slug.strip().lower()
    email = email.strip().lower()
    country = country.strip().upper()
    currency = currency.strip().upper()
    locale = locale.strip().lower()
    errors = _validate_signup(
        company_name=company_name,
        slug=slug,
        country=country,
        currency=currency,
        locale=locale,
        full_name=full_name,
        email=email,
        password=password,
        time_zone=time_zone,
    )
    if plan is not None and not billing_selectors.plan_offered_at_signup(code=plan):
        errors["plan"] = ["No such plan."]
    if errors:
        raise ValidationFailed(errors=errors)
    if selectors.company_slug_taken(slug=slug):
        raise SlugTaken(errors={"slug": ["This address is already taken."]})
    existing = identity_selectors.user_by_email(email=email)
    proven_user_id = (
        existing.pk
        if existing is not None
        and identity_services.account_password_proves(user=existing, password=password)
        else None
    )

    for _attempt in range(5):
        try:
            result = _claim_and_name(
                company_name=company_name.strip(),
                slug=slug,
                country=country,
                currency=currency,
                locale=LOCALES[locale],
                full_name=full_name.strip(),
                email=email,
                password=password,
                time_zone=time_zone or COUNTRY_DEFAULT_TIME_ZONE.get(country, "UTC"),
                proven_user_id=proven_user_id,
                plan=plan,
                chart_template=chart_template,
            )
        except IntegrityError as exc:
            if "slug" in str(exc) or "domain" in str(exc):
                raise SlugTaken(errors={"slug": ["This address is already taken."]}) from None
            raise
        if result is not None:
            return result
        # The pool is empty: build a schema now, outside any transaction, then claim again.
        pool_add_schema()
    raise PoolExhausted()


def _claim_and_name(
    *,
    company_name: str,
    slug: str,
    country: str,
    currency: str,
    locale: str,
    full_name: str,
    email: str,
    password: str,
    time_zone: str,
    proven_user_id: int | None,
    plan: str | None = None,
    chart_template: str = "",
) -> SignupResult | None:
    with schema_context("public"), transaction.atomic():
        company = (
            Company.objects.select_for_update(skip_locked=True)
            .filter(status=CompanyStatus.POOLED)
            .order_by("created_at")
            .first()
        )
        if company is None:
            return None
        company.name = company_name
        company.legal_name = company_name
        company.slug = slug
        company.country = country
        company.default_currency = currency
        company.locale = locale
        company.time_zone = time_zone
        company.status = CompanyStatus.ACTIVE
        company.activated_at = timezone.now()
        company.save()
        Domain.objects.create(domain=company_host(slug), tenant=company, is_primary=True)
        subscription_start_trial(company=company, plan_code=plan)
        with schema_context(company.schema_name):
            books_open(currency=currency, country=country, template=chart_template)
        user = identity_selectors.user_by_email(email=email)
        # An existing account whose password was not proven (or appeared since it was checked).
        held = user is not None and user.pk != proven_user_id
        if user is None:
            user = identity_services.user_create(
                email=email, password=password, full_name=full_name, preferred_language=locale
            )
        identity_services.membership_create(user=user, company=company, roles=["owner"])
        if held:
            handoff: str | None = identity_services.handoff_url(user=user, company=company, held=True)
            identity_services.signup_existing_account_notify(user=user, company=company)
        elif identity_selectors.user_has_mfa(user=user):
            handoff = None  # the password was proven: they sign in on the new host with their code
        else:
            handoff = identity_services.handoff_url(user=user, company=company)
        from tenants.tasks import pool_refill_task

        transaction.on_commit(lambda: pool_refill_task.delay())
    return SignupResult(company=company, user=user, workspace_url=company_url(slug), handoff_url=handoff)


@transaction.atomic
def company_update_settings(
    *, actor: Actor, request: HttpRequest | None = None, **changes: object
) -> Company:
    """Change the company's name, legal name, locale, time zone or MFA requirement (settings.manage).

    Raises:
        PermissionMissing: actor lacks settings.manage.
        ValidationFailed: unknown locale or time zone, empty name.
    """
    actor.require("settings.manage")
    company = Company.objects.select_for_update().get(pk=actor.company.pk)
    errors: dict[str, list[str]] = {}
    if "name" in changes and not str(changes["name"]).strip():
        errors["name"] = ["Enter the company's name."]
    if "locale" in changes and changes["locale"] not in (Language.EN, Language.ZH_HANS):
        errors["locale"] = ["Use zh-hans or en."]
    if "time_zone" in changes and changes["time_zone"] not in zoneinfo.available_timezones():
        errors["time_zone"] = ["Use an IANA time zone, such as Asia/Shanghai."]
    if errors:
        raise ValidationFailed(errors=errors)
    if (
        changes.get("require_mfa")
        and actor.user is not None
        and not identity_selectors.user_has_mfa(user=actor.user)
    ):
        # Requiring MFA before having it would lock the acting member out of the workspace.
        raise MfaSetupRequiredFirst()
    before = {field: getattr(company, field) for field in changes}
    for field, value in changes.items():
        setattr(company, field, value.strip() if isinstance(value, str) else value)
    company.save(update_fields=[*changes, "updated_at"])
    identity_services.audit_record(
        action="company.settings_changed",
        company=company,
        actor=actor.user,
        actor_label=actor.label,
        request=request,
        target_type="company",
        target_id=company.slug,
        before=before,
        after={field: getattr(company, field) for field in changes},
    )
    return company
