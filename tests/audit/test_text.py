"""Reading reports: .txt and .docx (standard library only), footnotes, and files that cannot be read."""

import zipfile

import pytest

from ktxh.audit import audit_file
from ktxh.audit import text as text_module
from ktxh.audit.text import AuditReadError, parse_text, read_document, sentences

from .helpers import TEXTS, txt_to_docx, write_docx


def test_txt_footnotes_are_taken_out_of_the_running_text():
    document = parse_text(
        "Đất nông nghiệp 639.93 ha gồm⁽⁵⁾. Có 5 công trình¹⁰.\n\n⁵ Đất trồng lúa 392,46 ha\n\n¹⁰ Nhà đa năng; trụ sở\n"
    )
    (body,) = document.body
    assert "⁵" not in body.text and "¹⁰" not in body.text
    assert [n for _, n in body.refs] == ["5", "10"]
    assert document.notes["5"].text == "Đất trồng lúa 392,46 ha"
    assert body.display() == "Đất nông nghiệp 639.93 ha gồm⁽⁵⁾. Có 5 công trình⁽¹⁰⁾."


def test_square_metres_are_not_footnote_references():
    document = parse_text("Kiốt 789m², mái vẩy 2.551 m².")
    assert document.body[0].refs == [] and "m²" in document.body[0].text


def test_a_paragraph_cut_by_a_page_break_is_joined():
    document = parse_text("Trường giữ\n\n¹³ có 01 giải cấp tỉnh\n\nvững đạt chuẩn Quốc gia mức độ 2.\n")
    assert document.body[0].text == "Trường giữ vững đạt chuẩn Quốc gia mức độ 2."


def test_sentences_do_not_split_on_decimal_dots():
    text = "Tổng diện tích 1134.31 ha. Trong đó đất nông nghiệp 639.93 ha gồm. Dự án 8.1ha."
    assert [text[s:e] for s, e in sentences(text)] == [
        "Tổng diện tích 1134.31 ha.",
        "Trong đó đất nông nghiệp 639.93 ha gồm.",
        "Dự án 8.1ha.",
    ]


def test_an_endless_sentence_is_read_in_pieces_cut_after_a_clause():
    clause = "đàn lợn 1.200 con, tăng 4% so cùng kỳ; "
    text = clause * (3 * text_module.MAX_SENTENCE // len(clause))
    spans = sentences(text)
    assert len(spans) >= 3
    assert all(end - start <= text_module.MAX_SENTENCE for start, end in spans)
    assert all(text[start:end].rstrip().endswith((";", ",")) for start, end in spans[:-1])  # never inside a number
    assert "".join(text[start:end] for start, end in spans).replace(" ", "") == text.replace(" ", "")
    short = "Tổng đàn lợn 1.200 con; đàn gia cầm 35.000 con, tăng 4%."
    assert sentences(short) == [(0, len(short))]


def test_a_finding_in_an_endless_sentence_quotes_a_bounded_part_of_it(tmp_path):
    clause = "tổng diện tích 772 ha, trong đó lúa 807 ha; "
    path = tmp_path / "dai.txt"
    path.write_text(clause * (2 * text_module.MAX_SENTENCE // len(clause)), encoding="utf-8")
    findings = audit_file(path)
    assert findings
    assert all(len(quote) <= text_module.MAX_SENTENCE for finding in findings for quote in finding.quotes)


def test_docx_with_footnotes_reads_like_the_txt(tmp_path):
    path = write_docx(
        tmp_path / "r.docx",
        ["Đất phi nông nghiệp 493.88 ha gồm⁽⁶⁾;", "Chi ước đạt 17,1 tỷ đồng."],
        {"6": "Đất ở 213,55 ha; đất chuyên dùng 263,76ha; đất khác 13,12ha"},
    )
    document = read_document(path)
    assert [n for _, n in document.body[0].refs] == ["6"]
    assert document.notes["6"].text.startswith("Đất ở 213,55 ha")
    (finding,) = audit_file(path)
    assert finding.kind == "parts_total"


def test_the_seed_as_docx_gives_the_same_findings_as_the_txt(tmp_path):
    source = TEXTS / "seed_thang_2023.txt"
    docx = txt_to_docx(source, tmp_path / "seed.docx")
    assert [(f.kind, f.values) for f in audit_file(docx)] == [(f.kind, f.values) for f in audit_file(source)]


def unreadable(tmp_path, name, content: bytes):
    path = tmp_path / name
    path.write_bytes(content)
    return path


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("empty.txt", b"", "rỗng"),
        ("blank.txt", b"  \n\n ", "rỗng"),
        ("binary.txt", b"abc\x00\x01\x02" * 10, "nhị phân"),
        ("latin.txt", "Báo cáo năm".encode("cp1258", errors="replace") + b"\xff\xfe\xfa", "UTF-8"),
        ("broken.docx", b"PK\x03\x04 not really a zip", ".docx bị hỏng"),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, ".doc"),
        ("report.pdf", b"%PDF-1.7 ...", "PDF"),
    ],
)
def test_unreadable_files_give_a_vietnamese_reason(tmp_path, name, content, message):
    with pytest.raises(AuditReadError, match=message):
        read_document(unreadable(tmp_path, name, content))


def test_docx_without_document_part(tmp_path):
    path = tmp_path / "x.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(AuditReadError, match=r"word/document\.xml"):
        read_document(path)


def test_docx_with_bad_xml(tmp_path):
    path = tmp_path / "x.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document><unclosed>")
    with pytest.raises(AuditReadError, match="hỏng"):
        read_document(path)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(AuditReadError, match="Không có tệp"):
        read_document(tmp_path / "khong-co.txt")
    with pytest.raises(AuditReadError, match="thư mục"):
        read_document(tmp_path)


def test_enormous_file(tmp_path, monkeypatch):
    monkeypatch.setattr(text_module, "MAX_BYTES", 1000)
    with pytest.raises(AuditReadError, match="quá lớn"):
        read_document(unreadable(tmp_path, "big.txt", b"a" * 2000))


def test_utf8_with_bom_and_crlf(tmp_path):
    path = unreadable(tmp_path, "bom.txt", "\ufeffĐã kiểm kê 151/158, đạt 90,4%.\r\n".encode("utf-8"))
    assert [f.kind for f in audit_file(path)] == ["fraction_percent"]
