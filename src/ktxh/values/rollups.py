"""Precomputed roll-ups: the sums of the children's figures per parent unit, kept so that they are never stale.

A province's page needs, for every unit with children, the sum of its children's own figures per indicator and
period (:class:`ktxh.figures.cube.Cube`). Adding up a province's quarter of a million figures per period costs
seconds on each request, so the sums are kept in :class:`~ktxh.values.models.Rollup` — a cache under the figure
read model, which stays the only answer to "what is a figure": the cube reads these rows where it would otherwise
have run :func:`child_sums_sql` itself, and the rows are made by that same statement.

**Never stale.** Every change of a figure, whatever the path — the save service, the loader's set-based SQL, the
model's ``save()``/``delete()`` (the admin, scripts), a deletion of a unit's figures — goes through the one change
log (:mod:`ktxh.history`), and so does every change of a unit's parent. A trigger on the change log's table
(:data:`SQLITE_CREATE`, :data:`POSTGRESQL_CREATE`, made by migration ``values.0003_rollups``) marks the (parent,
period) of the figure before and after the change stale (:class:`~ktxh.values.models.RollupStale`) — in the
database, in the writer's own transaction: the mark commits with the change or not at all, and no writer has a way
around it. A unit moved to another parent marks both parents for every period the unit has figures of. Writers
only add marks (on PostgreSQL one row per statement and place, so concurrent writers never wait for each other; on
SQLite, which writes one transaction at a time, at most one row per place).

**Recomputed on read.** Before reading a subtree's sums, :func:`refresh` takes the marks in scope, recomputes the
sums of those (parent, period) places and removes the marks it saw, in one transaction (on PostgreSQL under an
advisory lock, so two readers never recompute the same place at once). A change committed after the marks were
read leaves its own mark, recomputed next time; a change committed before is seen by the recomputation.

Whatever writes figures without the change log (nothing in ktxh does; a benchmark's generator of synthetic data
does, and ``ktxh restore`` loads the backup's log after emptying the tables) calls :func:`invalidate_all`, which
empties the cache and marks every place stale (also ``ktxh rollups rebuild``). SQLite drops a table's triggers when
Django rebuilds it: a migration that alters ``ChangeRecord`` (or ``RollupStale``) must call :func:`create_triggers`
again (``tests/values/test_rollups.py`` fails otherwise).
"""

from __future__ import annotations

import contextlib
import contextvars
from collections import defaultdict

from django.db import connection, transaction

from ktxh.catalog.models import Indicator
from ktxh.history.guard import run_for_vendor
from ktxh.units.models import OrgUnit
from ktxh.values.models import DataValue, Rollup, RollupStale

HISTORY = "history_changerecord"
TRIGGER = "values_rollup_stale"
_enabled: contextvars.ContextVar[bool] = contextvars.ContextVar("ktxh_rollups_enabled", default=True)
#: An advisory lock key (PostgreSQL) held by whoever recomputes stale places.
LOCK_KEY = 0x6B747868_726F6C6C % (2**63)
CHUNK = 900  # ids per IN (…) list: well under SQLite's limit of bound parameters


def enabled() -> bool:
    """Whether readers use the kept sums (True unless inside :func:`bypassed`)."""
    return _enabled.get()


@contextlib.contextmanager
def bypassed():
    """Have the cube add the sums up itself inside the block, as it does without this cache: the tests compare
    every figure both ways, and the benchmark times the page both ways."""
    token = _enabled.set(False)
    try:
        yield
    finally:
        _enabled.reset(token)


def child_sums_sql(condition: str, joins: str = "", summed_only: bool = False) -> str:
    """The one statement that adds up the children's figures: per parent, indicator, disaggregation and period,
    ``parent_id, indicator_id, disaggregation, period, period_start, period_end, total, count, estimates`` — the
    sum of each child's own figure (an actual where there is one, else the estimate), how many children had one
    and how many of those were estimates. ``condition`` (with ``joins``) picks the figures (alias ``v``);
    ``summed_only`` keeps the indicators whose aggregation is a sum (the cube's own computation; the cache keeps
    every indicator, so that changing an indicator's aggregation leaves it right)."""
    values, units, indicators = DataValue._meta.db_table, OrgUnit._meta.db_table, Indicator._meta.db_table
    if summed_only:
        joins = f"JOIN {indicators} i ON i.id = v.indicator_id {joins}"
        condition = f"i.aggregation = 'sum' AND {condition}"
    return f"""
        SELECT u.parent_id, b.indicator_id, b.disaggregation, b.period, MIN(b.period_start), MIN(b.period_end),
               SUM(b.value), COUNT(*), SUM(b.is_estimate)
        FROM (
            SELECT v.org_unit_id, v.indicator_id, v.disaggregation, v.period,
                   MIN(v.period_start) AS period_start, MIN(v.period_end) AS period_end,
                   COALESCE(MAX(CASE WHEN v.kind = 'actual' THEN v.value END),
                            MAX(CASE WHEN v.kind = 'estimate' THEN v.value END)) AS value,
                   MIN(CASE WHEN v.kind = 'actual' THEN 0 ELSE 1 END) AS is_estimate
            FROM {values} v
            {joins}
            WHERE v.kind IN ('actual', 'estimate') AND v.variant = '' AND v.value IS NOT NULL AND {condition}
            GROUP BY v.org_unit_id, v.indicator_id, v.disaggregation, v.period
        ) b
        JOIN {units} u ON u.id = b.org_unit_id
        WHERE u.parent_id IS NOT NULL
        GROUP BY u.parent_id, b.indicator_id, b.disaggregation, b.period
    """


# -- the trigger on the change log ------------------------------------------------------------------------------

_STALE = RollupStale._meta.db_table
_UNITS = OrgUnit._meta.db_table
_VALUES = DataValue._meta.db_table
_MARK_COLUMNS = "parent_id, period, period_start, period_end"

SQLITE_CREATE = [
    # one mark per place at most: SQLite writes one transaction at a time, so a reader that recomputes holds the
    # write lock and no writer can mark a place between its reading and its removing the marks
    f"CREATE UNIQUE INDEX IF NOT EXISTS {_STALE}_once ON {_STALE} (parent_id, period)",
    f"""CREATE TRIGGER IF NOT EXISTS {TRIGGER} AFTER INSERT ON {HISTORY}
        WHEN NEW.object_type IN ('values.datavalue', 'units.orgunit')
        BEGIN
            INSERT OR IGNORE INTO {_STALE} ({_MARK_COLUMNS})
            SELECT DISTINCT u.parent_id, json_extract(s.snapshot, '$.period'),
                   json_extract(s.snapshot, '$.period_start'), json_extract(s.snapshot, '$.period_end')
            FROM (SELECT NEW.before AS snapshot UNION ALL SELECT NEW.after) s
            JOIN {_UNITS} u ON u.id = json_extract(s.snapshot, '$.org_unit_id')
            WHERE NEW.object_type = 'values.datavalue' AND u.parent_id IS NOT NULL;
            INSERT OR IGNORE INTO {_STALE} ({_MARK_COLUMNS})
            SELECT DISTINCT p.parent_id, v.period, v.period_start, v.period_end
            FROM (SELECT json_extract(NEW.before, '$.parent_id') AS parent_id
                  UNION SELECT json_extract(NEW.after, '$.parent_id')) p
            JOIN {_VALUES} v ON v.org_unit_id = NEW.object_id
            WHERE NEW.object_type = 'units.orgunit' AND p.parent_id IS NOT NULL
              AND json_extract(NEW.before, '$.parent_id') IS NOT json_extract(NEW.after, '$.parent_id');
        END""",
]
SQLITE_DROP = [f"DROP TRIGGER IF EXISTS {TRIGGER}", f"DROP INDEX IF EXISTS {_STALE}_once"]

POSTGRESQL_CREATE = [
    # once per statement, over the records it added: a load's million records make one set-based insert
    f"""CREATE OR REPLACE FUNCTION {TRIGGER}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO {_STALE} ({_MARK_COLUMNS})
            SELECT DISTINCT u.parent_id, s.snapshot ->> 'period', CAST(s.snapshot ->> 'period_start' AS date),
                   CAST(s.snapshot ->> 'period_end' AS date)
            FROM added c CROSS JOIN LATERAL (VALUES (c.before), (c.after)) AS s (snapshot)
            JOIN {_UNITS} u ON u.id = CAST(s.snapshot ->> 'org_unit_id' AS bigint)
            WHERE c.object_type = 'values.datavalue' AND u.parent_id IS NOT NULL;
            INSERT INTO {_STALE} ({_MARK_COLUMNS})
            SELECT DISTINCT p.parent_id, v.period, v.period_start, v.period_end
            FROM added c
            CROSS JOIN LATERAL (VALUES (CAST(c.before ->> 'parent_id' AS bigint)),
                                       (CAST(c.after ->> 'parent_id' AS bigint))) AS p (parent_id)
            JOIN {_VALUES} v ON v.org_unit_id = c.object_id
            WHERE c.object_type = 'units.orgunit' AND p.parent_id IS NOT NULL
              AND (c.before ->> 'parent_id') IS DISTINCT FROM (c.after ->> 'parent_id');
            RETURN NULL;
        END $$""",
    f"DROP TRIGGER IF EXISTS {TRIGGER} ON {HISTORY}",
    f"""CREATE TRIGGER {TRIGGER} AFTER INSERT ON {HISTORY} REFERENCING NEW TABLE AS added
        FOR EACH STATEMENT EXECUTE FUNCTION {TRIGGER}()""",
]
POSTGRESQL_DROP = [f"DROP TRIGGER IF EXISTS {TRIGGER} ON {HISTORY}", f"DROP FUNCTION IF EXISTS {TRIGGER}()"]


def create_triggers(schema_editor) -> None:
    run_for_vendor(schema_editor, {"sqlite": SQLITE_CREATE, "postgresql": POSTGRESQL_CREATE})


def drop_triggers(schema_editor) -> None:
    run_for_vendor(schema_editor, {"sqlite": SQLITE_DROP, "postgresql": POSTGRESQL_DROP})


def mark_all_sql() -> str:
    """Every (parent, period) that has a figure below it, as marks (the one place the whole cache is invalidated)."""
    return (
        f"INSERT INTO {_STALE} ({_MARK_COLUMNS}) "
        f"SELECT DISTINCT u.parent_id, v.period, v.period_start, v.period_end "
        f"FROM {_VALUES} v JOIN {_UNITS} u ON u.id = v.org_unit_id "
        f"WHERE u.parent_id IS NOT NULL AND v.kind IN ('actual', 'estimate')"
    )


# -- keeping and reading ----------------------------------------------------------------------------------------


def invalidate_all() -> None:
    """Forget every kept sum and mark every place stale (after figures were written without the change log, or
    to rebuild): the next reader of each place recomputes it."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {Rollup._meta.db_table}")
        cursor.execute(f"DELETE FROM {_STALE}")
        cursor.execute(mark_all_sql())


def rebuild() -> int:
    """:func:`invalidate_all`, then recompute everything now; returns the number of places recomputed."""
    invalidate_all()
    return _recompute(f"SELECT id, parent_id, period FROM {_STALE}", [])


def _scope(root_paths: list[str], spans: list[tuple]) -> tuple[str, list]:
    """SQL and parameters selecting the parents under ``root_paths`` (alias ``u``) and the periods inside one of
    ``spans`` (alias ``r``)."""
    paths = " OR ".join("u.path LIKE %s" for _ in root_paths)
    periods = " OR ".join("(r.period_start >= %s AND r.period_end <= %s)" for _ in spans)
    params = [p + "%" for p in root_paths] + [day for span in spans for day in span]
    return f"({paths}) AND ({periods})", params


def refresh(root_paths: list[str], spans: list[tuple]) -> int:
    """Recompute the stale sums of the parents under ``root_paths`` for the periods inside ``spans`` ((start, end)
    pairs); returns how many places were recomputed. Costs one small query when nothing is stale."""
    condition, params = _scope(root_paths, spans)
    marks = (
        f"SELECT r.id, r.parent_id, r.period FROM {_STALE} r JOIN {_UNITS} u ON u.id = r.parent_id WHERE {condition}"
    )
    with connection.cursor() as cursor:
        cursor.execute(marks + " LIMIT 1", params)
        if cursor.fetchone() is None:
            return 0
    return _recompute(marks, params)


def _recompute(marks_sql: str, params: list) -> int:
    table = Rollup._meta.db_table
    columns = "parent_id, indicator_id, disaggregation, period, period_start, period_end, total, count, estimates"
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])
        cursor.execute(marks_sql, params)
        seen, places = [], defaultdict(set)
        for mark_id, parent_id, period in cursor.fetchall():
            seen.append(mark_id)
            places[period].add(parent_id)
        for period, parents in places.items():
            parents = sorted(parents)
            for start in range(0, len(parents), CHUNK):
                chunk = parents[start : start + CHUNK]
                marks = ", ".join(["%s"] * len(chunk))
                cursor.execute(f"DELETE FROM {table} WHERE period = %s AND parent_id IN ({marks})", [period, *chunk])
                select = child_sums_sql(
                    f"v.period = %s AND u2.parent_id IN ({marks})", joins=f"JOIN {_UNITS} u2 ON u2.id = v.org_unit_id"
                )
                cursor.execute(f"INSERT INTO {table} ({columns}) {select}", [period, *chunk])
        for start in range(0, len(seen), CHUNK):
            chunk = seen[start : start + CHUNK]
            cursor.execute(f"DELETE FROM {_STALE} WHERE id IN ({', '.join(['%s'] * len(chunk))})", chunk)
    return sum(len(parents) for parents in places.values())


def read(root_paths: list[str], spans: list[tuple]):
    """The kept sums of the parents under ``root_paths`` for the periods inside ``spans``, recomputed first where
    stale: rows ``(parent_id, indicator_id, disaggregation, period, total, count, estimates)``."""
    refresh(root_paths, spans)
    condition, params = _scope(root_paths, spans)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT r.parent_id, r.indicator_id, r.disaggregation, r.period, r.total, r.count, r.estimates "
            f"FROM {Rollup._meta.db_table} r JOIN {_UNITS} u ON u.id = r.parent_id WHERE {condition}",
            params,
        )
        return cursor.fetchall()
