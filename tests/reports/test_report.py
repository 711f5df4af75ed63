"""The Word report: page setup and blocks of NĐ 30/2020, footnotes, appendix, numbers, the sandbox, PDF, batch."""

import io
import itertools
import zipfile
from pathlib import Path

import pytest
from docx import Document

from ktxh.cli import main
from ktxh.datasets import load_dataset
from ktxh.periods import Period
from ktxh.reports import batch
from ktxh.reports.builder import ReportError, build_report
from ktxh.reports.footnotes import footnote_reference_ids, read_footnotes
from ktxh.reports.layout import DEFAULT_TEMPLATE
from ktxh.reports.pdf import PdfError, convert
from ktxh.reports.template import TemplateError
from ktxh.units.models import OrgUnit

pytestmark = pytest.mark.django_db


def text_of(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


@pytest.fixture
def demo_report(demo, tmp_path):
    path = tmp_path / "bao-cao.docx"
    result = build_report(OrgUnit.objects.get(code="thang"), Period.parse("2023"), path)
    return path, result, Document(str(path))


def test_page_setup_and_page_numbers(demo_report):
    _path, _, document = demo_report
    first = document.sections[0]
    assert (round(first.page_width / 36000), round(first.page_height / 36000)) == (210, 297)
    assert [
        round(x / 36000) for x in (first.top_margin, first.bottom_margin, first.left_margin, first.right_margin)
    ] == [20, 20, 30, 15]
    assert first.different_first_page_header_footer  # no number on page 1
    header_xml = first.header._element.xml
    assert "PAGE" in header_xml and "fldChar" in header_xml
    appendix = document.sections[-1]
    assert appendix.page_width > appendix.page_height  # landscape
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman" and normal.font.size.pt == 14
    assert normal.paragraph_format.first_line_indent.cm == pytest.approx(1.27, abs=0.01)
    assert normal.paragraph_format.space_after.pt >= 6


def test_header_block_title_and_signature(demo_report):
    _, _, document = demo_report
    left, right = document.tables[0].rows[0].cells
    assert [p.text for p in left.paragraphs if p.text] == ["ỦY BAN NHÂN DÂN", "THỊ TRẤN THẮNG", "Số: 260/BC-UBND"]
    lines = [p for p in right.paragraphs if p.text]
    assert [p.text for p in lines] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Thị trấn Thắng, ngày 25 tháng 12 năm 2023",
    ]
    assert all(r.bold for r in lines[0].runs) and all(r.italic for r in lines[2].runs)
    assert lines[1].runs[0].font.size.pt == lines[0].runs[0].font.size.pt + 1
    title = next(p for p in document.paragraphs if p.text == "BÁO CÁO")
    assert title.runs[0].bold
    texts = [p.text for p in document.paragraphs]
    assert "Phần thứ nhất" in texts and "Phần thứ hai" in texts
    assert texts.index("Phần thứ nhất") < texts.index("Phần thứ hai")
    end = document.tables[1].rows[0].cells
    assert end[0].paragraphs[0].text == "Nơi nhận:"
    assert end[0].paragraphs[-1].text == "- Lưu: VP."
    assert [p.text for p in end[1].paragraphs if p.text] == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn Trung"]


def test_sections_follow_the_catalog_with_roman_and_arabic_numbers(demo_report):
    _, _, document = demo_report
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings[0] == "I. LĨNH VỰC KINH TẾ"
    assert "II. VĂN HÓA - XÃ HỘI" in headings and "III. NỘI CHÍNH" in headings
    assert "IV. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU ĐƯỢC GIAO" in headings
    assert "a. Trồng trọt" in headings


def test_footnotes_are_real_numbered_and_in_order(demo_report):
    path, result, _ = demo_report
    notes = read_footnotes(path)
    # Long lists of parts go to one footnote per sentence, as the seed does (it has 21), never one per value;
    # short ones stay in their sentence ("lợn 4.426 con (giảm 13,7% so cùng kỳ)").
    assert 3 <= len(notes) == result.footnotes <= 21
    assert footnote_reference_ids(path) == sorted(footnote_reference_ids(path))
    texts = [n.text for n in notes]
    land = next(t for t in texts if "đất trồng lúa 392,46 ha" in t)
    assert "đất trồng cây lâu năm 158,83 ha" in land
    assert "lợn 4.426 con (giảm 13,7% so cùng kỳ)" in text_of(Document(str(path)))
    with zipfile.ZipFile(path) as archive:
        assert "word/footnotes.xml" in archive.namelist()


def test_the_seed_figures_come_back_in_vietnamese_format(demo_report):
    _, _, document = demo_report
    text = text_of(document)
    for figure in [
        "1.134,31 ha",
        "639,93 ha",
        "4.000 người",
        "1,59%",
        "26,5 tỷ đồng",
        "94,2%",
        "15 tổ dân phố",
        "5.189 văn bản",
        "5.316 con",
        "trên 32 tỷ đồng",
        "trên 55.000 con",
        "3.461 tấn",
    ]:
        assert figure in text, figure
    # Related figures in one sentence, as the seed writes them (sentence plans in data/catalog/sentences).
    assert "Tổng thu ngân sách nhà nước ước đạt 26,5 tỷ đồng, đạt 65% dự toán năm" in text
    assert "Tỷ lệ hộ nghèo huyện giao 2,03%, thị trấn đạt 1,59% (đạt)" in text
    assert "Tổng số hộ nghèo 84 hộ, chiếm 1,59% (giảm 23 hộ so cùng kỳ)" in text
    assert "kết quả cụ thể" not in text and "chưa có số liệu" not in text
    assert "None" not in text and "nan" not in text.split()


def test_the_body_reads_as_the_office_writes_it(demo_report):
    # Issue 12, read against the seed: one line per road and per project (a plan written per option), parts in the
    # catalog's order, a paragraph people wrote after the figures when its order says so, a facility's figure not
    # repeated under the unit, a plan target of parts as one sentence.
    _, _, document = demo_report
    paragraphs = [p.text for p in document.paragraphs]
    assert (
        "- Đường Thanh Niên: đã cắt, tháo dỡ 25 biển quảng cáo, 8 mái hiên, mái vẩy; thu giữ 2 bạt căng bán hàng, "
        "10 bàn, 15 ghế nhựa vi phạm." in paragraphs
    )
    assert any(
        p.startswith("- Dự án Khu dân cư Đức Thịnh với tổng diện tích 8,36 ha: đã kiểm kê 151/158 hộ")
        for p in paragraphs
    )
    herd = next(p for p in paragraphs if p.startswith("Đàn lợn 4.426 con"))
    assert herd.index("đàn trâu, bò, ngựa, dê") < herd.index("đàn gia cầm") < herd.index("chó, mèo")
    land = next(n for n, p in enumerate(paragraphs) if p.startswith("Tổng diện tích đất tự nhiên"))
    report_of_violations = next(n for n, p in enumerate(paragraphs) if p.startswith("- Lập biên bản đối với 8"))
    assert land < report_of_violations
    assert not any(p.startswith("+ Tổ dân phố Tiên Hưng") for p in paragraphs)  # the unit's sentence says it
    assert (
        "+ Trạm y tế thị trấn Thắng: Giữ vững đạt chuẩn quốc gia về y tế giai đoạn 2; đang hoàn thiện hồ sơ "
        "đề nghị công nhận chuẩn quốc gia đến năm 2030." in paragraphs
    )
    assert "- Đàn lợn 5.316 con; đàn trâu, bò, ngựa, dê 272 con; đàn gia cầm trên 55.000 con." in paragraphs
    assert not any(p.startswith("Tổng đàn chăn nuôi:") for p in paragraphs)
    assert len(set(p for p in paragraphs if len(p) > 60)) == len([p for p in paragraphs if len(p) > 60])  # no repeats


def test_appendix_table(demo_report):
    _, result, document = demo_report
    table = document.tables[-1]
    header = [c.text for c in table.rows[0].cells]
    assert header[:3] == ["TT", "Chỉ tiêu", "ĐVT"] and header[-1] == "Đánh giá"
    assert "Chỉ tiêu huyện giao" in header
    rows = {r.cells[1].text: [c.text for c in r.cells] for r in table.rows[1:]}
    assert len(rows) == result.appendix_rows
    poverty = rows["Tỷ lệ hộ nghèo"]
    assert "2,03" in poverty and "1,59" in poverty and poverty[-1] == "Đạt"
    assert rows["Tỷ lệ bao phủ bảo hiểm y tế"][-1] == "Không đạt"


def test_missing_figures_go_to_the_check_list_not_the_document(loaded, tmp_path):
    # Issue 12: the document never says "chưa có số liệu"; the check list names what is missing.
    path = tmp_path / "xa.docx"
    result = build_report(OrgUnit.objects.get(code="xa"), Period.parse("2024"), path, with_charts=False)
    text = text_of(Document(str(path)))
    assert "chưa có số liệu" not in text and "kết quả cụ thể" not in text
    assert "None" not in text
    assert "ngày 31 tháng 12 năm 2024" in text  # dated at the end of its period, not the machine's date
    assert isinstance(result.checks, list)
    # no empty heading (a unit without the plan's objective text has no "1. Mục tiêu" over nothing)
    levels = [
        int(p.style.name.split()[-1]) if p.style.name.startswith("Heading") else 9
        for p in Document(str(path)).paragraphs
        if p.text.strip()
    ]
    assert not any(a < 9 and b <= a for a, b in itertools.pairwise(levels))


def test_six_and_nine_month_reports_and_unsupported_periods(loaded, tmp_path):
    build_report(OrgUnit.objects.get(code="xa"), Period.parse("2023C9"), tmp_path / "c9.docx", with_charts=False)
    text = text_of(Document(str(tmp_path / "c9.docx")))
    assert "9 tháng năm 2023" in text and "3 tháng cuối năm 2023" in text
    with pytest.raises(ReportError, match="Chưa hỗ trợ"):
        build_report(OrgUnit.objects.get(code="xa"), Period.parse("2023Q3"), tmp_path / "q3.docx")


def _template_with(tmp_path, old: str, new: str) -> Path:
    """A copy of the default template with one text replaced inside document.xml."""
    target = tmp_path / "mau.docx"
    with zipfile.ZipFile(DEFAULT_TEMPLATE) as source, zipfile.ZipFile(target, "w") as copy:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                assert old.encode() in data
                data = data.replace(old.encode(), new.encode())
            copy.writestr(item, data)
    return target


@pytest.mark.parametrize(
    "replacement, message",
    [
        ("{{ khong_co_bien }}", "khong_co_bien"),
        ("{{ so_hieu.__class__.__mro__ }}", "không được phép"),
        ("{{ so_hieu.__init__.__globals__ }}", "không được phép"),
        ("{% for x in %}", "sai cú pháp"),
        ("{{ 'a' * 1000000000 }}", "không được phép"),
        ("{{ 9 ** 99999999 }}", "không được phép"),
        ("{% for x in range(1000000000) %}{% endfor %}", "không được phép"),
    ],
)
def test_the_template_sandbox(loaded, tmp_path, replacement, message):
    template = _template_with(tmp_path, "{{ so_hieu }}", replacement)
    with pytest.raises(TemplateError, match=message):
        build_report(OrgUnit.objects.get(code="xa"), Period.parse("2023"), tmp_path / "x.docx", template=template)
    assert not (tmp_path / "x.docx").exists()


def test_a_file_that_is_not_a_template(loaded, tmp_path):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip")
    with pytest.raises(TemplateError, match=r"không phải tệp \.docx hợp lệ"):
        build_report(OrgUnit.objects.get(code="xa"), Period.parse("2023"), io.BytesIO(), template=bad)


@pytest.mark.django_db(transaction=True)
def test_cli_report_writes_nothing_on_a_bad_template(files, tmp_path, capsys):
    load_dataset(files.dataset, catalog=files.catalog)
    template = _template_with(tmp_path, "{{ so_hieu }}", "{{ bien_la }}")
    out = tmp_path / "out.docx"
    status = main(["report", "--org-unit", "xa", "--period", "2023", "-o", str(out), "--template", str(template)])
    err = capsys.readouterr().err
    assert status == 2 and "bien_la" in err and "Traceback" not in err
    assert not out.exists() and not list(tmp_path.glob("out.docx*"))


def test_pdf_and_its_timeout(loaded, tmp_path, monkeypatch, soffice):
    path = tmp_path / "xa.docx"
    build_report(OrgUnit.objects.get(code="xa"), Period.parse("2023"), path, with_charts=False)
    pdf = convert(path, timeout=120)
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF")
    hang = tmp_path / "soffice"
    hang.write_text("#!/bin/sh\nsleep 30\n")
    hang.chmod(0o755)
    monkeypatch.setattr("ktxh.reports.pdf.soffice", lambda: str(hang))
    with pytest.raises(PdfError, match="2 giây"):
        convert(path, tmp_path / "never.pdf", timeout=2)
    monkeypatch.setattr("ktxh.reports.pdf.soffice", lambda: None)
    with pytest.raises(PdfError, match="LibreOffice"):
        convert(path)


def test_batch_writes_one_report_per_commune(loaded, tmp_path):
    outcomes = batch.run(
        ["xa", "huyen"], Period.parse("2023"), tmp_path, with_charts=False, jobs=1, show_progress=False
    )
    assert [o.error for o in outcomes] == [None, None]
    assert {Path(o.path).name for o in outcomes} == {"bao-cao-xa-2023.docx", "bao-cao-huyen-2023.docx"}


@pytest.mark.django_db(transaction=True)
def test_batch_on_two_workers(files, tmp_path):
    from django.db import connection

    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("an in-memory test database cannot be shared with worker processes")
    load_dataset(files.dataset, catalog=files.catalog)
    outcomes = batch.run(["xa", "huyen"], Period.parse("2023"), tmp_path, with_charts=True, jobs=2, show_progress=False)
    assert [o.error for o in outcomes] == [None, None]
    assert all(Path(o.path).stat().st_size > 10000 for o in outcomes)


@pytest.mark.parametrize(
    "replacement",
    [
        "{% for x in range(100000) %}{% for y in range(100000) %}{% endfor %}{% endfor %}",
        "{{ 'a'|center(1000000000) }}",
    ],
)
def test_template_resource_bombs_are_stopped(loaded, tmp_path, replacement):
    import time

    from ktxh.reports.template import render

    template = _template_with(tmp_path, "{{ so_hieu }}", replacement)
    started = time.perf_counter()
    with pytest.raises(TemplateError, match=r"mau\.docx"):
        render(
            template,
            {
                "so_hieu": "1",
                "ten_co_quan_1": "",
                "ten_co_quan_2": "",
                "dia_danh": "",
                "ngay_thang": "",
                "trich_yeu": [],
                "noi_nhan": [],
                "tham_quyen": "",
                "chuc_vu": "",
                "nguoi_ky": "",
            },
            time_limit=3,
        )
    assert time.perf_counter() - started < 15


def test_an_include_in_a_template_is_a_template_error(loaded, tmp_path):
    template = _template_with(tmp_path, "{{ so_hieu }}", "{% include 'x' %}")
    with pytest.raises(TemplateError, match=r"mau\.docx"):
        build_report(OrgUnit.objects.get(code="xa"), Period.parse("2023"), tmp_path / "x.docx", template=template)


def test_reports_only_for_administrative_units_that_exist_in_the_period(loaded, tmp_path):
    with pytest.raises(ReportError, match="không phải đơn vị hành chính"):
        build_report(OrgUnit.objects.get(code="xa.tdp-1"), Period.parse("2023"), tmp_path / "a.docx")
    with pytest.raises(ReportError, match="không có hiệu lực"):
        build_report(OrgUnit.objects.get(code="xa-moi"), Period.parse("2024"), tmp_path / "b.docx")
    with pytest.raises(ReportError, match="không có hiệu lực"):
        build_report(OrgUnit.objects.get(code="xa"), Period.parse("2026"), tmp_path / "c.docx")
