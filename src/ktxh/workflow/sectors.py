"""The grain of the workflow: the top-level sectors of the report's structure (Kinh tế, Văn hóa - Xã hội, Nội chính).

A commune's report is written and checked part by part, and the data-entry page shows one top-level sector at a
time; the officers who enter a part (economy, culture and society, internal affairs) submit it, and the leader
approves it, part by part. A finer grain (every sub-sector) would ask a leader for dozens of approvals per period;
a coarser one (the whole report) would hold everyone back until the slowest part is done.
"""

from __future__ import annotations

from ktxh.catalog.models import Sector


def top_sectors() -> list[Sector]:
    """The top-level sectors in the report's order."""
    return list(Sector.objects.filter(parent__isnull=True).order_by("sort_key"))


def top_of() -> dict[int, int]:
    """{sector id: id of its top-level sector} for every sector (one query; the catalog has a few dozen)."""
    parents = dict(Sector.objects.values_list("pk", "parent_id"))
    tops: dict[int, int] = {}
    for pk in parents:
        top, seen = pk, {pk}
        while parents.get(top) is not None and parents[top] not in seen:
            top = parents[top]
            seen.add(top)
        tops[pk] = top
    return tops


def within(sector: Sector) -> list[Sector]:
    """The sector and every sector below it."""
    return [
        s
        for s in Sector.objects.order_by("sort_key")
        if s.sort_key == sector.sort_key or s.sort_key.startswith(sector.sort_key + ".")
    ]
