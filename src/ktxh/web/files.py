"""Excel files from the web: the entry template of a unit and period (the same writer as ``ktxh template``), and the
scorecard and the report's appendix table as .xlsx (the same writers as ``ktxh scorecard --format xlsx`` and
``ktxh export --format appendix-xlsx``). The template is offered only for the units the user may enter figures for;
the outputs for the units they may see; any other unit is a 404 that does not say whether it exists. A grant limited
to sectors narrows each file to those sectors (:func:`ktxh.figures.scope.sector_scope`); a sector outside them named
in the address is a 404, like a missing one, and noted in the security log."""

from __future__ import annotations

import io

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from ktxh.catalog.models import Sector
from ktxh.figures.scope import sector_scope
from ktxh.periods import Period, PeriodError
from ktxh.units.models import OrgUnit
from ktxh.units.scoping import Action, log_outside_scope
from ktxh.web.forms import choose_period, choose_unit, entry_units
from ktxh.web.reports_page import attachment

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def xlsx_response(body: bytes, name: str) -> HttpResponse:
    response = HttpResponse(body, content_type=XLSX)
    response["Content-Disposition"] = attachment(name)
    return response


@require_safe
@login_required
def template(request):
    """A form (unit, period, sector) and, with ``download``, the template itself."""
    from ktxh.exchange import xlsx_template

    units = entry_units(request.user)
    if not units:
        return render(request, "web/files/template.html", {"no_units": True}, status=403)
    unit = choose_unit(request, units)
    period, error = choose_period(request, unit)
    scope = sector_scope(request.user, unit, Action.ENTER)  # the sheets carry last year's figures and the targets
    sectors = list(Sector.objects.all())
    code = request.GET.get("sector", "")
    sector = next((s for s in sectors if s.code == code), None)
    if code and sector is None:
        error = _("There is no sector with code «%(code)s».") % {"code": code}
    sectors = scope.sectors(sectors)
    below = [s for s in sectors if s == sector or (sector and s.sort_key.startswith(sector.sort_key + "."))]
    if sector is not None and not below:  # neither the sector nor one below it is the user's
        log_outside_scope(request.user, "sector", code, request)
        raise Http404(_("There is no sector with code «%(code)s».") % {"code": code})
    context = {"units": units, "unit": unit, "period": period, "sectors": sectors, "sector": sector, "error": error}
    if "download" not in request.GET or error or period is None:
        return render(request, "web/files/template.html", context, status=400 if error else 200)
    buffer = io.BytesIO()
    xlsx_template.write(unit, period, sector, buffer, scope=scope)
    name = f"mau-nhap-lieu-{unit.code}-{period.code}" + (f"-{sector.code}" if sector else "") + ".xlsx"
    return xlsx_response(buffer.getvalue(), name)


def _unit_and_period(request) -> tuple[OrgUnit, Period] | HttpResponse:
    """The unit (404 outside the user's view scope, as every page) and the period (400 when not a period)."""
    from ktxh.web.views import _period_or_400, _unit_or_404

    unit = _unit_or_404(request, request.GET.get("unit", ""))
    period = _period_or_400(request.GET.get("period", ""))
    return period if isinstance(period, HttpResponse) else (unit, period)


def _excel_of_unit(request, write, prefix: str) -> HttpResponse:
    """The Excel file ``write(unit, period, buffer, scope)`` makes for the unit and period in the address (one the
    user may see), of the sectors the user may read there, named ``PREFIX-UNIT-PERIOD.xlsx``."""
    found = _unit_and_period(request)
    if isinstance(found, HttpResponse):
        return found
    unit, period = found
    buffer = io.BytesIO()
    try:
        write(unit, period, buffer, sector_scope(request.user, unit))
    except PeriodError as error:  # a year at the edge of the calendar
        return HttpResponse(str(error), status=400, content_type="text/plain; charset=utf-8")
    return xlsx_response(buffer.getvalue(), f"{prefix}-{unit.code}-{period.code}.xlsx")


@require_safe
@login_required
def scorecard_xlsx(request):
    """The scorecard of a unit and period as an Excel sheet."""
    from ktxh.analytics.formats import write_xlsx
    from ktxh.analytics.scorecard import build_scorecard

    return _excel_of_unit(
        request,
        lambda unit, period, buffer, scope: write_xlsx(buffer, build_scorecard(unit, period, scope=scope)),
        "bang-danh-gia",
    )


@require_safe
@login_required
def appendix_xlsx(request):
    """The report's appendix table of a unit and period as an Excel sheet."""
    from ktxh.exchange.xlsx_outputs import write_appendix

    return _excel_of_unit(request, write_appendix, "phu-luc")
