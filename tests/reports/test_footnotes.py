"""Real Word footnotes written with python-docx: package parts, styles, ids, text, round trips, PDF rendering."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import uuid
import zipfile
from pathlib import Path

import docx
import pytest
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from hypothesis import given, settings
from hypothesis import strategies as st

from ktxh.reports.footnotes import (
    Footnote,
    FootnoteStyle,
    Span,
    add_footnote,
    ensure_footnotes_part,
    footnote_reference_ids,
    read_footnotes,
)

# Footnote texts of the seed report (Thắng 2023), with Vietnamese diacritics and superscripts.
SEED_NOTES = [
    "cây lạc: Diện tích 135,0 ha đạt năng suất 26,3 tấn/ha, cây màu (cây Ngô, Khoai Lang) diện tích 7,5 ha",
    "Tổng đàn chăn nuôi hiện tại trên địa bàn: Đàn lợn 4.426 con (giảm 13,7% so cùng kỳ)",
    "Vắc xin cúm gia cầm 12,500 liều = 100% kế hoạch giao; Vắc xin lở mồm long móng trâu bò: 200 liều",
]

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"


def save(document) -> bytes:
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


def reopen(document):
    return docx.Document(io.BytesIO(save(document)))


def xml(blob: bytes, name: str):
    with zipfile.ZipFile(io.BytesIO(blob)) as archive:
        return parse_xml(archive.read(name))


def names(blob: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(blob)) as archive:
        return archive.namelist()


def styles_with(styles, style_type: str, style_id: str):
    return [
        s
        for s in styles.findall(qn("w:style"))
        if s.get(qn("w:type")) == style_type and s.get(qn("w:styleId")) == style_id
    ]


def document_with_seed_notes():
    document = docx.Document()
    paragraphs = [
        document.add_paragraph("Cụ thể cây lúa tổng diện tích 215,0 ha đạt năng suất 56 - 60 tạ/ha gồm"),
        document.add_paragraph("Đã từng bước chỉ đạo các hộ đầu tư mở rộng quy mô chăn nuôi, kết quả"),
        document.add_paragraph("Công tác tiêm phòng dịch cho đàn gia súc, gia cầm được thực hiện đầy đủ như"),
    ]
    ids = [add_footnote(paragraph, note) for paragraph, note in zip(paragraphs, SEED_NOTES)]
    return document, paragraphs, ids


def check_package(blob: bytes) -> None:
    """footnotes.xml, its relationship and its content type are each present exactly once."""
    assert names(blob).count("word/footnotes.xml") == 1
    rels = xml(blob, "word/_rels/document.xml.rels").findall(f"{{{REL_NS}}}Relationship")
    footnote_rels = [rel for rel in rels if rel.get("Type") == RT.FOOTNOTES]
    assert [rel.get("Target") for rel in footnote_rels] == ["footnotes.xml"]
    overrides = xml(blob, "[Content_Types].xml").findall(f"{{{CT_NS}}}Override")
    footnote_types = [o.get("ContentType") for o in overrides if o.get("PartName") == "/word/footnotes.xml"]
    assert footnote_types == ["application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"]
    assert footnote_types[0] == CT.WML_FOOTNOTES


# ---------------------------------------------------------------------------------------------------------------


def test_footnotes_on_a_default_document_have_ids_text_and_order():
    document, _, ids = document_with_seed_notes()
    assert ids == [1, 2, 3]
    assert read_footnotes(document) == [Footnote(i, text) for i, text in zip(ids, SEED_NOTES)]
    assert footnote_reference_ids(document) == [1, 2, 3]
    blob = save(document)
    check_package(blob)
    assert read_footnotes(io.BytesIO(blob)) == list(zip(ids, SEED_NOTES))  # plain (id, text) tuples compare equal


def test_reference_run_in_the_body_is_a_superscript_footnote_reference():
    document, paragraphs, ids = document_with_seed_notes()
    for paragraph, footnote_id in zip(reopen(document).paragraphs, ids):
        run = paragraph.runs[-1]
        assert run.font.superscript is True
        assert run._r.rPr.style == "FootnoteReference"
        assert run.style.name == "footnote reference"
        references = run._r.findall(qn("w:footnoteReference"))
        assert [int(r.get(qn("w:id"))) for r in references] == [footnote_id]
        assert run.text == ""
    assert paragraphs[0].text == "Cụ thể cây lúa tổng diện tích 215,0 ha đạt năng suất 56 - 60 tạ/ha gồm"


def test_footnotes_xml_has_word_separators_and_styled_bodies():
    document, _, _ = document_with_seed_notes()
    footnotes = xml(save(document), "word/footnotes.xml")
    notes = footnotes.findall(qn("w:footnote"))
    assert [(n.get(qn("w:type")), n.get(qn("w:id"))) for n in notes] == [
        ("separator", "-1"),
        ("continuationSeparator", "0"),
        (None, "1"),
        (None, "2"),
        (None, "3"),
    ]
    assert notes[0].find(f".//{qn('w:separator')}") is not None
    assert notes[1].find(f".//{qn('w:continuationSeparator')}") is not None
    for note, text in zip(notes[2:], SEED_NOTES):
        (p,) = note.findall(qn("w:p"))
        assert p.pPr.style == "FootnoteText"
        mark, space, *rest = p.findall(qn("w:r"))
        assert mark.find(qn("w:footnoteRef")) is not None
        assert mark.rPr.style == "FootnoteReference"
        assert space.text == " "
        assert "".join(r.text for r in rest) == text


def test_styles_and_settings_are_added_once():
    document, _, _ = document_with_seed_notes()
    ensure_footnotes_part(document)
    blob = save(document)
    styles = xml(blob, "word/styles.xml")
    (text_style,) = styles_with(styles, "paragraph", "FootnoteText")
    (reference_style,) = styles_with(styles, "character", "FootnoteReference")
    assert text_style.find(qn("w:name")).get(qn("w:val")) == "footnote text"
    fonts = text_style.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
    assert {fonts.get(qn(f"w:{a}")) for a in ("ascii", "hAnsi", "cs", "eastAsia")} == {"Times New Roman"}
    assert text_style.find(f"{qn('w:rPr')}/{qn('w:sz')}").get(qn("w:val")) == "22"
    assert text_style.find(f"{qn('w:pPr')}/{qn('w:jc')}").get(qn("w:val")) == "both"
    assert reference_style.find(f"{qn('w:rPr')}/{qn('w:vertAlign')}").get(qn("w:val")) == "superscript"
    settings_xml = xml(blob, "word/settings.xml")
    (footnote_pr,) = settings_xml.findall(qn("w:footnotePr"))
    assert [f.get(qn("w:id")) for f in footnote_pr.findall(qn("w:footnote"))] == ["-1", "0"]
    # schema order: w:footnotePr comes before w:compat
    children = [c.tag for c in settings_xml]
    assert children.index(qn("w:footnotePr")) < children.index(qn("w:compat"))
    # python-docx sees them as regular styles
    reopened = docx.Document(io.BytesIO(blob))
    assert reopened.styles["footnote text"].font.name == "Times New Roman"
    assert reopened.styles["footnote text"].font.size.pt == 11
    assert reopened.styles["footnote reference"].font.superscript is True


def test_font_of_the_footnote_text_style_is_configurable():
    document = docx.Document()
    look = FootnoteStyle(font_name="Arial", font_size_pt=12, justify=False)
    add_footnote(document.add_paragraph("a"), "b", style=look)
    style = document.styles["footnote text"]
    assert (style.font.name, style.font.size.pt, style.paragraph_format.alignment) == ("Arial", 12, None)


def test_ensure_is_idempotent_and_returns_the_same_part():
    document = docx.Document()
    part = ensure_footnotes_part(document)
    assert part.partname == "/word/footnotes.xml"
    assert part.content_type == CT.WML_FOOTNOTES
    assert ensure_footnotes_part(document) is part
    assert ensure_footnotes_part(document.part) is part
    assert [r.reltype for r in document.part.rels.values()].count(RT.FOOTNOTES) == 1
    assert read_footnotes(document) == []
    check_package(save(document))


def test_reopened_document_continues_numbering_without_duplicating_parts():
    document, _, _ = document_with_seed_notes()
    reopened = reopen(document)
    assert read_footnotes(reopened) == list(zip([1, 2, 3], SEED_NOTES))
    paragraph = reopened.add_paragraph("Tổng diện tích đất tự nhiên 1134.31 ha, đất nông nghiệp gồm")
    fourth = add_footnote(paragraph, "Đất trồng lúa 392,46 ha")
    assert fourth == 4
    again = reopen(reopened)
    fifth = add_footnote(again.add_paragraph("Đất phi nông nghiệp 493.88 ha gồm"), "Đất ở tại đô thị: 213,55 ha")
    assert fifth == 5
    blob = save(again)
    check_package(blob)
    assert read_footnotes(io.BytesIO(blob)) == [
        *zip([1, 2, 3], SEED_NOTES),
        (4, "Đất trồng lúa 392,46 ha"),
        (5, "Đất ở tại đô thị: 213,55 ha"),
    ]
    styles = xml(blob, "word/styles.xml")
    assert len(styles_with(styles, "paragraph", "FootnoteText")) == 1
    assert len(styles_with(styles, "character", "FootnoteReference")) == 1
    assert len(xml(blob, "word/settings.xml").findall(qn("w:footnotePr"))) == 1


def test_reading_order_follows_the_document_not_the_insertion():
    document = docx.Document()
    first, second = document.add_paragraph("Thứ nhất"), document.add_paragraph("Thứ hai")
    late = add_footnote(second, "chú thích của đoạn hai")
    early = add_footnote(first, "chú thích của đoạn một")
    assert (late, early) == (1, 2)
    assert footnote_reference_ids(document) == [2, 1]
    assert read_footnotes(document) == [(2, "chú thích của đoạn một"), (1, "chú thích của đoạn hai")]


def test_reference_after_a_given_run():
    document = docx.Document()
    paragraph = document.add_paragraph()
    head = paragraph.add_run("Hoàn công đưa vào sử dụng 5 công trình")
    paragraph.add_run(". Trường THCS thị trấn có 51 cán bộ.")
    footnote_id = add_footnote(paragraph, "Xây mới nhà đa năng + sân khấu trường TH thị trấn Thắng", after=head)
    runs = paragraph.runs
    assert [r.text for r in runs] == [
        "Hoàn công đưa vào sử dụng 5 công trình",
        "",
        ". Trường THCS thị trấn có 51 cán bộ.",
    ]
    assert runs[1]._r.find(qn("w:footnoteReference")).get(qn("w:id")) == str(footnote_id)
    other = document.add_paragraph().add_run("x")
    with pytest.raises(ValueError):
        add_footnote(paragraph, "sai", after=other)


def test_footnote_in_a_table_cell():
    document = docx.Document()
    cell = document.add_table(rows=1, cols=1).cell(0, 0)
    assert add_footnote(cell.paragraphs[0], "trong bảng") == 1
    assert read_footnotes(reopen(document)) == [(1, "trong bảng")]


def test_spans_line_breaks_and_tabs():
    document = docx.Document()
    parts = [
        "Diện tích 80.234,9 m",
        Span("2", superscript=True),
        "; ",
        Span("đã chi trả", bold=True, italic=True),
        "\nDòng hai\tcột",
    ]
    add_footnote(document.add_paragraph("GPMB"), parts)
    ((_, text),) = read_footnotes(reopen(document))
    assert text == "Diện tích 80.234,9 m2; đã chi trả\nDòng hai\tcột"
    runs = ensure_footnotes_part(document).element.findall(f"{qn('w:footnote')}/{qn('w:p')}/{qn('w:r')}")
    by_text = {r.text: r for r in runs}
    assert by_text["2"].rPr.superscript is True
    assert by_text["đã chi trả"].rPr.b is not None and by_text["đã chi trả"].rPr.i is not None
    assert by_text["\nDòng hai\tcột"].find(qn("w:br")) is not None


def test_invalid_uses_are_refused():
    document = docx.Document()
    with pytest.raises(ValueError):
        add_footnote(document.add_paragraph("a"), "   ")
    with pytest.raises(ValueError):
        add_footnote(document.add_paragraph("a"), [])
    header_paragraph = document.sections[0].header.paragraphs[0]
    with pytest.raises(ValueError):
        add_footnote(header_paragraph, "no footnotes in headers")
    with pytest.raises(TypeError):
        ensure_footnotes_part(object())


def foreign_document(tmp_path: Path) -> Path:
    """A .docx whose footnotes part was written by another producer: LibreOffice numbering (separators 0 and 1,
    first footnote 2), a style named "footnote text" with another id, Word 2010 namespaces and a hyperlink
    relationship from footnotes.xml."""
    document = docx.Document()
    paragraph = document.add_paragraph("Đoạn có sẵn chú thích")
    run = paragraph.add_run()
    run._r.append(parse_xml(f'<w:footnoteReference xmlns:w="{W_NS}" w:id="2"/>'))
    document.styles.element.append(
        parse_xml(
            f'<w:style xmlns:w="{W_NS}" w:type="paragraph" w:styleId="Footnote"><w:name w:val="Footnote Text"/>'
            '<w:rPr><w:sz w:val="20"/></w:rPr></w:style>'
        )
    )
    blob = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:footnotes xmlns:w="{W_NS}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
        ' xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
        ' xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" mc:Ignorable="w14">'
        '<w:footnote w:id="0" w:type="separator"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:id="1" w:type="continuationSeparator">'
        "<w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>"
        '<w:footnote w:id="2"><w:p w14:paraId="1A2B3C4D"><w:pPr><w:pStyle w:val="Footnote"/></w:pPr>'
        '<w:r><w:rPr><w:rStyle w:val="FootnoteCharacters"/></w:rPr><w:footnoteRef/></w:r>'
        "<w:r><w:tab/><w:t>Có sẵn từ LibreOffice</w:t></w:r>"
        '<w:hyperlink r:id="rIdLink"><w:r><w:t> (nguồn)</w:t></w:r></w:hyperlink></w:p></w:footnote>'
        "</w:footnotes>"
    ).encode()
    part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, blob, document.part.package)
    part.rels.add_relationship(RT.HYPERLINK, "https://example.org/nguon", "rIdLink", is_external=True)
    document.part.relate_to(part, RT.FOOTNOTES)
    path = tmp_path / "foreign.docx"
    document.save(path)
    return path


def test_adding_to_a_document_with_a_foreign_footnotes_part(tmp_path):
    path = foreign_document(tmp_path)
    assert read_footnotes(path) == [(2, "Có sẵn từ LibreOffice (nguồn)")]
    document = docx.Document(str(path))
    assert add_footnote(document.add_paragraph("Đoạn mới"), "Chú thích mới") == 3
    out = tmp_path / "more.docx"
    document.save(out)
    blob = out.read_bytes()
    check_package(blob)
    assert read_footnotes(out) == [(2, "Có sẵn từ LibreOffice (nguồn)"), (3, "Chú thích mới")]
    footnotes = xml(blob, "word/footnotes.xml")
    new_note = footnotes.findall(qn("w:footnote"))[-1]
    assert new_note.find(f"{qn('w:p')}/{qn('w:pPr')}/{qn('w:pStyle')}").get(qn("w:val")) == "Footnote"  # reused
    assert footnotes.get("{http://schemas.openxmlformats.org/markup-compatibility/2006}Ignorable") == "w14"
    rels = xml(blob, "word/_rels/footnotes.xml.rels").findall(f"{{{REL_NS}}}Relationship")
    assert [(r.get("Id"), r.get("Target"), r.get("TargetMode")) for r in rels] == [
        ("rIdLink", "https://example.org/nguon", "External")
    ]
    styles = xml(blob, "word/styles.xml")
    assert styles_with(styles, "paragraph", "FootnoteText") == []  # the existing "Footnote Text" style is used
    assert xml(blob, "word/settings.xml").find(qn("w:footnotePr")) is None  # not ours to declare: ids 0/1


def test_read_footnotes_without_footnotes_and_from_paths(tmp_path):
    document = docx.Document()
    document.add_paragraph("Không có chú thích")
    path = tmp_path / "plain.docx"
    document.save(path)
    assert read_footnotes(path) == read_footnotes(str(path)) == read_footnotes(document) == []
    assert footnote_reference_ids(path) == []


VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
TEXT = st.text(alphabet=VIETNAMESE + VIETNAMESE.upper() + "0123456789 .,;:%()=+-/²\n\t", min_size=1, max_size=80)


@settings(max_examples=40, deadline=None)
@given(st.lists(TEXT.filter(lambda t: t.strip()), min_size=1, max_size=5))
def test_any_vietnamese_text_round_trips(texts):
    document = docx.Document()
    ids = [add_footnote(document.add_paragraph(f"Đoạn {n}"), text) for n, text in enumerate(texts)]
    assert ids == list(range(1, len(texts) + 1))
    assert read_footnotes(reopen(document)) == [(i, t.strip()) for i, t in zip(ids, texts)]


def _office() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


# Skipped on a laptop without them; where they are required (CI sets KTXH_REQUIRE_LIBREOFFICE=1) the tests run
# and fail.
_REQUIRED = os.environ.get("KTXH_REQUIRE_LIBREOFFICE") == "1"
NO_OFFICE = pytest.mark.skipif(
    _office() is None and not _REQUIRED, reason="LibreOffice (soffice) is not installed; not checked"
)
NO_PDFTOTEXT = pytest.mark.skipif(
    shutil.which("pdftotext") is None and not _REQUIRED, reason="pdftotext (poppler-utils) is not installed"
)


def convert(source: Path, target: str, outdir: Path) -> Path:
    """Convert `source` with headless LibreOffice (own throw-away profile, 60 s timeout)."""
    outdir.mkdir(parents=True, exist_ok=True)
    profile = source.parent / f"lo-profile-{uuid.uuid4().hex}"
    command = [
        _office(),
        "--headless",
        f"-env:UserInstallation={profile.as_uri()}",
        "--convert-to",
        target,
        "--outdir",
        str(outdir),
        str(source),
    ]
    subprocess.run(command, check=True, timeout=60, capture_output=True, env={**os.environ, "HOME": str(source.parent)})
    result = outdir / (source.stem + "." + target.split(":")[0])
    assert result.exists(), f"LibreOffice did not write {result}"
    return result


def pdf_text(pdf: Path) -> str:
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True, timeout=60)
    return " ".join(text.stdout.decode("utf-8").split())


@NO_OFFICE
@NO_PDFTOTEXT
def test_libreoffice_renders_the_footnotes_in_the_pdf(tmp_path):
    document, _, _ = document_with_seed_notes()
    source = tmp_path / "chu-thich.docx"
    document.save(source)
    text = pdf_text(convert(source, "pdf", tmp_path / "pdf"))
    for note in SEED_NOTES:
        assert " ".join(note.split()) in text


@NO_OFFICE
@NO_PDFTOTEXT
def test_adding_to_a_document_saved_by_libreoffice(tmp_path):
    """LibreOffice re-saves with separators 0/1, footnotes from 2 and its own style ids ("Footnote",
    "FootnoteAnchor" named "Footnote Text"/"Footnote Reference"); adding must continue from there."""
    document, _, _ = document_with_seed_notes()
    source = tmp_path / "goc.docx"
    document.save(source)
    resaved = convert(source, "docx:MS Word 2007 XML", tmp_path / "lo")
    notes = read_footnotes(resaved)
    assert [text for _, text in notes] == SEED_NOTES
    reopened = docx.Document(str(resaved))
    new_id = add_footnote(reopened.add_paragraph("Đoạn thêm sau LibreOffice"), "Chú thích thứ tư: 1.134,31 ha")
    assert new_id == max(i for i, _ in notes) + 1
    final = tmp_path / "them.docx"
    reopened.save(final)
    check_package(final.read_bytes())
    assert [text for _, text in read_footnotes(final)] == [*SEED_NOTES, "Chú thích thứ tư: 1.134,31 ha"]
    styles = xml(final.read_bytes(), "word/styles.xml")
    assert styles_with(styles, "paragraph", "FootnoteText") == []  # LibreOffice's own footnote style is reused
    text = pdf_text(convert(final, "pdf", tmp_path / "pdf"))
    assert "Chú thích thứ tư: 1.134,31 ha" in text
