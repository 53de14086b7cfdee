"""Domain errors of replenishment. Codes are published: never change them."""

from __future__ import annotations

from kernel.errors import Conflict


class ProposalAlreadyDecided(Conflict):
    code = "proposal_already_decided"
    title = "This replenishment proposal was already accepted or declined"


class PolicyVersionChanged(Conflict):
    code = "policy_version_changed"
    title = "The policy changed since you read it; read it again before agreeing"


class PolicyExists(Conflict):
    code = "policy_exists"
    title = "A replenishment policy for this item under this grant already exists"


class GrantNotActive(Conflict):
    code = "grant_not_active"
    title = "The sharing grant is revoked or outside its period"


class AcceptanceRuleExists(Conflict):
    code = "acceptance_rule_exists"
    title = "A rule for this supplier and item already exists; change that one"
