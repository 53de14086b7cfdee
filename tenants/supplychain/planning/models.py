"""Supply-chain collaboration: planning (tenant schema)."""

from __future__ import annotations
