"""Forecast → commit planning between a buyer and a supplier, through the API and the exchange."""

from __future__ import annotations

import io
import uuid
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone
from openpyxl import Workbook

from marketplace.exchange.models import TradeDocument
from notifications.models import Notification
from tenants.supplychain.planning.models import (
    Commitment,
    CommitmentLine,
    Forecast,
    ForecastLine,
    ForecastVersion,
    ScheduledLine,
)
from tenants.supplychain.planning.tests.conftest import deliver, grid
from tenants.supplychain.planning.weeks import horizon, week_of

pytestmark = pytest.mark.django_db

START = week_of(date.today() + timedelta(weeks=1))
WEEKS = horizon(START, 4)
BASE = "/api/supplychain/forecasts/"


def create(buyer: Any, supplier: Any, **extra: Any) -> dict[str, Any]:
    body = {
        "supplier_id": supplier.company.pk,
        "title": "Bearings Q1",
        "start_week": START,
        "weeks": 4,
        **extra,
    }
    response = buyer.client.post_json(BASE, body)
    assert response.status_code == 201, response.json()
    return response.json()


def publish(buyer: Any, forecast_id: int, lines: list[dict[str, Any]], **extra: Any) -> Any:
    return buyer.client.post_json(f"{BASE}{forecast_id}/versions/", {"lines": lines, **extra})


def published(partners: Any, quantities: dict[str, list[Any]] | None = None) -> tuple[int, int]:
    """A forecast with version 1 delivered to the supplier: (buyer's id, supplier's id)."""
    buyer, supplier = partners
    forecast = create(buyer, supplier)
    quantities = quantities or {"BRG-6205": [100, 100, 120, 120], "BRG-6206": [50, 50, 50, 50]}
    response = publish(buyer, forecast["id"], grid(WEEKS, quantities))
    assert response.status_code == 201, response.json()
    deliver()
    with supplier.ctx():
        received = Forecast.objects.get(key=forecast["key"])
    return forecast["id"], received.pk


def xlsx(rows: list[list[Any]]) -> io.BytesIO:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    out.name = "forecast.xlsx"
    return out


# --- publishing -------------------------------------------------------------------------------------------


def test_a_published_version_reaches_the_supplier_with_its_lines(partners):
    buyer, supplier = partners
    buyer_id, supplier_id = published(partners)
    with buyer.ctx():
        version = ForecastVersion.objects.get(forecast_id=buyer_id, number=1)
        assert version.source == "entered" and version.lines.count() == 8
        assert TradeDocument.objects.get(pk=version.document_id).kind == "forecast"
    with supplier.ctx():
        received = Forecast.objects.get(pk=supplier_id)
        assert (received.side, received.current_version, received.partner_company_id) == (
            "supplier",
            1,
            buyer.company.pk,
        )
        assert received.tolerance_percent == Decimal("10.00")
        line = ForecastLine.objects.get(version__forecast=received, sku="BRG-6205", week=WEEKS[2])
        assert (line.quantity, line.description, line.unit) == (Decimal(120), "Ball bearing 6205", "pcs")
    assert Notification.objects.filter(
        company=supplier.company, kind="supplychain.forecast_received", user=supplier.owner
    ).exists()
    listed = supplier.client.get(BASE, {"side": "supplier"}).json()
    assert [row["title"] for row in listed["results"]] == ["Bearings Q1"]
    assert buyer.client.get(BASE, {"side": "supplier"}).json()["count"] == 0


@pytest.mark.parametrize(
    "bad, message",
    [
        ("-5", "The quantity cannot be negative."),
        ("lots", "Enter a number."),
        ("1.23456", "Use at most 4 decimal places."),
    ],
)
def test_negative_or_non_numeric_quantities_are_refused_and_nothing_is_written(partners, bad, message):
    buyer, supplier = partners
    forecast = create(buyer, supplier)
    lines = grid(WEEKS, {"BRG-6205": [100, bad, 100, 100]})
    response = publish(buyer, forecast["id"], lines)
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "validation_error"
    assert body["errors"] == {"lines.1.quantity": [message]}
    with buyer.ctx():
        assert ForecastVersion.objects.count() == 0
        assert Forecast.objects.get(pk=forecast["id"]).current_version == 0
    assert not TradeDocument.objects.filter(sender=buyer.company, kind="forecast").exists()


def test_unknown_items_and_weeks_outside_the_horizon_are_refused(partners):
    buyer, supplier = partners
    forecast = create(buyer, supplier)
    outside = week_of(date.today() + timedelta(weeks=20))
    response = publish(
        buyer,
        forecast["id"],
        [
            {"sku": "NOPE-1", "week": WEEKS[0], "quantity": "1"},
            {"sku": "BRG-6205", "week": outside, "quantity": "1"},
            {"sku": "BRG-6205", "week": "2026-W60", "quantity": "1"},
        ],
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors["lines.0.sku"] == ["No item with SKU 'NOPE-1'."]
    assert errors["lines.1.week"][0].startswith("Outside the horizon")
    assert "lines.2.week" in errors
    with buyer.ctx():
        assert ForecastVersion.objects.count() == 0


def test_a_forecast_goes_only_to_a_trading_partner(buyer, make_party):
    stranger = make_party("Not A Partner")
    response = buyer.client.post_json(
        BASE, {"supplier_id": stranger.company.pk, "title": "x", "start_week": START, "weeks": 4}
    )
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["supplier_id"]
    with buyer.ctx():
        assert Forecast.objects.count() == 0


def test_every_version_is_kept_listed_and_diffable(partners):
    buyer, supplier = partners
    buyer_id, supplier_id = published(partners)
    response = publish(
        buyer,
        buyer_id,
        grid(WEEKS, {"BRG-6205": [100, 90, 120, 140], "BRG-6206": [50, 50, 50, 50]}),
        tolerance_percent="5",
    )
    assert response.status_code == 201
    assert response.json()["number"] == 2
    deliver()
    versions = buyer.client.get(f"{BASE}{buyer_id}/versions/").json()
    assert [(v["number"], v["total_quantity"]) for v in versions["results"]] == [
        (2, "650.0000"),
        (1, "640.0000"),
    ]
    diff = buyer.client.get(f"{BASE}{buyer_id}/versions/2/diff/").json()
    assert diff["against"] == 1
    assert [
        (r["sku"], r["week"], r["before_quantity"], r["after_quantity"], r["change_quantity"])
        for r in diff["rows"]
    ] == [
        ("BRG-6205", WEEKS[1], "100.0000", "90.0000", "-10.0000"),
        ("BRG-6205", WEEKS[3], "120.0000", "140.0000", "20.0000"),
    ]
    # The supplier keeps every version too.
    supplier_versions = supplier.client.get(f"{BASE}{supplier_id}/versions/").json()
    assert [v["number"] for v in supplier_versions["results"]] == [2, 1]
    detail = supplier.client.get(f"{BASE}{supplier_id}/").json()
    assert detail["current_version"] == 2 and detail["tolerance_percent"] == "5.00"
    old = supplier.client.get(f"{BASE}{supplier_id}/versions/1/").json()
    assert {(line["sku"], line["week"], line["quantity"]) for line in old["lines"]} >= {
        ("BRG-6205", WEEKS[1], "100.0000")
    }


# --- XLSX import ------------------------------------------------------------------------------------------


def test_an_xlsx_file_publishes_a_version(partners):
    buyer, supplier = partners
    forecast = create(buyer, supplier)
    upload = xlsx([["SKU", *WEEKS[:3]], ["BRG-6205", 10, 20.5, None], ["BRG-6206", "7", 0, 3]])
    response = buyer.client.post(f"{BASE}{forecast['id']}/import/", {"file": upload})
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["source"] == "imported"
    cells = {(line["sku"], line["week"]): line["quantity"] for line in body["lines"]}
    assert cells[("BRG-6205", WEEKS[1])] == "20.5000"
    assert cells[("BRG-6205", WEEKS[2])] == "0.0000"
    assert cells[("BRG-6206", WEEKS[0])] == "7.0000"
    assert len(cells) == 6


def test_a_bad_xlsx_file_is_refused_as_a_whole_with_errors_per_cell(partners):
    buyer, supplier = partners
    forecast = create(buyer, supplier)
    upload = xlsx(
        [
            ["SKU", WEEKS[0], "week 2", WEEKS[1]],
            ["BRG-6205", 10, 1, -3],
            ["BRG-6206", "many", 1, 4],
            ["NOPE-9", 1, 1, 1],
            ["BRG-6205", 1, 1, 1],
        ]
    )
    response = buyer.client.post(f"{BASE}{forecast['id']}/import/", {"file": upload})
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "file.C1": ["Use an ISO week like 2026-W50."],
        "file.D2": ["The quantity cannot be negative."],
        "file.B3": ["Enter a number."],
        "file.A5": ["BRG-6205 is already on row 2."],
        "file.A4": ["No item with SKU NOPE-9."],
    }
    with buyer.ctx():
        assert ForecastVersion.objects.count() == 0 and ForecastLine.objects.count() == 0
    assert not TradeDocument.objects.filter(sender=buyer.company).exists()


def test_a_file_that_is_not_a_workbook_is_refused(partners):
    buyer, supplier = partners
    forecast = create(buyer, supplier)
    upload = io.BytesIO(b"sku,2026-W50\nBRG-6205,1\n")
    upload.name = "forecast.xlsx"
    response = buyer.client.post(f"{BASE}{forecast['id']}/import/", {"file": upload})
    assert response.status_code == 400
    assert response.json()["errors"] == {"file": ["Not an XLSX workbook."]}


# --- derived from consumption -----------------------------------------------------------------------------


def test_a_version_derived_from_consumption_averages_issues_per_week(partners):
    from tenants.inventory import services as inventory
    from tenants.inventory.models import Item
    from tenants.supplychain.planning import services

    buyer, supplier = partners
    forecast = create(buyer, supplier)
    with buyer.ctx():
        item = Item.objects.get(sku="BRG-6205")
        warehouse = inventory.default_warehouse()
        inventory.stock_receive(item=item, warehouse=warehouse, quantity=Decimal(100), reference="r")
        inventory.stock_issue(item=item, warehouse=warehouse, quantity=Decimal(30), reference="i1")
        inventory.stock_issue(item=item, warehouse=warehouse, quantity=Decimal(15), reference="i2")
        # A week from now, today's issues fall in the last full week: 45 over 2 weeks = 22.5 a week.
        version = services.forecast_derive(
            actor=buyer.actor,
            forecast_id=forecast["id"],
            weeks_back=2,
            today=timezone.localdate() + timedelta(weeks=1),
        )
        assert version.source == "derived"
        assert sorted(version.lines.values_list("sku", "week", "quantity")) == [
            ("BRG-6205", week, Decimal("22.5000")) for week in WEEKS
        ]
    # Through the API, this week's issues are not in a full week yet: nothing to derive from.
    response = buyer.client.post_json(f"{BASE}{forecast['id']}/derive/", {"weeks_back": 4})
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["skus"]


# --- commitments and deviations ---------------------------------------------------------------------------


def commit(supplier: Any, forecast_id: int, quantities: dict[str, list[Any]], **extra: Any) -> Any:
    return supplier.client.post_json(
        f"{BASE}{forecast_id}/commitments/", {"lines": grid(WEEKS, quantities), **extra}
    )


def test_a_commitment_flags_deviations_beyond_tolerance_on_both_sides(partners):
    buyer, supplier = partners
    buyer_id, supplier_id = published(partners)
    # 6205: within 10% except week 3 (120 → 90, -25%); 6206: 55 is exactly +10% (not beyond).
    response = commit(supplier, supplier_id, {"BRG-6205": [100, 95, 90, 120], "BRG-6206": [50, 55, 50, 50]})
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["flagged_count"] == 1
    flagged = [line for line in body["lines"] if line["flagged"]]
    assert [(f["sku"], f["week"], f["deviation_quantity"], f["deviation_percent"]) for f in flagged] == [
        ("BRG-6205", WEEKS[2], "-30.0000", "-25.00")
    ]
    assert (
        Notification.objects.filter(company=supplier.company, kind="supplychain.forecast_deviation").count()
        == 1
    )
    deliver()
    with buyer.ctx():
        received = Commitment.objects.get(forecast_id=buyer_id)
        assert received.flagged_count == 1 and received.number == 1
        assert list(
            CommitmentLine.objects.filter(commitment=received, flagged=True).values_list("sku", "week")
        ) == [("BRG-6205", WEEKS[2])]
    kinds = set(Notification.objects.filter(company=buyer.company).values_list("kind", flat=True))
    assert kinds == {"supplychain.forecast_committed", "supplychain.forecast_deviation"}
    detail = buyer.client.get(f"{BASE}{buyer_id}/").json()
    assert detail["flagged_count"] == 1 and detail["latest_commitment_number"] == 1
    plan = detail["plan"]
    assert plan["weeks"] == WEEKS
    assert [(t["week"], t["forecast_quantity"], t["committed_quantity"]) for t in plan["totals"]] == [
        (WEEKS[0], "150.0000", "150.0000"),
        (WEEKS[1], "150.0000", "150.0000"),
        (WEEKS[2], "170.0000", "140.0000"),
        (WEEKS[3], "170.0000", "170.0000"),
    ]
    row = next(r for r in plan["rows"] if r["sku"] == "BRG-6205")
    assert [c["flagged"] for c in row["cells"]] == [False, False, True, False]
    flagged_list = buyer.client.get(BASE, {"flagged": "true"}).json()
    assert flagged_list["count"] == 1


def test_a_cell_not_committed_counts_as_zero_and_a_zero_forecast_flags_any_commitment(partners):
    _, supplier = partners
    _, supplier_id = published(partners, {"BRG-6205": [0, 10, 10, 10]})
    response = supplier.client.post_json(
        f"{BASE}{supplier_id}/commitments/",
        {
            "lines": [
                {"sku": "BRG-6205", "week": WEEKS[0], "quantity": "5"},
                {"sku": "BRG-6205", "week": WEEKS[1], "quantity": "10"},
            ]
        },
    )
    assert response.status_code == 201
    lines = {line["week"]: line for line in response.json()["lines"]}
    assert lines[WEEKS[0]]["flagged"] and lines[WEEKS[0]]["deviation_percent"] is None
    assert not lines[WEEKS[1]]["flagged"]
    assert lines[WEEKS[2]]["committed_quantity"] == "0.0000" and lines[WEEKS[2]]["flagged"]


def test_a_commitment_with_bad_quantities_writes_nothing(partners):
    _, supplier = partners
    _, supplier_id = published(partners)
    response = commit(supplier, supplier_id, {"BRG-6205": [100, -1, "x", 100]})
    assert response.status_code == 400
    assert response.json()["errors"] == {
        "lines.1.quantity": ["The quantity cannot be negative."],
        "lines.2.quantity": ["Enter a number."],
    }
    unknown = commit(supplier, supplier_id, {"BRG-9999": [1, 1, 1, 1]})
    assert unknown.status_code == 400 and "lines.0.sku" in unknown.json()["errors"]
    with supplier.ctx():
        assert Commitment.objects.count() == 0
    assert not TradeDocument.objects.filter(kind="forecast_commitment").exists()


def test_each_side_may_do_only_its_own_part(partners):
    buyer, supplier = partners
    buyer_id, supplier_id = published(partners)
    response = commit(buyer, buyer_id, {"BRG-6205": [1, 1, 1, 1]})
    assert response.status_code == 409 and response.json()["code"] == "forecast_not_received_here"
    response = publish(supplier, supplier_id, grid(WEEKS, {"BRG-6205": [1, 1, 1, 1]}))
    assert response.status_code == 409 and response.json()["code"] == "forecast_not_published_here"


def test_a_viewer_reads_but_cannot_publish(partners):
    from identity.models import User
    from identity.services import membership_create

    buyer, supplier = partners
    forecast = create(buyer, supplier)
    user = User.objects.create_user(email="viewer@planning.test", password="x-Strong-Pass-1")
    membership_create(user=user, company=buyer.company, roles=["viewer"])
    from conftest import HostClient, company_host_for
    from kernel.tenancy import company_context

    client = HostClient(company_host_for(buyer.company.slug))
    with company_context(buyer.company):
        client.force_login(user, backend="identity.backends.MemberAwareBackend")
    assert client.get(f"{BASE}{forecast['id']}/").status_code == 200
    response = client.post_json(
        f"{BASE}{forecast['id']}/versions/", {"lines": grid(WEEKS, {"BRG-6205": [1, 1, 1, 1]})}
    )
    assert response.status_code == 403
    with buyer.ctx():
        assert ForecastVersion.objects.count() == 0


# --- scheduled sales orders -------------------------------------------------------------------------------


def test_a_commitment_becomes_scheduled_sales_orders_exactly_once(partners):
    from tenants.sales.models import SalesOrder

    buyer, supplier = partners
    _, supplier_id = published(partners)
    response = supplier.client.post_json(
        f"{BASE}{supplier_id}/commitments/",
        {
            "lines": [
                {"sku": "BRG-6205", "supplier_sku": "WX-6205", "week": WEEKS[0], "quantity": "100"},
                {"sku": "BRG-6206", "week": WEEKS[0], "quantity": "40"},
                {"sku": "BRG-6205", "supplier_sku": "WX-6205", "week": WEEKS[2], "quantity": "120"},
            ]
        },
    )
    commitment_id = response.json()["id"]
    url = f"/api/supplychain/forecast-commitments/{commitment_id}/schedule/"
    response = supplier.client.post_json(url, {"currency": "CNY", "unit_prices": {"WX-6205": "12.50"}})
    assert response.status_code == 201, response.json()
    orders = response.json()["orders"]
    assert [(o["requested_date"], o["line_count"]) for o in orders] == [
        (date.fromisocalendar(*map(int, WEEKS[0].replace("-W", " ").split()), 1).isoformat(), 2),
        (date.fromisocalendar(*map(int, WEEKS[2].replace("-W", " ").split()), 1).isoformat(), 1),
    ]
    with supplier.ctx():
        first = SalesOrder.objects.get(pk=orders[0]["sales_order_id"])
        assert first.customer.hansa_company_id == buyer.company.pk
        assert first.status == "awaiting_acceptance" and first.source == "manual"
        assert sorted(first.lines.values_list("sku", "quantity", "unit_price")) == [
            ("BRG-6206", Decimal("40.0000"), Decimal("0.0000")),
            ("WX-6205", Decimal("100.0000"), Decimal("12.5000")),
        ]
        assert ScheduledLine.objects.count() == 3
    again = supplier.client.post_json(url, {})
    assert again.status_code == 409 and again.json()["code"] == "commitment_already_scheduled"
    with supplier.ctx():
        assert SalesOrder.objects.count() == 2
    detail = supplier.client.get(f"/api/supplychain/forecast-commitments/{commitment_id}/").json()
    numbers = {(line["sku"], line["week"]): line["sales_order_number"] for line in detail["lines"]}
    assert numbers[("BRG-6205", WEEKS[0])] == orders[0]["number"]
    assert numbers[("BRG-6205", WEEKS[1])] == ""


def test_only_the_newest_commitment_is_scheduled_and_never_a_cell_twice(partners):
    from tenants.sales.models import SalesOrder

    buyer, supplier = partners
    _, supplier_id = published(partners)
    first = commit(supplier, supplier_id, {"BRG-6205": [100, 0, 0, 0], "BRG-6206": [0, 0, 0, 0]}).json()["id"]
    url = "/api/supplychain/forecast-commitments/{}/schedule/"
    assert supplier.client.post_json(url.format(first), {}).status_code == 201
    second = commit(supplier, supplier_id, {"BRG-6205": [110, 100, 0, 0], "BRG-6206": [0, 0, 0, 0]}).json()[
        "id"
    ]
    old = supplier.client.post_json(url.format(first), {})
    assert old.status_code == 409 and old.json()["code"] == "commitment_superseded"
    response = supplier.client.post_json(url.format(second), {})
    assert response.status_code == 201
    # Week 1 was scheduled from the first commitment: only week 2 gets an order now.
    assert [o["line_count"] for o in response.json()["orders"]] == [1]
    with supplier.ctx():
        assert SalesOrder.objects.count() == 2
        assert sorted(ScheduledLine.objects.values_list("week", flat=True)) == [WEEKS[0], WEEKS[1]]
    with buyer.ctx():
        assert not SalesOrder.objects.exists()


def test_the_buyer_cannot_schedule(partners):
    buyer, supplier = partners
    buyer_id, supplier_id = published(partners)
    commit(supplier, supplier_id, {"BRG-6205": [100, 100, 100, 100]})
    deliver()
    with buyer.ctx():
        commitment_id = Commitment.objects.get(forecast_id=buyer_id).pk
    response = buyer.client.post_json(f"/api/supplychain/forecast-commitments/{commitment_id}/schedule/", {})
    assert response.status_code == 409 and response.json()["code"] == "forecast_not_received_here"


# --- demo -------------------------------------------------------------------------------------------------


def test_the_demo_forecast_is_committed_with_one_deviation(make_party):
    from marketplace.exchange.models import PartnerLink
    from tenants.inventory import services as inventory
    from tenants.supplychain.planning.demo import demo_planning_create

    buyer = make_party("Huaxia")
    supplier = make_party("Precision")
    type(buyer.company).objects.filter(pk=buyer.company.pk).update(slug="huaxia-machinery")
    type(supplier.company).objects.filter(pk=supplier.company.pk).update(slug="precision-bearings")
    assert demo_planning_create() == 0  # they do not trade yet
    first = uuid.uuid4()
    PartnerLink.objects.create(company=buyer.company, partner=supplier.company, first_document_id=first)
    PartnerLink.objects.create(company=supplier.company, partner=buyer.company, first_document_id=first)
    with buyer.ctx():
        for sku in ("HX-6205-2RS", "HX-6308-ZZ", "HX-32210"):
            inventory.item_create(actor=None, sku=sku, name_zh=sku, name_en=sku, unit="pcs")
    assert demo_planning_create() == 1
    assert demo_planning_create() == 0
    with buyer.ctx():
        forecast = Forecast.objects.get()
        assert forecast.weeks == 12 and forecast.current_version == 1
        commitment = Commitment.objects.get(forecast=forecast)
        assert commitment.flagged_count == 1
        line = CommitmentLine.objects.get(commitment=commitment, flagged=True)
        assert (line.sku, line.forecast_quantity, line.committed_quantity) == ("HX-6308-ZZ", 160, 120)
