"""Posting builders of business events, one module per area (imported by ``tenants.finance.handlers``)."""
