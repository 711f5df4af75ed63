"""The review queue: figures proposed from past reports, accepted, corrected or rejected one by one by a person who
may enter figures for their unit (:func:`ktxh.units.scoping.units_for` with ``Action.ENTER``) and, for a grant
limited to sectors, of an indicator of those sectors. A proposal out of the person's scope is a 404, as if it did
not exist, noted in the security log."""

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ktxh.catalog.models import Indicator, Measure, Sector
from ktxh.datafiles import LoadError
from ktxh.figures.scope import sector_scope
from ktxh.ingest.models import ProposedFigure, Status
from ktxh.ingest.queue import ReviewError, accept, reject
from ktxh.numbers import parse_number
from ktxh.units.scoping import Action, allows, log_outside_scope, units_for

SHOWN = 500


@login_required
def queue(request):
    """The pending proposals of the units the user may enter figures for, of the sectors they may enter there (a
    grant limited to sectors hides the others', and those matched to no indicator yet: their sector is unknown)."""
    units = units_for(request.user, Action.ENTER)
    pending = (
        ProposedFigure.objects.filter(status=Status.PENDING, org_unit__in=units)
        .select_related("org_unit", "indicator")
        .order_by("org_unit__code", "report", "id")
    )
    scopes: dict[int, object] = {}
    proposals = []
    for proposal in pending.iterator(chunk_size=500):
        if proposal.org_unit_id not in scopes:
            scopes[proposal.org_unit_id] = sector_scope(request.user, proposal.org_unit, Action.ENTER)
        scope = scopes[proposal.org_unit_id]
        if scope.whole or (proposal.indicator is not None and scope.has(proposal.indicator)):
            proposals.append(proposal)
            if len(proposals) == SHOWN:
                break
    indicators = Indicator.objects.exclude(value_type="text").order_by("code").only("code", "name")
    return render(request, "web/review/queue.html", {"proposals": proposals, "indicators": indicators})


def _proposal(request, pk):
    proposal = get_object_or_404(ProposedFigure.objects.select_related("org_unit", "indicator__sector"), pk=pk)
    scope = sector_scope(request.user, proposal.org_unit, Action.ENTER)
    if not allows(request.user, Action.ENTER, proposal.org_unit) or not (
        scope.whole or (proposal.indicator is not None and scope.has(proposal.indicator))
    ):
        log_outside_scope(request.user, "proposal", pk, request)
        raise Http404
    return proposal


@login_required
@require_POST
def decide(request, pk):
    proposal = _proposal(request, pk)
    action = request.POST.get("action")
    try:
        if action == "reject":
            reject(proposal, request.user)
            messages.info(request, _("Rejected."))
        elif action == "accept":
            indicator = None
            code = request.POST.get("indicator", "").strip()
            if code and code != (proposal.indicator.code if proposal.indicator else ""):
                indicator = Indicator.objects.filter(code=code).first()
                if indicator is None:
                    raise ReviewError(_("There is no indicator with code «%(code)s».") % {"code": code})
            value = None
            written = request.POST.get("value", "").strip()
            if written:
                try:
                    value = Decimal(str(parse_number(written)))
                except (ValueError, InvalidOperation, TypeError):
                    raise ReviewError(_("«%(value)s» is not a number.") % {"value": written}) from None
            accept(proposal, request.user, indicator, value)
            messages.success(request, _("Accepted: the figure is recorded."))
        elif action == "new_indicator":
            indicator = _new_indicator(request, proposal)
            accept(proposal, request.user, indicator, None)
            messages.success(
                request, _("A new indicator «%(code)s» was added and the figure recorded.") % {"code": indicator.code}
            )
        else:
            raise ReviewError(_("Unknown action."))
    except (ReviewError, LoadError) as error:
        messages.error(request, str(error))
    return redirect("review")


def _new_indicator(request, proposal) -> Indicator:
    """An unmatched statement becomes a catalog entry: code and name from the form, the unit of the proposal."""
    code = request.POST.get("new_code", "").strip()
    name = request.POST.get("new_name", "").strip()
    if not code or not name:
        raise ReviewError(_("Give the new indicator a code and a name."))
    if Indicator.objects.filter(code=code).exists():
        raise ReviewError(_("There is already an indicator with code «%(code)s».") % {"code": code})
    measure = Measure.objects.filter(symbol=proposal.unit).first()
    sector = Sector.objects.order_by("code").first()
    if measure is None or sector is None:
        raise ReviewError(
            _("The catalog has no unit «%(unit)s»: add the indicator in the catalog administration.")
            % {"unit": proposal.unit}
        )
    value_type = "percent" if measure.symbol == "%" else "number"
    return Indicator.objects.create(code=code[:80], name=name[:300], sector=sector, unit=measure, value_type=value_type)
