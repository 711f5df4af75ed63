"""Judging a result against a target: "% kế hoạch" and the status vượt / đạt / không đạt.

Pure functions over numbers, the target's form and the indicator's direction:

- higher is better: above the target is *vượt*, equal *đạt*, below *không đạt*; an "at least" (trên) target the
  same; a range is *đạt* inside, *vượt* above, *không đạt* below; "khoảng" (approx) is *đạt* within ±5 %.
- lower is better (poverty rate, accidents): the target is a ceiling: at or below it is *đạt* (officials do not
  write "vượt" for a poverty rate under the cap), above it *không đạt*.
- maintain (keep 7 national-standard schools): at or above the target is *đạt*, below *không đạt*.
- range direction: inside the band *đạt*, outside *không đạt*.
- none: no judgement.

Rates (indicators in %) are compared in percentage points ("điểm"): their "% of target" is not computed (99,9 % of a
100 % target is not "99,9 % kế hoạch"), the gap in points is.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

APPROX_TOLERANCE = Decimal("0.05")
HUNDRED = Decimal(100)


class Status(enum.StrEnum):
    EXCEEDED = "vượt"
    MET = "đạt"
    NOT_MET = "không đạt"


@dataclass(frozen=True)
class Judgement:
    status: Status | None
    pct_of_target: Decimal | None  # TH/KH × 100, None for rates and when not computable
    gap: Decimal | None  # actual − target (in points for rates; to the nearest bound for ranges)
    note: str = ""  # why something could not be judged (translated)


def judge(
    actual: Decimal | None,
    target: Decimal | None,
    target_high: Decimal | None,
    form: str,
    direction: str,
    is_rate: bool,
) -> Judgement:
    """Compare one result with one target. ``form`` is a TargetForm value, ``direction`` a Direction value."""
    if form == "qualitative":
        return Judgement(None, None, None, _("qualitative target: a person must judge it"))
    if actual is None:
        return Judgement(None, None, None, _("not computable: no result yet"))
    if target is None:
        return Judgement(None, None, None, _("not computable: the target has no number"))
    low, high = (target, target_high) if form == "range" and target_high is not None else (target, target)
    if form == "approx":
        margin = abs(target) * APPROX_TOLERANCE
        low, high = target - margin, target + margin
    gap = actual - high if actual > high else actual - low if actual < low else Decimal(0)
    if form not in ("range", "approx"):
        gap = actual - target
    pct = None
    note = ""
    if is_rate:
        note = _("rate: compared in percentage points")
    elif target == 0:
        note = _("percentage of plan not computable: the target is 0")
    else:
        pct = actual / target * HUNDRED
    return Judgement(_status(actual, low, high, form, direction), pct, gap, note)


def _status(actual: Decimal, low: Decimal, high: Decimal, form: str, direction: str) -> Status | None:
    if direction == "none":
        return None
    if direction == "lower" or form == "at_most":
        return Status.MET if actual <= high else Status.NOT_MET
    if direction == "maintain":
        return Status.MET if actual >= low else Status.NOT_MET
    if direction == "range":
        return Status.MET if low <= actual <= high else Status.NOT_MET
    # higher is better
    if actual > high:
        return Status.EXCEEDED
    if actual >= low:
        return Status.MET
    return Status.NOT_MET


@dataclass(frozen=True)
class Change:
    previous: Decimal | None
    change: Decimal | None  # actual − previous (points for rates)
    change_pct: Decimal | None  # (actual / previous − 1) × 100, None for rates
    note: str = ""


def year_on_year(actual: Decimal | None, previous: Decimal | None, is_rate: bool, why_no_previous: str = "") -> Change:
    """ "So cùng kỳ": the change against the same period a year before."""
    if previous is None:
        return Change(None, None, None, why_no_previous or _("not computable: no figure for the same period last year"))
    if actual is None:
        return Change(previous, None, None, _("not computable: no result yet"))
    change = actual - previous
    if is_rate:
        return Change(previous, change, None, _("rate: change in percentage points"))
    if previous == 0:
        return Change(previous, change, None, _("percentage change not computable: last year's figure is 0"))
    return Change(previous, change, (actual / previous - 1) * HUNDRED)
