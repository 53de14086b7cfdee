"""The stock ledger is append-only in the database too: UPDATE and DELETE of an entry raise."""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION inventory_ledger_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'inventory ledger entries are append-only' USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER inventory_ledgerentry_append_only
    BEFORE UPDATE OR DELETE ON inventory_ledgerentry
    FOR EACH ROW EXECUTE FUNCTION inventory_ledger_append_only();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS inventory_ledgerentry_append_only ON inventory_ledgerentry;
DROP FUNCTION IF EXISTS inventory_ledger_append_only();
"""


class Migration(migrations.Migration):
    dependencies = [("inventory", "0001_initial")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
