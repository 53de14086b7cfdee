"""Regions a supplier serves: ISO 3166-1 alpha-2 countries, optionally with a subdivision ("CN-JS").

Filters match by *region keys*: a supplier serving ``CN-JS`` has the keys ``CN-JS`` and ``CN*`` (serves
somewhere in China); one serving ``CN`` (all of China) has the key ``CN``. Looking for ``CN-JS`` matches
``CN-JS`` or ``CN``; looking for ``CN`` matches ``CN`` or ``CN*``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from kernel.iso import COUNTRIES

_REGION = re.compile(r"^([A-Z]{2})(?:-([A-Z0-9]{1,3}))?$")
MAX_REGIONS = 60


def region_normalise(code: str) -> str | None:
    """The canonical form of a region code, or None when it is not one."""
    value = (code or "").strip().upper()
    match = _REGION.match(value)
    if match is None or match.group(1) not in COUNTRIES:
        return None
    return value


def region_keys(regions: Iterable[str]) -> list[str]:
    keys: set[str] = set()
    for region in regions:
        keys.add(region)
        if "-" in region:
            keys.add(region.split("-", 1)[0] + "*")
    return sorted(keys)


def region_query_keys(region: str) -> list[str]:
    """The keys that a supplier must have one of to serve ``region`` (already normalised)."""
    if "-" in region:
        return [region, region.split("-", 1)[0]]
    return [region, region + "*"]
