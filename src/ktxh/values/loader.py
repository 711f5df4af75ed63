"""Load figures (actual, estimate, target) from ``values/*.csv``, and from any other file format read into the same
columns (``ktxh import`` of an export, a spreadsheet, a DHIS2 data value set: :func:`load_rows`).

Every row is checked with the same rules as a save from any other path (:func:`ktxh.values.models.validate_statement`,
which :func:`~ktxh.values.models.validate_value` applies to a model instance) before anything is written, and a
figure in a closed place (an approved unit, sector and period: :mod:`ktxh.values.locks`) is refused on its line.
A row that does not give a figure's comment or source keeps the stored one (:data:`ANNOTATIONS`). Loading the same
files twice changes nothing.

How a load of a million figures stays within a few times the cost of the database's own bulk insert, and within
bounded memory:

* the rows are **streamed**: a reader yields them one at a time, each is checked against lookups loaded once
  (units, indicators, target sources; periods and disaggregations parsed once per distinct text) and written at
  once to a temporary **staging table** (``COPY`` on PostgreSQL, ``executemany`` on SQLite, in chunks). Neither the
  file nor its rows are held; only the first problems are kept (:class:`~ktxh.datafiles.Problems` counts the rest);
* the rest is **set-based SQL** inside the same transaction: repeated figures are found in the staging table; the
  distinct places staged are asked of the locks (which hold their state until the transaction ends); the
  stored figures with the same identity are locked (``FOR UPDATE``, in id order, on PostgreSQL) and compared
  column by column; new figures are inserted, changed ones updated, and the change log written with
  ``INSERT … SELECT`` (:func:`ktxh.history.recorder.record_select`), all in one statement each.

The whole file lands or nothing does: staging, comparison and writes run in one transaction, and a file with a
problem is refused before the first figure is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from typing import NamedTuple

from django.db import IntegrityError, connection, transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from ktxh.catalog.models import DimensionOption, Indicator, TargetSource
from ktxh.datafiles import Problems, Row, check_row_lengths, field_limits, iter_table, parse_choice, parse_decimal
from ktxh.history.actor import current_actor
from ktxh.history.models import ChangeRecord
from ktxh.history.recorder import json_value, record_select, snapshot, snapshot_fields, snapshot_sql
from ktxh.periods import Period, PeriodError
from ktxh.units.models import OrgUnit
from ktxh.values.batch import bulk_write
from ktxh.values.locks import closed_reasons, place_key
from ktxh.values.models import (
    DataValue,
    Kind,
    TargetForm,
    check_disaggregation,
    format_disaggregation,
    parse_disaggregation,
    validate_statement,
)

VALUE_COLUMNS = [
    "org_unit",
    "indicator",
    "disaggregation",
    "period",
    "kind",
    "target_source",
    "target_form",
    "value",
    "value_high",
    "text",
    "comment",
    "source",
    "variant",
]
REQUIRED = ["org_unit", "indicator", "period", "kind", "value"]
# Model fields that the files set; anything else (ids, timestamps) is the database's.
WRITABLE = ["value", "value_high", "text", "comment", "source", "target_form"]
# A figure's notes: a row that does not give one (no such column in the file, or an empty spreadsheet cell, which
# the spreadsheet readers leave out) keeps the stored note. An Excel template has no source column and starts with
# empty comments; filling in a value must not erase what was noted about the figure. A CSV file that has the column
# sets the note, empty included.
ANNOTATIONS = ("comment", "source")
# The identity of a figure: one stored figure per these (the database's unique constraints say the same).
IDENTITY = ["indicator_id", "org_unit_id", "period", "disaggregation", "kind", "target_source_id", "variant"]
# Columns stored as written, so their length is checked against the model (the others are parsed or looked up).
STORED_AS_WRITTEN = ["disaggregation", "kind", "target_form", "variant", "text", "source"]
COLUMN_OF_FIELD = {
    "period": "period",
    "target_source": "target_source",
    "target_form": "target_form",
    "value": "value",
    "value_high": "value_high",
    "disaggregation": "disaggregation",
}
#: Rows written to the staging table at a time (bounds the memory a load takes, whatever the file's size).
CHUNK = 20_000
KINDS = frozenset(Kind.values)
TARGET_FORMS = frozenset(TargetForm.values)

STAGE = "ktxh_load_stage"
MATCH = "ktxh_load_match"
NEW = "ktxh_load_new"
# The staging table's columns, in the order of the tuples :class:`_Checker` makes.
STAGE_COLUMNS = [
    ("seq", "integer"),
    ("file_no", "integer"),
    ("line", "integer"),
    ("indicator_id", "bigint"),
    ("org_unit_id", "bigint"),
    ("period", "varchar(16)"),
    ("period_start", "date"),
    ("period_end", "date"),
    ("disaggregation", "text"),
    ("kind", "text"),
    ("target_source_id", "bigint"),
    ("target_form", "text"),
    ("variant", "text"),
    ("value", "numeric(24, 6)"),
    ("value_high", "numeric(24, 6)"),
    ("text", "text"),
    ("comment", "text"),
    ("source", "text"),
    # whether the row gives the comment and the source (ANNOTATIONS: a note not given keeps the stored one)
    ("comment_given", "boolean"),
    ("source_given", "boolean"),
    # the two numbers as the change log writes them (json_value of the number read from the file)
    ("value_json", "text"),
    ("value_high_json", "text"),
]
# Columns of a stored figure that a load writes (the same names in the staging table).
STORED = [
    "indicator_id",
    "org_unit_id",
    "period",
    "period_start",
    "period_end",
    "disaggregation",
    "kind",
    "target_source_id",
    "target_form",
    "variant",
    "value",
    "value_high",
    "text",
    "comment",
    "source",
]


@dataclass
class ValuesSummary:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    #: With ``details`` (an import preview): the figures that would be created, (figure, values before) for those
    #: that would change, and the figures that would stay as they are.
    new: list | None = None
    changed: list | None = None
    same: list | None = None

    def __str__(self) -> str:
        text = _("%(rows)d figures (%(created)d new, %(updated)d changed, %(unchanged)d unchanged)") % {
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
        }
        if self.removed:
            text += "; " + _("%(removed)d figures no longer in the files removed") % {"removed": self.removed}
        return text


class Touched(NamedTuple):
    """A (unit, period, indicator) a load wrote, as the batch hooks read it (``values.batch``)."""

    org_unit_id: int
    period: str
    indicator_id: int


def value_key(v: DataValue) -> tuple:
    return (v.indicator_id, v.org_unit_id, v.period, v.disaggregation, v.kind, v.target_source_id, v.variant)


def load_values(path: Path, display_root: Path | None = None, replace_units: set[str] | None = None) -> ValuesSummary:
    """Check and load figures. With ``replace_units`` (unit codes), figures of those units that the files no longer
    contain are removed: the files are then the whole truth for those units (as for the demo data set)."""
    problems = Problems()
    rows = iter_table(Path(path), VALUE_COLUMNS, REQUIRED, problems, display_root)
    return load_rows(rows, problems, replace_units=replace_units)


def load_rows(
    rows: Iterable[Row],
    problems: Problems,
    replace_units: set[str] | None = None,
    dry_run: bool = False,
    details: bool = False,
) -> ValuesSummary:
    """Check rows that have the columns of :data:`VALUE_COLUMNS` and write them in one transaction, all or nothing.

    Every entry into the figures goes through here (``values/*.csv``, ``ktxh import``, the API), so a file is
    judged by one set of rules whatever its format; a format with other column names reads them into these names
    and gives ``problems`` the aliases that name its own columns in the messages. ``rows`` may be a generator: it
    is consumed once, and a reader may add problems to ``problems`` while it yields (they are all reported at the
    end, with those found here). Raises LoadError. With ``dry_run`` the summary says what a load would do and
    nothing is written; ``details`` adds the lists of figures (for a preview of a file a person sends).
    """
    checker = _Checker(problems)
    try:
        with transaction.atomic():
            stage = _Stage()
            stage.fill(checker.check(rows))
            stage.report_repeats(checker.files, problems)
            stage.refuse_closed(checker, problems)  # in the transaction: the locks hold until the write ends
            problems.raise_if_any()
            with bulk_write() as batch:  # bulk writes send no signal: the hooks hear of them here
                summary = stage.compare(lock=not dry_run)
                if details:
                    stage.details(summary, checker)
                if dry_run:
                    transaction.set_rollback(True)
                    return summary
                stage.write(summary)
                batch.touch(stage.touched())
                replace_ids = {u.pk for code, u in checker.units.items() if code in (replace_units or set())}
                if replace_ids:
                    summary.removed = stage.remove_stale(replace_ids, checker)
                stage.drop()
                return summary
    except IntegrityError:
        problems.add(
            None,
            None,
            _(
                "another load or user added some of the same figures at the same moment; "
                "nothing of this file was written. Run the import again: it will compare "
                "with what is stored now."
            ),
            file=checker.files[0] if checker.files else "?",
        )
        problems.raise_if_any()
        raise


class _Checker:
    """Checks rows one at a time against lookups loaded once, and turns each row that names a known unit,
    indicator and kind into a staging tuple (rows with a problem too: a repeated figure is reported with them)."""

    def __init__(self, problems: Problems):
        self.problems = problems
        self.units = {u.code: u for u in OrgUnit.objects.all()}
        self.indicators = {
            i.code: i
            for i in Indicator.objects.select_related("unit").prefetch_related(
                Prefetch("dimensions__options", queryset=DimensionOption.objects.all())
            )
        }
        self.sources = {s.code: s for s in TargetSource.objects.all()}
        self.limits = field_limits(DataValue, STORED_AS_WRITTEN)
        #: The names of the files read, in order (the staging table keeps their index).
        self.files: list[str] = []
        self._file_numbers: dict[str, int] = {}
        self._periods: dict[str, tuple | str] = {}
        self._disaggregations: dict[str, str | ValueError] = {}
        self._disaggregation_problems: dict[tuple[int, str], str | None] = {}
        self._valid: dict[tuple[int, str], bool] = {}

    def check(self, rows: Iterable[Row]) -> Iterator[tuple]:
        problems = self.problems
        limits = list(self.limits.items())
        seq = 0
        file, file_no = None, 0
        for row in rows:
            before = problems.count
            data = row.data
            for column, limit in limits:
                text = data.get(column)
                if text and len(text) > limit:
                    check_row_lengths(row, self.limits, problems)  # reports every cell too long
                    break
            unit = self.units.get(data.get("org_unit", ""))
            indicator = self.indicators.get(data.get("indicator", ""))
            if unit is None:
                problems.add(
                    row, "org_unit", _("unit «%(code)s» is not in the list of units.") % {"code": row["org_unit"]}
                )
            if indicator is None:
                problems.add(
                    row, "indicator", _("indicator «%(code)s» is not in the catalog.") % {"code": row["indicator"]}
                )
            kind = data.get("kind", "")
            if kind not in KINDS:
                kind = parse_choice(row, "kind", Kind, problems)
            source = None
            if data.get("target_source"):
                source = self.sources.get(data["target_source"])
                if source is None:
                    problems.add(
                        row,
                        "target_source",
                        _("target source «%(code)s» is not in target_sources.csv.") % {"code": row["target_source"]},
                    )
            target_form = data.get("target_form", "")
            if target_form and target_form not in TARGET_FORMS:
                parse_choice(row, "target_form", TargetForm, problems)
            disaggregation = self._disaggregation(row)
            value = parse_decimal(row, "value", problems)
            value_high = parse_decimal(row, "value_high", problems) if data.get("value_high") else None
            if indicator is None or unit is None or not kind:
                continue
            text = data.get("text", "")
            period_text = data.get("period", "")
            period = self._period(period_text)
            errors = {} if isinstance(period, tuple) else {"period": period}
            errors.update(
                validate_statement(
                    indicator,
                    kind,
                    source.id if source else None,
                    target_form,
                    value,
                    value_high,
                    text,
                    disaggregation,
                    self._disaggregation_problem,
                )
            )
            if errors:
                # A column already refused (a bad number) is not judged again: «1,5» must not also be "the value
                # is missing".
                reported = problems.columns_of(row) if problems.count > before else set()
                for field, message in errors.items():
                    column = COLUMN_OF_FIELD.get(field, field)
                    if problems.aliases.get(column, column) not in reported:
                        problems.add(row, column, message[0].lower() + message[1:])
            if isinstance(period, tuple):
                period_code, start, end = period[0], period[3], period[4]
                if not self._unit_valid(unit, period):
                    problems.add(
                        row,
                        "org_unit",
                        _("unit «%(code)s» is not valid in the period %(period)s.")
                        % {"code": unit.code, "period": period_code},
                    )
            else:
                period_code, start, end = period_text[:16], None, None
            seq += 1
            if row.file is not file:
                file, file_no = row.file, self._file_number(row.file)
            yield (
                seq,
                file_no,
                row.line,
                indicator.id,
                unit.id,
                period_code,
                start,
                end,
                disaggregation,
                kind,
                source.id if source else None,
                target_form,
                data.get("variant", ""),
                value,
                value_high,
                text,
                data.get("comment", ""),
                data.get("source", ""),
                "comment" in data,
                "source" in data,
                json_value(value) if value is not None else None,
                json_value(value_high) if value_high is not None else None,
            )

    @cached_property
    def units_by_id(self) -> dict[int, OrgUnit]:
        return {u.pk: u for u in self.units.values()}

    @cached_property
    def indicators_by_id(self) -> dict[int, Indicator]:
        return {i.pk: i for i in self.indicators.values()}

    def _file_number(self, name: str) -> int:
        number = self._file_numbers.get(name)
        if number is None:
            number = self._file_numbers[name] = len(self.files)
            self.files.append(name)
        return number

    def _period(self, text: str) -> tuple | str:
        """(code, first day, last day, the two days in ISO as the staging table takes them) of a period code or
        label, or the reason it is not one (parsed once per distinct text: a file names a few periods a million
        times)."""
        found = self._periods.get(text)
        if found is None:
            try:
                period = Period.parse(text)
                found = (period.code, period.start, period.end, period.start.isoformat(), period.end.isoformat())
            except PeriodError as error:
                found = str(error)
            self._periods[text] = found
        return found

    def _disaggregation(self, row: Row) -> str:
        text = row.data.get("disaggregation", "")
        if not text:
            return ""
        found = self._disaggregations.get(text)
        if found is None:
            try:
                found = format_disaggregation(parse_disaggregation(text))
            except ValueError as error:
                found = error
            self._disaggregations[text] = found
        if isinstance(found, ValueError):
            self.problems.add(row, "disaggregation", str(found))
            return text
        return found

    def _disaggregation_problem(self, indicator: Indicator, text: str) -> str | None:
        key = (indicator.pk, text)
        if key not in self._disaggregation_problems:
            self._disaggregation_problems[key] = check_disaggregation(indicator, text)
        return self._disaggregation_problems[key]

    def _unit_valid(self, unit: OrgUnit, period: tuple) -> bool:
        key = (unit.id, period[0])
        found = self._valid.get(key)
        if found is None:
            _code, start, end, *_iso = period
            found = self._valid[key] = (unit.valid_from is None or unit.valid_from <= end) and (
                unit.valid_to is None or unit.valid_to >= start
            )
        return found


class _Stage:
    """The staging table of one load and the set-based statements over it (on the connection of the current
    transaction; the tables are dropped with the transaction, or by :meth:`drop`)."""

    def __init__(self):
        self.vendor = connection.vendor
        self.quote = connection.ops.quote_name
        self.table = self.quote(DataValue._meta.db_table)
        self.same = "IS NOT DISTINCT FROM" if self.vendor == "postgresql" else "IS"
        self.rows = 0
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {STAGE}")
            cursor.execute(f"DROP TABLE IF EXISTS {MATCH}")
            cursor.execute(f"DROP TABLE IF EXISTS {NEW}")
            columns = ", ".join(f"{name} {kind}" for name, kind in STAGE_COLUMNS)
            cursor.execute(f"CREATE TEMPORARY TABLE {STAGE} ({columns})")

    def fill(self, tuples: Iterable[tuple]) -> None:
        """Write the checked rows to the staging table, :data:`CHUNK` at a time."""
        chunk: list[tuple] = []
        for item in tuples:
            chunk.append(item)
            if len(chunk) == CHUNK:
                self._write_chunk(chunk)
                chunk = []
        if chunk:
            self._write_chunk(chunk)
        self._analyze(STAGE)

    def _analyze(self, table: str) -> None:
        """Give PostgreSQL the statistics of a temporary table (autovacuum never sees them): without them it plans
        the joins of a million staged rows as if the table were empty, with nested loops."""
        if self.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"ANALYZE {table}")

    def _write_chunk(self, chunk: list[tuple]) -> None:
        self.rows += len(chunk)
        with connection.cursor() as cursor:
            if self.vendor == "postgresql":
                names = ", ".join(name for name, _kind in STAGE_COLUMNS)
                with cursor.cursor.copy(f"COPY {STAGE} ({names}) FROM STDIN") as copy:
                    for item in chunk:
                        copy.write_row(item)
            else:  # dates are ISO text already, decimals are adapted to text (as Django stores them)
                marks = ", ".join("?" for _column in STAGE_COLUMNS)
                cursor.cursor.executemany(f"INSERT INTO {STAGE} VALUES ({marks})", chunk)

    def _identity(self, left: str, right: str) -> str:
        return " AND ".join(f"{left}.{c} = {right}.{c}" for c in IDENTITY if c != "target_source_id")

    def report_repeats(self, files: list[str], problems: Problems) -> None:
        """A figure given twice in the files (the same identity): reported at the later line, naming the earlier."""
        if not self.rows:
            return
        partition = ", ".join(f"{c}" if c != "target_source_id" else "COALESCE(target_source_id, 0)" for c in IDENTITY)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT 1 FROM {STAGE} GROUP BY {partition} HAVING COUNT(*) > 1 LIMIT 1")
            if cursor.fetchone() is None:
                return
            cursor.execute(
                f"SELECT file_no, line, previous_file, previous_line FROM ("
                f"SELECT seq, file_no, line, LAG(file_no) OVER w AS previous_file, LAG(line) OVER w AS previous_line "
                f"FROM {STAGE} WINDOW w AS (PARTITION BY {partition} ORDER BY seq)) repeats "
                f"WHERE previous_line IS NOT NULL ORDER BY seq"
            )
            for file_no, line, previous_file, previous_line in cursor.fetchall():
                problems.add(
                    Row(files[file_no], line, {}),
                    None,
                    _(
                        "the figure repeats %(file)s, line %(line)s (same unit, indicator, "
                        "disaggregation, period, kind, target source and variant)."
                    )
                    % {"file": files[previous_file], "line": previous_line},
                )

    def compare(self, lock: bool) -> ValuesSummary:
        """Match the staged figures with the stored ones (``lock``: and lock those until the transaction ends, in
        id order so that two loads cannot deadlock; a second load of the same figures waits, then compares with
        what the first wrote). Keeps, per stored figure, whether it changes and its snapshot before."""
        stored = {name: f"dv.{DataValue._meta.get_field(name).column}" for name in STORED}
        before = snapshot_sql(DataValue, {f.attname: stored[f.attname] for f in _snapshot_fields()})
        same = [f"dv.{c} {self.same} s.{c}" for c in WRITABLE]
        # a note the row does not give is kept, so it never makes a change
        same = [f"(NOT s.{c}_given OR {test})" if c in ANNOTATIONS else test for c, test in zip(WRITABLE, same)]
        changed = "NOT (" + " AND ".join(same) + ")"
        lock_clause = " ORDER BY dv.id FOR UPDATE OF dv" if lock and self.vendor == "postgresql" else ""
        with connection.cursor() as cursor:
            json = "jsonb" if self.vendor == "postgresql" else "text"
            cursor.execute(f"CREATE TEMPORARY TABLE {MATCH} (seq integer, id bigint, changed boolean, before {json})")
            for sources in (
                "dv.target_source_id IS NULL AND s.target_source_id IS NULL",
                "dv.target_source_id IS NOT NULL AND dv.target_source_id = s.target_source_id",
            ):
                cursor.execute(
                    f"INSERT INTO {MATCH} (seq, id, changed, before) "
                    f"SELECT s.seq, dv.id, {changed}, CASE WHEN {changed} THEN {before} END "
                    f"FROM {STAGE} s JOIN {self.table} dv ON {self._identity('dv', 's')} AND {sources}{lock_clause}"
                )
            cursor.execute(f"CREATE INDEX {MATCH}_seq ON {MATCH} (seq)")
        self._analyze(MATCH)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*), COALESCE(SUM(CASE WHEN changed THEN 1 ELSE 0 END), 0) FROM {MATCH}")
            matched, updated = cursor.fetchone()
        return ValuesSummary(rows=self.rows, created=self.rows - matched, updated=updated, unchanged=matched - updated)

    def write(self, summary: ValuesSummary) -> None:
        """Update the changed figures, insert the new ones, and log both, each in one statement."""
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        updated_at = self.quote(DataValue._meta.get_field("updated_at").column)
        staged = {
            f.attname: f"text:s.{f.attname}_json" if f.attname in ("value", "value_high") else f"s.{f.attname}"
            for f in _snapshot_fields()
        }
        after = snapshot_sql(DataValue, staged)
        # an updated figure's notes as written (kept when the row did not give them): read back from the figure
        after_update = snapshot_sql(DataValue, {**staged, **{c: f"dv.{c}" for c in ANNOTATIONS}})
        described = self._described("s")
        with connection.cursor() as cursor:
            if summary.updated:
                assignments = ", ".join(
                    f"{c} = CASE WHEN s.{c}_given THEN s.{c} ELSE dv.{c} END" if c in ANNOTATIONS else f"{c} = s.{c}"
                    for c in WRITABLE
                )
                cursor.execute(
                    f"UPDATE {self.table} AS dv SET {assignments}, {updated_at} = %s "
                    f"FROM {MATCH} m JOIN {STAGE} s ON s.seq = m.seq WHERE dv.id = m.id AND m.changed",
                    [now],
                )
                record_select(
                    ChangeRecord.Action.UPDATE,
                    DataValue,
                    f"SELECT m.id AS object_id, {described} AS object_repr, m.before AS before, "
                    f"{after_update} AS after FROM {MATCH} m JOIN {STAGE} s ON s.seq = m.seq "
                    f"JOIN {self.table} dv ON dv.id = m.id {self._names('s')} WHERE m.changed",
                )
            if summary.created:
                self._number_new()
                columns = ", ".join(STORED)
                cursor.execute(
                    f"INSERT INTO {self.table} (id, {columns}, {updated_at}) "
                    f"SELECT n.id, {', '.join(f's.{c}' for c in STORED)}, %s "
                    f"FROM {NEW} n JOIN {STAGE} s ON s.seq = n.seq ORDER BY n.id",
                    [now],
                )
                record_select(
                    ChangeRecord.Action.CREATE,
                    DataValue,
                    f"SELECT n.id AS object_id, {described} AS object_repr, NULL AS before, {after} AS after "
                    f"FROM {NEW} n JOIN {STAGE} s ON s.seq = n.seq {self._names('s')}",
                )

    def _number_new(self) -> None:
        """Give the new figures their ids before they are inserted (table ``NEW``: staged row → id), so that the
        change log is written from the staging table joined on its row number, not by looking every new figure
        up again by its identity. PostgreSQL draws them from the table's sequence; SQLite, which writes one
        transaction at a time, numbers them after the largest id ever given (``sqlite_sequence`` remembers the
        ids of deleted figures, which are never given again).

        The ids follow the figures' identity (indicator, unit, period, …), not the order of the file, and the
        figures are inserted in id order: the table and its unique index of the identity then grow at a few places
        instead of at random ones, which keeps the pages a load writes in the database's cache (at a million
        figures the indexes no longer fit in it)."""
        new = f"FROM {STAGE} s WHERE NOT EXISTS (SELECT 1 FROM {MATCH} m WHERE m.seq = s.seq)"
        order = ", ".join(f"s.{c}" for c in IDENTITY)
        with connection.cursor() as cursor:
            if self.vendor == "postgresql":
                cursor.execute(
                    f"CREATE TEMPORARY TABLE {NEW} AS SELECT q.seq, "
                    f"NEXTVAL(PG_GET_SERIAL_SEQUENCE('{DataValue._meta.db_table}', 'id')) AS id "
                    f"FROM (SELECT s.seq {new} ORDER BY {order}) q"
                )
            else:
                cursor.execute(
                    f"SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = %s), 0), "
                    f"COALESCE((SELECT MAX(id) FROM {self.table}), 0))",
                    [DataValue._meta.db_table],
                )
                (last,) = cursor.fetchone()
                cursor.execute(
                    f"CREATE TEMPORARY TABLE {NEW} AS SELECT s.seq, %s + ROW_NUMBER() OVER (ORDER BY {order}) AS id {new}",
                    [last],
                )
            cursor.execute(f"CREATE INDEX {NEW}_seq ON {NEW} (seq)")
        self._analyze(NEW)

    def _names(self, stage: str) -> str:
        indicators = self.quote(Indicator._meta.db_table)
        units = self.quote(OrgUnit._meta.db_table)
        return f"JOIN {indicators} i ON i.id = {stage}.indicator_id JOIN {units} u ON u.id = {stage}.org_unit_id"

    def _described(self, stage: str) -> str:
        """SQL for ``str(figure)`` (``DataValue.__str__``), with the joins of :meth:`_names`."""
        return f"i.code || ' ' || u.code || ' ' || {stage}.period || ' ' || {stage}.kind"

    def refuse_closed(self, checker: _Checker, problems: Problems) -> None:
        """Every staged row whose figure lies in a closed place (an approved unit, sector and period:
        :mod:`ktxh.values.locks`) is a problem on its line: a file never changes approved figures, not even those it
        would leave unchanged. The locks are asked once, for the distinct places of the file; inside the load's
        transaction they hold their state until the write ends, so an approval cannot slip in between."""
        if not self.rows:
            return
        units, indicators = checker.units_by_id, checker.indicators_by_id
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT DISTINCT org_unit_id, period, indicator_id FROM {STAGE} WHERE period_start IS NOT NULL"
            )
            places = [(units[unit], period, indicators[indicator]) for unit, period, indicator in cursor.fetchall()]
        reasons = closed_reasons(places)
        if not reasons:
            return
        closed_units = sorted({unit for unit, _period, _indicator in reasons})
        marks = ", ".join("%s" for _unit in closed_units)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT file_no, line, org_unit_id, period, indicator_id FROM {STAGE} "
                f"WHERE period_start IS NOT NULL AND org_unit_id IN ({marks}) ORDER BY seq",
                closed_units,
            )
            while chunk := cursor.fetchmany(CHUNK):
                for file_no, line, *place in chunk:
                    reason = reasons.get(tuple(place))
                    if reason:
                        problems.add(Row(checker.files[file_no], line, {}), None, reason[0].lower() + reason[1:])

    def touched(self) -> Iterator[Touched]:
        """The (unit, period, indicator) of every figure the load names, changed or not, for the batch hooks: the
        rules revalidate them all, as they did when figures were written one by one (a load that follows a change
        of the rules, as a data set's does, relies on it)."""
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT DISTINCT org_unit_id, period, indicator_id FROM {STAGE}")
            while chunk := cursor.fetchmany(CHUNK):
                yield from (Touched(*item) for item in chunk)

    def details(self, summary: ValuesSummary, checker: _Checker) -> None:
        """The figures behind the counts (a preview of a file a person sends: it is read into memory)."""
        indicators, units = checker.indicators_by_id, checker.units_by_id
        sources = {s.pk: s for s in checker.sources.values()}
        names = [name for name, _kind in STAGE_COLUMNS]
        summary.new, summary.changed, summary.same = [], [], []
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT s.*, m.id, m.changed FROM {STAGE} s LEFT JOIN {MATCH} m ON m.seq = s.seq ORDER BY s.seq"
            )
            staged = [(dict(zip(names, item[: len(names)], strict=True)), *item[len(names) :]) for item in cursor]
        stored = DataValue.objects.in_bulk([pk for _fields, pk, _changed in staged if pk is not None])
        for fields, pk, changed in staged:
            values = {
                "indicator": indicators[fields["indicator_id"]],
                "org_unit": units[fields["org_unit_id"]],
                "target_source": sources.get(fields["target_source_id"]),
                **{name: fields[name] for name in STORED if not name.endswith("_id")},
            }
            values["value"], values["value_high"] = _number(fields["value_json"]), _number(fields["value_high_json"])
            values["period_start"], values["period_end"] = _date(values["period_start"]), _date(values["period_end"])
            if pk is None:
                summary.new.append(DataValue(**values))
                continue
            current = stored[pk]
            current.indicator, current.org_unit = values["indicator"], values["org_unit"]
            if changed:
                before = snapshot(current)
                for name in WRITABLE:
                    if name not in ANNOTATIONS or fields[f"{name}_given"]:
                        setattr(current, name, values[name])
                summary.changed.append((current, before))
            else:
                summary.same.append(current)

    def remove_stale(self, unit_ids: set[int], checker: _Checker) -> int:
        """Remove the figures that an earlier load of these same files wrote and the files no longer hold.

        Only figures created by this loader (the same actor in the change log) and only in the (unit, period)
        pairs the files cover are candidates: a figure someone typed or loaded from elsewhere is never touched, nor
        one in a closed place (approved: :mod:`ktxh.values.locks`).
        """
        marks = ", ".join("%s" for _unit in unit_ids)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT dv.id FROM {self.table} dv WHERE dv.org_unit_id IN ({marks}) "
                f"AND EXISTS (SELECT 1 FROM {STAGE} s WHERE s.org_unit_id = dv.org_unit_id AND s.period = dv.period) "
                f"AND NOT EXISTS (SELECT 1 FROM {STAGE} s WHERE {self._identity('s', 'dv')} "
                f"AND s.target_source_id {self.same} dv.target_source_id)",
                sorted(unit_ids),
            )
            candidates = [pk for (pk,) in cursor.fetchall()]
        if not candidates:
            return 0
        _user, actor = current_actor()
        ours = set(
            ChangeRecord.objects.filter(
                object_type="values.datavalue",
                action=ChangeRecord.Action.CREATE,
                actor=actor,
                object_id__in=candidates,
            ).values_list("object_id", flat=True)
        )
        places = {
            pk: (checker.units_by_id[unit_id], period, checker.indicators_by_id[indicator_id])
            for pk, unit_id, period, indicator_id in DataValue.objects.filter(pk__in=ours).values_list(
                "pk", "org_unit_id", "period", "indicator_id"
            )
        }
        closed = closed_reasons(places.values())
        stale = [pk for pk in candidates if pk in places and place_key(places[pk]) not in closed]
        DataValue.objects.filter(pk__in=stale).delete()  # the change log records each deletion
        return len(stale)

    def drop(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {NEW}")
            cursor.execute(f"DROP TABLE IF EXISTS {MATCH}")
            cursor.execute(f"DROP TABLE IF EXISTS {STAGE}")


def _snapshot_fields():
    return snapshot_fields(DataValue)


def _number(text: str | None) -> Decimal | None:
    return Decimal(text) if text is not None else None


def _date(value) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))
