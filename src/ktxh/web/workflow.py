"""The submission workflow on the web: the actions of the data-entry page (Nộp / Duyệt / Mở lại, each for the
top-level sector shown) and the progress page of the level above (completeness and timeliness of its units).

Both ask :mod:`ktxh.workflow`, which checks rights with :func:`ktxh.units.scoping.allows`; a unit outside the
user's scope is a 404 that does not say whether it exists.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from ktxh.catalog.models import Sector
from ktxh.figures.scope import sector_scope
from ktxh.numbers import format_number
from ktxh.periods import Period, PeriodError
from ktxh.units.scoping import Action, units_for
from ktxh.web.forms import choose_period, choose_unit
from ktxh.workflow import actions
from ktxh.workflow.actions import WorkflowError
from ktxh.workflow.deadlines import deadline
from ktxh.workflow.models import State
from ktxh.workflow.progress import overview
from ktxh.workflow.sectors import top_of

DONE = {
    actions.SUBMIT: gettext_lazy("The report of %(sector)s was submitted."),
    actions.APPROVE: gettext_lazy("The report of %(sector)s was approved: its figures are locked."),
    actions.REOPEN: gettext_lazy("The report of %(sector)s was reopened: its figures can be changed again."),
}


def top_sector_of(sector: Sector | None) -> Sector | None:
    """The top-level sector a (sub-)sector belongs to: the grain of the workflow."""
    if sector is None:
        return None
    if sector.parent_id is None:
        return sector
    return Sector.objects.get(pk=top_of()[sector.pk])


def entry_panel(user, unit, sector: Sector | None, period: Period) -> dict:
    """What the entry page shows of the workflow for the top-level sector of ``sector``: the state, who did what
    and when, the buttons ``user`` may press, and the changes in words."""
    top = top_sector_of(sector)
    if top is None:
        return {}
    status = actions.status(unit, top, period)
    return {
        "workflow": status,
        "workflow_sector": top,
        "workflow_actions": status.allowed(user),
        "workflow_history": actions.history(unit, top, period)[:10],
        "workflow_deadline": deadline(period),
        "approved": State.APPROVED,
        "reopened": State.REOPENED,
    }


@login_required
@require_POST
def act(request):
    """Submit, approve or reopen the report of one unit, top-level sector and period; back to the entry page with
    what happened (or why not) said above the grid."""
    units = list(units_for(request.user, Action.VIEW).order_by("path"))
    unit = choose_unit(None, units, request.POST.get("unit") or "-")
    sector = Sector.objects.filter(code=request.POST.get("sector", ""), parent__isnull=True).first()
    if sector is None:
        raise Http404(_("There is no sector with code «%(code)s».") % {"code": request.POST.get("sector", "")})
    try:
        period = Period.parse(request.POST.get("period", ""))
    except PeriodError as error:
        raise Http404(str(error)) from None
    action = request.POST.get("action", "")
    if action not in actions.ACTIONS:
        raise Http404(_("Unknown action «%(action)s».") % {"action": action})
    try:
        actions.act(
            request.user,
            action,
            unit,
            sector,
            period,
            reason=request.POST.get("reason", ""),
            expected=request.POST.get("expected") or None,
        )
    except WorkflowError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, str(DONE[action]) % {"sector": sector.name})
    query = urlencode({"unit": unit.code, "period": period.code, "sector": sector.code})
    return redirect(f"{reverse('entry')}?{query}")


@login_required
@require_GET
def progress(request):
    """For the level above: each unit below the chosen one, per top-level sector, its state, whether it came on
    time and how complete it is, for one period."""
    units = list(units_for(request.user, Action.VIEW).order_by("path"))
    if not units:
        return render(request, "web/workflow/progress.html", {"no_units": True, "nav": "progress"}, status=403)
    code = request.GET.get("unit", "")
    unit = choose_unit(request, units) if code else units[0]
    period, period_error = choose_period(request, unit)
    context = {"units": units, "unit": unit, "period": period, "period_error": period_error, "nav": "progress"}
    if period is not None:
        view = overview(unit, period, scope=sector_scope(request.user, unit))
        context["overview"] = view
        context["rows"] = [
            {
                "unit": row.unit,
                "cells": [
                    {
                        "cell": cell,
                        "percent": format_number(cell.completeness, 1) if cell.completeness is not None else "",
                    }
                    for cell in row.cells
                ],
            }
            for row in view.rows
        ]
    return render(request, "web/workflow/progress.html", context)
