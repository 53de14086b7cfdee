"""Catalog API: the own catalog (manage), imports, and public browsing (browse)."""
