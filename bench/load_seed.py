"""Seeding the load test's world, through the services the API calls (Django set up by the caller).

``seed(companies=100)`` makes companies ``<prefix>-000`` ... (sign-up through the warm pool, on the
Enterprise plan so that no quota answers 402 in the middle of a run), each with:

- three members: the owner (sign-up), a requester (role ``buyer``) and an approver (role ``approver``);
- a one-step approval rule that every purchase order matches (the approver decides it);
- a supplier profile (role ``both``) in one of the demo catalogs' categories, and ``listings`` catalog
  listings drawn like the demo catalogs (unit ``pcs``);
- an inventory item for every listed SKU with 1,000,000 units in its warehouse (so that accepting a sales
  order reserves stock and its shipment goes out);

and signs every member in on its company's host (a session stored in that company's schema, as the
browser's sign-in would). The companies form a ring: company k buys from company k + 1
(``bench/load_workload.py``). Seeding is idempotent: companies that exist are read back, not made again
(their members get fresh sessions).

Returns the world as JSON-ready data for ``load_workload.World.from_json``.
"""

from __future__ import annotations

import dataclasses
import random
import secrets
import string
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from decimal import Decimal
from typing import Any

PASSWORD = "Quartz-kettle-7193-harbour"  # the load test's throw-away accounts (unlike any e-mail)
STOCK = Decimal(1_000_000)
ROLES = {"requester": ["buyer"], "approver": ["approver"]}


def _csrf_secret() -> str:
    alphabet = string.ascii_letters + string.digits
    return "".join(secrets.choice(alphabet) for _ in range(32))  # Django's CSRF secret: 32 alphanumerics


def _session(company: Any, user: Any) -> dict[str, str]:
    from django.conf import settings
    from django.test import Client

    from kernel.tenancy import company_context

    client = Client()
    with company_context(company):  # the session is stored in the company's own schema
        client.force_login(user, backend="identity.backends.MemberAwareBackend")
    return {"session": client.cookies[settings.SESSION_COOKIE_NAME].value, "csrf": _csrf_secret()}


def _actor(company: Any, user: Any) -> Any:
    from identity.access import Actor
    from identity.models import Membership
    from identity.roles import permissions_for

    membership = Membership.objects.get(company=company, user=user)
    return Actor(
        company=company, permissions=permissions_for(membership.roles), user=user, membership=membership
    )


def _catalog(index: int) -> Any:
    from marketplace.catalog.demo import CATALOGS

    return CATALOGS[index % len(CATALOGS)]


def _words(catalog: Any) -> list[str]:
    """Search words: the last word of each product's English name ("bearings", "crackers", ...)."""
    return sorted(
        {name_en.split()[-1].lower() for pairs in catalog.products.values() for _zh, name_en in pairs}
    )


def _make_company(index: int, slug: str, listings: int) -> Any:
    from django.db import transaction

    from identity.models import User
    from identity.services import membership_create
    from kernel.tenancy import company_context
    from marketplace.catalog.demo import _rows
    from marketplace.catalog.services import category_index, listings_upsert
    from marketplace.catalog.validation import listing_clean
    from marketplace.directory import services as directory
    from tenants.inventory import services as inventory
    from tenants.procurement import services as procurement
    from tenants.procurement.services import StepInput
    from tenants.selectors import company_get_by_slug
    from tenants.services import company_signup

    company = company_get_by_slug(slug=slug)
    if company is None:
        signed = company_signup(
            company_name=f"Load Company {index:03d}",
            slug=slug,
            country="CN",
            currency="CNY",
            locale="en",
            full_name=f"Owner {index:03d}",
            email=f"owner@{slug}.load.test",
            password=PASSWORD,
            plan="enterprise",
        )
        company = signed.company
    elif User.objects.filter(email=f"requester@{slug}.load.test").exists():
        return company  # complete: everything below commits in one transaction
    # A company signed up by a run that stopped before the rest (one transaction) is furnished now.
    owner_user = User.objects.get(email=f"owner@{slug}.load.test")
    with transaction.atomic():
        for name, roles in ROLES.items():
            user = User.objects.create_user(email=f"{name}@{slug}.load.test", password=PASSWORD)
            membership_create(user=user, company=company, roles=roles)
        owner = _actor(company, owner_user)
        catalog = _catalog(index)
        profile = directory.supplier_profile_save(
            actor=owner,
            data=directory.ProfileInput(
                **{
                    **catalog.profile,
                    "role": "both",
                    "display_name_en": f"Load Company {index:03d}",
                    "display_name_zh": f"负载测试公司 {index:03d}",
                }
            ),
        )
        categories = category_index()
        rng = random.Random(f"hansa-load-{slug}")
        rows = _rows(dataclasses.replace(catalog, slug=slug, count=listings), rng)
        for row in rows:
            row["unit"] = "pcs"
            row["status"] = "active"
        cleaned = [listing_clean(row, categories=categories) for row in rows]
        listings_upsert(supplier=profile, rows=cleaned, categories=categories)
        with company_context(company):
            procurement.approval_rule_create(
                actor=owner,
                name="Every order",
                priority=1,
                min_amount=Decimal(0),
                steps=[StepInput(roles=("approver",))],
            )
            warehouse = inventory.warehouse_create(actor=owner, code="MAIN", name="Main warehouse")
            for row in rows:
                item = inventory.item_create(
                    actor=owner,
                    sku=row["sku"],
                    name_zh=row["name_zh"],
                    name_en=row["name_en"],
                    unit="pcs",
                    category_code=row["category_code"],
                )
                inventory.stock_receive(
                    item=item, warehouse=warehouse, quantity=STOCK, reference="load test opening", actor=owner
                )
    return company


@contextmanager
def cloning(template: str = "t_load_template") -> Iterator[None]:
    """Sign-ups with an empty warm pool clone a migrated template schema instead of migrating a new one.

    django-tenants' clone path (``TENANT_BASE_SCHEMA`` with ``TENANT_CREATION_FAKES_MIGRATIONS``, as
    bench/provisioning.py measures it): on a busy 2-core host migrating one schema took ~35 s. The template
    is migrated here, now, and dropped afterwards (it is no company's: no fleet migration would keep it up
    to date).
    """
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f'DROP SCHEMA IF EXISTS "{template}" CASCADE')
        cursor.execute(f'CREATE SCHEMA "{template}"')
    saved = (
        getattr(settings, "TENANT_BASE_SCHEMA", None),
        getattr(settings, "TENANT_CREATION_FAKES_MIGRATIONS", False),
    )
    try:
        call_command("migrate_schemas", tenant=True, schema_name=template, interactive=False, verbosity=0)
        settings.TENANT_BASE_SCHEMA = template
        settings.TENANT_CREATION_FAKES_MIGRATIONS = True
        yield
    finally:
        settings.TENANT_BASE_SCHEMA, settings.TENANT_CREATION_FAKES_MIGRATIONS = saved
        connection.set_schema_to_public()
        with connection.cursor() as cursor:
            cursor.execute(f'DROP SCHEMA IF EXISTS "{template}" CASCADE')


def seed(
    *, companies: int = 100, listings: int = 20, prefix: str = "load", say: Any = print
) -> dict[str, Any]:
    """Make (or read back) the ring of ``companies`` companies; returns the world (see the module)."""
    from django.conf import settings

    from identity.models import User
    from kernel.tenancy import company_context, company_host
    from marketplace.directory.categories import category_tree_ensure
    from tenants.inventory.models import Item
    from tenants.selectors import company_get_by_slug, pool_size

    if companies < 2:
        raise ValueError("the ring needs at least 2 companies")
    category_tree_ensure()
    missing = [
        i
        for i in range(companies)
        if not User.objects.filter(email=f"requester@{prefix}-{i:03d}.load.test").exists()
    ]
    made = 0
    if missing:
        with cloning() if len(missing) > pool_size() + 2 else nullcontext():
            for index in missing:
                _make_company(index, f"{prefix}-{index:03d}", listings)
                made += 1
                if made % 10 == 0:
                    say(f"seeded {made} companies ...")
    world: list[dict[str, Any]] = []
    for index in range(companies):
        slug = f"{prefix}-{index:03d}"
        company = company_get_by_slug(slug=slug)
        members = {}
        for name in ("owner", *ROLES):
            user = User.objects.get(email=f"{name}@{slug}.load.test")
            members[name] = _session(company, user)
        with company_context(company):
            skus = list(Item.objects.order_by("sku").values_list("sku", flat=True))
        catalog = _catalog(index)
        world.append(
            {
                "id": company.pk,
                "slug": slug,
                "host": company_host(slug),
                **members,
                "category": sorted(catalog.products)[0],
                "skus": skus,
                "words": _words(catalog),
            }
        )
    say(f"world: {companies} companies ({made} made now, {companies - made} read back)")
    return {
        "session_cookie": settings.SESSION_COOKIE_NAME,
        "csrf_cookie": settings.CSRF_COOKIE_NAME,
        "companies": world,
    }


def main(argv: list[str]) -> int:
    """``python bench/load_seed.py PREFIX LISTINGS TEMPLATE INDEX...``: make these companies (one process of
    bench/load.py's parallel seeding; Django set up from the environment, a template schema of its own)."""
    import django

    django.setup()
    prefix, listings, template, *indices = argv
    with cloning(template):
        for index in map(int, indices):
            _make_company(index, f"{prefix}-{index:03d}", int(listings))
    return 0


if __name__ == "__main__":
    import sys
    from pathlib import Path

    # Run as a script, bench/ comes first on the path, and bench/billing.py would shadow the billing app.
    here = Path(__file__).resolve().parent
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != here]
    sys.exit(main(sys.argv[1:]))
