"""Supply-chain collaboration: routing (tenant schema)."""

from __future__ import annotations
