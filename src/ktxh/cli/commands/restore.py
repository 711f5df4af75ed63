"""``ktxh restore FILE [--force]``: put back a database written by ``ktxh backup``, on SQLite or PostgreSQL.

Before anything is touched, the file is checked: it must be a ktxh backup of a format this version reads, and
its schema (the migrations applied when it was made) must not be newer than this version of ktxh. A database
that already holds data is refused unless ``--force`` (which replaces everything).

The rows are written in one transaction with the ids they had: all of them or, on any error, none. Content types
and permissions are matched by name. On PostgreSQL the id sequences are moved past the restored ids. A backup of
an older schema is loaded into that schema and then upgraded with the migrations, as an old database would be.
The kept roll-ups of the replaced data are thrown away and every place marked stale (:mod:`ktxh.values.rollups`).
"""

from __future__ import annotations

import json
import zipfile

from django.utils.translation import gettext as _

from ktxh.cli.base import UserError, migrate, timed
from ktxh.cli.commands.backup import (
    DJANGO_APPS,
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    REFERENCE_MODELS,
    backed_up_models,
    many_to_many,
)
from ktxh.history.guard import replacing_database

#: Tables emptied with --force besides the backed-up ones: who is signed in, and the lock-out counters.
TRANSIENT_TABLES = ("django_session", "axes_accessattempt", "axes_accesslog", "axes_accessfailurelog")


def register(subparsers) -> None:
    parser = subparsers.add_parser("restore", help=_("restore the whole database from a backup file"))
    parser.add_argument("file", metavar=_("FILE"), help=_("a file written by ktxh backup"))
    parser.add_argument("--force", action="store_true", help=_("replace the data of a database that is not empty"))
    parser.set_defaults(func=run)


class Backup:
    """An opened backup file, checked to be one."""

    def __init__(self, path: str):
        self.path = path
        try:
            self.archive = zipfile.ZipFile(path)
            self.manifest = json.loads(self.archive.read(MANIFEST).decode("utf-8"))
        except FileNotFoundError:
            raise UserError(_("The file «%(path)s» does not exist.") % {"path": path}) from None
        except OSError as error:
            raise UserError(
                _("Cannot read «%(path)s»: %(reason)s.") % {"path": path, "reason": error.strerror}
            ) from None
        except (zipfile.BadZipFile, KeyError, UnicodeDecodeError, ValueError):
            raise UserError(_("«%(path)s» is not a ktxh backup.") % {"path": path}) from None
        if not isinstance(self.manifest, dict) or self.manifest.get("format") != FORMAT:
            raise UserError(_("«%(path)s» is not a ktxh backup.") % {"path": path})
        version = self.manifest.get("format_version")
        if not isinstance(version, int) or version > FORMAT_VERSION:
            raise UserError(
                _(
                    "«%(path)s» was written by a newer version of ktxh (backup format %(version)s); "
                    "upgrade ktxh to restore it."
                )
                % {"path": path, "version": version}
            )
        self.migrations = {(app, name) for app, names in self.manifest.get("migrations", {}).items() for name in names}
        self.tables = self.manifest.get("tables", {})
        self.links = self.manifest.get("links", {})

    def rows(self, entry: dict):
        """The column names, then the rows, of one table or link file."""
        try:
            with self.archive.open(entry["file"]) as handle:
                lines = iter(handle)
                columns = json.loads(next(lines))
                yield columns
                for line in lines:
                    yield json.loads(line)
        except (KeyError, zipfile.BadZipFile, ValueError, StopIteration, EOFError) as error:
            raise UserError(_("«%(path)s» is damaged (%(error)s).") % {"path": self.path, "error": error}) from None


def schema_targets(backup: Backup, loader) -> list[tuple[str, str]] | None:
    """The migrations to move the database to before loading: None when the backup has the current schema.
    A migration this version does not know means the backup comes from a newer ktxh: refused."""
    unknown = sorted(node for node in backup.migrations if node not in loader.graph.nodes)
    if unknown:
        raise UserError(
            _(
                "The backup comes from a newer version of ktxh (unknown migrations: %(names)s); "
                "upgrade ktxh to restore it."
            )
            % {"names": ", ".join(f"{a}.{n}" for a, n in unknown[:5])}
        )
    apps_in_backup = {app for app, _name in backup.migrations}
    current = {node for node in loader.graph.nodes if node[0] in apps_in_backup}
    if current <= backup.migrations:
        return None
    targets = []
    for app in sorted(apps_in_backup):
        applied = [node for node in backup.migrations if node[0] == app]
        leaves = [
            node
            for node in applied
            if not any(child in backup.migrations for child in loader.graph.node_map[node].children)
        ]
        targets += leaves
    return targets


def data_tables(apps, labels) -> list[str]:
    tables = []
    for model in backed_up_models(apps, labels):
        if model._meta.label_lower in REFERENCE_MODELS:
            continue
        tables.append(model._meta.db_table)
        tables += [field.remote_field.through._meta.db_table for field in many_to_many(model)]
    return tables


def holds_data(connection, tables: list[str]) -> bool:
    existing = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        for table in tables:
            if table in existing:
                cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1")
                if cursor.fetchone():
                    return True
    return False


def empty_tables(connection, tables: list[str]) -> None:
    from django.core.management.color import no_style

    existing = set(connection.introspection.table_names())
    statements = connection.ops.sql_flush(no_style(), [t for t in tables if t in existing], allow_cascade=True)
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def _decode(field, value):
    if value is None:
        return None
    if field.get_internal_type() == "JSONField":
        return value
    if field.get_internal_type() == "DurationField":
        import datetime as dt

        return dt.timedelta(seconds=value)
    return field.to_python(value)


def load(backup: Backup, apps, connection) -> dict[str, int]:
    """Insert every row of the backup with the historical models ``apps``; return the counts per table."""
    contenttype_model = apps.get_model("contenttypes", "ContentType")
    permission_model = apps.get_model("auth", "Permission")
    remap: dict[str, dict] = {"contenttypes.contenttype": {}, "auth.permission": {}}
    if "contenttypes.contenttype" in backup.tables:
        rows = backup.rows(backup.tables["contenttypes.contenttype"])
        columns = next(rows)
        for row in rows:
            record = dict(zip(columns, row))
            content_type, _created = contenttype_model.objects.get_or_create(
                app_label=record["app_label"], model=record["model"]
            )
            remap["contenttypes.contenttype"][record["id"]] = content_type.pk
    if "auth.permission" in backup.tables:
        rows = backup.rows(backup.tables["auth.permission"])
        columns = next(rows)
        for row in rows:
            record = dict(zip(columns, row))
            permission, _created = permission_model.objects.get_or_create(
                content_type_id=remap["contenttypes.contenttype"][record["content_type_id"]],
                codename=record["codename"],
                defaults={"name": record["name"]},
            )
            remap["auth.permission"][record["id"]] = permission.pk

    def converter(field):
        related = field.related_model._meta.label_lower if field.is_relation and field.related_model else None
        if related in remap:
            mapping = remap[related]
            return lambda value: None if value is None else mapping[value]
        return lambda value: _decode(field, value)

    counts: dict[str, int] = {}
    labels = backup.manifest.get("apps", [])
    for model in backed_up_models(apps, labels):
        label = model._meta.label_lower
        if label in REFERENCE_MODELS or label not in backup.tables:
            continue
        by_column = {field.attname: field for field in model._meta.concrete_fields}
        rows = backup.rows(backup.tables[label])
        columns = next(rows)
        missing = [c for c in columns if c not in by_column]
        if missing:
            raise UserError(
                _("The backup does not match the schema of this version of ktxh (%(table)s: %(columns)s).")
                % {"table": label, "columns": ", ".join(missing)}
            )
        fields = [by_column[c] for c in columns]
        convert = [converter(field) for field in fields]
        counts[label] = _insert(
            model,
            fields,
            (model(**{field.attname: to(value) for field, to, value in zip(fields, convert, row)}) for row in rows),
            connection,
        )
        for field in many_to_many(model):
            link = f"{label}.{field.name}"
            if link not in backup.links:
                continue
            through = field.remote_field.through
            rows = backup.rows(backup.links[link])
            next(rows)
            pair = [
                through._meta.get_field(field.m2m_field_name()),
                through._meta.get_field(field.m2m_reverse_field_name()),
            ]
            convert = [converter(f) for f in pair]
            counts[link] = _insert(
                through,
                pair,
                (through(**{f.attname: to(value) for f, to, value in zip(pair, convert, row)}) for row in rows),
                connection,
            )
    return counts


def _insert(model, fields, objects, connection) -> int:
    """Insert the objects as they are (``raw``: no defaults, no timestamps made now, no signals), in batches."""
    size = max(1, connection.ops.bulk_batch_size(fields, [None] * 500) or 500)
    count, batch = 0, []
    for obj in objects:
        batch.append(obj)
        if len(batch) >= size:
            model._base_manager._insert(batch, fields=fields, using=connection.alias, raw=True)
            count, batch = count + len(batch), []
    if batch:
        model._base_manager._insert(batch, fields=fields, using=connection.alias, raw=True)
        count += len(batch)
    return count


def reset_sequences(connection) -> None:
    """Move PostgreSQL's id sequences past the restored ids (SQLite does it by itself)."""
    from django.apps import apps
    from django.core.management.color import no_style

    models = []
    for config in apps.get_app_configs():
        for model in config.get_models(include_auto_created=True):
            if model._meta.managed and not model._meta.proxy:
                models.append(model)
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


def restore(path: str, force: bool = False) -> dict[str, int]:
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    backup = Backup(path)  # checked before anything is touched
    targets = schema_targets(backup, MigrationExecutor(connection).loader)
    with replacing_database(connection):  # the change log is replaced by the backup's, the one time it may be
        return _replace(backup, targets, force)


def _replace(backup: Backup, targets, force: bool) -> dict[str, int]:
    from django.apps import apps as current_apps
    from django.db import connection, transaction
    from django.db.migrations.executor import MigrationExecutor

    from ktxh.values.rollups import invalidate_all

    labels = [
        label
        for label in backup.manifest.get("apps", [])
        if label in DJANGO_APPS or label in {config.label for config in current_apps.get_app_configs()}
    ]
    migrate()
    tables = data_tables(current_apps, labels) + list(TRANSIENT_TABLES)
    if holds_data(connection, data_tables(current_apps, labels)) and not force:
        raise UserError(
            _(
                "The database already holds data. Restoring replaces all of it: add --force to do so, "
                "or restore into an empty database."
            )
        )
    if targets is None:
        with transaction.atomic():
            empty_tables(connection, tables)
            with connection.constraint_checks_disabled():
                counts = load(backup, current_apps, connection)
            connection.check_constraints()
            reset_sequences(connection)
            invalidate_all()  # the kept roll-ups were those of the replaced data
        return counts
    # An older schema: empty the database, move it back to the backup's schema, load, then upgrade it.
    with transaction.atomic():
        empty_tables(connection, tables)
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    state_apps = MigrationExecutor(connection).loader.project_state(targets, at_end=True).apps
    with transaction.atomic():
        with connection.constraint_checks_disabled():
            counts = load(backup, state_apps, connection)
        connection.check_constraints()
    migrate()
    reset_sequences(connection)
    invalidate_all()
    return counts


def run(args) -> int:
    with timed("restore") as summary:
        counts = summary["counts"] = restore(args.file, force=args.force)
    for label, count in counts.items():
        print(f"  {label}: {count}")
    print(
        _("Restored %(rows)d rows of %(tables)d tables from %(path)s.")
        % {"rows": sum(counts.values()), "tables": len(counts), "path": args.file}
    )
    return 0
