"""Supply-chain collaboration: tracking (tenant schema)."""

from __future__ import annotations
