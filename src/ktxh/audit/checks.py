"""The consistency checks. Each takes the analysed sentences and returns findings.

Every check raises an alarm only where the text itself states a relation between numbers, and allows for the rounding
of the printed digits (a whole unit of the last printed digit for percentages, which reports often truncate; only
what rounding allows when the wholes implied by «N hộ = P%» are compared, see :func:`_rounding_tolerance`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ktxh.audit.claims import Claim, Sentence, _content
from ktxh.audit.text import REF_MARK
from ktxh.audit.units import same_dimension
from ktxh.numbers import format_number


@dataclass
class Finding:
    kind: str
    message: str
    values: list[float]
    quotes: list[str]
    claims: list[Claim] = field(default_factory=list, repr=False, compare=False)

    def as_dict(self) -> dict:
        return {"kind": self.kind, "message": self.message, "values": self.values, "quotes": self.quotes}


def _n(value: float, decimals: int | None = None) -> str:
    return format_number(round(value, 6), decimals)


def _pct(value: float, decimals: int = 1) -> str:
    return _n(value, decimals) + "%"


def _quotes(*sentences: Sentence) -> list[str]:
    seen, out = set(), []
    for sentence in sorted(sentences, key=lambda s: s.number):
        if sentence.number not in seen:
            seen.add(sentence.number)
            out.append(sentence.quote())
    return out


def _v(value: float) -> float:
    return round(value, 6)


def _percent_tolerance(claim: Claim) -> float:
    """A whole unit of the last printed digit: «96,7%» may stand for 96,77% truncated."""
    return 10.0 ** -claim.decimals + 1e-9


def _rounding_tolerance(claim: Claim) -> float:
    """What rounding to the printed decimals allows: half a unit of the last digit («2,8%» is 2,75–2,85%), and a
    tenth of it more for a value rounded twice (2,348 → 2,35 → 2,4)."""
    return 0.55 * 10.0 ** -claim.decimals + 1e-9


# --- X/Y, đạt Z% ------------------------------------------------------------------------------------------------

_FRACTION_LINK = re.compile(r"(?:đạt|=|bằng|\(|chiếm|tỷ lệ|tỉ lệ|,|đảm bảo|là)", re.IGNORECASE)


def check_fractions(sentences: list[Sentence]) -> list[Finding]:
    findings = []
    for sentence in sentences:
        text = sentence.para.text
        for fraction in sentence.fractions:
            if fraction.ident or fraction.denominator <= 0:
                continue
            following = [c for c in sentence.claims if c.start >= fraction.end and not c.in_fraction]
            if not following:
                continue
            percent = following[0]
            if not percent.percent or percent.delta or percent.ident:
                continue
            between = text[fraction.end:percent.start]
            if ";" in between or len(between.split()) > 12 or not _FRACTION_LINK.search(between):
                continue
            if any(f.start >= fraction.end and f.end <= percent.start for f in sentence.fractions if f is not fraction):
                continue
            if percent.comparison and "," in between:
                continue  # "đạt 15/16 tổ, đạt 100% kế hoạch": the percentage is of the plan, not of the fraction
            actual = fraction.numerator / fraction.denominator * 100
            if abs(actual - percent.value) <= _percent_tolerance(percent):
                continue
            findings.append(Finding(
                "fraction_percent",
                f"«{fraction.raw.strip()}» bằng {_pct(actual, max(1, percent.decimals))}, nhưng văn bản ghi "
                f"{_pct(percent.value, percent.decimals)}.",
                [_v(fraction.numerator), _v(fraction.denominator), _v(percent.value), round(actual, 2)],
                _quotes(sentence), [percent]))
    return findings


# --- lists of parts and their total -----------------------------------------------------------------------------

_LIST_KEYWORD = re.compile(r"(?<![^\W\d_])(trong đó|bao gồm|gồm|chia ra|cụ thể là|chi tiết)(?![^\W\d_])",
                           re.IGNORECASE)
_OPEN_ENDED = re.compile(r"(\.\.\.|…|\bv\.v\b|\bvv\b|,\s*\.\.\.)|\b(như|chẳng hạn)\s*:?\s*$", re.IGNORECASE)


@dataclass
class PartsList:
    keyword: str  # "trong đó" (a subset) or "gồm" (all the parts)
    total: Claim
    parts: list[Claim]
    sentences: list[Sentence]
    open_ended: bool
    region_claims: list[Claim]  # all numbers where the parts were taken from


def _amounts(claims: list[Claim]) -> list[Claim]:
    return [c for c in claims if c.amount]


_HEAD_WORDS = {"đàn", "tổng", "số", "lượng", "diện", "tích", "giá", "trị", "toàn", "bộ", "các", "loại"}


def _tokens(claim: Claim) -> set[str]:
    return set(claim.label)


def _parts_after(sentence: Sentence, position: int, stop_at_nested: bool = True) -> tuple[list[Claim], bool]:
    """Amounts of ``sentence`` after ``position``, up to a nested list keyword; and whether the list is open-ended."""
    text = sentence.para.text
    end = sentence.end
    if stop_at_nested:
        nested = _LIST_KEYWORD.search(text, position, sentence.end)
        while nested and nested.start() <= position + 1:
            nested = _LIST_KEYWORD.search(text, nested.end(), sentence.end)
        if nested:
            # "Gồm 28.000 cây, trong đó …": a number right after the keyword followed by a nested list is a total
            end = nested.start()
    claims = [c for c in sentence.claims if position <= c.start < end]
    tail = text[claims[-1].end:sentence.end] if claims else text[position:sentence.end]
    open_ended = bool(_OPEN_ENDED.search(tail)) or bool(_OPEN_ENDED.search(text[sentence.start:sentence.end][-6:]))
    return claims, open_ended


def _find_lists(sentences: list[Sentence], notes: dict[str, list[Sentence]]) -> list[PartsList]:
    lists: list[PartsList] = []
    by_para: dict[int, list[Sentence]] = {}
    for sentence in sentences:
        by_para.setdefault(sentence.para.index, []).append(sentence)
    for sentence in sentences:
        text = sentence.para.text
        for match in _LIST_KEYWORD.finditer(text, sentence.start, sentence.end):
            keyword = "trong đó" if match.group(1).lower() == "trong đó" else "gồm"
            before = [c for c in sentence.claims if c.end <= match.start()]
            context = [sentence]
            if not _amounts(before):
                if keyword != "trong đó":
                    continue
                siblings = by_para[sentence.para.index]
                position = siblings.index(sentence)
                if position == 0 or text[sentence.start:match.start()].strip(" -+*•–:"):
                    continue
                previous = siblings[position - 1]
                before = previous.claims
                context = [previous, sentence]
            # Where are the parts: in a footnote referenced right after the keyword, or in the rest of the sentence.
            after = text[match.end():match.end() + 4]
            region: list[Claim]
            if REF_MARK in after:
                offset = match.end() + after.index(REF_MARK)
                number = dict(sentence.para.refs).get(offset)
                note = notes.get(number or "")
                if not note:
                    continue
                first = note[0]
                region, open_ended = _parts_after(first, first.start, stop_at_nested=False)
                # a footnote that opens with its own "Gồm N …, trong đó" is checked on its own
                if re.match(r"\s*(gồm|bao gồm|tổng)\b", first.text, re.IGNORECASE) and region and \
                        not first.text[:region[0].start - first.start].strip(" :").lower().endswith(("trong đó",)):
                    lead = first.text[:region[0].start - first.start]
                    if len(lead.split()) <= 2:
                        continue
                context = context + [first]
            else:
                region, open_ended = _parts_after(sentence, match.end())
                if region and not text[match.end():region[0].start].strip(" :,") and \
                        _LIST_KEYWORD.search(text, region[0].end, sentence.end):
                    continue  # "Gồm 28.000 cây, trong đó …"
            parts_all = _amounts(region)
            if not parts_all:
                continue
            total = None
            for candidate in reversed(_amounts(before)):
                if any(same_dimension(candidate.dimension, p.dimension) for p in parts_all):
                    total = candidate
                    break
            if total is None:
                continue
            parts = [p for p in parts_all if same_dimension(total.dimension, p.dimension)]
            if keyword == "trong đó" and parts:
                # after a ";" a number belongs to the list only if it speaks of the same thing
                # ("Tổng đàn lợn 900 con, trong đó lợn nái 120 con; đàn gia cầm 9.000 con": "đàn", "tổng", "số"
                # say nothing of what is counted)
                first_tokens = (_tokens(parts[0]) | _tokens(total)) - _HEAD_WORDS
                kept = [parts[0]]
                for part in parts[1:]:
                    gap = part.sentence.para.text[kept[-1].end:part.start]
                    if ";" in gap and not ((_tokens(part) - _HEAD_WORDS) & first_tokens):
                        break
                    kept.append(part)
                parts = kept
            lists.append(PartsList(keyword, total, parts, context, open_ended, region))
    return lists


def _sum_tolerance(total: Claim, parts: list[Claim]) -> float:
    return total.half_unit + sum(p.half_unit for p in parts) + 1e-9


def check_lists(sentences: list[Sentence], notes: dict[str, list[Sentence]]) -> list[Finding]:
    findings: list[Finding] = []
    for item in _find_lists(sentences, notes):
        total, parts = item.total, item.parts
        if total.bound in (">=", "~"):
            continue
        quotes = _quotes(*item.sentences)
        if item.keyword == "trong đó":
            bigger = [p for p in parts if p.bound != "<=" and p.base > total.base + total.half_unit + p.half_unit]
            if bigger:
                names = ", ".join(p.show() for p in bigger)
                findings.append(Finding(
                    "subset_exceeds_whole",
                    f"Phần «trong đó» lớn hơn tổng: {names} > {total.show()}.",
                    [_v(total.value)] + [_v(p.value) for p in bigger], quotes, [total, *bigger]))
                continue
        exhaustive = item.keyword == "gồm" and not item.open_ended
        measured = [c for c in item.region_claims if not c.ident and not c.percent and not c.delta]
        mixed = any(not same_dimension(total.dimension, c.dimension) for c in measured)
        approximate = any(p.bound for p in parts)
        total_sum = sum(p.base for p in parts)
        tolerance = _sum_tolerance(total, parts)
        sums_up = len(parts) >= 2 and abs(total_sum - total.base) <= tolerance
        if exhaustive and len(parts) >= 2 and not mixed and not approximate and not sums_up:
            prefix_ok = any(abs(sum(p.base for p in parts[:k]) - total.base) <= _sum_tolerance(total, parts[:k])
                            for k in range(2, len(parts)))
            if not prefix_ok:
                factor = total.factor
                findings.append(Finding(
                    "parts_total",
                    f"Các phần cộng lại được {_n(total_sum / factor, max(p.decimals for p in parts))} {total.unit}, "
                    f"khác tổng đã nêu {total.show()} (lệch "
                    f"{_n(abs(total_sum - total.base) / factor, max(c.decimals for c in [total, *parts]))} "
                    f"{total.unit}).",
                    [_v(total.value), _v(total_sum / factor)] + [_v(p.base / factor) for p in parts], quotes,
                    [total, *parts]))
                continue
        elif not exhaustive and len(parts) >= 2 and not approximate and not mixed and \
                total_sum > total.base + tolerance and item.keyword == "gồm":
            findings.append(Finding(
                "parts_total",
                f"Các phần đã nêu cộng lại được {_n(total_sum / total.factor, 2)} {total.unit}, lớn hơn tổng "
                f"{total.show()}.",
                [_v(total.value), _v(total_sum / total.factor)], quotes, [total, *parts]))
            continue
        # Percentages of the parts: they are of this total when the parts add up to it.
        shared = [p for p in parts if p.share is not None]
        share_sum = sum(p.share.value for p in shared)
        share_tol = sum(_percent_tolerance(p.share) for p in shared)
        if shared and (sums_up or (len(shared) >= 2 and len(shared) == len(parts)
                                   and abs(share_sum - 100) <= share_tol)):
            wrong = []
            for part in shared:
                actual = part.base / total.base * 100
                if abs(actual - part.share.value) > _percent_tolerance(part.share):
                    wrong.append((part, actual))
            if wrong:
                detail = "; ".join(f"{p.show()} là {_pct(a, max(1, p.share.decimals))} chứ không phải "
                                   f"{_pct(p.share.value, p.share.decimals)}" for p, a in wrong)
                values = [_v(total.value)]
                for p, a in wrong:
                    values += [_v(p.value), _v(p.share.value), round(a, 2)]
                findings.append(Finding(
                    "percent_of_total", f"Tỷ lệ không khớp với tổng {total.show()}: {detail}.", values, quotes,
                    [total, *parts, *[p.share for p in shared]]))
                continue
        if exhaustive and sums_up and len(shared) == len(parts) >= 2 and abs(share_sum - 100) > share_tol:
            findings.append(Finding(
                "percent_sum",
                f"Các phần cộng đủ tổng {total.show()} nhưng tỷ lệ của chúng cộng lại {_pct(share_sum, 1)} "
                f"(phải là 100%).",
                [_v(share_sum)] + [_v(p.share.value) for p in shared], quotes, [p.share for p in shared]))
    return findings


# --- a figure and its breakdown in the footnote it calls -------------------------------------------------------

def check_footnote_parts(sentences: list[Sentence], notes: dict[str, list[Sentence]]) -> list[Finding]:
    """``Diện tích lúa 312 ha⁽³⁾`` with the footnote ``³ Vụ Đông Xuân 150 ha; vụ Hè Thu 160 ha``: a footnote called
    right after an amount and stating only amounts of its kind (besides yields, rates, percentages) breaks it down,
    so its amounts must add up to it. Not when the footnote has a list of its own, is open-ended, compares with a
    plan or a past value, or holds an amount as big as the figure (then it is no breakdown)."""
    findings = []
    for sentence in sentences:
        if sentence.para.note is not None:
            continue
        text = sentence.para.text
        refs = dict(sentence.para.refs)
        for total in sentence.claims:
            if not total.amount or total.bound:
                continue
            gap = text[total.end:total.end + 3]
            stripped = gap.lstrip(" ")
            if not stripped.startswith(REF_MARK):
                continue
            note = notes.get(refs.get(total.end + len(gap) - len(stripped), ""))
            if not note:
                continue
            claims = [c for s in note for c in s.claims]
            note_text = " ".join(s.text for s in note)
            amounts = [c for c in claims if c.amount]
            others = [c for c in claims if not c.ident and not c.amount and c.dimension
                      and not c.percent and c.dimension != "yield" and not c.dimension.startswith("rate:")]
            parts = [c for c in amounts if same_dimension(total.dimension, c.dimension)]
            if len(parts) < 2 or len(parts) != len(amounts) or others:
                continue
            if _LIST_KEYWORD.search(note_text) or _OPEN_ENDED.search(note_text) or _NOT_THE_SAME.search(note_text):
                continue
            if any(p.bound or p.delta or p.base >= total.base for p in parts):
                continue
            total_sum = sum(p.base for p in parts)
            tolerance = _sum_tolerance(total, parts)
            if abs(total_sum - total.base) <= tolerance or abs(total_sum - total.base) > 0.2 * total.base:
                continue  # adds up; or so far off that the footnote is no breakdown of this figure
            factor = total.factor
            decimals = max(c.decimals for c in [total, *parts])
            gap_text = _n(abs(total_sum - total.base) / factor, decimals)
            findings.append(Finding(
                "parts_total",
                f"Chú thích của {total.show()} chia nó thành các phần cộng lại được "
                f"{_n(total_sum / factor, decimals)} {total.unit} (lệch {gap_text} {total.unit}).",
                [_v(total.value), _v(total_sum / factor)] + [_v(p.base / factor) for p in parts],
                _quotes(sentence, *note), [total, *parts]))
    return findings


# --- percentages of a structure ---------------------------------------------------------------------------------

_STRUCTURE = re.compile(r"\b(cơ cấu|tỷ trọng|tỉ trọng)\b", re.IGNORECASE)


def check_structure(sentences: list[Sentence]) -> list[Finding]:
    findings = []
    for sentence in sentences:
        match = _STRUCTURE.search(sentence.para.text, sentence.start, sentence.end)
        if not match:
            continue
        shares = [c for c in sentence.claims if c.start > match.end() and c.percent and not c.delta
                  and not c.comparison and not c.ident and c.bound is None]
        if len(shares) < 2:
            continue
        between = sentence.para.text[match.end():shares[0].start]
        if re.search(r"\b(tăng|giảm|chuyển dịch|so)\b", between, re.IGNORECASE):
            continue
        if any(abs(sum(c.value for c in shares[:k]) - 100) <= sum(_percent_tolerance(c) for c in shares[:k])
               for k in range(2, len(shares) + 1)):
            continue
        total = sum(c.value for c in shares)
        findings.append(Finding(
            "percent_sum", f"Các tỷ lệ của cơ cấu cộng lại {_pct(total, 1)}, không phải 100%.",
            [_v(total)] + [_v(c.value) for c in shares], _quotes(sentence), shares))
    return findings


_PARTITION_GAP = re.compile(r"\s*[,;]\s*((?:[^\W\d_]+[\s\-]*){1,4}?)\s*(?:chiếm\s*)?$")
_NOT_A_CATEGORY = re.compile(r"\b(tỷ lệ|tỉ lệ|tăng|giảm|so|trong đó|vượt|bình quân|năm|tháng|quý)\b",
                             re.IGNORECASE)


def check_partition(sentences: list[Sentence]) -> list[Finding]:
    """``xếp loại: Giỏi 30,2%, Khá 45,1%, Trung bình 20,3%, Yếu 2,4%``: a run of at least three «category X%»
    items in one clause, joined by commas or semicolons, each category named in at most four words with nothing else
    between, is the split of one whole into parts. When those percentages come near 100 (90–110) they are meant to
    be all of it, and must add up to 100 within rounding. Rates of different things (``tỷ lệ …``, ``tăng …``, …)
    are not categories; lists that add up far from 100 are not partitions and are left alone."""
    findings = []
    for sentence in sentences:
        text = sentence.para.text
        if _STRUCTURE.search(text, sentence.start, sentence.end):
            continue  # check_structure
        items = [c for c in sentence.claims if c.percent]
        runs: list[list[Claim]] = []
        for claim in items:
            usable = not (claim.delta or claim.comparison or claim.ident or claim.bound or claim.high is not None
                          or claim.value > 100)
            if not usable:
                runs.append([])
                continue
            if runs and runs[-1]:
                gap = _PARTITION_GAP.fullmatch(text[runs[-1][-1].end:claim.start])
                if gap and not _NOT_A_CATEGORY.search(gap.group(1)):
                    runs[-1].append(claim)
                    continue
            runs.append([claim])
        for run in runs:
            if len(run) < 3:
                continue
            total = sum(c.value for c in run)
            if not 90 <= total <= 110:
                continue
            if any(abs(sum(c.value for c in run[:k]) - 100) <= sum(_percent_tolerance(c) for c in run[:k])
                   for k in range(2, len(run) + 1)):
                continue
            findings.append(Finding(
                "percent_sum", f"Các tỷ lệ của một tổng thể được chia thành {len(run)} phần cộng lại "
                               f"{_pct(total, max(c.decimals for c in run))}, không phải 100%.",
                [_v(total)] + [_v(c.value) for c in run], _quotes(sentence), run))
    return findings


# --- the same quantity stated twice -----------------------------------------------------------------------------

_NOT_THE_SAME = re.compile(r"\b(giao|kế hoạch|kh|dự toán|chỉ tiêu|mục tiêu|phấn đấu|cùng kỳ|năm trước|bình quân|"
                           r"mỗi|một|trung bình|tối đa|tối thiểu|dự kiến|định mức)\b", re.IGNORECASE)
_GENERIC = {"tổng", "diện", "tích", "số", "lượng", "kinh", "phí", "giá", "trị", "quy", "mô", "dự", "án", "công",
            "trình", "tiền", "vốn", "đầu", "tư", "năm", "đạt", "ước", "được", "thực", "hiện", "kết", "quả", "tiến",
            "hành", "xong", "toàn", "bộ", "cộng", "khoảng", "mới"}
_BULLET = re.compile(r"^\s*(?:[-+•*–]|[a-zđ]\)|\d+\))\s*\**([^:]{2,80}?)\**\s*:")


def _subject(sentence: Sentence) -> str | None:
    match = _BULLET.match(sentence.para.text)
    return " ".join(match.group(1).lower().split()) if match else None


def _strict_key(claim: Claim) -> tuple | None:
    label = claim.label
    if len(label) < 2 or not set(label) - _GENERIC or _NOT_THE_SAME.search(claim.label_text):
        return None
    return (label, claim.dimension, claim.sentence.plan, _subject(claim.sentence))


# Words that place a quantity («của xã», «trên địa bàn», «nhà nước», «năm 2024», «theo số liệu kiểm kê») or say who
# reports it («xã thực hiện») without changing what it is.
_SCOPE = re.compile(
    r"\b(?:của|toàn|cả)\s+(?:xã|phường|thị trấn|huyện|tỉnh)\b|\btrên địa bàn\b|\bnhà nước\b|"
    r"\btheo (?:số liệu|kết quả)[^,;:]*|\b(?:xã|phường|thị trấn)\s+(?:thực hiện|đạt)\b|"
    r"\b(?:năm|đến|tính đến)\s+(?:19|20)\d\d\b", re.IGNORECASE)
_LOOSE_FILLER = _GENERIC | {"ước", "tính", "cả", "hiện", "nay"}
_NAME = re.compile(r"(?<=[\w,)]\s)[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈÍÌÓÒÚÙÝ][a-zà-ỹđ]+")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def _names(text: str) -> set[str]:
    """Proper names in a label (capitalised words not opening it): «xã Tân Lập», «Trường Kim Đồng»."""
    return set(_NAME.findall(text))


def _loose_key(claim: Claim) -> tuple | None:
    """What a quantity is, whatever the wording: the words of its label less those that only place it (scope) or
    are generic («tổng», «diện tích», «ước đạt»); for an area «đất» says nothing («diện tích đất tự nhiên»). A
    label after proper names and a comma keeps only its last clause («xã A, B và C, có tổng diện tích tự nhiên»);
    an empty one in a bulleted line («- Thu ngân sách: huyện giao …, xã thực hiện N») takes the bullet's subject."""
    text = claim.label_text
    if not text or _NOT_THE_SAME.search(text) or re.search(r"(?:\b(?:và|hoặc|với|cùng)|[,;+])\s*$", text):
        return None
    if not claim.label:
        # an item after another number: only a clause of its own («…, có tổng diện tích N») or, in a bulleted
        # line, one that only says who reports the bullet's subject («…, xã thực hiện N»)
        tail = text.rsplit(",", 1)[-1] if "," in text else ""
        own_clause = re.match(r"\s*(?:có|với)\b", tail)
        reporter = _subject(claim.sentence) and tail.strip() and \
            not set(_content(_SCOPE.sub(" ", tail))) - _LOOSE_FILLER
        if not (own_clause or reporter):
            return None
        text = tail
    elif "," in text and _names(text.rsplit(",", 1)[0]):
        text = text.rsplit(",", 1)[-1]
    words = set(_content(_SCOPE.sub(" ", text))) - _LOOSE_FILLER
    if claim.dimension == "area":
        words.discard("đất")
    subject = _subject(claim.sentence)
    if not words and subject and len(text.split()) <= 4 and not _NOT_THE_SAME.search(subject):
        words = set(_content(_SCOPE.sub(" ", subject))) - _LOOSE_FILLER
        subject = None
    if len(words) < 2:
        return None
    return (frozenset(words), claim.dimension, claim.sentence.plan, subject)


def check_repeated(sentences: list[Sentence]) -> list[Finding]:
    """The same quantity given two values in two paragraphs: first where the labels are the same words, then where
    they are the same once the words that only place or qualify a figure are dropped (:func:`_loose_key`)."""
    findings: list[Finding] = []
    used: set[int] = set()
    for key_of in (_strict_key, _loose_key):
        groups: dict[tuple, list[Claim]] = {}
        for sentence in sentences:
            for claim in sentence.claims:
                if not claim.amount or id(claim) in used:
                    continue
                key = key_of(claim)
                if key is not None:
                    groups.setdefault(key, []).append(claim)
        for key, claims in groups.items():
            if len(claims) < 2:
                continue
            pairs = []
            for i, a in enumerate(claims):
                for b in claims[i + 1:]:
                    if a.sentence.para.index == b.sentence.para.index:
                        continue
                    if abs(a.base - b.base) <= a.half_unit + b.half_unit:
                        continue
                    if _compatible_bounds(a, b):
                        continue
                    years_a, years_b = set(_YEAR.findall(a.label_text)), set(_YEAR.findall(b.label_text))
                    if years_a and years_b and years_a != years_b:
                        continue  # "thu ngân sách năm 2024" and "… năm 2023"
                    if key_of is _loose_key:
                        names_a, names_b = _names(a.label_text), _names(b.label_text)
                        if names_a and names_b and names_a != names_b:
                            continue
                    pairs.append((a, b))
            if not pairs:
                continue
            a, b = pairs[0]
            used.update(id(c) for c in claims)
            what = " ".join(a.label_text.split()[-8:]) if a.label_text.strip() else (_subject(a.sentence) or "")
            findings.append(Finding(
                "same_quantity",
                f"Cùng một chỉ tiêu («{what}») được nêu với hai giá trị khác nhau: {a.show()} và {b.show()}.",
                [_v(a.value), _v(b.value)], _quotes(a.sentence, b.sentence), [a, b]))
    return findings


def _compatible_bounds(a: Claim, b: Claim) -> bool:
    if "~" in (a.bound, b.bound):
        return abs(a.base - b.base) <= 0.05 * max(abs(a.base), abs(b.base))
    for x, y in ((a, b), (b, a)):
        if x.bound == ">=" and y.base >= x.base:
            return True
        if x.bound == "<=" and y.base <= x.base:
            return True
    return False


# --- implausible values -----------------------------------------------------------------------------------------

# Highest plausible yield in tạ/ha (one harvest); generous so that only gross errors (a wrong unit) are flagged.
CROP_CEILINGS = [
    ("lúa", 130), ("thóc", 130), ("ngô", 150), ("bắp", 150), ("lạc", 80), ("đậu phộng", 80), ("đậu tương", 60),
    ("đỗ tương", 60), ("đậu", 60), ("đỗ", 60), ("vừng", 30), ("mè", 30), ("khoai lang", 400), ("khoai tây", 450),
    ("khoai", 450), ("sắn", 700), ("mì", 700), ("rau", 900), ("bắp cải", 1000), ("su hào", 800), ("cà chua", 1000),
    ("dưa", 900), ("bí", 700), ("mía", 2000), ("chè", 300), ("cà phê", 80), ("hồ tiêu", 80), ("tiêu", 80),
    ("điều", 40), ("cao su", 40), ("chuối", 1000), ("bưởi", 600), ("cam", 600), ("quýt", 600), ("nhãn", 300),
    ("vải", 300), ("thanh long", 700), ("dứa", 1000), ("xoài", 400), ("cây ăn quả", 1000), ("ớt", 400),
    ("hành", 600), ("tỏi", 300), ("nấm", 2000), ("cỏ", 2500),
]
FIELD_CROP_CEILING = 200  # 20 tấn/ha: above it a field crop's yield is implausible


def _crop_ceiling(context: str) -> tuple[str | None, float]:
    lower = context.lower()
    found = [(name, ceiling) for name, ceiling in CROP_CEILINGS
             if re.search(r"(?<![^\W\d_])" + re.escape(name) + r"(?![^\W\d_])", lower)]
    if not found:
        return None, FIELD_CROP_CEILING
    name, ceiling = max(found, key=lambda x: x[1])
    return name, ceiling


_SHARE_BEFORE = re.compile(r"(?:=|chiếm)\s*$", re.IGNORECASE)
_RATE_LABEL = re.compile(r"^\s*(?:tỷ lệ|tỉ lệ)\b", re.IGNORECASE)
_RATE_EXCUSES = re.compile(r"\b(giao|kế hoạch|kh|dự toán|chỉ tiêu|mục tiêu|nghị quyết|so|cùng kỳ|tăng|giảm|vượt|"
                           r"bằng|tăng trưởng|phát triển)\b", re.IGNORECASE)


def check_implausible(sentences: list[Sentence]) -> list[Finding]:
    findings = []
    for sentence in sentences:
        text = sentence.para.text
        previous_end = sentence.start
        for claim in sentence.claims:
            if claim.dimension == "yield" and not claim.ident:
                start = max(previous_end, text.rfind(";", sentence.start, claim.start) + 1)
                context = text[start:claim.start]
                if not re.search(r"[^\W\d_]", context.replace("năng suất", "")):
                    context = text[sentence.start:claim.start]
                previous_end = claim.end
                crop, ceiling = _crop_ceiling(context)
                value = max(claim.value, claim.high or claim.value) * claim.factor  # tạ/ha
                if value > ceiling:
                    hint = ""
                    if claim.unit == "tấn/ha" and claim.value <= ceiling:
                        hint = f" Có lẽ là {_n(claim.value, claim.decimals)} tạ/ha?"
                    what = f"cây {crop}" if crop else "cây trồng"
                    findings.append(Finding(
                        "implausible_value",
                        f"Năng suất {what} {claim.show()} (= {_n(value, 1)} tạ/ha) là không hợp lý "
                        f"(tối đa khoảng {ceiling} tạ/ha).{hint}",
                        [_v(claim.value), _v(value)], _quotes(sentence), [claim]))
                continue
            if claim.percent and claim.value > 100 + _percent_tolerance(claim) and not claim.delta \
                    and not claim.comparison and not claim.ident:
                before = text[max(sentence.start, claim.start - 12):claim.start]
                clause_start = max(text.rfind(";", sentence.start, claim.start), text.rfind(",", sentence.start,
                                                                                             claim.start), sentence.start)
                clause = text[clause_start:claim.end + 25]
                is_share = bool(_SHARE_BEFORE.search(before)) or any(c.share is claim for c in sentence.claims)
                is_rate = bool(_RATE_LABEL.match(claim.label_text)) and not _RATE_EXCUSES.search(
                    text[sentence.start:claim.end + 25])
                if (is_share and not _RATE_EXCUSES.search(clause)) or is_rate:
                    findings.append(Finding(
                        "implausible_value",
                        f"Tỷ lệ {_pct(claim.value, claim.decimals)} là phần của một tổng thể nên không thể vượt "
                        f"100%.",
                        [_v(claim.value)], _quotes(sentence), [claim]))
    return findings


# --- "N hộ = P%": the whole they imply --------------------------------------------------------------------------

POPULATION_UNITS = {"hộ", "người", "nhân khẩu", "lao động"}


_OTHER_TIME = re.compile(r"\b(cùng kỳ|năm trước|kỳ trước|đầu năm|đầu kỳ|kế hoạch|giao|chỉ tiêu|mục tiêu|phấn đấu|"
                         r"dự kiến)\b", re.IGNORECASE)


def check_denominators(sentences: list[Sentence], used: set[int]) -> list[Finding]:
    groups: dict[tuple, list[Claim]] = {}
    for sentence in sentences:
        if sentence.plan:
            continue
        for claim in sentence.claims:
            share = claim.share
            if share is None or id(claim) in used or id(share) in used or share.value <= 0 or claim.bound \
                    or share.bound or share.value > 100:
                continue
            if _OTHER_TIME.search(claim.label_text):
                continue  # "(cùng kỳ 65 hộ, tỷ lệ 2,48%)": a share of last year's whole
            after = sentence.para.text[share.end:share.end + 30].lower()
            whole = None
            match = re.match(r"\s*(?:so với |trên |của )?(tổng số [^\W\d_]+(?: [^\W\d_]+)?|dân số|tổng [^\W\d_]+|"
                             r"số [^\W\d_]+(?: [^\W\d_]+)?)", after)
            if match:
                whole = match.group(1)
            unit = claim.unit or ""
            scope = None if unit in POPULATION_UNITS else sentence.para.index
            groups.setdefault((unit, whole, scope), []).append(claim)
    findings = []
    for (unit, whole, scope), claims in groups.items():
        if len(claims) < 2 or not unit:
            continue
        intervals = []
        for claim in claims:
            tolerance = _rounding_tolerance(claim.share)
            high_pct, low_pct = claim.share.value + tolerance, max(claim.share.value - tolerance, 1e-9)
            intervals.append((claim.value * 100 / high_pct, claim.value * 100 / low_pct, claim))
        lowest_high = min(intervals, key=lambda x: x[1])
        highest_low = max(intervals, key=lambda x: x[0])
        if highest_low[0] <= lowest_high[1]:
            continue  # all can be shares of one whole
        a, b = lowest_high[2], highest_low[2]
        da, db = a.value * 100 / a.share.value, b.value * 100 / b.share.value
        findings.append(Finding(
            "share_denominator",
            f"Hai tỷ lệ ngụ ý hai tổng khác nhau: {a.show()} = {_pct(a.share.value, a.share.decimals)} → tổng khoảng "
            f"{_n(da, 0)} {unit}; {b.show()} = {_pct(b.share.value, b.share.decimals)} → tổng khoảng {_n(db, 0)} "
            f"{unit}.",
            [_v(a.value), _v(a.share.value), round(da), _v(b.value), _v(b.share.value), round(db)],
            _quotes(a.sentence, b.sentence), [a, b]))
    return findings


def run_checks(sentences: list[Sentence]) -> list[Finding]:
    notes: dict[str, list[Sentence]] = {}
    for sentence in sentences:
        if sentence.para.note is not None:
            notes.setdefault(sentence.para.note, []).append(sentence)
    findings: list[Finding] = []
    findings += check_fractions(sentences)
    findings += check_lists(sentences, notes)
    findings += check_footnote_parts(sentences, notes)
    findings += check_structure(sentences)
    findings += check_partition(sentences)
    findings += check_repeated(sentences)
    findings += check_implausible(sentences)
    used = {id(c) for f in findings for c in f.claims}
    used |= {id(c.share) for f in findings for c in f.claims if c.share is not None}
    for sentence in sentences:
        for claim in sentence.claims:
            if claim.share is not None and id(claim.share) in used:
                used.add(id(claim))
    findings += check_denominators(sentences, used)
    return findings
