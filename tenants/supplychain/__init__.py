"""Supply-chain collaboration between trading partners, in each company's workspace.

Five parts, each its own Django app (own models and migrations):

- ``sharing``: grants the company gives and receives, publishing its stock snapshots (public models in
  ``marketplace.sharing``);
- ``replenishment``: vendor-managed replenishment (policies, proposals, the buyer's acceptance rule) and
  purchase orders drafted from the reorder list;
- ``planning``: forecasts and the supplier's commitments per item and week;
- ``tracking``: shipment tracking events from carriers (signed webhooks) or by hand, ETA and late alerts;
- ``routing``: delivery route plans (OR-Tools).
"""
