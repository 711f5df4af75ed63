"""Plausibility bounds — yields of each crop, rates — from ``data/checks/plausible.csv`` (columns ``code, name,
words, indicators, low, high, unit, description``): the one place both engines take them from. The rules' «between»
checks of a bounded indicator take (and must agree with) its bounds; the audit finds the crop a yield is of by the
``words`` of a row. A row without words is the bound of a yield whose crop the text does not name.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from ktxh.checks._data import data_path, read, split_words

COLUMNS = ["code", "name", "words", "indicators", "low", "high", "unit", "description"]


@dataclass(frozen=True)
class Bound:
    code: str
    name: str
    words: tuple[str, ...]
    indicators: tuple[str, ...]
    low: Decimal | None
    high: Decimal | None
    unit: str

    @property
    def range_text(self) -> str:
        """The bounds as a rule writes them: ``10 .. 60``."""
        return f"{self.low if self.low is not None else ''} .. {self.high if self.high is not None else ''}"


@lru_cache(maxsize=1)
def bounds() -> list[Bound]:
    result = []
    for row in read(data_path("checks", "plausible.csv"), COLUMNS, ["code", "unit"]):
        result.append(
            Bound(
                row["code"],
                row["name"],
                tuple(split_words(row["words"])),
                tuple(split_words(row["indicators"])),
                Decimal(row["low"]) if row["low"] else None,
                Decimal(row["high"]) if row["high"] else None,
                row["unit"],
            )
        )
    return result


def for_indicator(code: str) -> Bound | None:
    """The bounds of an indicator, if the file names it."""
    return next((b for b in bounds() if code in b.indicators), None)


def for_unit(unit: str) -> list[Bound]:
    """The bounds in one unit (``tạ/ha``: the crops; ``%``: rates)."""
    return [b for b in bounds() if b.unit == unit]
