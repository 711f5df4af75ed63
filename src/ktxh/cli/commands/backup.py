"""``ktxh backup -o FILE``: the whole database in one file that ``ktxh restore`` reads back, on SQLite or PostgreSQL.

The file is a zip:

- ``manifest.json`` — the format and its version, the ktxh version, the database it came from, the migrations
  applied (the schema the data belongs to), and per table its columns and row count;
- ``data/<app>.<model>.jsonl`` — one line with the column names, then one JSON array per row, ordered by id;
- ``data/<app>.<model>.<field>.jsonl`` — the pairs of ids of a many-to-many relation (an indicator's
  disaggregations, a user's groups).

Every table of ktxh (units, catalog, values, history, access and roles, rules and findings, reports and their
texts) and of Django's users, groups and admin log is written, with the ids as they are. Content types and
permissions are written as references only: they are matched by name on restore, because each database numbers
its own. Sessions, lock-out counters and the kept roll-ups (a cache, rebuilt on restore) are not backed up. The rows are read in one transaction (one snapshot).
"""

from __future__ import annotations

import base64
import datetime as dt
import decimal
import json
import os
import uuid
import zipfile
from importlib import metadata
from typing import BinaryIO

from django.utils.translation import gettext as _

from ktxh.cli.base import output_path, require_schema, timed, written_file

FORMAT = "ktxh-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
#: Django's tables kept besides ktxh's own; content types and permissions only to match them by name.
DJANGO_APPS = ("contenttypes", "auth", "admin")
REFERENCE_MODELS = ("contenttypes.contenttype", "auth.permission")
#: Caches of what the database holds anyway, not backed up: ``ktxh restore`` rebuilds them (ktxh.values.rollups).
CACHE_MODELS = ("values.rollup", "values.rollupstale")
BATCH = 2000


def register(subparsers) -> None:
    parser = subparsers.add_parser("backup", help=_("write the whole database to a backup file"))
    parser.add_argument("-o", "--output", required=True, metavar=_("FILE"), help=_("the backup file to write (a .zip)"))
    parser.set_defaults(func=run)


def backed_up_apps(apps) -> list:
    """The app configurations whose tables are backed up, in the order of INSTALLED_APPS."""
    return [
        config for config in apps.get_app_configs() if config.label in DJANGO_APPS or config.name.startswith("ktxh.")
    ]


def backed_up_models(apps, app_labels) -> list:
    """The models of these apps that own a table (no proxies, no unmanaged ones), in the apps' order."""
    models = []
    for label in app_labels:
        try:
            config = apps.get_app_config(label)
        except LookupError:
            continue
        models += [
            model
            for model in config.get_models()
            if model._meta.managed
            and not model._meta.proxy
            and not model._meta.auto_created
            and model._meta.label_lower not in CACHE_MODELS
        ]
    return models


def many_to_many(model) -> list:
    """The many-to-many fields of ``model`` stored in a table Django made for them (others are models of their own)."""
    return [field for field in model._meta.local_many_to_many if field.remote_field.through._meta.auto_created]


def encode(value):
    """A column's value as JSON."""
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return value.total_seconds()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, (bytes, memoryview)):
        return base64.b64encode(bytes(value)).decode("ascii")
    return value


def _dumps(value) -> bytes:
    return (json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def applied_migrations(connection) -> dict[str, list[str]]:
    from django.db.migrations.recorder import MigrationRecorder

    applied: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


def write_backup(target) -> dict[str, int]:
    """Write the backup to the open binary file ``target``; return the row count per table."""
    from django.apps import apps
    from django.db import connection, transaction

    try:
        version = metadata.version("ktxh")
    except metadata.PackageNotFoundError:
        version = "unknown"
    counts: dict[str, int] = {}
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "ktxh_version": version,
        "created": dt.datetime.now(dt.UTC).isoformat(),
        "database": connection.vendor,
        "tables": {},
        "links": {},
    }
    stamp = dt.datetime.now().timetuple()[:6]

    def entry(name: str) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(name, date_time=stamp)
        info.compress_type = zipfile.ZIP_DEFLATED
        return info

    with transaction.atomic(), zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        if connection.vendor == "postgresql":  # one snapshot of every table
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        manifest["migrations"] = applied_migrations(connection)
        labels = [config.label for config in backed_up_apps(apps)]
        manifest["apps"] = labels
        for model in backed_up_models(apps, labels):
            label = model._meta.label_lower
            columns = [field.attname for field in model._meta.concrete_fields]
            name = f"data/{label}.jsonl"
            rows = 0
            with archive.open(entry(name), "w") as handle:
                handle.write(_dumps(columns))
                for row in model._base_manager.order_by("pk").values_list(*columns).iterator(chunk_size=BATCH):
                    handle.write(_dumps([encode(value) for value in row]))
                    rows += 1
            manifest["tables"][label] = {"file": name, "columns": columns, "rows": rows}
            counts[label] = rows
            for field in many_to_many(model):
                through = field.remote_field.through
                pair = [field.m2m_column_name(), field.m2m_reverse_name()]
                link = f"{label}.{field.name}"
                name = f"data/{link}.jsonl"
                rows = 0
                with archive.open(entry(name), "w") as handle:
                    handle.write(_dumps(pair))
                    for row in through._base_manager.order_by(*pair).values_list(*pair).iterator(chunk_size=BATCH):
                        handle.write(_dumps(list(row)))
                        rows += 1
                manifest["links"][link] = {"file": name, "columns": pair, "rows": rows}
                counts[link] = rows
        archive.writestr(entry(MANIFEST), json.dumps(manifest, ensure_ascii=False, indent=1))
    return counts


def _private(path) -> BinaryIO:
    """The backup opened for writing readable by its owner only (600), from its first byte: it holds the users'
    password hashes, which the database file (600 as well, :func:`ktxh.cli.base.prepare_data_dir`) keeps private."""
    return os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb")


def run(args) -> int:
    require_schema()
    target = output_path(args.output)
    with timed("backup") as summary, written_file(args.output) as partial, _private(partial) as handle:
        counts = write_backup(handle)
        summary["rows"] = sum(counts.values())
    data = {label: n for label, n in counts.items() if label not in REFERENCE_MODELS}
    print(
        _("Backed up %(rows)d rows of %(tables)d tables to %(path)s.")
        % {"rows": sum(data.values()), "tables": len(data), "path": target}
    )
    return 0
