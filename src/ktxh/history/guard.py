"""The database itself refuses to change the change log: triggers on ``history_changerecord`` abort every UPDATE
and DELETE (and, on PostgreSQL, TRUNCATE), whoever sends it — Django, a script, ``sqlite3`` or ``psql``.

One operation may empty the log: replacing the whole database with a backup (``ktxh restore --force``) — the log is
then the backup's, not edited. It runs inside :func:`replacing_database`, which opens the gate for its own
connection only: on PostgreSQL a session setting (``ktxh.history_unlocked``), on SQLite a function
(``ktxh_history_unlocked()``) that Django's connections define and that answers from a context variable of this
process. Any other program (the ``sqlite3`` shell has no such function) stays refused.

The triggers are made by migration ``history.0004_append_only_triggers`` with the SQL below. SQLite drops a table's
triggers when Django rebuilds the table for a schema change: a later migration that alters ``ChangeRecord`` on
SQLite must call :func:`create_triggers` again (``tests/history/test_append_only.py`` fails otherwise) — and
``ktxh.values.rollups.create_triggers``, whose trigger on the same table keeps the roll-ups fresh
(``tests/figures/test_rollups.py`` fails otherwise).
"""

from __future__ import annotations

import contextlib
import contextvars

TABLE = "history_changerecord"
MESSAGE = "ktxh: the change history can only be added to"

_unlocked: contextvars.ContextVar[bool] = contextvars.ContextVar("ktxh_history_unlocked", default=False)

SQLITE_CREATE = [
    f"""CREATE TRIGGER IF NOT EXISTS {TABLE}_no_update BEFORE UPDATE ON {TABLE}
        WHEN NOT ktxh_history_unlocked() BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
    f"""CREATE TRIGGER IF NOT EXISTS {TABLE}_no_delete BEFORE DELETE ON {TABLE}
        WHEN NOT ktxh_history_unlocked() BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END""",
]
SQLITE_DROP = [f"DROP TRIGGER IF EXISTS {TABLE}_no_update", f"DROP TRIGGER IF EXISTS {TABLE}_no_delete"]

POSTGRESQL_CREATE = [
    f"""CREATE OR REPLACE FUNCTION {TABLE}_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF coalesce(current_setting('ktxh.history_unlocked', true), '') = 'on' THEN
                IF TG_LEVEL = 'ROW' AND TG_OP = 'DELETE' THEN RETURN OLD; END IF;
                IF TG_LEVEL = 'ROW' THEN RETURN NEW; END IF;
                RETURN NULL;
            END IF;
            RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'insufficient_privilege';
        END $$""",
    f"DROP TRIGGER IF EXISTS {TABLE}_no_change ON {TABLE}",
    f"""CREATE TRIGGER {TABLE}_no_change BEFORE UPDATE OR DELETE ON {TABLE}
        FOR EACH ROW EXECUTE FUNCTION {TABLE}_refuse()""",
    f"DROP TRIGGER IF EXISTS {TABLE}_no_truncate ON {TABLE}",
    f"""CREATE TRIGGER {TABLE}_no_truncate BEFORE TRUNCATE ON {TABLE}
        FOR EACH STATEMENT EXECUTE FUNCTION {TABLE}_refuse()""",
]
POSTGRESQL_DROP = [
    f"DROP TRIGGER IF EXISTS {TABLE}_no_change ON {TABLE}",
    f"DROP TRIGGER IF EXISTS {TABLE}_no_truncate ON {TABLE}",
    f"DROP FUNCTION IF EXISTS {TABLE}_refuse()",
]


def run_for_vendor(schema_editor, statements: dict[str, list[str]]) -> None:
    """Run the statements written for the connection's database (``"sqlite"``, ``"postgresql"``); none on
    another. The one way a migration installs or removes triggers (here and in ``ktxh.values.rollups``)."""
    for statement in statements.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement, params=None)


def create_triggers(schema_editor) -> None:
    run_for_vendor(schema_editor, {"sqlite": SQLITE_CREATE, "postgresql": POSTGRESQL_CREATE})


def drop_triggers(schema_editor) -> None:
    run_for_vendor(schema_editor, {"sqlite": SQLITE_DROP, "postgresql": POSTGRESQL_DROP})


def define_sqlite_function(sender, connection, **kwargs) -> None:
    """``connection_created``: give every SQLite connection Django opens the function the triggers ask."""
    if connection.vendor == "sqlite":
        connection.connection.create_function("ktxh_history_unlocked", 0, lambda: int(_unlocked.get()))


@contextlib.contextmanager
def replacing_database(connection):
    """Let the block empty the change log through ``connection`` — only for replacing the whole database."""
    token = _unlocked.set(True)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('ktxh.history_unlocked', 'on', false)")
    try:
        yield
    finally:
        _unlocked.reset(token)
        if connection.vendor == "postgresql" and connection.connection is not None:
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config('ktxh.history_unlocked', '', false)")
