"""Idempotency records are written with their effect, in one transaction, and keep the rendered bytes.

Records still "in progress" (written by the old two-transaction scheme) say nothing reliable about their
effect and are dropped; finished ones keep their body, re-encoded from JSON to the bytes of its text.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("kernel", "0001_initial")]

    operations = [
        migrations.RunSQL(
            "DELETE FROM kernel_idempotencyrecord WHERE response_status IS NULL",
            reverse_sql=migrations.RunSQL.noop,
        ),
        migrations.AlterField(
            model_name="idempotencyrecord",
            name="response_status",
            field=models.PositiveSmallIntegerField(),
        ),
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    "ALTER TABLE kernel_idempotencyrecord ALTER COLUMN response_body TYPE bytea "
                    "USING convert_to(coalesce(response_body::text, ''), 'UTF8'); "
                    "ALTER TABLE kernel_idempotencyrecord ALTER COLUMN response_body SET NOT NULL",
                    reverse_sql=(
                        "ALTER TABLE kernel_idempotencyrecord ALTER COLUMN response_body DROP NOT NULL; "
                        "ALTER TABLE kernel_idempotencyrecord ALTER COLUMN response_body TYPE jsonb "
                        "USING convert_from(response_body, 'UTF8')::jsonb"
                    ),
                )
            ],
            state_operations=[
                migrations.AlterField(
                    model_name="idempotencyrecord",
                    name="response_body",
                    field=models.BinaryField(),
                )
            ],
        ),
        migrations.AddIndex(
            model_name="idempotencyrecord",
            index=models.Index(fields=["created_at"], name="idempotency_created_idx"),
        ),
    ]
