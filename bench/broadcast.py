"""RFQ matching and invitations at scale: publish an RFQ that matches 100, 1,000 and 10,000 suppliers.

    .venv/bin/python bench/broadcast.py [--runs 3]

Into a scratch database (created and dropped here; on the embedded PostgreSQL under var/bench/, or on
DATABASE_URL's server when it is set) it inserts, in bulk, 10,000 active supplier companies (rows only, no
tenant schemas) with listed supplier profiles serving the seeded category tree plus a bench category, in
China or Jiangsu, holding ISO 9001, 20 % verified; two public catalog listings per supplier in each
bench category it serves (22,200 listings: the ranking's price level and lead time come from them); a
quote history (closed and awarded RFQs with invitations, quotes and awards) and the supplier ratings the
directory computes from it (the ranking's reputation); and one buyer.

For 100, 1,000 and 10,000 matching suppliers it then publishes RFQs (one line requiring ISO 9001 in a
category exactly that many suppliers serve, top N = all of them) through ``rfq_publish``, the service the
API calls, and prints the wall time of the publish (matching, ranking, storing every invitation,
committing) and the number of SQL queries it made (CaptureQueriesContext): the count must not grow with
the number of suppliers. Target: <= 2 s at 10,000.

Finally it runs the broadcast of the 10,000-supplier RFQ (one member with rfq.quote per supplier: 10,000
notifications and e-mails through the locmem mail backend, in batches) and prints its time and queries.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
import uuid
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "platform")]

SUPPLIERS = 10_000
SIZES = (100, 1_000, 10_000)
BATCH = 2_000


def seed(random_: random.Random) -> dict[str, object]:
    """Bulk-insert the suppliers, their profiles, categories, certifications and a quote history."""
    from django.utils import timezone

    from identity.models import Membership, User
    from marketplace.directory.models import Category, Certification, SupplierProfile
    from marketplace.rfq.models import (
        Award,
        AwardScope,
        InvitationSource,
        InvitationStatus,
        Quote,
        QuoteLine,
        QuoteStatus,
        Rfq,
        RfqInvitation,
        RfqLine,
        RfqStatus,
    )
    from tenants.models import Company, CompanyStatus

    now = timezone.now()
    tree = list(Category.objects.filter(depth=2))
    bench_root = Category.objects.create(code="BENCH", name_en="Bench", name_zh="基准", path="BENCH", depth=0)
    sized = {
        size: Category.objects.create(
            code=f"BENCH.{size}",
            parent=bench_root,
            name_en=f"Bench {size}",
            name_zh=f"基准 {size}",
            path=f"BENCH/BENCH.{size}",
            depth=1,
        )
        for size in SIZES
    }
    companies = Company.objects.bulk_create(
        [
            Company(
                schema_name=f"t_bench{i:05d}",
                status=CompanyStatus.ACTIVE,
                name=f"Bench Supplier {i}",
                slug=f"bench-supplier-{i}",
                country="CN",
                default_currency="CNY",
            )
            for i in range(SUPPLIERS)
        ],
        batch_size=BATCH,
    )
    buyer = Company.objects.bulk_create(
        [
            Company(
                schema_name="t_benchbuyer",
                status=CompanyStatus.ACTIVE,
                name="Bench Buyer",
                slug="bench-buyer",
            )
        ]
    )[0]
    profiles = SupplierProfile.objects.bulk_create(
        [
            SupplierProfile(
                company=company,
                role="supplier",
                display_name_en=company.name,
                display_name_zh=company.name,
                regions_served=["CN"] if i % 2 else ["CN-JS", "CN-ZJ"],
                verified=i % 5 == 0,
            )
            for i, company in enumerate(companies)
        ],
        batch_size=BATCH,
    )
    through = SupplierProfile.categories.through
    links = []
    for i, profile in enumerate(profiles):
        serves = {sized[size].pk for size in SIZES if i < size}
        serves |= {c.pk for c in random_.sample(tree, 3)}
        links += [through(supplierprofile_id=profile.pk, category_id=cat) for cat in serves]
    through.objects.bulk_create(links, batch_size=BATCH * 5)
    Certification.objects.bulk_create(
        [
            Certification(
                supplier=profile,
                type=cert_type,
                number=f"{cert_type}-{profile.pk}",
                issuer="Bench",
                valid_until=(now + timedelta(days=random_.randint(200, 900))).date(),
            )
            for profile in profiles
            for cert_type in ("ISO 9001", random_.choice(["ISO 14001", "IATF 16949", "CE"]))
        ],
        batch_size=BATCH * 5,
    )

    # A quote history: 20 closed RFQs of the buyer (10 awarded), 500 invitations and 100 quotes each.
    history_rfqs = Rfq.objects.bulk_create(
        [
            Rfq(
                buyer=buyer,
                title=f"Past RFQ {n}",
                currency="CNY",
                delivery_region="CN",
                delivery_date=(now - timedelta(days=10)).date(),
                closing_at=now - timedelta(days=20),
                status=RfqStatus.AWARDED if n < 10 else RfqStatus.CLOSED,
                published_at=now - timedelta(days=30),
                closed_at=now - timedelta(days=20),
            )
            for n in range(20)
        ]
    )
    history_lines = RfqLine.objects.bulk_create(
        [
            RfqLine(rfq=rfq, position=1, description="past", category=sized[10_000], quantity=100, unit="pcs")
            for rfq in history_rfqs
        ]
    )
    invitations, quotes = [], []
    for rfq in history_rfqs:
        invited = random_.sample(companies, 500)
        invitations += [
            RfqInvitation(
                rfq=rfq,
                supplier=c,
                status=InvitationStatus.INVITED,
                source=InvitationSource.MATCHED,
                reasons={},
            )
            for c in invited
        ]
        quotes += [
            Quote(
                rfq=rfq,
                supplier=c,
                status=QuoteStatus.SUBMITTED,
                valid_until=now.date(),
                submitted_at=now - timedelta(days=25),
            )
            for c in invited[:100]
        ]
    RfqInvitation.objects.bulk_create(invitations, batch_size=BATCH)
    quotes = Quote.objects.bulk_create(quotes, batch_size=BATCH)
    line_of = {line.rfq_id: line for line in history_lines}
    QuoteLine.objects.bulk_create(
        [
            QuoteLine(
                quote=q,
                rfq_line=line_of[q.rfq_id],
                unit_price=Decimal(random_.randint(800, 1200)) / 100,
                quantity_offered=100,
                lead_time_days=random_.randint(5, 60),
            )
            for q in quotes
        ],
        batch_size=BATCH,
    )
    first_quote: dict[object, Quote] = {}
    for q in quotes:
        first_quote.setdefault(q.rfq_id, q)
    Award.objects.bulk_create(
        [
            Award(
                rfq_id=rfq.pk,
                line=line_of[rfq.pk],
                quote=first_quote[rfq.pk],
                supplier_id=first_quote[rfq.pk].supplier_id,
                scope=AwardScope.WHOLE,
                reason="bench",
            )
            for rfq in history_rfqs
            if rfq.status == RfqStatus.AWARDED
        ]
    )

    # Catalogs: two public listings per supplier in each bench category it serves (22,200 in all), at
    # different prices and lead times, so that the catalog's price level and lead time enter the ranking.
    from marketplace.catalog.models import Availability, Listing, ListingStatus

    listings = []
    for i, (company, profile) in enumerate(zip(companies, profiles, strict=True)):
        for size in SIZES:
            if i >= size:
                continue
            category = sized[size]
            for n in range(2):
                listings.append(
                    Listing(
                        company=company,
                        supplier=profile,
                        sku=f"B{size}-{i}-{n}",
                        name_en=f"Bench item {size} {n}",
                        name_zh=f"基准产品 {size} {n}",
                        category=category,
                        category_path=category.path + "/",
                        unit="pcs",
                        currency="CNY",
                        base_price=Decimal(random_.randint(500, 2000)) / 100,
                        moq=Decimal(1),
                        lead_time_days=random_.randint(3, 60),
                        availability=Availability.MADE_TO_ORDER,
                        status=ListingStatus.ACTIVE,
                        is_public=True,
                        supplier_verified=profile.verified,
                        supplier_regions=list(profile.regions_served),
                    )
                )
    Listing.objects.bulk_create(listings, batch_size=BATCH)

    # The supplier ratings that history gives (what the outbox handler computes after RFQ events).
    from marketplace.directory.services import supplier_reputation_refresh

    supplier_reputation_refresh()

    # One member with rfq.quote per supplier (for the broadcast), and the buyer's member.
    users = User.objects.bulk_create(
        [User(email=f"sales@bench-supplier-{i}.bench", password="!") for i in range(SUPPLIERS)],
        batch_size=BATCH,
    )
    Membership.objects.bulk_create(
        [Membership(user=u, company=c, roles=["sales"]) for u, c in zip(users, companies, strict=True)],
        batch_size=BATCH,
    )
    buyer_user = User.objects.create_user(email="buyer@bench-buyer.bench", password="bench-password-123")
    membership = Membership.objects.create(user=buyer_user, company=buyer, roles=["buyer"])
    return {"buyer": buyer, "membership": membership, "categories": sized}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3, help="publishes per size (the median is reported)")
    parser.add_argument(
        "--explain", action="store_true", help="print the plan of the 10,000-supplier ranking"
    )
    args = parser.parse_args()

    from hansa.embedded import EmbeddedServices

    services = EmbeddedServices(ROOT / "var" / "bench")
    started = services.ensure_environment()
    where = "embedded PostgreSQL 18" if "postgresql" in started else "DATABASE_URL's server"
    import dj_database_url
    import psycopg2

    base = dj_database_url.parse(os.environ["DATABASE_URL"])
    dbname = f"hansa_bench_{uuid.uuid4().hex[:8]}"
    admin = psycopg2.connect(
        dbname="postgres",
        user=base["USER"],
        password=base["PASSWORD"] or None,
        host=base["HOST"] or None,
        port=base["PORT"] or None,
    )
    admin.autocommit = True
    admin.cursor().execute(f'CREATE DATABASE "{dbname}"')
    os.environ["DATABASE_URL"] = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/" + dbname
    os.environ.update(
        DEBUG="1",
        DJANGO_SETTINGS_MODULE="hansa.settings",
        HANSA_CACHE_PREFIX=f"bench-{uuid.uuid4().hex[:6]}",
        HANSA_CELERY_EAGER="0",
    )
    queue = f"bench-{uuid.uuid4().hex[:8]}"
    rows: list[tuple[int, list[float], list[int], int, int]] = []
    broadcast: tuple[float, int, int, int] | None = None
    try:
        import django

        django.setup()
        from django.conf import settings
        from django.core import mail
        from django.core.management import call_command
        from django.db import connection
        from django.test.utils import CaptureQueriesContext
        from django.utils import timezone

        from hansa.celery import app
        from identity.access import Actor
        from identity.roles import permissions_for
        from marketplace.rfq import services as rfq_services
        from marketplace.rfq.services import LineInput
        from notifications.models import Notification

        settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
        # The outbox enqueues its delivery on commit; keep those messages off any real queue.
        app.conf.task_default_queue = queue
        call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
        print(f"seeding {SUPPLIERS:,} suppliers ...", flush=True)
        started_at = time.perf_counter()
        world = seed(random.Random(7))
        connection.cursor().execute("ANALYZE")
        print(f"seeded in {time.perf_counter() - started_at:.1f} s", flush=True)
        membership = world["membership"]
        actor = Actor(
            company=world["buyer"],  # type: ignore[arg-type]
            permissions=permissions_for(["buyer"]),
            user=membership.user,  # type: ignore[attr-defined]
            membership=membership,  # type: ignore[arg-type]
        )
        categories = world["categories"]

        def publish(size: int) -> tuple[float, int, int, int, int]:
            rfq = rfq_services.rfq_create(
                actor=actor,
                title=f"Bench RFQ for {size}",
                currency="CNY",
                delivery_region="CN-JS",
                delivery_date=(timezone.now() + timedelta(days=40)).date(),
                closing_at=timezone.now() + timedelta(days=7),
                top_n=size,
                lines=[
                    LineInput(
                        quantity=Decimal(1000),
                        unit="pcs",
                        category_code=categories[size].code,  # type: ignore[index]
                        description="Bench item",
                        required_certifications=["ISO 9001"],
                    )
                ],
            )
            with CaptureQueriesContext(connection) as queries:
                t0 = time.perf_counter()
                result = rfq_services.rfq_publish(actor=actor, rfq_id=rfq.pk)
                elapsed = time.perf_counter() - t0
            return elapsed, len(queries), result.candidates, result.invited, rfq.pk

        publish(100)  # warm-up: connections, query plans, imports (not counted)
        last_rfq = 0
        for size in SIZES:
            times, counts = [], []
            for _ in range(args.runs):
                elapsed, count, candidates, invited, last_rfq = publish(size)
                assert candidates == invited == size, (size, candidates, invited)
                times.append(elapsed)
                counts.append(count)
            rows.append((size, times, counts, candidates, invited))

        if args.explain:
            from marketplace.rfq.models import Rfq
            from marketplace.rfq.selectors.matching import _ranked_sql

            sql, params = _ranked_sql(Rfq.objects.get(pk=last_rfq))
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql + " SELECT count(*) FROM ordered", params)  # noqa: S608
                print("\n".join(row[0] for row in cursor.fetchall()))

        mail.outbox = []
        with CaptureQueriesContext(connection) as queries:
            t0 = time.perf_counter()
            told = rfq_services.broadcast_invitations(rfq_id=last_rfq)
            elapsed = time.perf_counter() - t0
        broadcast = (
            elapsed,
            len(queries),
            told,
            Notification.objects.filter(subject_type="rfq", subject_id=last_rfq).count(),
        )
        assert len(mail.outbox) == told
        from kernel.redis import redis_client

        redis_client().delete(queue)
        connection.close()
    finally:
        from django.db import connections

        connections.close_all()
        admin.cursor().execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')
        admin.close()
        services.stop()

    print(f"\nRFQ publish (matching + ranking + invitations + commit), on {where}, median of {args.runs}")
    print(f"{'suppliers':>10}{'candidates':>12}{'invited':>10}{'median ms':>12}{'max ms':>10}{'queries':>10}")
    for size, times, counts, candidates, invited in rows:
        print(
            f"{size:>10,}{candidates:>12,}{invited:>10,}{statistics.median(times) * 1000:>12.1f}"
            f"{max(times) * 1000:>10.1f}{'/'.join(map(str, sorted(set(counts)))):>10}"
        )
    counts_by_size = {size: set(counts) for size, _, counts, _, _ in rows}
    flat = set().union(*counts_by_size.values())
    print(
        f"\nqueries per publish: {sorted(flat)} for every size -> {'constant' if len(flat) == 1 else 'GROWS'}"
    )
    largest = statistics.median(rows[-1][1])
    print(f"10,000 suppliers: {largest:.2f} s (target <= 2 s): {'met' if largest <= 2 else 'MISSED'}")
    if broadcast:
        elapsed, query_count, told, notified = broadcast
        print(
            f"broadcast of the 10,000-supplier RFQ: {told:,} members told ({notified:,} notifications, "
            f"{told:,} e-mails in batches of 100) in {elapsed:.2f} s, {query_count} queries"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
