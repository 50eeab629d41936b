"""On PostgreSQL, the database itself refuses to change or delete an audit row, even through raw SQL.

The app refuses such changes (model, querysets, admin); this closes the way around it for anyone with
the application's database login. Inserting stays allowed, and so do TRUNCATE and DROP, which a restore
(`pg_restore --clean`) and Django's test database flush use. SQLite gets no trigger: its flush deletes
rows one table at a time.
"""

from django.db import migrations

FUNCTION = "govscore_audit_append_only"
TRIGGER = "audit_append_only"


def _table(apps) -> str:  # type: ignore[no-untyped-def]
    return apps.get_model("audit", "AuditEntry")._meta.db_table


def forwards(apps, schema_editor) -> None:  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    table = schema_editor.quote_name(_table(apps))
    schema_editor.execute(
        f"""CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'Nhật ký thay đổi chỉ được thêm, không được sửa hay xoá (the audit trail is append-only)'
                USING ERRCODE = 'insufficient_privilege';
        END
        $$"""
    )
    schema_editor.execute(
        f"CREATE TRIGGER {TRIGGER} BEFORE UPDATE OR DELETE ON {table} FOR EACH ROW EXECUTE FUNCTION {FUNCTION}()"
    )


def backwards(apps, schema_editor) -> None:  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP TRIGGER IF EXISTS {TRIGGER} ON {schema_editor.quote_name(_table(apps))}")
    schema_editor.execute(f"DROP FUNCTION IF EXISTS {FUNCTION}()")


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
