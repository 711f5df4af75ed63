"""The pages for reading: the dashboard of a unit and period, its charts and comparison of the units below it, the
catalog and the unit tree. Every view asks :mod:`ktxh.units.scoping` which units the user may see; a unit that is
unknown or outside the user's units is a 404 that does not say which of the two it is."""

from __future__ import annotations

import io

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from ktxh.catalog.models import Indicator, Sector
from ktxh.figures import statements as stored
from ktxh.figures.scope import sector_scope, whole_unit
from ktxh.periods import Period, PeriodError
from ktxh.units.models import ADMINISTRATIVE_TYPES, COMMUNE_LEVEL_TYPES, OrgUnit, UnitLink
from ktxh.units.scoping import Action, allows, log_outside_scope, units_for

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _unit_or_404(request, code: str) -> OrgUnit:
    """The unit with ``code`` if the user may see it; else 404, the same for an unknown and a forbidden unit (the
    forbidden one is noted in the security log)."""
    unit = OrgUnit.objects.filter(code=code).select_related("parent").first() if code else None
    if unit is None or not allows(request.user, Action.VIEW, unit):
        if unit is not None:
            log_outside_scope(request.user, "unit", code, request)
        raise Http404(_("No such unit, or you may not see it."))
    return unit


def whole_unit_refused(request, unit: OrgUnit) -> HttpResponse | None:
    """A 403 with the reason for a user whose grant on ``unit`` is limited to sectors, asking for an output of the
    whole unit (the Word report, its kept versions); None for a user who may read every sector of it.

    The report is the commune's one document for the level above, every sector in it, signed by the chairman: a
    copy with some sectors left out would look like it and say something else. A commune office gives a sector's
    officer their sectors' figures instead — the dashboard, the scorecard and the appendix, all narrowed to them."""
    if whole_unit(request.user, unit):
        return None
    return render(request, "403.html", {"reason": whole_unit_message()}, status=403)


def whole_unit_message() -> str:
    return _(
        "The report covers every sector of the unit, and your role is limited to some sectors. Your sectors' "
        "figures are on the dashboard, in the scorecard and in the appendix (Excel)."
    )


def _period_or_400(label: str) -> Period | HttpResponse:
    try:
        return Period.parse(label)
    except PeriodError as error:
        return HttpResponse(str(error), status=400, content_type="text/plain; charset=utf-8")


def _default_unit(user) -> OrgUnit | None:
    units = list(
        units_for(user, Action.VIEW).filter(type__in=[str(t) for t in ADMINISTRATIVE_TYPES]).order_by("path")[:500]
    )
    if not units:
        return units_for(user, Action.VIEW).order_by("path").first()
    with_data = stored.units_with_figures(u.pk for u in units)
    return (
        next((u for u in units if u.type in COMMUNE_LEVEL_TYPES and u.pk in with_data), None)
        or next((u for u in units if u.pk in with_data), None)
        or units[0]
    )


def _periods(unit: OrgUnit) -> tuple[list[Period], OrgUnit]:
    """The periods with figures of the unit or, for a district or province whose figures are all rolled up from
    below, of the first unit below it that has any; with the unit they were found on."""
    source = unit
    codes = stored.periods_with_figures(unit.pk)
    if not codes:
        below = list(
            OrgUnit.objects.within(unit).exclude(pk=unit.pk).order_by("path").values_list("pk", flat=True)[:500]
        )
        with_data = stored.units_with_figures(below)
        first = next((pk for pk in below if pk in with_data), None)
        if first is not None:
            source = OrgUnit.objects.get(pk=first)
            codes = stored.periods_with_figures(first)
    return sorted((Period.parse(c) for c in codes), key=lambda p: (p.start, p.end), reverse=True), source


def _default_period(unit: OrgUnit, periods: list[Period]) -> Period | None:
    if not periods:
        return None
    latest = max(q.start.year for q in periods)
    years = [p for p in periods if p.type == "year" and p.end.year <= latest]
    with_results = stored.periods_with_figures(unit.pk, results_only=True)
    return next((p for p in years if p.code in with_results), periods[0])


def _children(unit: OrgUnit, period: Period) -> list[OrgUnit]:
    return list(OrgUnit.objects.filter(parent=unit).overlapping(period.start, period.end).order_by("name"))


@require_safe
@login_required
def dashboard(request):
    """The scorecard of a unit for a period, by sector, with charts, completeness and the units below it."""
    from ktxh.web.dashboard import build_comparisons, build_dashboard

    code = request.GET.get("unit", "")
    unit = _unit_or_404(request, code) if code else _default_unit(request.user)
    if unit is None:
        return render(request, "web/dashboard.html", {"unit": None})
    periods, found_on = _periods(unit)
    errors = []
    period = None
    label = request.GET.get("period", "")
    if label:
        try:
            period = Period.parse(label)
        except PeriodError as error:
            errors.append(str(error))
    if period is None:
        period = _default_period(found_on, periods)
    if period is not None and period not in periods:
        periods.insert(0, period)
    may_enter = allows(request.user, Action.ENTER, unit)
    children = _children(unit, period) if period is not None else []
    compare_first = unit.type not in COMMUNE_LEVEL_TYPES
    # A district or a province shows the comparison of its units first: it is made from the dashboard's own cube
    # (one reading of the figures for the page); a commune's, further down the page, is loaded by htmx after it.
    visible = [c for c in children if allows(request.user, Action.VIEW, c)] if compare_first else []
    scope = sector_scope(request.user, unit)
    board = (
        build_dashboard(unit, period, notes=may_enter, children=visible, scope=scope) if period is not None else None
    )
    tables = build_comparisons(unit, visible, period, shared=board.builder, scope=scope) if board and visible else None
    choices = list(
        units_for(request.user, Action.VIEW)
        .filter(type__in=[str(t) for t in ADMINISTRATIVE_TYPES])
        .order_by("path")[:2000]
    )
    if unit not in choices:
        choices.append(unit)
    ancestors = [u for u in unit.ancestors() if allows(request.user, Action.VIEW, u)]
    return render(
        request,
        "web/dashboard.html",
        {
            "unit": unit,
            "period": period,
            "periods": periods,
            "board": board,
            "errors": errors,
            "choices": choices,
            "children": children,
            "ancestors": ancestors,
            "compare_first": compare_first,
            "tables": tables,
            "can_report": period is not None and (period.type == "year" or period.code[4:] in ("S1", "C9")),
            "narrowed": not scope.whole,  # no report of the whole unit; a note that some sectors are left out
        },
    )


@require_safe
@login_required
def comparison(request):
    """The units below a unit side by side with their ranks (loaded into the dashboard by htmx)."""
    from ktxh.web.dashboard import build_comparisons

    unit = _unit_or_404(request, request.GET.get("unit", ""))
    period = _period_or_400(request.GET.get("period", ""))
    if isinstance(period, HttpResponse):
        return period
    visible = [c for c in _children(unit, period) if allows(request.user, Action.VIEW, c)]
    tables = build_comparisons(unit, visible, period, scope=sector_scope(request.user, unit))
    template = "web/_comparison.html" if request.htmx else "web/comparison.html"
    return render(request, template, {"unit": unit, "period": period, "tables": tables})


@require_safe
@login_required
def report_download(request):
    """The Word report of a unit for a period, as a download (the same builder as ``ktxh report``); refused to a
    user limited to some sectors of the unit (:func:`whole_unit_refused`)."""
    from ktxh.reports.builder import ReportError, build_report
    from ktxh.reports.template import TemplateError

    unit = _unit_or_404(request, request.GET.get("unit", ""))
    refused = whole_unit_refused(request, unit)
    if refused is not None:
        return refused
    period = _period_or_400(request.GET.get("period", ""))
    if isinstance(period, HttpResponse):
        return period
    buffer = io.BytesIO()
    try:
        build_report(unit, period, buffer)
    except (ReportError, TemplateError, PeriodError) as error:
        return HttpResponse(str(error), status=400, content_type="text/plain; charset=utf-8")
    response = HttpResponse(buffer.getvalue(), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="bao-cao-{unit.code}-{period.code}.docx"'
    return response


@require_safe
@login_required
def chart_png(request, which: str):
    """The dashboard's charts as PNG (targets against results; trends over the years), cached by specification."""
    from ktxh import charts
    from ktxh.analytics.scorecard import build_scorecard
    from ktxh.reports.chart_specs import targets_chart, trend_chart

    if which not in ("chi-tieu", "dien-bien"):
        raise Http404(_("No such chart."))
    unit = _unit_or_404(request, request.GET.get("unit", ""))
    period = _period_or_400(request.GET.get("period", ""))
    if isinstance(period, HttpResponse):
        return period
    try:
        card = build_scorecard(unit, period, ranks=False, scope=sector_scope(request.user, unit))
        # the report's specifications (one chart engine): wrapped names, counts from zero, trends from 3 points
        spec = targets_chart(card) if which == "chi-tieu" else trend_chart(card)
    except PeriodError as error:  # a year at the edge of the calendar: no year before or after it
        return HttpResponse(str(error), status=400, content_type="text/plain; charset=utf-8")
    if spec is None:
        return HttpResponse(status=204)
    response = HttpResponse(charts.to_png(spec, scale=1.5), content_type="image/png")  # cached by its spec
    response["Cache-Control"] = "private, max-age=300"
    return response


@require_safe
@login_required
def catalog_page(request):
    """The indicator catalog by sector: unit, type, aggregation, direction, formula and official code."""
    sectors = list(Sector.objects.all().order_by("sort_key"))
    indicators = Indicator.objects.select_related("unit", "numerator", "denominator").order_by("order", "code")
    per_sector: dict[int, list[Indicator]] = {}
    for indicator in indicators:
        per_sector.setdefault(indicator.sector_id, []).append(indicator)
    groups = [(s, per_sector.get(s.pk, [])) for s in sectors]
    return render(request, "web/catalog.html", {"groups": groups, "count": sum(len(v) for v in per_sector.values())})


@require_safe
@login_required
def units_page(request):
    """The units the user may see, as a tree, with their validity."""
    units = list(units_for(request.user, Action.VIEW).select_related("parent").order_by("path"))
    top = min((u.depth for u in units), default=0)
    return render(request, "web/units.html", {"units": units, "shift": -top})


@require_safe
@login_required
def unit_page(request, code: str):
    """One unit: what it is, where it sits, its validity, the units below it and its history (merged units and
    their predecessors or successors)."""
    unit = _unit_or_404(request, code)
    children = list(unit.children.order_by("name"))
    links = list(UnitLink.objects.filter(successor=unit).select_related("predecessor").order_by("date"))
    later = list(UnitLink.objects.filter(predecessor=unit).select_related("successor").order_by("date"))
    ancestors = [u for u in unit.ancestors() if allows(request.user, Action.VIEW, u)]
    visible = {
        u.pk
        for u in units_for(request.user, Action.VIEW).filter(
            pk__in=[link.predecessor_id for link in links] + [link.successor_id for link in later]
        )
    }
    return render(
        request,
        "web/unit.html",
        {
            "unit": unit,
            "children": children,
            "predecessors": links,
            "successors": later,
            "ancestors": ancestors,
            "visible": visible,
            "may_enter": allows(request.user, Action.ENTER, unit),
        },
    )
