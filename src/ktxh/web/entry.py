"""Data entry: a grid per sector and period laid out like the Excel sheets officers know (estimate and final
columns), each cell saved on its own through :func:`ktxh.values.entry.save_value` — with the version it started
from, so nobody's change is lost — and its findings, comment and history beside it."""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from html import escape  # what django.utils.html.escape does, without its lazy-string wrapper: ~20 calls a cell
from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import render
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.html import escapejs
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ktxh.catalog.models import Indicator, Sector
from ktxh.figures import statements as stored
from ktxh.figures.labels import Labels
from ktxh.figures.scope import sector_scope
from ktxh.numbers import format_number
from ktxh.periods import Period, PeriodError
from ktxh.rules.engine import findings_for
from ktxh.units.scoping import Action, allows, log_outside_scope
from ktxh.values import entry as service
from ktxh.values.models import Kind
from ktxh.web.forms import (
    CellForm,
    choose_period,
    choose_unit,
    entry_units,
    indicator_by_code,
    show_plain,
    target_text,
    writable_sectors,
)
from ktxh.web.workflow import entry_panel

KINDS = [Kind.ESTIMATE, Kind.ACTUAL]  # the sheet's order: estimate (ước thực hiện), then final (thực hiện)


def _computed(indicator: Indicator) -> bool:
    """Indicators made from others (a formula, a ratio): shown, not typed."""
    return indicator.is_computed


def _finding_groups(unit, period: Period) -> dict[int, list]:
    groups: dict[int, list] = defaultdict(list)
    for finding in findings_for(unit, period).prefetch_related("rule__indicators"):
        ids = {finding.indicator_id} if finding.indicator_id else set()
        if not ids and not finding.rule.applies_to_all:
            ids = {i.pk for i in finding.rule.indicators.all()}
        for indicator_id in ids:
            groups[indicator_id].append(finding)
    return groups


def _sectors(selected: Sector | None, readable: list[Sector]) -> list[Sector]:
    """The sectors of ``readable`` (those the user may read, in catalog order) that are ``selected`` or below it."""
    if selected is None:
        return readable
    return [s for s in readable if s.sort_key == selected.sort_key or s.sort_key.startswith(selected.sort_key + ".")]


def _period_choices(unit, period: Period) -> list[Period]:
    codes = set(stored.periods_with_figures(unit.pk)) if unit else set()
    codes.add(period.code)
    found = []
    for code in codes:
        try:
            found.append(Period.parse(code))
        except PeriodError:
            continue
    return sorted(found, key=lambda p: (p.start, p.end), reverse=True)


@login_required
@require_GET
def grid(request):
    units = entry_units(request.user)
    if not units:
        return render(request, "web/entry/grid.html", {"no_units": True}, status=403)
    unit = choose_unit(request, units)
    period, period_error = choose_period(request, unit)
    # A grant limited to sectors: only the sectors the user may read are offered and laid out; another one named
    # in the address is a 404 like a missing one (and noted in the security log).
    readable = sector_scope(request.user, unit).sectors(Sector.objects.all())
    tops = [s for s in Sector.objects.filter(parent__isnull=True) if _sectors(s, readable)]
    code = request.GET.get("sector", "")
    sector = next((s for s in Sector.objects.all() if s.code == code), None) if code else (tops[0] if tops else None)
    if code and sector is None:
        raise Http404(_("There is no sector with code «%(code)s».") % {"code": code})
    if sector is not None and not _sectors(sector, readable):
        log_outside_scope(request.user, "sector", code, request)
        raise Http404(_("There is no sector with code «%(code)s».") % {"code": code})
    context = {
        "units": units,
        "unit": unit,
        "period": period,
        "period_error": period_error,
        "tops": tops,
        "sector": sector,
        "kinds": KINDS,
    }
    if period is None:
        return render(request, "web/entry/grid.html", context)
    sectors = _sectors(sector, readable)
    indicators = list(
        Indicator.objects.filter(sector__in=sectors)
        .select_related("unit", "sector")
        .prefetch_related("dimensions__options")
        .order_by("sector__sort_key", "order", "code")
    )
    cells = service.cells(unit, period, [i.pk for i in indicators], parts=True)
    closed = service.closed_cells(unit, period, indicators)
    context.update(entry_panel(request.user, unit, sector, period))
    labels = Labels.current()
    targets: dict[int, list[str]] = defaultdict(list)
    for statement in stored.load(unit_ids=[unit.pk], periods=[period.code], kinds=["target"]):
        if statement.disaggregation or statement.variant:
            continue
        targets[statement.indicator_id].append(target_text(statement, labels.source_names))
    findings = _finding_groups(unit, period)
    # A grant limited to sectors: the other sectors are shown, not typed in (save_value refuses them anyway).
    writable = writable_sectors(request.user, unit)
    by_sector: dict[int, list[Indicator]] = defaultdict(list)
    for indicator in indicators:
        by_sector[indicator.sector_id].append(indicator)
    rows, number, line = [], 0, 0
    for s in sectors:
        if not by_sector.get(s.pk):
            continue
        rows.append({"sector": s})
        for indicator in by_sector[s.pk]:
            number += 1
            line += 1
            read_only = writable is not None and indicator.sector_id not in writable
            row_cells = [
                _cell_context(
                    unit,
                    indicator,
                    period,
                    kind,
                    cells.get((indicator.pk, kind, None, ""), service.Cell()),
                    line,
                    read_only=read_only,
                    locked=closed.get(indicator.pk, ""),
                )
                for kind in KINDS
            ]
            rows.append(
                {
                    "indicator": indicator,
                    "number": number,
                    "cells": row_cells,
                    "targets": targets.get(indicator.pk, []),
                    "findings": findings.get(indicator.pk, []),
                    "computed": _computed(indicator),
                }
            )
            dimensions = list(indicator.dimensions.all())
            if len(dimensions) != 1 or _computed(indicator):
                continue  # parts by one dimension, as the sheets have them; combinations are loaded from files
            sums: dict[str, list] = defaultdict(list)
            for option in dimensions[0].options.all():
                part = f"{dimensions[0].code}={option.code}"
                line += 1
                rows.append(
                    {
                        "indicator": indicator,
                        "part": option.name,
                        "cells": [
                            _cell_context(
                                unit,
                                indicator,
                                period,
                                kind,
                                cells.get((indicator.pk, kind, None, part), service.Cell()),
                                line,
                                disaggregation=part,
                                read_only=read_only,
                                locked=closed.get(indicator.pk, ""),
                            )
                            for kind in KINDS
                        ],
                    }
                )
                for kind in KINDS:
                    value = cells.get((indicator.pk, kind, None, part), service.Cell()).value
                    if value is not None:
                        sums[kind].append(value)
            for total in row_cells:  # an empty total shows the sum of its parts, greyed, as a hint
                if total["cell"].empty and sums.get(total["kind"]):
                    total["placeholder"] = "= " + format_number(sum(sums[total["kind"]]))
                    total["core"] = _cell_core(total)
    context.update({"rows": rows, "periods": _period_choices(unit, period), "count": number})
    return render(request, "web/entry/grid.html", context)


def dom_id(indicator, kind: str, disaggregation: str = "") -> str:
    """The HTML id of a cell's box: indicator, kind and (for a part) its options, in characters ids allow."""
    suffix = "-" + re.sub(r"[^A-Za-z0-9_-]", "_", disaggregation) if disaggregation else ""
    return f"c-{indicator.pk}-{kind}{suffix}"


def _cell_context(
    unit, indicator, period, kind, cell: service.Cell, row: int | None = None, disaggregation: str = "", **extra
) -> dict:
    context = {
        "unit": unit,
        "indicator": indicator,
        "period": period,
        "kind": kind,
        "cell": cell,
        "typed": cell.shown(),
        "row": row,
        "col": KINDS.index(kind) if kind in KINDS else 0,
        "computed": _computed(indicator),
        "read_only": False,
        "version": cell.version,
        "disaggregation": disaggregation,
        "dom_id": dom_id(indicator, kind, disaggregation),
    }
    context.update(extra)
    context["core"] = _cell_core(context)
    return context


@functools.lru_cache(maxsize=16)
def _cell_urls(prefix: str, urlconf) -> tuple[str, str]:
    """The cell view's and the detail panel's addresses, escaped (reversed once, not twice per cell)."""
    return escape(reverse("entry-cell", urlconf=urlconf)), escape(reverse("entry-detail", urlconf=urlconf))


def _cell_core(c: dict) -> SafeString:
    """The cell's field, its version and its «…» button: the HTML contract the grid's keyboard and paste script and
    the cell view share (``data-indicator``, ``data-unit``, ``data-period``, ``data-kind``, ``data-disaggregation``,
    ``data-row``, ``data-col``). Built here rather than by ``web/entry/_cell.html``, which shows it: a grid has
    hundreds of cells, and rendering the same markup through the template engine for each was most of the grid's
    time."""
    unit, indicator, period, kind = c["unit"], c["indicator"], c["period"], c["kind"]
    cell_url, detail_url = _cell_urls(get_script_prefix(), get_urlconf())
    code, unit_code, period_code = escape(indicator.code), escape(unit.code), escape(period.code)
    kind_text, dom = escape(kind), escape(c["dom_id"])
    if c["computed"] or c["read_only"]:
        read_only = " read-only" if c["read_only"] else ""
        return mark_safe(  # every part escaped above or here
            f'<span class="computed{read_only}" data-indicator="{code}" data-unit="{unit_code}" '
            f'data-period="{period_code}" data-kind="{kind_text}">{escape(c["typed"] or "")}</span>'
        )
    locked, placeholder = c.get("locked"), c.get("placeholder")
    row = escape(str(c["row"] or ""))
    part = c["disaggregation"]
    attributes = ""
    if locked:
        attributes += f' readonly title="{escape(locked)}" aria-readonly="true"'
    if placeholder and not locked:
        hint = escape(_("Sum of the parts; type the total if the report states one"))
        attributes += f' placeholder="{escape(placeholder)}" title="{hint}"'
    label = escape(indicator.name) + " — " + escape(_("Estimate") if kind == "estimate" else _("Final"))
    invalid = ' aria-invalid="true"' if c.get("errors") or c.get("conflict") else ""
    post = "" if locked else f'hx-post="{cell_url}" hx-trigger="change"'
    values = (
        f'{{"unit": "{escapejs(unit.code)}", "indicator": "{escapejs(indicator.code)}", "period": "{period_code}", '
        f'"kind": "{kind_text}", "disaggregation": "{escapejs(part)}", "row": "{row}"}}'
    )
    more = escape(_("Comment, findings and history"))
    detail = (
        f"{detail_url}?unit={escape(quote(unit.code))}&amp;indicator={escape(quote(indicator.code))}"
        f"&amp;period={period_code}&amp;kind={kind_text}&amp;disaggregation={escape(quote(part))}&amp;row={row}"
    )
    comment = c["cell"].comment
    mark = f'<span class="has-comment" title="{escape(comment)}">✎</span>' if comment else "…"
    return mark_safe(  # every part escaped above
        f'\n<input type="text" class="cell-input{" locked" if locked else ""}" name="text" value="{escape(str(c["typed"]))}"'
        f'{attributes} inputmode="decimal" autocomplete="off" spellcheck="false"\n'
        f'  data-indicator="{code}" data-unit="{unit_code}" data-period="{period_code}" data-kind="{kind_text}" '
        f'data-disaggregation="{escape(part)}" data-row="{row}" data-col="{escape(str(c["col"]))}"\n'
        f'  aria-label="{label}"{invalid}\n'
        f'  {post} hx-target="#{dom}" hx-swap="outerHTML" hx-include="#{dom} input"\n'
        f"  hx-vals='{values}'>\n"
        f'<input type="hidden" name="version" value="{escape(str(c["version"]))}">\n'
        f'<button type="button" class="more" title="{more}" aria-label="{more}"\n'
        f'  hx-get="{detail}" hx-target="#detail" hx-swap="innerHTML">{mark}</button>\n'
    )


def _load(form: CellForm, request):
    """Unit (in the user's entry scope, else 404), indicator (of a sector the user may read there, else 404 and a
    line in the security log), period from a posted cell."""
    units = entry_units(request.user)
    unit = choose_unit(request, units, form.cleaned_data["unit"] or "-")
    indicator = indicator_by_code(form.cleaned_data["indicator"])
    if not allows(request.user, Action.VIEW, unit, sector=indicator.sector):
        log_outside_scope(request.user, "indicator", indicator.code, request)
        raise Http404(_("There is no indicator with code «%(code)s».") % {"code": indicator.code})
    try:
        period = Period.parse(form.cleaned_data["period"])
    except PeriodError as error:
        raise Http404(str(error)) from None
    return unit, indicator, period


@login_required
@require_http_methods(["GET", "POST"])
def cell(request):
    """Save one cell (POST) or show it afresh (GET): the cell again, with what is wrong beside it, and the findings
    of its indicator (out of band)."""
    data = request.POST if request.method == "POST" else request.GET
    form = CellForm(data)
    if not form.is_valid():
        return HttpResponseBadRequest(_("The cell's address is incomplete."), content_type="text/plain; charset=utf-8")
    unit, indicator, period = _load(form, request)
    kind = form.cleaned_data["kind"]
    part = form.cleaned_data["disaggregation"]
    row = data.get("row")

    def shown(cell, locked=None, **extra):
        if locked is None:  # a save that succeeded has just checked it, in its transaction: not asked twice
            locked = service.closed_reason(unit, period, indicator) or ""
        return _cell_context(unit, indicator, period, kind, cell, row, disaggregation=part, locked=locked, **extra)

    def now():
        return service.current(unit, indicator, period, kind, disaggregation=part)

    if request.method == "GET":
        return render(request, "web/entry/_cell.html", shown(now()))
    typed = form.cleaned_data["text"]
    comment = form.cleaned_data["comment"] if form.cleaned_data["with_comment"] else None
    if _computed(indicator):
        result = service.SaveResult(
            service.INVALID, errors={"value": _("This indicator is computed from others; enter its parts instead.")}
        )
    else:
        result = service.save_value(
            request.user,
            unit,
            indicator,
            period,
            kind,
            typed,
            form.cleaned_data["version"],
            comment,
            confirm=form.cleaned_data["confirm"],
            disaggregation=part,
        )
    if result.status == service.SAVED:
        context = shown(result.cell, locked="", saved=True)
    elif result.ok:
        context = shown(now())
    elif result.status == service.CONFLICT:
        context = shown(now(), conflict=result.cell, typed=typed, version=form.cleaned_data["version"])
    else:
        context = shown(
            now(),
            errors=result.errors,
            choices=result.choices,
            confirm=result.confirm,
            typed=typed,
            version=form.cleaned_data["version"],
        )
    # the row's findings are sent again only when the stored figure may have changed: beside a refused entry a «✓»
    # (no findings) would read as if what was typed had passed the checks
    if result.status == service.SAVED or result.ok:
        context["findings"] = list(findings_for(unit, period, indicator))
        context["with_findings"] = True
    if request.POST.get("panel"):
        context.update(_detail_context(unit, indicator, period, kind, part))
        context.update({"comment_result": result, "oob_cell": True, "row": row})
        return render(request, "web/entry/_detail.html", context)
    return render(request, "web/entry/_cell.html", context, status=200)


def _detail_context(unit, indicator, period, kind, part: str = "") -> dict:
    current = service.current(unit, indicator, period, kind, disaggregation=part)
    return {
        "unit": unit,
        "indicator": indicator,
        "period": period,
        "kind": kind,
        "current": current,
        "kind_label": Labels.kind(kind),
        "disaggregation": part,
        "part_label": Labels.current().disaggregation(part) if part else "",
        "history": [describe(record) for record in service.history(unit, indicator, period, kind, disaggregation=part)],
        "detail_findings": list(findings_for(unit, period, indicator)),
    }


@login_required
@require_GET
def detail(request):
    """The side panel of one cell: its comment (editable), findings and history in words."""
    form = CellForm(request.GET)
    if not form.is_valid():
        return HttpResponseBadRequest(_("The cell's address is incomplete."), content_type="text/plain; charset=utf-8")
    unit, indicator, period = _load(form, request)
    context = _detail_context(unit, indicator, period, form.cleaned_data["kind"], form.cleaned_data["disaggregation"])
    context["row"] = request.GET.get("row", "")
    return render(request, "web/entry/_detail.html", context)


def _value_words(state: dict | None) -> str:
    if not state:
        return ""
    if state.get("value") not in (None, ""):
        shown = show_plain(state.get("value"))
        if state.get("value_high") not in (None, ""):
            shown += " - " + show_plain(state.get("value_high"))
        return shown
    return state.get("text") or ""


def describe(record) -> dict:
    """One change in words: who, when, what (before → after), never JSON."""
    before, after = record.before or {}, record.after or {}
    parts = []
    if record.action == "create":
        parts.append(_("entered %(value)s") % {"value": _value_words(after)})
        if after.get("comment"):
            parts.append(_("comment «%(text)s»") % {"text": after["comment"]})
    elif record.action == "delete":
        parts.append(_("deleted %(value)s") % {"value": _value_words(before)})
    else:
        old, new = _value_words(before), _value_words(after)
        if old != new:
            parts.append(_("changed %(old)s → %(new)s") % {"old": old or "∅", "new": new or "∅"})
        if (before.get("comment") or "") != (after.get("comment") or ""):
            parts.append(
                _("comment «%(old)s» → «%(new)s»")
                % {"old": before.get("comment") or "", "new": after.get("comment") or ""}
            )
        if not parts:
            parts.append(_("changed other details"))
    return {"who": record.actor, "when": _local(record.time), "what": "; ".join(parts)}


def _local(moment) -> str:
    from django.utils import timezone

    return timezone.localtime(moment).strftime("%d/%m/%Y %H:%M") if moment else ""
