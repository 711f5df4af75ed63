"""Vietnamese sentences from figures, in the conventions officials use.

- numbers as 1.134,31; percentages as 94,2%;
- an estimate is "ước đạt"; a figure that is not available says so ("chưa có số liệu"), never 0 or None;
- against last year: "tăng/giảm 13,7% so cùng kỳ", for counts "giảm 23 hộ so cùng kỳ", for rates in points
  "giảm 0,41 điểm so cùng kỳ", "bằng cùng kỳ";
- against a target: "đạt 101,2% kế hoạch huyện giao", for rates "huyện giao 2,03%, thị trấn đạt 1,59%".

Every function here is text in, text out; nothing reads the database.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ktxh.analytics.formats import FORM_WORDS as BOUND_WORDS
from ktxh.numbers import format_number
from ktxh.numbers import round_half_up as rounded

UNIT_NOUNS = {
    "province": "tỉnh",
    "district": "huyện",
    "commune": "xã",
    "ward": "phường",
    "town": "thị trấn",
    "special_zone": "đặc khu",
    "residential_group": "tổ dân phố",
    "village": "thôn",
    "school": "trường",
    "health_station": "trạm y tế",
    "facility": "đơn vị",
}
FORM_WORDS = {form: word + " " for form, word in BOUND_WORDS.items()}  # "trên 55.000", the scorecard's words
STATUS_WORDS = {"vượt": "vượt", "đạt": "đạt", "không đạt": "không đạt"}
NOT_AVAILABLE = "chưa có số liệu"
ORDINAL_UNITS = {"hạng": "thứ", "mức": "mức"}


def target_words(form: str, value: Decimal) -> str:
    """ "trên ", "dưới ", "khoảng " before a target; nothing for "at most 0" (không để phát sinh)."""
    if form == "at_most" and value == 0:
        return ""
    return FORM_WORDS.get(form, "")


def quantity(value: Decimal | None, unit: str, places: int | None = None) -> str:
    """``1.134,31 ha``, ``94,2%``; "chưa có số liệu" when there is no value."""
    if value is None:
        return NOT_AVAILABLE
    number = format_number(value if places is None else rounded(value, places))
    if unit in ORDINAL_UNITS:  # a rank or a level reads "thứ 2", "mức 2", not "2 hạng"
        return f"{ORDINAL_UNITS[unit]} {number}"
    return f"{number}%" if unit == "%" else f"{number} {unit}"


def display_places(value: Decimal) -> int | None:
    """Computed values (ratios, means) are shown with 2 decimals; entered ones as entered."""
    exponent = value.normalize().as_tuple().exponent
    return 2 if isinstance(exponent, int) and exponent < -2 else None


def unit_noun(unit_type: str) -> str:
    return UNIT_NOUNS.get(unit_type, "đơn vị")


def vietnamese_date(day: dt.date) -> str:
    """ "ngày 25 tháng 12 năm 2023": days below 10 and months 1–2 zero-padded (NĐ 30/2020)."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def change_clause(change, previous_label: str, is_rate: bool, is_count: bool, unit: str) -> str:
    """ "giảm 13,7% so cùng kỳ" — or "" when there is no previous value to compare with. A change that rounds to
    nothing at the printed precision is "tương đương cùng kỳ", never "tăng 0%"."""
    if change is None or change.previous is None or change.change is None:
        return ""
    if change.change == 0:
        return "bằng cùng kỳ"
    word = "tăng" if change.change > 0 else "giảm"
    amount = abs(change.change)
    if is_rate:
        shown = rounded(amount, 2)
        text = f"{format_number(shown)} điểm"
    elif is_count:
        shown = rounded(amount, 0) if amount >= 1 else rounded(amount, 1)
        text = quantity(shown, unit)
    elif change.change_pct is not None:
        shown = rounded(abs(change.change_pct), 1)
        text = f"{format_number(shown)}%"
    else:
        shown = amount
        text = quantity(amount, unit, display_places(amount))
    if shown == 0:
        return "tương đương cùng kỳ"
    return f"{word} {text} so cùng kỳ"


def target_clause(
    target,
    judgement,
    actual: Decimal | None,
    is_rate: bool,
    unit: str,
    unit_type: str,
    direction: str = "higher",
    restate_actual: bool = True,
) -> str:
    """ "đạt 101,2% kế hoạch huyện giao" or, for rates and ceilings, "huyện giao 2,03%, thị trấn đạt 1,59% (đạt)".

    A ceiling ("dưới 5 vụ", or any target of a lower-is-better indicator) is never written as a percentage of the
    plan: 7 accidents against "dưới 5" is not "đạt 140% kế hoạch"."""
    if target is None or judgement is None:
        return ""
    source = target.source.short_name
    if target.form == "qualitative" or target.value is None:
        return f"{source}: {target.text}" if target.text else ""
    target_text = target_words(target.form, target.value) + quantity(target.value, unit)
    if target.value_high is not None:
        target_text += f" - {quantity(target.value_high, unit)}"
    if actual is None:
        return f"{source} {target_text}, {NOT_AVAILABLE} kết quả thực hiện"
    ceiling = direction == "lower" or target.form == "at_most"
    if is_rate or ceiling or judgement.pct_of_target is None:
        verdict = STATUS_WORDS.get(str(judgement.status), "") if judgement.status else ""
        result = f"{source} {target_text}"
        if restate_actual:  # in a sentence that has already given the figure, it is not said twice
            result += f", {unit_noun(unit_type)} đạt {quantity(actual, unit, display_places(actual))}"
        return result + (f" ({verdict})" if verdict else "")
    plan = "kế hoạch" if source.strip().lower() == "kế hoạch" else f"kế hoạch {source}"
    return f"đạt {format_number(rounded(judgement.pct_of_target, 1))}% {plan}"


def figure_sentence(name: str, figure, unit: str, clauses: list[str]) -> str:
    """ "Đàn lợn: 4.426 con, giảm 13,7% so cùng kỳ." / "Tổng thu ngân sách ước đạt 26,5 tỷ đồng, …"."""
    if figure.value is None and not figure.text:
        return f"{name}: {NOT_AVAILABLE}."
    if figure.value is None:
        head = f"{name}: {figure.text}"
    else:
        amount = quantity(figure.value, unit, display_places(figure.value))
        head = f"{name} ước đạt {amount}" if figure.estimate else f"{name}: {amount}"
    tail = ", ".join(c for c in clauses if c)
    return f"{head}, {tail}." if tail else f"{head}."


def parts_text(parts: list[tuple[str, Decimal | None, str]]) -> str:
    """ "Đất trồng lúa 392,46 ha; đất trồng cây lâu năm 158,83 ha" — the footnote of a breakdown."""
    pieces = []
    for label, value, unit in parts:
        pieces.append(f"{label} {quantity(value, unit, display_places(value) if value is not None else None)}")
    text = "; ".join(pieces)
    return text[:1].upper() + text[1:] + "." if text else ""


def tally(statuses: list[str]) -> str:
    """ "đạt và vượt 7/9 chỉ tiêu (vượt 5, đạt 2), không đạt 2 chỉ tiêu"."""
    exceeded = statuses.count("vượt")
    met = statuses.count("đạt")
    missed = statuses.count("không đạt")
    total = exceeded + met + missed
    if total == 0:
        return ""
    text = f"đạt và vượt {exceeded + met}/{total} chỉ tiêu (vượt {exceeded}, đạt {met})"
    if missed:
        text += f", không đạt {missed} chỉ tiêu"
    return text
