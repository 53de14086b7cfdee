"""Tenant API of supply-chain tracking (under /api/supplychain/)."""

from __future__ import annotations

from django.urls import URLPattern

tenant_patterns: list[URLPattern] = []
