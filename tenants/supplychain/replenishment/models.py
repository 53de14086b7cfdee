"""Supply-chain collaboration: replenishment (tenant schema)."""

from __future__ import annotations
