"""Rule expressions: arithmetic over references to figures.

A reference names an indicator, optionally a disaggregation and a kind of figure::

    dien_tich_dat_nong_nghiep                               the total, the figure in use (actual, else estimate)
    dien_tich_dat_nong_nghiep[loai_dat_nong_nghiep=dat_trong_lua]     one option
    dien_tich_dat_nong_nghiep[loai_dat_nong_nghiep=*]       the sum over all options of the dimension
    ty_le_ho_da_kiem_ke_gpmb[du_an_gpmb]                    for each option (the rule is checked once per option)
    so_nguoi_tham_gia_bhxh_tu_nguyen@target                 the target (first target source in order)
    so_nguoi_tham_gia_bhxh_tu_nguyen@target:huyen_giao      the target of one source
    tong_chi_ngan_sach@estimate                             the estimate only

References are combined with numbers, ``+ - * /`` (also ``×`` and ``÷``) and parentheses. The arithmetic itself is
:mod:`ktxh.catalog.formulas` (exact decimals, no code execution): each reference becomes a placeholder name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from ktxh.catalog import formulas

KINDS = ("actual", "estimate", "target")
EACH = ""  # a dimension written without «=option»
ALL = "*"

_REFERENCE = re.compile(
    r"(?P<code>[A-Za-z_][A-Za-z0-9_]*)(?:\[(?P<dims>[^\]]*)\])?"
    r"(?:@(?P<kind>[A-Za-z_]+)(?::(?P<source>[A-Za-z0-9_.\-]+))?)?"
)
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_SPACE = re.compile(r"\s+")
_OPERATORS = "+-*/()"
_COMPARISON = re.compile(r"<=|>=|!=|==|≤|≥|≠|=|<|>")
COMPARISON_OPERATORS = {
    "<=": "≤",
    ">=": "≥",
    "!=": "≠",
    "==": "=",
    "≤": "≤",
    "≥": "≥",
    "≠": "≠",
    "=": "=",
    "<": "<",
    ">": ">",
}


# What a message template may use (docs/rules.md).
PLACEHOLDERS = frozenset(
    {
        "left",
        "right",
        "left_name",
        "right_name",
        "left_values",
        "right_values",
        "difference",
        "tolerance",
        "low",
        "high",
        "unit",
        "option",
        "details",
        "name",
        "value",
        "other",
        "statement",
        "median",
        "score",
        "points",
        "threshold",
        "condition",
        "hint",
    }
)


class ExpressionError(ValueError):
    """An expression that cannot be read; the message says why (in the active language)."""


@dataclass(frozen=True)
class Reference:
    code: str
    dims: tuple[tuple[str, str], ...] = ()  # (dimension, option | EACH | ALL), in the order written
    kind: str = ""  # "" = the figure in use
    source: str = ""
    text: str = ""

    @property
    def fixed(self) -> dict[str, str]:
        return {d: o for d, o in self.dims if o not in (EACH, ALL)}

    @property
    def each(self) -> list[str]:
        return [d for d, o in self.dims if o == EACH]

    @property
    def summed(self) -> list[str]:
        return [d for d, o in self.dims if o == ALL]


@dataclass
class Expression:
    text: str
    python: str
    references: list[Reference] = field(default_factory=list)
    parts: list[tuple[str, int | str]] = field(default_factory=list)  # ("ref", index) | ("text", token)

    @property
    def single(self) -> Reference | None:
        """The reference when the expression is exactly one reference."""
        return self.references[0] if len(self.parts) == 1 and self.parts[0][0] == "ref" else None

    @property
    def is_constant(self) -> bool:
        return not self.references

    def evaluate(self, values: list[Decimal | None]) -> Decimal | None:
        """None when an input is missing or the arithmetic is impossible (division by zero)."""
        if any(v is None for v in values):
            return None
        try:
            return formulas.evaluate(self.python, {f"_r{i}": v for i, v in enumerate(values)})
        except formulas.FormulaError:
            return None

    def render(self, labels: list[str]) -> str:
        """The expression with each reference replaced by ``labels[i]`` (names or values), × for *."""
        out = []
        for what, item in self.parts:
            if what == "ref":
                out.append(labels[item])
            elif item == "*":
                out.append(" × ")
            elif item == "/":
                out.append(" / ")
            elif item in "+-":
                out.append(f" {item} ")
            else:
                out.append(item)
        return "".join(out).replace("(  ", "(").strip()


def _normalise(text: str) -> str:
    return text.replace("×", "*").replace("÷", "/").replace("−", "-").replace("–", "-").strip()


def parse_expression(text: str) -> Expression:
    source = _normalise(text)
    if not source:
        raise ExpressionError(_("the expression is empty."))
    references: list[Reference] = []
    parts: list[tuple[str, int | str]] = []
    python: list[str] = []
    position = 0
    while position < len(source):
        if match := _SPACE.match(source, position):
            position = match.end()
            continue
        if match := _NUMBER.match(source, position):
            parts.append(("text", match.group()))
            python.append(match.group())
        elif match := _REFERENCE.match(source, position):
            reference = _reference(match)
            parts.append(("ref", len(references)))
            python.append(f"_r{len(references)}")
            references.append(reference)
        elif source[position] in _OPERATORS:
            parts.append(("text", source[position]))
            python.append(source[position])
            position += 1
            continue
        else:
            raise ExpressionError(
                _("unexpected «%(char)s» at position %(position)d of «%(text)s».")
                % {"char": source[position], "position": position + 1, "text": text}
            )
        position = match.end()
    code = " ".join(python)
    try:
        formulas.parse(code)
    except formulas.FormulaError:
        raise ExpressionError(
            _("«%(text)s» is not a valid arithmetic expression (numbers, indicator codes, + - * / and parentheses).")
            % {"text": text}
        ) from None
    return Expression(text=text.strip(), python=code, references=references, parts=parts)


def _reference(match: re.Match) -> Reference:
    dims: list[tuple[str, str]] = []
    if match.group("dims") is not None:
        inner = match.group("dims").strip()
        if not inner:
            raise ExpressionError(
                _("empty brackets after «%(code)s»: write [dimension], [dimension=option] or [dimension=*].")
                % {"code": match.group("code")}
            )
        for part in inner.split(";"):
            dimension, sep, option = (s.strip() for s in part.partition("="))
            if not dimension or (sep and not option):
                raise ExpressionError(
                    _("«%(part)s» in «%(text)s» must be dimension, dimension=option or dimension=*.")
                    % {"part": part.strip(), "text": match.group()}
                )
            if dimension in (d for d, _o in dims):
                raise ExpressionError(
                    _("dimension «%(dimension)s» appears twice in «%(text)s».")
                    % {"dimension": dimension, "text": match.group()}
                )
            dims.append((dimension, option if sep else EACH))
    kind = (match.group("kind") or "").lower()
    if kind and kind not in KINDS:
        raise ExpressionError(
            _("«@%(kind)s» is not a kind of figure; write @actual, @estimate or @target.") % {"kind": kind}
        )
    if match.group("source") and kind != "target":
        raise ExpressionError(
            _("only @target takes a target source (@target:%(source)s).") % {"source": match.group("source")}
        )
    return Reference(
        code=match.group("code"), dims=tuple(dims), kind=kind, source=match.group("source") or "", text=match.group()
    )


@dataclass
class Condition:
    """``expression`` (true when it has a value) or ``expression OP expression``."""

    left: Expression
    operator: str = ""
    right: Expression | None = None

    @property
    def references(self) -> list[Reference]:
        return self.left.references + (self.right.references if self.right else [])

    def holds(self, left: Decimal | None, right: Decimal | None) -> bool:
        if left is None or (self.operator and right is None):
            return False
        if not self.operator:
            return True
        return {
            "=": left == right,
            "≠": left != right,
            "<": left < right,
            ">": left > right,
            "≤": left <= right,
            "≥": left >= right,
        }[self.operator]


def parse_condition(text: str) -> Condition:
    found = [m for m in _COMPARISON.finditer(text) if text.count("[", 0, m.start()) == text.count("]", 0, m.start())]
    if len(found) > 1:
        raise ExpressionError(_("a condition has at most one comparison: «%(text)s».") % {"text": text})
    if not found:
        return Condition(parse_expression(text))
    match = found[0]
    return Condition(
        parse_expression(text[: match.start()]),
        COMPARISON_OPERATORS[match.group()],
        parse_expression(text[match.end() :]),
    )


def parse_range(text: str) -> tuple[Expression, Expression]:
    """``10 .. 60`` → (low, high)."""
    low, sep, high = text.partition("..")
    if not sep or not low.strip() or not high.strip():
        raise ExpressionError(
            _("a range is written «low .. high», for example «10 .. 60», not «%(text)s».") % {"text": text}
        )
    return parse_expression(low), parse_expression(high)


def parse_tolerance(text: str) -> tuple[Decimal, bool] | None:
    """``0.05`` → (0.05, False) absolute; ``1%`` → (0.01, True) relative; empty → None."""
    text = text.strip()
    if not text:
        return None
    relative = text.endswith("%")
    number = text[:-1].strip() if relative else text
    if not _NUMBER.fullmatch(number):
        raise ExpressionError(
            _("the tolerance «%(text)s» must be a non-negative number such as 0.05, or a percentage such as 1%%.")
            % {"text": text}
        )
    value = Decimal(number)
    return (value / 100, True) if relative else (value, False)
