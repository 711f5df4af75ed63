"""The audit trail per user: what one person changed, and their sign-ins and failed sign-ins, newest first, for
administrators (``quan-tri``, of the units that person works for) and superusers
(:func:`ktxh.units.scoping.auditable_users`); downloadable as CSV or Excel (:mod:`ktxh.history.export`). The
trail of one figure is on its cell in the entry grid. A user outside the viewer's reach answers 404, like a missing
one."""

from __future__ import annotations

import io

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from ktxh.history import export
from ktxh.history.models import ChangeRecord
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
            export.write_csv(out, records.iterator())
            response = HttpResponse(out.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8")
        else:
            out = io.BytesIO()
            export.write_xlsx(out, records.iterator())
            response = HttpResponse(out.getvalue(), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    shown = [{"record": r, "changes": _changes(r)} for r in records[:SHOWN]]
    return render(
        request,
        "web/audit/trail.html",
        {"nav": "audit", "person": person, "rows": shown, "total": records.count(), "limit": SHOWN},
    )
