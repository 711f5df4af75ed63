"""Statements: the numbers of a report with what kind of figure each is and the words that say what it measures.

Kinds (``KINDS``): ``result`` (a value reached), ``estimate`` («ước», «ước đạt», «dự ước»), ``target`` («kế hoạch»,
«giao», «chỉ tiêu», «phấn đấu», «mục tiêu», a figure after «/KH», or any figure in the plan part of the report),
``change`` («tăng/giảm N …»), ``share`` («chiếm N%», «= N%» of an amount), ``count`` («X/Y»). A percentage of a plan
(«đạt 95% kế hoạch»), a gap to the plan («vượt 1,5 ha so với KH»), identifiers (years, numbers of documents) and the
ends of ranges are no statements.

Aims: a sentence whose words before its first figure state aims («phấn đấu», «mục tiêu», «dự kiến», «theo kế
hoạch», «đặt chỉ tiêu», «với các chỉ tiêu chủ yếu như:») has targets; so do the next sentences of a paragraph that
opens with one, until a sentence says what has been done («Đến nay, …»). «ước» holds for the figure it is written
before, not for the figures after that one. The Y of an amount's «X/Y» («115/116 ha», «17.919 con/14.066 con») is
its plan, proposed as a target beside the count X; so is the Y of things counted when «đạt Z% KH» follows.

Lists: a clause that names no measure — only a season, a part of the body («nông thôn»), or a named sub-unit
(«Mỹ Lộc: 3.197ha», «các xã A Vao giảm 7,7%»: proper names are cut out before deciding) — repeats the measure of its
sentence (:mod:`.propose` gives it the indicator of the amount before it). An amount in parentheses right after a
change («giảm 0,58% (5.240 tấn)») and a count joined by «và» to a change («giảm 04 hộ nghèo và 04 hộ cận nghèo») are
changes; what is said after figures joined that way («… vươn lên thoát nghèo») qualifies each of them.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, replace

from ktxh.audit.claims import BELOW, Claim, Sentence, body_of
from ktxh.audit.text import REF_MARK
from ktxh.ingest import words

KINDS = ("result", "estimate", "target", "change", "share", "count")

_TARGET_WORDS = re.compile(
    r"\b(kế hoạch|kh|giao|chỉ tiêu|phấn đấu|mục tiêu|dự kiến|nghị quyết|nq|dự toán)\b", re.IGNORECASE
)
_ESTIMATE_WORDS = re.compile(r"\b(ước|dự ước|ước tính|ước đạt|ước thực hiện)\b", re.IGNORECASE)
_AIM_OPENING = re.compile(r"^\W*(?:mục tiêu|phấn đấu|chỉ tiêu (?:năm|chủ yếu|kế hoạch)|kế hoạch năm)\b", re.IGNORECASE)
_AIM_WORDS = re.compile(r"\b(phấn đấu|mục tiêu|dự kiến|dự toán)\b", re.IGNORECASE)
_RESULT_WORDS = re.compile(r"\b(đạt|thực hiện|được|còn)\b", re.IGNORECASE)
_TARGET_AFTER = re.compile(r"\s*%?\s*(?:(?:huyện|tỉnh|xã)\s+)?(?:giao|kế hoạch|kh\b|chỉ tiêu)", re.IGNORECASE)
_CHANGE_IS = re.compile(
    r"(?<!tỷ lệ )(?<!tỉ lệ )(?<!tốc độ )\b(?:giảm|tăng)\b[^,;:]{0,50}\blà\s*$", re.IGNORECASE
)  # «giảm tỷ lệ hộ nghèo … là 0,47%»; not «Tỷ lệ tăng dân số tự nhiên là 1,3%», the name of a rate
_BASE_BEFORE = re.compile(r"\b(?:tăng|giảm|nâng|hạ)\b[^,;:]{0,50}\btừ\s*$", re.IGNORECASE)
_NEW_AFTER = re.compile(r"[^,;:\d]{0,20}\b(?:xuống|lên|còn|đến)\b", re.IGNORECASE)
_COUNT_DIMENSIONS = ("count:", "abbr:")
_BILLION_MILLION = re.compile(r"\s*tỷ\s+(\d{1,3})\s*triệu\s*đồng\b", re.IGNORECASE)
_MILLION_AFTER = re.compile(r"\s*(\d{1,3})\s*triệu(?:\s*đồng)?\b", re.IGNORECASE)
_SLASH_TARGET = re.compile(
    r"/\s*(\d+(?:,\d+)?)\s*%\s*(?:(?:huyện|tỉnh|xã)\s+)?(?:giao|kế hoạch|kh\b|chỉ tiêu)", re.IGNORECASE
)
_NEW_LEVEL = re.compile(r"\b(?:tăng|giảm)\s+(?:còn|lên|xuống còn)\s*$|\bcòn\s*$", re.IGNORECASE)  # the new level
_SHARE_BEFORE = re.compile(r"(?:chiếm|=|bằng)\s*(?:tỷ lệ|tỉ lệ)?\s*$", re.IGNORECASE)
_TAIL_PUNCTUATION = re.compile(r"[,;:.()]")
_CLAUSE_END = re.compile(r"[,;:.()]|\s(?:và|với|so|đạt|tăng|giảm|bằng|chiếm)\s")
# «X/Y, đạt Z% KH»: a percentage of the plan right after a fraction says its Y is the plan
_PLAN_SHARE_AFTER = re.compile(
    r"\s*[,(]?\s*(?:đạt|bằng|=)\s*\d+(?:[.,]\d+)?\s*%\s*(?:so\s+(?:với\s+)?)?(?:KH|kế hoạch|chỉ tiêu)\b",
    re.IGNORECASE,
)
_PARTS_OPENING = re.compile(r"\W*(?:trong đó|gồm|bao gồm)\b", re.IGNORECASE)
_OPENS_CLAUSE = re.compile(r"[,;]\s*$")
# a noun after a percentage, not a comparison («so với», «kế hoạch») nor a verb
_NAMED_AFTER = re.compile(
    r"\s*(?!(?:so|kế hoạch|kh|chỉ tiêu|dự toán|cùng kỳ|trở lên|trở xuống|tăng|giảm|đạt|là|và|với|của|trên|dưới)\b)"
    r"[^\W\d_]{2,}",
    re.IGNORECASE,
)
_UNIT_WORDS = {"area": "diện tích", "yield": "năng suất", "mass": "sản lượng"}


@dataclass
class Statement:
    claim: Claim
    kind: str
    before: str  # the words of its clause before the number (its label)
    after: str  # the words right after its unit, up to the end of the clause («72.002 ha lúa»)
    subject: str  # the bullet or heading the sentence is under
    topic: str = ""  # the words that open its paragraph, before its first number («- Cây lúa Đông Xuân gieo trồng»)
    value: float = 0.0  # in ``unit``: the claim's, or read across it («8 tỷ 500 triệu đồng», «15/16 tổ dân phố»)
    unit: str | None = None
    dimension: str | None = None
    factor: float = 1.0
    high: float | None = None  # the other end of a range «56 - 60 tạ/ha»
    implied: str = ""  # what its unit says it is («diện tích» of an area): supports the words, never replaces them
    about: frozenset[str] = frozenset()  # the subjects it is about («lúa»; «lúa», «rau màu» for a sum of both)
    about_own: bool = False  # ``about`` is written in its own clause, not taken from the sentence or paragraph
    qualifiers: frozenset[str] = frozenset()  # words of its clause that make it another measure («thu hoạch»)
    body: str = ""  # the level of the body it is about when its sentence says so: LEVELS
    # the words of its sentence before its clause when its own clause names no measure («năng suất lúa vụ xuân đạt
    # 55,99 tạ/ha; » for «vụ hè thu đạt 50,27 tạ/ha»), and their qualifiers
    earlier: str = ""
    elided: bool = False  # its own clause names no measure: the words of its sentence and paragraph say it
    earlier_qualifiers: frozenset[str] = frozenset()
    names_itself: bool = False  # a percentage opening its clause, followed by what it measures («, 100% cơ quan …»)
    own_label: str = ""  # the words of its clause after the last figure written before it («Mỹ Lộc: »)

    @property
    def sentence(self) -> Sentence:
        return self.claim.sentence

    @property
    def local(self) -> str:
        """The words of its own clause: its label and the words after its unit, and the bullet it is under."""
        bullet = (
            self.subject if _BULLET.match(self.sentence.para.text) and not _TOPIC_BULLET.match(self.subject) else ""
        )
        return " ".join(p for p in (bullet, self.before, self.after) if p)

    @property
    def context(self) -> str:
        """The local words, those of its sentence before its clause and those of its paragraph's opening (a
        fallback: weaker evidence). Not the section
        heading: «SẢN XUẤT NÔNG, LÂM, THỦY SẢN» would make every area of the section an area of aquaculture."""
        return " ".join(p for p in (self.local, self.earlier, self.topic) if p)


_RATE_BEFORE = re.compile(r"(?:tỷ|tỉ) lệ\s*(?:là|đạt)?\s*$", re.IGNORECASE)


def _after(text: str, end: int, named_after: bool = False) -> str:
    """The words after a number's unit up to the end of its clause; ``named_after``: the number is written before
    what it measures («Tỷ lệ 95% hộ đạt gia đình văn hóa»), so a verb does not end its words, only punctuation."""
    tail = text[end : end + 60].replace(REF_MARK, " ")
    cut = (_TAIL_PUNCTUATION if named_after else _CLAUSE_END).search(tail)
    tail = tail[: cut.start()] if cut else tail
    words = re.findall(r"[^\W\d_]+", tail)
    return " ".join(words[:10])


def before_in_sentence(claim: Claim, since: int) -> list[Claim]:
    """The claims of its sentence that start before it and at or after ``since``, in order: found by bisection
    (the claims of a sentence are in the order of the text), so that a long sentence is read in linear time."""
    claims = claim.sentence.claims
    end = bisect.bisect_left(claims, claim.start, key=lambda c: c.start)
    begin = bisect.bisect_left(claims, since, lo=0, hi=end, key=lambda c: c.start)
    return claims[begin:end]


def _fraction_of(claim: Claim):
    """The fraction «X/Y» a number is the X or the Y of."""
    fractions = claim.sentence.fractions  # in the order of the text, not overlapping
    at = bisect.bisect_right(fractions, claim.start, key=lambda f: f.start) - 1
    found = fractions[at] if at >= 0 else None
    return found if found is not None and claim.start < found.end and not found.ident else None


def _amount_fraction(fraction) -> bool:
    """Whether «X/Y» is an amount over its plan («705,18/701,5 ha», «56,14/54,9 tạ/ha»), not a count of things
    over their total («15/16 tổ dân phố»)."""
    dimension = dimension_of(fraction.unit) if fraction.unit else None
    return bool(dimension) and not dimension.startswith(_COUNT_DIMENSIONS) and dimension != "percent"


def kind_of(claim: Claim) -> str | None:
    """The kind of figure a number is, or None when it is not a figure."""
    if claim.ident or claim.range_end:
        return None
    text = claim.sentence.para.text
    clause_start = max(text.rfind(c, claim.sentence.start, claim.start) for c in ",;:") + 1
    clause_start = max(clause_start, claim.sentence.start)
    before = text[max(clause_start, claim.start - 80) : claim.start]
    if claim.percent and re.search(r"chiếm\s*(?:tỷ lệ|tỉ lệ)?\s*$", before, re.IGNORECASE):
        return "share"  # "chiếm 3,20% so với tổng số hộ"
    if claim.comparison and not (claim.delta and not _GAP_TO_PLAN.match(text, claim.end)):
        # "đạt 95% kế hoạch": how far a figure reached its plan, not a figure; «tăng 6% so với cùng kỳ» is a change
        # (of a rate or of a herd: :mod:`.propose` keeps it only when the amount before it has such a rate)
        return None
    if claim.in_fraction:
        fraction = _fraction_of(claim)
        if fraction is None or not _amount_fraction(fraction):
            if fraction is not None and claim.start > fraction.start and _PLAN_SHARE_AFTER.match(text, fraction.end):
                return "target"  # «17.919 con/14.066 con, đạt 127,39% KH»: the Y is the plan
            if text[claim.start - 1 : claim.start] == "/":
                return None  # the denominator of "X/Y": a total, proposed through its own words only
            return "target" if claim.sentence.plan else "count"
        # «705,18/701,5 ha, đạt 100,5% kế hoạch», «22/23 triệu đồng»: an amount reached (a count, as any X of
        # «X/Y») over its plan (a target, proposed beside it by :func:`statements`)
        if claim.start > fraction.start:
            return "target"
        return "target" if claim.sentence.plan else "count"
    if _BASE_BEFORE.search(before) and _NEW_AFTER.match(text, claim.end):
        return None  # «giảm số hộ nghèo từ 28 hộ xuống còn 23 hộ»: 28 is the level before, not a figure of now
    if claim.delta and not _NEW_LEVEL.search(before):
        if _GAP_TO_PLAN.match(text, claim.end):
            return None  # «vượt 1,5 ha so với KH»: how far from its plan, not a change from a year before
        return "change"
    if _CHANGE_IS.search(before):
        return "change"  # "giảm tỷ lệ hộ nghèo năm 2022 là 0,47%"
    if claim.percent and (
        _SHARE_BEFORE.search(before) or any(c.share is claim for c in before_in_sentence(claim, claim.start - NEAR))
    ):
        return "share"
    aim = list(_AIM_WORDS.finditer(before))
    prefix_start = max(claim.sentence.start, claim.start - 200)
    aims = list(_AIM_WORDS.finditer(text, prefix_start, claim.start))
    estimated = _ESTIMATE_WORDS.search(text, aims[-1].end(), claim.start) if aims else None
    if estimated and not any(estimated.end() <= c.start < claim.start for c in claim.sentence.claims if not c.ident):
        return "estimate"  # «dự kiến năng suất lúa vụ mùa ước đạt 51 tạ/ha»: what is estimated now
    if claim.target or claim.sentence.plan or aim or _aim_sentence(claim):
        return "target"
    if text[claim.start - 1 : claim.start] == "/" and _TARGET_AFTER.match(text, claim.end):
        return "target"  # "99%/99% huyện giao": the second number is the target
    # not a plan a figure is compared with («tăng so với kế hoạch và cùng kỳ năm trước với đàn trâu 368 con»)
    target = [t for t in _TARGET_WORDS.finditer(before) if not _COMPARED_WITH.search(before, 0, t.start())]
    if target and not _RESULT_WORDS.search(before, target[-1].end()):
        return "target"  # "huyện giao 100%", not "huyện giao 100% đạt 99,9%"
    # «ước» of its own clause (since the last «;»), or opening its sentence: «…, ước đạt 1.915,6 nghìn ha, giảm …;
    # năng suất đạt 56,4 tạ/ha» — the yield is a result
    # («thu nhập … ước đạt 65 triệu đồng, tỷ lệ hộ nghèo giảm còn 1,42%»: not the figure after another one)
    clause_start = max(text.rfind(";", claim.sentence.start, claim.start) + 1, claim.sentence.start)
    clause = text[clause_start : claim.start]
    estimate = list(_ESTIMATE_WORDS.finditer(clause[-120:]))
    if estimate:
        said = claim.start - len(clause[-120:]) + estimate[-1].start()
        if not any(said < c.start < claim.start and not c.ident for c in claim.sentence.claims if c is not claim):
            return "estimate"
    if _ESTIMATE_OPENING.match(text, claim.sentence.start) or _ESTIMATE_AFTER.match(text, claim.end):
        return "estimate"  # «Ước 9 tháng, …», «1.681,5 tấn (ước sản lượng vụ mùa)»
    return "result"


_COMPARED_WITH = re.compile(r"\bso\s+(?:với\s+)?$", re.IGNORECASE)
_ESTIMATE_OPENING = re.compile(r"\W*(?:dự ước|ước tính|ước)\b", re.IGNORECASE)
_ESTIMATE_AFTER = re.compile(r"\s*\(\s*(?:dự ước|ước tính|ước)\b", re.IGNORECASE)
_GAP_TO_PLAN = re.compile(r"\s*so\s+(?:với\s+)?(?:kế hoạch|kh|chỉ tiêu|dự toán|mục tiêu)\b", re.IGNORECASE)


def _aim_sentence(claim: Claim) -> bool:
    """Whether its sentence states aims before its first figure («Trong đó, phấn đấu tốc độ tăng … đạt 8,49%, thu
    nhập …; tổng thu ngân sách nhà nước 71,3 tỷ đồng»): every figure of it is a target."""
    sentence = claim.sentence
    first = next((c for c in sentence.claims if not c.ident), None)
    if first is None:
        return False
    # (+1: its digit ends a list; at most NEAR characters back, so that a long sentence stays linear)
    return bool(_AIMS.search(sentence.para.text, max(sentence.start, first.start - NEAR), first.start + 1))


# aims, not a plan's figure: «Dự toán thu ngân sách … là 40 tỷ đồng; ước thực hiện 42 tỷ đồng» has one target only;
# «dự kiến», a plan «đặt chỉ tiêu», a list of aims «với các chỉ tiêu chủ yếu như: …» (not «các chỉ tiêu đạt và vượt»)
_AIMS = re.compile(
    r"\b(?:phấn đấu|mục tiêu|dự kiến|theo kế hoạch|(?:đặt|đề ra|giao|các|những)\s+chỉ tiêu(?![^:;.]*\b(?:đạt|vượt|hoàn thành|"
    r"thực hiện|được)\b[^:;.]*:)(?=[^:;.\d]*(?::|\d)))",
    re.IGNORECASE,
)
# a sentence that says what has been done, not aimed at («Đến nay, … đã gieo trồng được»)
_RESULT_OPENING = re.compile(
    r"\W*(?:đến nay|hiện nay|hiện tại|tính đến|kết quả|trong (?:năm|tháng|quý)|năm qua|đã)\b", re.IGNORECASE
)


_TOPIC_BULLET = re.compile(r"\W*(?:về|tình hình|công tác|lĩnh vực|kết quả)\b", re.IGNORECASE)  # «7. Về lao động:»
_BULLET = re.compile(r"^\s*(?:[-+•*–]|[a-zđ]\)|\d+(?:\.\d+)*[.)])\s*([^:]{2,80}?)\s*:")


_NAMES_SOMETHING = re.compile(
    r"(?!(?:đạt|ước|là|được|có|khoảng|trên|gần|hơn|tổng|số|cả|năm|tháng|thực|hiện|tính|đến|nay)\b)\b[^\W\d_]{2,}",
    re.IGNORECASE,
)


def _clause_before(claim: Claim) -> str:
    """The words of its clause before the number: since the last «;» or the start of the sentence (at most 100
    characters), so that «cây màu diện tích 7,5 ha đạt năng suất 162 tạ/ha» gives «cây màu» to 162 too."""
    text = claim.sentence.para.text
    start = max(text.rfind(";", claim.sentence.start, claim.start) + 1, claim.sentence.start, claim.start - 100)
    # after a colon that opens a list («xã đã hoàn thành các chỉ tiêu: tổng giá trị sản xuất ước đạt 53%»), the
    # words after it, when they name something; «Tổng diện tích thủy sản: 42,5 ha» keeps the words before it
    colon = text.rfind(":", start, claim.start)
    if colon >= 0 and _NAMES_SOMETHING.search(text, colon + 1, claim.start):
        start = colon + 1
    # after a sibling of the same kind («72.002 ha lúa và 8.886 ha cây rau màu»): from the last «,» or «và»
    # outside parentheses that follows it
    siblings = [
        c
        for c in before_in_sentence(claim, start - NEAR)
        if start <= c.end <= claim.start and not c.ident and c.dimension == claim.dimension and c is not claim
    ]
    if siblings:
        depth, i = 0, claim.start - 1
        while i >= siblings[-1].end:
            ch = text[i]
            if ch == ")":
                depth += 1
            elif ch == "(" and depth == 0:  # «439.300 hộ dân (hộ nghèo 29.146 hộ»: its clause opens inside
                start = i + 1
                break
            elif ch == "(":
                depth -= 1
            elif depth == 0 and (
                (ch == "," and not (text[i - 1 : i].isdigit() and text[i + 1 : i + 2].isdigit()))
                or text[i - 3 : i + 1].lower() == " và"
            ):
                start = i + 1
                break
            i -= 1
    return text[start : claim.start].replace(REF_MARK, " ")


def _factor_of(unit: str) -> float:
    from ktxh.checks import measures

    measure = measures.measures().get(unit)
    return float(measure.factor) if measure else 1.0


def dimension_of(unit: str) -> str | None:
    from ktxh.checks import measures

    measure = measures.measures().get(unit)
    return measure.text_dimension if measure else None


def statements(sentences: list[Sentence]) -> list[Statement]:
    out = []
    heading = ""
    topic = ""
    last_para = None
    for sentence in sentences:
        para = sentence.para
        if para.index != last_para:
            last_para = para.index
            if para.heading or (len(para.text) < 80 and not sentence.claims):
                heading = para.text
        if sentence.start == 0:
            # «Năm 2020, thị trấn phấn đấu tổng giá trị sản xuất …. Tỷ lệ hộ nghèo dưới 1,5%»: a paragraph whose
            # first sentence states aims before its first figure states aims in its next sentences too, until one
            # says what has been done («Đến nay, …»)
            first_figure = next((c for c in sentence.claims if not c.ident), None)
            para_aims = bool(
                first_figure and _AIMS.search(para.text, max(0, first_figure.start - NEAR), first_figure.start + 1)
            )
            estimated = False
        aims = bool(_AIM_OPENING.match(para.text)) or (  # "Mục tiêu tổng quát năm 2023 phấn đấu …": all its figures
            para_aims and not _RESULT_OPENING.match(para.text, sentence.start)
        )
        if sentence.start and _RESULT_OPENING.match(para.text, sentence.start):
            para_aims = False
        # «Tổng diện tích gieo trồng ước 40.831 ha. Trong đó, lúa 6.194 ha»: the parts of an estimate are estimates
        parts_of_estimate = estimated and bool(_PARTS_OPENING.match(para.text, sentence.start))
        bullet = _BULLET.match(para.text)
        subject = bullet.group(1) if bullet else heading
        first = next((c for c in sentence.claims if not c.ident), None) if sentence.start == 0 else None
        if sentence.start == 0:
            # up to its first figure: «6. Về văn hóa: 75%/85% gia đình; …» opens with «6. Về văn hóa:» only
            later = re.search(r"\d", para.text[sentence.end :]) if first is None else None
            cap = first.start if first else (sentence.end + later.start() if later else 120)
            topic = para.text[: min(cap, 120)]
        skip_next = None
        for index, claim in enumerate(sentence.claims):
            if claim is skip_next:
                continue
            kind = kind_of(claim)
            if kind is None or claim.value is None:
                continue
            if parts_of_estimate and kind == "result":
                kind = "estimate"
            if (
                kind == "result"
                and index
                and _IN_PARENTHESES_AFTER_CHANGE(para.text, sentence.claims[index - 1], claim)
            ):
                kind = "change"  # «tăng 2,63% (1,32 tạ/ha)»: the same change, as an amount
            if kind == "result" and index and _JOINED_TO_CHANGE(para.text, sentence.claims[index - 1], claim):
                kind = "change"  # «giảm được 04 hộ nghèo và 04 hộ cận nghèo»: the verb is said of both
            if aims and kind == "result":  # not «dự kiến … ước đạt 51 tạ/ha», estimated now
                kind = "target"
            statement = Statement(
                claim,
                kind,
                _clause_before(claim),
                "",
                subject,
                topic,
                claim.value,
                claim.unit,
                claim.dimension,
                claim.factor,
                claim.high if not claim.range_end else None,
            )
            end = claim.end
            composite = (
                _BILLION_MILLION.match(para.text, claim.end)
                if claim.unit is None
                else (
                    _MILLION_AFTER.match(para.text, claim.end)
                    if claim.unit == "tỷ đồng" and para.text[claim.start : claim.end].rstrip().lower().endswith("tỷ")
                    else None
                )
            )
            if composite:  # "8 tỷ 500 triệu đồng"
                statement.value = claim.value + int(composite.group(1)) / 1000
                statement.unit, statement.dimension, statement.factor = "tỷ đồng", "money", 1e9
                end = composite.end()
                skip_next = next((c for c in sentence.claims if c.start > claim.start), None)
            fraction = _fraction_of(claim)
            fraction = fraction if fraction is not None and fraction.start == claim.start else None
            if fraction is not None and fraction.unit and claim.unit is None:  # "15/16 tổ dân phố", "705,18/701,5 ha"
                statement.unit, statement.dimension = fraction.unit, dimension_of(fraction.unit)
                statement.factor = _factor_of(fraction.unit)
                end = fraction.end
            elif fraction is not None and claim.unit is None:  # "- Tỷ lệ TDP đạt chuẩn văn hóa: … 15/16"
                counted = _counted_in(" ".join((subject if bullet else "", statement.before)))
                if counted:
                    statement.unit, statement.dimension = counted
                    end = fraction.end
            if claim.percent and _OPENS_CLAUSE.search(para.text, max(0, claim.start - 3), claim.start):
                named = _NAMED_AFTER.match(para.text, claim.end)
                if named:  # «…, 100% cơ quan, đơn vị đạt danh hiệu …»: its own words follow it
                    statement.before = ""
                    statement.names_itself = True
            unit_word = _UNIT_WORDS.get(statement.dimension or "", "")
            statement.implied = unit_word
            statement.after = " ".join(
                p
                for p in (
                    statement.unit if not claim.percent else "",
                    _after(
                        para.text,
                        end,
                        bool(claim.percent and (_RATE_BEFORE.search(statement.before) or not statement.before.strip()))
                        # «13/14 tổ dân phố đạt danh hiệu văn hóa»: what the X of things counted are is said after
                        or (fraction is not None and not _amount_fraction(fraction)),
                    ),
                )
                if p
            )
            _what_about(statement, end)
            out.append(statement)
            second = _SLASH_TARGET.match(para.text, claim.end) if claim.percent else None
            if second:  # "99%/99% huyện giao": the number after the slash is the target
                value = second.group(1).replace(".", "").replace(",", ".")
                out.append(replace(statement, kind="target", value=float(value), high=None, implied=""))
            over = _fraction_of(claim) if claim.in_fraction else None
            following = sentence.claims[index + 1] if index + 1 < len(sentence.claims) else None
            if (
                over is not None
                and over.start == claim.start
                and over.denominator > 0
                and (_amount_fraction(over) or _PLAN_SHARE_AFTER.match(para.text, over.end))
                and not (following is not None and following.start < over.end)  # a Y with its unit is read itself
            ):
                # «115/116 ha», «17.919 con/14.066 con, đạt 127,39% KH»: the amount after the slash is its plan (not
                # in «13/14 tổ dân phố», where it is all of them)
                out.append(replace(statement, kind="target", value=over.denominator, high=None))
        recent = out[len(out) - 2 * len(sentence.claims) :] if sentence.claims else []  # (its own, with targets)
        # «giúp 02 hộ nghèo, 05 hộ cận nghèo vươn lên thoát nghèo»: what is said after the last of figures joined by
        # «,» or «và» with only the name of what each counts between them is said of each
        own = [st for st in recent if st.sentence is sentence]
        for earlier_one, later in reversed(list(itertools.pairwise(own))):
            between = para.text[earlier_one.claim.end : later.claim.start]
            if (
                later.qualifiers - earlier_one.qualifiers
                and earlier_one.claim.unit == later.claim.unit
                and _JOINED.fullmatch(between)
                and not _NOT_JOINED.search(between)
            ):
                earlier_one.qualifiers = earlier_one.qualifiers | later.qualifiers
        amounts = [st for st in recent if st.sentence is sentence and st.kind != "change"]
        estimated = bool(amounts) and amounts[-1].kind == "estimate"  # the total its next «Trong đó» splits
    return out


def _IN_PARENTHESES_AFTER_CHANGE(text: str, previous: Claim, claim: Claim) -> bool:
    """Whether ``claim`` is written in parentheses right after a change («giảm 0,58% (5.240 tấn)», «giảm 29,89%
    (bằng 15,41 tạ/ha)»)."""
    between = text[previous.end : claim.start]
    return bool(previous.delta and not previous.ident and re.fullmatch(r"\s*\(\s*(?:bằng|tương ứng)?\s*", between))


_JOINED = re.compile(r"\s*[^\W\d_]+(?:\s+[^\W\d_]+){0,3}\s*(?:,|và)\s*", re.IGNORECASE)
_NOT_JOINED = re.compile(r"\b(?:còn|đạt|là|có|so|xuống|lên|với|được|tổng|trong|tăng|giảm|chiếm|bằng)\b", re.IGNORECASE)


def _JOINED_TO_CHANGE(text: str, previous: Claim, claim: Claim) -> bool:
    """Whether ``claim`` is joined by «và» or «,» to a change of the same unit with nothing but the name of what the
    change counted between («giảm 04 hộ nghèo và 04 hộ cận nghèo»): the verb of the change is said of both."""
    if previous.ident or previous.unit != claim.unit:
        return False
    between = text[previous.end : claim.start]
    if re.fullmatch(r"\s*(?:,|và)\s*", between):  # «tỉ lệ hộ nghèo giảm ít nhất là 0,52% và 1,55%»
        return kind_of(previous) == "change"
    if not (previous.delta and not previous.percent):
        return False
    return bool(_JOINED.fullmatch(between) and not _NOT_JOINED.search(between))


def _counted_in(label: str) -> tuple[str, str] | None:
    """The things a fraction without a unit counts, from its label: the last unit of count the label writes
    («Tỷ lệ TDP đạt chuẩn văn hóa» → TDP), as (unit, dimension)."""
    from ktxh.audit.units import initials, match_unit
    from ktxh.checks import measures

    counts = {initials(m.symbol) for m in measures.measures().values() if m.text_dimension.startswith("count:")}
    found = None
    for word in re.finditer(r"(?<!\w)\w", label):
        unit, dimension, _, _, _ = match_unit(label, word.start())
        if unit and dimension and (dimension.startswith("count:") or dimension[5:] in counts):
            found = (unit, dimension)
    return found


NEAR = 300  # how far back (characters) the sentence and paragraph are read for a number: linear on any text
_TAIL_END = re.compile(
    r"[,;:.()]|\s(?:so|đạt|tăng|giảm|bằng|chiếm|là|gồm|trong|trên|ở|tại|của|cho|từ|thuộc)\s", re.IGNORECASE
)  # the noun phrase after a unit ends at a verb or a preposition («6.700 ha cây vụ đông trên đất 2 lúa»)
# a clause that names no measure of its own, only a season, a period or a body («năng suất lúa vụ xuân đạt 55,99
# tạ/ha; vụ hè thu đạt 50,27 tạ/ha», «huyện giao 93%, thị trấn đạt 94,2%»): it repeats the measure before it
_ELIDED = re.compile(
    r"^(?:[\W\d_]|\b(?:vụ|đông|xuân|hè|thu|mùa|chiêm|năm|tháng|quý|đạt|ước|được|là|bình quân|trung bình|khoảng|thực hiện|"
    r"trên|gần|hơn|cả|riêng|còn|tính|đến|nay|sớm|muộn|chính|phụ|toàn|xã|phường|thị trấn|huyện|tỉnh|địa bàn|"
    # a part of the body («nông thôn giảm 5,03%»), a named sub-unit in a list («kế đến là các xã A Vao giảm 7,7%»)
    r"thành phố|thị xã|khu vực|nông thôn|thành thị|đồng bằng|miền núi|ở|tại|các|kế đến|tiếp đến|tiếp theo|tăng|giảm|với|"
    r"\x00)\b)*$",
    re.IGNORECASE,
)
_SYLLABLE = re.compile(r"[^\W\d_]+")


def without_names(words: str) -> str:
    """``words`` with the proper names of places cut out: «Mỹ Lộc: » names no measure, as «xã: » does not. A name
    is a run of two or more capitalised syllables («Nam Trà My»), or one capitalised syllable after the first word
    («các xã Tân Lập»)."""
    found = list(_SYLLABLE.finditer(words))
    capital = [s.group(0)[0].isupper() for s in found]
    # each syllable joined to the next by spaces only, both capitalised
    joined = [
        capital[i] and capital[i + 1] and not words[found[i].end() : found[i + 1].start()].strip()
        for i in range(len(found) - 1)
    ] + [False]
    cut = [capital[i] and (i > 0 or joined[i]) for i in range(len(found))]
    out, last = [], 0
    for syllable, gone in zip(found, cut, strict=True):
        if gone:
            out.append(words[last : syllable.start()] + " \x00 ")
            last = syllable.end()
    return "".join(out) + words[last:]


def _what_about(statement: Statement, end: int) -> None:
    """What the statement is about (its subjects), the qualifiers of its clause and the body its sentence names.

    The subject is looked for from the nearest words outward: the phrase right after the unit («72.002 ha lúa»),
    its own clause (and bullet), then the sentence before its clause, the paragraph before its sentence and the
    heading it is under; the first that names one decides («cây đậu … 49,5 ha, năng suất … 13,7 tạ/ha» is a yield
    of beans even under a paragraph on rice)."""
    claim = statement.claim
    text = claim.sentence.para.text
    tail = text[end : end + 60]
    cut = _TAIL_END.search(tail)
    tail = tail[: cut.start()] if cut else tail
    own_start = claim.start - len(statement.before)
    bullet = statement.subject if _BULLET.match(text) else ""
    sentence_start = claim.sentence.start
    nearest = (  # read lazily: the first that names a subject decides
        (lambda: words.first_subjects(tail), True),
        (lambda: words.last_subject(statement.before), True),
        (lambda: words.last_subject(bullet), True),
        (
            lambda: words.last_subject(text[max(sentence_start, own_start - NEAR) : max(sentence_start, own_start)]),
            False,
        ),
        (lambda: words.last_subject(text[max(0, sentence_start - NEAR) : sentence_start]), False),
        (lambda: words.last_subject(statement.subject), False),
        # last, a subject its sentence names only in parentheses («Kết quả … về diện tích, năng suất (… và sản
        # lượng lúa) của các huyện như sau: Mỹ Lộc: 3.197ha»)
        # (or in the opening of a long sentence that lists them, at most NEAR characters: linear on any text)
        (
            lambda: (
                words.last_subject(
                    re.sub(r"[()]", " ", text[max(sentence_start, own_start - NEAR) : max(sentence_start, own_start)])
                )
                or words.last_subject(
                    re.sub(r"[()]", " ", text[sentence_start : min(sentence_start + NEAR, own_start)])
                )
            ),
            False,
        ),
    )
    earlier = text[max(sentence_start, own_start - NEAR) : max(sentence_start, own_start)].replace(REF_MARK, " ")
    after_words = statement.after[len(statement.unit) :] if statement.unit and not claim.percent else statement.after
    # the words of its clause after the last figure written in it («Mỹ Lộc: 3.197ha, » for 58,3 tạ/ha): those of
    # a sibling are the sibling's
    siblings = [c for c in before_in_sentence(claim, own_start) if c.end <= claim.start and not c.ident]
    label = text[max(siblings[-1].end, own_start) : claim.start] if siblings else statement.before
    # not a percentage right after an amount («kết nạp 105 đảng viên, đạt 107%»): of that amount, not a measure
    # of the sentence repeated
    statement.own_label = label
    after_amount = bool(claim.percent and siblings and not siblings[-1].percent)
    if not after_amount and _ELIDED.match(without_names(label)) and _ELIDED.match(after_words):
        statement.elided = True
        statement.earlier = earlier
        statement.earlier_qualifiers = words.qualifiers(earlier, statement.dimension)
    statement.about, statement.about_own = next(
        ((about, own) for read, own in nearest if (about := read())), (frozenset(), False)
    )
    statement.qualifiers = words.qualifiers(" ".join((bullet, statement.before, tail)), statement.dimension)
    statement.body = body_of(text[max(claim.sentence.start, claim.start - NEAR) : claim.start])
    if BELOW.match(statement.before) or (bullet and BELOW.match(bullet)):
        statement.body = "below"
