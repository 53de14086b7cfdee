"""Distances between delivery points: a port with a great-circle (haversine) default.

A routing service (road distances and drive times) plugs in by naming a class in the setting
``SUPPLYCHAIN_ROUTING_DISTANCES`` (a dotted path); the class takes no arguments and implements
:class:`DistanceSource`. With no setting, distances are great-circle and travel times follow from each
vehicle's average speed.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

EARTH_RADIUS_M = 6_371_008.8  # the mean radius (IUGG)


@dataclass(frozen=True)
class Point:
    latitude: float
    longitude: float


@dataclass(frozen=True)
class Matrices:
    """Metres from every point to every other; seconds too when the source knows real drive times
    (``None``: travel time = distance / the vehicle's average speed)."""

    distance_m: list[list[int]]
    duration_s: list[list[int]] | None = None


class DistanceSource(Protocol):
    name: str

    def matrices(self, points: Sequence[Point]) -> Matrices: ...


def haversine_m(a: Point, b: Point) -> float:
    """Great-circle distance in metres."""
    lat1, lat2 = math.radians(a.latitude), math.radians(b.latitude)
    dlat = lat2 - lat1
    dlon = math.radians(b.longitude - a.longitude)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


class Haversine:
    """Great-circle distances, rounded to the metre; no drive times (speed decides)."""

    name = "haversine"

    def matrices(self, points: Sequence[Point]) -> Matrices:
        n = len(points)
        distance = [[0] * n for _ in range(n)]
        for i in range(n):
            for j in range(i + 1, n):
                distance[i][j] = distance[j][i] = round(haversine_m(points[i], points[j]))
        return Matrices(distance_m=distance)


def distance_source() -> DistanceSource:
    """The configured source (``SUPPLYCHAIN_ROUTING_DISTANCES``), else :class:`Haversine`."""
    dotted = getattr(settings, "SUPPLYCHAIN_ROUTING_DISTANCES", "")
    if not dotted:
        return Haversine()
    source: DistanceSource = import_string(dotted)()
    return source
