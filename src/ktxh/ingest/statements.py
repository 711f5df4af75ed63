"""Statements: the numbers of a report with what kind of figure each is and the words that say what it measures.

Kinds (``KINDS``): ``result`` (a value reached), ``estimate`` («ước», «ước đạt», «dự ước»), ``target`` («kế hoạch»,
«giao», «chỉ tiêu», «phấn đấu», «mục tiêu», a figure after «/KH», or any figure in the plan part of the report),
``change`` («tăng/giảm N …»), ``share`` («chiếm N%», «= N%» of an amount), ``count`` («X/Y»). A percentage of a plan
(«đạt 95% kế hoạch»), identifiers (years, numbers of documents) and the ends of ranges are no statements.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ktxh.audit.claims import Claim, Sentence
from ktxh.audit.text import REF_MARK

KINDS = ("result", "estimate", "target", "change", "share", "count")

_TARGET_WORDS = re.compile(r"\b(kế hoạch|kh|giao|chỉ tiêu|phấn đấu|mục tiêu|dự kiến|nghị quyết|nq|dự toán)\b",
                           re.IGNORECASE)
_ESTIMATE_WORDS = re.compile(r"\b(ước|dự ước|ước tính|ước đạt|ước thực hiện)\b", re.IGNORECASE)
_SHARE_BEFORE = re.compile(r"(?:chiếm|=|bằng)\s*(?:tỷ lệ|tỉ lệ)?\s*$", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[,;:.()]|\s(?:và|với|so|đạt|tăng|giảm|bằng|chiếm)\s")


@dataclass
class Statement:
    claim: Claim
    kind: str
    before: str  # the words of its clause before the number (its label)
    after: str  # the words right after its unit, up to the end of the clause («72.002 ha lúa»)
    subject: str  # the bullet or heading the sentence is under
    topic: str = ""  # the words that open its paragraph, before its first number («- Cây lúa Đông Xuân gieo trồng»)

    @property
    def sentence(self) -> Sentence:
        return self.claim.sentence

    @property
    def local(self) -> str:
        """The words of its own clause: its label and the words after its unit, and the bullet it is under."""
        bullet = self.subject if _BULLET.match(self.sentence.para.text) else ""
        return " ".join(p for p in (bullet, self.before, self.after) if p)

    @property
    def context(self) -> str:
        """The local words and those of its paragraph's opening and its heading (a fallback: weaker evidence)."""
        return " ".join(p for p in (self.subject, self.topic, self.before, self.after) if p)


def _after(text: str, end: int) -> str:
    tail = text[end:end + 60].replace(REF_MARK, " ")
    cut = _CLAUSE_END.search(tail)
    tail = tail[:cut.start()] if cut else tail
    words = re.findall(r"[^\W\d_]+", tail)
    return " ".join(words[:6])


def kind_of(claim: Claim) -> str | None:
    """The kind of figure a number is, or None when it is not a figure."""
    if claim.ident or (claim.high is not None and claim.high == claim.value and claim.unit is None):
        return None
    text = claim.sentence.para.text
    clause_start = max(text.rfind(c, claim.sentence.start, claim.start) for c in ",;:") + 1
    clause_start = max(clause_start, claim.sentence.start)
    before = text[max(clause_start, claim.start - 80):claim.start]
    if claim.percent and _SHARE_BEFORE.search(before):
        return "share"  # "chiếm 3,20% so với tổng số hộ"
    if claim.comparison:
        return None  # "đạt 95% kế hoạch": how far a figure reached its plan, not a figure
    if claim.in_fraction:
        return "count" if not text[claim.end:claim.end + 1] == "/" else None
    if claim.delta:
        return "change"
    if claim.percent and (_SHARE_BEFORE.search(before) or any(c.share is claim for c in claim.sentence.claims)):
        return "share"
    if claim.target or claim.sentence.plan or _TARGET_WORDS.search(before):
        return "target"
    if _ESTIMATE_WORDS.search(text[claim.sentence.start:claim.start][-120:]):
        return "estimate"
    return "result"


_BULLET = re.compile(r"^\s*(?:[-+•*–]|[a-zđ]\)|\d+(?:\.\d+)*[.)])\s*([^:]{2,80}?)\s*:")


def statements(sentences: list[Sentence]) -> list[Statement]:
    out = []
    heading = ""
    last_para = None
    for sentence in sentences:
        para = sentence.para
        if para.index != last_para:
            last_para = para.index
            if para.heading or (len(para.text) < 80 and not sentence.claims):
                heading = para.text
        bullet = _BULLET.match(para.text)
        subject = bullet.group(1) if bullet else heading
        first_digit = re.search(r"\d", para.text)
        topic = para.text[:min(first_digit.start() if first_digit else 60, 60)]
        for claim in sentence.claims:
            kind = kind_of(claim)
            if kind is None or claim.value is None:
                continue
            after = " ".join(p for p in ((claim.unit or "") if not claim.percent else "",
                                         _after(para.text, claim.end)) if p)
            out.append(Statement(claim, kind, claim.label_text, after, subject, topic))
    return out
