"""The default Word template: page, fonts and the fixed blocks of a "Báo cáo" per Nghị định 30/2020/NĐ-CP,
Phụ lục I, with Jinja placeholders that users may move or restyle in Word.

    python -m ktxh.reports.layout OUT.docx      # writes the default template (it is shipped in templates/)

Placeholders (see docs/report-template.md): ``ten_co_quan_1``, ``ten_co_quan_2`` (agency name, two lines),
``so_hieu``, ``dia_danh``, ``ngay_thang``, ``trich_yeu`` (list of subject lines), ``noi_nhan`` (list),
``tham_quyen``, ``chuc_vu``, ``nguoi_ky``. The paragraph ``[[NOI_DUNG]]`` is replaced by the generated body.
"""

from __future__ import annotations

import sys
from pathlib import Path
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Mm, Pt, RGBColor

BODY_MARKER = "[[NOI_DUNG]]"
FONT = "Times New Roman"
BODY_SIZE = Pt(14)
A4 = (Mm(210), Mm(297))
MARGINS = {"top": Mm(20), "bottom": Mm(20), "left": Mm(30), "right": Mm(15)}
FIRST_LINE_INDENT = Cm(1.27)
DEFAULT_TEMPLATE = Path(__file__).resolve().parent / "templates" / "bao_cao_kt_xh.docx"


def set_font(style_or_run, size=None, bold=None, italic=None) -> None:
    font = style_or_run.font
    font.name = FONT
    font.color.rgb = RGBColor(0, 0, 0)
    if size is not None:
        font.size = size
    if bold is not None:
        font.bold = bold
    if italic is not None:
        font.italic = italic
    element = style_or_run.element
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(attribute), None)  # a theme font would win over Times New Roman


def page_setup(section, landscape: bool = False) -> None:
    width, height = A4
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (height, width) if landscape else (width, height)
    section.top_margin, section.bottom_margin = MARGINS["top"], MARGINS["bottom"]
    section.left_margin, section.right_margin = MARGINS["left"], MARGINS["right"]
    section.header_distance = Mm(10)
    section.footer_distance = Mm(10)


def rule(paragraph, width_cm: float, text_width_cm: float) -> None:
    """Turn an empty paragraph into a centred solid rule ``width_cm`` long (a bottom border on an indented
    paragraph: it stays a rule when users edit the document)."""
    side = max((text_width_cm - width_cm) / 2, 0)
    fmt = paragraph.paragraph_format
    fmt.left_indent, fmt.right_indent = Cm(side), Cm(side)
    fmt.space_before, fmt.space_after, fmt.first_line_indent = Pt(0), Pt(0), Cm(0)
    fmt.line_spacing = Pt(4)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    ppr.append(borders)


def fixed_widths(table, widths_cm: list[float]) -> None:
    """Column widths that Word and LibreOffice both honour: a fixed layout, the grid and every cell."""
    tbl_pr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    for column, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths_cm):
        column.set(qn("w:w"), str(int(Cm(width).twips)))
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm):
            cell.width = Cm(width)


def grid_table(
    document,
    header: list[str],
    rows: list[list[str]],
    widths_cm: list[float],
    style_id: str,
    left_columns: set[int] = frozenset(),
) -> None:
    """Append a bordered table with a repeated bold header row at the end of the document.

    Written as one piece of WordprocessingML rather than cell by cell: python-docx's cell API costs milliseconds
    per cell, and an appendix of 300 indicators has 3.000 cells.
    """
    twips = [int(Cm(w).twips) for w in widths_cm]

    def cell(text: str, column: int, bold: bool) -> str:
        align = "left" if column in left_columns else "center"
        run_props = "<w:rPr><w:b/></w:rPr>" if bold else ""
        return (
            f'<w:tc><w:tcPr><w:tcW w:w="{twips[column]}" w:type="dxa"/></w:tcPr>'
            f'<w:p><w:pPr><w:pStyle w:val="{escape(style_id)}"/><w:jc w:val="{align}"/></w:pPr>'
            f'<w:r>{run_props}<w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p></w:tc>'
        )

    border = "".join(
        f'<w:{edge} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    parts = [
        f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblW w:w="{sum(twips)}" w:type="dxa"/><w:jc w:val="center"/>'
        f'<w:tblBorders>{border}</w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>'
    ]
    parts += [f'<w:gridCol w:w="{w}"/>' for w in twips]
    parts.append("</w:tblGrid><w:tr><w:trPr><w:tblHeader/></w:trPr>")
    parts += [cell(text, i, True) for i, text in enumerate(header)]
    parts.append("</w:tr>")
    for row in rows:
        parts.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>")
        parts += [cell(text, i, False) for i, text in enumerate(row)]
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    document.element.body._insert_tbl(parse_xml("".join(parts)))


def _no_borders(table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tbl_pr.append(borders)


def line(
    cell_or_doc,
    text: str,
    size=Pt(13),  # noqa: B008 (Pt is an immutable int)
    bold=False,
    italic=False,
    align=WD_ALIGN_PARAGRAPH.CENTER,
    first=False,
):
    paragraph = cell_or_doc.paragraphs[0] if first else cell_or_doc.add_paragraph()
    fmt = paragraph.paragraph_format
    fmt.alignment = align
    fmt.first_line_indent = Cm(0)
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    if text:
        set_font(paragraph.add_run(text), size=size, bold=bold, italic=italic)
    return paragraph


def _page_number_header(section) -> None:
    """Page numbers centred in the top margin, not on the first page."""
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run()
    set_font(run, size=Pt(14))
    for kind, text in (("begin", None), (None, " PAGE "), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def _styles(document) -> None:
    normal = document.styles["Normal"]
    set_font(normal, size=BODY_SIZE)
    fmt = normal.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt.first_line_indent = FIRST_LINE_INDENT
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(6)
    fmt.line_spacing = 1.15
    for name, size, bold, italic, align, caps in [
        ("Title", Pt(14), True, False, WD_ALIGN_PARAGRAPH.CENTER, False),
        ("Heading 1", BODY_SIZE, True, False, WD_ALIGN_PARAGRAPH.JUSTIFY, False),
        ("Heading 2", BODY_SIZE, True, False, WD_ALIGN_PARAGRAPH.JUSTIFY, False),
        ("Heading 3", BODY_SIZE, True, True, WD_ALIGN_PARAGRAPH.JUSTIFY, False),
        ("Heading 4", BODY_SIZE, False, True, WD_ALIGN_PARAGRAPH.JUSTIFY, False),
    ]:
        style = document.styles[name]
        set_font(style, size=size, bold=bold, italic=italic)
        style.font.all_caps = caps
        sfmt = style.paragraph_format
        sfmt.alignment = align
        sfmt.first_line_indent = FIRST_LINE_INDENT if name.startswith("Heading") else Cm(0)
        sfmt.space_before = Pt(6)
        sfmt.space_after = Pt(6)
        sfmt.keep_with_next = True
        ppr = style.element.get_or_add_pPr()
        border = ppr.find(qn("w:pBdr"))
        if border is not None:
            ppr.remove(border)


def build_default_template(path: Path) -> Path:
    document = Document()
    _styles(document)
    section = document.sections[0]
    page_setup(section)
    _page_number_header(section)
    text_width = (A4[0] - MARGINS["left"] - MARGINS["right"]) / 360000  # EMU → cm

    header = document.paragraphs[0]._p if document.paragraphs else None
    table = document.add_table(rows=1, cols=2)
    if header is not None:
        header.getparent().remove(header)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _no_borders(table)
    fixed_widths(table, [6.0, 10.5])
    left, right = table.rows[0].cells
    line(left, "{{ ten_co_quan_1 }}", bold=True, first=True)
    line(left, "{{ ten_co_quan_2 }}", bold=True)
    rule(left.add_paragraph(), 2.2, 6.0)
    line(left, "")
    line(left, "Số: {{ so_hieu }}", size=Pt(13))
    line(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, first=True)
    line(right, "Độc lập - Tự do - Hạnh phúc", size=Pt(14), bold=True)
    rule(right.add_paragraph(), 5.9, 10.5)
    line(right, "")
    line(right, "{{ dia_danh }}, {{ ngay_thang }}", size=Pt(14), italic=True)

    line(document, "")
    title = line(document, "BÁO CÁO", size=Pt(14), bold=True)
    title.paragraph_format.space_before = Pt(12)
    line(document, "{%p for dong in trich_yeu %}", size=Pt(14))
    line(document, "{{ dong }}", size=Pt(14), bold=True)
    line(document, "{%p endfor %}", size=Pt(14))
    rule(document.add_paragraph(), 4.0, text_width)
    line(document, "")
    body = document.add_paragraph(BODY_MARKER)
    body.style = document.styles["Normal"]

    line(document, "")
    end = document.add_table(rows=1, cols=2)
    end.autofit = False
    _no_borders(end)
    fixed_widths(end, [8.0, 8.5])
    left, right = end.rows[0].cells
    line(left, "Nơi nhận:", size=Pt(12), bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT, first=True)
    line(left, "{%p for nguoi_nhan in noi_nhan %}", size=Pt(11), align=WD_ALIGN_PARAGRAPH.LEFT)
    line(
        left, "- {{ nguoi_nhan }}{% if loop.last %}.{% else %};{% endif %}", size=Pt(11), align=WD_ALIGN_PARAGRAPH.LEFT
    )
    line(left, "{%p endfor %}", size=Pt(11), align=WD_ALIGN_PARAGRAPH.LEFT)
    line(right, "{{ tham_quyen }}", size=Pt(14), bold=True, first=True)
    line(right, "{{ chuc_vu }}", size=Pt(14), bold=True)
    for _ in range(4):
        line(right, "")
    line(right, "{{ nguoi_ky }}", size=Pt(14), bold=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(path)
    return path


if __name__ == "__main__":
    print(build_default_template(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_TEMPLATE))
