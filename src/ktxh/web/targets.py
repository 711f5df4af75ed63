"""Plan targets: next year's targets of a unit with their source (tỉnh/huyện/HĐND giao, tự đặt) and form (exact,
≥, ≤, range, approximately, qualitative). A year without targets starts from last year's indicator set."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ktxh.catalog.models import Indicator, TargetSource
from ktxh.figures import statements as stored
from ktxh.figures.labels import Labels
from ktxh.figures.scope import SectorScope, sector_scope
from ktxh.numbers import format_number
from ktxh.periods import MAX_YEAR, MIN_YEAR, Period
from ktxh.units.scoping import log_outside_scope
from ktxh.values import entry as service
from ktxh.values.models import Kind, TargetForm
from ktxh.web.forms import choose_unit, entry_units, latest_year, sector_refused, target_text, writable_sectors


def _year(request, unit) -> tuple[int, str]:
    text = (request.POST.get("year") or request.GET.get("year") or "").strip()
    if text:
        if text.isdigit() and MIN_YEAR < int(text) <= MAX_YEAR:
            return int(text), ""
        return 0, _("«%(text)s» is not a year.") % {"text": text}
    from django.utils import timezone

    latest = latest_year(unit)
    return (latest + 1 if latest else timezone.localdate().year + 1), ""


def _targets(unit, year: int, scope: SectorScope) -> list[stored.Statement]:
    """The unit's targets of ``year`` (totals, no variants) of the indicators in ``scope``."""
    found = stored.load(unit_ids=[unit.pk], periods=[str(year)], kinds=["target"], indicator_ids=scope.indicator_ids())
    return [s for s in found if not s.disaggregation and not s.variant]


def _shown(statement: stored.Statement) -> tuple[str, str]:
    if statement.target_form == TargetForm.QUALITATIVE or statement.value is None:
        return statement.text, ""
    return format_number(statement.value), format_number(
        statement.value_high
    ) if statement.value_high is not None else ""


@login_required
@require_http_methods(["GET", "POST"])
def plan(request):
    units = entry_units(request.user)
    if not units:
        return render(request, "web/targets/plan.html", {"no_units": True, "nav": "targets"}, status=403)
    unit = choose_unit(request, units, request.POST.get("unit") if request.method == "POST" else None)
    year, year_error = _year(request, unit)
    context = {"units": units, "unit": unit, "year": year, "year_error": year_error, "nav": "targets"}
    if year_error:
        return render(request, "web/targets/plan.html", context)
    period = Period.year_of(year)
    sources = list(TargetSource.objects.all())
    source_by_code = {s.code: s for s in sources}
    indicators = {i.pk: i for i in Indicator.objects.select_related("unit", "sector")}
    by_code = {i.code: i for i in indicators.values()}
    labels = Labels.current()
    # A grant limited to sectors: only the targets of the sectors the user may read are shown (and of those, only
    # the ones they may enter are typed in).
    scope = sector_scope(request.user, unit)
    this_year = _targets(unit, year, scope)
    last_year = _targets(unit, year - 1, scope)
    started_from_last = not this_year and bool(last_year)
    versions = service.cells(unit, period, kinds=[Kind.TARGET])
    results = stored.best_in_use(
        stored.load(unit_ids=[unit.pk], periods=[str(year - 1)], in_use=True, indicator_ids=scope.indicator_ids())
    )
    last_by_indicator: dict[int, list[str]] = {}
    for s in last_year:
        last_by_indicator.setdefault(s.indicator_id, []).append(target_text(s, labels.source_names))

    rows: list[dict] = []
    seen = set()
    for s in sorted(
        this_year or last_year,
        key=lambda s: (indicators[s.indicator_id].sector.sort_key, indicators[s.indicator_id].order, s.source_order),
    ):
        source = source_by_code.get(s.source)
        key = (s.indicator_id, source.pk if source else None)
        if key in seen:
            continue
        seen.add(key)
        cell = versions.get((s.indicator_id, Kind.TARGET, source.pk if source else None, ""), service.Cell())
        text, high = _shown(s) if this_year else ("", "")
        rows.append(
            {
                "indicator": indicators[s.indicator_id],
                "source": s.source,
                "fixed_source": bool(this_year),
                "form": s.target_form or TargetForm.EXACT,
                "text": text,
                "high": high,
                "comment": s.comment if this_year else "",
                "version": cell.version,
            }
        )
    added = request.GET.get("add", "")
    if added:
        if added not in by_code:
            raise Http404(_("There is no indicator with code «%(code)s».") % {"code": added})
        if not scope.has(by_code[added]):
            log_outside_scope(request.user, "indicator", added, request)
            raise Http404(_("There is no indicator with code «%(code)s».") % {"code": added})
        rows.append(
            {
                "indicator": by_code[added],
                "source": sources[0].code if sources else "",
                "fixed_source": False,
                "form": TargetForm.EXACT,
                "text": "",
                "high": "",
                "comment": "",
                "version": "",
            }
        )
    saved = 0
    writable = writable_sectors(request.user, unit)
    if request.method == "POST":
        rows, saved = _save(request, unit, period, by_code, source_by_code, writable)
        started_from_last = False
    closed = service.closed_cells(unit, period, [row["indicator"] for row in rows])
    for row in rows:
        row["read_only"] = writable is not None and row["indicator"].sector_id not in writable
        row["locked"] = closed.get(row["indicator"].pk, "")
        if "orig" not in row:
            row["orig"] = _signature(row) if row["version"] else ""
        indicator = row["indicator"]
        row["last"] = last_by_indicator.get(indicator.pk, [])
        result = results.get((unit.pk, indicator.pk, "", str(year - 1)))
        row["last_result"] = (
            format_number(result.value) if result and result.value is not None else (result.text if result else "")
        )
    context.update(
        {
            "period": period,
            "rows": rows,
            "sources": sources,
            "forms": TargetForm.choices,
            "started_from_last": started_from_last,
            "saved": saved,
            "all_indicators": sorted(
                (i for i in indicators.values() if writable is None or i.sector_id in writable),
                key=lambda i: (i.sector.sort_key, i.order),
            ),
            "problems": sum(1 for r in rows if r.get("errors") or r.get("conflict")),
            "closed": next(iter(closed.values()), ""),
        }
    )
    return render(request, "web/targets/plan.html", context)


def _save(request, unit, period: Period, by_code, source_by_code, writable: set[int] | None) -> tuple[list[dict], int]:
    """Save every changed row of the posted plan; each row keeps what was typed and says what is wrong. A row of a
    sector outside the user's grant (``writable``, None for all) is refused with a message, not saved."""
    post = request.POST
    try:
        count = min(int(post.get("n", "0")), 2000)
    except ValueError:
        count = 0
    rows, saved = [], 0
    for i in range(count):
        indicator = by_code.get(post.get(f"ind-{i}", ""))
        if indicator is None:
            continue
        row = {
            "indicator": indicator,
            "source": post.get(f"src-{i}", ""),
            "fixed_source": post.get(f"fix-{i}") == "1",
            "form": post.get(f"form-{i}", TargetForm.EXACT),
            "text": post.get(f"val-{i}", ""),
            "high": post.get(f"high-{i}", ""),
            "comment": post.get(f"cmt-{i}", ""),
            "version": post.get(f"ver-{i}", ""),
        }
        rows.append(row)
        if _signature(row) == post.get(f"orig-{i}", "") or (not row["text"].strip() and not row["version"]):
            row["orig"] = post.get(f"orig-{i}", "")
            continue
        row["orig"] = ""
        if writable is not None and indicator.sector_id not in writable:
            row["errors"] = {"value": sector_refused(indicator)}
            continue
        source = source_by_code.get(row["source"])
        if source is None:
            row["errors"] = {"source": _("Choose who set the target.")}
            continue
        if row["form"] not in TargetForm.values:
            row["errors"] = {"form": _("Choose the target's form.")}
            continue
        result = service.save_value(
            request.user,
            unit,
            indicator,
            period,
            Kind.TARGET,
            row["text"],
            row["version"],
            row["comment"],
            source=source,
            form=row["form"],
            high_text=row["high"],
            confirm=post.get(f"confirm-{i}") == "1",
        )
        if result.status == service.SAVED:
            saved += 1
            row["version"] = result.cell.version
            row["fixed_source"] = True
            row["saved"] = True
            row["orig"] = _signature(row)
        elif result.status == service.CONFLICT:
            row["conflict"] = result.cell
        elif result.status == service.INVALID:
            row["errors"] = result.errors
            row["confirm"] = result.confirm
    return rows, saved


def _signature(row: dict) -> str:
    """What a row held when shown: a posted row equal to it was not changed and is not saved again."""
    return "|".join([row["source"], row["form"], row["text"], row["high"], row["comment"]])
