"""Forms and shared choosing of the data-entry, targets and reports pages: which unit (inside the user's scope),
which period, which sector — read from the address, with a 404 that does not say whether a unit exists."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import forms
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ktxh.catalog.models import Indicator
from ktxh.figures import statements as stored
from ktxh.numbers import format_number
from ktxh.periods import Period, PeriodError, PeriodType
from ktxh.units.models import COMMUNE_LEVEL_TYPES, OrgUnit
from ktxh.units.scoping import Action, log_outside_scope, units_for
from ktxh.values.models import Kind


class CellForm(forms.Form):
    """One cell of the entry grid as posted: codes, what was typed (a TEXT field, never a number field), the
    version the person started from."""

    unit = forms.CharField(max_length=64)
    indicator = forms.CharField(max_length=80)
    period = forms.CharField(max_length=16)
    kind = forms.ChoiceField(choices=[(Kind.ACTUAL, Kind.ACTUAL), (Kind.ESTIMATE, Kind.ESTIMATE)])
    disaggregation = forms.CharField(max_length=300, required=False)
    text = forms.CharField(
        max_length=500,
        required=False,
        strip=False,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
    version = forms.CharField(max_length=64, required=False)
    comment = forms.CharField(max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 3}))
    with_comment = forms.BooleanField(required=False)
    confirm = forms.BooleanField(required=False)


def writable_sectors(user, unit: OrgUnit) -> set[int] | None:
    """The ids of the sectors whose figures ``user`` may enter for ``unit`` (None: every sector), for a page that
    lays out many sectors at once; :func:`ktxh.values.entry.save_value` refuses the others anyway."""
    from ktxh.figures.scope import sector_scope

    ids = sector_scope(user, unit, Action.ENTER).sector_ids
    return None if ids is None else set(ids)


def sector_refused(indicator) -> str:
    return _("You may not enter figures of the sector «%(sector)s».") % {"sector": indicator.sector.name}


def entry_units(user):
    return list(units_for(user, Action.ENTER).select_related("parent").order_by("path"))


def choose_unit(request, units: list[OrgUnit], code: str | None = None) -> OrgUnit | None:
    """The unit named in the address, inside ``units`` (else 404); without a name, the first commune-level one."""
    code = request.GET.get("unit", "") if code is None else code
    if code:
        unit = next((u for u in units if u.code == code), None)
        if unit is None:
            if OrgUnit.objects.filter(code=code).exists():
                log_outside_scope(getattr(request, "user", None), "unit", code, request)
            raise Http404(_("No such unit, or you may not see it."))
        return unit
    return next((u for u in units if u.type in COMMUNE_LEVEL_TYPES), None) or (units[0] if units else None)


def choose_period(request, unit: OrgUnit | None, default_year: int | None = None) -> tuple[Period | None, str]:
    """(period, error): the period in the address, else the unit's latest year with figures."""
    text = request.GET.get("period", "") or request.POST.get("period", "")
    if text:
        try:
            return Period.parse(text), ""
        except PeriodError as error:
            return None, str(error)
    if default_year:
        return Period.year_of(default_year), ""
    year = latest_year(unit)
    return Period.year_of(year or _this_year()), ""


def latest_year(unit: OrgUnit | None) -> int | None:
    """The latest calendar year for which the unit has results (actuals or estimates)."""
    codes = stored.periods_with_figures(unit.pk, results_only=True) if unit else set()
    years = [int(c) for c in codes if len(c) == 4 and c.isdigit()]
    return max(years) if years else None


def _this_year() -> int:
    from django.utils import timezone

    return timezone.localdate().year


def indicator_by_code(code: str) -> Indicator:
    indicator = Indicator.objects.select_related("unit", "sector").filter(code=code).first()
    if indicator is None:
        raise Http404(_("There is no indicator with code «%(code)s».") % {"code": code})
    return indicator


REPORT_KINDS = [
    ("year", gettext_lazy("Annual")),
    ("half", gettext_lazy("6 months")),
    ("nine", gettext_lazy("9 months")),
]


def report_period(kind: str, year: int) -> Period:
    if kind == "half":
        return Period(year, PeriodType.HALF, 1)
    if kind == "nine":
        return Period(year, PeriodType.CUMULATIVE, 9)
    return Period.year_of(year)


def report_kind_of(period: Period) -> str:
    if period.type is PeriodType.HALF:
        return "half"
    if period.type is PeriodType.CUMULATIVE and period.index == 9:
        return "nine"
    return "year"


def show_plain(text) -> str:
    """A number as the change log stores it (``"1234.5"``) shown the Vietnamese way (``1.234,5``)."""
    if text in (None, ""):
        return ""
    try:
        return format_number(Decimal(str(text)))
    except (InvalidOperation, ValueError):
        return str(text)


def target_text(statement, source_names: dict[str, str]) -> str:
    """``huyện giao: dưới 2,03``; a range ``56 - 60``; a qualitative target's text."""
    from ktxh.reports.sentences import target_words

    who = source_names.get(statement.source, statement.source)
    if statement.value is None:
        shown = statement.text
    elif statement.value_high is not None:
        shown = f"{format_number(statement.value)} - {format_number(statement.value_high)}"
    else:
        shown = target_words(statement.target_form, statement.value) + format_number(statement.value)
    return f"{who}: {shown}" if who else shown
