"""The supply-chain API of a company's host: each part's patterns (all under ``/api/supplychain/``)."""

from __future__ import annotations

from tenants.supplychain.planning.urls import tenant_patterns as planning
from tenants.supplychain.replenishment.urls import tenant_patterns as replenishment
from tenants.supplychain.routing.urls import tenant_patterns as routing
from tenants.supplychain.sharing.urls import tenant_patterns as sharing
from tenants.supplychain.tracking.urls import tenant_patterns as tracking

tenant_patterns = [*sharing, *replenishment, *planning, *tracking, *routing]
