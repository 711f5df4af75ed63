"""Read a report (.txt or .docx) into paragraphs and footnotes, and split paragraphs into sentences.

Footnote references are taken out of the running text (so that ``gồm⁽²⁰⁾`` does not read as a number) and kept
as positions: ``Paragraph.refs`` lists ``(offset, note id)``. In a .txt file a footnote is a line that starts with
superscript digits (``¹⁵ Tổng số hộ nghèo …``, or ``⁽¹⁵⁾ …``); in a .docx it lives in ``word/footnotes.xml``. .docx
files are read with the standard library only (zipfile + ElementTree).
"""

from __future__ import annotations

import re
import stat
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

MAX_BYTES = 20 * 1024 * 1024
MAX_DOCX_XML = 100 * 1024 * 1024  # uncompressed document.xml + footnotes.xml: guards against zip bombs

_SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUP_TO_DIGIT = {c: str(i) for i, c in enumerate(_SUPERSCRIPT)}
_REF = re.compile(r"⁽([⁰¹²³⁴⁵⁶⁷⁸⁹]+)⁾|(?<=[^\s\d⁰¹²³⁴⁵⁶⁷⁸⁹])([⁰¹²³⁴⁵⁶⁷⁸⁹]+)(?![⁰¹²³⁴⁵⁶⁷⁸⁹])")
_NOTE_LINE = re.compile(r"^\s*(?:([⁰¹²³⁴⁵⁶⁷⁸⁹]+)|⁽([⁰¹²³⁴⁵⁶⁷⁸⁹]+)⁾)\s*(.*)$", re.S)
REF_MARK = "\ue000"  # stands in the text where a footnote reference was

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class AuditReadError(Exception):
    """The file cannot be audited; the message (Vietnamese) says why."""


@dataclass
class Paragraph:
    index: int
    text: str  # footnote references replaced by REF_MARK
    note: str | None = None  # the footnote id when this paragraph is a footnote
    refs: list[tuple[int, str]] = field(default_factory=list)
    heading: bool = False

    def display(self, start: int = 0, end: int | None = None) -> str:
        """The text between two offsets with the references written back as ⁽N⁾."""
        end = len(self.text) if end is None else end
        if REF_MARK not in self.text[start:end]:
            return self.text[start:end].strip()
        out, refs = [], dict(self.refs)
        for i in range(start, end):
            ch = self.text[i]
            out.append(_sup(refs.get(i, "")) if ch == REF_MARK else ch)
        return "".join(out).strip()


def _sup(number: str) -> str:
    return "⁽" + "".join(_SUPERSCRIPT[int(d)] for d in number if d.isdigit()) + "⁾"


@dataclass
class Document:
    paragraphs: list[Paragraph]  # body paragraphs, then footnotes
    notes: dict[str, Paragraph]

    @property
    def body(self) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.note is None]


def _strip_refs(text: str) -> tuple[str, list[tuple[int, str]]]:
    out, refs, last = [], [], 0
    for match in _REF.finditer(text):
        if match.group(2) in ("²", "³") and text[match.start() - 1] == "m":
            continue  # m², km³: a unit, not a reference
        out.append(text[last : match.start()])
        number = "".join(_SUP_TO_DIGIT[c] for c in (match.group(1) or match.group(2)))
        refs.append((sum(len(s) for s in out), number))
        out.append(REF_MARK)
        last = match.end()
    out.append(text[last:])
    return "".join(out), refs


def _is_heading(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and (all(c.isupper() for c in letters) or bool(re.match(r"^(PHẦN|Phần)\s+thứ\b", text)))


def build_document(body: list[str], notes: dict[str, str]) -> Document:
    paragraphs: list[Paragraph] = []
    for raw in body:
        text, refs = _strip_refs(" ".join(raw.split()))
        if text:
            paragraphs.append(Paragraph(len(paragraphs), text, refs=refs, heading=_is_heading(text)))
    note_map: dict[str, Paragraph] = {}
    for number, raw in notes.items():
        text = " ".join(raw.split())
        if text:
            para = Paragraph(len(paragraphs), text, note=number)
            paragraphs.append(para)
            note_map[number] = para
    return Document(paragraphs, note_map)


def parse_text(text: str) -> Document:
    """Lines are paragraphs; a line cut by a page break (no final punctuation, next line in lower case) is joined
    with its continuation, even across the footnotes printed in between."""
    body: list[str] = []
    notes: dict[str, str] = {}
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = line.strip()
        if not line:
            continue
        note = _NOTE_LINE.match(line)
        if note and note.group(3) and note.group(3)[0] not in _SUPERSCRIPT:  # "¹⁵ Tổng số …" or "⁽¹⁵⁾ Tổng số …"
            number = "".join(_SUP_TO_DIGIT[c] for c in (note.group(1) or note.group(2)))
            notes[number] = note.group(3)
            continue
        if body and line[0].islower() and body[-1] and body[-1][-1] not in '.:;!?)”"':
            body[-1] = body[-1] + (" " if not body[-1].endswith("-") else "") + line
            continue
        body.append(line)
    return build_document(body, notes)


def _docx_paragraph_text(paragraph) -> str:
    parts = []
    for node in paragraph.iter():
        tag = node.tag
        if tag == W + "t" and node.text:
            parts.append(node.text)
        elif tag == W + "tab" or tag in (W + "br", W + "cr"):
            parts.append(" ")
        elif tag == W + "footnoteReference":
            number = node.get(W + "id", "")
            if number.isdigit():
                parts.append(_sup(number))
    return "".join(parts)


def _docx_paragraphs(root) -> list[str]:
    """The text of every paragraph, in document order, each with only its own runs: a paragraph nested in another
    (a text box, or a hostile file of 20.000 nested ``w:p``) is a paragraph of its own and not repeated in its
    parent, so reading is linear in the size of the XML. Iterative: no recursion limit to hit."""
    out: list[list[str]] = []
    open_paragraphs: list[list[str]] = []
    stack = [(root, False)]
    while stack:
        node, leaving = stack.pop()
        tag = node.tag
        if leaving:
            open_paragraphs.pop()
            continue
        if tag == W + "p":
            parts: list[str] = []
            out.append(parts)
            open_paragraphs.append(parts)
            stack.append((node, True))
        elif open_paragraphs:
            current = open_paragraphs[-1]
            if tag == W + "t" and node.text:
                current.append(node.text)
            elif tag in (W + "tab", W + "br", W + "cr"):
                current.append(" ")
            elif tag == W + "footnoteReference":
                number = node.get(W + "id", "")
                if number.isdigit():
                    current.append(_sup(number))
        stack.extend((child, False) for child in reversed(node))
    return ["".join(parts) for parts in out]


def parse_docx(data: bytes) -> Document:
    import io

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
        if "word/document.xml" not in names:
            raise AuditReadError(
                "Tệp .docx không có phần nội dung (word/document.xml): tệp hỏng hoặc không phải văn bản Word."
            )
        total = sum(archive.getinfo(n).file_size for n in ("word/document.xml", "word/footnotes.xml") if n in names)
        if total > MAX_DOCX_XML:
            raise AuditReadError("Tệp .docx quá lớn khi giải nén, không kiểm tra.")
        document = ElementTree.fromstring(archive.read("word/document.xml"))
        footnotes = (
            ElementTree.fromstring(archive.read("word/footnotes.xml")) if "word/footnotes.xml" in names else None
        )
    except AuditReadError:
        raise
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        ElementTree.ParseError,
        KeyError,
        ValueError,
        OSError,
        EOFError,
        NotImplementedError,
        RuntimeError,
    ) as error:
        raise AuditReadError(f"Tệp .docx bị hỏng, không đọc được ({type(error).__name__}).") from None
    body = _docx_paragraphs(document)
    notes: dict[str, str] = {}
    if footnotes is not None:
        for note in footnotes.iter(W + "footnote"):
            if note.get(W + "type") in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            number = note.get(W + "id", "")
            notes[number] = " ".join(_docx_paragraph_text(p) for p in note.iter(W + "p"))
    # In Word, a footnote text may start with its own reference mark: drop it.
    notes = {k: re.sub(r"^\s*⁽[⁰¹²³⁴⁵⁶⁷⁸⁹]+⁾\s*", "", v) for k, v in notes.items()}
    return build_document(body, notes)


def read_document(path: str | Path) -> Document:
    """Read a .txt or .docx report. Raises AuditReadError with a Vietnamese message when it cannot."""
    path = Path(path)
    try:
        try:
            info = path.stat()
        except FileNotFoundError:
            raise AuditReadError(f"Không có tệp «{path}».") from None
        if stat.S_ISDIR(info.st_mode):
            raise AuditReadError(f"«{path}» là thư mục, không phải tệp.")
        if not stat.S_ISREG(info.st_mode):  # a FIFO or a device would block or never end
            raise AuditReadError(f"«{path}» không phải tệp thông thường (đường ống, thiết bị…).")
        if info.st_size > MAX_BYTES:
            raise AuditReadError(
                f"Tệp «{path}» quá lớn ({info.st_size // (1024 * 1024)} MB; tối đa {MAX_BYTES // (1024 * 1024)} MB)."
            )
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise AuditReadError(f"Tệp «{path}» quá lớn (tối đa {MAX_BYTES // (1024 * 1024)} MB).")
    except OSError as error:
        raise AuditReadError(f"Không đọc được tệp «{path}»: {error.strerror or error}.") from None
    if not data.strip():
        raise AuditReadError(f"Tệp «{path}» rỗng.")
    if data[:4] == b"PK\x03\x04" or path.suffix.lower() in (".docx", ".docm"):
        document = parse_docx(data)
    elif data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise AuditReadError(f"«{path}» là tệp Word cũ (.doc); hãy lưu lại dưới dạng .docx hoặc .txt.")
    elif data[:5] == b"%PDF-":
        raise AuditReadError(f"«{path}» là tệp PDF; hãy chuyển sang .docx hoặc .txt.")
    else:
        if b"\x00" in data[:65536]:
            raise AuditReadError(f"«{path}» là tệp nhị phân, không phải văn bản.")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise AuditReadError(
                f"Tệp «{path}» không phải văn bản UTF-8 (byte lạ ở vị trí {error.start}); hãy lưu lại với mã UTF-8."
            ) from None
        document = parse_text(text)
    if not any(p.text.strip() for p in document.paragraphs):
        raise AuditReadError(f"Tệp «{path}» không có nội dung văn bản.")
    return document


# --- sentences -------------------------------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"(?<!\d)[.!?](?:\.\.)?(?=\s+[^\s\d]|\s*$)|(?<=\d)[.!?](?=\s+\S|\s*$)|\.\.\.(?=\s)")
_ABBREVIATIONS = ("TP", "TT", "Tp", "ThS", "TS", "đ/c", "Đ/c", "v.v", "St", "BS")


def sentences(text: str) -> list[tuple[int, int]]:
    """Offsets of the sentences of a paragraph. A dot between digits (``8.1``, ``4.426``) does not end one."""
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        before = text[start : match.start()].rstrip()
        if any(before.endswith(" " + a) or before == a for a in _ABBREVIATIONS):
            continue
        end = match.end()
        if text[start:end].strip():
            spans.append((start, end))
        start = end
    if text[start:].strip():
        spans.append((start, len(text)))
    bounded = [piece for s, e in spans for piece in _bounded(text, s, e)]
    return [(s + (len(text[s:e]) - len(text[s:e].lstrip())), e) for s, e in bounded if text[s:e].strip()]


#: The longest sentence the reader takes whole, in characters. Relations are looked for between the numbers of one
#: sentence, so the work on a sentence grows with the square of its numbers; a "sentence" longer than this (no real
#: report writes one: their longest enumerations are about 1.500 characters; a file of one endless sentence does) is
#: read in pieces cut after a «;» or «,» (else a space) before the limit, which keeps the time linear in the text.
MAX_SENTENCE = 2500


def _bounded(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``text[start:end]`` in pieces of at most :data:`MAX_SENTENCE` characters (one piece when it is shorter)."""
    pieces = []
    while end - start > MAX_SENTENCE:
        limit = start + MAX_SENTENCE
        cut = max(text.rfind(";", start, limit), text.rfind(",", start, limit))
        if cut <= start:
            cut = text.rfind(" ", start, limit)
        cut = cut + 1 if cut > start else limit
        pieces.append((start, cut))
        start = cut
    pieces.append((start, end))
    return pieces
