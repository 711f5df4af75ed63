"""The API's endpoints. Reads go through :mod:`ktxh.figures` and the scorecard, writes through the one values
loader (:func:`ktxh.values.loader.load_rows`) or the exchange registry; every unit is checked with
:func:`ktxh.units.scoping.units_for` / :func:`~ktxh.units.scoping.allows` — a unit outside the user's scope
answers 404, as on the web pages."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, generics
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework.views import exception_handler as drf_exception_handler

from ktxh.api import serializers as s
from ktxh.catalog.models import Indicator, TargetSource
from ktxh.datafiles import LoadError, Problems, Row
from ktxh.exchange.registry import check_scope
from ktxh.figures import statements
from ktxh.figures.scope import sector_scope, whole_unit
from ktxh.history.actor import acting_as
from ktxh.periods import Period, PeriodError
from ktxh.units.models import OrgUnit, UnitLink
from ktxh.units.scoping import Action, allows, log_outside_scope, units_for
from ktxh.values.loader import load_rows
from ktxh.values.models import plain_number


class Pages(LimitOffsetPagination):
    default_limit = 100
    max_limit = 1000


def exception_handler(error, context):
    """DRF's handler, plus the domain's errors as 400 with the problems listed (never a 500)."""
    if isinstance(error, LoadError):
        return Response(
            {
                "detail": _("The data was refused; nothing was written."),
                "problems": [
                    {"file": p.file, "line": p.line, "column": p.column, "value": p.value, "message": p.message}
                    for p in error.problems
                ],
            },
            status=400,
        )
    if isinstance(error, PeriodError):
        return Response({"detail": str(error)}, status=400)
    if isinstance(error, exceptions.ParseError) and str(error.detail).startswith("JSON parse error - "):
        # DRF writes this one without gettext; the reason after the dash is Python's (line and column)
        reason = str(error.detail).removeprefix("JSON parse error - ")
        return Response({"detail": _("The request body is not valid JSON: %(reason)s.") % {"reason": reason}}, 400)
    return drf_exception_handler(error, context)


def _unit(request, code: str | None, action: Action = Action.VIEW) -> OrgUnit:
    if not code:
        raise exceptions.ValidationError({"org_unit": [_("This parameter is required.")]})
    unit = OrgUnit.objects.filter(code=code).first()
    if unit is None or not allows(request.user, Action.VIEW, unit):
        if unit is not None:
            log_outside_scope(request.user, "unit", code, request)
        raise Http404
    if action > Action.VIEW and not allows(request.user, action, unit):
        raise exceptions.PermissionDenied(_("You may not enter figures for unit «%(code)s».") % {"code": code})
    return unit


def _period(text: str | None) -> Period | None:
    if not text:
        return None
    try:
        return Period.parse(text)
    except PeriodError as error:
        raise exceptions.ValidationError({"period": [str(error)]}) from None


UNIT = OpenApiParameter("org_unit", str, required=True, description="unit code")
PERIOD = OpenApiParameter("period", str, description="period code (2024, 2024Q1, 202401, …)")


@extend_schema(tags=["catalog"], parameters=[OpenApiParameter("sector", str)])
class IndicatorList(generics.ListAPIView):
    """The indicators of the catalog."""

    serializer_class = s.IndicatorSerializer
    pagination_class = Pages

    def get_queryset(self):
        indicators = (
            Indicator.objects.select_related("sector", "unit")
            .prefetch_related("dimensions")
            .order_by("sector__sort_key", "order", "code")
        )
        sector = self.request.query_params.get("sector")
        return indicators.filter(sector__code=sector) if sector else indicators


@extend_schema(tags=["units"], parameters=[OpenApiParameter("type", str)])
class UnitList(generics.ListAPIView):
    """The units the user may see."""

    serializer_class = s.UnitSerializer
    pagination_class = Pages

    def get_queryset(self):
        units = units_for(self.request.user, Action.VIEW).select_related("parent").order_by("path")
        kind = self.request.query_params.get("type")
        return units.filter(type=kind) if kind else units


@extend_schema(tags=["units"], responses=s.UnitHistorySerializer)
class UnitDetail(APIView):
    """A unit with its history: validity, predecessors and successors (mergers, splits, renames)."""

    def get(self, request, code: str):
        unit = _unit(request, code)
        links = UnitLink.objects.select_related("predecessor", "successor")
        data = s.UnitSerializer(unit).data
        data["predecessors"] = [link.predecessor.code for link in links.filter(successor=unit)]
        data["successors"] = [link.successor.code for link in links.filter(predecessor=unit)]
        return Response(data)


def _statements(request, kinds=None):
    """The statements of the unit in the address, of the sectors the user may read there; an indicator of another
    sector named in the address is a 404, like a missing one, and noted in the security log."""
    unit = _unit(request, request.query_params.get("org_unit"))
    period = _period(request.query_params.get("period"))
    scope = sector_scope(request.user, unit)
    indicator = request.query_params.get("indicator")
    if indicator and not scope.whole:
        named = Indicator.objects.filter(code=indicator).first()
        if named is not None and not scope.has(named):
            log_outside_scope(request.user, "indicator", indicator, request)
            raise Http404
    found = statements.load(
        unit_ids=[unit.pk],
        periods=[period.code] if period else None,
        kinds=kinds,
        ordered=True,
        indicator_ids=scope.indicator_ids(),
    )
    codes = dict(Indicator.objects.values_list("pk", "code"))
    return [
        {
            "org_unit": unit.code,
            "indicator": codes[st.indicator_id],
            "period": st.period,
            "kind": st.kind,
            "disaggregation": st.disaggregation,
            "target_source": st.source,
            "target_form": st.target_form,
            "variant": st.variant,
            "value": plain_number(st.value) if st.value is not None else None,
            "value_high": plain_number(st.value_high) if st.value_high is not None else None,
            "text": st.text,
            "comment": st.comment,
        }
        for st in found
        if not indicator or codes[st.indicator_id] == indicator
    ]


class Figures(APIView):
    pagination_class = Pages

    @extend_schema(
        tags=["figures"],
        parameters=[
            UNIT,
            PERIOD,
            OpenApiParameter("indicator", str),
            OpenApiParameter("kind", str, enum=["actual", "estimate", "target"]),
        ],
        responses=s.FigureSerializer(many=True),
        operation_id="figures_list",
    )
    def get(self, request):
        """Stored figures of one unit as written (every kind, target source and variant)."""
        kind = request.query_params.get("kind")
        if kind and kind not in ("actual", "estimate", "target"):
            raise exceptions.ValidationError({"kind": [_("Choose actual, estimate or target.")]})
        rows = _statements(request, [kind] if kind else None)
        pages = Pages()
        return pages.get_paginated_response(pages.paginate_queryset(rows, request, view=self))

    @extend_schema(
        tags=["figures"], request=s.BulkFiguresSerializer, responses={200: s.SummarySerializer, 400: s.ErrorSerializer}
    )
    def post(self, request):
        """Write figures (one or many), all or nothing, through the same checks as every other path."""
        body = s.BulkFiguresSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        figures = body.validated_data["figures"]
        for code in sorted({f["org_unit"] for f in figures}):
            _unit(request, code, Action.ENTER)
        rows = [
            Row(
                "api",
                number,
                {
                    key: (
                        "" if value is None else (plain_number(value) if key in ("value", "value_high") else str(value))
                    )
                    for key, value in figure.items()
                },
            )
            for number, figure in enumerate(figures, start=1)
        ]
        refused = Problems()
        check_scope(rows, request.user, refused)  # a grant limited to sectors: the other sectors are refused
        if refused:
            raise exceptions.PermissionDenied(" ".join(p.message for p in refused.items))
        with acting_as(user=request.user):
            summary = load_rows(rows, Problems(), dry_run=body.validated_data["dry_run"])
        return Response(
            {
                "rows": summary.rows,
                "created": summary.created,
                "updated": summary.updated,
                "unchanged": summary.unchanged,
                "dry_run": body.validated_data["dry_run"],
            }
        )


@extend_schema(
    tags=["figures"],
    parameters=[UNIT, PERIOD, OpenApiParameter("indicator", str)],
    responses=s.FigureSerializer(many=True),
)
class Targets(APIView):
    """The targets of one unit, with their source and form."""

    def get(self, request):
        rows = _statements(request, ["target"])
        pages = Pages()
        return pages.get_paginated_response(pages.paginate_queryset(rows, request, view=self))


@extend_schema(
    tags=["scorecards"],
    parameters=[UNIT, OpenApiParameter("period", str, required=True)],
    responses=s.ScorecardSerializer,
)
class Scorecard(APIView):
    """Achievement against every target, year on year and rank, for one unit and period."""

    def get(self, request):
        from ktxh.analytics.formats import record
        from ktxh.analytics.scorecard import build_scorecard

        unit = _unit(request, request.query_params.get("org_unit"))
        period = _period(request.query_params.get("period"))
        if period is None:
            raise exceptions.ValidationError({"period": [_("This parameter is required.")]})
        card = build_scorecard(unit, period, scope=sector_scope(request.user, unit))
        return Response({"org_unit": unit.code, "period": period.code, "rows": [record(r) for r in card.rows]})


MAX_CHANGES = 1000  # changes listed by a dry run; the counts cover all of them


def _change(value, before: dict | None) -> dict:
    from ktxh.history.recorder import snapshot

    def fields(data: dict) -> dict:
        return {key: data.get(key) for key in ("value", "value_high", "text", "comment")}

    return {
        "action": "create" if before is None else "update",
        "org_unit": value.org_unit.code,
        "indicator": value.indicator.code,
        "period": value.period,
        "kind": value.kind,
        "disaggregation": value.disaggregation,
        "target_source": value.target_source.code if value.target_source_id else "",
        "variant": value.variant,
        "before": None if before is None else fields(before),
        "after": fields(snapshot(value)),
    }


@extend_schema(
    tags=["imports"],
    request={"multipart/form-data": s.ImportSerializer},
    responses={200: s.ImportSummarySerializer, 400: s.ErrorSerializer},
)
class Imports(APIView):
    """Import a file (.xlsx, .csv, DHIS2 .json or .csv) all or nothing, into the units the user may enter figures
    for; the change log names the user and the file. With ``dry_run`` nothing is written and the answer lists the
    figures that would be created or changed, with their values before and after (the web's preview)."""

    parser_classes = [MultiPartParser, FormParser]

    def initial(self, request, *args, **kwargs):
        """The size limit is in place before anything (the session's CSRF check included) reads the body."""
        from ktxh.web.imports import SizeLimit

        self.guard = SizeLimit(request._request)
        request._request.upload_handlers.insert(0, self.guard)
        super().initial(request, *args, **kwargs)

    def post(self, request):
        from ktxh.exchange.limits import max_bytes
        from ktxh.exchange.registry import import_file, preview
        from ktxh.web.imports import safe_name

        body = s.ImportSerializer(data=request.data)
        if self.guard.exceeded:
            raise exceptions.ValidationError({"file": [_("The file is too large.")]})
        body.is_valid(raise_exception=True)
        upload = body.validated_data["file"]
        if upload.size > max_bytes():
            raise exceptions.ValidationError({"file": [_("The file is too large.")]})
        dry_run = body.validated_data["dry_run"]
        with tempfile.TemporaryDirectory(prefix="ktxh-api-") as folder:
            path = Path(folder) / safe_name(upload.name)  # the messages name the file the user sent
            with path.open("wb") as out:
                for chunk in upload.chunks():
                    out.write(chunk)
            if dry_run:
                summary = preview(path, user=request.user, name=path.name)
            else:
                summary = import_file(path, user=request.user, name=path.name)
        answer = {
            "rows": summary.rows,
            "created": summary.created,
            "updated": summary.updated,
            "unchanged": summary.unchanged,
            "dry_run": dry_run,
        }
        if dry_run:
            changes = [(v, None) for v in summary.new or []] + list(summary.changed or [])
            answer["changes"] = [_change(v, before) for v, before in changes[:MAX_CHANGES]]
            answer["more_changes"] = max(len(changes) - MAX_CHANGES, 0)
        return Response(answer)


def _version(request, version) -> dict:
    from django.urls import reverse

    def address(fmt: str) -> str:
        return request.build_absolute_uri(reverse("api:report-file", args=[version.pk, fmt]))

    return {
        "id": version.pk,
        "org_unit": version.org_unit.code,
        "period": version.period,
        "number": version.number,
        "created_at": version.created_at,
        "created_by": version.created_by,
        "has_pdf": not version.pdf_note,
        "pdf_note": version.pdf_note,
        "warnings": [w for w in version.warnings.splitlines() if w],
        "docx": address("docx"),
        "pdf": None if version.pdf_note else address("pdf"),
    }


class Reports(APIView):
    """The Word report (NĐ 30/2020) of a unit and period: generate a new kept version, list the versions."""

    @extend_schema(
        tags=["reports"],
        parameters=[UNIT, PERIOD],
        responses=s.ReportVersionSerializer(many=True),
        operation_id="reports_list",
    )
    def get(self, request):
        """The kept versions of a unit's reports (of one period, or all), newest first."""
        from ktxh.reports.models import ReportVersion

        unit = _whole_unit(request, _unit(request, request.query_params.get("org_unit")))
        period = _period(request.query_params.get("period"))
        versions = ReportVersion.objects.filter(org_unit=unit).select_related("org_unit").defer("docx", "pdf")
        if period is not None:
            versions = versions.filter(period=period.code)
        pages = Pages()
        page = pages.paginate_queryset(list(versions.order_by("period", "-number")), request, view=self)
        return pages.get_paginated_response([_version(request, v) for v in page])

    @extend_schema(
        tags=["reports"],
        request=s.ReportRequestSerializer,
        responses={201: s.ReportVersionSerializer, 400: s.ErrorSerializer},
    )
    def post(self, request):
        """Generate the report with the reports page's builder and keep it as the next version (the .docx, and the
        .pdf when LibreOffice is installed and ``pdf`` is true). Needs the data-entry role on the unit."""
        from ktxh.reports.builder import ReportError
        from ktxh.reports.template import TemplateError
        from ktxh.reports.versions import generate
        from ktxh.web.forms import report_period

        body = s.ReportRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        unit = _whole_unit(request, _unit(request, data["org_unit"], Action.ENTER))
        period = _period(data["period"])
        if period is None:
            if data["year"] is None:
                raise exceptions.ValidationError({"period": [_("Give a period, or a kind and a year.")]})
            period = report_period(data["kind"], data["year"])
        try:
            version = generate(unit, period, request.user.get_username(), with_pdf=data["pdf"])
        except (ReportError, TemplateError) as error:
            return Response({"detail": str(error)}, status=400)
        return Response(_version(request, version), status=201)


def _report_version(request, pk: int):
    from ktxh.reports.models import ReportVersion

    version = ReportVersion.objects.select_related("org_unit").filter(pk=pk).first()
    if version is None or not allows(request.user, Action.VIEW, version.org_unit):
        if version is not None:
            log_outside_scope(request.user, "report version", pk, request)
        raise Http404
    _whole_unit(request, version.org_unit)
    return version


def _whole_unit(request, unit: OrgUnit) -> OrgUnit:
    """``unit``, for an output of the whole unit (the Word report and its versions); a 403 with the reason for a
    user whose grant there is limited to sectors (:func:`ktxh.web.views.whole_unit_refused` says why)."""
    from ktxh.web.views import whole_unit_message

    if not whole_unit(request.user, unit):
        raise exceptions.PermissionDenied(whole_unit_message())
    return unit


@extend_schema(tags=["reports"], responses=s.ReportVersionSerializer)
class ReportDetail(APIView):
    """One kept version of a report."""

    def get(self, request, pk: int):
        return Response(_version(request, _report_version(request, pk)))


class ReportFile(APIView):
    """A kept version's file: ``docx`` or ``pdf``."""

    def perform_content_negotiation(self, request, force=False):
        """The file answers whatever the client accepts (its errors are JSON): never a 406 for ``Accept: …pdf``."""
        return super().perform_content_negotiation(request, force=True)

    @extend_schema(
        tags=["reports"],
        operation_id="reports_file_retrieve",
        parameters=[OpenApiParameter("fmt", str, OpenApiParameter.PATH, enum=["docx", "pdf"])],
        responses={
            (200, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"): OpenApiTypes.BINARY,
            (200, "application/pdf"): OpenApiTypes.BINARY,
            404: s.ErrorSerializer,
        },
    )
    def get(self, request, pk: int, fmt: str):
        from django.http import HttpResponse

        from ktxh.reports.versions import file_name
        from ktxh.web.reports_page import DOCX, attachment

        version = _report_version(request, pk)
        if fmt not in ("docx", "pdf"):
            raise Http404
        if fmt == "pdf" and not version.pdf:
            raise exceptions.NotFound(version.pdf_note or _("This version has no PDF."))
        response = HttpResponse(
            bytes(version.docx if fmt == "docx" else version.pdf),
            content_type=DOCX if fmt == "docx" else "application/pdf",
        )
        response["Content-Disposition"] = attachment(file_name(version, fmt))
        return response


@extend_schema(tags=["catalog"], responses=OpenApiTypes.OBJECT)
class TargetSources(APIView):
    """Where targets come from (province, council resolution, plan)."""

    def get(self, request):
        return Response(
            [
                {"code": t.code, "name": t.name, "short_name": t.short_name}
                for t in TargetSource.objects.order_by("order", "code")
            ]
        )
