"""Formulas of derived indicators: arithmetic over indicator codes, e.g. ``ho_ngheo / tong_so_ho * 100``.

Parsed with :mod:`ast` and restricted to numbers, names, + - * / and parentheses: a formula in a data file can never
run code.
"""

from __future__ import annotations

import ast
from decimal import Decimal, DivisionByZero, InvalidOperation

from django.utils.translation import gettext as _

_OPERATORS = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/"}


class FormulaError(ValueError):
    """A formula that cannot be parsed or evaluated; the message is in the active language (Vietnamese by default)."""


def parse(text: str) -> ast.Expression:
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError:
        raise FormulaError(_("Formula «%(formula)s» has a syntax error.") % {"formula": text}) from None
    for node in ast.walk(tree):
        if isinstance(node, (ast.Expression, ast.BinOp, ast.UnaryOp, ast.Name, ast.Load, ast.USub, ast.UAdd)):
            continue
        if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value,
                                                                                                        bool):
            continue
        if type(node) in _OPERATORS:
            continue
        raise FormulaError(_("Formula «%(formula)s» may only use numbers, indicator codes, + - * / and "
                             "parentheses.") % {"formula": text})
    return tree


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
