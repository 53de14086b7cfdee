"""Tenant API of supply-chain planning (under /api/supplychain/)."""

from __future__ import annotations

from django.urls import URLPattern

tenant_patterns: list[URLPattern] = []
