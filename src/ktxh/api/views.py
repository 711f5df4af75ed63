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
                    {"file": p.file, "line": p.line, "column": p.column, "message": p.message} for p in error.problems
                ],
            },
            status=400,
        )
    if isinstance(error, PeriodError):
        return Response({"detail": str(error)}, status=400)
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
    unit = _unit(request, request.query_params.get("org_unit"))
    period = _period(request.query_params.get("period"))
    found = statements.load(unit_ids=[unit.pk], periods=[period.code] if period else None, kinds=kinds, ordered=True)
    indicator = request.query_params.get("indicator")
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
        card = build_scorecard(unit, period)
        return Response({"org_unit": unit.code, "period": period.code, "rows": [record(r) for r in card.rows]})


@extend_schema(
    tags=["imports"],
    request={"multipart/form-data": s.ImportSerializer},
    responses={200: s.SummarySerializer, 400: s.ErrorSerializer},
)
class Imports(APIView):
    """Import a file (.xlsx, .csv, DHIS2 .json) all or nothing, into the units the user may enter figures for."""

    parser_classes = [MultiPartParser, FormParser]

    def post(self, request):
        from ktxh.exchange.limits import max_bytes
        from ktxh.exchange.registry import import_file

        body = s.ImportSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        upload = body.validated_data["file"]
        if upload.size > max_bytes():
            raise exceptions.ValidationError({"file": [_("The file is too large.")]})
        suffix = Path(upload.name).suffix.lower()[:10]
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / f"upload{suffix}"
            with path.open("wb") as out:
                for chunk in upload.chunks():
                    out.write(chunk)
            summary = import_file(
                path, dry_run=body.validated_data["dry_run"], user=request.user, name=Path(upload.name).name
            )
        return Response(
            {
                "rows": summary.rows,
                "created": summary.created,
                "updated": summary.updated,
                "unchanged": summary.unchanged,
                "dry_run": body.validated_data["dry_run"],
            }
        )


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
