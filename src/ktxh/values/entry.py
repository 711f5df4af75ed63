"""Entering one figure by hand (the web's data-entry grid, its targets page): read what a cell holds with its
version, and save what a person typed — checked, never guessed, never over someone else's newer change.

The contract of :func:`save_value`:

- ``text`` is what the person typed, read with :func:`ktxh.numbers.parse_number` (``1.234,5``). ``"1.234"`` for an
  indicator that takes decimals could be 1234 or 1,234: it is not guessed — the result asks back with two
  ``choices`` (texts to submit instead). An empty text deletes the figure.
- ``base_version`` is the version the person started from (:attr:`Cell.version`, ``""`` for an empty cell). If the
  figure changed since, nothing is saved and the result is a ``conflict`` carrying the other person's value, name
  and time.
- A value outside the indicator's plausible range (``ktxh.checks.plausible``) is saved only with ``confirm=True``;
  until then the result asks for confirmation.
- A closed figure (:func:`closed_reason`, asked once, in the save's transaction: an approved unit, sector and period — :mod:`ktxh.values.locks`, where
  approval locking plugs in) saves nothing; the reason is the message.
- Every other rule is the model's own :func:`~ktxh.values.models.validate_value`; messages are per field.
- The save goes through ``DataValue.save()``, so the change log and the validation rules hear of it.

Versions are the row's ``updated_at`` (every writer — this module, the admin, the loaders — sets it); a save claims
the row with a conditional UPDATE on that version, so two saves from the same version cannot both succeed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ktxh.catalog.models import Indicator, TargetSource, ValueType
from ktxh.checks import plausible
from ktxh.history.actor import acting_as
from ktxh.history.models import ChangeRecord
from ktxh.history.recorder import known_before
from ktxh.numbers import format_number, parse_number
from ktxh.periods import Period
from ktxh.units.models import OrgUnit
from ktxh.units.scoping import Action, allows
from ktxh.values import locks
from ktxh.values.models import DataValue, Kind, TargetForm, validate_value

# "1.234" and "0.500": one group of three digits after a single dot — thousands or decimals?
_AMBIGUOUS = re.compile(r"[+-]?\d{1,3}\.\d{3}", re.ASCII)

SAVED, UNCHANGED, CONFLICT, INVALID = "saved", "unchanged", "conflict", "invalid"


@dataclass(frozen=True)
class Cell:
    """What one cell holds now: the stored figure (or nothing) and its version."""

    value: Decimal | None = None
    value_high: Decimal | None = None
    text: str = ""
    comment: str = ""
    target_form: str = ""
    version: str = ""  # "" for an empty cell
    changed_by: str = ""
    changed_at: object = None  # datetime of the last change, when known

    @property
    def empty(self) -> bool:
        return not self.version

    def shown(self) -> str:
        """The value as a person types it: ``1.234,5``; a range as ``56 - 60``; a qualitative figure's text."""
        if self.value is None:
            return self.text
        if self.value_high is not None:
            return f"{format_number(self.value)} - {format_number(self.value_high)}"
        return format_number(self.value)


@dataclass
class SaveResult:
    status: str  # saved | unchanged | conflict | invalid
    cell: Cell = field(default_factory=Cell)  # saved: the new state; conflict: the other person's
    errors: dict[str, str] = field(default_factory=dict)  # field → what is wrong (invalid)
    choices: list[tuple[str, str]] = field(default_factory=list)  # ambiguous: (text to submit, what it means)
    confirm: str = ""  # a warning that confirm=True overrides (implausible value)

    @property
    def ok(self) -> bool:
        return self.status in (SAVED, UNCHANGED)


# -- closed figures -----------------------------------------------------------------------------------------------

# The one lock mechanism (ktxh.values.locks), re-exported where the save path is: approval locking plugs in here.
register_lock = locks.register_lock


def closed_reason(unit: OrgUnit, period: Period, indicator: Indicator) -> str | None:
    """Why nothing may be entered for ``indicator`` of ``unit`` in ``period`` — the one place every save asks."""
    return locks.closed_reason(unit, period.code, indicator)


def closed_cells(unit: OrgUnit, period: Period, indicators: Iterable[Indicator]) -> dict[int, str]:
    """{indicator id: why it is closed} for the closed ones among ``indicators`` (a grid shows them read-only)."""
    return {
        key[2]: reason
        for key, reason in locks.closed_reasons([(unit, period.code, indicator) for indicator in indicators]).items()
    }


# -- reading ------------------------------------------------------------------------------------------------------


def _key(indicator_id: int, kind: str, source_id: int | None, disaggregation: str = "") -> tuple:
    return indicator_id, kind, source_id, disaggregation


def _cell(row: DataValue | None, who: dict | None = None) -> Cell:
    if row is None:
        return Cell()
    by, at = (who or {}).get(row.pk, ("", None))
    return Cell(row.value, row.value_high, row.text, row.comment, row.target_form, version(row), by, at)


def version(row: DataValue) -> str:
    return row.updated_at.isoformat() if row.updated_at else ""


def cells(
    unit: OrgUnit,
    period: Period,
    indicator_ids: Iterable[int] | None = None,
    kinds: Iterable[str] = (Kind.ACTUAL, Kind.ESTIMATE),
    parts: bool = False,
) -> dict[tuple, Cell]:
    """The figures in use (no variant; totals only unless ``parts``) of a unit and period, keyed by (indicator id,
    kind, target source id, disaggregation), with their versions."""
    rows = DataValue.objects.filter(org_unit=unit, period=period.code, variant="", kind__in=list(kinds)).order_by()
    if not parts:
        rows = rows.filter(disaggregation="")
    if indicator_ids is not None:
        rows = rows.filter(indicator_id__in=list(indicator_ids))
    return {_key(r.indicator_id, r.kind, r.target_source_id, r.disaggregation): _cell(r) for r in rows}


def _row(unit, indicator, period: Period, kind: str, source: TargetSource | None, disaggregation: str = ""):
    return DataValue.objects.filter(
        org_unit=unit,
        indicator=indicator,
        period=period.code,
        disaggregation=disaggregation,
        variant="",
        kind=kind,
        target_source=source,
    ).first()


def _last_change(row: DataValue) -> tuple[str, object]:
    record = (
        ChangeRecord.objects.filter(object_type="values.datavalue", object_id=row.pk).order_by("-time", "-id").first()
    )
    return (record.actor, record.time) if record else ("", row.updated_at)


def current(
    unit, indicator, period: Period, kind: str, source: TargetSource | None = None, disaggregation: str = ""
) -> Cell:
    """One cell now, with who changed it last and when."""
    row = _row(unit, indicator, period, kind, source, disaggregation)
    if row is None:
        return Cell()
    by, at = _last_change(row)
    return Cell(row.value, row.value_high, row.text, row.comment, row.target_form, version(row), by, at)


def history(
    unit,
    indicator,
    period: Period,
    kind: str,
    source: TargetSource | None = None,
    limit: int = 20,
    disaggregation: str = "",
) -> list[ChangeRecord]:
    """The change log of one cell, newest first (also its earlier lives, deleted and entered again)."""
    label = f"{indicator.code} {unit.code} {period.code} {kind}"
    records = ChangeRecord.objects.filter(object_type="values.datavalue", object_repr=label).order_by("-time", "-id")
    found = []
    for record in records[: limit * 10]:
        state = record.after or record.before or {}
        if state.get("disaggregation", "") != disaggregation or state.get("variant", ""):
            continue
        if (state.get("target_source_id") or None) != (source.pk if source else None):
            continue
        found.append(record)
        if len(found) >= limit:
            break
    return found


# -- reading what was typed ---------------------------------------------------------------------------------------


def interpret(indicator: Indicator, text: str) -> tuple[Decimal | None, dict[str, str], list[tuple[str, str]]]:
    """(number, errors, choices) for what a person typed in a numeric field. Ambiguous input gives choices."""
    typed = text.strip()
    if not typed:
        return None, {}, []
    if indicator.value_type != ValueType.INTEGER and _AMBIGUOUS.fullmatch(typed.replace(" ", "")):
        compact = typed.replace(" ", "")
        thousands = compact.replace(".", "")
        decimal = compact.replace(".", ",")
        message = _(
            "«%(text)s» is ambiguous: this indicator has decimals. Choose a reading, or type %(example)s or "
            "%(decimal)s."
        ) % {"text": typed, "decimal": decimal, "example": thousands}
        return (
            None,
            {"value": message},
            [
                (thousands, _("%(value)s (thousands)") % {"value": format_number(Decimal(thousands))}),
                (decimal, _("%(value)s (decimal)") % {"value": decimal}),
            ],
        )
    try:
        return parse_number(typed), {}, []
    except ValueError as error:
        return None, {"value": str(error)}, []


def _implausible(indicator: Indicator, value: Decimal | None) -> str:
    if value is None:
        return ""
    bound = plausible.for_indicator(indicator.code)
    if bound is None or (bound.unit and indicator.unit_id and bound.unit != indicator.unit.symbol):
        return ""
    if (bound.low is not None and value < bound.low) or (bound.high is not None and value > bound.high):
        low = format_number(bound.low) if bound.low is not None else "…"
        high = format_number(bound.high) if bound.high is not None else "…"
        return _(
            "%(value)s %(unit)s is outside the plausible range %(low)s – %(high)s for this indicator. "
            "Check it; if it is right, save it again and confirm."
        ) % {"value": format_number(value), "unit": indicator.unit.symbol, "low": low, "high": high}
    return ""


# -- saving -------------------------------------------------------------------------------------------------------


def save_value(
    user,
    unit: OrgUnit,
    indicator: Indicator,
    period: Period,
    kind: str,
    text: str,
    base_version: str,
    comment: str | None = None,
    *,
    source: TargetSource | None = None,
    form: str = "",
    high_text: str = "",
    confirm: bool = False,
    disaggregation: str = "",
) -> SaveResult:
    """Save what ``user`` typed in one cell (see the module's contract). ``comment=None`` keeps the comment;
    ``source``/``form``/``high_text`` are a target's source, form and upper bound; ``disaggregation`` names a part
    (``loai_dat=lua``), checked like every other rule of the model. Raises PermissionDenied if the
    user may not enter figures for the unit, or for the indicator's sector when their grant is limited to sectors."""
    if not allows(user, Action.ENTER, unit, sector=indicator.sector):
        raise PermissionDenied
    try:
        with transaction.atomic():
            return _save_checked(
                user,
                unit,
                indicator,
                period,
                kind,
                text,
                base_version,
                comment,
                source,
                form,
                high_text,
                confirm,
                disaggregation,
            )
    except ValidationError as error:  # closed by another path in the meantime: the model checks what it is not told
        if error.code != "closed":
            raise
        return SaveResult(INVALID, errors={"value": error.messages[0]})


def _save_checked(
    user, unit, indicator, period, kind, text, base_version, comment, source, form, high_text, confirm, disaggregation
) -> SaveResult:
    """:func:`save_value` once the user may: in its transaction, so that the lock asked first is the lock the write
    meets (the model's own check is then told, not asked again)."""
    reason = closed_reason(unit, period, indicator)
    if reason:
        return SaveResult(INVALID, errors={"value": reason})
    if kind not in Kind.values:
        return SaveResult(INVALID, errors={"kind": _("Unknown kind of figure «%(kind)s».") % {"kind": kind}})
    if kind == Kind.TARGET and not form:
        form = TargetForm.EXACT
    qualitative = indicator.is_qualitative or form == TargetForm.QUALITATIVE
    errors: dict[str, str] = {}
    choices: list[tuple[str, str]] = []
    value = high = None
    content = ""
    if qualitative:
        content = text.strip()
    else:
        value, errors, choices = interpret(indicator, text)
        if form == TargetForm.RANGE:
            high, high_errors, high_choices = interpret(indicator, high_text)
            if high_errors:
                errors["value_high"] = high_errors["value"]
            choices = choices or high_choices
    if errors:
        return SaveResult(INVALID, errors=errors, choices=choices)
    row = _row(unit, indicator, period, kind, source, disaggregation)
    if (version(row) if row else "") != (base_version or ""):
        return SaveResult(CONFLICT, cell=current(unit, indicator, period, kind, source, disaggregation))
    if row is not None:
        row.org_unit, row.indicator = unit, indicator  # known already: the model's checks need not read them
        known_before(row)  # read in this transaction and claimed below before it is written
    if value is None and not content:  # an emptied cell: delete the figure
        if row is None:
            return SaveResult(UNCHANGED)
        row._checked_open = {(unit.pk, period.code, indicator.pk)}  # asked at the start of this transaction
        with acting_as(user):
            if not _claim(row, base_version):
                return SaveResult(CONFLICT, cell=current(unit, indicator, period, kind, source, disaggregation))
            row.delete()
        return SaveResult(SAVED)
    if row is None:
        row = DataValue(
            org_unit=unit,
            indicator=indicator,
            period=period.code,
            kind=kind,
            disaggregation=disaggregation,
            target_source=source if kind == Kind.TARGET else None,
        )
    before = (row.value, row.value_high, row.text, row.comment, row.target_form)
    row.value, row.value_high, row.text = value, high, content
    if comment is not None:
        row.comment = comment.strip()
    row.target_form = form if kind == Kind.TARGET else ""
    if row.pk and before == (row.value, row.value_high, row.text, row.comment, row.target_form):
        return SaveResult(UNCHANGED, cell=_cell(row))
    errors = validate_value(row)
    if errors:
        return SaveResult(INVALID, errors=errors)
    warning = "" if confirm else _implausible(indicator, value) or _implausible(indicator, high)
    if warning:
        return SaveResult(INVALID, errors={"value": warning}, confirm=warning)
    row._checked_open = {(unit.pk, period.code, indicator.pk)}  # asked at the start of this transaction
    with acting_as(user):
        if row.pk:
            if not _claim(row, base_version):
                return SaveResult(CONFLICT, cell=current(unit, indicator, period, kind, source, disaggregation))
            row.save()
        else:
            try:
                with transaction.atomic():
                    row.save()
            except IntegrityError:  # someone else entered it in the meantime
                return SaveResult(CONFLICT, cell=current(unit, indicator, period, kind, source, disaggregation))
    return SaveResult(
        SAVED,
        cell=Cell(
            row.value,
            row.value_high,
            row.text,
            row.comment,
            row.target_form,
            version(row),
            user.get_username(),
            row.updated_at,
        ),
    )


def _claim(row: DataValue, base_version: str) -> bool:
    """Compare and swap: move the row's version forward only if it is still ``base_version``."""
    claimed = DataValue.objects.filter(pk=row.pk, updated_at=row.updated_at).update(updated_at=timezone.now())
    return claimed == 1 and version(row) == base_version
