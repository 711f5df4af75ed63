"""A figure's indicator, unit and target source lose their single-column indexes: the indexes of (indicator, …)
and (unit, period) start with the same column, the target source gets a partial index (only targets have one),
and every index is written for every figure a load inserts.

The indexes are dropped by name rather than by altering the fields: on SQLite Django would rebuild the table of
figures, and on PostgreSQL drop and check again its foreign keys."""

import django.db.models.deletion
from django.db import migrations, models

INDEXES = [
    ("values_datavalue_indicator_id_91b5c617", "indicator_id"),
    ("values_datavalue_org_unit_id_85d91120", "org_unit_id"),
    ("values_datavalue_target_source_id_fe7ab3f8", "target_source_id"),
]


def drop(apps, schema_editor):
    for name, _column in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(name)}")


def create(apps, schema_editor):
    for name, column in INDEXES:
        schema_editor.execute(f"CREATE INDEX {schema_editor.quote_name(name)} ON values_datavalue ({column})")


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0001_initial"),
        ("units", "0004_unitaccess_sectors"),
        ("values", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(drop, create, elidable=False)],
            state_operations=[
                migrations.AlterField(
                    model_name="datavalue",
                    name="indicator",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="values",
                        to="catalog.indicator",
                        verbose_name="indicator",
                    ),
                ),
                migrations.AlterField(
                    model_name="datavalue",
                    name="org_unit",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="values",
                        to="units.orgunit",
                        verbose_name="unit",
                    ),
                ),
                migrations.AlterField(
                    model_name="datavalue",
                    name="target_source",
                    field=models.ForeignKey(
                        blank=True,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="values",
                        to="catalog.targetsource",
                        verbose_name="target source",
                    ),
                ),
            ],
        ),
        migrations.AddIndex(
            model_name="datavalue",
            index=models.Index(
                condition=models.Q(("target_source__isnull", False)),
                fields=["target_source"],
                name="datavalue_target_source",
            ),
        ),
    ]
