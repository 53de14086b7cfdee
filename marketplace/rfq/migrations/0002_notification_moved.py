"""The Notification model moved to the notifications app (its migration 0001 renames the table and keeps
the rows); here it only leaves the rfq app's state."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("rfq", "0001_initial"),
        ("notifications", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Notification")],
            database_operations=[],
        ),
    ]
