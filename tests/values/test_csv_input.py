"""Bad input in the shared CSV reader (ktxh.datafiles), seen through the values loader: what a probe of the loaders
found. A refused file leaves the database as it was, and the message names the file, the line and the column."""

from decimal import Decimal

import pytest

from ktxh.datafiles import MAX_CELL_CHARS, LoadError, Problems, Row, parse_decimal
from ktxh.datasets import load_dataset
from ktxh.history.models import ChangeRecord
from ktxh.values.models import DataValue

pytestmark = pytest.mark.django_db

HEADER = "org_unit,indicator,period,kind,value,comment\n"


def load(files, body: str | bytes):
    path = files.dataset / "values" / "main.csv"
    if isinstance(body, str):
        path.write_text(HEADER + body, encoding="utf-8", newline="")
    else:
        path.write_bytes(HEADER.encode() + body)
    return load_dataset(files.dataset, catalog=files.catalog)


def refused(files, body) -> str:
    with pytest.raises(LoadError) as error:
        load(files, body)
    assert DataValue.objects.count() == 0 and ChangeRecord.objects.filter(object_type="values.datavalue").count() == 0
    return str(error.value)


def test_an_unclosed_quote_does_not_swallow_the_rows_after_it(files):
    message = refused(
        files, 'xa,dan_lon,2023,actual,4426,"giảm\nxa,dan_lon,2022,actual,5129,\nxa,tong_so_ho,2023,actual,3000,\n'
    )
    assert "values/main.csv, dòng 2:" in message and "không được đóng" in message


def test_line_breaks_in_quoted_cells_are_kept_and_later_lines_keep_their_numbers(files):
    body = 'xa,dan_lon,2023,actual,4426,"dòng một\ndòng hai, có dấu phẩy"\n\nxa,dan_lon,2022,actual,51x,\n'
    message = refused(files, body)
    assert "values/main.csv, dòng 5, cột «value»" in message  # the row starts on physical line 5
    load(files, body.replace("51x", "5129"))
    assert DataValue.objects.get(period="2023", indicator__code="dan_lon").comment == "dòng một\ndòng hai, có dấu phẩy"


def test_crlf_files_and_quoted_crlf_are_read(files):
    load(files, 'xa,dan_lon,2023,actual,4426,"a\r\nb"\r\nxa,dan_lon,2022,actual,5129,\r\n')
    assert DataValue.objects.get(period="2023", indicator__code="dan_lon").comment == "a\r\nb"
    assert DataValue.objects.count() == 2


def test_text_after_a_closing_quote_is_refused(files):
    message = refused(files, 'xa,dan_lon,2023,actual,4426,"giảm" 13%\n')
    assert "values/main.csv, dòng 2:" in message and "không đúng định dạng CSV" in message


def test_a_nul_byte_is_refused_with_its_line(files):
    message = refused(files, b"xa,dan_lon,2023,actual,4426,\nxa,dan_lon,2022,actual,5129,a\x00b\n")
    assert "values/main.csv, dòng 3:" in message and "NUL" in message


def test_a_cell_over_the_csv_limit_is_a_message_not_a_traceback(files):
    message = refused(files, "xa,dan_lon,2023,actual,4426," + "x" * (MAX_CELL_CHARS + 1) + "\n")
    assert "values/main.csv, dòng 2:" in message and "131.072 ký tự" in message


@pytest.mark.parametrize(
    "column, text, limit", [("text", "x" * 501, 500), ("source", "y" * 12000, 500), ("variant", "b" * 17, 16)]
)
def test_cells_longer_than_their_field_are_refused_on_every_database(files, column, text, limit):
    files.tables["values"][2][column] = text
    files.write()
    with pytest.raises(LoadError) as error:
        load_dataset(files.dataset, catalog=files.catalog)
    length = f"{len(text):,}".replace(",", ".")
    assert f"values/main.csv, dòng 4, cột «{column}»: văn bản dài {length} ký tự; tối đa {limit} ký tự" in str(
        error.value
    )
    assert DataValue.objects.count() == 0


@pytest.mark.parametrize("text", ["1_000", "１２３", "12٣", "1_0.5"])
def test_parse_decimal_refuses_what_is_not_written_with_ascii_digits(text):
    problems = Problems()
    assert parse_decimal(Row("f.csv", 2, {"value": text}), "value", problems) is None
    [problem] = problems.items
    assert problem.column == "value" and "0–9" in problem.message


@pytest.mark.parametrize(
    "text, value",
    [("1134.31", Decimal("1134.31")), ("-5", Decimal(-5)), (".5", Decimal("0.5")), ("1e3", Decimal(1000))],
)
def test_parse_decimal_still_reads_plain_numbers(text, value):
    problems = Problems()
    assert parse_decimal(Row("f.csv", 2, {"value": text}), "value", problems) == value and not problems


def test_one_bad_number_is_one_problem(files):
    files.tables["values"][6]["value_high"] = "5.400,5"
    files.tables["values"][0]["value"] = "１２３"
    files.write()
    with pytest.raises(LoadError) as error:
        load_dataset(files.dataset, catalog=files.catalog)
    message = str(error.value)
    assert message.startswith("Không nạp được dữ liệu (2 lỗi,")
    assert "dòng 2, cột «value»" in message and "dòng 8, cột «value_high»" in message
    assert "thiếu giá trị" not in message.lower() and "cận trên" not in message


@pytest.mark.parametrize("table, row, column, limit", [("units", 0, "name", 200), ("indicators", 0, "name", 300)])
def test_unit_and_catalog_cells_longer_than_their_field_are_refused(files, table, row, column, limit):
    from ktxh.units.models import OrgUnit

    files.tables[table][row][column] = "n" * 12000
    files.write()
    with pytest.raises(LoadError) as error:
        load_dataset(files.dataset, catalog=files.catalog)
    assert f"cột «{column}»: văn bản dài 12.000 ký tự; tối đa {limit} ký tự" in str(error.value)
    assert OrgUnit.objects.count() == 0 and DataValue.objects.count() == 0


@pytest.mark.parametrize("text", ["1e1000000", "9e999999", "1e-1000000"])
def test_parse_decimal_refuses_huge_and_tiny_exponents_with_a_message(text):
    problems = Problems()
    assert parse_decimal(Row("f.csv", 2, {"value": text}), "value", problems) is None
    [problem] = problems.items
    assert problem.column == "value"


def test_a_file_of_many_bad_lines_is_counted_whole_and_listed_in_part(files):
    """Memory stays bounded however bad a file is: the first problems are kept, all are counted and the count is
    in the message; a repeated figure is found by the staging table and named with the line it repeats."""
    from ktxh.datafiles import MAX_PROBLEMS_KEPT

    lines = MAX_PROBLEMS_KEPT + 200
    bad = "".join(f"xa,dan_lon,2023,actual,x{i},\n" for i in range(lines))
    with pytest.raises(LoadError) as error:
        load(files, bad + "xa,tong_so_ho,2023,actual,1,\nxa,tong_so_ho,2023,actual,2,\n")
    # each bad line: its number; every line but the first of a figure: a repeat (the same figure, once more)
    assert error.value.count == lines + (lines - 1) + 1 and len(error.value.problems) == MAX_PROBLEMS_KEPT
    assert f"{error.value.count - 50}" in str(error.value).replace(".", "")  # "… và 2.350 lỗi khác"
    assert DataValue.objects.count() == 0
