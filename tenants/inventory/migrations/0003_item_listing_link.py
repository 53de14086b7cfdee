"""One listing per item and one item per listing; items already naming a listing start feeding its stock.

Runs in each company schema. Duplicate links (two items naming one listing) keep the lowest item id. The
public listing an item names (only if it belongs to this schema's company) takes the link and the item's
available quantity in the default warehouse, floored to the listing's 3 decimal places.
"""

from django.db import migrations, models

DEDUPE = """
UPDATE inventory_item SET listing_id = NULL
 WHERE listing_id IS NOT NULL
   AND id <> (SELECT min(other.id) FROM inventory_item other WHERE other.listing_id = inventory_item.listing_id)
"""

LINK = """
UPDATE public.catalog_listing AS l
   SET stock_item_id = i.id,
       availability = 'in_stock',
       stock_quantity = trunc(coalesce((
           SELECT s.on_hand - s.reserved FROM inventory_stocklevel s
             JOIN inventory_warehouse w ON w.id = s.warehouse_id AND w.is_default
            WHERE s.item_id = i.id), 0), 3),
       stock_updated_at = now()
  FROM inventory_item i
 WHERE l.id = i.listing_id
   AND l.company_id = (SELECT c.id FROM public.tenants_company c WHERE c.schema_name = current_schema())
"""


class Migration(migrations.Migration):
    dependencies = [
        ("inventory", "0002_ledger_append_only"),
        ("catalog", "0002_listing_stock_link"),
    ]

    operations = [
        migrations.RunSQL(DEDUPE, migrations.RunSQL.noop),
        migrations.AddConstraint(
            model_name="item",
            constraint=models.UniqueConstraint(
                condition=models.Q(("listing_id__isnull", False)), fields=("listing_id",), name="item_listing_uniq"
            ),
        ),
        migrations.RunSQL(LINK, migrations.RunSQL.noop),
    ]
