"""The change log's type and object id lose their single-column indexes: the index of (type, id, time) serves every
query of them, and each index is written for every record (a load of a million figures writes a million).

The indexes are dropped by name rather than by altering the fields: on SQLite Django would rebuild the table to
alter a field, and the rebuilt table would lose the triggers that keep the log append-only (migration 0004)."""

from django.db import migrations, models

INDEXES = [
    ("history_changerecord_object_id_e847112d", "object_id", ""),
    ("history_changerecord_object_type_06faa187", "object_type", ""),
    ("history_changerecord_object_type_06faa187_like", "object_type", "varchar_pattern_ops"),  # PostgreSQL only
]


def drop(apps, schema_editor):
    for name, _column, _opclass in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(name)}")


def create(apps, schema_editor):
    for name, column, opclass in INDEXES:
        if opclass and schema_editor.connection.vendor != "postgresql":
            continue
        indexed = f"{column} {opclass}".strip()
        schema_editor.execute(f"CREATE INDEX {schema_editor.quote_name(name)} ON history_changerecord ({indexed})")


class Migration(migrations.Migration):
    dependencies = [("history", "0004_append_only_triggers")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(drop, create, elidable=False)],
            state_operations=[
                migrations.AlterField(
                    model_name="changerecord",
                    name="object_id",
                    field=models.BigIntegerField(blank=True, null=True, verbose_name="object id"),
                ),
                migrations.AlterField(
                    model_name="changerecord",
                    name="object_type",
                    field=models.CharField(max_length=100, verbose_name="object type"),
                ),
            ],
        )
    ]
