"""Finance API on a company's host (``/api/finance/...``): one module per area."""
