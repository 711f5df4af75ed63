"""Load figures (actual, estimate, target) from ``values/*.csv``, and from any other file format read into the same
columns (``ktxh import`` of an export: :func:`load_rows`).

Every row is checked with the same rules as a save from any other path (:func:`ktxh.values.models.validate_value`)
before anything is written, and a figure in a closed place (an approved unit, sector and period:
:mod:`ktxh.values.locks`) is refused on its line; then new figures are inserted and changed ones updated in bulk, with the change log
written in bulk too. Loading the same files twice changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.db import IntegrityError, connection, transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from ktxh.catalog.models import DimensionOption, Indicator, TargetSource
from ktxh.datafiles import Problems, Row, check_lengths, parse_choice, parse_decimal, read_table
from ktxh.history.actor import current_actor
from ktxh.history.models import ChangeRecord
from ktxh.history.recorder import record_many, snapshot
from ktxh.units.models import OrgUnit
from ktxh.values.batch import bulk_write
from ktxh.values.locks import closed_reasons
from ktxh.values.models import DataValue, Kind, TargetForm, format_disaggregation, parse_disaggregation, validate_value

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
# empty comments; filling in a value must not erase what was noted about the figure.
ANNOTATIONS = ("comment", "source")
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


def value_key(v: DataValue) -> tuple:
    return (v.indicator_id, v.org_unit_id, v.period, v.disaggregation, v.kind, v.target_source_id, v.variant)


def load_values(path: Path, display_root: Path | None = None, replace_units: set[str] | None = None) -> ValuesSummary:
    """Check and load figures. With ``replace_units`` (unit codes), figures of those units that the files no longer
    contain are removed: the files are then the whole truth for those units (as for the demo data set)."""
    problems = Problems()
    rows = read_table(Path(path), VALUE_COLUMNS, REQUIRED, problems, display_root)
    problems.raise_if_any()
    return load_rows(rows, problems, replace_units=replace_units)


def load_rows(
    rows: list[Row],
    problems: Problems,
    replace_units: set[str] | None = None,
    dry_run: bool = False,
    details: bool = False,
) -> ValuesSummary:
    """Check rows that have the columns of :data:`VALUE_COLUMNS` and write them in one transaction, all or nothing.

    Every entry into the figures goes through here (``values/*.csv``, ``ktxh import``), so a file is judged by one
    set of rules whatever its format; a format with other column names reads them into these names and gives
    ``problems`` the aliases that name its own columns in the messages. Raises LoadError. With ``dry_run`` the
    summary says what a load would do and nothing is written.
    """
    check_lengths(rows, problems, DataValue, STORED_AS_WRITTEN)
    units = {u.code: u for u in OrgUnit.objects.all()}
    indicators = {
        i.code: i
        for i in Indicator.objects.select_related("unit").prefetch_related(
            Prefetch("dimensions__options", queryset=DimensionOption.objects.all())
        )
    }
    sources = {s.code: s for s in TargetSource.objects.all()}

    candidates: list[tuple[Row, DataValue]] = []
    seen: dict[tuple, Row] = {}
    for row in rows:
        unit = units.get(row["org_unit"])
        indicator = indicators.get(row["indicator"])
        if unit is None:
            problems.add(row, "org_unit", _("unit «%(code)s» is not in the list of units.") % {"code": row["org_unit"]})
        if indicator is None:
            problems.add(
                row, "indicator", _("indicator «%(code)s» is not in the catalog.") % {"code": row["indicator"]}
            )
        kind = parse_choice(row, "kind", Kind, problems)
        source = None
        if row["target_source"]:
            source = sources.get(row["target_source"])
            if source is None:
                problems.add(
                    row,
                    "target_source",
                    _("target source «%(code)s» is not in target_sources.csv.") % {"code": row["target_source"]},
                )
        if row["target_form"]:
            parse_choice(row, "target_form", TargetForm, problems)
        try:
            disaggregation = format_disaggregation(parse_disaggregation(row["disaggregation"]))
        except ValueError as error:
            problems.add(row, "disaggregation", str(error))
            disaggregation = row["disaggregation"]
        value = DataValue(
            indicator=indicator,
            org_unit=unit,
            disaggregation=disaggregation,
            period=row["period"],
            kind=kind,
            target_source=source,
            target_form=row["target_form"],
            variant=row["variant"],
            value=parse_decimal(row, "value", problems),
            value_high=parse_decimal(row, "value_high", problems),
            text=row["text"],
            comment=row["comment"],
            source=row["source"],
        )
        absent = tuple(field for field in ANNOTATIONS if field not in row.data)
        if absent:
            value.keep_stored = absent
        if indicator is None or unit is None or not kind:
            continue
        # A column already refused (a bad number) is not judged again: «1,5» must not also be "the value is missing".
        reported = problems.columns_of(row)
        for field, message in validate_value(value).items():
            column = COLUMN_OF_FIELD.get(field, field)
            if problems.aliases.get(column, column) not in reported:
                problems.add(row, column, message[0].lower() + message[1:])
        if unit is not None and value.period_start and not _overlaps(unit, value):
            problems.add(
                row,
                "org_unit",
                _("unit «%(code)s» is not valid in the period %(period)s.")
                % {"code": unit.code, "period": value.period},
            )
        key = value_key(value)
        if key in seen:
            first = seen[key]
            problems.add(
                row,
                None,
                _(
                    "the figure repeats %(file)s, line %(line)s (same unit, indicator, "
                    "disaggregation, period, kind, target source and variant)."
                )
                % {"file": first.file, "line": first.line},
            )
        seen[key] = row
        candidates.append((row, value))
    _refuse_closed(candidates, problems)
    problems.raise_if_any()

    values = [value for _row, value in candidates]
    if dry_run:
        to_create, to_update, unchanged = _plan(values, same := [] if details else None)
        summary = ValuesSummary(rows=len(values), created=len(to_create), updated=len(to_update), unchanged=unchanged)
        if details:
            summary.new, summary.changed, summary.same = to_create, to_update, same
        return summary
    try:
        with transaction.atomic(), bulk_write() as batch:  # bulk writes send no signal: the hooks hear of them here
            _refuse_closed(candidates, problems)  # again, now that the locks hold their state until the write ends
            problems.raise_if_any()
            batch.touch(values)
            return _write(values, {u.pk for code, u in units.items() if code in (replace_units or set())})
    except IntegrityError:
        problems.add(
            None,
            None,
            _(
                "another load or user added some of the same figures at the same moment; "
                "nothing of this file was written. Run the import again: it will compare "
                "with what is stored now."
            ),
            file=rows[0].file if rows else "?",
        )
        problems.raise_if_any()
        raise


def _refuse_closed(candidates: list[tuple[Row, DataValue]], problems: Problems) -> None:
    """Every row whose figure lies in a closed place (an approved unit, sector and period: :mod:`ktxh.values.locks`)
    is a problem on its line: a file never changes approved figures, not even those it would leave unchanged."""
    places = [(value.org_unit, value.period, value.indicator) for _row, value in candidates if value.period_start]
    reasons = closed_reasons(places)
    if not reasons:
        return
    for row, value in candidates:
        reason = reasons.get((value.org_unit_id, value.period, value.indicator_id))
        if reason:
            problems.add(row, None, reason[0].lower() + reason[1:])


def _overlaps(unit: OrgUnit, value: DataValue) -> bool:
    return (unit.valid_from is None or unit.valid_from <= value.period_end) and (
        unit.valid_to is None or unit.valid_to >= value.period_start
    )


def _plan(
    values: list[DataValue], same: list | None = None, lock: bool = False
) -> tuple[list[DataValue], list[tuple[DataValue, dict]], int]:
    """(figures to create, (stored figure with the new fields, snapshot before) to update, number unchanged).
    ``lock``: lock the stored rows until the transaction ends (inside :func:`_write`)."""
    unchanged = 0
    unit_ids = {v.org_unit_id for v in values}
    periods = {v.period for v in values}
    stored = DataValue.objects.filter(org_unit_id__in=unit_ids, period__in=periods)
    if lock:
        stored = stored.select_for_update().order_by("pk")  # one lock order: two loads cannot deadlock
    existing = {value_key(v): v for v in stored}
    to_create: list[DataValue] = []
    to_update: list[tuple[DataValue, dict]] = []
    now = timezone.now()
    for value in values:
        current = existing.get(value_key(value))
        if current is None:
            to_create.append(value)
            continue
        current.indicator, current.org_unit = value.indicator, value.org_unit  # known: no query per row
        if value.target_source_id:
            current.target_source = value.target_source
        before = snapshot(current)
        changed = False
        kept = getattr(value, "keep_stored", ())
        for field in WRITABLE:
            if field in kept:
                continue
            if getattr(current, field) != getattr(value, field):
                setattr(current, field, getattr(value, field))
                changed = True
        if changed:
            current.updated_at = now
            to_update.append((current, before))
        else:
            unchanged += 1
            if same is not None:
                same.append(current)
    return to_create, to_update, unchanged


def _write(values: list[DataValue], replace_unit_ids: set[int]) -> ValuesSummary:
    to_create, to_update, unchanged = _plan(values, lock=True)
    summary = ValuesSummary(rows=len(values), unchanged=unchanged)
    created = DataValue.objects.bulk_create(to_create, batch_size=1000)
    if to_update:
        _update_many([v for v, _before in to_update])
    if created and created[0].pk is None:  # backends that do not return ids from bulk inserts
        created = [
            DataValue.objects.get(
                **{
                    f: getattr(v, f)
                    for f in ("indicator", "org_unit", "period", "disaggregation", "kind", "target_source", "variant")
                }
            )
            for v in created
        ]
    record_many(ChangeRecord.Action.CREATE, [(v, None) for v in created])
    record_many(ChangeRecord.Action.UPDATE, to_update)
    summary.created, summary.updated = len(created), len(to_update)
    if replace_unit_ids:
        summary.removed = _remove_stale(values, replace_unit_ids)
    return summary


def _update_many(values: list[DataValue]) -> None:
    """One parameterised UPDATE per figure, sent with ``executemany``: Django's ``bulk_update`` builds a CASE
    expression per field and row, which costs more to compile than the update itself."""
    meta = DataValue._meta
    fields = [meta.get_field(name) for name in [*WRITABLE, "updated_at"]]
    quote = connection.ops.quote_name
    sql = (
        f"UPDATE {quote(meta.db_table)} SET "
        + ", ".join(f"{quote(f.column)} = %s" for f in fields)
        + f" WHERE {quote(meta.pk.column)} = %s"
    )
    with connection.cursor() as cursor:
        for start in range(0, len(values), 5000):
            cursor.executemany(
                sql,
                [
                    [f.get_db_prep_save(getattr(v, f.attname), connection) for f in fields] + [v.pk]
                    for v in values[start : start + 5000]
                ],
            )


def _remove_stale(values: list[DataValue], unit_ids: set[int]) -> int:
    """Remove the figures that an earlier load of these same files wrote and the files no longer hold.

    Only figures created by this loader (the same actor in the change log) and only in the (unit, period) pairs the
    files cover are candidates: a figure someone typed or loaded from elsewhere is never touched, nor one in a closed
    place (approved: :mod:`ktxh.values.locks`).
    """
    kept = {value_key(v) for v in values}
    covered = {(v.org_unit_id, v.period) for v in values}
    candidates = [
        v
        for v in DataValue.objects.filter(org_unit_id__in=unit_ids).select_related("indicator", "org_unit")
        if value_key(v) not in kept and (v.org_unit_id, v.period) in covered
    ]
    if not candidates:
        return 0
    _user, actor = current_actor()
    ours = set(
        ChangeRecord.objects.filter(
            object_type="values.datavalue",
            action=ChangeRecord.Action.CREATE,
            actor=actor,
            object_id__in=[v.pk for v in candidates],
        ).values_list("object_id", flat=True)
    )
    closed = closed_reasons((v.org_unit, v.period, v.indicator) for v in candidates if v.pk in ours)
    stale = [v.pk for v in candidates if v.pk in ours and (v.org_unit_id, v.period, v.indicator_id) not in closed]
    DataValue.objects.filter(pk__in=stale).delete()  # the change log records each deletion
    return len(stale)
