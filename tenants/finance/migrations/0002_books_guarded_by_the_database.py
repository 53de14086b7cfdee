"""What the database guarantees about the books, whatever the code does (see tenants/finance/models.py).

- Balanced entries: a DEFERRABLE INITIALLY DEFERRED constraint trigger on lines (and on entries, for one
  written without lines) checks, when the transaction commits, that each touched entry has at least two
  lines and that its debits equal its credits and its total. An unbalanced entry cannot be committed.
- Immutable entries: UPDATE and DELETE of an entry or a line raise (corrections are reversals).
- Closed periods: a line cannot be written into a closed period, nor into a period other than its entry's.
"""

from django.db import migrations

FORWARD = """
-- Deferred triggers fire at commit, when the search_path may be another schema's: every table is named
-- with the trigger's own schema (TG_TABLE_SCHEMA), never through the search_path.
CREATE OR REPLACE FUNCTION finance_entry_balanced() RETURNS trigger AS $$
DECLARE
    entry_id bigint; n integer; d numeric; c numeric; t numeric;
BEGIN
    IF TG_TABLE_NAME = 'finance_journalentry' THEN
        entry_id := NEW.id;
    ELSIF TG_OP = 'DELETE' THEN
        entry_id := OLD.entry_id;
    ELSE
        entry_id := NEW.entry_id;
    END IF;
    EXECUTE format('SELECT total FROM %I.finance_journalentry WHERE id = $1', TG_TABLE_SCHEMA)
        INTO t USING entry_id;
    IF t IS NULL THEN
        RETURN NULL;
    END IF;
    EXECUTE format(
        'SELECT count(*), coalesce(sum(debit), 0), coalesce(sum(credit), 0) FROM %I.finance_journalline'
        ' WHERE entry_id = $1', TG_TABLE_SCHEMA) INTO n, d, c USING entry_id;
    IF n < 2 OR d <> c OR d <> t THEN
        RAISE EXCEPTION 'finance: journal entry % does not balance (% lines, debit %, credit %, total %)',
            entry_id, n, d, c, t USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE CONSTRAINT TRIGGER finance_journalline_balanced
    AFTER INSERT OR UPDATE OR DELETE ON finance_journalline
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION finance_entry_balanced();

CREATE CONSTRAINT TRIGGER finance_journalentry_balanced
    AFTER INSERT ON finance_journalentry
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION finance_entry_balanced();

CREATE OR REPLACE FUNCTION finance_posted_immutable() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'finance: posted journal entries and their lines cannot be changed or deleted; post a reversal'
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER finance_journalentry_immutable
    BEFORE UPDATE OR DELETE ON finance_journalentry
    FOR EACH ROW EXECUTE FUNCTION finance_posted_immutable();

CREATE TRIGGER finance_journalline_immutable
    BEFORE UPDATE OR DELETE ON finance_journalline
    FOR EACH ROW EXECUTE FUNCTION finance_posted_immutable();

CREATE OR REPLACE FUNCTION finance_line_period_open() RETURNS trigger AS $$
DECLARE
    st text; entry_period bigint;
BEGIN
    EXECUTE format('SELECT status FROM %I.finance_period WHERE id = $1', TG_TABLE_SCHEMA)
        INTO st USING NEW.period_id;
    IF st IS DISTINCT FROM 'open' THEN
        RAISE EXCEPTION 'finance: period % is closed', NEW.period_id USING ERRCODE = 'check_violation';
    END IF;
    EXECUTE format('SELECT period_id FROM %I.finance_journalentry WHERE id = $1', TG_TABLE_SCHEMA)
        INTO entry_period USING NEW.entry_id;
    IF entry_period IS DISTINCT FROM NEW.period_id THEN
        RAISE EXCEPTION 'finance: a line must be in its entry''s period' USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER finance_journalline_period_open
    BEFORE INSERT ON finance_journalline
    FOR EACH ROW EXECUTE FUNCTION finance_line_period_open();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS finance_journalline_period_open ON finance_journalline;
DROP FUNCTION IF EXISTS finance_line_period_open();
DROP TRIGGER IF EXISTS finance_journalline_immutable ON finance_journalline;
DROP TRIGGER IF EXISTS finance_journalentry_immutable ON finance_journalentry;
DROP FUNCTION IF EXISTS finance_posted_immutable();
DROP TRIGGER IF EXISTS finance_journalentry_balanced ON finance_journalentry;
DROP TRIGGER IF EXISTS finance_journalline_balanced ON finance_journalline;
DROP FUNCTION IF EXISTS finance_entry_balanced();
"""


class Migration(migrations.Migration):
    dependencies = [("finance", "0001_initial")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
