"""The kept sums of the children's figures and their stale marks (ktxh.values.rollups): the tables, the trigger
on the change log that marks them stale, and every existing place marked stale (recomputed on first read)."""

from django.db import migrations, models


def create(apps, schema_editor):
    from ktxh.values.rollups import create_triggers, mark_all_sql

    create_triggers(schema_editor)
    schema_editor.execute(mark_all_sql(), params=None)


def drop(apps, schema_editor):
    from ktxh.values.rollups import drop_triggers

    drop_triggers(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("values", "0002_no_single_column_indexes"),
        ("history", "0005_no_single_column_indexes"),
        ("units", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="Rollup",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("parent_id", models.BigIntegerField()),
                ("indicator_id", models.BigIntegerField()),
                ("disaggregation", models.CharField(blank=True, default="", max_length=300)),
                ("period", models.CharField(max_length=16)),
                ("period_start", models.DateField()),
                ("period_end", models.DateField()),
                ("total", models.DecimalField(decimal_places=6, max_digits=38)),
                ("count", models.IntegerField()),
                ("estimates", models.IntegerField()),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("parent_id", "period", "indicator_id", "disaggregation"), name="rollup_unique_place"
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="RollupStale",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("parent_id", models.BigIntegerField()),
                ("period", models.CharField(max_length=16)),
                ("period_start", models.DateField()),
                ("period_end", models.DateField()),
            ],
            options={
                "indexes": [models.Index(fields=["parent_id", "period"], name="rollupstale_place")],
            },
        ),
        migrations.RunPython(create, drop, elidable=False),
    ]
