"""Sentence plans: how the office writes a group of related figures, as data a domain person can edit.

``data/catalog/sentences/*.csv`` (columns ``code, sector, order, covers, template, footnote, per``): each row is one
sentence of a sector, a Jinja template in the report's sandbox naming figures by indicator code and writing them
with the grammar helpers of :mod:`ktxh.reports.prose`. ``footnote`` (optional) is the one footnote of the sentence
(a long list of parts). ``covers`` lists codes the sentence stands for without naming them (a stated percentage the
sentence computes from its figures): they are not written again. ``per`` (optional) names a dimension: the sentence
is then written once for each of its options that has a figure (a road, a project), in the catalog's order, with
every figure standing for its part of that option and ``muc`` for the option's name.

Plans are checked when they are read: an unknown figure code, a syntax error or an unsafe construct (loops,
macros, includes, assignments, ``*``/``**``, attributes starting with ``_``) refuses the file set with file, line
and reason (:class:`~ktxh.datafiles.LoadError`). Without loops a sentence renders in time linear in its length.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _
from jinja2 import TemplateSyntaxError, meta, nodes

from ktxh.datafiles import LoadError, Problems, read_table, table_files
from ktxh.reports import prose
from ktxh.reports.template import sandbox

PLAN_COLUMNS = ["code", "sector", "order", "covers", "template", "footnote", "per"]
OPTION_NAME = "muc"  # in a plan written per option of a dimension: the option's name ("Đường tỉnh 296")
PLANS_DIR = Path(__file__).resolve().parent.parent / "data" / "catalog" / "sentences"

ALLOWED_NODES = (
    nodes.Template,
    nodes.Output,
    nodes.TemplateData,
    nodes.Name,
    nodes.Const,
    nodes.Filter,
    nodes.Call,
    nodes.If,
    nodes.CondExpr,
    nodes.Compare,
    nodes.Operand,
    nodes.And,
    nodes.Or,
    nodes.Not,
    nodes.Concat,
    nodes.Keyword,
    nodes.Getattr,
    nodes.Test,
)
ALLOWED_ATTRIBUTES = {"value", "text", "name", "unit", "parts"}


class PlanError(Exception):
    """A sentence template failed at render time; the message names the template and the figure."""


@dataclass
class Plan:
    code: str
    sector: str
    order: int
    covers: list[str]
    figures: list[str]  # codes the templates name
    template: object
    footnote: object | None
    file: str
    line: int
    per: str = ""  # a dimension: one sentence per option that has a figure

    def codes(self) -> list[str]:
        return list(dict.fromkeys(self.figures + self.covers))


def environment():
    env = sandbox()
    env.filters.update(prose.FILTERS)
    env.globals.update(prose.FUNCTIONS)
    return env


_ENV = None


def env():
    global _ENV
    if _ENV is None:
        _ENV = environment()
    return _ENV


def check_source(source: str, known: set[str], problems: Problems, row, column: str):
    """Parse and vet one template; returns (compiled template, figure codes) or (None, []) with problems added."""
    environment_ = env()
    try:
        tree = environment_.parse(source)
    except TemplateSyntaxError as error:
        problems.add(
            row,
            column,
            _("template syntax error on its line %(line)d: %(error)s") % {"line": error.lineno, "error": error.message},
        )
        return None, []
    for node in tree.find_all(nodes.Node):
        if not isinstance(node, ALLOWED_NODES):
            problems.add(
                row,
                column,
                _(
                    "the template uses «%(construct)s», which sentence templates may not use "
                    "(only figures, filters, khoang() and if)."
                )
                % {"construct": type(node).__name__},
            )
            return None, []
        if isinstance(node, nodes.Getattr) and node.attr not in ALLOWED_ATTRIBUTES:
            problems.add(
                row,
                column,
                _("the template reads the attribute «%(attribute)s», which is not allowed.") % {"attribute": node.attr},
            )
            return None, []
        if isinstance(node, nodes.Filter) and node.name not in environment_.filters:
            problems.add(row, column, _("the template uses the unknown filter «%(name)s».") % {"name": node.name})
            return None, []
        if isinstance(node, nodes.Call) and not (
            isinstance(node.node, nodes.Name) and node.node.name in prose.FUNCTIONS
        ):
            problems.add(
                row,
                column,
                _("the template calls something other than %(functions)s.") % {"functions": ", ".join(prose.FUNCTIONS)},
            )
            return None, []
    names = meta.find_undeclared_variables(tree)
    unknown = sorted(n for n in names if n not in known and n not in prose.FUNCTIONS)
    if unknown:
        problems.add(row, column, _("unknown figure code(s): %(codes)s.") % {"codes": ", ".join(unknown)})
        return None, []
    try:
        compiled = environment_.from_string(source)
    except TemplateSyntaxError as error:
        problems.add(
            row,
            column,
            _("template syntax error on its line %(line)d: %(error)s") % {"line": error.lineno, "error": error.message},
        )
        return None, []
    figures = [n for n in _names_in_order(tree) if n in known]
    return compiled, figures


def _names_in_order(tree) -> list[str]:
    return list(dict.fromkeys(node.name for node in tree.find_all(nodes.Name)))


def read_plans(
    folder: Path | None = None,
    known: set[str] | None = None,
    sectors: set[str] | None = None,
    display_root: Path | None = None,
    skip_unknown: bool = False,
    dimensions: set[str] | None = None,
) -> list[Plan]:
    """Read and check every plan file of ``folder``; raises LoadError naming file, line and reason.
    ``skip_unknown``: a plan naming a sector or figure the catalog does not have is left out instead (the shipped
    plans over a smaller catalog); syntax errors and unsafe constructs are still refused."""
    folder = Path(folder) if folder else PLANS_DIR
    problems = Problems()
    rows = []
    for path in table_files(folder) if folder.exists() else []:
        rows += read_table(path, PLAN_COLUMNS, ["code", "sector", "template"], problems, display_root)
    problems.raise_if_any()
    if known is None:
        from ktxh.catalog.models import Indicator

        known = set(Indicator.objects.values_list("code", flat=True))
    if sectors is None:
        from ktxh.catalog.models import Sector

        sectors = set(Sector.objects.values_list("code", flat=True))
    if dimensions is None and any(row["per"] for row in rows):
        from ktxh.catalog.models import Dimension

        dimensions = set(Dimension.objects.values_list("code", flat=True))
    dimensions = dimensions or set()
    plans, seen = [], {}
    for row in rows:
        if skip_unknown:
            try:
                names = meta.find_undeclared_variables(env().parse(row["template"] + (row["footnote"] or "")))
            except TemplateSyntaxError:
                names = set()
            covers = {c.strip() for c in row["covers"].split(";") if c.strip()}
            if row["per"]:
                names.discard(OPTION_NAME)
            if (
                row["sector"] not in sectors
                or (row["per"] and row["per"] not in dimensions)
                or any(n not in known and n not in prose.FUNCTIONS for n in names | covers)
            ):
                continue
        if row["code"] in seen:
            problems.add(
                row,
                "code",
                _("the plan «%(code)s» is already on line %(line)d.")
                % {"code": row["code"], "line": seen[row["code"]]},
            )
        seen[row["code"]] = row.line
        if row["sector"] not in sectors:
            problems.add(row, "sector", _("sector «%(sector)s» is not in the catalog.") % {"sector": row["sector"]})
        covers = [c.strip() for c in row["covers"].split(";") if c.strip()]
        unknown = [c for c in covers if c not in known]
        if unknown:
            problems.add(row, "covers", _("unknown figure code(s): %(codes)s.") % {"codes": ", ".join(unknown)})
        if row["per"] and row["per"] not in dimensions:
            problems.add(row, "per", _("dimension «%(dimension)s» is not in the catalog.") % {"dimension": row["per"]})
        names_here = known | {OPTION_NAME} if row["per"] else known
        template, figures = check_source(row["template"], names_here, problems, row, "template")
        footnote, more = (
            check_source(row["footnote"], names_here, problems, row, "footnote") if row["footnote"] else (None, [])
        )
        figures = [f for f in figures if f != OPTION_NAME]
        more = [f for f in more if f != OPTION_NAME]
        try:
            order = int(row["order"] or 1)
        except ValueError:
            problems.add(row, "order", _("the order must be a whole number."))
            order = 1
        if template is not None:
            plans.append(
                Plan(
                    row["code"],
                    row["sector"],
                    order,
                    covers,
                    list(dict.fromkeys(figures + more)),
                    template,
                    footnote,
                    row.file,
                    row.line,
                    row["per"],
                )
            )
    problems.raise_if_any()
    return sorted(plans, key=lambda p: (p.sector, p.order, p.line))


_CACHE: dict = {}


def plans_for_catalog(folder: Path | None = None) -> list[Plan]:
    """The plans of ``folder`` (default: the shipped ones, or ``KTXH_SENTENCE_PLANS``), read again when a file
    changes."""
    folder = Path(folder or os.environ.get("KTXH_SENTENCE_PLANS") or PLANS_DIR)
    files = table_files(folder) if folder.exists() else []
    from ktxh.catalog.models import Indicator

    stamp = (str(folder), tuple((str(f), f.stat().st_mtime_ns) for f in files), Indicator.objects.count())
    if _CACHE.get("stamp") != stamp:
        _CACHE["plans"] = read_plans(folder, skip_unknown=folder == PLANS_DIR)
        _CACHE["stamp"] = stamp
    return _CACHE["plans"]


def render(plan: Plan, figures: dict[str, prose.Fig], extra: dict | None = None) -> tuple[str, str] | None:
    """The sentence and its footnote; None when a figure it needs has no value (the check list names it)."""
    context = {code: figures[code] for code in plan.figures if code in figures}
    context.update(extra or {})
    try:
        text = _clean(plan.template.render(context))
        note = _clean(plan.footnote.render(context)) if plan.footnote is not None else ""
    except prose.Missing:
        return None
    except Exception as error:  # a template that fails at render time: name it and the figure
        figure = next((c for c in plan.figures if c in str(error)), ", ".join(plan.figures))
        raise PlanError(
            _("Sentence template «%(code)s» (%(file)s, line %(line)d) failed for the figure «%(figure)s»: %(error)s")
            % {"code": plan.code, "file": plan.file, "line": plan.line, "figure": figure, "error": error}
        ) from None
    if not text:
        return None
    text = text[:1].upper() + text[1:]
    if not text.endswith((".", ":", "!", "?")):
        text += "."
    if note:
        note = note[:1].upper() + note[1:]
        if not note.endswith("."):
            note += "."
    return text, note


def render_per(plan: Plan, figures: dict[str, prose.Fig], options: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A plan written per option of its dimension: one (sentence, footnote) for each option, in the given (catalog)
    order, that has a figure; each figure stands for its part of that option. An option whose sentence needs a
    figure it does not have is left out (a road where nothing was removed is not a gap)."""
    out = []
    for code, name in options:
        item = f"{plan.per}={code}"
        sliced = {c: figures[c].slice(item) for c in plan.figures if c in figures}
        if not any(sliced.values()):
            continue
        rendered = render(plan, sliced, {OPTION_NAME: name})
        if rendered is not None:
            out.append(rendered)
    return out


def _clean(text: str) -> str:
    """Spaces and punctuation a template with optional parts leaves behind: " ,", "()", double spaces."""
    import re

    text = re.sub(r"\(\s*\)", "", text)
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\s+([,;.)])", r"\1", text)
    text = re.sub(r"([,;])\1+", r"\1", text)
    text = re.sub(r"[,;]\s*\.", ".", text)
    return text.strip().strip(",;").strip()


def check_narrative(text: str, known: set[str], problems: Problems, row, column: str = "text") -> None:
    """A narrative's figure placeholders are checked like a sentence template's."""
    if "{{" in text or "{%" in text:
        check_source(text, known, problems, row, column)


__all__ = ["LoadError", "Plan", "PlanError", "plans_for_catalog", "read_plans", "render"]
