"""Export = import: a figures export loads back unchanged, and a database holding only the catalog and the units
gives the same export, byte for byte, once the file is imported."""

import csv
import io

import pytest

from ktxh.cli import main
from ktxh.exchange.csvfile import VALUE_COLUMNS, import_values, neutralise, restore, values_queryset, write_values
from ktxh.history.models import ChangeRecord
from ktxh.values.models import DataValue

pytestmark = pytest.mark.django_db(transaction=True)


def export_text() -> str:
    out = io.StringIO()
    write_values(out, values_queryset())
    return out.getvalue()


def stored() -> list[tuple]:
    return sorted(
        DataValue.objects.values_list(
            "indicator__code",
            "org_unit__code",
            "period",
            "disaggregation",
            "kind",
            "target_source__code",
            "target_form",
            "variant",
            "value",
            "value_high",
            "text",
            "comment",
            "source",
        )
    )


def run(capsys, *args):
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def test_the_demo_export_holds_every_kind_of_figure(demo):
    rows = list(csv.DictReader(io.StringIO(export_text())))
    assert list(rows[0]) == VALUE_COLUMNS
    assert len(rows) == DataValue.objects.count()
    assert {"exact", "at_least", "at_most", "qualitative"} <= {r["target_form"] for r in rows}
    assert any(r["variant"] for r in rows)
    assert any(r["text"] and not r["value"] for r in rows)  # qualitative figures
    assert len({r["target_source"] for r in rows if r["kind"] == "target"}) >= 2
    assert any(r["disaggregation"] for r in rows)
    assert {r["kind"] for r in rows} == {"actual", "estimate", "target"}


def test_import_of_an_export_into_the_same_database_changes_nothing(demo, tmp_path, capsys):
    path = tmp_path / "export.csv"
    assert run(capsys, "export", "-o", str(path))[0] == 0
    before, history = stored(), ChangeRecord.objects.count()
    status, out, err = run(capsys, "import", str(path))
    assert status == 0, err
    assert "(0 mới, 0 sửa, " in out
    assert stored() == before and ChangeRecord.objects.count() == history


def test_export_then_import_into_catalog_and_units_only_gives_the_same_export(demo, tmp_path, capsys):
    text = export_text()
    path = tmp_path / "export.csv"
    path.write_text(text, encoding="utf-8", newline="")
    count = DataValue.objects.count()
    DataValue.objects.all().delete()  # the database now holds the catalog and the units, no figure
    status, out, err = run(capsys, "import", "--dry-run", str(path))
    assert status == 0, err
    assert f"({count} mới, 0 sửa, 0 không đổi)" in out and DataValue.objects.count() == 0
    status, out, err = run(capsys, "import", str(path))
    assert status == 0, err
    assert f"({count} mới, 0 sửa, 0 không đổi)" in out
    assert export_text() == text
    actors = set(
        ChangeRecord.objects.filter(object_type="values.datavalue", action="create").values_list("actor", flat=True)
    )
    assert any(actor.startswith("nhập từ tệp export.csv") for actor in actors)  # the change log names the file


def test_round_trip_of_text_that_a_spreadsheet_would_run(loaded, tmp_path):
    value = DataValue.objects.get(indicator__code="dan_lon", period="2023")
    value.comment, value.source, value.variant = '=1+2\nhai dòng, có "ngoặc"', "'trích dẫn", "-b"
    value.save()
    text = export_text()
    row = next(
        r for r in csv.DictReader(io.StringIO(text)) if r["indicator_code"] == "dan_lon" and r["period"] == "2023"
    )
    assert (row["comment"], row["source"], row["variant"]) == ('\'=1+2\nhai dòng, có "ngoặc"', "''trích dẫn", "'-b")
    target = next(r for r in csv.DictReader(io.StringIO(text)) if r["target_form"] == "range")  # the demo has none
    assert (target["value"], target["value_high"], target["target_source"]) == ("5000", "5400", "ke_hoach")
    before = stored()
    DataValue.objects.all().delete()
    path = tmp_path / "e.csv"
    path.write_text(text, encoding="utf-8", newline="")
    import_values(path)
    assert stored() == before and export_text() == text


@pytest.mark.parametrize("text", ["", "=SUM(A1)", "+1", "-1", "@x", "'", "''a", "\tx", "bình thường"])
def test_neutralise_is_undone_by_restore(text):
    assert restore(neutralise(text)) == text
    assert not neutralise(text).startswith(("=", "+", "-", "@", "\t"))


# -- refused files: which file, line and column, and nothing loaded -------------------------------------------------


def export_rows(loaded) -> list[dict]:
    return list(csv.DictReader(io.StringIO(export_text())))


def write(path, rows, columns=VALUE_COLUMNS):
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


@pytest.mark.parametrize(
    "change, where, message",
    [
        ({"indicator_code": "khong_co"}, "dòng 3, cột «indicator_code»", "chỉ tiêu «khong_co» không có trong danh mục"),
        ({"org_unit_code": "khong-co"}, "dòng 3, cột «org_unit_code»", "đơn vị «khong-co»"),
        ({"period": "2023Q9"}, "dòng 3, cột «period»", "2023Q9"),
        ({"value": "1.234,5"}, "dòng 3, cột «value»", "«1.234,5» không phải số viết thường"),
        ({"value": "１２３"}, "dòng 3, cột «value»", "0–9"),
        ({"value": "1_000"}, "dòng 3, cột «value»", "0–9"),
        ({"unit": "tấn"}, "dòng 3, cột «unit»", "«tấn»"),
        ({"variant": "x" * 17}, "dòng 3, cột «variant»", "tối đa 16"),
    ],
)
def test_a_bad_row_is_refused_with_file_line_and_column(loaded, tmp_path, capsys, change, where, message):
    rows = export_rows(loaded)
    DataValue.objects.all().delete()
    rows[1].update(change)
    path = write(tmp_path / "bad.csv", rows)
    history = ChangeRecord.objects.count()
    status, _, err = run(capsys, "import", str(path))
    assert status == 2 and "Traceback" not in err
    assert f"bad.csv, {where}" in err and message in err
    assert "(1 lỗi," in err  # only the real problem: no second «the value is missing»
    assert DataValue.objects.count() == 0 and ChangeRecord.objects.count() == history


def test_other_csv_files_are_read_by_their_header(loaded, files, tmp_path, capsys):
    """A values file and the first export format are sheets with a header row: they are read (the values file
    changes nothing here; the first export format lacks the targets' form); a header ktxh does not know is
    refused, naming the column."""
    status, out, err = run(capsys, "import", str(files.dataset / "values" / "main.csv"))
    assert status == 0, err
    assert "(0 mới, 0 sửa, " in out
    old = [{c: r[c] for c in VALUE_COLUMNS[:11]} for r in export_rows(loaded)]  # the first export format
    status, out, err = run(capsys, "import", str(write(tmp_path / "old.csv", old, VALUE_COLUMNS[:11])))
    assert status == 2 and "old.csv, dòng 5, cột «target_form»" in err  # a target needs its form
    bad = tmp_path / "bad.csv"
    bad.write_text("org_unit,indicatr,period,kind,value\nxa,dan_lon,2023,actual,1\n", encoding="utf-8")
    status, _, err = run(capsys, "import", str(bad))
    assert status == 2 and "«indicatr»" in err
    status, _, err = run(capsys, "import", str(tmp_path / "khong-co.csv"))
    assert status == 2 and "khong-co.csv" in err


def test_dry_run_writes_nothing_and_reports_changes(loaded, tmp_path, capsys):
    rows = export_rows(loaded)
    rows[0]["value"] = "640"
    path = write(tmp_path / "e.csv", rows)
    before, history = stored(), ChangeRecord.objects.count()
    status, out, err = run(capsys, "import", "--dry-run", str(path))
    assert status == 0, err
    assert "không ghi gì" in out and "(0 mới, 1 sửa, 6 không đổi)" in out
    assert stored() == before and ChangeRecord.objects.count() == history
    status, out, err = run(capsys, "import", str(path))
    assert status == 0 and "(0 mới, 1 sửa, 6 không đổi)" in out
    assert ChangeRecord.objects.count() == history + 1
