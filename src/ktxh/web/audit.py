"""The audit trail per user: what one person changed, and their sign-ins and failed sign-ins, newest first, for
administrators (``quan-tri``, of the units that person works for) and superusers
(:func:`ktxh.units.scoping.auditable_users`); downloadable as CSV or Excel (:mod:`ktxh.history.export`). A viewer
whose grant is limited to sectors reads only the records of those sectors (:class:`Readable`). The trail of one
figure is on its cell in the entry grid. A user outside the viewer's reach answers 404, like a missing
one."""

from __future__ import annotations

import io

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from ktxh.catalog.models import Indicator, Sector
from ktxh.figures.scope import sector_scope
from ktxh.history import export
from ktxh.history.models import ChangeRecord
from ktxh.units.models import OrgUnit, UnitAccess
from ktxh.units.scoping import auditable_users, log_outside_scope

SHOWN = 500  # records on the page; the download has them all
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
@require_GET
def users(request):
    people = list(auditable_users(request.user).order_by("username"))
    if not people:
        return render(request, "web/audit/users.html", {"nav": "audit", "none": True}, status=403)
    return render(request, "web/audit/users.html", {"nav": "audit", "people": people})


def _changes(record: ChangeRecord) -> list[tuple[str, str, str]]:
    before, after = record.before or {}, record.after or {}
    if not isinstance(before, dict) or not isinstance(after, dict):
        return []
    if record.action == ChangeRecord.Action.UPDATE:
        keys = [key for key in after if before.get(key) != after.get(key)]
    else:
        keys = []
    return [(key, _shown(before.get(key)), _shown(after.get(key))) for key in keys]


def _shown(value) -> str:
    if value is None or value == "":
        return "∅"
    return ", ".join(map(str, value)) if isinstance(value, list) else str(value)


@login_required
@require_GET
def trail(request, user_id: int):
    person = auditable_users(request.user).filter(pk=user_id).first()
    if person is None:
        if get_user_model().objects.filter(pk=user_id).exists():
            log_outside_scope(request.user, "user", user_id, request)
        raise Http404(_("No such user, or you may not see their history."))
    records = ChangeRecord.objects.filter(user_id=person.pk).order_by("-time", "-id")
    readable = Readable(request.user)
    fmt = request.GET.get("format", "")
    if fmt:
        if fmt not in export.FORMATS:
            return HttpResponse(
                _("Unknown format «%(format)s»: csv or xlsx.") % {"format": fmt},
                status=400,
                content_type="text/plain; charset=utf-8",
            )
        name = f"lich-su-{person.pk}.{fmt}"
        if fmt == "csv":
            out = io.StringIO()
            export.write_csv(out, readable.filter(records.iterator()))
            response = HttpResponse(out.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8")
        else:
            out = io.BytesIO()
            export.write_xlsx(out, readable.filter(records.iterator()))
            response = HttpResponse(out.getvalue(), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    if readable.limited:
        kept = list(readable.filter(records.iterator()))
        shown, total = [{"record": r, "changes": _changes(r)} for r in kept[:SHOWN]], len(kept)
    else:
        shown, total = [{"record": r, "changes": _changes(r)} for r in records[:SHOWN]], records.count()
    return render(
        request,
        "web/audit/trail.html",
        {"nav": "audit", "person": person, "rows": shown, "total": total, "limit": SHOWN},
    )


class Readable:
    """Which records of a trail ``viewer`` may read. A viewer whose grants are all of every sector reads them all
    (nothing is checked). For one limited to sectors, a record of something that belongs to a unit and a sector —
    a figure or a target (its indicator's sector), a report's state (its top-level sector), a narrative of a
    sector — is kept only when the viewer may read that sector in that unit (:func:`ktxh.figures.scope.sector_scope`,
    the one check); records of nothing sector-bound (sign-ins, users, the catalog) are kept."""

    def __init__(self, viewer):
        self.viewer = viewer
        self.limited = not viewer.is_superuser and any(
            sectors for sectors in UnitAccess.objects.filter(user=viewer).values_list("sectors", flat=True)
        )
        self._units: dict[int, object] = {}
        self._sector_of: dict[int, int] | None = None
        self._sector_by_code: dict[str, int] | None = None

    def filter(self, records):
        for record in records:
            if not self.limited or self.allows(record):
                yield record

    def allows(self, record: ChangeRecord) -> bool:
        state = record.after if isinstance(record.after, dict) else record.before
        if not isinstance(state, dict) or not state.get("org_unit_id"):
            return True
        sector_id = self._sector(state)
        if sector_id is None:
            return True
        unit_id = state["org_unit_id"]
        if unit_id not in self._units:
            unit = OrgUnit.objects.filter(pk=unit_id).first()
            self._units[unit_id] = sector_scope(self.viewer, unit) if unit is not None else None
        scope = self._units[unit_id]
        return scope is not None and scope.has_sector(sector_id)

    def _sector(self, state: dict) -> int | None:
        if self._sector_of is None:
            self._sector_of = dict(Indicator.objects.values_list("pk", "sector_id"))
            self._sector_by_code = dict(Sector.objects.values_list("code", "pk"))
        if state.get("indicator_id"):
            return self._sector_of.get(state["indicator_id"], -1)  # an indicator gone: no sector anyone reads
        if state.get("sector_id"):
            return state["sector_id"]
        return self._sector_by_code.get(state.get("section") or "")
