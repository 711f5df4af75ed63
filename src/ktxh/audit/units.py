"""Unit words of Vietnamese reports: what they measure (dimension) and their factor to a base unit of it.

The words, dimensions and factors are data (``data/catalog/measures.csv``, read by :mod:`ktxh.checks.measures`);
this module only finds a unit word in text. Counts (hộ, người, hồ sơ, …) have dimension ``count:<symbol>`` so that
households are never added to files. Units written as upper-case abbreviations (``HS``, ``TDP``) match a count unit
whose initials they are.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ktxh.checks import measures as catalog_measures


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, tuple[str, str, float]], re.Pattern]:
    """word (lower case) → (symbol, dimension, factor), and the pattern of every word, longest first."""
    table = {word: (m.symbol, m.text_dimension, float(m.factor)) for word, m in catalog_measures.words().items()}
    keys = sorted(table, key=len, reverse=True)
    pattern = re.compile(r"\s*(" + "|".join(re.escape(k) for k in keys) + r")(?![\w²³])", re.IGNORECASE)
    return table, pattern


_ABBREVIATION = re.compile(r"\s*([A-ZĐ]{2,4})(?![\w])")
_PER = re.compile(r"(/\s*[^\W\d_]+(?:\s[^\W\d_]+)?)+")


def initials(word: str) -> str:
    return "".join(unicodedata.normalize("NFD", w)[0].upper() for w in word.split())


def match_unit(text: str, pos: int) -> tuple[str | None, str | None, float, int, str]:
    """The unit written at ``text[pos:]``: (canonical, dimension, factor, end offset, raw text)."""
    table, pattern = _table()
    match = pattern.match(text, pos)
    if match and re.match(r"\s+(?:lệ|trọng)\b", text[match.end() : match.end() + 8], re.IGNORECASE):
        match = None  # «15% tỉ lệ hộ nghèo»: the word «tỷ lệ» (a rate), not the unit «tỷ»
    if match:
        raw = match.group(1)
        canonical, dimension, factor = table[raw.lower()]
        end = match.end()
        if dimension != "yield":
            per = _PER.match(text, end)
            # "triệu đồng/người/tháng", "lần/tuần": a rate, not an amount (but "%/KH" is a result and its plan)
            if per and text[end : end + 1] == "/" and not re.fullmatch(r"/\s*(?:KH|NQ|CK|kế hoạch)", per.group(0)):
                return (
                    canonical + per.group(0).replace(" ", ""),
                    "rate:" + dimension,
                    factor,
                    per.end(),
                    text[match.start(1) : per.end()],
                )
        return canonical, dimension, factor, end, raw
    abbreviation = _ABBREVIATION.match(text, pos)
    if abbreviation:
        raw = abbreviation.group(1)
        return raw, "abbr:" + raw, 1.0, abbreviation.end(), raw
    return None, None, 1.0, pos, ""


def same_dimension(a: str | None, b: str | None) -> bool:
    """Whether two dimensions measure the same thing (an abbreviation matches the count unit it abbreviates)."""
    if not a or not b:
        return False
    if a == b:
        return True
    for x, y in ((a, b), (b, a)):
        if x.startswith("abbr:") and y.startswith("count:") and initials(y[6:]) == x[5:]:
            return True
    return False


def is_amount(dimension: str | None) -> bool:
    """Amounts can be added and compared: the additive dimensions of :mod:`ktxh.checks.measures` (money, area,
    mass, volume, length, counts of things) and abbreviations of counts."""
    if not dimension:
        return False
    if dimension.startswith("abbr:"):
        return True
    return dimension.split(":", 1)[0] in catalog_measures.ADDITIVE
