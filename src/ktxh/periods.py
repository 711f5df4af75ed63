"""Reporting periods: parse and print codes and Vietnamese labels.

Pure Python, no Django. A period is one of:

============  ==============  ==========================  =====================
type          code            Vietnamese label            span
============  ==============  ==========================  =====================
year          ``2023``        năm 2023                    1/1 – 31/12
half          ``2023S1``      6 tháng đầu năm 2023        1/1 – 30/6 (S2: 1/7 – 31/12)
quarter       ``2023Q3``      quý III năm 2023            1/7 – 30/9
month         ``202309``      tháng 9 năm 2023            1/9 – 30/9
cumulative    ``2023C9``      9 tháng năm 2023            1/1 – 30/9 (lũy kế)
school_year   ``2022-2023``   năm học 2022-2023           1/9/2022 – 31/8/2023
============  ==============  ==========================  =====================

Codes follow DHIS2 where DHIS2 has the period (year, six-month, quarter, month); ``C`` (cumulative months from
January) and the dashed school year are ours. A cumulative period that equals a calendar period is normalised to
it: ``2023C6`` is ``2023S1``, ``2023C3`` is ``2023Q1``, ``2023C12`` is ``2023``, ``2023C1`` is ``202301``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
import functools
import re
import unicodedata
from dataclasses import dataclass


class PeriodError(ValueError):
    """A period code or label that cannot be understood. The message is for the user, in Vietnamese."""


class PeriodType(enum.StrEnum):
    YEAR = "year"
    HALF = "half"
    QUARTER = "quarter"
    MONTH = "month"
    CUMULATIVE = "cumulative"
    SCHOOL_YEAR = "school_year"


ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
_FROM_ROMAN = {v: k for k, v in ROMAN.items()}
MIN_YEAR, MAX_YEAR = 1900, 2200
SCHOOL_YEAR_FIRST_MONTH = 9  # a Vietnamese school year runs September to August


@dataclass(frozen=True, order=True)
class Period:
    """One reporting period. ``year`` is the calendar year (the first year for a school year); ``index`` is the
    half (1–2), quarter (1–4), month (1–12) or number of cumulative months (2–11); 0 for a year or school year."""

    year: int
    type: PeriodType
    index: int = 0

    def __post_init__(self) -> None:
        limits = {
            PeriodType.YEAR: (0, 0),
            PeriodType.SCHOOL_YEAR: (0, 0),
            PeriodType.HALF: (1, 2),
            PeriodType.QUARTER: (1, 4),
            PeriodType.MONTH: (1, 12),
            PeriodType.CUMULATIVE: (2, 11),
        }
        low, high = limits[self.type]
        if not MIN_YEAR <= self.year <= MAX_YEAR:
            raise PeriodError(f"năm {self.year} nằm ngoài khoảng ktxh xử lý ({MIN_YEAR}–{MAX_YEAR}).")
        if not low <= self.index <= high:
            raise PeriodError(f"không có kỳ số {self.index} trong năm {self.year}.")
        if self.type is PeriodType.CUMULATIVE and self.index in (3, 6):
            raise PeriodError("Lũy kế 3 tháng là quý I và 6 tháng là 6 tháng đầu năm: dùng mã 2023Q1 hoặc 2023S1.")

    # -- construction -------------------------------------------------------------------------------------------

    @classmethod
    def year_of(cls, year: int) -> Period:
        return cls(year, PeriodType.YEAR)

    @classmethod
    def cumulative(cls, year: int, months: int) -> Period:
        """Months 1..N of ``year``, normalised to a calendar period where one has the same span."""
        if months == 1:
            return cls(year, PeriodType.MONTH, 1)
        if months == 3:
            return cls(year, PeriodType.QUARTER, 1)
        if months == 6:
            return cls(year, PeriodType.HALF, 1)
        if months == 12:
            return cls(year, PeriodType.YEAR)
        return cls(year, PeriodType.CUMULATIVE, months)

    @classmethod
    def parse(cls, text: str) -> Period:
        """Read a code (``2023``, ``2023S1``, ``2023Q3``, ``202309``, ``2023C9``, ``2022-2023``) or a Vietnamese
        label (``năm 2023``, ``6 tháng đầu năm 2023``, ``quý III năm 2023``, ``tháng 9/2023``, ``9 tháng năm
        2023``, ``năm học 2022-2023``)."""
        if not isinstance(text, str):
            raise PeriodError(f"Kỳ báo cáo phải là chữ, không phải {type(text).__name__}.")
        original = text
        text = _normalise(text)
        for pattern, build in _PATTERNS:
            match = pattern.fullmatch(text)
            if match:
                try:
                    return build(match)
                except PeriodError as error:
                    raise PeriodError(f"Kỳ báo cáo «{original.strip()}» không hợp lệ: {error}") from None
        raise PeriodError(
            f"Không hiểu kỳ báo cáo «{original.strip()}». Dùng mã như 2023, 2023S1, 2023Q3, 202309, 2023C9, "
            "2022-2023 hoặc nhãn như «năm 2023», «quý III năm 2023», «năm học 2022-2023»."
        )

    # -- printing -----------------------------------------------------------------------------------------------

    @property
    def code(self) -> str:
        match self.type:
            case PeriodType.YEAR:
                return f"{self.year}"
            case PeriodType.HALF:
                return f"{self.year}S{self.index}"
            case PeriodType.QUARTER:
                return f"{self.year}Q{self.index}"
            case PeriodType.MONTH:
                return f"{self.year}{self.index:02d}"
            case PeriodType.CUMULATIVE:
                return f"{self.year}C{self.index}"
            case PeriodType.SCHOOL_YEAR:
                return f"{self.year}-{self.year + 1}"
        raise AssertionError(self.type)

    @property
    def label(self) -> str:
        """The Vietnamese label, as a report writes it after a verb: "năm 2023", "quý III năm 2023"."""
        match self.type:
            case PeriodType.YEAR:
                return f"năm {self.year}"
            case PeriodType.HALF:
                return f"6 tháng {'đầu' if self.index == 1 else 'cuối'} năm {self.year}"
            case PeriodType.QUARTER:
                return f"quý {ROMAN[self.index]} năm {self.year}"
            case PeriodType.MONTH:
                return f"tháng {self.index} năm {self.year}"
            case PeriodType.CUMULATIVE:
                return f"{self.index} tháng năm {self.year}"
            case PeriodType.SCHOOL_YEAR:
                return f"năm học {self.year}-{self.year + 1}"
        raise AssertionError(self.type)

    def __str__(self) -> str:
        return self.code

    # -- calendar -----------------------------------------------------------------------------------------------

    @property
    def start(self) -> dt.date:
        return _span(self)[0]

    @property
    def end(self) -> dt.date:
        return _span(self)[1]

    def _compute_span(self) -> tuple[dt.date, dt.date]:
        if self.type is PeriodType.SCHOOL_YEAR:
            first = dt.date(self.year, SCHOOL_YEAR_FIRST_MONTH, 1)
            return first, dt.date(self.year + 1, SCHOOL_YEAR_FIRST_MONTH, 1) - dt.timedelta(days=1)
        last = self._last_month
        return dt.date(self.year, self._first_month, 1), dt.date(
            self.year, last, calendar.monthrange(self.year, last)[1]
        )

    @property
    def _first_month(self) -> int:
        match self.type:
            case PeriodType.HALF:
                return 1 if self.index == 1 else 7
            case PeriodType.QUARTER:
                return 3 * (self.index - 1) + 1
            case PeriodType.MONTH:
                return self.index
        return 1

    @property
    def _last_month(self) -> int:
        match self.type:
            case PeriodType.HALF:
                return 6 * self.index
            case PeriodType.QUARTER:
                return 3 * self.index
            case PeriodType.MONTH:
                return self.index
            case PeriodType.CUMULATIVE:
                return self.index
        return 12

    def months(self) -> list[Period]:
        """The calendar months this period covers, in order."""
        months = []
        day = self.start
        while day <= self.end:
            months.append(Period(day.year, PeriodType.MONTH, day.month))
            day = dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)
        return months

    def contains(self, other: Period) -> bool:
        return self.start <= other.start and other.end <= self.end

    def previous_year(self) -> Period:
        """The same period one year earlier ("cùng kỳ năm trước")."""
        return Period(self.year - 1, self.type, self.index)

    def is_year_to_date(self) -> bool:
        """True for periods that start on 1 January: the year, the first half, Q1, January and cumulative ones."""
        return self.type is not PeriodType.SCHOOL_YEAR and self._first_month == 1


@functools.cache
def _span(period: Period) -> tuple[dt.date, dt.date]:
    """First and last day of a period, computed once per period: resolving a province's figures asks for them
    hundreds of thousands of times (every sub-period tried for every missing figure)."""
    return period._compute_span()


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text).strip().lower()
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\s*([-–/])\s*", r"\1", text)
    return text.replace("–", "-")


def _quarter_number(token: str) -> int:
    token = token.upper()
    if token in _FROM_ROMAN:
        return _FROM_ROMAN[token]
    if token.isdigit() and 1 <= int(token) <= 4:
        return int(token)
    raise PeriodError(f"quý «{token}» không tồn tại (chỉ có quý I đến IV).")


def _month(year: str, month: str) -> Period:
    number = int(month)
    if not 1 <= number <= 12:
        raise PeriodError(f"tháng {number} không tồn tại.")
    return Period(int(year), PeriodType.MONTH, number)


def _cumulative(year: str, months: str) -> Period:
    number = int(months)
    if not 1 <= number <= 12:
        raise PeriodError(f"không có lũy kế {number} tháng.")
    return Period.cumulative(int(year), number)


def _school_year(first: str, second: str) -> Period:
    if int(second) != int(first) + 1:
        raise PeriodError(f"năm học phải gồm hai năm liền nhau, không phải {first}-{second}.")
    return Period(int(first), PeriodType.SCHOOL_YEAR)


_Y = r"(\d{4})"
_YEAR_TAIL = rf"(?:năm |/){_Y}"
_PATTERNS = [
    (re.compile(_Y), lambda m: Period(int(m[1]), PeriodType.YEAR)),
    (re.compile(rf"{_Y}s([12])"), lambda m: Period(int(m[1]), PeriodType.HALF, int(m[2]))),
    (re.compile(rf"{_Y}q([1-4])"), lambda m: Period(int(m[1]), PeriodType.QUARTER, int(m[2]))),
    (re.compile(rf"{_Y}(\d{{2}})"), lambda m: _month(m[1], m[2])),
    (re.compile(rf"{_Y}-(\d{{2}})"), lambda m: _month(m[1], m[2])),
    (re.compile(rf"{_Y}c(\d{{1,2}})"), lambda m: _cumulative(m[1], m[2])),
    (re.compile(rf"{_Y}-{_Y}"), lambda m: _school_year(m[1], m[2])),
    (re.compile(rf"(?:năm học|nh) ?{_Y}-{_Y}"), lambda m: _school_year(m[1], m[2])),
    (re.compile(rf"năm {_Y}"), lambda m: Period(int(m[1]), PeriodType.YEAR)),
    (
        re.compile(rf"6 tháng (đầu|cuối) {_YEAR_TAIL}"),
        lambda m: Period(int(m[2]), PeriodType.HALF, 1 if m[1] == "đầu" else 2),
    ),
    (
        re.compile(rf"quý ([ivx]+|\d) {_YEAR_TAIL}"),
        lambda m: Period(int(m[2]), PeriodType.QUARTER, _quarter_number(m[1])),
    ),
    (re.compile(rf"quý ([ivx]+|\d)/{_Y}"), lambda m: Period(int(m[2]), PeriodType.QUARTER, _quarter_number(m[1]))),
    (re.compile(rf"tháng (\d{{1,2}}) {_YEAR_TAIL}"), lambda m: _month(m[2], m[1])),
    (re.compile(rf"tháng (\d{{1,2}})/{_Y}"), lambda m: _month(m[2], m[1])),
    (re.compile(rf"(\d{{1,2}})/{_Y}"), lambda m: _month(m[2], m[1])),
    (re.compile(rf"(\d{{1,2}}) tháng (?:đầu )?{_YEAR_TAIL}"), lambda m: _cumulative(m[2], m[1])),
]
