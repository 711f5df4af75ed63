"""Who may do what where: the one permission check of ktxh.

Every page, download, chart, form, export and admin screen made for a user asks here, never anywhere else:

- :func:`units_for` — the units a user may see (``Action.VIEW``) or act on (enter, approve, administer): the units
  granted to them with a role that allows the action, and everything below those units; all units for a superuser.
- :func:`allows` — whether one user may do one action on one unit.

Roles are cumulative: ``xem`` (view) < ``nhap-lieu`` (enter) < ``duyet`` (approve) < ``quan-tri`` (administer).
A unit outside a user's scope is treated as if it did not exist (the web answers 404 without saying which).

A grant may be limited to sectors of the catalog (``UnitAccess.sectors``). Every path that writes or shows one
sector's figures names it (``sector=``): the grant then counts only if one of its sectors is that sector or one
above it. The units layer does not import the catalog (they are siblings): a sector is anything with
``lineage_codes()`` — its own code and those of the sectors above it (:class:`ktxh.catalog.models.Sector` has it).
Without a sector the question is about the unit as a whole: whether the user may do the action there for at least
one sector (to list the unit, to open its grid).

A look at something that exists but lies outside the user's scope (an id or a code changed in an address or an
API call) is answered like a missing one (404) and written by :func:`log_outside_scope` to the ``ktxh.security``
logger, not to the change log: the change log records what changed and who signed in, is append-only and can never
be pruned, and refused reads are made by whoever sends requests — a script probing ids would fill it for good. The
security log goes where the server's log goes (standard error, the journal), rotated by the system.

A request asks several of these questions of the same user (the entry grid's save: the units the user may enter,
then whether the save is allowed), so a user's grants are read once and kept on the user object — which lives for
one request — as long as no grant or unit was saved or deleted in this process since (a counter the model signals
move). Another process's change is seen by the next request, which loads the user again.
"""

from __future__ import annotations

import enum
import logging
from typing import Protocol

from django.db.models import Q
from django.db.models.signals import post_delete, post_save

from ktxh.units.models import OrgUnit, Role, UnitAccess

SECURITY_LOG = logging.getLogger("ktxh.security")


def log_outside_scope(user, what: str, key, request=None) -> None:
    """Note that ``user`` asked for ``what`` ``key`` (a unit code, a report version id) which exists but is outside
    their scope; the caller answers 404 as for a missing one."""
    SECURITY_LOG.warning(
        "outside scope: user=%s %s=%s path=%s address=%s",
        user.get_username() if user is not None and user.is_authenticated else "-",
        what,
        key,
        request.get_full_path() if request is not None else "-",
        request.META.get("REMOTE_ADDR", "-") if request is not None else "-",
    )


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


class SectorLike(Protocol):
    def lineage_codes(self) -> tuple[str, ...]:
        """The sector's code and the codes of the sectors above it."""


def covers(limit, sector: SectorLike | None) -> bool:
    """Whether a grant limited to the sector codes ``limit`` (empty: every sector) covers ``sector``."""
    if not limit or sector is None:
        return True
    return not set(limit).isdisjoint(sector.lineage_codes())


_generation = [0]  # moved by every save or delete of a grant or a unit in this process: kept grants are then stale


def _changed(sender, **kwargs) -> None:
    _generation[0] += 1


for _model in (UnitAccess, OrgUnit):
    post_save.connect(_changed, sender=_model, dispatch_uid=f"ktxh-scoping-{_model.__name__}-save")
    post_delete.connect(_changed, sender=_model, dispatch_uid=f"ktxh-scoping-{_model.__name__}-delete")


def _grants(user, action: Action) -> list[tuple[str, list]]:
    """(unit path, sector limit) of the user's grants whose role allows ``action``: one query per user object (see
    the module's docstring)."""
    kept = getattr(user, "_ktxh_grants", None)
    if kept is None or kept[0] != _generation[0]:
        rows = list(UnitAccess.objects.filter(user=user).values_list("role", "org_unit__path", "sectors"))
        kept = (_generation[0], rows)
        user._ktxh_grants = kept
    return [(path, limit) for role, path, limit in kept[1] if ROLE_RANK.get(role, -1) >= action]


def _granted_paths(user, action: Action, sector: SectorLike | None = None) -> list[str]:
    return [path for path, limit in _grants(user, action) if covers(limit, sector)]


def sector_limit(user, action: Action, unit: OrgUnit) -> frozenset[str] | None:
    """The sectors (codes, each covering its sub-sectors) in which ``user`` may do ``action`` on ``unit``: None for
    every sector, an empty set for none. For a page that lays out many sectors of one unit at once (the entry grid,
    a template): one query, then :func:`covers` per sector."""
    if user is None or not user.is_authenticated or not user.is_active:
        return frozenset()
    if user.is_superuser:
        return None
    codes: set[str] = set()
    for path, limit in _grants(user, action):
        if unit.path.startswith(path):
            if not limit:
                return None
            codes.update(limit)
    return frozenset(codes)


def units_for(user, action: Action = Action.VIEW, sector: SectorLike | None = None):
    """The units ``user`` may do ``action`` on (for ``sector``, when named): those granted with a role that allows
    it and everything below."""
    if user is None or not user.is_authenticated or not user.is_active:
        return OrgUnit.objects.none()
    if user.is_superuser:
        return OrgUnit.objects.all()
    paths = _granted_paths(user, action, sector)
    if not paths:
        return OrgUnit.objects.none()
    condition = Q()
    for path in paths:
        condition |= Q(path__startswith=path)
    return OrgUnit.objects.filter(condition)


def allows(user, action: Action, unit: OrgUnit, sector: SectorLike | None = None) -> bool:
    """Whether ``user`` may do ``action`` on ``unit`` — for ``sector`` when named, else for at least one sector
    (without a query for a superuser or an anonymous user)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return any(unit.path.startswith(path) for path in _granted_paths(user, action, sector))


def visible_units(user):
    """The units a user may see (:func:`units_for` with ``Action.VIEW``)."""
    return units_for(user, Action.VIEW)


def auditable_users(viewer):
    """The users whose trail in the change log ``viewer`` may read and export: every user for a superuser; for an
    administrator (``quan-tri``), the users who are not superusers and all of whose grants lie in units the viewer
    administers (a user who also works elsewhere is another administrator's to audit too, and not fully theirs)."""
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.all()
    if viewer is None or not viewer.is_authenticated or not viewer.is_active:
        return users.none()
    if viewer.is_superuser:
        return users
    administered = units_for(viewer, Action.ADMINISTER)
    elsewhere = UnitAccess.objects.exclude(org_unit__in=administered).values("user_id")
    return users.filter(is_superuser=False, unit_access__org_unit__in=administered).exclude(pk__in=elsewhere).distinct()
