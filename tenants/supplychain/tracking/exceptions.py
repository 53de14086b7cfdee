"""Domain errors of shipment tracking. Codes are published: never change them."""

from __future__ import annotations

from kernel.errors import Conflict, DomainError, NotFound


class WebhookSignatureInvalid(DomainError):
    code = "tracking_webhook_signature_invalid"
    status = 401
    title = "The webhook's signature is missing, malformed or does not match the carrier account's secret"


class WebhookTimestampOutOfTolerance(DomainError):
    code = "tracking_webhook_timestamp_out_of_tolerance"
    status = 401
    title = "The webhook's timestamp is too far from the current time (replayed or delayed delivery)"


class TrackedShipmentNotFound(NotFound):
    code = "tracking_shipment_not_found"
    title = "No shipment of this company carries this tracking number"


class CarrierCodeTaken(Conflict):
    code = "carrier_code_taken"
    title = "A carrier account with this code already exists"
