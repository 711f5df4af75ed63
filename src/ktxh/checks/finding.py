"""The result of a relation that does not hold, and the stated numbers relations take."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ktxh.checks.rounding import decimals_of, to_decimal
from ktxh.numbers import format_number


@dataclass(frozen=True)
class Stated:
    """A number as written: its value, the decimals it was written with (None: those of the value, trailing zeros
    dropped, as for a stored figure), and optionally its unit and what it is (for messages)."""

    value: Decimal | float | int
    decimals: int | None = None
    unit: str = ""
    label: str = ""

    @property
    def number(self) -> Decimal:
        return to_decimal(self.value)

    @property
    def places(self) -> int:
        return decimals_of(self.value) if self.decimals is None else self.decimals

    def show(self) -> str:
        """Vietnamese notation with its unit: «1.134,31 ha», «81,1%»."""
        text = format_number(self.number, self.places if self.decimals is not None else None)
        if self.unit == "%":
            return text + "%"
        return f"{text} {self.unit}" if self.unit else text


@dataclass
class Finding:
    """A relation that does not hold.

    ``relation`` names the relation of :mod:`ktxh.checks.relations` (``share``, ``parts_sum``, …) and ``kind`` what
    the engine calls the finding (the audit's finding kinds, a rule's code); ``values`` are the numbers involved,
    in the order the message uses them; ``quotes`` the sentences of a text, ``context`` the unit, period and
    indicator of stored figures. ``message`` is in the active language (gettext). ``claims`` are the engine's own
    objects behind the numbers (not compared, not serialised)."""

    relation: str
    message: str
    values: list = field(default_factory=list)
    severity: str = "error"
    kind: str = ""
    quotes: list[str] = field(default_factory=list)
    context: dict = field(default_factory=dict)
    claims: list = field(default_factory=list, repr=False, compare=False)
    details: dict = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self):
        if not self.kind:
            self.kind = self.relation

    def as_dict(self) -> dict:
        return {
            "kind": self.kind,
            "relation": self.relation,
            "severity": self.severity,
            "message": self.message,
            "values": [float(v) if isinstance(v, Decimal) else v for v in self.values],
            "quotes": self.quotes,
        }
