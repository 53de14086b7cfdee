"""One API vocabulary (docs/api-conventions.md): ``tax_percent`` is ``tax_rate``; listing snapshots name
the supplier by its company id (``supplier_id``) and the category by its code only."""

from decimal import Decimal
from typing import Any

from django.db import migrations, models


def snapshots_forward(apps: Any, schema_editor: Any) -> None:
    RfqLine = apps.get_model("rfq", "RfqLine")
    for line in RfqLine.objects.exclude(listing_snapshot=None).only("id", "listing_snapshot"):
        snapshot = dict(line.listing_snapshot)
        if "supplier_company_id" not in snapshot and "category_id" not in snapshot:
            continue
        company_id = snapshot.pop("supplier_company_id", None)
        if company_id is not None:
            snapshot["supplier_id"] = company_id
        snapshot.pop("category_id", None)
        line.listing_snapshot = snapshot
        line.save(update_fields=["listing_snapshot"])


class Migration(migrations.Migration):
    dependencies = [("rfq", "0002_notification_moved")]

    operations = [
        migrations.RenameField(model_name="quoteline", old_name="tax_percent", new_name="tax_rate"),
        migrations.AlterField(
            model_name="quoteline",
            name="tax_rate",
            field=models.DecimalField(decimal_places=2, default=Decimal("0"), help_text="Percent.", max_digits=5),
        ),
        migrations.RunPython(snapshots_forward, migrations.RunPython.noop),
    ]
