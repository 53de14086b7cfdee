"""The routing API: setup (sites, depots, vehicles), the deliveries of a day, planning, and refusals."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from conftest import PASSWORD, unique
from kernel.tenancy import company_context
from tenants.inventory import services as inventory
from tenants.sales import services as sales
from tenants.sales.tests import factories as sf
from tenants.supplychain.routing.models import DeliverySite, Depot, RoutePlan, Vehicle
from tenants.supplychain.routing.tests import factories as f

DAY = date.today() + timedelta(days=2)
BASE = "/api/supplychain/routing"


@pytest.fixture
def owner(make_company, signed_in):
    result = make_company(company_name="Wuxi Precision Bearings")
    actor = sf.actor_for(result.company, result.user)
    return result.company, actor, signed_in(result.user, result.company)


def test_set_up_depot_vehicle_and_site_then_plan_a_day(owner):
    company, actor, client = owner
    with company_context(company):
        warehouse_id = inventory.default_warehouse().pk
        customer = sales.customer_create(actor=actor, name="Huaxia Machinery")
        f.accepted_order(actor, customer.pk, DAY, "12.5")

    depot = client.post_json(
        f"{BASE}/depots/",
        {"warehouse_id": warehouse_id, "latitude": "31.1123", "longitude": "121.3816",
         "open_from": "07:00", "open_until": "19:00"},
    )  # fmt: skip
    assert depot.status_code == 201, depot.content
    assert depot.json()["latitude"] == "31.112300" and depot.json()["warehouse"]["id"] == warehouse_id
    vehicle = client.post_json(
        f"{BASE}/vehicles/",
        {"depot_id": depot.json()["id"], "name": "Truck", "capacity": "20", "count": 2},
        HTTP_IDEMPOTENCY_KEY=unique("k"),
    )
    assert vehicle.status_code == 201, vehicle.content
    assert vehicle.json()["capacity"] == "20.0000" and vehicle.json()["speed_kmh"] is None
    site = client.post_json(
        f"{BASE}/sites/",
        {"customer_id": customer.pk, "latitude": "31.230416", "longitude": "121.473701",
         "window_start": "09:00", "window_end": "12:00", "service_minutes": 20},
    )  # fmt: skip
    assert site.status_code == 201, site.content
    assert site.json()["customer"] == {"id": customer.pk, "name": "Huaxia Machinery"}

    deliveries = client.get(f"{BASE}/deliveries/", {"date": DAY.isoformat()})
    assert deliveries.status_code == 200
    [row] = deliveries.json()["results"]
    assert (
        row["customer_id"] == customer.pk and row["load"] == "12.5000" and row["site_id"] == site.json()["id"]
    )

    plan = client.post_json(f"{BASE}/plans/", {"delivery_date": DAY.isoformat(), "time_limit_seconds": 1})
    assert plan.status_code == 201, plan.content
    body = plan.json()
    assert body["stop_count"] == 1 and body["vehicles_used"] == 1 and body["vehicles_available"] == 2
    [route] = body["routes"]
    [stop] = route["stops"]
    assert stop["customer_name"] == "Huaxia Machinery" and stop["load"] == "12.5000"
    assert stop["load_after"] == "0.0000" and stop["window_start"] == "09:00:00"
    assert "09:00:00" <= stop["service_start_time"] <= "12:00:00"
    assert body["total_distance_m"] == route["distance_m"] == body["naive_distance_m"]
    assert body["nearest_neighbour_distance_m"] == body["total_distance_m"]
    assert body["distance_source"] == "haversine"

    listed = client.get(f"{BASE}/plans/", {"delivery_date": DAY.isoformat()})
    assert [p["id"] for p in listed.json()["results"]] == [body["id"]]
    assert listed.json()["results"][0]["vehicles_used"] == 1
    detail = client.get(f"{BASE}/plans/{body['id']}/")
    assert detail.status_code == 200 and detail.json()["routes"] == body["routes"]


def test_an_infeasible_day_answers_422_naming_the_constraint_and_writes_nothing(owner):
    company, actor, client = owner
    with company_context(company):
        f.day_of_deliveries(actor, DAY, capacity="30")  # Huaxia Machinery needs 40

    response = client.post_json(f"{BASE}/plans/", {"delivery_date": DAY.isoformat(), "time_limit_seconds": 1})

    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["code"] == "route_stop_exceeds_capacity" and problem["constraint"] == "capacity"
    assert "Huaxia Machinery" in problem["detail"] and problem["load"] == "40.0000"
    with company_context(company):
        assert RoutePlan.objects.count() == 0


def test_setup_refusals(owner):
    company, actor, client = owner
    with company_context(company):
        day = f.day_of_deliveries(actor, DAY, customers=f.CUSTOMERS[:1])
        warehouse_id = day.depot.warehouse_id
        customer_id = day.customers["Huaxia Machinery"].pk

    again = client.post_json(
        f"{BASE}/depots/",
        {"warehouse_id": warehouse_id, "latitude": "31", "longitude": "121", "open_from": "07:00",
         "open_until": "19:00"},
    )  # fmt: skip
    assert again.status_code == 409 and again.json()["code"] == "duplicate_depot"
    twice = client.post_json(
        f"{BASE}/sites/",
        {"customer_id": customer_id, "latitude": "31", "longitude": "121", "window_start": "09:00",
         "window_end": "10:00"},
    )  # fmt: skip
    assert twice.status_code == 409 and twice.json()["code"] == "duplicate_delivery_site"
    backwards = client.patch_json(
        f"{BASE}/sites/{day.sites['Huaxia Machinery'].pk}/", {"window_start": "13:00"}
    )  # the window ends at 12:00
    assert backwards.status_code == 400 and "window_end" in backwards.json()["errors"]
    off_the_globe = client.post_json(
        f"{BASE}/sites/",
        {"customer_id": customer_id, "latitude": "91", "longitude": "121.1234567", "window_start": "09:00",
         "window_end": "10:00"},
    )  # fmt: skip
    assert off_the_globe.status_code == 400
    assert set(off_the_globe.json()["errors"]) == {"latitude", "longitude"}
    no_limit = client.post_json(
        f"{BASE}/plans/", {"delivery_date": DAY.isoformat(), "time_limit_seconds": 61}
    )
    assert no_limit.status_code == 400 and "time_limit_seconds" in no_limit.json()["errors"]
    with company_context(company):
        assert DeliverySite.objects.count() == 1 and Depot.objects.count() == 1
        assert DeliverySite.objects.get().window_start.hour == 9
        assert RoutePlan.objects.count() == 0

    changed = client.patch_json(
        f"{BASE}/vehicles/{day.vehicles[0].pk}/", {"count": 3, "speed_kmh": 55, "is_active": False}
    )
    assert changed.status_code == 200
    assert (changed.json()["count"], changed.json()["speed_kmh"], changed.json()["is_active"]) == (
        3,
        55,
        False,
    )
    depots = client.get(f"{BASE}/depots/")
    assert depots.json()["results"][0]["vehicle_count"] == 0  # the only type is inactive now


def test_a_viewer_reads_but_cannot_plan_or_set_up(owner, signed_in):
    from identity.models import User
    from identity.services import membership_create

    company, actor, _ = owner
    with company_context(company):
        day = f.day_of_deliveries(actor, DAY, customers=f.CUSTOMERS[:1])
    user = User.objects.create_user(email=f"{unique('v')}@viewer.test", password=PASSWORD)
    membership_create(user=user, company=company, roles=["viewer"])
    viewer = signed_in(user, company)

    assert viewer.get(f"{BASE}/sites/").status_code == 200
    assert viewer.get(f"{BASE}/vehicles/", {"depot_id": day.depot.pk}).json()["count"] == 1
    denied = viewer.post_json(f"{BASE}/plans/", {"delivery_date": DAY.isoformat(), "time_limit_seconds": 1})
    assert denied.status_code == 403 and denied.json()["code"] == "permission_denied"
    assert viewer.patch_json(f"{BASE}/vehicles/{day.vehicles[0].pk}/", {"count": 5}).status_code == 403
    with company_context(company):
        assert RoutePlan.objects.count() == 0 and Vehicle.objects.get().count == 2


def test_missing_date_and_unknown_ids(owner):
    _, _, client = owner
    assert client.get(f"{BASE}/deliveries/").json()["errors"] == {"date": ["This parameter is required."]}
    assert client.get(f"{BASE}/plans/999999/").status_code == 404
    assert client.get(f"{BASE}/sites/999999/").json()["code"] == "not_found"
    nowhere = client.post_json(f"{BASE}/plans/", {"delivery_date": DAY.isoformat()})
    assert nowhere.status_code == 400 and nowhere.json()["errors"] == {"depot_id": ["Set up a depot first."]}


def test_lists_take_a_constant_number_of_queries(owner):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    company, actor, client = owner
    counts: dict[str, list[int]] = {}
    customers = [(f"Customer {n}", f"31.{n:02d}", "121.4", (9, 17), "5") for n in range(1, 7)]
    with company_context(company):
        f.day_of_deliveries(actor, DAY, customers=customers[:2], capacity="500")
    for round_ in (1, 2):
        if round_ == 2:
            with company_context(company):
                for name, lat, lon, window, load in customers[2:]:
                    customer, _ = f.customer_with_site(actor, name, lat, lon, window)
                    f.accepted_order(actor, customer.pk, DAY, load)
        assert (
            client.post_json(
                f"{BASE}/plans/", {"delivery_date": DAY.isoformat(), "time_limit_seconds": 1}
            ).status_code
            == 201
        )
        for path in ("sites/", "depots/", "vehicles/", "plans/", f"deliveries/?date={DAY.isoformat()}"):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(f"{BASE}/{path}").status_code == 200
            counts.setdefault(path, []).append(len(queries))
        with CaptureQueriesContext(connection) as queries:
            latest = client.get(f"{BASE}/plans/").json()["results"][0]["id"]
            assert len(client.get(f"{BASE}/plans/{latest}/").json()["routes"]) >= 1
        counts.setdefault("plan", []).append(len(queries))
    for path, (few, many) in counts.items():
        assert few == many, f"{path}: {few} queries with 2 stops, {many} with 6"
