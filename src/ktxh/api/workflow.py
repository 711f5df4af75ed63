"""The submission workflow in the API: the state of a unit's reports for a period (per top-level sector), the
actions (submit, approve, reopen — :mod:`ktxh.workflow.actions`, the same as the web's buttons), and the progress
of the units below a unit. Scope as everywhere: a unit the user may not see is a 404."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from ktxh.api.serializers import ErrorSerializer
from ktxh.api.views import UNIT, _period, _unit
from ktxh.catalog.models import Sector
from ktxh.figures.scope import sector_scope
from ktxh.numbers import format_number
from ktxh.units.scoping import Action
from ktxh.workflow import actions
from ktxh.workflow.actions import WorkflowError
from ktxh.workflow.deadlines import deadline
from ktxh.workflow.models import State
from ktxh.workflow.progress import overview, timeliness
from ktxh.workflow.sectors import top_sectors

PERIOD_REQUIRED = OpenApiParameter("period", str, required=True, description="period code (2024, 2024Q1, 202401, …)")


class StatusSerializer(serializers.Serializer):
    org_unit = serializers.CharField()
    sector = serializers.CharField()
    sector_name = serializers.CharField()
    period = serializers.CharField()
    state = serializers.ChoiceField(choices=State.choices)
    state_label = serializers.CharField()
    submitted_by = serializers.CharField()
    submitted_at = serializers.DateTimeField(allow_null=True)
    approved_by = serializers.CharField()
    approved_at = serializers.DateTimeField(allow_null=True)
    reopened_by = serializers.CharField()
    reopened_at = serializers.DateTimeField(allow_null=True)
    reason = serializers.CharField()
    due = serializers.DateField(allow_null=True)
    timeliness = serializers.CharField()
    allowed_actions = serializers.ListField(child=serializers.ChoiceField(choices=actions.ACTIONS))


class ActionSerializer(serializers.Serializer):
    org_unit = serializers.CharField(max_length=64)
    sector = serializers.CharField(max_length=64, help_text="code of a top-level sector")
    period = serializers.CharField(max_length=32)
    action = serializers.ChoiceField(choices=actions.ACTIONS)
    reason = serializers.CharField(
        max_length=actions.MAX_REASON, required=False, allow_blank=True, default="", help_text="required to reopen"
    )
    expected = serializers.ChoiceField(
        choices=State.choices, required=False, help_text="the state the caller saw; refused if it changed since"
    )

    def validate(self, data):
        if data["action"] == actions.REOPEN and not data.get("reason", "").strip():
            raise serializers.ValidationError({"reason": [_("Say why the report is reopened.")]})
        return data


class ProgressCellSerializer(serializers.Serializer):
    sector = serializers.CharField()
    state = serializers.CharField()
    timeliness = serializers.CharField()
    entered = serializers.IntegerField()
    expected = serializers.IntegerField()
    completeness = serializers.CharField(allow_null=True, help_text="per cent, Vietnamese format")


class ProgressRowSerializer(serializers.Serializer):
    org_unit = serializers.CharField()
    name = serializers.CharField()
    sectors = ProgressCellSerializer(many=True)


class ProgressSerializer(serializers.Serializer):
    org_unit = serializers.CharField()
    period = serializers.CharField()
    due = serializers.DateField(allow_null=True)
    units = ProgressRowSerializer(many=True)


def _status_data(status, user, due) -> dict:
    from django.utils import timezone

    s = status.submission
    return {
        "org_unit": status.unit.code,
        "sector": status.sector.code,
        "sector_name": status.sector.name,
        "period": status.period.code,
        "state": status.state,
        "state_label": status.state_label,
        "submitted_by": s.submitted_by if s else "",
        "submitted_at": s.submitted_at if s else None,
        "approved_by": s.approved_by if s else "",
        "approved_at": s.approved_at if s else None,
        "reopened_by": s.reopened_by if s else "",
        "reopened_at": s.reopened_at if s else None,
        "reason": s.reason if s else "",
        "due": due.due if due else None,
        "timeliness": timeliness(s, due, timezone.localdate()),
        "allowed_actions": status.allowed(user),
    }


def _required_period(request):
    period = _period(request.query_params.get("period"))
    if period is None:
        raise exceptions.ValidationError({"period": [_("This parameter is required.")]})
    return period


class Workflow(APIView):
    @extend_schema(
        tags=["workflow"],
        parameters=[UNIT, PERIOD_REQUIRED],
        responses=StatusSerializer(many=True),
        operation_id="workflow_list",
    )
    def get(self, request):
        """The state of each top-level sector's report of one unit for one period, with the actions the caller
        may take."""
        unit = _unit(request, request.query_params.get("org_unit"))
        period = _required_period(request)
        due = deadline(period)
        found = actions.statuses(unit, period, sector_scope(request.user, unit).sectors(top_sectors()))
        return Response([_status_data(status, request.user, due) for status in found])

    @extend_schema(
        tags=["workflow"],
        request=ActionSerializer,
        responses={200: StatusSerializer, 400: ErrorSerializer, 409: ErrorSerializer},
        operation_id="workflow_act",
    )
    def post(self, request):
        """Submit, approve or reopen (with a reason) the report of one unit, top-level sector and period."""
        body = ActionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        unit = _unit(request, data["org_unit"])
        period = _period(data["period"])
        sector = Sector.objects.filter(code=data["sector"], parent__isnull=True).first()
        if sector is None:
            raise exceptions.ValidationError(
                {"sector": [_("There is no top-level sector with code «%(code)s».") % {"code": data["sector"]}]}
            )
        try:
            status = actions.act(
                request.user,
                data["action"],
                unit,
                sector,
                period,
                reason=data["reason"],
                expected=data.get("expected"),
            )
        except PermissionDenied:
            raise exceptions.PermissionDenied(
                _("You may not do this for unit «%(code)s».") % {"code": unit.code}
            ) from None
        except WorkflowError as error:  # the report's state does not allow it (now)
            return Response({"detail": str(error)}, status=409)
        return Response(_status_data(status, request.user, deadline(period)))


@extend_schema(tags=["workflow"], parameters=[UNIT, PERIOD_REQUIRED], responses=ProgressSerializer)
class Progress(APIView):
    """For the level above: per unit below ``org_unit`` and top-level sector, state, timeliness and completeness."""

    def get(self, request):
        unit = _unit(request, request.query_params.get("org_unit"), Action.VIEW)
        period = _required_period(request)
        view = overview(unit, period, scope=sector_scope(request.user, unit))
        return Response(
            {
                "org_unit": unit.code,
                "period": period.code,
                "due": view.deadline.due if view.deadline else None,
                "units": [
                    {
                        "org_unit": row.unit.code,
                        "name": row.unit.name,
                        "sectors": [
                            {
                                "sector": cell.status.sector.code,
                                "state": cell.status.state,
                                "timeliness": cell.timeliness,
                                "entered": cell.entered,
                                "expected": cell.expected,
                                "completeness": format_number(cell.completeness, 1)
                                if cell.completeness is not None
                                else None,
                            }
                            for cell in row.cells
                        ],
                    }
                    for row in view.rows
                ],
            }
        )
