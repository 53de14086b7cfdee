"""Domain errors of inventory sharing. Codes are published: never change them."""

from __future__ import annotations

from kernel.errors import Conflict, DomainError


class NotATradingPartner(DomainError):
    code = "not_a_trading_partner"
    status = 400
    title = "Stock can be shared only with a trading partner (a company you have exchanged documents with)"


class GrantRevoked(Conflict):
    code = "grant_revoked"
    title = "This grant is revoked; make a new grant instead"
