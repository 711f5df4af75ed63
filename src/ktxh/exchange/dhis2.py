"""DHIS2 dataValueSets, JSON and CSV, with ``idScheme=code``: the figures a ktxh instance sends to a DHIS2 instance
and takes from one.

The mapping of codes is data (``ktxh/data/exchange/dhis2_mapping.csv``: ``kind`` is ``unit``, ``indicator`` or
``disaggregation``; ``ktxh`` and ``dhis2`` the codes on each side); a code not in the mapping is the same on both
sides, and the whole (undisaggregated) figure is DHIS2's ``default`` category option combination. DHIS2 has no
kinds of figure: actual figures in use are exchanged (no estimates, targets or variants), and what DHIS2 sends is
read as actual figures. Periods are written as DHIS2 writes them (``2024``, ``2024S1``, ``2024Q1``, ``202401``);
cumulative ktxh periods (``2024C9``) have no DHIS2 form and are left out of an export.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import TextIO

from django.utils.translation import gettext as _

from ktxh.datafiles import Problems, Row, iter_table
from ktxh.values.models import DataValue, plain_number

MAPPING = Path(__file__).resolve().parent.parent / "data" / "exchange" / "dhis2_mapping.csv"
CSV_COLUMNS = [
    "dataelement",
    "period",
    "orgunit",
    "catoptcombo",
    "attroptcombo",
    "value",
    "storedby",
    "lastupdated",
    "comment",
    "followup",
]
VALUE_KEYS = {
    "dataElement",
    "period",
    "orgUnit",
    "categoryOptionCombo",
    "attributeOptionCombo",
    "value",
    "storedBy",
    "created",
    "lastUpdated",
    "comment",
    "followup",
}
DHIS2_PERIOD = r"\d{4}|\d{4}S[12]|\d{4}Q[1-4]|\d{6}"


@cache
def mapping() -> dict[str, dict[str, str]]:
    """{kind: {ktxh code: dhis2 code}}."""
    found: dict[str, dict[str, str]] = {"unit": {}, "indicator": {}, "disaggregation": {}}
    with MAPPING.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            found[row["kind"]][row["ktxh"]] = row["dhis2"]
    return found


def to_dhis2(kind: str, code: str) -> str:
    return mapping()[kind].get(code, code)


def from_dhis2(kind: str, code: str) -> str:
    reverse = {v: k for k, v in mapping()[kind].items()}
    return reverse.get(code, code)


def exported(values: Iterable[DataValue]) -> list[dict]:
    import re

    out = []
    for value in values:
        if (
            value.kind != "actual"
            or value.variant
            or value.value is None
            or not re.fullmatch(DHIS2_PERIOD, value.period)
        ):
            continue
        item = {
            "dataElement": to_dhis2("indicator", value.indicator.code),
            "period": value.period,
            "orgUnit": to_dhis2("unit", value.org_unit.code),
            "categoryOptionCombo": to_dhis2("disaggregation", value.disaggregation),
            "attributeOptionCombo": "default",
            "value": plain_number(value.value),
        }
        if value.comment:
            item["comment"] = value.comment
        out.append(item)
    return out


def write_json(out: TextIO, values: Iterable[DataValue]) -> int:
    items = exported(values)
    json.dump({"dataValues": items}, out, ensure_ascii=False, indent=1)
    out.write("\n")
    return len(items)


def write_csv(out: TextIO, values: Iterable[DataValue]) -> int:
    from ktxh.exchange.csvfile import neutralise

    items = exported(values)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for item in items:
        writer.writerow(
            [
                item["dataElement"],
                item["period"],
                item["orgUnit"],
                item["categoryOptionCombo"],
                item["attributeOptionCombo"],
                item["value"],
                "",
                "",
                neutralise(item.get("comment", "")),
                "false",
            ]
        )
    return len(items)


def _row(file: str, line: int, item: dict) -> Row:
    return Row(
        file,
        line,
        {
            "org_unit": from_dhis2("unit", str(item.get("orgUnit") or "")),
            "indicator": from_dhis2("indicator", str(item.get("dataElement") or "")),
            "disaggregation": from_dhis2("disaggregation", str(item.get("categoryOptionCombo") or "default")),
            "period": str(item.get("period") or ""),
            "kind": "actual",
            "value": str(item.get("value") if item.get("value") is not None else ""),
            "comment": str(item.get("comment") or ""),
        },
    )


def read_json(path: Path, problems: Problems) -> list[Row]:
    """A dataValueSet (``{"dataValues": [...]}``, with optional set-wide ``period``, ``orgUnit``) as loader rows;
    each data value is a "line" numbered from 1 in the messages."""
    try:
        document = json.loads(path.read_bytes().decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        problems.add(None, None, _("the file is not valid JSON (%(error)s).") % {"error": error}, file=path.name)
        return []
    if not isinstance(document, dict) or not isinstance(document.get("dataValues"), list):
        problems.add(
            None,
            None,
            _("the file is not a DHIS2 dataValueSet: an object with a «dataValues» list is expected."),
            file=path.name,
        )
        return []
    rows = []
    for number, item in enumerate(document["dataValues"], start=1):
        if not isinstance(item, dict):
            problems.add(Row(path.name, number, {}), None, _("a data value must be an object."))
            continue
        unknown = sorted(set(item) - VALUE_KEYS)
        if unknown:
            problems.add(
                Row(path.name, number, {}), None, _("unknown field %(fields)s.") % {"fields": ", ".join(unknown)}
            )
        merged = {"period": document.get("period"), "orgUnit": document.get("orgUnit"), **item}
        rows.append(_row(path.name, number, merged))
    return rows


def read_csv(path: Path, problems: Problems) -> Iterator[Row]:
    """A DHIS2 dataValueSet CSV as loader rows, one at a time (the file is streamed)."""
    read = iter_table(path, CSV_COLUMNS, [*CSV_COLUMNS[:3], "value"], problems)
    return (
        _row(
            row.file,
            row.line,
            {
                "dataElement": row["dataelement"],
                "period": row["period"],
                "orgUnit": row["orgunit"],
                "categoryOptionCombo": row["catoptcombo"],
                "value": row["value"],
                "comment": row["comment"],
            },
        )
        for row in read
    )
