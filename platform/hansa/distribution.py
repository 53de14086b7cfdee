"""Where each ``public`` table would live on a Citus 12+ cluster with schema-based sharding (docs/scaling.md).

Every tenant schema becomes a distributed schema (one colocation group, placed whole on one worker node).
Each table of ``public`` gets one placement:

- ``reference``: replicated to every node, so that a tenant's queries (which run on the worker that holds
  its schema) can join it there; small and read-mostly: companies, domains, users, keys, plans, categories;
- ``distributed``: hash-distributed on ``column`` across the workers; large, per-company, and always read
  with the company at hand: usage events, notifications, catalog listings, trade documents;
- ``coordinator``: a Citus local table on the coordinator; platform-wide bookkeeping written at a modest
  rate: the outbox, idempotency keys, RFQs, platform billing.

:func:`blockers` reads the Django model graph and lists, per table, what Citus would refuse with this map:
a foreign key Citus cannot keep between the two placements, a primary key or unique constraint of a
distributed table without its distribution column, a missing distribution column, a tenant model joining
(``select_related``) a ``public`` table that is not a reference table. :data:`CHANGES` is what Hansa must
change before it can run on Citus; platform/hansa/tests/test_distribution.py fails when the two disagree, so
this file, the model graph and the table in docs/scaling.md (:func:`markdown_table`) stay true together.

    python -m hansa.distribution        # prints the table for docs/scaling.md
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

REFERENCE = "reference"
DISTRIBUTED = "distributed"
COORDINATOR = "coordinator"


@dataclass(frozen=True)
class Placement:
    kind: str
    column: str = ""
    """The distribution column (``distributed`` only)."""


def _ref() -> Placement:
    return Placement(REFERENCE)


def _coord() -> Placement:
    return Placement(COORDINATOR)


def _dist(column: str) -> Placement:
    return Placement(DISTRIBUTED, column)


PLACEMENTS: dict[str, Placement] = {
    # the platform: read on every request, referenced by tenant tables
    "tenants_company": _ref(),
    "tenants_domain": _ref(),
    "identity_user": _ref(),
    "identity_user_groups": _ref(),
    "identity_user_user_permissions": _ref(),
    "identity_membership": _ref(),
    "identity_apikey": _ref(),
    "identity_invitation": _coord(),
    "identity_auditentry": _coord(),  # operator entries have no company: no distribution column
    "auth_permission": _ref(),
    "auth_group": _ref(),
    "auth_group_permissions": _ref(),
    "django_content_type": _ref(),
    "django_session": _coord(),
    "account_emailaddress": _ref(),
    "account_emailconfirmation": _coord(),
    "mfa_authenticator": _ref(),
    "kernel_outboxmessage": _coord(),
    "kernel_idempotencyrecord": _coord(),
    "notifications_notification": _dist("company_id"),
    # the marketplace
    "directory_category": _ref(),
    "directory_supplierprofile": _ref(),
    "directory_supplierprofile_categories": _ref(),
    "directory_certification": _ref(),
    "catalog_listing": _dist("company_id"),
    "catalog_pricetier": _dist("company_id"),
    "catalog_listingimage": _dist("company_id"),
    "catalog_importjob": _coord(),
    "rfq_rfq": _coord(),
    "rfq_rfqline": _coord(),
    "rfq_rfqinvitation": _coord(),
    "rfq_quote": _coord(),
    "rfq_quoteline": _coord(),
    "rfq_attachment": _coord(),
    "rfq_award": _coord(),
    "rfq_screeningpreset": _coord(),
    "exchange_tradedocument": _dist("receiver_id"),
    "exchange_partnerlink": _dist("company_id"),
    "sharing_sharegrant": _coord(),
    "sharing_sharedstock": _coord(),
    "sharing_replenishmentpolicy": _coord(),
    # platform billing
    "billing_plan": _ref(),
    "billing_planversion": _ref(),
    "billing_planprice": _ref(),
    "billing_entitlement": _ref(),
    "billing_subscription": _coord(),
    "billing_subscriptionevent": _coord(),
    "billing_usagecounter": _dist("company_id"),
    "billing_usageevent": _dist("company_id"),
    "billing_invoice": _coord(),
    "billing_invoiceline": _coord(),
    "billing_invoicenumbersequence": _coord(),
    "billing_payment": _coord(),
    "billing_webhookevent": _coord(),
    # operations: fleet migration records, per-company backups, exports and closures (platform bookkeeping)
    "fleet_release": _coord(),
    "fleet_schema": _coord(),
    "tenantdata_platformidentity": _coord(),
    "tenantdata_tenantbackup": _coord(),
    "tenantdata_companyexport": _coord(),
    "tenantdata_companyclosure": _coord(),
}

# What Hansa must change before this map can be applied (each entry is a blocker :func:`blockers` finds).
CHANGES: dict[str, set[str]] = {
    "notifications_notification": {"unique: id"},
    "catalog_listing": {"unique: id"},
    "catalog_pricetier": {
        "column company_id missing",
        "foreign key listing_id -> catalog_listing (distributed, not on the distribution column)",
        "unique: id",
        "unique: listing_id, min_quantity",
    },
    "catalog_listingimage": {
        "column company_id missing",
        "foreign key listing_id -> catalog_listing (distributed, not on the distribution column)",
        "unique: id",
    },
    "exchange_tradedocument": {
        "foreign key refers_to_id -> exchange_tradedocument (distributed, not on the distribution column)",
        "unique: id",
    },
    "exchange_partnerlink": {"unique: id"},
    "billing_usagecounter": {"unique: id"},
    "billing_usageevent": {"unique: id"},
}


def _tenant_and_shared_labels() -> tuple[set[str], set[str]]:
    from django.apps import apps
    from django.conf import settings

    tenant = {c.label for c in apps.get_app_configs() if c.name in settings.TENANT_APPS}
    shared = {c.label for c in apps.get_app_configs() if c.name in settings.SHARED_APPS}
    return tenant, shared


def _models() -> tuple[list[Any], list[Any]]:
    """(public models, tenant-only models), auto-created many-to-many tables included."""
    from django.apps import apps

    tenant, shared = _tenant_and_shared_labels()
    public, private = [], []
    for model in apps.get_models(include_auto_created=True):
        if not model._meta.managed and not model._meta.auto_created:
            continue
        label = model._meta.app_label
        if label in shared:
            public.append(model)
        elif label in tenant:
            private.append(model)
    return public, private


def public_tables() -> set[str]:
    return {model._meta.db_table for model in _models()[0]}


def _unique_sets(model: Any) -> list[tuple[str, ...]]:
    meta = model._meta
    sets: list[tuple[str, ...]] = []
    for field in meta.concrete_fields:
        if field.primary_key or field.unique:
            sets.append((field.column,))
    for together in meta.unique_together:
        sets.append(tuple(meta.get_field(name).column for name in together))
    for constraint in meta.constraints:
        fields = getattr(constraint, "fields", ())
        if fields and type(constraint).__name__ == "UniqueConstraint":
            sets.append(tuple(meta.get_field(name).column for name in fields))
    return sets


def _fk_allowed(source: Placement, field: Any, target: Placement) -> str | None:
    """None when Citus keeps this foreign key between the two placements, else why not."""
    if target.kind == REFERENCE:
        return None
    if source.kind == REFERENCE:
        return f"({target.kind}; a reference table may only reference reference tables)"
    if source.kind == COORDINATOR:
        return None if target.kind == COORDINATOR else "(distributed, from a coordinator table)"
    # source is distributed: only a colocated target, joined on both distribution columns
    if target.kind == DISTRIBUTED and field.column == source.column and target.column == "id":
        return None
    return f"({target.kind}, not on the distribution column)"


def blockers(placements: dict[str, Placement] | None = None) -> dict[str, set[str]]:
    """What Citus would refuse, per table, if ``placements`` (default :data:`PLACEMENTS`) were applied."""
    placements = PLACEMENTS if placements is None else placements
    public, private = _models()
    found: dict[str, set[str]] = {}

    def add(table: str, text: str) -> None:
        found.setdefault(table, set()).add(text)

    for model in public:
        table = model._meta.db_table
        place = placements.get(table)
        if place is None:
            add(table, "no placement")
            continue
        columns = {field.column for field in model._meta.concrete_fields}
        if place.kind == DISTRIBUTED:
            if place.column not in columns:
                add(table, f"column {place.column} missing")
            for unique in _unique_sets(model):
                if place.column not in unique:
                    add(table, "unique: " + ", ".join(unique))
        for field in model._meta.concrete_fields:
            if not field.is_relation or field.related_model is None or not field.db_constraint:
                continue
            target_table = field.related_model._meta.db_table
            target = placements.get(target_table)
            if target is None:
                continue  # reported as "no placement" on its own table
            why = _fk_allowed(place, field, target)
            if why:
                add(table, f"foreign key {field.column} -> {target_table} {why}")
    public_set = {m._meta.db_table for m in public}
    for model in private:
        for field in model._meta.concrete_fields:
            if not field.is_relation or field.related_model is None:
                continue
            target_table = field.related_model._meta.db_table
            if target_table not in public_set:
                continue
            target = placements.get(target_table)
            if target is None or target.kind != REFERENCE:
                kind = target.kind if target else "unplaced"
                add(
                    model._meta.db_table,
                    f"tenant relation {field.column} -> {target_table} ({kind}: not on the tenant's worker)",
                )
    return found


def markdown_table(placements: dict[str, Placement] | None = None) -> str:
    """The table of placements and required changes that docs/scaling.md embeds."""
    placements = PLACEMENTS if placements is None else placements
    found = blockers(placements)
    rows = ["| `public` table | Citus placement | Hansa must change |", "|---|---|---|"]
    for table in sorted(placements):
        place = placements[table]
        where = f"distributed by `{place.column}`" if place.kind == DISTRIBUTED else place.kind
        changes = "; ".join(sorted(found.get(table, set()))) or "nothing"
        rows.append(f"| `{table}` | {where} | {changes} |")
    return "\n".join(rows)


if __name__ == "__main__":
    import django

    django.setup()
    print(markdown_table())
