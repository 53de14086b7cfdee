"""Supply-chain collaboration: sharing (tenant schema)."""

from __future__ import annotations
