"""The operator console's domain errors. Codes never change once published."""

from __future__ import annotations

from kernel.errors import Conflict


class CompanyStatusChangeRefused(Conflict):
    code = "company_status_change_refused"
    title = "The company cannot change to this status from its current one"


class CompanyHasNoSubscription(Conflict):
    code = "company_has_no_subscription"
    title = "This company has no subscription"
