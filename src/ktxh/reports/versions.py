"""Generating a report as a kept version: the one path of the web's reports page and the API.

:func:`generate` builds the .docx with :func:`ktxh.reports.builder.build_report` (the template is filled in the
builder's own forked child with its time and memory limits, so a server thread calling this does not fork anything
else), converts it to PDF with LibreOffice when installed (a separate program, started with ``subprocess`` and its
own profile and timeout), and stores both as the next :class:`~ktxh.reports.models.ReportVersion` of the unit and
period, numbered under a row lock so that two generations at once get two numbers.
"""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from ktxh.periods import Period
from ktxh.reports.models import ReportVersion
from ktxh.units.models import OrgUnit


def generate(unit: OrgUnit, period: Period, created_by: str, with_pdf: bool = True) -> ReportVersion:
    """Build, convert and keep the next version of ``unit``'s report for ``period``. Raises ``ReportError``,
    ``TemplateError`` or ``PeriodError`` (their messages are for the user) and writes nothing then. The version's
    ``pdf_note`` says why there is no PDF (LibreOffice missing or failing, or not asked for)."""
    from ktxh.reports.builder import build_report
    from ktxh.reports.pdf import PdfError, convert, soffice

    buffer = io.BytesIO()
    result = build_report(unit, period, buffer)
    pdf, note = None, ""
    if not with_pdf:
        note = _("No PDF was asked for.")
    elif soffice() is None:
        note = _(
            "No PDF: LibreOffice is not installed on the server (Debian/Ubuntu: apt-get install "
            "libreoffice-writer-nogui). Download the .docx and print it to PDF from Word."
        )
    else:
        with tempfile.TemporaryDirectory(prefix="ktxh-report-") as work:
            docx = Path(work) / "bao-cao.docx"
            docx.write_bytes(buffer.getvalue())
            try:
                pdf = convert(docx).read_bytes()
            except PdfError as error:
                note = str(error)
    with transaction.atomic():
        number = (
            ReportVersion.objects.select_for_update()
            .filter(org_unit=unit, period=period.code)
            .aggregate(n=Max("number"))["n"]
            or 0
        ) + 1
        return ReportVersion.objects.create(
            org_unit=unit,
            period=period.code,
            number=number,
            created_by=created_by,
            docx=buffer.getvalue(),
            pdf=pdf,
            pdf_note=note,
            warnings="\n".join(result.warnings),
        )


def file_name(version: ReportVersion, fmt: str) -> str:
    """``bao-cao-CODE-PERIOD-vN.docx``: the name a download is saved under."""
    return f"bao-cao-{version.org_unit.code}-{version.period}-v{version.number}.{fmt}"
