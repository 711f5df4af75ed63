"""Vietnamese number formatting: ``1134.31`` → ``1.134,31``; ``116.48`` → ``116,48%`` (pure Python).

The dot groups thousands and the comma separates decimals (CLDR ``vi``). Numbers are printed with the digits they
were entered with, trailing zeros dropped, unless ``places`` asks for rounding.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation


def format_number(value, places: int | None = None, grouping: bool = True) -> str:
    """Print a number the Vietnamese way. ``places`` rounds half up to that many decimals (and keeps them)."""
    if value is None:
        return ""
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    if places is not None:
        number = round_half_up(number, places)
        text = format(number, "f")
    else:
        text = format(number, "f")
        if "." in text:
            text = text.rstrip("0").rstrip(".")
    negative = text.startswith("-")
    text = text.lstrip("-")
    whole, _, fraction = text.partition(".")
    if grouping:
        whole = f"{int(whole):,}".replace(",", ".")
    result = whole + ("," + fraction if fraction else "")
    if negative and result.strip("0.,"):
        result = "-" + result
    return result


def round_half_up(value: Decimal, places: int) -> Decimal:
    """``value`` rounded half up (as people round, not banker's rounding) to ``places`` decimals."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def format_percent(value, places: int | None = None) -> str:
    return format_number(value, places) + "%" if value is not None else ""


# ASCII digits only: ``\d`` alone also matches full-width (``１２３``) and other scripts' digits.
_VI_NUMBER = re.compile(r"[+-]?\d{1,3}(\.\d{3})*(,\d+)?|[+-]?\d+(,\d+)?", re.ASCII)


def parse_number(text: str) -> Decimal:
    """Read a number written the Vietnamese way (``1.134,31``, ``4.426``, ``26,5``). Raises ValueError.

    The one strict parser for numbers people type. Only the digits 0–9: full-width digits (``１２３``, typed with a
    Vietnamese or CJK input method) and ``1_000`` (Python's own notation) are refused with a word rather than read
    silently, so what is stored is what a reader of the page sees."""
    cleaned = text.strip().replace("\u00a0", "").replace(" ", "")
    if any(c.isdigit() and not c.isascii() for c in cleaned):
        raise ValueError(f"«{text}» có chữ số không phải 0–9 (chữ số toàn độ rộng?): gõ lại bằng các chữ số 0–9.")
    if not _VI_NUMBER.fullmatch(cleaned):
        raise ValueError(f"«{text}» không phải số viết theo kiểu Việt Nam (ví dụ 1.134,31).")
    try:
        return Decimal(cleaned.replace(".", "").replace(",", "."))
    except InvalidOperation:
        raise ValueError(f"«{text}» không phải là số.") from None
