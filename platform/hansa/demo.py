"""Demo data: the product's two reference customers as buyers, three suppliers, and an operator.

Everything is created through the same services a real sign-up uses. Later capabilities extend
:data:`DEMO_COMPANIES` with their own records.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from identity.published_secrets import DEMO_OPERATOR_TOTP_SECRET

DEMO_PASSWORD = "hansa-demo-2026"  # noqa: S105 - published demo sign-in
OPERATOR_EMAIL = "operator@hansa.demo"
# Operators must use MFA. The demo operator's authenticator secret is published here (demo only): add it to
# any authenticator app (TOTP, SHA-1, 6 digits, 30 s) to sign in as the operator. With DEBUG off Hansa
# refuses to start while an operator uses it (identity.published_secrets).
OPERATOR_TOTP_SECRET = DEMO_OPERATOR_TOTP_SECRET


@dataclass(frozen=True)
class DemoCompany:
    slug: str
    name: str
    country: str
    currency: str
    locale: str
    kind: str
    owner: tuple[str, str]
    members: list[tuple[str, str, list[str]]] = field(default_factory=list)
    # The plan its trial starts on (None: the platform's default trial plan).
    plan: str | None = None


DEMO_COMPANIES: list[DemoCompany] = [
    DemoCompany(
        "huaxia-machinery",
        "华夏重型机械有限公司",
        "CN",
        "CNY",
        "zh-hans",
        "buyer: machinery manufacturer",
        ("owner@huaxia.demo", "王建国"),
        [
            ("buyer@huaxia.demo", "李采购", ["buyer"]),
            ("approver@huaxia.demo", "张经理", ["approver"]),
            ("warehouse@huaxia.demo", "赵仓管", ["warehouse"]),
            ("finance@huaxia.demo", "陈会计", ["finance"]),
        ],
        plan="business",  # its demo RFQs are sealed: a Business feature
    ),
    DemoCompany(
        "freshmart",
        "鲜果汇连锁超市",
        "CN",
        "CNY",
        "zh-hans",
        "buyer: supermarket chain",
        ("owner@freshmart.demo", "刘芳"),
        [
            ("buyer@freshmart.demo", "周采购", ["buyer"]),
            ("approver@freshmart.demo", "吴总监", ["approver"]),
            ("finance@freshmart.demo", "孙出纳", ["finance"]),
        ],
    ),
    DemoCompany(
        "precision-bearings",
        "无锡精密轴承有限公司",
        "CN",
        "CNY",
        "zh-hans",
        "supplier: bearings",
        ("owner@bearings.demo", "钱志强"),
        [("sales@bearings.demo", "郑销售", ["sales"]), ("warehouse@bearings.demo", "冯仓储", ["warehouse"])],
    ),
    DemoCompany(
        "northsteel",
        "Nordstahl Werke GmbH",
        "DE",
        "EUR",
        "en",
        "supplier: steel",
        ("owner@northsteel.demo", "Katrin Weber"),
        [
            ("sales@northsteel.demo", "Jonas Becker", ["sales"]),
            ("finance@northsteel.demo", "Mia Schulz", ["finance"]),
        ],
    ),
    DemoCompany(
        "goldenfoods",
        "金谷食品有限公司",
        "CN",
        "CNY",
        "zh-hans",
        "supplier: packaged food",
        ("owner@goldenfoods.demo", "黄丽"),
        [("sales@goldenfoods.demo", "林销售", ["sales"]), ("viewer@goldenfoods.demo", "何顾问", ["viewer"])],
    ),
]


def database_is_fresh() -> bool:
    """Nobody has used this database yet: no company (pooled schemas aside) and no account."""
    from identity.models import User
    from tenants.models import Company, CompanyStatus

    return (
        not Company.objects.exclude(status=CompanyStatus.POOLED).exclude(schema_name="public").exists()
        and not User.objects.exists()
    )


def demo_wanted(*, flag: bool | None, setting: bool | None, fresh: bool) -> bool:
    """Whether ``./hansa run`` creates the demo data (when absent).

    ``--demo`` / ``--no-demo`` (``flag``) decide; without either, ``HANSA_DEMO`` (``setting``) does;
    with neither, only a fresh database gets it, so that a machine once used without demo data (or whose
    demo accounts were deleted) is never re-seeded with the published sign-ins behind its back.
    """
    if flag is not None:
        return flag
    if setting is not None:
        return setting
    return fresh


def demo_present() -> bool:
    from tenants.selectors import company_get_by_slug

    return all(company_get_by_slug(slug=c.slug) is not None for c in DEMO_COMPANIES)


def demo_create() -> None:
    from identity import selectors as identity_selectors
    from identity import services as identity_services
    from identity.models import User
    from tenants.selectors import company_get_by_slug
    from tenants.services import company_signup

    for demo in DEMO_COMPANIES:
        company = company_get_by_slug(slug=demo.slug)
        if company is None:
            company = company_signup(
                company_name=demo.name,
                slug=demo.slug,
                country=demo.country,
                currency=demo.currency,
                locale=demo.locale,
                full_name=demo.owner[1],
                email=demo.owner[0],
                password=DEMO_PASSWORD,
                plan=demo.plan,
            ).company
        with transaction.atomic():
            for email, full_name, roles in demo.members:
                user = identity_selectors.user_by_email(email=email) or identity_services.user_create(
                    email=email, password=DEMO_PASSWORD, full_name=full_name, preferred_language=demo.locale
                )
                identity_services.membership_create(user=user, company=company, roles=roles)
    # Demo addresses (*.demo) receive no mail: mark them verified so that no verification e-mail is queued.
    from allauth.account.models import EmailAddress

    EmailAddress.objects.filter(email__endswith=".demo").update(verified=True)
    if not User.objects.filter(email=OPERATOR_EMAIL).exists():
        from allauth.mfa.totp.internal.auth import TOTP

        operator = User.objects.create_user(
            email=OPERATOR_EMAIL,
            password=DEMO_PASSWORD,
            full_name="Platform Operator",
            is_operator=True,
            is_staff=True,
        )
        TOTP.activate(operator, OPERATOR_TOTP_SECRET)

    from marketplace.catalog.demo import demo_catalogs_create

    demo_catalogs_create(operator=User.objects.filter(email=OPERATOR_EMAIL).first())

    from marketplace.rfq.demo import demo_rfqs_create

    demo_rfqs_create()

    from tenants.inventory.demo import demo_inventory_create

    demo_inventory_create()

    from tenants.sales.demo import demo_sales_create

    demo_sales_create()

    from tenants.procurement.demo import demo_procurement_create

    demo_procurement_create()

    # A year of books: monthly trade invoiced and paid between the demo companies, two commercial bills
    # (one endorsed, one discounted), postings of every event (docs/finance.md).
    from tenants.finance.demo import demo_finance_create

    demo_finance_create()

    # Supply-chain collaboration: shared stock and vendor-managed replenishment, a 12-week forecast and its
    # commitment, tracked shipments, tomorrow's route plan (docs/supplychain.md).
    from tenants.supplychain.demo import demo_supplychain_create

    demo_supplychain_create()

    # The ratings the directory shows and ranks by, from the history the demo just made (the daily beat
    # task keeps them current afterwards).
    from marketplace.directory.services import supplier_reputation_refresh

    supplier_reputation_refresh()

    # Plans, a year of invoices and usage, one company past due and one trialing (the console's charts).
    from billing.demo import demo_billing_create

    operator_id = User.objects.filter(email=OPERATOR_EMAIL).values_list("pk", flat=True).first()
    demo_billing_create(operator_id=operator_id)


def demo_delete() -> None:
    from identity.models import User
    from tenants.models import Company

    slugs = [c.slug for c in DEMO_COMPANIES]
    emails = (
        [OPERATOR_EMAIL]
        + [c.owner[0] for c in DEMO_COMPANIES]
        + [m[0] for c in DEMO_COMPANIES for m in c.members]
    )
    from django.db import connection

    # Rows written earlier in this transaction leave deferred foreign-key checks pending, and PostgreSQL
    # refuses to drop a table with pending trigger events: run those checks now, then defer again (the
    # deletes below rely on deferred checks).
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    from billing.demo import demo_billing_delete

    demo_billing_delete(company_ids=list(Company.objects.filter(slug__in=slugs).values_list("pk", flat=True)))
    for company in Company.objects.filter(slug__in=slugs):
        company.delete(force_drop=True)
    User.objects.filter(email__in=emails).delete()


def banner_without_demo() -> str:
    from kernel.tenancy import public_url

    return "\n".join(
        [
            "",
            "=" * 78,
            "  Hansa is running (no demo data).",
            f"  Public site (sign-up, sign-in, marketplace):  {public_url('/')}",
            f"  API docs:                                    {public_url('/api/docs/')}",
            "",
            "  Press Ctrl-C to stop.",
            "=" * 78,
            "",
        ]
    )


def banner() -> str:
    from kernel.tenancy import company_url, public_url

    lines = [
        "",
        "=" * 78,
        "  Hansa is running.",
        f"  Public site (sign-up, sign-in, marketplace):  {public_url('/')}",
        f"  Operator console:                            {public_url('/console')}  ({OPERATOR_EMAIL})",
        f"    operator TOTP secret (demo only):          {OPERATOR_TOTP_SECRET}",
        f"  API docs:                                    {public_url('/api/docs/')}",
        "",
        f"  Demo companies (every demo account's password: {DEMO_PASSWORD})",
    ]
    for c in DEMO_COMPANIES:
        lines.append(f"    {company_url(c.slug):<44} {c.owner[0]:<28} {c.kind}")
        for email, _name, roles in c.members:
            lines.append(f"    {'':<44} {email:<28} {', '.join(roles)}")
    lines += ["", "  Press Ctrl-C to stop.", "=" * 78, ""]
    return "\n".join(lines)
