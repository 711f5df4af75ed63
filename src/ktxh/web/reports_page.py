"""The reports page: choose the period and kind (annual, 6 months, 9 months), write each section's narrative, see
what is missing before generating (figures, open findings), generate the .docx (and the .pdf where LibreOffice
is installed) with the same builder as ``ktxh report``; every generated version is kept and downloadable."""

from __future__ import annotations

import re
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ktxh.catalog.models import Indicator, Sector
from ktxh.figures import statements as stored
from ktxh.figures.scope import whole_unit
from ktxh.periods import MAX_YEAR, MIN_YEAR, Period, PeriodError
from ktxh.reports.models import SPECIAL_SECTIONS, Narrative, ReportVersion
from ktxh.reports.versions import file_name
from ktxh.rules.engine import findings_for
from ktxh.units.scoping import Action, allows, log_outside_scope, visible_units
from ktxh.web.forms import REPORT_KINDS, choose_unit, latest_year, report_kind_of, report_period
from ktxh.web.views import whole_unit_message, whole_unit_refused

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MAX_NARRATIVE = 20000


def _choose(request, unit) -> tuple[Period | None, str]:
    data = request.POST if request.method == "POST" else request.GET
    if data.get("period"):
        try:
            return Period.parse(data["period"]), ""
        except PeriodError as error:
            return None, str(error)
    kind = data.get("kind", "year")
    year_text = (data.get("year") or "").strip()
    if year_text:
        if not (year_text.isdigit() and MIN_YEAR <= int(year_text) <= MAX_YEAR):
            return None, _("«%(text)s» is not a year.") % {"text": year_text}
        return report_period(kind, int(year_text)), ""
    from django.utils import timezone

    return report_period(kind, latest_year(unit) or timezone.localdate().year), ""


def sections() -> list[tuple[str, str]]:
    """The report's sections in its order: opening, the sectors (two levels), key tasks, assessment, plan."""
    found = [("intro", str(SPECIAL_SECTIONS["intro"]))]
    for sector in Sector.objects.all():
        if sector.depth <= 1:
            found.append((sector.code, ("— " if sector.depth else "") + sector.name))
    found += [
        (code, str(SPECIAL_SECTIONS[code]))
        for code in (
            "key_tasks",
            "assessment_strengths",
            "assessment_limitations",
            "assessment_causes",
            "plan_objectives",
            "plan_tasks",
            "closing",
        )
    ]
    return found


def missing(unit, period: Period) -> dict:
    """What the report will lack: indicators with a target but no result, indicators reported the year before but
    not now, and the open findings of the validation rules."""
    indicators = {i.pk: i for i in Indicator.objects.select_related("unit", "sector")}
    now = stored.load(unit_ids=[unit.pk], periods=[period.code])
    have = {s.indicator_id for s in now if s.in_use}
    targeted = {s.indicator_id for s in now if s.kind == "target"}
    try:
        before = period.previous_year()
        earlier = {s.indicator_id for s in stored.load(unit_ids=[unit.pk], periods=[before.code], in_use=True)}
    except PeriodError:
        before, earlier = None, set()
    computed = {pk for pk, i in indicators.items() if i.formula or i.numerator_id}

    def listed(ids):
        return sorted(
            (indicators[i] for i in ids if i in indicators and i not in computed),
            key=lambda i: (i.sector.sort_key, i.order),
        )

    return {
        "no_result": listed(targeted - have),
        "not_again": listed(earlier - have - targeted),
        "before": before,
        "findings": list(findings_for(unit, period)),
    }


def _save_narratives(request, unit, period: Period) -> int:
    changed = 0
    for code, _label in sections():
        text = request.POST.get(f"s-{code}")
        if text is None:
            continue
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text[:MAX_NARRATIVE].replace("\r", "")) if p.strip()]
        existing = list(Narrative.objects.filter(org_unit=unit, period=period.code, section=code).order_by("order"))
        if [n.text for n in existing] == paragraphs:
            continue
        changed += 1
        for n in existing[len(paragraphs) :]:
            n.delete()
        for order, paragraph in enumerate(paragraphs, start=1):
            if order <= len(existing):
                narrative = existing[order - 1]
                if narrative.order != order or narrative.text != paragraph:
                    narrative.order, narrative.text = order, paragraph
                    narrative.save()
            else:
                Narrative.objects.create(org_unit=unit, period=period.code, section=code, order=order, text=paragraph)
    return changed


def _generate(request, unit, period: Period) -> ReportVersion | None:
    from ktxh.reports.builder import ReportError
    from ktxh.reports.template import TemplateError
    from ktxh.reports.versions import generate

    try:
        return generate(unit, period, request.user.get_username())
    except (ReportError, TemplateError, PeriodError) as error:
        messages.error(request, str(error))
        return None


@login_required
@require_http_methods(["GET", "POST"])
def page(request):
    units = list(visible_units(request.user).select_related("parent").order_by("path"))
    if not units:
        raise Http404(_("No such unit, or you may not see it."))
    data = request.POST if request.method == "POST" else request.GET
    unit = choose_unit(request, units, data.get("unit", ""))
    period, error = _choose(request, unit)
    may_edit = allows(request.user, Action.ENTER, unit)
    context = {
        "units": units,
        "unit": unit,
        "period": period,
        "error": error,
        "kinds": REPORT_KINDS,
        "may_edit": may_edit,
        "nav": "reports",
    }
    if not whole_unit(request.user, unit):  # the report is of the whole unit: see views.whole_unit_refused
        context.update({"period": None, "error": whole_unit_message(), "may_edit": False})
        return render(request, "web/reports/page.html", context, status=403)
    if period is None:
        return render(request, "web/reports/page.html", context)
    context.update({"kind": report_kind_of(period), "year": period.year})
    address = f"{request.path}?unit={quote(unit.code)}&period={period.code}"
    if request.method == "POST":
        if not may_edit:
            log_outside_scope(request.user, "unit", unit.code, request)
            raise Http404(_("No such unit, or you may not see it."))
        if "generate" in request.POST or "save" in request.POST:
            changed = _save_narratives(request, unit, period)
            if changed:
                messages.success(request, _("Narratives saved (%(count)d sections changed).") % {"count": changed})
        if "generate" in request.POST:
            version = _generate(request, unit, period)
            if version is not None:
                messages.success(
                    request, _("Version %(number)d of the report is ready to download.") % {"number": version.number}
                )
                if version.pdf_note:
                    messages.warning(request, version.pdf_note)
        return redirect(address)
    texts = {}
    for narrative in Narrative.objects.filter(org_unit=unit, period=period.code).order_by("section", "order"):
        texts.setdefault(narrative.section, []).append(narrative.text)
    context.update(
        {
            "sections": [{"code": c, "label": label, "text": "\n\n".join(texts.get(c, []))} for c, label in sections()],
            "missing": missing(unit, period),
            "pdf_possible": _soffice() is not None,
            "versions": ReportVersion.objects.filter(org_unit=unit, period=period.code)
            .defer("docx", "pdf")
            .order_by("-number"),
        }
    )
    return render(request, "web/reports/page.html", context)


def _soffice():
    from ktxh.reports.pdf import soffice

    return soffice()


def _ascii(text: str) -> str:
    import unicodedata

    plain = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D")).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9._-]+", "-", plain).strip("-") or "bao-cao"


@login_required
@require_GET
def download(request, pk: int, fmt: str):
    version = ReportVersion.objects.select_related("org_unit").filter(pk=pk).first()
    if (
        version is None
        or fmt not in ("docx", "pdf")
        or not visible_units(request.user).filter(pk=version.org_unit_id).exists()
    ):
        if version is not None:
            log_outside_scope(request.user, "report_version", pk, request)
        raise Http404(_("No such report version, or you may not see it."))
    refused = whole_unit_refused(request, version.org_unit)
    if refused is not None:
        return refused
    if fmt == "pdf" and not version.pdf:
        raise Http404(version.pdf_note or _("This version has no PDF."))
    body = bytes(version.docx if fmt == "docx" else version.pdf)
    response = HttpResponse(body, content_type=DOCX if fmt == "docx" else "application/pdf")
    response["Content-Disposition"] = attachment(file_name(version, fmt))
    return response


def attachment(name: str) -> str:
    """A Content-Disposition for a download: an ASCII name for old browsers and the UTF-8 name (RFC 6266)."""
    return f"attachment; filename=\"{_ascii(name)}\"; filename*=UTF-8''{quote(name)}"
