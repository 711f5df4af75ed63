"""The change log as a file: CSV (UTF-8 with a byte-order mark, as Excel opens it) or an Excel workbook, one row
per record with the state before and after as JSON. Every text cell goes through :func:`ktxh.datafiles.neutralise`
(an object's name or a value typed by a user may start with ``=``); in the workbook cells are written as strings,
never as formulas. Times are in the server's time zone, as the pages show them."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import BinaryIO, TextIO

from django.utils import timezone
from django.utils.translation import gettext as _

from ktxh.datafiles import neutralise
from ktxh.history.models import ChangeRecord

FORMATS = ("csv", "xlsx")


def columns() -> list[str]:
    return [_("time"), _("user"), _("action"), _("object type"), _("object id"), _("object"), _("before"), _("after")]


def cells(record: ChangeRecord) -> list[str]:
    """One record as the text of its cells, neutralised."""
    when = timezone.localtime(record.time) if timezone.is_aware(record.time) else record.time
    texts = [
        when.strftime("%d/%m/%Y %H:%M:%S"),
        record.actor,
        str(record.get_action_display()),
        record.object_type,
        "" if record.object_id is None else str(record.object_id),
        record.object_repr,
        "" if record.before is None else json.dumps(record.before, ensure_ascii=False, sort_keys=True),
        "" if record.after is None else json.dumps(record.after, ensure_ascii=False, sort_keys=True),
    ]
    return [neutralise(text) for text in texts]


def write_csv(out: TextIO, records: Iterable[ChangeRecord]) -> int:
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(columns())
    count = 0
    for record in records:
        writer.writerow(cells(record))
        count += 1
    return count


def write_xlsx(out: BinaryIO, records: Iterable[ChangeRecord]) -> int:
    import xlsxwriter

    workbook = xlsxwriter.Workbook(
        out,
        {
            "constant_memory": True,
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
        },
    )
    sheet = workbook.add_worksheet(_("Change history")[:31])
    bold = workbook.add_format({"bold": True})
    sheet.write_row(0, 0, columns(), bold)
    count = 0
    for count, record in enumerate(records, start=1):
        for col, text in enumerate(cells(record)):
            if text:
                sheet.write_string(count, col, text)
    workbook.close()
    return count
