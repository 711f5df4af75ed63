"""Who may do what where: the one permission check of ktxh.

Every page, download, chart, form, export and admin screen made for a user asks here, never anywhere else:

- :func:`units_for` — the units a user may see (``Action.VIEW``) or act on (enter, approve, administer): the units
  granted to them with a role that allows the action, and everything below those units; all units for a superuser.
- :func:`allows` — whether one user may do one action on one unit.

Roles are cumulative: ``xem`` (view) < ``nhap-lieu`` (enter) < ``duyet`` (approve) < ``quan-tri`` (administer).
A unit outside a user's scope is treated as if it did not exist (the web answers 404 without saying which).
"""

from __future__ import annotations

import enum

from django.db.models import Q

from ktxh.units.models import OrgUnit, Role, UnitAccess


class Action(enum.IntEnum):
    """What a user wants to do; each role allows the actions up to its rank."""

    VIEW = 0
    ENTER = 1
    APPROVE = 2
    ADMINISTER = 3


ROLE_RANK = {
    Role.VIEW: Action.VIEW,
    Role.ENTER: Action.ENTER,
    Role.APPROVE: Action.APPROVE,
    Role.ADMINISTER: Action.ADMINISTER,
}


def _granted_paths(user, action: Action) -> list[str]:
    roles = [role for role, rank in ROLE_RANK.items() if rank >= action]
    return list(UnitAccess.objects.filter(user=user, role__in=roles).values_list("org_unit__path", flat=True))


def units_for(user, action: Action = Action.VIEW):
    """The units ``user`` may do ``action`` on: those granted with a role that allows it and everything below."""
    if user is None or not user.is_authenticated or not user.is_active:
        return OrgUnit.objects.none()
    if user.is_superuser:
        return OrgUnit.objects.all()
    paths = _granted_paths(user, action)
    if not paths:
        return OrgUnit.objects.none()
    condition = Q()
    for path in paths:
        condition |= Q(path__startswith=path)
    return OrgUnit.objects.filter(condition)


def allows(user, action: Action, unit: OrgUnit) -> bool:
    """Whether ``user`` may do ``action`` on ``unit`` (without a query for a superuser or an anonymous user)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return any(unit.path.startswith(path) for path in _granted_paths(user, action))


def visible_units(user):
    """The units a user may see (:func:`units_for` with ``Action.VIEW``)."""
    return units_for(user, Action.VIEW)
