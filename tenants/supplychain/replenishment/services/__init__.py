"""Vendor-managed replenishment: the supplier proposes, the buyer's rule (or a member) accepts, and the
acceptance becomes one purchase order sent through the exchange (a sales order at the supplier).

Supplier side (the grant's PARTNER):
- ``replenishment_run`` computes a quantity for every agreed policy under an active grant from the shared
  figures (``sharing.SharedStock``, never the buyer's schema), keeps a ``Proposal`` and sends it as a
  ``replenishment_proposal`` document. A policy with an undecided proposal gets no second one.
- ``response_received`` records the buyer's answer (the purchase order's number and document id).

Buyer side (the grant's OWNER):
- ``proposal_received`` ingests a proposal (idempotent by document id: the exchange records it) and, when
  the most specific ``AcceptanceRule`` allows it and the proposal matches the policy both sides agreed to,
  accepts it at once in the name of the member who set the rule; otherwise it waits for a member with
  po.approve (who is told).
- ``proposal_accept`` / ``proposal_decline``: a member with po.approve decides a waiting proposal.

Accepting locks the received proposal's row and checks it is still pending: two acceptances at once, or
one after the automatic acceptance, give ONE purchase order; the other answers ``409
proposal_already_decided``. The order is drafted, approved and sent through the procurement services; the
acceptance IS its approval and is recorded as one (an approved step decided by the accepting member, or
by the member whose rule accepted it, on the order's timeline and in the audit).
"""

from tenants.supplychain.replenishment.services.common import this_company
from tenants.supplychain.replenishment.services.decisions import (
    proposal_accept,
    proposal_decline,
    proposal_received,
)
from tenants.supplychain.replenishment.services.proposals import (
    Figures,
    RunResult,
    Skipped,
    proposal_quantity,
    replenishment_run,
    response_received,
)
from tenants.supplychain.replenishment.services.reorder import ReorderLine, reorder_po_draft
from tenants.supplychain.replenishment.services.rules import rule_create, rule_delete, rule_update

__all__ = [
    "Figures",
    "ReorderLine",
    "RunResult",
    "Skipped",
    "proposal_accept",
    "proposal_decline",
    "proposal_quantity",
    "proposal_received",
    "reorder_po_draft",
    "replenishment_run",
    "response_received",
    "rule_create",
    "rule_delete",
    "rule_update",
    "this_company",
]
