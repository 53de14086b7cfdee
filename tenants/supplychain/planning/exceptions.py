"""Domain errors of supply-chain planning. Codes are published: never change them."""

from __future__ import annotations

from kernel.errors import Conflict


class NotTheBuyersForecast(Conflict):
    code = "forecast_not_published_here"
    title = "Only the company that publishes this forecast can change it"


class NotTheSuppliersForecast(Conflict):
    code = "forecast_not_received_here"
    title = "Only the supplier this forecast was sent to can commit to it"


class CommitmentSuperseded(Conflict):
    code = "commitment_superseded"
    title = "A newer commitment replaces this one: schedule the newest"


class CommitmentAlreadyScheduled(Conflict):
    code = "commitment_already_scheduled"
    title = "Every committed week of this commitment already has its sales order"
