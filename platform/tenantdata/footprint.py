"""One company's rows in the shared (public) tables: the one registry backup, restore, export and erasure use.

A company's footprint is its schema (every table of the tenant apps) plus, for every shared model, the rows
selected here. The selection is the closure of what the database would lose with the company: the rows that
name it, and the rows that hang on those (lines of its invoices, quotes on its RFQs, a partner's invitation
to its RFQ, a partner's grant to it...). ``tests/test_footprint.py`` fails when a shared model is neither
registered here nor listed in ``NOT_COMPANY_DATA`` with the reason, and checks the selection against
Django's own deletion collector.

Two kinds of rows:

- ``OWNED``: the company's own rows. Erasure deletes them; restore inserts them and refuses when a row with
  the same primary key exists (``backup_restore_conflict``).
- ``PEOPLE``: users are global. A member of the company may also be a member elsewhere. Backup takes every
  member's user row (and its e-mail addresses, authenticators, group links); erasure deletes a user only
  when no membership elsewhere is left and the user is no operator; restore inserts a user whose id is free
  and keeps the live row of a user who still exists (same id and same e-mail), refusing a collision (same
  id, other e-mail; or same e-mail, other id).

What stays on purpose: the operators' audit entries about the company (``company`` empty, target the
company) belong to the platform and are kept; partners' rows in their own schemas hold only the company's
id and their own snapshots of its name (no database constraint from a tenant schema to ``public``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import models
from django.db.models import Q, QuerySet

OWNED = "owned"
PEOPLE = "people"


@dataclass(frozen=True)
class Scope:
    """The company whose footprint is selected."""

    company_id: int
    schema_name: str


@dataclass(frozen=True)
class Entry:
    label: str  # app_label.ModelName (auto-created many-to-many tables too: identity.User_groups)
    kind: str
    select: Callable[[Scope], QuerySet[Any]]

    @property
    def model(self) -> Any:
        app_label, name = self.label.split(".")
        return apps.get_model(app_label, name)


def _m(label: str) -> Any:
    app_label, name = label.split(".")
    return apps.get_model(app_label, name)


def _members(s: Scope) -> QuerySet[Any]:
    return _m("identity.User").objects.filter(memberships__company_id=s.company_id).distinct()


def _rfqs(s: Scope) -> QuerySet[Any]:
    return _m("rfq.Rfq").objects.filter(buyer_id=s.company_id)


def _quotes(s: Scope) -> QuerySet[Any]:
    return _m("rfq.Quote").objects.filter(Q(rfq__buyer_id=s.company_id) | Q(supplier_id=s.company_id))


def _grants(s: Scope) -> QuerySet[Any]:
    return _m("sharing.ShareGrant").objects.filter(Q(owner_id=s.company_id) | Q(partner_id=s.company_id))


def _documents(s: Scope) -> QuerySet[Any]:
    return _m("exchange.TradeDocument").objects.filter(
        Q(sender_id=s.company_id) | Q(receiver_id=s.company_id)
    )


def _f(label: str, **lookups: Any) -> Callable[[Scope], QuerySet[Any]]:
    """Rows of ``label`` whose lookup equals the company's id (``"company"``) or schema name (``"schema"``)."""

    def select(s: Scope) -> QuerySet[Any]:
        q = Q()
        for lookup, what in lookups.items():
            q |= Q(**{lookup: s.company_id if what == "company" else s.schema_name})
        return _m(label).objects.filter(q)

    return select


def _sub(
    label: str, lookup: str, parent: Callable[[Scope], QuerySet[Any]]
) -> Callable[[Scope], QuerySet[Any]]:
    """Rows of ``label`` hanging on the parent selection through ``lookup``."""

    def select(s: Scope) -> QuerySet[Any]:
        return _m(label).objects.filter(**{f"{lookup}__in": parent(s).values("pk")})

    return select


def _either(*selects: Callable[[Scope], QuerySet[Any]]) -> Callable[[Scope], QuerySet[Any]]:
    def select(s: Scope) -> QuerySet[Any]:
        q = Q()
        for one in selects:
            q |= Q(pk__in=one(s).values("pk"))
        return selects[0](s).model.objects.filter(q)

    return select


FOOTPRINT: list[Entry] = [
    Entry("tenants.Company", OWNED, lambda s: _m("tenants.Company").objects.filter(pk=s.company_id)),
    Entry("tenants.Domain", OWNED, _f("tenants.Domain", tenant_id="company")),
    # People: global users, see the module's docstring.
    Entry("identity.User", PEOPLE, _members),
    Entry("identity.User_groups", PEOPLE, _sub("identity.User_groups", "user", _members)),
    Entry("identity.User_user_permissions", PEOPLE, _sub("identity.User_user_permissions", "user", _members)),
    Entry("account.EmailAddress", PEOPLE, _sub("account.EmailAddress", "user", _members)),
    Entry(
        "account.EmailConfirmation",
        PEOPLE,
        _sub("account.EmailConfirmation", "email_address", _sub("account.EmailAddress", "user", _members)),
    ),
    Entry("mfa.Authenticator", PEOPLE, _sub("mfa.Authenticator", "user", _members)),
    # Platform rows of the company.
    Entry("identity.Membership", OWNED, _f("identity.Membership", company_id="company")),
    Entry("identity.Invitation", OWNED, _f("identity.Invitation", company_id="company")),
    Entry("identity.ApiKey", OWNED, _f("identity.ApiKey", company_id="company")),
    Entry("identity.AuditEntry", OWNED, _f("identity.AuditEntry", company_id="company")),
    Entry("kernel.OutboxMessage", OWNED, _f("kernel.OutboxMessage", schema_name="schema")),
    Entry("kernel.IdempotencyRecord", OWNED, _f("kernel.IdempotencyRecord", schema_name="schema")),
    Entry("notifications.Notification", OWNED, _f("notifications.Notification", company_id="company")),
    # Marketplace.
    Entry("directory.SupplierProfile", OWNED, _f("directory.SupplierProfile", company_id="company")),
    Entry(
        "directory.SupplierProfile_categories",
        OWNED,
        _f("directory.SupplierProfile_categories", supplierprofile__company_id="company"),
    ),
    Entry("directory.Certification", OWNED, _f("directory.Certification", supplier__company_id="company")),
    Entry(
        "catalog.Listing",
        OWNED,
        _f("catalog.Listing", company_id="company", supplier__company_id="company"),
    ),
    Entry(
        "catalog.PriceTier",
        OWNED,
        _f("catalog.PriceTier", listing__company_id="company", listing__supplier__company_id="company"),
    ),
    Entry(
        "catalog.ListingImage",
        OWNED,
        _f("catalog.ListingImage", listing__company_id="company", listing__supplier__company_id="company"),
    ),
    Entry("catalog.ImportJob", OWNED, _f("catalog.ImportJob", company_id="company")),
    Entry("rfq.Rfq", OWNED, _rfqs),
    Entry("rfq.RfqLine", OWNED, _sub("rfq.RfqLine", "rfq", _rfqs)),
    Entry(
        "rfq.RfqInvitation",
        OWNED,
        _f("rfq.RfqInvitation", rfq__buyer_id="company", supplier_id="company"),
    ),
    Entry("rfq.Quote", OWNED, _quotes),
    Entry("rfq.QuoteLine", OWNED, _sub("rfq.QuoteLine", "quote", _quotes)),
    Entry(
        "rfq.Attachment",
        OWNED,
        _either(
            _f("rfq.Attachment", company_id="company", rfq__buyer_id="company"),
            _sub("rfq.Attachment", "quote", _quotes),
        ),
    ),
    Entry(
        "rfq.Award",
        OWNED,
        _either(
            _f("rfq.Award", rfq__buyer_id="company", supplier_id="company"),
            _sub("rfq.Award", "quote", _quotes),
        ),
    ),
    Entry("rfq.ScreeningPreset", OWNED, _f("rfq.ScreeningPreset", company_id="company")),
    # Trade documents in transit between the company and its partners: the partners' own copies live in
    # their schemas (received documents, orders, invoices) and stay; the public copies go with the company.
    Entry(
        "exchange.TradeDocument",
        OWNED,
        _either(_documents, _sub("exchange.TradeDocument", "refers_to", _documents)),
    ),
    Entry(
        "exchange.PartnerLink", OWNED, _f("exchange.PartnerLink", company_id="company", partner_id="company")
    ),
    Entry("sharing.ShareGrant", OWNED, _grants),
    Entry(
        "sharing.SharedStock",
        OWNED,
        _either(
            _sub("sharing.SharedStock", "grant", _grants),
            _f("sharing.SharedStock", owner_company_id="company", partner_company_id="company"),
        ),
    ),
    Entry(
        "sharing.ReplenishmentPolicy",
        OWNED,
        _either(
            _sub("sharing.ReplenishmentPolicy", "grant", _grants),
            _f("sharing.ReplenishmentPolicy", owner_company_id="company", partner_company_id="company"),
        ),
    ),
    # Billing.
    Entry("billing.Subscription", OWNED, _f("billing.Subscription", company_id="company")),
    Entry(
        "billing.SubscriptionEvent",
        OWNED,
        _f("billing.SubscriptionEvent", company_id="company", subscription__company_id="company"),
    ),
    Entry("billing.UsageCounter", OWNED, _f("billing.UsageCounter", company_id="company")),
    Entry("billing.UsageEvent", OWNED, _f("billing.UsageEvent", company_id="company")),
    Entry("billing.Invoice", OWNED, _f("billing.Invoice", company_id="company")),
    Entry("billing.InvoiceLine", OWNED, _f("billing.InvoiceLine", invoice__company_id="company")),
    Entry(
        "billing.Payment", OWNED, _f("billing.Payment", company_id="company", invoice__company_id="company")
    ),
]

# Shared models that hold no company's data, with the reason (the registry test reads this too).
NOT_COMPANY_DATA: dict[str, str] = {
    "directory.Category": "the platform's category tree, shared by every company",
    "billing.Plan": "the platform's price list",
    "billing.PlanVersion": "the platform's price list",
    "billing.PlanPrice": "the platform's price list",
    "billing.Entitlement": "the platform's price list",
    "billing.InvoiceNumberSequence": "one numbering per year for the whole platform",
    "billing.WebhookEvent": "Stripe's event log of the platform (deduplication of webhooks)",
    "auth.Permission": "Django's permission catalogue",
    "auth.Group": "Django's groups (Hansa keeps roles on memberships)",
    "auth.Group_permissions": "Django's groups (Hansa keeps roles on memberships)",
    "contenttypes.ContentType": "Django's model catalogue",
    "sessions.Session": "sign-in sessions: not data; a restored company's members sign in again",
    "fleet.FleetRelease": "the platform's record of its migration runs",
    "fleet.FleetSchema": "the platform's record of its migration runs (per schema name, not company data)",
    "tenantdata.TenantBackup": "the record of the backups themselves (kept by restore, erased with the company)",
    "tenantdata.PlatformIdentity": "the platform's own id (written into every archive)",
    "tenantdata.CompanyExport": "the owner's export jobs (erased with the company, not backed up)",
    "tenantdata.CompanyClosure": "the closure record: kept after erasure (when, why, by whom)",
}


def entry_for(label: str) -> Entry:
    for entry in FOOTPRINT:
        if entry.label == label:
            return entry
    raise KeyError(label)


def file_fields(model: type[models.Model]) -> list[str]:
    return [f.attname for f in model._meta.concrete_fields if isinstance(f, models.FileField)]
