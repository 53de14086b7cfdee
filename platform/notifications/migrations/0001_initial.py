"""Notifications leave marketplace.rfq for their own app, keeping every row.

State: the model now belongs here. Database: the table ``rfq_notification`` is renamed, its ``rfq_id``
column (a foreign key to the RFQ) becomes the generic ``subject_id`` (no foreign key: the app knows no
domain) with ``subject_type = 'rfq'`` where it was set. Ids, keys, read marks and constraints are kept.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

FORWARD = """
DO $$
DECLARE fk text;
BEGIN
    FOR fk IN
        SELECT c.conname FROM pg_constraint c
          JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
         WHERE c.conrelid = 'rfq_notification'::regclass AND c.contype = 'f' AND a.attname = 'rfq_id'
    LOOP
        EXECUTE format('ALTER TABLE rfq_notification DROP CONSTRAINT %I', fk);
    END LOOP;
END $$;
ALTER TABLE rfq_notification RENAME COLUMN rfq_id TO subject_id;
ALTER TABLE rfq_notification ADD COLUMN subject_type varchar(40) NOT NULL DEFAULT '';
UPDATE rfq_notification SET subject_type = 'rfq' WHERE subject_id IS NOT NULL;
ALTER TABLE rfq_notification RENAME TO notifications_notification;
"""

BACKWARD = """
ALTER TABLE notifications_notification RENAME TO rfq_notification;
UPDATE rfq_notification SET subject_id = NULL WHERE subject_type <> 'rfq';
ALTER TABLE rfq_notification DROP COLUMN subject_type;
ALTER TABLE rfq_notification RENAME COLUMN subject_id TO rfq_id;
DELETE FROM rfq_notification n WHERE rfq_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM rfq_rfq r WHERE r.id = n.rfq_id);
ALTER TABLE rfq_notification ADD CONSTRAINT rfq_notification_rfq_id_fk_rfq_rfq_id
    FOREIGN KEY (rfq_id) REFERENCES rfq_rfq (id) DEFERRABLE INITIALLY DEFERRED;
"""


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("rfq", "0001_initial"),
        ("tenants", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunSQL(FORWARD, BACKWARD)],
            state_operations=[
                migrations.CreateModel(
                    name="Notification",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("kind", models.CharField(max_length=40)),
                        ("subject_type", models.CharField(blank=True, default="", max_length=40)),
                        ("subject_id", models.BigIntegerField(blank=True, null=True)),
                        ("payload", models.JSONField(default=dict)),
                        ("key", models.CharField(max_length=120)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("read_at", models.DateTimeField(blank=True, null=True)),
                        (
                            "company",
                            models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to="tenants.company"),
                        ),
                        (
                            "user",
                            models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to=settings.AUTH_USER_MODEL),
                        ),
                    ],
                    options={
                        "indexes": [models.Index(fields=["company", "user", "-created_at"], name="notification_inbox_idx")],
                        "constraints": [
                            models.UniqueConstraint(fields=("company", "user", "key"), name="notification_unique_key")
                        ],
                    },
                ),
            ],
        ),
    ]
