"""Units of measure, the words that write them in text, and their conversions — from
``data/catalog/measures.csv`` (columns ``symbol, name, dimension, factor, words``), the same file the catalog loader
reads. ``factor`` converts to the base unit of the ``dimension`` (area: m², mass: kg, yield: kg/ha, money: đồng);
``words`` lists other spellings (``héc-ta;hécta``), separated by «;».

Counts (hộ, người, hồ sơ, …) all have the dimension ``count`` in the file; a reader of text keeps them apart by
their symbol (households are never added to files), see :func:`text_dimension`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from ktxh.checks._data import data_path, read, split_words

COLUMNS = ["symbol", "name", "dimension", "factor", "words"]

#: Dimensions whose amounts add up and compare: the parts of a whole are of one of these. Time, age, rank,
#: frequency and levels are not amounts (three years and two months make no sum in a report).
ADDITIVE = frozenset({"money", "usd", "area", "mass", "volume", "length", "count"})
#: Dimensions whose units are never read from text (a qualitative figure has no unit word).
NOT_IN_TEXT = frozenset({"qualitative"})


@dataclass(frozen=True)
class Measure:
    symbol: str
    name: str
    dimension: str
    factor: Decimal
    words: tuple[str, ...] = ()

    @property
    def text_dimension(self) -> str:
        return text_dimension(self.dimension, self.symbol)


def text_dimension(dimension: str, symbol: str) -> str:
    """What a unit measures, as the audit compares it: ``count:<symbol>`` for counts, else the dimension."""
    return f"count:{symbol}" if dimension == "count" else dimension


@lru_cache(maxsize=1)
def measures() -> dict[str, Measure]:
    """Every unit of measure of the packaged catalog, by symbol."""
    result = {}
    for row in read(data_path("catalog", "measures.csv"), COLUMNS, ["symbol", "name", "dimension"]):
        result[row["symbol"]] = Measure(
            row["symbol"],
            row["name"],
            row["dimension"],
            Decimal(row["factor"] or "1"),
            tuple(split_words(row["words"])),
        )
    return result


@lru_cache(maxsize=1)
def words() -> dict[str, Measure]:
    """Every way a unit is written in text (symbol and other spellings, lower case) → its measure."""
    result: dict[str, Measure] = {}
    for measure in measures().values():
        if measure.dimension in NOT_IN_TEXT:
            continue
        for word in (measure.symbol, *measure.words):
            result.setdefault(word.lower(), measure)
    return result


def convert(value, source: str, target: str) -> Decimal:
    """``value`` in unit ``source`` expressed in ``target`` (same dimension). Raises ValueError otherwise."""
    table = measures()
    a, b = table.get(source), table.get(target)
    if a is None or b is None or a.dimension != b.dimension:
        raise ValueError(f"cannot convert {source} to {target}")
    return Decimal(value) * a.factor / b.factor


def production_scale(area_unit: str, yield_unit: str, production_unit: str) -> Decimal:
    """The factor that turns area × yield into production: ha × tạ/ha → tấn is 0,1. A yield's base unit is mass
    per hectare (kg/ha), so the area is taken in hectares."""
    table = measures()
    area = table[area_unit].factor / table["ha"].factor
    return area * table[yield_unit].factor / table[production_unit].factor
