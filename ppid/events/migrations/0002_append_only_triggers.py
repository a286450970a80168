"""Make the event table append-only in the database itself, so no code path can rewrite history."""

from django.db import migrations

POSTGRES_UP = """
CREATE OR REPLACE FUNCTION events_event_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'events_event is append-only: % is not allowed', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER events_event_no_update BEFORE UPDATE OR DELETE ON events_event
    FOR EACH ROW EXECUTE FUNCTION events_event_append_only();
CREATE TRIGGER events_event_no_truncate BEFORE TRUNCATE ON events_event
    FOR EACH STATEMENT EXECUTE FUNCTION events_event_append_only();
"""
POSTGRES_DOWN = """
DROP TRIGGER IF EXISTS events_event_no_update ON events_event;
DROP TRIGGER IF EXISTS events_event_no_truncate ON events_event;
DROP FUNCTION IF EXISTS events_event_append_only();
"""
SQLITE_UP = [
    """CREATE TRIGGER events_event_no_update BEFORE UPDATE ON events_event
       BEGIN SELECT RAISE(ABORT, 'events_event is append-only: UPDATE is not allowed'); END;""",
    """CREATE TRIGGER events_event_no_delete BEFORE DELETE ON events_event
       BEGIN SELECT RAISE(ABORT, 'events_event is append-only: DELETE is not allowed'); END;""",
]
SQLITE_DOWN = ["DROP TRIGGER IF EXISTS events_event_no_update;", "DROP TRIGGER IF EXISTS events_event_no_delete;"]


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        # params=None: the trigger body has a literal "%" that must not be read as a placeholder.
        schema_editor.execute(POSTGRES_UP, params=None)
    elif vendor == "sqlite":
        for statement in SQLITE_UP:
            schema_editor.execute(statement)


def backwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_DOWN, params=None)
    elif vendor == "sqlite":
        for statement in SQLITE_DOWN:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("events", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
