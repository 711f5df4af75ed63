"""Real Word footnotes for python-docx documents (python-docx itself cannot write them).

A footnote in WordprocessingML has two halves:

* in the body, a run ``<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/><w:vertAlign w:val="superscript"/></w:rPr>
  <w:footnoteReference w:id="N"/></w:r>``;
* in ``word/footnotes.xml`` (part related to the main document by ``RT.FOOTNOTES``), a ``<w:footnote w:id="N">``
  holding paragraphs in the ``FootnoteText`` style that start with a ``<w:footnoteRef/>`` run (the mark Word
  prints at the foot of the page).

``footnotes.xml`` must also hold the two separator footnotes Word writes (``w:type="separator"`` id -1 and
``w:type="continuationSeparator"`` id 0). Word numbers footnotes on screen by position, so the ids only have to
be unique; :func:`add_footnote` hands them out increasing from the largest id present.

Usage::

    from docx import Document
    from ktxh.reports.footnotes import add_footnote, read_footnotes

    document = Document()
    paragraph = document.add_paragraph("Cây lúa tổng diện tích 215,0 ha gồm")
    add_footnote(paragraph, "Cây lạc: diện tích 135,0 ha; cây màu 7,5 ha.")
    paragraph.add_run(". Diện tích lạc và rau màu phát triển đảm bảo kế hoạch.")
    document.save("bao-cao.docx")
    read_footnotes("bao-cao.docx")  # [Footnote(id=1, text='Cây lạc: diện tích 135,0 ha; cây màu 7,5 ha.')]
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from os import PathLike
from typing import IO, NamedTuple

import docx
from docx.document import Document as DocxDocument
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import XmlPart
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.parts.document import DocumentPart
from docx.text.paragraph import Paragraph
from docx.text.run import Run

__all__ = [
    "Footnote",
    "FootnoteStyle",
    "Span",
    "add_footnote",
    "ensure_footnotes_part",
    "footnote_reference_ids",
    "read_footnotes",
]

FOOTNOTES_PARTNAME = "/word/footnotes.xml"
FOOTNOTE_TEXT_STYLE = "FootnoteText"
FOOTNOTE_REFERENCE_STYLE = "FootnoteReference"

# Children of w:settings that must follow w:footnotePr (ECMA-376 CT_Settings sequence).
_SETTINGS_AFTER_FOOTNOTEPR = (
    "w:endnotePr",
    "w:compat",
    "w:docVars",
    "w:rsids",
    "m:mathPr",
    "w:attachedSchema",
    "w:themeFontLang",
    "w:clrSchemeMapping",
    "w:doNotIncludeSubdocsInStats",
    "w:doNotAutoCompressPictures",
    "w:forceUpgrade",
    "w:captions",
    "w:readModeInkLockDown",
    "w:smartTagType",
    "sl:schemaLibrary",
    "w:shapeDefaults",
    "w:doNotEmbedSmartTags",
    "w:decimalSymbol",
    "w:listSeparator",
)

_SEPARATOR_SPACING = '<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr>'
_EMPTY_FOOTNOTES_XML = (
    f"<w:footnotes {nsdecls('w', 'r')}>"
    f'<w:footnote w:type="separator" w:id="-1"><w:p>{_SEPARATOR_SPACING}<w:r><w:separator/></w:r></w:p></w:footnote>'
    f'<w:footnote w:type="continuationSeparator" w:id="0"><w:p>{_SEPARATOR_SPACING}'
    "<w:r><w:continuationSeparator/></w:r></w:p></w:footnote>"
    "</w:footnotes>"
)


@dataclass(frozen=True)
class FootnoteStyle:
    """Look of the ``FootnoteText`` paragraph style, used only when the document does not define it yet."""

    font_name: str = "Times New Roman"
    font_size_pt: float = 11
    justify: bool = True


@dataclass(frozen=True)
class Span:
    """A piece of footnote text with its own character formatting."""

    text: str
    bold: bool = False
    italic: bool = False
    superscript: bool = False


class Footnote(NamedTuple):
    id: int
    text: str


# --------------------------------------------------------------------------------------------------------------
# Package plumbing


def _document_part(document_or_part) -> DocumentPart:
    part = getattr(document_or_part, "part", document_or_part)
    if not isinstance(part, DocumentPart):
        raise TypeError(f"expected a python-docx Document or its main DocumentPart, got {type(document_or_part)!r}")
    return part


def _footnotes_rel(document_part: DocumentPart):
    rels = [rel for rel in document_part.rels.values() if rel.reltype == RT.FOOTNOTES and not rel.is_external]
    if len(rels) > 1:
        raise ValueError("the main document has more than one footnotes relationship")
    return rels[0] if rels else None


def _as_xml_part(rel) -> XmlPart:
    """The footnotes part of `rel` as an |XmlPart|, converting the plain |Part| python-docx loads it as.

    python-docx has no part class for footnotes, so a reopened package holds ``footnotes.xml`` as bytes. The part
    is replaced by an |XmlPart| with the same name, content type and relationships (footnotes may hold hyperlinks
    or images), and the relationship from the document is pointed at it.
    """
    part = rel.target_part
    if isinstance(part, XmlPart):
        return part
    xml_part = XmlPart(part.partname, part.content_type, parse_xml(part.blob), part.package)
    xml_part.rels.update(part.rels)
    rel._target = xml_part  # no public API re-targets a relationship
    return xml_part


def _footnotes_part(document_part: DocumentPart) -> XmlPart | None:
    rel = _footnotes_rel(document_part)
    return _as_xml_part(rel) if rel is not None else None


def _find_style(styles_element, style_type: str, style_id: str, name: str) -> str | None:
    """styleId of the style of `style_type` with id `style_id` or (case-insensitive) name `name`."""
    by_name = None
    for style in styles_element.findall(qn("w:style")):
        if style.get(qn("w:type")) != style_type:
            continue
        if style.get(qn("w:styleId")) == style_id:
            return style_id
        name_element = style.find(qn("w:name"))
        if by_name is None and name_element is not None and (name_element.get(qn("w:val")) or "").lower() == name:
            by_name = style.get(qn("w:styleId"))
    return by_name


def _default_style_id(styles_element, style_type: str) -> str | None:
    for style in styles_element.findall(qn("w:style")):
        if style.get(qn("w:type")) == style_type and style.get(qn("w:default")) in ("1", "true", "on"):
            return style.get(qn("w:styleId"))
    return None


def _ensure_styles(document_part: DocumentPart, look: FootnoteStyle) -> tuple[str, str]:
    """styleIds of the footnote text (paragraph) and footnote reference (character) styles, adding them if absent."""
    styles = document_part.styles.element
    text_id = _find_style(styles, "paragraph", FOOTNOTE_TEXT_STYLE, "footnote text")
    if text_id is None:
        text_id = FOOTNOTE_TEXT_STYLE
        based_on = _default_style_id(styles, "paragraph")
        half_points = round(look.font_size_pt * 2)
        font = look.font_name
        styles.append(
            parse_xml(
                f'<w:style {nsdecls("w")} w:type="paragraph" w:styleId="{text_id}">'
                '<w:name w:val="footnote text"/>'
                + (f'<w:basedOn w:val="{based_on}"/>' if based_on else "")
                + '<w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
                '<w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
                + ('<w:jc w:val="both"/>' if look.justify else "")
                + "</w:pPr>"
                f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:eastAsia="{font}" w:cs="{font}"/>'
                f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/></w:rPr>'
                "</w:style>"
            )
        )
    reference_id = _find_style(styles, "character", FOOTNOTE_REFERENCE_STYLE, "footnote reference")
    if reference_id is None:
        reference_id = FOOTNOTE_REFERENCE_STYLE
        based_on = _default_style_id(styles, "character")
        styles.append(
            parse_xml(
                f'<w:style {nsdecls("w")} w:type="character" w:styleId="{reference_id}">'
                '<w:name w:val="footnote reference"/>'
                + (f'<w:basedOn w:val="{based_on}"/>' if based_on else "")
                + '<w:uiPriority w:val="99"/><w:unhideWhenUsed/>'
                '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                "</w:style>"
            )
        )
    return text_id, reference_id


def _ensure_settings(document_part: DocumentPart) -> None:
    """Declare the separator footnotes in settings.xml, as Word does (``<w:footnotePr><w:footnote w:id="-1"/>…``)."""
    settings = document_part.settings.element
    if settings.find(qn("w:footnotePr")) is not None:
        return
    footnote_pr = parse_xml(
        f'<w:footnotePr {nsdecls("w")}><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>'
    )
    settings.insert_element_before(footnote_pr, *_SETTINGS_AFTER_FOOTNOTEPR)


def _ensure(document_part: DocumentPart, style: FootnoteStyle | None) -> tuple[XmlPart, str, str]:
    text_style, reference_style = _ensure_styles(document_part, style or FootnoteStyle())
    part = _footnotes_part(document_part)
    if part is None:
        package = document_part.package
        partname = PackURI(FOOTNOTES_PARTNAME)
        if any(existing.partname == partname for existing in package.iter_parts()):
            partname = package.next_partname("/word/footnotes%d.xml")
        part = XmlPart(partname, CT.WML_FOOTNOTES, parse_xml(_EMPTY_FOOTNOTES_XML), package)
        document_part.relate_to(part, RT.FOOTNOTES)
        _ensure_settings(document_part)
    return part, text_style, reference_style


def ensure_footnotes_part(document, style: FootnoteStyle | None = None) -> XmlPart:
    """Make sure `document` (a python-docx Document or its DocumentPart) can hold footnotes; return the footnotes part.

    Adds, only where missing: ``/word/footnotes.xml`` with the separator (id -1) and continuation separator (id 0)
    footnotes, its relationship from the main document (its content type is written by python-docx on save), the
    ``<w:footnotePr>`` separator declaration in settings.xml, and the ``FootnoteText`` paragraph style and the
    superscript ``FootnoteReference`` character style. Existing parts and styles (found by id or by Word's built-in
    names "footnote text" / "footnote reference") are kept as they are; `style` only shapes a new FootnoteText.
    Calling it again is harmless.
    """
    return _ensure(_document_part(document), style)[0]


# --------------------------------------------------------------------------------------------------------------
# Writing


def _spans(text_or_runs: str | Span | Iterable[str | Span]) -> list[Span]:
    if isinstance(text_or_runs, (str, Span)):
        text_or_runs = [text_or_runs]
    spans = [item if isinstance(item, Span) else Span(str(item)) for item in text_or_runs]
    if not any(span.text.strip() for span in spans):
        raise ValueError("a footnote needs some text")
    return spans


def _next_id(footnotes_element) -> int:
    ids = [int(note.get(qn("w:id"))) for note in footnotes_element.findall(qn("w:footnote"))]
    return max([0, *ids]) + 1


def add_footnote(
    paragraph: Paragraph,
    text_or_runs: str | Span | Sequence[str | Span],
    *,
    after: Run | None = None,
    style: FootnoteStyle | None = None,
) -> int:
    """Add a real footnote whose reference mark sits at the end of `paragraph` (or right after the run `after`).

    `text_or_runs` is the footnote text, or a sequence of strings and :class:`Span` pieces (bold, italic,
    superscript, e.g. for "m²"). A ``"\\n"`` becomes a line break and ``"\\t"`` a tab. The paragraph must belong to
    the main document body (a table cell is fine; Word allows no footnotes in headers, footers or footnotes).
    Returns the footnote id, which is also its number when footnotes are added in reading order.
    """
    spans = _spans(text_or_runs)
    document_part = paragraph.part
    if not isinstance(document_part, DocumentPart):
        raise ValueError("footnotes can only be added to paragraphs of the main document body")
    if after is not None and after._r.getparent() is not paragraph._p:
        raise ValueError("`after` must be a run directly inside `paragraph`")
    footnotes_part, text_style, reference_style = _ensure(document_part, style)
    footnotes = footnotes_part.element
    footnote_id = _next_id(footnotes)

    # -- the reference mark in the body --
    if after is None:
        reference = paragraph._p.add_r()
    else:
        reference = OxmlElement("w:r")
        after._r.addnext(reference)
    reference_run = Run(reference, paragraph)
    reference.get_or_add_rPr().style = reference_style
    reference_run.font.superscript = True  # also direct, in case an existing reference style lacks it
    reference.append(OxmlElement("w:footnoteReference", attrs={qn("w:id"): str(footnote_id)}))

    # -- the footnote itself --
    note = OxmlElement("w:footnote", attrs={qn("w:id"): str(footnote_id)})
    body = OxmlElement("w:p")
    note.append(body)
    body.get_or_add_pPr().style = text_style
    mark = body.add_r()
    mark.get_or_add_rPr().style = reference_style
    Run(mark, None).font.superscript = True
    mark.append(OxmlElement("w:footnoteRef"))
    body.add_r().text = " "
    for span in spans:
        r = body.add_r()
        r.text = span.text
        font = Run(r, None).font
        if span.bold:
            font.bold = True
        if span.italic:
            font.italic = True
        if span.superscript:
            font.superscript = True
    footnotes.append(note)
    return footnote_id


# --------------------------------------------------------------------------------------------------------------
# Reading


def _load(document_or_path) -> DocxDocument:
    if isinstance(document_or_path, DocxDocument):
        return document_or_path
    return docx.Document(document_or_path)


def _paragraph_text(p) -> str:
    pieces = []
    for element in p.iter(qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr"), qn("w:noBreakHyphen")):
        if element.tag == qn("w:t"):
            pieces.append(element.text or "")
        elif element.tag == qn("w:tab"):
            pieces.append("\t")
        elif element.tag == qn("w:noBreakHyphen"):
            pieces.append("-")
        elif element.tag == qn("w:cr") or element.get(qn("w:type")) in (None, "textWrapping"):
            pieces.append("\n")
    return "".join(pieces)


def footnote_reference_ids(document_or_path) -> list[int]:
    """Ids of the ``<w:footnoteReference>`` marks in the main document, in reading order."""
    document = _load(document_or_path)
    return [int(ref.get(qn("w:id"))) for ref in document.element.body.iter(qn("w:footnoteReference"))]


def read_footnotes(document_or_path: DocxDocument | str | PathLike | IO[bytes]) -> list[Footnote]:
    """The footnotes of a .docx (python-docx Document, path or binary file) as ``Footnote(id, text)`` pairs.

    Separator footnotes are left out. The order is the order Word numbers them in: by the position of their first
    reference in the document; footnotes no reference points at come last, in file order. Paragraphs of one footnote
    are joined with ``"\\n"``; the text is stripped (so the space after the mark disappears).
    """
    document = _load(document_or_path)
    rel = _footnotes_rel(document.part)
    if rel is None:
        return []
    part = rel.target_part
    element = part.element if isinstance(part, XmlPart) else parse_xml(part.blob)
    notes: dict[int, str] = {}
    for note in element.findall(qn("w:footnote")):
        if note.get(qn("w:type")) not in (None, "normal"):
            continue
        note = copy.deepcopy(note)
        for body_only in note.iter(qn("w:footnoteRef")):
            body_only.getparent().remove(body_only)
        text = "\n".join(_paragraph_text(p) for p in note.iter(qn("w:p")))
        notes[int(note.get(qn("w:id")))] = text.strip()
    order = list(dict.fromkeys(i for i in footnote_reference_ids(document) if i in notes))
    order += [i for i in notes if i not in order]
    return [Footnote(i, notes[i]) for i in order]
