"""Reporting deadlines per period, from the data cut-off dates of Nghị định 09/2019/NĐ-CP (Điều 12).

Data of a period are counted from a day of the month *before* the period's first month to a day of the period's last
month: monthly from the 15th of the previous month to the 14th, annual from 15/12 of the previous year to 14/12,
6-monthly from 15/12 to 14/6, quarterly from the 15th of the month before the quarter to the 14th of its last month.
The report is due ``days_to_send`` days after the cut-off's last day (the decree leaves the sending date to the
body that issues the reporting regime: 0 means the cut-off day itself).

All of it is data: ``data/workflow/deadlines.csv`` (one row per kind of period: ``period_type``,
``cutoff_start_day``, ``cutoff_end_day``, ``days_to_send``, ``basis``), or the file named by the setting
``KTXH_DEADLINES_FILE`` (same columns) for a province with its own regime. A kind of period without a row has no
deadline.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from ktxh.datafiles import Problems, parse_choice, read_table
from ktxh.periods import Period, PeriodType

COLUMNS = ["period_type", "cutoff_start_day", "cutoff_end_day", "days_to_send", "basis"]
REQUIRED = ["period_type", "cutoff_start_day", "cutoff_end_day", "days_to_send"]


@dataclass(frozen=True)
class Rule:
    period_type: str
    cutoff_start_day: int
    cutoff_end_day: int
    days_to_send: int
    basis: str


@dataclass(frozen=True)
class Deadline:
    cutoff_start: dt.date
    cutoff_end: dt.date
    due: dt.date
    basis: str


def rules_path() -> Path:
    configured = getattr(settings, "KTXH_DEADLINES_FILE", "")
    return Path(configured) if configured else Path(str(resources.files("ktxh").joinpath("data", "workflow")))


def _day(row, column: str, problems: Problems, low: int, high: int) -> int:
    text = row[column].strip()
    if not text.isdigit() or not low <= int(text) <= high:
        problems.add(row, column, _("must be a whole number from %(low)d to %(high)d.") % {"low": low, "high": high})
        return 0
    return int(text)


def read_rules(path: Path) -> dict[str, Rule]:
    """The rules of a deadlines file (or folder); raises LoadError with every problem (file, line, column)."""
    problems = Problems()
    rows = read_table(path, COLUMNS, REQUIRED, problems, path.parent)
    rules: dict[str, Rule] = {}
    for row in rows:
        kind = parse_choice(row, "period_type", PeriodType, problems)
        rule = Rule(
            kind,
            _day(row, "cutoff_start_day", problems, 1, 28),
            _day(row, "cutoff_end_day", problems, 1, 28),
            _day(row, "days_to_send", problems, 0, 366),
            row["basis"],
        )
        if kind in rules:
            problems.add(row, "period_type", _("«%(kind)s» has a rule already.") % {"kind": kind})
        rules[kind] = rule
    problems.raise_if_any()
    return rules


@functools.cache
def _rules_of(path: str) -> dict[str, Rule]:
    return read_rules(Path(path))


def rules() -> dict[str, Rule]:
    return _rules_of(str(rules_path()))


def _month_before(day: dt.date) -> tuple[int, int]:
    return (day.year - 1, 12) if day.month == 1 else (day.year, day.month - 1)


def deadline(period: Period) -> Deadline | None:
    """The cut-off and the due date of ``period``, or None when its kind of period has no rule."""
    rule = rules().get(str(period.type))
    if rule is None:
        return None
    year, month = _month_before(period.start)
    start = dt.date(year, month, min(rule.cutoff_start_day, calendar.monthrange(year, month)[1]))
    end = dt.date(period.end.year, period.end.month, rule.cutoff_end_day)
    return Deadline(start, end, end + dt.timedelta(days=rule.days_to_send), rule.basis)
