"""Which units a user may see. Every query of units or figures made for a user goes through here."""

from __future__ import annotations

from django.db.models import Q

from ktxh.units.models import OrgUnit, UnitAccess


def visible_units(user):
    """The units a user may see: those granted and everything below them; all for a superuser."""
    if not user.is_authenticated:
        return OrgUnit.objects.none()
    if user.is_superuser:
        return OrgUnit.objects.all()
    paths = list(UnitAccess.objects.filter(user=user).values_list("org_unit__path", flat=True))
    if not paths:
        return OrgUnit.objects.none()
    condition = Q()
    for path in paths:
        condition |= Q(path__startswith=path)
    return OrgUnit.objects.filter(condition)
