"""Helpers for the audit tests: a minimal .docx writer (no python-docx) and the labelled texts."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

TEXTS = Path(__file__).parent / "texts"

_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_SUP = "⁰¹²³⁴⁵⁶⁷⁸⁹"


def labelled_texts(folder: Path = TEXTS) -> list[tuple[Path, list[dict]]]:
    out = []
    for sidecar in sorted(folder.glob("*.expected.json")):
        name = sidecar.name[: -len(".expected.json")]
        source = folder / f"{name}.txt"
        out.append((source, json.loads(sidecar.read_text(encoding="utf-8"))))
    return out


def normalise(expected: dict) -> dict:
    """A held-out expectation (values as written: ``"1.245/1.380"``, ``"2,8%"``; ``implied_total``) in the form of
    the development sidecars."""
    from ktxh.audit.claims import parse_number

    values = []
    for raw in expected.get("values", []):
        if isinstance(raw, (int, float)):
            values.append(float(raw))
            continue
        for piece in str(raw).replace("%", "").split("/"):
            values.append(parse_number(piece.strip(), True)[0])
    kind = {"implied_total": "share_denominator"}.get(expected["kind"], expected["kind"])
    return {"kind": kind, "values": values}


def _runs(text: str) -> str:
    """A paragraph's runs; ⁽N⁾ or a superscript number after a word becomes a Word footnote reference."""
    out, last = [], 0
    for match in re.finditer(r"⁽([⁰-⁹¹²³]+)⁾", text):
        out.append(f'<w:r><w:t xml:space="preserve">{escape(text[last : match.start()])}</w:t></w:r>')
        number = "".join(str(_SUP.index(c)) for c in match.group(1))
        out.append(
            f'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="{number}"/></w:r>'
        )
        last = match.end()
    out.append(f'<w:r><w:t xml:space="preserve">{escape(text[last:])}</w:t></w:r>')
    return "".join(out)


def write_docx(path: Path, paragraphs: list[str], footnotes: dict[str, str] | None = None) -> Path:
    body = "".join(f"<w:p>{_runs(p)}</w:p>" for p in paragraphs)
    document = f'<?xml version="1.0" encoding="UTF-8"?><w:document {_W}><w:body>{body}</w:body></w:document>'
    notes = "".join(
        f'<w:footnote w:id="{number}"><w:p><w:r><w:footnoteRef/></w:r>'
        f'<w:r><w:t xml:space="preserve"> {escape(text)}</w:t></w:r></w:p></w:footnote>'
        for number, text in (footnotes or {}).items()
    )
    separators = (
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r>'
        "</w:p></w:footnote>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        )
        archive.writestr("word/document.xml", document)
        if footnotes:
            archive.writestr(
                "word/footnotes.xml",
                f'<?xml version="1.0" encoding="UTF-8"?><w:footnotes {_W}>{separators}{notes}</w:footnotes>',
            )
    return path


def txt_to_docx(source: Path, target: Path) -> Path:
    """The .txt report as a .docx: lines become paragraphs, lines starting with a superscript number footnotes."""
    paragraphs, notes = [], {}
    for line in source.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line:
            continue
        match = re.match(r"^([⁰¹²³⁴⁵⁶⁷⁸⁹]+)\s+(.*)$", line)
        if match:
            notes["".join(str(_SUP.index(c)) for c in match.group(1))] = match.group(2)
        else:
            paragraphs.append(re.sub(r"(?<=[^\s\dm⁰-⁹¹²³⁽])([⁰¹²³⁴⁵⁶⁷⁸⁹]+)(?![⁰¹²³⁴⁵⁶⁷⁸⁹])", r"⁽\1⁾", line))
    return write_docx(target, paragraphs, notes)
