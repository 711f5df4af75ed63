"""Excel templates and the import of spreadsheets: every problem at once, the whole file or nothing, numbers in
both notations, hostile files refused with a word."""

from __future__ import annotations

import datetime as dt
import zipfile
from decimal import Decimal

import openpyxl
import pytest
import xlsxwriter
from hypothesis import given, settings
from hypothesis import strategies as st

from ktxh.catalog.models import Sector
from ktxh.cli import main
from ktxh.datafiles import LoadError
from ktxh.exchange import xlsx_template
from ktxh.exchange.cells import POINT, VI, readings, resolve
from ktxh.exchange.csvfile import VALUE_COLUMNS
from ktxh.exchange.registry import import_file, preview
from ktxh.history.models import ChangeRecord
from ktxh.numbers import format_number
from ktxh.periods import Period
from ktxh.units.models import OrgUnit
from ktxh.values.models import DataValue

pytestmark = pytest.mark.django_db(transaction=True)
HEADER = ["Mã đơn vị", "Kỳ", "Mã chỉ tiêu", "Mã phân tổ", "Loại số liệu", "Giá trị", "Ghi chú"]


def sheet(path, rows, header=HEADER, name="Số liệu", extra=None):
    workbook = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False})
    ws = workbook.add_worksheet(name)
    ws.write_row(0, 0, header)
    for i, row in enumerate(rows, start=1):
        for j, cell in enumerate(row):
            if isinstance(cell, dt.date):
                ws.write_datetime(
                    i, j, dt.datetime.combine(cell, dt.time()), workbook.add_format({"num_format": "dd/mm/yyyy"})
                )
            else:
                ws.write(i, j, cell)
    if extra:
        extra(workbook, ws)
    workbook.close()
    return path


def problems_of(path):
    with pytest.raises(LoadError) as error:
        import_file(path)
    return str(error.value)


def values():
    return sorted(DataValue.objects.values_list("indicator__code", "period", "disaggregation", "kind", "value"))


def test_template_fills_in_and_imports_back(loaded, tmp_path, capsys):
    path = tmp_path / "mau.xlsx"
    assert main(["template", "--org-unit", "xa", "--period", "2024", "-o", str(path)]) == 0
    book = openpyxl.load_workbook(path)
    assert len(book.sheetnames) >= 2  # one sheet per sector
    ws = book[book.sheetnames[0]]
    header = [c.value for c in ws[1]]
    assert "Giá trị" in header and "Loại số liệu" in header
    assert ws.column_dimensions["A"].hidden and ws.protection.sheet
    assert ws.data_validations.dataValidation  # drop-downs and numeric validation
    value_col = header.index("Giá trị") + 1
    code_col = header.index("Mã chỉ tiêu") + 1
    filled = 0
    for row in ws.iter_rows(min_row=2):
        if row[code_col - 1].value == "dat_nong_nghiep" and not row[3].value:
            row[value_col - 1].value = 640.5
            filled += 1
    book.save(path)
    before = DataValue.objects.count()
    summary = import_file(path, who="ho")
    assert summary.created == filled == 1 and DataValue.objects.count() == before + 1
    assert DataValue.objects.get(indicator__code="dat_nong_nghiep", period="2024", disaggregation="").value == Decimal(
        "640.5"
    )
    record = ChangeRecord.objects.latest("pk")
    assert "mau.xlsx" in record.actor and "ho" in record.actor
    again = import_file(path)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)


def test_template_shows_last_year_and_target(loaded, tmp_path):
    path = tmp_path / "t.xlsx"
    xlsx_template.write(OrgUnit.objects.get(code="xa"), Period.parse("2024"), Sector.objects.get(code="KT"), path)
    book = openpyxl.load_workbook(path)
    rows = [[c.value for c in r] for r in book.worksheets[0].iter_rows()]
    lon = next(r for r in rows if r[2] == "dan_lon")
    assert 4426 in lon and 5000 in lon  # last year's figure, this year's target (lower bound)
    assert lon[6] == "con"


def test_vietnamese_and_point_numbers_by_column(loaded, tmp_path):
    path = sheet(
        tmp_path / "a.xlsx",
        [
            ["xa", "2024", "dat_nong_nghiep", "", "Thực hiện", "1.234,5", ""],
            ["xa", "2024", "dat_nong_nghiep", "loai_dat=lua", "Thực hiện", "4.426", ""],  # Vietnamese by the column
            ["xa", "2024", "tong_so_ho", "", "ước", 4426, ""],
        ],
    )
    import_file(path)
    got = {(c, d): v for c, _p, d, _k, v in values() if _p == "2024"}
    assert got[("dat_nong_nghiep", "")] == Decimal("1234.5")
    assert got[("dat_nong_nghiep", "loai_dat=lua")] == Decimal("4426")
    assert got[("tong_so_ho", "")] == Decimal("4426")


def test_ambiguous_cell_is_reported_not_guessed(loaded, tmp_path):
    before = values()
    path = sheet(tmp_path / "b.xlsx", [["xa", "2024", "dat_nong_nghiep", "", "Thực hiện", "4.426", ""]])
    text = problems_of(path)
    assert "4.426" in text and "4426" in text and "4,426" in text and "dòng 2" in text
    assert values() == before
    # a whole-number indicator decides it
    import_file(sheet(tmp_path / "c.xlsx", [["xa", "2024", "tong_so_ho", "", "Thực hiện", "4.426", ""]]))
    assert DataValue.objects.get(indicator__code="tong_so_ho", period="2024").value == 4426


def test_every_problem_at_once_and_nothing_written(loaded, tmp_path):
    before, history = values(), ChangeRecord.objects.count()
    path = sheet(
        tmp_path / "bad.xlsx",
        [
            ["xa", "2024", "khong_co", "", "Thực hiện", 5, ""],  # unknown indicator
            ["zz", "2024", "dan_lon", "", "Thực hiện", 5, ""],  # unknown unit
            ["xa", "2024", "dan_lon", "", "Thực hiện", "năm", ""],  # text in a number cell
            ["xa", "2024", "tong_so_ho", "", "Thực hiện", dt.date(2024, 1, 5), ""],  # a date
            ["xa", "2024", "ho_ngheo", "", "Thực hiện", 3, ""],
            ["xa", "2024", "ho_ngheo", "", "Thực hiện", 3, ""],  # duplicate
            ["xa", "2024", "dat_nong_nghiep", "", "Thực hiện", 1.5, ""],  # fine
        ],
    )
    text = problems_of(path)
    for expected in ("khong_co", "«zz»", "«năm»", "ngày", "dòng 7", "trang tính «Số liệu»"):
        assert expected in text, expected
    assert values() == before and ChangeRecord.objects.count() == history


@pytest.mark.parametrize(
    "case", ["truncated", "text", "password", "zipbomb", "big", "merged", "formula", "extra", "unknown_header"]
)
def test_hostile_files_are_refused_with_a_word(loaded, tmp_path, monkeypatch, case):
    good = sheet(tmp_path / "good.xlsx", [["xa", "2024", "dan_lon", "", "Thực hiện", 5, ""]])
    path = tmp_path / f"{case}.xlsx"
    expected = ""
    if case == "truncated":
        path.write_bytes(good.read_bytes()[:2000])
        expected = "không phải tệp Excel"
    elif case == "text":
        path.write_text("org_unit,value\nxa,5\n")
        expected = "không phải tệp Excel"
    elif case == "password":
        path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
        expected = "mật khẩu"
    elif case == "zipbomb":
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("[Content_Types].xml", "<Types/>")
            archive.writestr("xl/worksheets/sheet1.xml", b"0" * (5 * 1024 * 1024))
        expected = "zip bomb"
    elif case == "big":
        monkeypatch.setenv("KTXH_IMPORT_MAX_BYTES", "1000")
        path = good
        expected = "KTXH_IMPORT_MAX_BYTES"
    elif case == "merged":
        sheet(
            path,
            [["xa", "2024", "dan_lon", "", "Thực hiện", 5, ""]],
            extra=lambda wb, ws: ws.merge_range(0, 0, 0, 1, "Mã đơn vị"),
        )
        expected = "gộp"
    elif case == "formula":
        sheet(
            path,
            [["xa", "2024", "dan_lon", "", "Thực hiện", 5, ""]],
            extra=lambda wb, ws: ws.write_formula(1, 5, "=2+3", None, 5),
        )
        expected = "F2"
    elif case == "extra":

        def add(wb, ws):
            other = wb.add_worksheet("Ghi chép")
            other.write_row(0, 0, ["Ngày", "Việc"])

        sheet(path, [["xa", "2024", "dan_lon", "", "Thực hiện", 5, ""]], extra=add)
        expected = "Ghi chép"
    elif case == "unknown_header":
        sheet(path, [["xa", "2024", "dan_lon", "", "Thực hiện", 5, ""]], header=[*HEADER[:5], "Gia tri"])
        expected = "Gia tri"
    before = values()
    text = problems_of(path)
    assert expected in text, text
    assert values() == before


def test_preview_lists_new_changed_unchanged(loaded, tmp_path):
    path = sheet(
        tmp_path / "p.xlsx",
        [
            ["xa", "2023", "ty_le_ho_ngheo", "", "Thực hiện", 1.59, ""],  # unchanged
            ["xa", "2023", "ho_ngheo", "", "ước", 90, ""],  # changed (84 → 90)
            ["xa", "2024", "tong_so_ho", "", "Thực hiện", 5, ""],  # new
        ],
    )
    before = values()
    summary = preview(path)
    assert (summary.created, summary.updated, summary.unchanged) == (1, 1, 1)
    assert len(summary.new) == len(summary.changed) == len(summary.same) == 1
    changed, old = summary.changed[0]
    assert changed.value == 90 and Decimal(str(old["value"])) == 84
    assert values() == before


def test_csv_with_vietnamese_headers(loaded, tmp_path, capsys):
    path = tmp_path / "so-lieu.csv"
    path.write_text(
        'Mã đơn vị,Kỳ,Mã chỉ tiêu,Loại số liệu,Giá trị\nxa,2024,dat_nong_nghiep,Thực hiện,"1.134,31"\n'
        "xa,2024,tong_so_ho,Thực hiện,4.426\n",
        encoding="utf-8",
    )
    assert main(["import", str(path)]) == 0, capsys.readouterr().err
    assert DataValue.objects.get(indicator__code="dat_nong_nghiep", period="2024").value == Decimal("1134.31")
    assert DataValue.objects.get(indicator__code="tong_so_ho", period="2024").value == 4426


@settings(max_examples=300, deadline=None)
@given(
    st.decimals(min_value=-(10**12), max_value=10**12, places=3, allow_nan=False, allow_infinity=False), st.booleans()
)
def test_fuzz_vietnamese_numbers_read_back(number, grouping):
    text = format_number(number, grouping=grouping)
    found = readings(text)
    assert found.get(VI) == number
    value, reason = resolve(text, VI, False)
    assert reason is None and value == number


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="0123456789.,- +e_１", max_size=14))
def test_fuzz_any_text_is_a_number_or_a_reason(text):
    value, reason = resolve(text, None, False)
    assert (value is None) != (reason is None)
    found = readings(text)
    if value is not None:
        assert value in found.values()
    if POINT in found and VI in found and found[POINT] != found[VI]:
        assert value is None  # never guessed without a column or a value type


def test_formulas_are_neutralised_in_units_and_scorecard_outputs(loaded, tmp_path, capsys):
    unit = OrgUnit.objects.get(code="xa")
    unit.name = '=HYPERLINK("http://x")'
    unit.save()
    assert main(["units"]) == 0
    out = capsys.readouterr().out
    assert "'=HYPERLINK" in out and "\n=HYPERLINK" not in out and ",=HYPERLINK" not in out
    path = tmp_path / "card.xlsx"
    assert main(["scorecard", "--org-unit", "xa", "--period", "2023", "--format", "xlsx", "-o", str(path)]) == 0
    book = openpyxl.load_workbook(path)
    ws = book.worksheets[0]
    assert ws["A1"].value.startswith("'") or "HYPERLINK" not in str(ws["A1"].value).upper()[:1]
    cells = [c for row in ws.iter_rows() for c in row if c.value is not None]
    assert not any(c.data_type == "f" for c in cells)  # no formula anywhere
    numbers = [c for c in cells if isinstance(c.value, (int, float))]
    assert numbers and all(c.number_format in ("#,##0.##", "General") for c in numbers)


def test_appendix_workbook_has_numbers_as_numbers(demo, tmp_path, capsys):
    path = tmp_path / "phu-luc.xlsx"
    assert (
        main(["export", "--format", "appendix-xlsx", "--org-unit", "thang", "--period", "2023", "-o", str(path)]) == 0
    )
    ws = openpyxl.load_workbook(path).worksheets[0]
    assert ws["A1"].value == "Phụ lục" and ws["A5"].value == "TT"
    numbers = [c for row in ws.iter_rows(min_row=6) for c in row if isinstance(c.value, (int, float))]
    assert len(numbers) > 10 and all(c.number_format.startswith("#,##0") for c in numbers)
    assert main(["export", "--format", "appendix-xlsx", "--org-unit", "thang"]) == 2


def test_excel_export_round_trip(demo, tmp_path, capsys):
    from ktxh.exchange.csvfile import values_queryset
    from ktxh.exchange.xlsx_export import write_values
    from tests.exchange.test_roundtrip import stored

    first = DataValue.objects.filter(comment__gt="").first()
    first.comment = '=HYPERLINK("http://x")'
    first.save()
    before = stored()
    path = tmp_path / "so-lieu.xlsx"
    assert main(["export", "--format", "xlsx", "-o", str(path)]) == 0
    ws = openpyxl.load_workbook(path).worksheets[0]
    assert any(str(c.value).startswith("'=HYPERLINK") for row in ws.iter_rows() for c in row)
    again = import_file(path)
    assert (again.created, again.updated) == (0, 0)
    DataValue.objects.all().delete()
    summary = import_file(path)
    assert summary.created == len(before) and stored() == before
    assert write_values(tmp_path / "b.xlsx", values_queryset()) == len(before)


@pytest.mark.parametrize(
    "name, content",
    [
        ("ktxh.csv", ",".join(VALUE_COLUMNS) + "\n"),
        ("dhis2.csv", "dataelement,period,orgunit,value\n"),
        ("dhis2.json", '{"dataValues": []}'),
        ("bang.csv", "Mã đơn vị,Kỳ,Mã chỉ tiêu,Loại số liệu,Giá trị\n"),
    ],
)
def test_every_format_is_held_to_the_size_limit(loaded, tmp_path, monkeypatch, name, content):
    path = tmp_path / name
    path.write_text(content + "x" * 2000, encoding="utf-8")
    monkeypatch.setenv("KTXH_IMPORT_MAX_BYTES", "1000")
    before = values()
    text = problems_of(path)
    assert "KTXH_IMPORT_MAX_BYTES" in text and "0,001 MB" in text, text
    assert values() == before
