"""Tenant API of supply-chain sharing (under /api/supplychain/)."""

from __future__ import annotations

from django.urls import URLPattern

tenant_patterns: list[URLPattern] = []
