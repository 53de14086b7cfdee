"""Isolation probes of RFQs (marketplace.rfq): every operation, with each side's own objects.

``seed(side)`` gives a side, with a helper company of its own (``<marker> Helper``, a company row without a
workspace) as its counterpart, and a listed supplier without a marker (for invitations):

- as a buyer: a draft RFQ (an attachment, the supplier invited), an open sealed RFQ the helper quoted on,
  and a closed RFQ with the helper's quote (with an attachment);
- as a supplier: the helper's invited-only RFQ with the side's quote (and attachments on both), a second
  one not quoted yet, and the invitation notifications.

Seeding is idempotent and lazy (the first fingerprint or probe of a side seeds it), so it works whether or
not ``build_side`` calls ``seed``. Every RFQ uses a category of its own side, so the two sides never match
each other's RFQs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from conftest import PASSWORD
from tests.isolation.world import Probe, Side


@dataclass(frozen=True)
class UploadProbe(Probe):
    """A multipart upload of one small file named after the side."""

    def send(self, client: Any, ids_from: Side, **headers: str) -> Any:
        upload = SimpleUploadedFile(f"{ids_from.marker}-upload.txt", f"{ids_from.marker} upload".encode())
        return client.post(self.url(ids_from), data={"file": upload}, **headers)


def seed(side: Side) -> dict[str, Any]:
    if "rfq" in side.extra:
        return side.extra["rfq"]
    from identity.models import Membership, User
    from marketplace.rfq import services
    from marketplace.rfq.models import InvitationSource, InvitationStatus, RfqInvitation
    from marketplace.rfq.tests import factories as f
    from notifications.models import Notification

    m = side.marker
    side.extra["rfq"] = {}  # re-entry guard, should another module's seed call this one
    # The helper needs no workspace: it acts only through services. Its name carries the marker (it is the
    # side's own counterpart); the listed supplier and the category carry none, so that the directory's
    # public lists never show a marker of the other side.
    helper = f.bare_company(f"{m} Helper")
    helper_user = User.objects.create_user(email=f"owner@{helper.slug}.test", password=PASSWORD)
    Membership.objects.create(user=helper_user, company=helper, roles=["owner"])
    neutral = f.bare_company("RFQ probe supplier")
    cat = f.category("RFQ probe category")
    f.supplier_profile(neutral, categories=[cat])
    me = f.actor_for(side.company, side.owner)
    other = f.actor_for(helper, helper_user)

    def invite(rfq: Any, company: Any) -> None:
        RfqInvitation.objects.update_or_create(
            rfq=rfq,
            supplier=company,
            defaults={"status": InvitationStatus.INVITED, "source": InvitationSource.ADDED},
        )

    # As a buyer.
    draft = f.rfq_draft(me, lines=[f.line(cat, description=f"{m} spec")], title=f"{m} draft RFQ")
    draft_file = services.rfq_attachment_add(
        actor=me, rfq_id=draft.pk, upload=SimpleUploadedFile(f"{m}-drawing.txt", f"{m} drawing".encode())
    )
    services.invitation_add(actor=me, rfq_id=draft.pk, supplier_id=neutral.pk)
    rfqs = {}
    for name in ("sealed", "closed"):
        rfq = f.rfq_draft(me, lines=[f.line(cat)], title=f"{m} {name} RFQ", sealed=True)
        invite(rfq, helper)
        rfqs[name] = services.rfq_publish(actor=me, rfq_id=rfq.pk).rfq
    f.quote(other, rfqs["sealed"], unit_price="777.1234", notes=f"{m} helper quote")
    closed = rfqs["closed"]
    closed_quote = f.quote(other, closed, unit_price="555.4321", notes=f"{m} helper quote")
    closed_quote_file = services.quote_attachment_add(
        actor=other, rfq_id=closed.pk, upload=SimpleUploadedFile(f"{m}-offer.txt", f"{m} offer".encode())
    )
    f.force_close(closed)

    # As a supplier: the helper's invited-only RFQs.
    inbound = []
    for title in (f"{m} inbound RFQ", f"{m} second inbound RFQ"):
        rfq = f.rfq_draft(
            other, lines=[f.line(cat, description=f"{m} inbound item")], title=title, visibility="invited"
        )
        invite(rfq, side.company)
        services.rfq_publish(actor=other, rfq_id=rfq.pk)
        services.broadcast_invitations(rfq_id=rfq.pk)
        inbound.append(rfq)
    inbound_file = services.rfq_attachment_add(
        actor=other, rfq_id=inbound[0].pk, upload=SimpleUploadedFile(f"{m}-spec.txt", f"{m} spec".encode())
    )
    f.quote(me, inbound[0], unit_price="99.0100", notes=f"{m} quote")
    quote_file = services.quote_attachment_add(
        actor=me, rfq_id=inbound[0].pk, upload=SimpleUploadedFile(f"{m}-quote.txt", f"{m} quote".encode())
    )
    notification = Notification.objects.filter(company=side.company, user=side.owner).order_by("id").first()
    assert notification is not None, "the invitation broadcast told nobody"

    side.extra["rfq"] = data = {
        "category_code": cat.code,
        "supplier_id": neutral.pk,
        "draft_id": draft.pk,
        "draft_file_id": draft_file.pk,
        "sealed_id": rfqs["sealed"].pk,
        "sealed_closing_at": rfqs["sealed"].closing_at,
        "closed_id": closed.pk,
        "closed_quote_id": closed_quote.pk,
        "closed_quote_file_id": closed_quote_file.pk,
        "inbound_id": inbound[0].pk,
        "inbound_line_id": inbound[0].lines.get().pk,
        "inbound_file_id": inbound_file.pk,
        "inbound2_id": inbound[1].pk,
        "inbound2_line_id": inbound[1].lines.get().pk,
        "quote_file_id": quote_file.pk,
        "notification_id": notification.pk,
    }
    return data


def _id(name: str) -> Any:
    return lambda s: seed(s)[name]


def _fingerprint(side: Side) -> dict[str, Any]:
    from marketplace.rfq.models import (
        Attachment,
        Award,
        Quote,
        QuoteLine,
        Rfq,
        RfqInvitation,
        RfqLine,
        ScreeningPreset,
    )
    from notifications.models import Notification

    seed(side)
    company = side.company
    return {
        "rfqs": list(
            Rfq.objects.filter(buyer=company)
            .order_by("pk")
            .values_list("pk", "title", "status", "closing_at", "cancel_reason", "sealed", "visibility")
        ),
        "lines": list(
            RfqLine.objects.filter(rfq__buyer=company).order_by("pk").values_list("pk", "description")
        ),
        "invitations": list(
            RfqInvitation.objects.filter(rfq__buyer=company)
            .order_by("pk")
            .values_list("pk", "supplier_id", "status")
        ),
        "quotes": list(
            Quote.objects.filter(supplier=company)
            .order_by("pk")
            .values_list("pk", "status", "revision", "notes")
        ),
        "quote_lines": list(
            QuoteLine.objects.filter(quote__supplier=company).order_by("pk").values_list("pk", "unit_price")
        ),
        "awards": list(Award.objects.filter(rfq__buyer=company).order_by("pk").values_list("pk", "line_id")),
        "attachments": list(
            Attachment.objects.filter(company=company).order_by("pk").values_list("pk", "filename")
        ),
        "notifications": list(
            Notification.objects.filter(company=company).order_by("pk").values_list("pk", "read_at")
        ),
        "preset": list(ScreeningPreset.objects.filter(company=company).values_list("top_n", "weight_price")),
    }


FINGERPRINTS = {"rfq": _fingerprint}


def _new_rfq(s: Side) -> dict[str, Any]:
    return {
        "title": f"{s.marker} new RFQ",
        "currency": "CNY",
        "delivery_region": "CN",
        "closing_at": (timezone.now() + timedelta(days=5)).isoformat(),
        "lines": [
            {
                "description": f"{s.marker} item",
                "category_code": seed(s)["category_code"],
                "quantity": "5",
                "unit": "pcs",
            }
        ],
    }


def _quote_body(s: Side, line_key: str) -> dict[str, Any]:
    return {
        "lines": [
            {
                "rfq_line_id": seed(s)[line_key],
                "unit_price": "42.5000",
                "offered_quantity": "100",
                "lead_time_days": 10,
            }
        ],
        "valid_until": (timezone.now() + timedelta(days=60)).date().isoformat(),
        "notes": f"{s.marker} revised quote",
    }


RFQ = {"rfq_id": _id("draft_id")}
SEALED = {"rfq_id": _id("sealed_id")}
CLOSED = {"rfq_id": _id("closed_id")}
INBOUND = {"rfq_id": _id("inbound_id")}

TENANT_PROBES: dict[str, Probe] = {
    # Buyer side.
    "rfqs_list": Probe("GET", "/api/rfqs/", lists=True),
    "rfqs_create": Probe("POST", "/api/rfqs/", body=_new_rfq, ok=201),
    "rfqs_get": Probe("GET", "/api/rfqs/{rfq_id}/", ids=RFQ),
    "rfqs_update": Probe(
        "PATCH", "/api/rfqs/{rfq_id}/", ids=RFQ, body=lambda s: {"title": f"{s.marker} renamed"}
    ),
    "rfqs_publish": Probe("POST", "/api/rfqs/{rfq_id}/publish/", ids=RFQ),
    "rfqs_extend": Probe(
        "POST",
        "/api/rfqs/{rfq_id}/extend/",
        ids=SEALED,
        body=lambda s: {"closing_at": (seed(s)["sealed_closing_at"] + timedelta(days=1)).isoformat()},
    ),
    "rfqs_close": Probe("POST", "/api/rfqs/{rfq_id}/close/", ids=SEALED),
    "rfqs_cancel": Probe(
        "POST", "/api/rfqs/{rfq_id}/cancel/", ids=SEALED, body=lambda s: {"reason": "Budget withdrawn"}
    ),
    "rfqs_match_preview": Probe("GET", "/api/rfqs/{rfq_id}/matches/", ids=RFQ),
    "rfqs_invitations_list": Probe("GET", "/api/rfqs/{rfq_id}/invitations/", ids=SEALED, lists=True),
    "rfqs_invitations_add": Probe(
        "PUT",
        "/api/rfqs/{rfq_id}/invitations/{supplier_id}/",
        ids={**SEALED, "supplier_id": _id("supplier_id")},
    ),
    "rfqs_invitations_remove": Probe(
        "DELETE",
        "/api/rfqs/{rfq_id}/invitations/{supplier_id}/",
        ids={**RFQ, "supplier_id": _id("supplier_id")},
        ok=204,
    ),
    "rfqs_attachments_upload": UploadProbe("POST", "/api/rfqs/{rfq_id}/attachments/", ids=RFQ, ok=201),
    "rfqs_attachments_download": Probe(
        "GET",
        "/api/rfqs/{rfq_id}/attachments/{attachment_id}/",
        ids={**RFQ, "attachment_id": _id("draft_file_id")},
    ),
    "rfqs_attachments_delete": Probe(
        "DELETE",
        "/api/rfqs/{rfq_id}/attachments/{attachment_id}/",
        ids={**RFQ, "attachment_id": _id("draft_file_id")},
        ok=204,
    ),
    "rfqs_quotes_list": Probe("GET", "/api/rfqs/{rfq_id}/quotes/", ids=CLOSED, lists=True),
    "rfqs_quote_attachments_download": Probe(
        "GET",
        "/api/rfqs/{rfq_id}/quotes/{quote_id}/attachments/{attachment_id}/",
        ids={**CLOSED, "quote_id": _id("closed_quote_id"), "attachment_id": _id("closed_quote_file_id")},
    ),
    "rfqs_comparison": Probe("GET", "/api/rfqs/{rfq_id}/comparison/", ids=CLOSED),
    "rfqs_comparison_export": Probe("GET", "/api/rfqs/{rfq_id}/comparison/export/", ids=CLOSED),
    "rfqs_award": Probe(
        "POST",
        "/api/rfqs/{rfq_id}/awards/",
        ids=CLOSED,
        body=lambda s: {"quote_id": seed(s)["closed_quote_id"], "reason": "Best landed price"},
        ok=201,
    ),
    "rfq_screening_get": Probe("GET", "/api/rfq-screening/"),
    "rfq_screening_update": Probe(
        "PUT",
        "/api/rfq-screening/",
        body=lambda s: {
            "weight_price": 50,
            "weight_reputation": 20,
            "weight_lead_time": 20,
            "weight_verified": 10,
            "top_n": 15,
        },
    ),
    # Supplier side.
    "rfq_inbox_list": Probe("GET", "/api/rfq-inbox/", lists=True),
    "rfq_inbox_get": Probe("GET", "/api/rfq-inbox/{rfq_id}/", ids=INBOUND),
    "rfq_inbox_attachments_download": Probe(
        "GET",
        "/api/rfq-inbox/{rfq_id}/attachments/{attachment_id}/",
        ids={**INBOUND, "attachment_id": _id("inbound_file_id")},
    ),
    "quotes_get": Probe("GET", "/api/rfq-inbox/{rfq_id}/quote/", ids=INBOUND),
    "quotes_create": Probe(
        "POST",
        "/api/rfq-inbox/{rfq_id}/quote/",
        ids={"rfq_id": _id("inbound2_id")},
        body=lambda s: _quote_body(s, "inbound2_line_id"),
        ok=201,
    ),
    "quotes_revise": Probe(
        "PUT", "/api/rfq-inbox/{rfq_id}/quote/", ids=INBOUND, body=lambda s: _quote_body(s, "inbound_line_id")
    ),
    "quotes_withdraw": Probe("POST", "/api/rfq-inbox/{rfq_id}/quote/withdraw/", ids=INBOUND),
    "quotes_attachments_upload": UploadProbe(
        "POST", "/api/rfq-inbox/{rfq_id}/quote/attachments/", ids=INBOUND, ok=201
    ),
    "quotes_attachments_download": Probe(
        "GET",
        "/api/rfq-inbox/{rfq_id}/quote/attachments/{attachment_id}/",
        ids={**INBOUND, "attachment_id": _id("quote_file_id")},
    ),
    "quotes_attachments_delete": Probe(
        "DELETE",
        "/api/rfq-inbox/{rfq_id}/quote/attachments/{attachment_id}/",
        ids={**INBOUND, "attachment_id": _id("quote_file_id")},
        ok=204,
    ),
    # Notifications.
    "notifications_list": Probe("GET", "/api/notifications/", lists=True),
    "notifications_mark_read": Probe(
        "POST", "/api/notifications/{notification_id}/read/", ids={"notification_id": _id("notification_id")}
    ),
}

PUBLIC_PROBES: dict[str, Probe] = {}
