from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _

from ktxh.figures import statements as stored
from ktxh.periods import Period, PeriodError
from ktxh.units.models import ADMINISTRATIVE_TYPES, COMMUNE_LEVEL_TYPES
from ktxh.units.scoping import visible_units
from ktxh.web.sheet import build_sheet


@login_required
def unit_values(request):
    """Figures and targets of one unit for one period, grouped by sector."""
    units = list(visible_units(request.user).select_related("parent").order_by("path"))
    errors = []
    unit = None
    code = request.GET.get("unit", "")
    if code:
        unit = next((u for u in units if u.code == code), None)
        if unit is None:
            errors.append(_("There is no unit with code «%(code)s», or you may not see it.") % {"code": code})
    if unit is None:
        with_data = stored.units_with_figures(u.pk for u in units)
        unit = next((u for u in units if u.type in COMMUNE_LEVEL_TYPES and u.pk in with_data), None) or \
            next((u for u in units if u.pk in with_data), None) or (units[0] if units else None)
    periods = []
    period = None
    if unit is not None:
        codes = stored.periods_with_figures(unit.pk)
        periods = sorted((Period.parse(c) for c in codes), key=lambda p: (p.start, p.end), reverse=True)
    label = request.GET.get("period", "")
    if label:
        try:
            period = Period.parse(label)
        except PeriodError as error:
            errors.append(str(error))
    if period is None and periods:
        years = [p for p in periods if p.type == "year" and p.end.year <= max(q.start.year for q in periods)]
        with_results = stored.periods_with_figures(unit.pk, results_only=True)
        period = next((p for p in years if p.code in with_results), periods[0])
    sheet = build_sheet(unit, period) if unit is not None and period is not None else None
    return render(request, "web/unit_values.html", {
        "units": units, "unit": unit, "periods": periods, "period": period, "sheet": sheet, "errors": errors,
        "administrative_types": [str(t) for t in ADMINISTRATIVE_TYPES],
    })


@login_required
def report_download(request):
    """The Word report of a unit for a period, as a download (the same builder as ``ktxh report``)."""
    import io

    from django.http import HttpResponse

    from ktxh.reports.builder import ReportError, build_report
    from ktxh.reports.template import TemplateError

    units = visible_units(request.user)
    unit = units.filter(code=request.GET.get("unit", "")).first()
    if unit is None:
        return HttpResponse(_("No such unit, or you may not see it."), status=404, content_type="text/plain")
    try:
        period = Period.parse(request.GET.get("period", ""))
    except PeriodError as error:
        return HttpResponse(str(error), status=400, content_type="text/plain; charset=utf-8")
    buffer = io.BytesIO()
    try:
        build_report(unit, period, buffer)
    except (ReportError, TemplateError, PeriodError) as error:
        return HttpResponse(str(error), status=400, content_type="text/plain; charset=utf-8")
    response = HttpResponse(buffer.getvalue(), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="bao-cao-{unit.code}-{period.code}.docx"'
    return response


@login_required
def chart_png(request, which: str):
    """The report's charts for the page, rendered from the same specifications."""
    from django.http import HttpResponse

    from ktxh import charts
    from ktxh.analytics.scorecard import build_scorecard
    from ktxh.reports.chart_specs import targets_chart, trend_chart

    unit = visible_units(request.user).filter(code=request.GET.get("unit", "")).first()
    if unit is None or which not in ("chi-tieu", "dien-bien"):
        return HttpResponse(status=404)
    try:
        period = Period.parse(request.GET.get("period", ""))
    except PeriodError as error:
        return HttpResponse(str(error), status=400, content_type="text/plain; charset=utf-8")
    try:
        card = build_scorecard(unit, period, ranks=False)
        spec = targets_chart(card) if which == "chi-tieu" else trend_chart(card)
    except PeriodError as error:  # a year at the edge of the calendar: no year before or after it
        return HttpResponse(str(error), status=400, content_type="text/plain; charset=utf-8")
    if spec is None:
        return HttpResponse(status=204)
    return HttpResponse(charts.to_png(spec, scale=1.5), content_type="image/png")


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
