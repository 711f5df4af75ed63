"""DHIS2 dataValueSets: the output has DHIS2's documented structure, and export → import gives the same figures."""

from __future__ import annotations

import io
import json
import re

import pytest

from ktxh.datafiles import LoadError
from ktxh.exchange import dhis2
from ktxh.exchange.csvfile import values_queryset
from ktxh.exchange.registry import import_file
from ktxh.values.models import DataValue

pytestmark = pytest.mark.django_db(transaction=True)
# DHIS2's documented dataValue fields (Web API, "Sending data values"; idScheme=code)
DOCUMENTED = {
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


def actuals():
    return sorted(
        DataValue.objects.filter(kind="actual", variant="").values_list(
            "indicator__code", "org_unit__code", "period", "disaggregation", "value"
        )
    )


def test_json_has_the_documented_structure(loaded):
    out = io.StringIO()
    count = dhis2.write_json(out, values_queryset())
    document = json.loads(out.getvalue())
    assert set(document) == {"dataValues"} and count == len(document["dataValues"]) > 0
    for item in document["dataValues"]:
        assert set(item) <= DOCUMENTED
        assert {"dataElement", "period", "orgUnit", "categoryOptionCombo", "value"} <= set(item)
        assert isinstance(item["value"], str)
        assert re.fullmatch(r"\d{4}|\d{4}S[12]|\d{4}Q[1-4]|\d{6}", item["period"])
    assert any(item["categoryOptionCombo"] == "default" for item in document["dataValues"])


def test_csv_has_the_documented_columns(loaded):
    out = io.StringIO()
    dhis2.write_csv(out, values_queryset())
    assert out.getvalue().splitlines()[0] == (
        "dataelement,period,orgunit,catoptcombo,attroptcombo,value,storedby,lastupdated,comment,followup"
    )


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_round_trip(loaded, tmp_path, fmt):
    before = actuals()
    path = tmp_path / f"dvs.{fmt}"
    with path.open("w", encoding="utf-8", newline="") as out:
        (dhis2.write_json if fmt == "json" else dhis2.write_csv)(out, values_queryset())
    DataValue.objects.filter(kind="actual").delete()
    summary = import_file(path)
    assert summary.created == len(before) and actuals() == before
    assert import_file(path).created == 0  # again: nothing changes


def test_bad_documents_are_refused(loaded, tmp_path):
    path = tmp_path / "x.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(LoadError, match="JSON"):
        import_file(path)
    path.write_text(
        json.dumps(
            {"dataValues": [{"dataElement": "khong_co", "period": "2024", "orgUnit": "xa", "value": "1", "bogus": 1}]}
        ),
        encoding="utf-8",
    )
    with pytest.raises(LoadError) as error:
        import_file(path)
    assert "khong_co" in str(error.value) and "bogus" in str(error.value)
