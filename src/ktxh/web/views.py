from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _

from ktxh.periods import Period, PeriodError
from ktxh.units.models import ADMINISTRATIVE_TYPES, COMMUNE_LEVEL_TYPES
from ktxh.units.scoping import visible_units
from ktxh.values.models import DataValue
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
        with_data = set(DataValue.objects.filter(org_unit__in=units).values_list("org_unit_id", flat=True).distinct())
        unit = next((u for u in units if u.type in COMMUNE_LEVEL_TYPES and u.pk in with_data), None) or \
            next((u for u in units if u.pk in with_data), None) or (units[0] if units else None)
    periods = []
    period = None
    if unit is not None:
        codes = set(DataValue.objects.filter(org_unit=unit).values_list("period", flat=True).distinct())
        periods = sorted((Period.parse(c) for c in codes), key=lambda p: (p.start, p.end), reverse=True)
    label = request.GET.get("period", "")
    if label:
        try:
            period = Period.parse(label)
        except PeriodError as error:
            errors.append(str(error))
    if period is None and periods:
        years = [p for p in periods if p.type == "year" and p.end.year <= max(q.start.year for q in periods)]
        period = next((p for p in years if DataValue.objects.filter(org_unit=unit, period=p.code)
                       .exclude(kind="target").exists()), periods[0])
    sheet = build_sheet(unit, period) if unit is not None and period is not None else None
    return render(request, "web/unit_values.html", {
        "units": units, "unit": unit, "periods": periods, "period": period, "sheet": sheet, "errors": errors,
        "administrative_types": [str(t) for t in ADMINISTRATIVE_TYPES],
    })
