"""Isolation probes of supply-chain planning (tenants.supplychain.planning): forecasts, versions, import,
derive, commitments and scheduling.

``seed(side)`` spreads the forecast and commitment id sequences of the side's schema (ids are per schema,
so the other side's ids must not exist there), gives the side a trading partner of its own (``<marker>
Planning partner``, a company row without a workspace) and a marked item, publishes a marked forecast to
the partner (the side as buyer), and has the partner send the side a marked forecast that the side ingests
and commits to (the side as supplier).
"""

from __future__ import annotations

import io
import secrets
import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from tests.isolation.world import Probe, Side


def _weeks() -> list[str]:
    from tenants.supplychain.planning.weeks import horizon, week_of

    return horizon(week_of(date.today() + timedelta(weeks=1)), 4)


def _spread_ids() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        for table in ("supplychain_planning_forecast", "supplychain_planning_commitment"):
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence(%s, 'id'), %s)",
                [table, 1_000_000 + secrets.randbelow(10**12)],
            )


def seed(side: Side) -> dict[str, Any]:
    if "planning" in side.extra:
        return side.extra["planning"]
    from identity.access import Actor
    from identity.models import Membership
    from identity.roles import permissions_for
    from kernel.tenancy import company_context
    from marketplace.exchange.models import PartnerLink
    from marketplace.exchange.services import document_ingest, document_send
    from marketplace.rfq.tests.factories import bare_company
    from tenants.inventory import services as inventory
    from tenants.supplychain.planning import services
    from tenants.supplychain.planning.models import Forecast

    m = side.marker
    weeks = _weeks()
    actor = Actor(
        company=side.company,
        permissions=permissions_for(["owner"]),
        user=side.owner,
        membership=Membership.objects.get(user=side.owner, company=side.company),
    )
    partner = bare_company(f"{m} Planning partner")
    first = uuid.uuid4()
    PartnerLink.objects.create(company=side.company, partner=partner, first_document_id=first)
    PartnerLink.objects.create(company=partner, partner=side.company, first_document_id=first)
    with company_context(side.company):
        _spread_ids()
        inventory.item_create(
            actor=None, sku=f"{m}-FC-6205", name_zh=f"{m} 轴承", name_en=f"{m} bearing", unit="pcs"
        )
        published = services.forecast_create(
            actor=actor, supplier_id=partner.pk, title=f"{m} forecast", start_week=weeks[0], weeks=4
        )
        services.forecast_publish(
            actor=actor,
            forecast_id=published.pk,
            lines=[services.Cell(sku=f"{m}-FC-6205", week=week, quantity="10") for week in weeks],
            note=f"{m} version",
        )
    key = str(uuid.uuid4())
    document = document_send(
        sender=partner,
        receiver=side.company,
        kind="forecast",
        payload={
            "forecast_key": key,
            "title": f"{m} received forecast",
            "version": 1,
            "start_week": weeks[0],
            "weeks": 4,
            "tolerance_percent": "10",
            "note": f"{m} received",
            "lines": [{"sku": f"{m}-P1", "week": week, "quantity": "20"} for week in weeks],
        },
    )
    assert document_ingest(document_id=document.pk) == "ingested"
    with company_context(side.company):
        received = Forecast.objects.get(key=key)
        commitment = services.commitment_create(
            actor=actor,
            forecast_id=received.pk,
            lines=[services.Cell(sku=f"{m}-P1", week=week, quantity="18") for week in weeks],
            note=f"{m} commitment",
        )
    side.extra["planning"] = data = {
        "forecast_id": published.pk,
        "received_id": received.pk,
        "commitment_id": commitment.pk,
        "partner_id": partner.pk,
    }
    return data


def _id(name: str) -> Any:
    return lambda s: seed(s)[name]


def _newest_commitment(side: Side) -> int:
    """The side's newest commitment to the forecast it received (other probes may have committed again:
    only the newest can be scheduled)."""
    from kernel.tenancy import company_context
    from tenants.supplychain.planning.models import Commitment

    data = seed(side)
    with company_context(side.company):
        return int(
            Commitment.objects.filter(forecast_id=data["received_id"])
            .order_by("-number")
            .values_list("pk", flat=True)[0]
        )


@dataclass(frozen=True)
class SeededProbe(Probe):
    def url(self, side: Side) -> str:
        seed(side)
        return super().url(side)


class UploadProbe(SeededProbe):
    """Sends a forecast workbook as multipart/form-data (the same bytes for a side every time)."""

    def send(self, client: Any, ids_from: Side, **headers: str) -> Any:
        from django.core.files.uploadedfile import SimpleUploadedFile
        from openpyxl import Workbook

        seed(ids_from)
        # The same bytes every time (a workbook saved again differs by its timestamps): a retry with the
        # same Idempotency-Key must be the same request.
        if "planning_xlsx" not in ids_from.extra:
            weeks = _weeks()
            book = Workbook()
            book.active.append(["SKU", *weeks])
            book.active.append([f"{ids_from.marker}-FC-6205", *[5] * len(weeks)])
            out = io.BytesIO()
            book.save(out)
            ids_from.extra["planning_xlsx"] = out.getvalue()
        upload = SimpleUploadedFile(
            f"{ids_from.marker}.xlsx",
            ids_from.extra["planning_xlsx"],
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        return client.post(self.url(ids_from), data={"file": upload}, **headers)


def _fingerprint(side: Side) -> dict[str, Any]:
    from kernel.tenancy import company_context
    from tenants.sales.models import SalesOrder
    from tenants.supplychain.planning.models import (
        Commitment,
        CommitmentLine,
        Forecast,
        ForecastLine,
        ForecastVersion,
        ScheduledLine,
    )

    seed(side)
    with company_context(side.company):
        return {
            "forecasts": [
                [f.pk, f.title, f.current_version, str(f.tolerance_percent)]
                for f in Forecast.objects.order_by("pk")
            ],
            "versions": ForecastVersion.objects.count(),
            "lines": [str(q) for q in ForecastLine.objects.order_by("pk").values_list("quantity", flat=True)],
            "commitments": Commitment.objects.count(),
            "commitment_lines": CommitmentLine.objects.count(),
            "scheduled": ScheduledLine.objects.count(),
            "sales_orders": SalesOrder.objects.count(),
        }


FINGERPRINTS = {"planning": _fingerprint}


def _lines(side: Side, sku_suffix: str, quantity: str) -> list[dict[str, Any]]:
    return [{"sku": f"{side.marker}-{sku_suffix}", "week": week, "quantity": quantity} for week in _weeks()]


TENANT_PROBES: dict[str, Probe] = {
    "planning_forecasts_list": SeededProbe("GET", "/api/supplychain/forecasts/", lists=True),
    "planning_forecasts_create": SeededProbe(
        "POST",
        "/api/supplychain/forecasts/",
        body=lambda s: {
            "supplier_id": seed(s)["partner_id"],
            "title": f"{s.marker} new forecast",
            "start_week": _weeks()[0],
            "weeks": 4,
        },
        ok=201,
    ),
    "planning_forecasts_get": SeededProbe(
        "GET", "/api/supplychain/forecasts/{forecast_id}/", ids={"forecast_id": _id("forecast_id")}
    ),
    "planning_forecast_versions_list": SeededProbe(
        "GET", "/api/supplychain/forecasts/{forecast_id}/versions/", ids={"forecast_id": _id("forecast_id")}
    ),
    "planning_forecast_versions_publish": SeededProbe(
        "POST",
        "/api/supplychain/forecasts/{forecast_id}/versions/",
        ids={"forecast_id": _id("forecast_id")},
        body=lambda s: {"lines": _lines(s, "FC-6205", "12"), "tolerance_percent": "15"},
        ok=201,
    ),
    "planning_forecast_versions_get": SeededProbe(
        "GET",
        "/api/supplychain/forecasts/{forecast_id}/versions/{version}/",
        ids={"forecast_id": _id("forecast_id"), "version": lambda s: 1},
    ),
    "planning_forecast_versions_diff": SeededProbe(
        "GET",
        "/api/supplychain/forecasts/{forecast_id}/versions/{version}/diff/",
        ids={"forecast_id": _id("forecast_id"), "version": lambda s: 1},
    ),
    "planning_forecasts_import": UploadProbe(
        "POST",
        "/api/supplychain/forecasts/{forecast_id}/import/",
        ids={"forecast_id": _id("forecast_id")},
        ok=201,
    ),
    "planning_forecasts_derive": SeededProbe(
        "POST",
        "/api/supplychain/forecasts/{forecast_id}/derive/",
        ids={"forecast_id": _id("forecast_id")},
        body=lambda s: {"weeks_back": 4, "skus": [f"{s.marker}-FC-6205"]},
        ok=201,
    ),
    "planning_commitments_list": SeededProbe(
        "GET",
        "/api/supplychain/forecasts/{forecast_id}/commitments/",
        ids={"forecast_id": _id("received_id")},
    ),
    "planning_commitments_create": SeededProbe(
        "POST",
        "/api/supplychain/forecasts/{forecast_id}/commitments/",
        ids={"forecast_id": _id("received_id")},
        body=lambda s: {"lines": _lines(s, "P1", "25"), "note": f"{s.marker} recommit"},
        ok=201,
    ),
    "planning_commitments_get": SeededProbe(
        "GET",
        "/api/supplychain/forecast-commitments/{commitment_id}/",
        ids={"commitment_id": _id("commitment_id")},
    ),
    "planning_commitments_schedule": SeededProbe(
        "POST",
        "/api/supplychain/forecast-commitments/{commitment_id}/schedule/",
        ids={"commitment_id": _newest_commitment},
        body=lambda s: {"currency": "CNY", "unit_prices": {f"{s.marker}-P1": "3.50"}},
        ok=201,
    ),
}
