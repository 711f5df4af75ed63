"""Triggers that refuse UPDATE and DELETE on the change log, in the database itself (ktxh.history.guard)."""

from django.db import migrations


def create(apps, schema_editor):
    from ktxh.history.guard import create_triggers

    create_triggers(schema_editor)


def drop(apps, schema_editor):
    from ktxh.history.guard import drop_triggers

    drop_triggers(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("history", "0003_user_kept_on_delete")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
