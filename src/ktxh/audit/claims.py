"""Numeric claims in Vietnamese report text.

A claim is a number with what the text says around it: its unit (``ha``, ``tỷ đồng``, ``hộ``, ``%``), whether it is
approximate (``trên 4.000``), a change (``giảm 13,7%``), a comparison (``đạt 65% dự toán``), an identifier (``Quốc lộ
37``, ``năm 2023``) or a range (``56 - 60 tạ/ha``), the share it is said to be (``84 hộ = 1,59%``) and the words
before it in its clause (the *label*, ``chi ước đạt``).

Numbers are read in every notation reports use: ``1.234,5`` and ``1,234.5``; ``1134.31`` (a dot followed by other
than three digits is a decimal point); ``12,500 liều`` (a comma followed by exactly three digits before a unit of
count is a thousands separator); ``02``; ``26,5``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from ktxh.audit.text import REF_MARK, Document, Paragraph, sentences
from ktxh.audit.units import is_amount, match_unit

# a number right after «/» is read only as the second amount of «A đơn vị/B đơn vị» (see _per_amount)
NUMBER = re.compile(r"(?<![\w.,])(\d+(?:[.,]\d+)*)(?!\d)")
FRACTION = re.compile(r"(?<![\w.,/])(\d+(?:[.,]\d+)*)\s*/\s*(\d+(?:[.,]\d+)*)(?![\d/.,]\d|[\d/])")
FRACTION_WORDS = re.compile(
    r"(?<![\w.,/])(?P<num>\d+(?:[.,]\d+)*)(?:\s+[^\W\d_]+){0,2}?\s+trên\s+tổng\s+số(?:\s+[^\W\d_]+){0,3}?\s+"
    r"(?P<den>\d+(?:[.,]\d+)*)(?![\d/])",
    re.IGNORECASE,
)
RANGE_AFTER = re.compile(r"\s*[-–]\s*(\d+(?:[.,]\d+)*)(?!\d)")

_IDENT_BEFORE = re.compile(
    r"(?:\b(?:số|đường|lộ|ql|tl|đt|dt|tuyến|kênh|mức độ|mức|giai đoạn|thứ|năm|ngày|tháng|quý|khóa|khoá|nhiệm vụ|"
    r"điều|khoản|mục|phụ lục|biểu|chương|loại|hạng|cấp độ|đề án|lô|tờ|tổ|khu|xóm|thôn|đội|tuổi|lớp|phường|trạm|"
    r"kỳ|đợt|ngõ|ngách|hẻm|tầng|phiên|lần thứ|top|ấp|bản|hg|tiểu khu|nghị quyết|quyết định|chỉ thị|kế hoạch)"
    r"|(?-i:[A-ZĐ]{1,5}))\s*$",
    re.IGNORECASE,
)
_APPROX_LOWER = re.compile(r"\b(?:trên|hơn|ít nhất|tối thiểu|từ|không dưới)\s*$", re.IGNORECASE)
_APPROX_UPPER = re.compile(r"\b(?:dưới|gần|tối đa|không quá|chưa đến|chưa tới)\s*$", re.IGNORECASE)
_APPROX = re.compile(r"\b(?:khoảng|xấp xỉ|chừng|độ|ước khoảng)\s*$", re.IGNORECASE)
_SIGNED_BEFORE = re.compile(r"\(\s*[-+−]\s*$")  # "(-850 ha)", "(+1 tạ/ha)": a change written with its sign
_TARGET_BEFORE = re.compile(
    r"(?:/\s*|\(\s*|;\s*|,\s*|\b)(?-i:KH|NQ)(?:\s+(?:giao|năm|tăng|giảm|đạt))?\s*:?\s*$|"
    r"\(\s*(?:kế hoạch|chỉ tiêu|mục tiêu|dự toán)(?:\s+[^\W\d_]+){0,3}?\s*(?:là|:)?\s*$",
    re.IGNORECASE,
)
# «423 tỷ 536 triệu đồng»; not «… triệu đồng/người» (a rate), but «… triệu/4 tỷ 100 triệu đồng» (result/plan)
_BILLION_MILLION = re.compile(r"\s*tỷ\s+(\d{1,3})\s*triệu(?:\s*đồng)?(?!\w|/\s*[^\W\d_])", re.IGNORECASE)
_MULTIPLIERS = {"nghìn": 1e3, "ngàn": 1e3, "vạn": 1e4, "triệu": 1e6}
_MULTIPLIER = re.compile(r"\s*(nghìn|ngàn|vạn|triệu)(?=\s)", re.IGNORECASE)
_SEASON = re.compile(r"\bvụ\s+(đông\s*xuân|hè\s*thu|thu\s*đông|xuân|mùa|đông|hè|chiêm|chính|phụ)\b", re.IGNORECASE)
_DELTA_BEFORE = re.compile(
    r"\b(?:tăng|giảm|vượt|tụt|chênh lệch|chênh|thêm|cao hơn|thấp hơn|nhiều hơn|ít hơn|"
    r"hụt|lệch)(?:\s+(?:thêm|được|là|khoảng|gần|trên|hơn|còn))?\s*$"
    # «tăng so với cùng kỳ 0,3 tấn/ha»: the comparison written before the change
    r"|\b(?:tăng|giảm)\s+so\s+(?:với\s+)?(?:cùng kỳ|năm trước|kế hoạch)(?:\s+năm\s+(?:trước|\d{4}))?\s*(?:là\s*)?$",
    re.IGNORECASE,
)
_COMPARISON_AFTER = re.compile(
    r"\s*(?:so\b|kế hoạch|kh\b|dự toán|chỉ tiêu|mục tiêu|nghị quyết|nq\b|cùng kỳ|ck\b|huyện giao|tỉnh giao|xã giao|"
    r"kế hoạch giao|kh giao|năm trước|bình quân|trung bình)",
    re.IGNORECASE,
)
_BOUNDARY = set(";:.!?\n")
_STOP = {
    "là",
    "có",
    "được",
    "đã",
    "với",
    "và",
    "các",
    "những",
    "của",
    "cho",
    "tại",
    "thì",
    "mà",
    "nay",
    "đến",
    "còn",
    "trên",
    "hơn",
    "khoảng",
    "gần",
    "dưới",
    "cụ",
    "thể",
    "như",
    "sau",
    "gồm",
    "trong",
    "đó",
}


def parse_number(raw: str, count_unit: bool = False) -> tuple[float, int] | None:
    """Value and number of decimals of a number as written; None when it is no number (``1.2.3,4,5``)."""
    dots, commas = raw.count("."), raw.count(",")
    if dots and commas:
        decimal = "," if raw.rfind(",") > raw.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        if raw.count(decimal) > 1:
            return None
        whole, fraction = raw.split(decimal)
        groups = whole.split(thousands)
        if any(len(g) != 3 for g in groups[1:]) or not 1 <= len(groups[0]) <= 3:
            return None
        return float("".join(groups) + "." + fraction), len(fraction)
    separator = "." if dots else "," if commas else None
    if separator is None:
        return float(raw), 0
    groups = raw.split(separator)
    if len(groups) > 2:
        if all(len(g) == 3 for g in groups[1:]) and 1 <= len(groups[0]) <= 3:
            return float("".join(groups)), 0
        return None
    whole, fraction = groups
    thousands = len(fraction) == 3 and 1 <= len(whole) <= 3 and whole != "0" and (separator == "." or count_unit)
    if thousands:
        return float(whole + fraction), 0
    return float(whole + "." + fraction), len(fraction)


@dataclass
class Sentence:
    para: Paragraph
    start: int
    end: int
    number: int  # position in the document
    claims: list[Claim] = field(default_factory=list)
    fractions: list[Fraction] = field(default_factory=list)
    plan: bool = False  # in the part of the report about next period's plan

    @property
    def text(self) -> str:
        return self.para.text[self.start : self.end]

    def quote(self) -> str:
        prefix = f"[chú thích {self.para.note}] " if self.para.note else ""
        return prefix + self.para.display(self.start, self.end)


@dataclass
class Claim:
    sentence: Sentence
    start: int  # offsets in the paragraph text
    end: int  # after the unit
    raw: str
    value: float
    decimals: int
    unit: str | None = None
    dimension: str | None = None
    factor: float = 1.0
    high: float | None = None  # a range "56 - 60"
    bound: str | None = None  # ">=", "<=", "~"
    delta: bool = False  # a change: "giảm 23 hộ", "tăng 4,2%"
    comparison: bool = False  # relative to a plan or a past value: "đạt 65% dự toán", "= 100% kế hoạch"
    ident: bool = False  # a number that names something: "Quốc lộ 37", "năm 2023", "3.1."
    in_fraction: bool = False
    share: Claim | None = None  # the percentage this amount is said to be: "84 hộ = 1,59%"
    target: bool = False  # a plan or target written beside a result: "23,4%/KH 24,5%", "(KH 30 tỷ đồng)"
    range_end: bool = False  # the second number of a range "56 - 60 tạ/ha" (the range is its first number)
    season: str = ""  # the crop season it is about ("xuân", "mùa", "đông xuân"), from its sentence or section
    label: tuple[str, ...] = ()
    label_text: str = ""

    @property
    def percent(self) -> bool:
        return self.dimension == "percent"

    @property
    def base(self) -> float:
        """Value in the base unit of its dimension (đồng, ha, kg, …)."""
        return self.value * self.factor

    @property
    def half_unit(self) -> float:
        """Half a unit of the last printed digit, in the base unit: what rounding may hide."""
        return 0.5 * 10**-self.decimals * self.factor

    @property
    def amount(self) -> bool:
        return (
            not self.ident
            and not self.delta
            and not self.comparison
            and not self.in_fraction
            and not self.target
            and self.high is None
            and is_amount(self.dimension)
        )

    def show(self) -> str:
        from ktxh.numbers import format_number

        text = format_number(self.value, self.decimals)
        if self.high is not None:
            text += " - " + format_number(self.high)
        if self.unit == "%":
            return text + "%"
        return f"{text} {self.unit}" if self.unit else text


@dataclass
class Fraction:
    sentence: Sentence
    start: int
    end: int
    numerator: float
    denominator: float
    raw: str
    unit: str | None = None
    ident: bool = False


MAX_LABEL = 300  # a label is read at most this many characters back: a 1 MB sentence stays linear


def _words_before(text: str, start: int, limit: int = 40) -> str:
    return text[max(0, start - limit) : start].replace(REF_MARK, " ").replace("*", " ")


def _label(text: str, sentence_start: int, position: int) -> str:
    """The words of the clause before ``position``, without parenthesised asides; after a colon that directly
    precedes the number, the words before the colon."""
    depth, i = 0, position - 1
    pieces: list[str] = []
    end = position
    while i >= sentence_start:
        ch = text[i]
        if ch == ")":
            if depth == 0:
                pieces.append(text[i + 1 : end])
            depth += 1
        elif ch == "(":
            if depth == 0:
                break
            depth -= 1
            if depth == 0:
                end = i
        elif (
            depth == 0
            and ch in _BOUNDARY
            and not (ch == "." and 0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit())
        ):
            if ch == ":" and not _content(text[i + 1 : end] + "".join(pieces)):
                end = i
                pieces = []
            else:
                break
        i -= 1
    if depth == 0:
        pieces.append(text[i + 1 : end])
    return " ".join(reversed(pieces)).replace(REF_MARK, " ").replace("*", " ")


def _content(text: str) -> list[str]:
    return [w for w in re.findall(r"[^\W_]+", text.lower()) if w not in _STOP and not w.isdigit()]


# The body a figure is about, when its sentence names one: the whole country, a region, a province, a district, a
# commune, or a body below the commune (a named village, residential group, school). «huyện giao» is who set a
# target, not what a figure is about; a body named after «so với» is the base of a comparison.
LEVELS = ("nation", "region", "province", "district", "commune", "below")
_BODY = re.compile(
    r"(?P<nation>\b(?:cả nước|toàn quốc)\b)"
    r"|(?P<region>\b(?:vùng|miền|khu vực)\s+(?-i:[A-ZĐ][^\W\d_]*)|\bcác (?:địa phương|tỉnh) (?:phía|miền|vùng)\s+[^\W\d_]+)"
    r"|(?P<province>\b(?:toàn|cả|trên địa bàn|của) tỉnh\b|\btỉnh\s+(?-i:[A-ZĐ]))"
    r"|(?P<district>\b(?:toàn|cả|trên địa bàn|của) (?:huyện|thị xã|quận)\b|\b(?:huyện|quận|thị xã)\s+(?-i:[A-ZĐ]))"
    r"|(?P<commune>\b(?:toàn|cả|trên địa bàn|của) (?:xã|phường|thị trấn)\b|\b(?:xã|phường|thị trấn)\s+(?-i:[A-ZĐ]))",
    re.IGNORECASE,
)
# a body below the commune only when it is what the clause is about (it opens the clause or its bullet: «+ Trường
# THCS thị trấn: Trường có 51 cán bộ», «Thôn Đông có 12 hộ nghèo»), not a place named on the way («lắp đặt hàng
# rào chắn rác tại tổ dân phố Dinh Hương»)
BELOW = re.compile(
    r"^\W*(?:riêng\s+)?(?:thôn|xóm|làng|bản|ấp|tổ dân phố|khu phố|trường|trạm y tế|(?-i:TDP))\s+(?-i:[A-ZĐ0-9])",
    re.IGNORECASE,
)
_NOT_BODY_AFTER = re.compile(r"^\s*(?:giao|đề ra|phê duyệt|quyết định|ban hành)\b", re.IGNORECASE)


def _last_body(text: str) -> re.Match | None:
    found = None
    for match in _BODY.finditer(text):
        if _NOT_BODY_AFTER.match(text, match.end()) or re.search(r"\bso (?:với )?$", text[: match.start()]):
            continue
        found = match
    return found


def body_of(text: str) -> str:
    """The level of the last body ``text`` names (the one the number written after it is about), or ""."""
    found = _last_body(text)
    return (found.lastgroup or "") if found else ""


def body_named(text: str) -> str:
    """The words naming the last body ``text`` names («các địa phương phía nam», «cả nước»), or ""."""
    found = _last_body(text)
    return " ".join(found.group(0).lower().split()) if found else ""


PLAN_HEADING = re.compile(r"\b(KẾ HOẠCH|PHƯƠNG HƯỚNG|MỤC TIÊU|NHIỆM VỤ|GIẢI PHÁP|DỰ KIẾN)\b")
RESULT_HEADING = re.compile(r"\b(KẾT QUẢ|TÌNH HÌNH|ĐÁNH GIÁ|THỰC HIỆN|TỔNG KẾT)\b")


def analyse(document: Document) -> list[Sentence]:
    """All sentences of the document (body, then footnotes) with their claims and fractions."""
    result: list[Sentence] = []
    plan = False
    plan_notes: set[str] = set()
    section_season = ""
    for para in document.paragraphs:
        lead = _SEASON.search(para.text[:80])
        if lead and (
            para.heading
            or len(para.text) < 80
            or re.match(
                r"^\s*(?:[-+•*–]|[a-zđ]\)|\d+[.)])?\s*[^\d]{0,30}"
                r"\bvụ\b[^\d:]{0,25}:",
                para.text,
            )
        ):
            section_season = _season_name(lead.group(1))  # "a) Vụ Xuân", "- Vụ Mùa: …": the season of what follows
        elif para.heading:
            section_season = ""
        if para.heading and para.note is None:
            upper = para.text.upper()
            # "BÁO CÁO CÔNG TÁC NĂM 2024 VÀ PHƯƠNG HƯỚNG NĂM 2025" names the whole report, not its plan part
            whole_report = bool(re.search(r"(BÁO CÁO|CÔNG TÁC|NĂM \d{4}).*\bVÀ\b.*" + PLAN_HEADING.pattern, upper))
            if PLAN_HEADING.search(upper) and not RESULT_HEADING.search(upper) and not whole_report:
                plan = True
            elif RESULT_HEADING.search(upper) or re.match(r"^\s*PHẦN\b", upper) or whole_report:
                plan = False
        in_plan = plan if para.note is None else para.note in plan_notes
        if para.note is None and plan:
            plan_notes.update(number for _, number in para.refs)
        for start, end in sentences(para.text):
            sentence = Sentence(para, start, end, len(result), plan=in_plan)
            _find_claims(sentence)
            # the last season named before each claim (claims come in order: one pass, linear in a long sentence)
            marks, k, last = list(_SEASON.finditer(para.text, sentence.start, sentence.end)), 0, None
            for claim in sentence.claims:
                while k < len(marks) and marks[k].end() <= claim.start:
                    last, k = marks[k], k + 1
                claim.season = _season_name(last.group(1)) if last else section_season
            result.append(sentence)
    return result


def _season_name(word: str) -> str:
    return " ".join(word.lower().split())


def _find_claims(sentence: Sentence) -> None:
    text, para = sentence.para.text, sentence.para
    segment = text[sentence.start : sentence.end]
    offset = sentence.start
    fraction_spans = []
    range_highs: dict[int, Claim] = {}  # where the second number of a range "24,5-25,5%" starts → the range
    last_end: int | None = None
    for match in FRACTION.finditer(segment):
        a = parse_number(match.group(1))
        b = parse_number(match.group(2))
        start, end = match.start() + offset, match.end() + offset
        before = _words_before(text, start)
        unit, _, _, unit_end, _ = match_unit(text, end)
        ident = _fraction_ident(before, match.group(2), a, b, unit)
        fraction = Fraction(
            sentence,
            start,
            unit_end if unit else end,
            a[0] if a else 0.0,
            b[0] if b else 0.0,
            match.group(0),
            unit,
            ident or (b is not None and b[0] == 0),
        )
        sentence.fractions.append(fraction)
        fraction_spans.append((start, end))
    for match in FRACTION_WORDS.finditer(segment):
        # "8.960 liều trên tổng số 9.800 liều": a fraction written in words
        start, end = match.start() + offset, match.end("den") + offset
        if any(s <= start < e or s < end <= e for s, e in fraction_spans):
            continue
        a = parse_number(match.group("num"), True)
        b = parse_number(match.group("den"), True)
        if a is None or b is None or b[0] <= 0 or a[0] > b[0]:
            continue
        unit_a = match_unit(text, match.end("num") + offset)
        unit_b = match_unit(text, end)
        if unit_a[1] and unit_b[1] and unit_a[1] != unit_b[1]:
            continue  # "12 hộ trên tổng số 300 người": not the same things
        if not (unit_a[1] or unit_b[1]) or not is_amount(unit_a[1] or unit_b[1]):
            continue
        before = _words_before(text, start)
        if _IDENT_BEFORE.search(before) and not re.search(r"[A-ZĐ]{2,5}\s*$", before):
            continue
        unit_end = unit_b[3] if unit_b[1] else end
        sentence.fractions.append(
            Fraction(
                sentence,
                start,
                unit_end,
                a[0],
                b[0],
                f"{match.group('num')}/{match.group('den')}",
                unit_b[0] or unit_a[0],
            )
        )
        fraction_spans.append((start, end))
    spans = sorted(fraction_spans)
    span_starts = [s for s, _ in spans]
    composite_parts: set[int] = set()  # where the "500" of "8 tỷ 500 triệu đồng" starts: part of the amount before
    for match in NUMBER.finditer(segment):
        start = match.start() + offset
        end = match.end() + offset
        raw = match.group(1)
        if start in composite_parts:
            continue
        if text[end : end + 1] == "/" and text[end + 1 : end + 2].isdigit():
            in_fraction = True
        else:
            at = bisect.bisect_right(span_starts, start) - 1  # the spans do not overlap
            in_fraction = at >= 0 and start < spans[at][1]
        unit, dimension, factor, unit_end, _ = match_unit(text, end)
        composite = _BILLION_MILLION.match(text, end) if raw.isdigit() else None
        if composite:  # "423 tỷ 536 triệu đồng" is one amount: 423,536 tỷ đồng
            composite_parts.add(composite.start(1))
            raw = f"{raw},{int(composite.group(1)):03d}"
            unit, dimension, factor, unit_end = "tỷ đồng", "money", 1e9, composite.end()
        multiplier = _MULTIPLIER.match(text, end) if not unit or unit in ("triệu đồng",) else None
        if multiplier and not composite:  # "893,1 nghìn ha", "61,8 vạn tấn", "8,2 triệu tấn"
            inner = match_unit(text, multiplier.end())
            if inner[0] and inner[1] and is_amount(inner[1]) and inner[1] != "money":
                scale = _MULTIPLIERS[multiplier.group(1).lower()]
                unit, dimension, factor, unit_end = (
                    f"{multiplier.group(1)} {inner[0]}",
                    inner[1],
                    inner[2] * scale,
                    inner[3],
                )
        high = None
        rng = RANGE_AFTER.match(text, end)
        if rng and not unit:
            unit, dimension, factor, unit_end, _ = match_unit(text, rng.end())
            parsed_high = parse_number(rng.group(1), bool(dimension and dimension.startswith("count:")))
            if unit and parsed_high:
                high = parsed_high[0]
            else:
                unit, dimension, factor, unit_end = None, None, 1.0, end
        parsed = (
            parse_number(raw, bool(dimension and dimension.startswith("count:")))
            if not composite
            else (float(raw.replace(",", ".")), 3)
        )
        if parsed is None:
            continue
        per = _per_amount(sentence, text, start, dimension)
        if text[start - 1 : start] == "/" and per is None:
            continue  # «12/2024», «23,4%/24,5%»: no number of its own
        value, decimals = parsed
        before = _words_before(text, start)
        after = text[unit_end : unit_end + 40]
        claim = Claim(
            sentence,
            start,
            unit_end if unit else end,
            raw,
            value,
            decimals,
            unit,
            dimension,
            factor,
            high=high,
            in_fraction=in_fraction,
        )
        claim.ident = _is_ident(text, start, end, raw, value, decimals, before, dimension, para)
        if _APPROX_LOWER.search(before):
            claim.bound = ">="
        elif _APPROX_UPPER.search(before):
            claim.bound = "<="
        elif _APPROX.search(before):
            claim.bound = "~"
        claim.delta = bool(_DELTA_BEFORE.search(before)) or bool(_SIGNED_BEFORE.search(before))
        claim.target = bool(_TARGET_BEFORE.search(before))
        if start in range_highs:  # the end of a range is no figure of its own
            owner = range_highs[start]
            claim.high, claim.target, claim.delta = claim.value, owner.target, owner.delta
            claim.range_end = True
        if high is not None and rng:
            range_highs[rng.start(1)] = claim
        if dimension == "percent" or dimension is None:
            claim.comparison = bool(_COMPARISON_AFTER.match(after))
        # the end of the last number before this one (claims come in order, so a running maximum suffices)
        previous = last_end if last_end is not None and last_end <= start else None
        label = _label(text, max(sentence.start, previous or 0, start - MAX_LABEL), start)
        claim.label_text = " ".join(label.split())
        if re.search(r"(?:\b(?:và|hoặc|với|cùng)|[,;+])\s*$", claim.label_text) or (
            previous is not None and not re.search(r"[;:.]", text[previous:start])
        ):
            claim.label = ()  # the next item of a list: its subject is written after it ("7 giải cấp tỉnh")
        else:
            claim.label = tuple(_content(label))
        if per is not None:  # «5 tỷ 137 triệu/7 tỷ 950 triệu đồng»: a result over its plan, both with units
            per.in_fraction = claim.in_fraction = True
            sentence.fractions.append(
                Fraction(sentence, per.start, claim.end, per.base / factor, value, text[per.start : claim.end], unit)
            )
        sentence.claims.append(claim)
        if not claim.ident:
            last_end = claim.end if last_end is None else max(last_end, claim.end)
    sentence.fractions.sort(key=lambda f: f.start)  # in the order of the text (found by three patterns)
    _link_shares(sentence)


def _per_amount(sentence: Sentence, text: str, start: int, dimension: str | None) -> Claim | None:
    """The amount before «/» when the number at ``start`` is the second of «A đơn vị/B đơn vị» (both with a unit of
    one additive dimension, «5 tỷ đồng/7,95 tỷ đồng»); else None."""
    if text[start - 1 : start] != "/" or not sentence.claims or not is_amount(dimension):
        return None
    previous = sentence.claims[-1]
    if (
        previous.unit is None
        or previous.dimension != dimension
        or previous.in_fraction
        or previous.ident
        or text[previous.end : start - 1].strip()
    ):
        return None
    return previous


_ABBREVIATION_BEFORE = re.compile(r"(?-i:\b[A-ZĐ]{2,5})\s*$")


def _fraction_ident(before: str, denominator_raw: str, a, b, unit: str | None) -> bool:
    """Whether ``X/Y`` names something (``số 12/2024``, ``đường 19/5``) rather than counting X of Y. An
    abbreviation in capitals right before it (``BHYT 7.342/7.821 người``, ``LMLM 950/1.000 liều``) names what is
    counted, not the number: it makes an identifier only of what looks like a document number or a date."""
    if a is None or b is None:
        return True
    if not _IDENT_BEFORE.search(before):
        return False
    if not _ABBREVIATION_BEFORE.search(before) or _IDENT_BEFORE.search(_ABBREVIATION_BEFORE.sub("", before)):
        return True
    year = denominator_raw.isdigit() and len(denominator_raw) == 4 and 1900 <= b[0] <= 2100
    date = a[0] <= 31 and b[0] <= 12 and unit is None
    return year or date or (a[0] > b[0] and unit is None)


def _is_ident(text, start, end, raw, value, decimals, before, dimension, para) -> bool:
    year = decimals == 0 and 1900 <= value <= 2100 and raw.isdigit()
    if year and (
        dimension is None
        or dimension.startswith("abbr:")
        or re.search(r"\b(?:năm|năm học|niên khóa|niên học|giai đoạn|từ|đến|vụ)\s*$", before, re.IGNORECASE)
        or re.match(r"\s*[-–]\s*(?:19|20)\d\d\b", text[end : end + 8])
        or re.search(r"(?:19|20)\d\d\s*[-–]\s*$", text[max(0, start - 8) : start])
    ):
        return True
    measured = dimension and not dimension.startswith("abbr:")
    if measured and (is_amount(dimension) or dimension in ("percent", "yield") or dimension.startswith("rate:")):
        return False
    if _IDENT_BEFORE.search(before):
        return True
    # "3.1. Về quản lý đất đai", "Nhiệm vụ 1.": a heading's number
    return bool(
        re.match(r"[.)](?:\s|$)", text[end : end + 2])
        and re.fullmatch(r"[\s\-+•*–]*(?:[^\W\d_]+\s*){0,2}", text[:start])
    )


_SHARE_LINK = re.compile(
    r"(?:\s+[^\W\d_]+){0,8}?\s*(?:,\s*)?(?:(?:=|chiếm|bằng|\(|tỷ lệ|tỉ lệ|đạt\s*=)\s*)+$", re.IGNORECASE
)


def _link_shares(sentence: Sentence) -> None:
    """``84 hộ = 1,59%``, ``52 hộ, chiếm 2,1%``, ``120 người (15%)``: the percentage an amount is said to be."""
    text = sentence.para.text
    claims = sentence.claims
    for i, claim in enumerate(claims[:-1]):
        nxt = claims[i + 1]
        if not nxt.percent or claim.percent or nxt.delta or nxt.comparison or nxt.ident:
            continue
        if not claim.amount and not (claim.unit is None and not claim.ident and not claim.delta):
            continue
        between = text[claim.end : nxt.start]
        if any(c in between for c in ";.:") and "=" not in between:
            continue
        if re.search(r"[;]", between):
            continue
        if _SHARE_LINK.fullmatch(between.replace(REF_MARK, " ")):
            claim.share = nxt
