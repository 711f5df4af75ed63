"""Store proposals in the review queue, and turn an accepted one into a figure through the figures' loader."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ktxh.catalog.models import Indicator
from ktxh.datafiles import Problems, Row
from ktxh.ingest.models import ProposedFigure, Status
from ktxh.units.scoping import Action, allows
from ktxh.values.loader import load_rows

#: the kind of figure each kind of statement becomes; a change is no figure of its indicator (correct it first)
FIGURE_KIND = {"result": "actual", "count": "actual", "share": "actual", "estimate": "estimate", "target": "target"}


class ReviewError(Exception):
    """The proposal cannot become a figure; the message says why (in the active language)."""


def enqueue(proposals, unit, report: str | Path) -> int:
    """Store proposals (of :mod:`ktxh.ingest.propose`) for ``unit`` as waiting for review; returns how many."""
    indicators = {i.code: i for i in Indicator.objects.filter(code__in={p.indicator_code for p in proposals})}
    rows = [
        ProposedFigure(
            org_unit=unit,
            indicator=indicators.get(p.indicator_code),
            period=p.period,
            kind=p.kind,
            value=Decimal(repr(p.value)),
            unit=p.unit,
            sentence=p.sentence[:5000],
            report=Path(report).name[:255],
            confidence=Decimal(repr(p.confidence)).quantize(Decimal("0.01")),
            reason=p.reason[:500],
        )
        for p in proposals
    ]
    ProposedFigure.objects.bulk_create(rows)
    return len(rows)


def provenance(proposal: ProposedFigure) -> tuple[str, str]:
    """(source, comment) of the figure an accepted proposal becomes."""
    source = _("from report %(file)s") % {"file": proposal.report}
    comment = _("from report %(file)s, sentence: %(sentence)s") % {
        "file": proposal.report,
        "sentence": proposal.sentence,
    }
    return source[:200], comment[:1000]


def accept(proposal: ProposedFigure, user, indicator: Indicator | None = None, value=None) -> None:
    """Accept ``proposal`` (optionally corrected: another indicator, another value): it becomes a figure through
    :func:`ktxh.values.loader.load_rows` — the same checks as any other entry — and is marked accepted. A ``user``
    whose grant is limited to sectors accepts only figures of those sectors (else PermissionDenied, as
    :func:`ktxh.values.entry.save_value`)."""
    if proposal.status != Status.PENDING:
        raise ReviewError(_("This proposal has already been reviewed."))
    indicator = indicator or proposal.indicator
    if indicator is None:
        raise ReviewError(_("Choose the indicator this figure is of."))
    if user is not None and not allows(user, Action.ENTER, proposal.org_unit, sector=indicator.sector):
        raise PermissionDenied(
            _("You may not enter figures of the sector «%(sector)s».") % {"sector": indicator.sector.name}
        )
    kind = FIGURE_KIND.get(proposal.kind)
    if kind is None:
        raise ReviewError(_("A change is not a figure of its indicator: reject it, or enter the value it leads to."))
    value = proposal.value if value is None else Decimal(str(value))
    source, comment = provenance(proposal)
    row = Row(
        _("review queue"),
        proposal.pk,
        {
            "org_unit": proposal.org_unit.code,
            "indicator": indicator.code,
            "period": proposal.period,
            "kind": kind,
            "value": format(value.normalize(), "f"),
            "source": source,
            "comment": comment,
        },
    )
    with transaction.atomic():
        load_rows([row], Problems())
        proposal.indicator, proposal.value = indicator, value
        proposal.status, proposal.reviewed_by, proposal.reviewed_at = Status.ACCEPTED, user, timezone.now()
        proposal.save()


def reject(proposal: ProposedFigure, user) -> None:
    if proposal.status != Status.PENDING:
        raise ReviewError(_("This proposal has already been reviewed."))
    proposal.status, proposal.reviewed_by, proposal.reviewed_at = Status.REJECTED, user, timezone.now()
    proposal.save()
