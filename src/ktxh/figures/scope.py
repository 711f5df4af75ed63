"""Which sectors' figures one user may read (or enter) in one unit: the read side of a grant limited to sectors.

The one permission check decides (:func:`ktxh.units.scoping.sector_limit` and :func:`~ktxh.units.scoping.covers`,
which compare sector *codes*); this module only turns its answer into the catalog's sector ids, which the read model
and every caller that lays out figures filter on. It is not a second check: a sector is in the scope exactly when
``allows(user, action, unit, sector=that sector)`` holds.

Every path that shows figures of a unit asks :func:`sector_scope` once and hands the scope to what reads them: the
scorecard (:class:`ktxh.analytics.scorecard.Builder`, behind the dashboard, its comparison, the charts, the
scorecard and appendix downloads and the API's scorecard), the stored statements of the API and of the pages
(``SectorScope.indicator_ids`` as ``statements.load(indicator_ids=…)``), the progress of the workflow (top-level
sectors), the review queue and the audit trail. An indicator's own sector decides: a figure computed by formula in
a sector the user may read is shown even when the indicators it is made from belong to another sector (its value
is that sector's business; its inputs are not listed).

Outputs of the whole unit — the Word report and its kept versions — are not narrowed: a user whose grant is
limited to sectors is refused them (:func:`whole_unit`), see ``docs/architecture.md``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ktxh.catalog.models import Indicator, Sector
from ktxh.units.models import OrgUnit
from ktxh.units.scoping import Action, covers, sector_limit


@dataclass(frozen=True)
class SectorScope:
    """The sectors (ids, each listed with its sub-sectors) a user may read or enter in a unit; ``None``: every
    sector."""

    sector_ids: frozenset[int] | None = None

    @property
    def whole(self) -> bool:
        """Every sector: nothing to narrow."""
        return self.sector_ids is None

    def has_sector(self, sector_id: int | None) -> bool:
        return self.sector_ids is None or sector_id in self.sector_ids

    def has(self, indicator: Indicator) -> bool:
        """Whether the figures of ``indicator`` are in the scope (its own sector decides)."""
        return self.sector_ids is None or indicator.sector_id in self.sector_ids

    def indicator_ids(self) -> list[int] | None:
        """The ids of the indicators in the scope, for ``statements.load(indicator_ids=…)``; None for every one."""
        if self.sector_ids is None:
            return None
        return list(Indicator.objects.filter(sector_id__in=self.sector_ids).values_list("pk", flat=True))

    def sectors(self, sectors: Iterable[Sector]) -> list[Sector]:
        """``sectors`` without those outside the scope, in their order."""
        return [s for s in sectors if self.has_sector(s.pk)]


EVERY_SECTOR = SectorScope(None)


def sector_scope(user, unit: OrgUnit, action: Action = Action.VIEW) -> SectorScope:
    """The sectors in which ``user`` may do ``action`` (reading, by default) on ``unit``: one query for the grants
    and, for a grant limited to sectors, one for the sector tree. A user who may not see the unit at all gets an
    empty scope (callers have refused them before)."""
    limit = sector_limit(user, action, unit)
    if limit is None:
        return EVERY_SECTOR
    if not limit:
        return SectorScope(frozenset())
    by_id = {s.pk: s for s in Sector.objects.all()}
    for sector in by_id.values():
        sector.parent = by_id.get(sector.parent_id)
    return SectorScope(frozenset(pk for pk, sector in by_id.items() if covers(limit, sector)))


def whole_unit(user, unit: OrgUnit) -> bool:
    """Whether ``user`` may read every sector of ``unit``: what an output of the whole unit (the Word report, its
    kept versions) needs."""
    return sector_scope(user, unit).whole
