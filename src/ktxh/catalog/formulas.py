"""Formulas of derived indicators: arithmetic over indicator codes, e.g. ``ho_ngheo / tong_so_ho * 100``.

Parsed with :mod:`ast` and restricted to numbers, names, + - * / and parentheses: a formula in a data file can never
run code.
"""

from __future__ import annotations

import ast
from decimal import Decimal, DivisionByZero, InvalidOperation

from django.utils.translation import gettext as _

_OPERATORS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/"}
#: Bounds on a formula: Python's parser and :func:`evaluate` recurse once per level, so a formula of thousands of
#: terms would end in a RecursionError instead of a message. A catalog formula is a handful of terms.
MAX_LENGTH = 500  # the length of Indicator.formula
MAX_TERMS = 100
MAX_DEPTH = 120  # a chain of MAX_TERMS terms is that deep


class FormulaError(ValueError):
    """A formula that cannot be parsed or evaluated; the message is in the active language (Vietnamese by default)."""


def parse(text: str) -> ast.Expression:
    """Parse and check a formula; one too long, with too many terms or nested too deep is a FormulaError."""
    if len(text) > MAX_LENGTH:
        raise _too_big()
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError:
        raise FormulaError(_("Formula «%(formula)s» has a syntax error.") % {"formula": text}) from None
    except (RecursionError, MemoryError):
        raise _too_big() from None
    terms = sum(isinstance(node, (ast.Name, ast.Constant)) for node in ast.walk(tree))
    if terms > MAX_TERMS or _depth(tree) > MAX_DEPTH:
        raise _too_big()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Expression, ast.BinOp, ast.UnaryOp, ast.Name, ast.Load, ast.USub, ast.UAdd)):
            continue
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
            continue
        if type(node) in _OPERATORS:
            continue
        raise FormulaError(
            _("Formula «%(formula)s» may only use numbers, indicator codes, + - * / and parentheses.")
            % {"formula": text}
        )
    return tree


def _too_big() -> FormulaError:
    return FormulaError(
        _("The formula is too long: at most %(terms)d terms and %(depth)d levels of nesting.")
        % {"terms": MAX_TERMS, "depth": MAX_DEPTH}
    )


def _depth(tree: ast.AST) -> int:
    """The nesting depth of a tree, counted without recursion."""
    deepest, stack = 0, [(tree, 1)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in ast.iter_child_nodes(node))
    return deepest


def references(text: str) -> list[str]:
    """The indicator codes a formula uses, in order of first appearance."""
    seen: list[str] = []
    for node in ast.walk(parse(text)):
        if isinstance(node, ast.Name) and node.id not in seen:
            seen.append(node.id)
    return seen


def evaluate(text: str, values: dict[str, Decimal]) -> Decimal:
    """Evaluate with exact decimals. A missing input or a division by zero raises FormulaError saying which."""

    def walk(node: ast.AST) -> Decimal:
        if isinstance(node, ast.Expression):
            return walk(node.body)
        if isinstance(node, ast.Constant):
            return Decimal(str(node.value))
        if isinstance(node, ast.Name):
            if values.get(node.id) is None:
                raise FormulaError(_("missing figure «%(code)s»") % {"code": node.id})
            return values[node.id]
        if isinstance(node, ast.UnaryOp):
            operand = walk(node.operand)
            return -operand if isinstance(node.op, ast.USub) else operand
        if isinstance(node, ast.BinOp):
            left, right = walk(node.left), walk(node.right)
            if isinstance(node.op, ast.Add):
                return left + right
            if isinstance(node.op, ast.Sub):
                return left - right
            if isinstance(node.op, ast.Mult):
                return left * right
            if right == 0:
                raise FormulaError(_("division by 0 («%(divisor)s» is 0)") % {"divisor": ast.unparse(node.right)})
            try:
                return left / right
            except (DivisionByZero, InvalidOperation):
                raise FormulaError(_("cannot divide by «%(divisor)s»") % {"divisor": ast.unparse(node.right)}) from None
        raise FormulaError(_("unsupported element: %(element)s") % {"element": ast.dump(node)})

    return walk(parse(text))


def is_additive(text: str) -> bool:
    """True for a sum or difference of indicators (``a + b - c``), where units must agree."""
    tree = parse(text)
    for node in ast.walk(tree):
        if isinstance(node, ast.BinOp) and not isinstance(node.op, (ast.Add, ast.Sub)):
            return False
        if isinstance(node, ast.Constant):
            return False
    return True
