"""Load report particulars (``report.csv``) and narratives (``narratives.csv``) of a data set folder."""

from __future__ import annotations

from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from ktxh.catalog.models import Sector
from ktxh.datafiles import Problems, check_lengths, parse_date, parse_decimal, read_table
from ktxh.periods import Period, PeriodError
from ktxh.reports.models import SPECIAL_SECTIONS, Narrative, Report
from ktxh.units.models import OrgUnit

REPORT_COLUMNS = [
    "org_unit",
    "period",
    "number",
    "issued_on",
    "place",
    "signer_name",
    "signer_position",
    "authority",
    "recipients",
]
NARRATIVE_COLUMNS = ["org_unit", "period", "section", "order", "text"]


def load_report_texts(folder: Path, display_root: Path | None = None) -> tuple[int, int]:
    """Returns (reports, narratives) loaded; missing files load nothing. Raises LoadError."""
    folder = Path(folder)
    problems = Problems()
    reports = read_table(folder / "report.csv", REPORT_COLUMNS, ["org_unit", "period"], problems, display_root)
    narratives = read_table(
        folder / "narratives.csv", NARRATIVE_COLUMNS, ["org_unit", "period", "section", "text"], problems, display_root
    )
    check_lengths(reports, problems, Report, ["number", "place", "signer_name", "signer_position", "authority"])
    problems.raise_if_any()
    units = {u.code: u for u in OrgUnit.objects.all()}
    sections = set(SPECIAL_SECTIONS) | set(Sector.objects.values_list("code", flat=True))

    def check_common(row) -> tuple[OrgUnit | None, str]:
        unit = units.get(row["org_unit"])
        if unit is None:
            problems.add(row, "org_unit", _("unit «%(code)s» is not in the list of units.") % {"code": row["org_unit"]})
        try:
            period = Period.parse(row["period"]).code
        except PeriodError as error:
            problems.add(row, "period", str(error))
            period = ""
        return unit, period

    report_rows = []
    for row in reports:
        unit, period = check_common(row)
        report_rows.append((row, unit, period, parse_date(row, "issued_on", problems)))
    from ktxh.catalog.models import Indicator
    from ktxh.reports.plans import check_narrative

    known = set(Indicator.objects.values_list("code", flat=True))
    narrative_rows = []
    seen = {}
    for row in narratives:
        unit, period = check_common(row)
        if row["section"] not in sections:
            problems.add(
                row,
                "section",
                _("section «%(section)s» is neither a sector code nor one of %(special)s.")
                % {"section": row["section"], "special": ", ".join(SPECIAL_SECTIONS)},
            )
        order = parse_decimal(row, "order", problems)
        order = int(order) if order is not None and order == order.to_integral_value() and order > 0 else 1
        key = (row["org_unit"], period, row["section"], order)
        if key in seen:
            problems.add(
                row,
                "order",
                _("a paragraph with this unit, period, section and order is already on line %(line)d.")
                % {"line": seen[key]},
            )
        seen[key] = row.line
        if not row["text"]:
            problems.add(row, "text", _("the text is empty."))
        else:
            check_narrative(row["text"], known, problems, row)
        narrative_rows.append((row, unit, period, order))
    problems.raise_if_any()

    with transaction.atomic():
        for row, unit, period, issued_on in report_rows:
            fields = {
                "number": row["number"],
                "issued_on": issued_on,
                "place": row["place"],
                "signer_name": row["signer_name"],
                "signer_position": row["signer_position"],
                "authority": row["authority"],
                "recipients": "\n".join(part.strip() for part in row["recipients"].split("|") if part.strip()),
            }
            report = Report.objects.filter(org_unit=unit, period=period).first()
            if report is None:
                Report.objects.create(org_unit=unit, period=period, **fields)
            elif any(getattr(report, k) != v for k, v in fields.items()):
                for k, v in fields.items():
                    setattr(report, k, v)
                report.save()
        for row, unit, period, order in narrative_rows:
            existing = Narrative.objects.filter(
                org_unit=unit, period=period, section=row["section"], order=order
            ).first()
            if existing is None:
                Narrative.objects.create(
                    org_unit=unit, period=period, section=row["section"], order=order, text=row["text"]
                )
            elif existing.text != row["text"]:
                existing.text = row["text"]
                existing.save()
    return len(report_rows), len(narrative_rows)
