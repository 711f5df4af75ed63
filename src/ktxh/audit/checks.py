"""The consistency checks of the audit. Each takes the analysed sentences, finds where the text states a relation
between numbers (a fraction next to its percentage, a list introduced by «gồm», a subset after «trong đó», …) and
hands the numbers to the checking core (:mod:`ktxh.checks.relations`), which decides with the one rounding policy
of :mod:`ktxh.checks.rounding` whether the relation holds. What is left here is the reading; no tolerance is
computed in this module. Messages are in the active language (gettext).
"""

from __future__ import annotations

import itertools
import math
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from django.utils.translation import gettext as _

from ktxh.audit.claims import BELOW, Claim, Sentence, _content, body_named, body_of
from ktxh.audit.text import REF_MARK
from ktxh.audit.units import same_dimension
from ktxh.checks import measures, plausible, relations, rounding
from ktxh.checks.finding import Finding, Stated
from ktxh.numbers import format_number

# the relation of the core behind each kind of audit finding
RELATIONS = {
    "fraction_percent": "share",
    "percent_of_total": "share",
    "parts_total": "parts_sum",
    "subset_exceeds_whole": "part_of_whole",
    "percent_sum": "shares_sum",
    "same_quantity": "same_value",
    "implausible_value": "between",
    "share_denominator": "share",
    "plan_achievement": "share",
    "change_values": "change",
    "production": "production",
    "unit_label": "unit",
}

#: How sure a finding is: an ``error`` is a relation the text states that does not hold; a ``warning`` («worth a
#: look») rests on a reading that may be wrong (two labels taken for one quantity, a part read after a «;»).
SURE, WORTH_A_LOOK = "error", "warning"


def _finding(kind: str, message: str, values: list, quotes: list[str], claims: list, sure: bool = True) -> Finding:
    return Finding(
        RELATIONS[kind],
        message,
        values,
        severity=SURE if sure else WORTH_A_LOOK,
        kind=kind,
        quotes=quotes,
        claims=claims,
    )


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


def _stated(claim: Claim, factor: float | None = None) -> Stated:
    """A claim as a stated number in the unit whose factor is ``factor`` (default: its own unit); the decimals move
    with the unit (0,5 ha is 5.000 m² to the nearest 1.000 m²) so that the rounding it allows stays the same."""
    if factor is None or factor == claim.factor:
        return Stated(claim.value, claim.decimals, claim.unit or "")
    shift = round(math.log10(factor / claim.factor)) if claim.factor > 0 and factor > 0 else 0
    return Stated(claim.value * claim.factor / factor, claim.decimals + shift)


def _percent(claim: Claim) -> Stated:
    return Stated(claim.value, claim.decimals, "%")


def _sums_up(total: Claim, parts: list[Claim]) -> bool:
    return relations.parts_sum(_stated(total), [_stated(p, total.factor) for p in parts]) is None


def _shares_complete(shares: list[Claim]) -> bool:
    return relations.shares_sum([_percent(c) for c in shares]) is None


# --- X/Y, đạt Z% ------------------------------------------------------------------------------------------------

_FRACTION_LINK = re.compile(r"(?:đạt|=|bằng|\(|chiếm|tỷ lệ|tỉ lệ|,|đảm bảo|là)", re.IGNORECASE)


_LINK_WORDS = {"đạt", "bằng", "chiếm", "tỷ", "tỉ", "lệ", "là", "đảm", "bảo", "khoảng", "ước", "được", "=", "("}


def _fraction_stated(fraction) -> tuple[Stated, Stated] | None:
    """Numerator and denominator of a fraction as written (with their decimals), in the denominator's unit."""
    inside = [c for c in fraction.sentence.claims if fraction.start <= c.start < fraction.end and c.in_fraction]
    if len(inside) == 2 and inside[1].unit:
        return _stated(inside[0], inside[1].factor), _stated(inside[1])
    pieces = fraction.raw.split("/")
    if len(pieces) != 2:
        return None
    numerator, denominator = _stated_number(pieces[0]), _stated_number(pieces[1])
    return (numerator, denominator) if numerator and denominator else None


def _measured(unit: str | None) -> bool:
    """Whether a unit measures an amount that is not a count (money, area, mass, …)."""
    from ktxh.audit.units import is_amount, match_unit

    dimension = match_unit(unit, 0)[1] if unit else None
    return is_amount(dimension) and not (dimension.startswith("count:") or dimension.startswith("abbr:"))


def _fraction_link(between: str) -> bool | None:
    """How the words between a fraction and the next percentage tie them: True when the percentage is surely the
    fraction's ratio («151/158 hộ, đạt 90,4%», «12/15 thôn đạt chuẩn (80%)»); False when the clause after the last
    comma opens with a linking word and names again what the fraction counts («8/9 thôn đạt chuẩn, tỷ lệ thôn đạt
    chuẩn 98%»: perhaps its ratio); None when it names something else («9/10 tổ đạt danh hiệu, tỷ lệ hộ nghèo còn
    9,51%»: another rate) or when nothing after the last comma links them («13/14 tổ đạt văn hóa, 100% cơ quan …»:
    the percentage opens a new item)."""
    pieces = re.split(r",|\bvà\b", between.lower())  # «12/15 thôn đạt chuẩn và 95% hộ …»: «và» opens an item too
    if len(pieces) == 1:
        return True
    head, last = pieces[0], pieces[-1]
    tail = re.findall(r"[^\W\d_]+|[=(]", last)
    if not tail or tail[0] not in _LINK_WORDS:
        return None
    if all(word in _LINK_WORDS for word in tail):
        return True
    # «8/9 thôn đạt chuẩn, tỷ lệ thôn đạt chuẩn 98%» may be the fraction's ratio; «8/9 thôn đạt chuẩn, tỷ lệ trẻ
    # suy dinh dưỡng 7,2%» names nothing of the fraction: another rate
    return False if (set(_content(last)) - _LINK_WORDS) & set(_content(head)) else None


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
            if not percent.percent or percent.delta or percent.ident or percent.bound or percent.target:
                continue  # "7/12 xã có tỷ lệ dưới 5%": a threshold, not the share of the fraction
            between = text[fraction.end : percent.start]
            if re.search(r"\b(?:có|với|mà)\b", between, re.IGNORECASE) and re.search(
                r"\b(?:tỷ lệ|tỉ lệ)\b", between, re.IGNORECASE
            ):
                continue  # "7/12 xã có tỷ lệ hộ nghèo 3%": the rate of each of them
            if ";" in between or len(between.split()) > 12 or not _FRACTION_LINK.search(between):
                continue
            if any(f.start >= fraction.end and f.end <= percent.start for f in sentence.fractions if f is not fraction):
                continue
            # «5 tỷ đồng/7,95 tỷ đồng, bằng 66,7% kế hoạch»: a measured amount over another is a result over its
            # plan, so a percentage of the plan is its ratio; a count over a count («15/16 tổ») is part of a whole
            measured = _measured(fraction.unit) and not _OF_PAST_AFTER.match(text, percent.end)
            if percent.comparison and "," in between and not measured:
                continue  # "đạt 15/16 tổ, đạt 100% kế hoạch": the percentage is of the plan, not of the fraction
            link = _fraction_link(between)
            if link is None:
                continue
            actual = fraction.numerator / fraction.denominator * 100
            if relations.share(_percent(percent), fraction.numerator, fraction.denominator) is None:
                continue
            written = _fraction_stated(fraction) if _measured(fraction.unit) else None
            if written is not None and relations.ratio_stated(_percent(percent), *written) is None:
                continue  # «5 tỷ/4,7 tỷ đồng, đạt 107%»: measured amounts are rounded, and so may the ratio be
            findings.append(
                _finding(
                    "fraction_percent",
                    _("«%(fraction)s» is %(actual)s, but the text says %(stated)s.")
                    % {
                        "fraction": fraction.raw.strip(),
                        "actual": _pct(actual, max(1, percent.decimals)),
                        "stated": _pct(percent.value, percent.decimals),
                    },
                    [_v(fraction.numerator), _v(fraction.denominator), _v(percent.value), round(actual, 2)],
                    _quotes(sentence),
                    [percent],
                    # "15/16 tổ (đạt 107,1% kế hoạch)": a percentage of a plan is the fraction's share only when its
                    # denominator is the plan (648/640 người, đạt 101,2% chỉ tiêu): the text does not say which
                    sure=(not percent.comparison or measured) and link,
                )
            )
    return findings


# --- lists of parts and their total -----------------------------------------------------------------------------

_LIST_KEYWORD = re.compile(
    r"(?<![^\W\d_])(trong đó|bao gồm|gồm|chia ra|cụ thể là|chi tiết|"
    r"với(?=\s+\d[^.;:]{0,60}\svà\s+\d))(?![^\W\d_])",
    re.IGNORECASE,
)
_BULLET_START = re.compile(r"^\s*([-+•*–])\s*")
_REMAINDER = re.compile(r"\bcòn lại\b", re.IGNORECASE)
_OPEN_ENDED = re.compile(r"(\.\.\.|…|\bv\.v\b|\bvv\b|,\s*\.\.\.)|\b(như|chẳng hạn)\s*:?\s*$", re.IGNORECASE)


_SOME_OF = re.compile(r"\b(như|chẳng hạn|một số|chủ yếu|nhiều)\b", re.IGNORECASE)


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


def _names_subset(part: Claim, total: Claim) -> bool:
    """Whether ``part``'s label can name a part of ``total``: not when it is the total's name with a word put inside
    it («hộ cận nghèo» is «hộ nghèo» with «cận»: a sibling, not a part), unless the name also occurs whole
    («hộ nghèo vùng đồng bào»)."""
    whole = [w for w in total.label if w not in _HEAD_WORDS]
    words = [w for w in part.label if w not in _HEAD_WORDS]
    if len(whole) < 2 or not words:
        return True
    if any(words[i : i + len(whole)] == whole for i in range(len(words) - len(whole) + 1)):
        return True
    for start in (i for i, w in enumerate(words) if w == whole[0]):
        position, inserted = start, 0
        for w in whole[1:]:
            try:
                found = words.index(w, position + 1)
            except ValueError:
                break
            inserted += found - position - 1
            position = found
        else:
            if 0 < inserted <= 2:
                return False  # the total's name with a modifier inside it
    return True


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
    tail = text[claims[-1].end : sentence.end] if claims else text[position : sentence.end]
    open_ended = bool(_OPEN_ENDED.search(tail)) or bool(_OPEN_ENDED.search(text[sentence.start : sentence.end][-6:]))
    # «gồm các loại như trâu 200 con, bò 250 con», «chủ yếu là …», «một số …»: examples, not all the parts
    open_ended = open_ended or bool(claims and _SOME_OF.search(text, position, claims[0].start))
    return claims, open_ended


def _bullet_parts(sentence: Sentence, sentences: list[Sentence]) -> tuple[list[Claim], bool]:
    """The first number of each bulleted paragraph right after ``sentence`` (same bullet sign, up to the first
    paragraph without it); open-ended when a bullet ends with «…»."""
    parts: list[Claim] = []
    sign = None
    index = sentence.para.index
    open_ended = False
    following = [s for s in sentences if s.para.index > index and s.para.note is None]
    expected = index + 1
    for other in following:
        if other.para.index != expected:
            if other.para.index == expected - 1:
                continue  # a further sentence of the bullet already taken
            break
        bullet = _BULLET_START.match(other.para.text)
        if not bullet or (sign is not None and bullet.group(1) != sign):
            break
        sign = bullet.group(1)
        measured = [c for c in other.claims if not c.ident and not c.percent and not c.delta]
        if measured:
            parts.append(measured[0])
        open_ended = open_ended or bool(_OPEN_ENDED.search(other.text[-6:]))
        expected += 1
    return parts, open_ended


_CHANGE_THEN_BRACKET = re.compile(
    r"\b(?:tăng|giảm)\s+(?:khoảng\s+)?[\d.,]+\s*%\s*\(\s*(?:tương ứng\s+)?$", re.IGNORECASE
)


def _change_in_brackets(claim: Claim) -> bool:
    """Whether an amount is written in brackets right after a relative change («giảm 0,58% (5.240 tấn)»): it is
    the same change in the unit of the amount, never a whole that a «trong đó» could split."""
    text = claim.sentence.para.text
    return bool(_CHANGE_THEN_BRACKET.search(text[max(claim.sentence.start, claim.start - 40) : claim.start]))


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
                if position == 0 or text[sentence.start : match.start()].strip(" -+*•–:"):
                    continue
                previous = siblings[position - 1]
                before = previous.claims
                context = [previous, sentence]
            # Where are the parts: in a footnote referenced right after the keyword, or in the rest of the sentence.
            after = text[match.end() : match.end() + 4]
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
                if (
                    re.match(r"\s*(gồm|bao gồm|tổng)\b", first.text, re.IGNORECASE)
                    and region
                    and not first.text[: region[0].start - first.start].strip(" :").lower().endswith(("trong đó",))
                ):
                    lead = first.text[: region[0].start - first.start]
                    if len(lead.split()) <= 2:
                        continue
                context = [*context, first]
            else:
                region, open_ended = _parts_after(sentence, match.end())
                if (
                    region
                    and not text[match.end() : region[0].start].strip(" :,")
                    and _LIST_KEYWORD.search(text, region[0].end, sentence.end)
                ):
                    continue  # "Gồm 28.000 cây, trong đó …"
                if (
                    not region
                    and not text[match.end() : sentence.end].strip(" :.")
                    and sentence is by_para[sentence.para.index][-1]
                ):
                    # "…772 ha, trong đó:" and the parts as bullets in the next paragraphs
                    region, open_ended = _bullet_parts(sentence, sentences)
                    context = context + list({id(c.sentence): c.sentence for c in region}.values())
            parts_all = _amounts(region)
            if not parts_all:
                continue
            total = None
            for candidate in reversed(_amounts(before)):
                if _change_in_brackets(candidate):
                    continue  # «giảm 0,58% (5.240 tấn); trong đó thóc …»: the change, not the whole
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
                    gap = part.sentence.para.text[kept[-1].end : part.start]
                    if ";" in gap and (
                        not ((_tokens(part) - _HEAD_WORDS) & first_tokens) or not _names_subset(part, total)
                    ):
                        # "Hộ nghèo 10.689 hộ, trong đó …; hộ cận nghèo có 14.994 hộ": after a ";" a number whose
                        # words do not contain the total's own words (in order) is a sibling of the total
                        break
                    kept.append(part)
                parts = kept
            lists.append(PartsList(keyword, total, parts, context, open_ended, region))
    return lists


# words that split one whole into parts that cannot overlap: who manages it, sex, area, origin, ownership
_COMPLEMENTS = [
    re.compile(r"\b(trung ương|địa phương|tỉnh|huyện|xã)\s+quản lý\b|\bngân sách (trung ương|tỉnh|huyện|xã)\b"),
    # «nam» of a sex, not of a place («Việt Nam», «miền Nam», «Nam Định»)
    re.compile(r"(?<!việt )(?<!miền )(?<!hà )(?<!quảng )(?<!phía )\b(nam|nữ)\b(?! định| bộ| trực| đàn| sách)"),
    re.compile(r"\b(thành thị|nông thôn)\b"),
    re.compile(r"\b(trong nước|nước ngoài)\b"),
    re.compile(r"\b(ngoài nhà nước|nhà nước)\b"),
    re.compile(r"\b(ngoài công lập|công lập)\b"),
]


def _disjoint(parts: list[Claim]) -> bool:
    """Whether the parts after «trong đó» are named by different words of one split that cannot overlap («thu do
    tỉnh quản lý …; thu do huyện quản lý …», «nam …, nữ …»): then they cannot add up to more than their whole. Each
    part must name exactly one word of the split, in its own words (after the part before it)."""
    for pattern in _COMPLEMENTS:
        named = []
        for index, part in enumerate(parts):
            text = part.sentence.para.text
            start = parts[index - 1].end if index else max(part.sentence.start, part.start - 80)
            words = {next(g for g in m.groups() if g) for m in pattern.finditer(text[start : part.start].lower())}
            if len(words) != 1:
                break
            named.append(words.pop())
        else:
            if len(set(named)) == len(parts):
                return True
    return False


def _shares_of_total(total: Claim, parts: list[Claim], shared: list[Claim], quotes: list[str]) -> Finding | None:
    """The finding when the stated shares of ``shared`` (parts with a share) do not fit ``total`` at their rounding,
    each wrong one with the share it really is; None when they all fit."""
    wrong = [
        (p, p.base / total.base * 100)
        for p in shared
        if relations.share(_percent(p.share), p.base, total.base) is not None
    ]
    if not wrong:
        return None
    detail = "; ".join(
        _("%(part)s is %(actual)s, not %(stated)s")
        % {
            "part": p.show(),
            "actual": _pct(a, max(1, p.share.decimals)),
            "stated": _pct(p.share.value, p.share.decimals),
        }
        for p, a in wrong
    )
    values = [_v(total.value)]
    for p, a in wrong:
        values += [_v(p.value), _v(p.share.value), round(a, 2)]
    return _finding(
        "percent_of_total",
        _("The shares do not match the total %(total)s: %(detail)s.") % {"total": total.show(), "detail": detail},
        values,
        quotes,
        [total, *parts, *[p.share for p in shared]],
    )


def check_lists(sentences: list[Sentence], notes: dict[str, list[Sentence]]) -> list[Finding]:
    findings: list[Finding] = []
    for item in _find_lists(sentences, notes):
        total, parts = item.total, item.parts
        if total.bound == ">=" and item.keyword == "trong đó" and total.share is None:
            # «trên 293 tỷ đồng; trong đó … 216 tỷ đồng (chiếm 77%)»: a whole of at least 293 leaves the part at
            # most 73,7 % of it; only a share above that is wrong
            finding = _subset_share(total, parts, _quotes(*item.sentences), whole_at_least=True)
            if finding is not None:
                findings.append(finding)
            continue
        if total.bound in (">=", "~"):
            continue
        quotes = _quotes(*item.sentences)
        if item.keyword == "trong đó":
            bigger = [
                p
                for p in parts
                if p.bound != "<=" and relations.part_of_whole(_stated(p, total.factor), _stated(total)) is not None
            ]
            if bigger:
                names = ", ".join(p.show() for p in bigger)
                findings.append(
                    _finding(
                        "subset_exceeds_whole",
                        _("A part after «trong đó» is larger than the whole: %(parts)s > %(whole)s.")
                        % {"parts": names, "whole": total.show()},
                        [_v(total.value)] + [_v(p.value) for p in bigger],
                        quotes,
                        [total, *bigger],
                        sure=any(";" not in p.sentence.para.text[total.end : p.start] for p in bigger),
                    )
                )
                continue
        # "trong đó A, B, còn lại C": with its remainder a subset list names all the parts
        remainder = item.keyword == "trong đó" and len(parts) >= 2 and bool(_REMAINDER.search(parts[-1].label_text))
        exhaustive = (item.keyword == "gồm" or remainder) and not item.open_ended
        measured = [c for c in item.region_claims if not c.ident and not c.percent and not c.delta]
        mixed = any(not same_dimension(total.dimension, c.dimension) for c in measured)
        approximate = any(p.bound for p in parts)
        total_sum = sum(p.base for p in parts)
        sums_up = len(parts) >= 2 and _sums_up(total, parts)
        if exhaustive and len(parts) >= 2 and not mixed and not approximate and not sums_up:
            prefix_ok = any(_sums_up(total, parts[:k]) for k in range(2, len(parts)))
            if not prefix_ok:
                factor = total.factor
                findings.append(
                    _finding(
                        "parts_total",
                        _(
                            "The parts add up to %(sum)s %(unit)s, not to the stated total %(total)s (a gap of %(gap)s "
                            "%(unit)s)."
                        )
                        % {
                            "sum": _n(total_sum / factor, max(p.decimals for p in parts)),
                            "unit": total.unit,
                            "total": total.show(),
                            "gap": _n(abs(total_sum - total.base) / factor, max(c.decimals for c in [total, *parts])),
                        },
                        [_v(total.value), _v(total_sum / factor)] + [_v(p.base / factor) for p in parts],
                        quotes,
                        [total, *parts],
                    )
                )
                continue
        elif (
            not exhaustive
            and len(parts) >= 2
            and not approximate
            and not mixed
            and total_sum > total.base
            and not _sums_up(total, parts)
            and (item.keyword == "gồm" or _disjoint(parts))
        ):
            findings.append(
                _finding(
                    "parts_total",
                    _("The parts named add up to %(sum)s %(unit)s, more than the total %(total)s.")
                    % {"sum": _n(total_sum / total.factor, 2), "unit": total.unit, "total": total.show()},
                    [_v(total.value), _v(total_sum / total.factor)],
                    quotes,
                    [total, *parts],
                )
            )
            continue
        # Percentages of the parts: they are of this total when the parts add up to it.
        shared = [p for p in parts if p.share is not None]
        share_sum = sum(p.share.value for p in shared)
        shares_complete = len(shared) >= 2 and _shares_complete([p.share for p in shared])
        # shares that add up to well over 100 %, or parts of a total itself given as a share («893,1 nghìn ha,
        # chiếm 57,4% diện tích gieo cấy»), are each of its own whole (a region's sown area), not of this total
        parallel = total.share is not None or (len(shared) >= 2 and share_sum > 100 and not shares_complete)
        if shared and not parallel and (sums_up or (len(shared) == len(parts) and shares_complete)):
            finding = _shares_of_total(total, parts, shared, quotes)
            if finding is not None:
                findings.append(finding)
                continue
        elif item.keyword == "trong đó" and shared and not parallel:
            finding = _subset_share(total, parts, quotes)
            if finding is not None:
                findings.append(finding)
                continue
        if exhaustive and sums_up and len(shared) == len(parts) >= 2 and not shares_complete:
            findings.append(
                _finding(
                    "percent_sum",
                    _("The parts add up to the total %(total)s but their shares add up to %(sum)s (it must be 100%%).")
                    % {"total": total.show(), "sum": _pct(share_sum, 1)},
                    [_v(share_sum)] + [_v(p.share.value) for p in shared],
                    quotes,
                    [p.share for p in shared],
                )
            )
    return findings


_SHARE_OF_LINK = re.compile(r"[,\s]*(?:chiếm(?:\s+tỷ lệ|\s+tỉ lệ)?|\(|=|tỷ lệ|tỉ lệ)\s*$", re.IGNORECASE)
# what may follow the share of a part and still leave its whole the total: nothing, or «(của) tổng số …»
_SHARE_OF_TOTAL_AFTER = re.compile(r"\s*(?:[,;.)]|$|(?:so với |trên |của )?tổng(?: số)?\b)", re.IGNORECASE)


def _subset_share(total: Claim, parts: list[Claim], quotes: list[str], whole_at_least: bool = False) -> Finding | None:
    """«Toàn xã có 1.200 hộ, trong đó hộ nghèo 60 hộ, chiếm 6%»: the share said of a part after «trong đó» is of
    the total before it. Not when the share is written «bằng …» (a comparison), nor when it holds against an
    earlier part of the list («3.000 người trong độ tuổi lao động, có việc làm 2.700 người, chiếm 90%»: of the
    former). Sure when nothing after the share names another whole; worth a look when it does («chiếm 30% dân
    số»). ``whole_at_least``: the total is a lower bound («trên 293 tỷ đồng»), so part / total is the highest the
    share can be and only a stated share above it is wrong."""
    for index, part in enumerate(parts):
        share = part.share
        if share is None or share.bound or share.comparison or part.bound or share.value > 100:
            continue
        text = part.sentence.para.text
        if not _SHARE_OF_LINK.search(text[part.end : share.start].replace(REF_MARK, " ")):
            continue
        if relations.share(_percent(share), part.base, total.base) is None:
            continue
        if whole_at_least and share.value <= part.base / total.base * 100:
            continue  # a larger whole gives a smaller share: this one may be right
        if any(
            relations.share(_percent(share), part.base, p.base) is None for p in parts[:index] if p.base > part.base
        ):
            continue
        actual = part.base / total.base * 100
        sure = bool(_SHARE_OF_TOTAL_AFTER.match(text, share.end))
        return _finding(
            "percent_of_total",
            _("The shares do not match the total %(total)s: %(detail)s.")
            % {
                "total": total.show(),
                "detail": (
                    _("%(part)s is at most %(actual)s (the total is at least %(whole)s), not %(stated)s")
                    if whole_at_least
                    else _("%(part)s is %(actual)s, not %(stated)s")
                )
                % {
                    "whole": total.show(),
                    "part": part.show(),
                    "actual": _pct(actual, max(1, share.decimals)),
                    "stated": _pct(share.value, share.decimals),
                },
            },
            [_v(total.value), _v(part.value), _v(share.value), round(actual, 2)],
            quotes,
            [total, part, share],
            sure=sure,
        )
    return None


# --- a figure and its breakdown in parentheses -----------------------------------------------------------------

_BRACKET_NOT_PARTS = re.compile(
    r"\b(so với|so|tăng|giảm|vượt|trong đó|bằng|đạt|chiếm|năm|tháng|lũy kế|luỹ kế)\b|[%/=]", re.IGNORECASE
)


def check_bracketed_parts(sentences: list[Sentence]) -> list[Finding]:
    """«Tổng đàn trâu, bò 1.095 con (bò 970 con, trâu 125 con)»: amounts of the same kind, each after its name, in
    parentheses right after an amount, are its parts. They cannot add up to more than it (sure); when they add up
    to less, a part may have been left out (worth a look). Parentheses that compare, change, date or count a share
    («(cùng kỳ 1.000 con)», «(tăng 50 con)», «(15%)») are no breakdown, nor a list with an unnamed item."""
    findings = []
    for sentence in sentences:
        text = sentence.para.text
        for total in sentence.claims:
            if not total.amount or total.bound:
                continue
            opening = re.match(r"\s*\(", text[total.end : total.end + 4].replace(REF_MARK, " "))
            if not opening:
                continue
            start = total.end + opening.end()
            close = text.find(")", start, min(sentence.end, start + 240))
            if close < 0 or "(" in text[start:close]:
                continue
            inside = text[start:close]
            parts = [c for c in sentence.claims if start <= c.start < close]
            if len(parts) < 2 or _BRACKET_NOT_PARTS.search(inside) or _NOT_THE_SAME.search(inside):
                continue
            if any(not p.amount or p.bound or not same_dimension(total.dimension, p.dimension) for p in parts):
                continue
            gaps = [text[start : parts[0].start]] + [text[a.end : b.start] for a, b in itertools.pairwise(parts)]
            if not all(re.search(r"[^\W\d_]{2,}", gap) for gap in gaps):
                continue  # «(970 con, 125 con)»: items without a name
            if re.search(r"[^\W\d_]{2,}", text[parts[-1].end : close]):
                continue  # «(bò 970 con, trâu 125 con và các loại khác)»: words after the last amount
            names = [set(_content(gap)) - _HEAD_WORDS for gap in gaps]
            if any(a and b and a < b for a in names for b in names):
                continue  # «(đàn lợn 1.000 con, lợn nái 200 con)»: one a part of another
            if _sums_up(total, parts):
                continue
            total_sum = sum(p.base for p in parts)
            factor = total.factor
            decimals = max(c.decimals for c in [total, *parts])
            findings.append(
                _finding(
                    "parts_total",
                    _(
                        "The parts in parentheses after %(total)s add up to %(sum)s %(unit)s (a gap of %(gap)s "
                        "%(unit)s)."
                    )
                    % {
                        "total": total.show(),
                        "sum": _n(total_sum / factor, decimals),
                        "unit": total.unit,
                        "gap": _n(abs(total_sum - total.base) / factor, decimals),
                    },
                    [_v(total.value), _v(total_sum / factor)] + [_v(p.base / factor) for p in parts],
                    _quotes(sentence),
                    [total, *parts],
                    sure=total_sum > total.base,
                )
            )
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
            gap = text[total.end : total.end + 3]
            stripped = gap.lstrip(" ")
            if not stripped.startswith(REF_MARK):
                continue
            note = notes.get(refs.get(total.end + len(gap) - len(stripped), ""))
            if not note:
                continue
            claims = [c for s in note for c in s.claims]
            note_text = " ".join(s.text for s in note)
            amounts = [c for c in claims if c.amount]
            others = [
                c
                for c in claims
                if not c.ident
                and not c.amount
                and c.dimension
                and not c.percent
                and c.dimension != "yield"
                and not c.dimension.startswith("rate:")
            ]
            parts = [c for c in amounts if same_dimension(total.dimension, c.dimension)]
            if len(parts) < 2 or len(parts) != len(amounts) or others:
                continue
            if _LIST_KEYWORD.search(note_text) or _OPEN_ENDED.search(note_text) or _NOT_THE_SAME.search(note_text):
                continue
            if any(p.bound or p.delta or p.base >= total.base for p in parts):
                continue
            total_sum = sum(p.base for p in parts)
            if _sums_up(total, parts) or abs(total_sum - total.base) > 0.2 * total.base:
                continue  # adds up; or so far off that the footnote is no breakdown of this figure
            factor = total.factor
            decimals = max(c.decimals for c in [total, *parts])
            gap_text = _n(abs(total_sum - total.base) / factor, decimals)
            findings.append(
                _finding(
                    "parts_total",
                    _(
                        "The footnote of %(total)s splits it into parts that add up to %(sum)s %(unit)s (a gap of "
                        "%(gap)s %(unit)s)."
                    )
                    % {
                        "total": total.show(),
                        "sum": _n(total_sum / factor, decimals),
                        "unit": total.unit,
                        "gap": gap_text,
                    },
                    [_v(total.value), _v(total_sum / factor)] + [_v(p.base / factor) for p in parts],
                    _quotes(sentence, *note),
                    [total, *parts],
                )
            )
    return findings


# --- percentages of a structure ---------------------------------------------------------------------------------

_STRUCTURE = re.compile(r"\b(cơ cấu|tỷ trọng|tỉ trọng)\b", re.IGNORECASE)


def check_structure(sentences: list[Sentence]) -> list[Finding]:
    findings = []
    for sentence in sentences:
        match = _STRUCTURE.search(sentence.para.text, sentence.start, sentence.end)
        if not match:
            continue
        shares = [
            c
            for c in sentence.claims
            if c.start > match.end()
            and c.percent
            and not c.delta
            and not c.target
            and c.high is None
            and not c.comparison
            and not c.ident
            and c.bound is None
            # «nông nghiệp 40% (năm 2020 là 45%)»: an aside of another year
            and not _in_parentheses(sentence.para.text, match.end(), c.start)
        ]
        if len(shares) < 2:
            continue
        between = sentence.para.text[match.end() : shares[0].start]
        if re.search(r"\b(tăng|giảm|chuyển dịch|so)\b", between, re.IGNORECASE):
            continue
        if re.search(r"\b(như|chẳng hạn|một số)\b", between, re.IGNORECASE) or _OPEN_ENDED.search(
            sentence.para.text[shares[-1].end : shares[-1].end + 8]
        ):
            continue  # «Cơ cấu GTSX như: …», «…, dịch vụ 30%…»: some of the parts only
        if any(_shares_complete(shares[:k]) for k in range(2, len(shares) + 1)):
            continue
        total = sum(c.value for c in shares)
        findings.append(
            _finding(
                "percent_sum",
                _("The shares of the structure add up to %(sum)s, not 100%%.") % {"sum": _pct(total, 1)},
                [_v(total)] + [_v(c.value) for c in shares],
                _quotes(sentence),
                shares,
                # shares of all the parts cannot exceed 100 %; short of it, a part may be left out (the product
                # taxes of a GRDP structure are often not written)
                sure=total > 100,
            )
        )
    return findings


def _in_parentheses(text: str, start: int, position: int) -> bool:
    """Whether ``position`` is inside parentheses opened after ``start``."""
    return text.count("(", start, position) > text.count(")", start, position)


_PARTITION_GAP = re.compile(r"\s*[,;]\s*((?:[^\W\d_]+[\s\-]*){1,4}?)\s*(?:chiếm\s*)?$")
_NOT_A_CATEGORY = re.compile(r"\b(tỷ lệ|tỉ lệ|tăng|giảm|so|trong đó|vượt|bình quân|năm|tháng|quý)\b", re.IGNORECASE)


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
            usable = not (
                claim.delta
                or claim.comparison
                or claim.ident
                or claim.bound
                or claim.high is not None
                or claim.value > 100
            )
            if not usable:
                runs.append([])
                continue
            if runs and runs[-1]:
                gap = _PARTITION_GAP.fullmatch(text[runs[-1][-1].end : claim.start])
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
            if any(_shares_complete(run[:k]) for k in range(2, len(run) + 1)):
                continue
            grades = {
                " ".join(_PARTITION_GAP.fullmatch(text[a.end : b.start]).group(1).lower().split())
                for a, b in itertools.pairwise(run)
            }
            findings.append(
                _finding(
                    "percent_sum",
                    _("The shares of one whole split into %(count)d parts add up to %(sum)s, not 100%%.")
                    % {"count": len(run), "sum": _pct(total, max(c.decimals for c in run))},
                    [_v(total)] + [_v(c.value) for c in run],
                    _quotes(sentence),
                    run,
                    # sure only for a grading (its grades are one whole) that goes over 100 %: short of it a grade
                    # may be left out, and other items («Xuân Sơn 35%, Tân Sơn 40%, …») may be rates of their own
                    sure=total > 100 and len(grades & _GRADES) >= 2,
                )
            )
    return findings


# the grades of Vietnamese school and work assessments: the categories of one whole
_GRADES = {
    "giỏi",
    "khá",
    "trung bình",
    "yếu",
    "kém",
    "tốt",
    "xuất sắc",
    "đạt",
    "chưa đạt",
    "hoàn thành",
    "chưa hoàn thành",
}


# --- the same quantity stated twice -----------------------------------------------------------------------------

_NOT_THE_SAME = re.compile(
    r"\b(giao|kế hoạch|kh|dự toán|chỉ tiêu|mục tiêu|phấn đấu|cùng kỳ|năm trước|bình quân|"
    r"mỗi|một|trung bình|tối đa|tối thiểu|dự kiến|định mức)\b",
    re.IGNORECASE,
)
_GENERIC = {
    "tổng",
    "diện",
    "tích",
    "số",
    "lượng",
    "kinh",
    "phí",
    "giá",
    "trị",
    "quy",
    "mô",
    "dự",
    "án",
    "công",
    "trình",
    "tiền",
    "vốn",
    "đầu",
    "tư",
    "năm",
    "đạt",
    "ước",
    "được",
    "thực",
    "hiện",
    "kết",
    "quả",
    "tiến",
    "hành",
    "xong",
    "toàn",
    "bộ",
    "cộng",
    "khoảng",
    "mới",
}
_BULLET = re.compile(r"^\s*(?:[-+•*–]|[a-zđ]\)|\d+\))\s*\**([^:]{2,80}?)\**\s*:")


def _subject(sentence: Sentence) -> str | None:
    match = _BULLET.match(sentence.para.text)
    return " ".join(match.group(1).lower().split()) if match else None


def _callers(sentences: list[Sentence]) -> dict[str, tuple[str, ...]]:
    """What each footnote breaks down: the words of the figure whose reference mark calls it (the label of the
    number right before the mark, else the words before the mark in its sentence). A number in a footnote is a part
    of that figure: «Dự án A 125 hộ» in the footnote of the households to inventory and «Dự án A 1 hộ» in the
    footnote of the households not yet paid are two quantities, not one stated twice."""
    callers: dict[str, tuple[str, ...]] = {}
    for sentence in sentences:
        if sentence.para.note is not None:
            continue
        for offset, number in sentence.para.refs:
            if not sentence.start <= offset <= sentence.end:
                continue
            before = [c for c in sentence.claims if c.end <= offset and not c.ident]
            words = (
                before[-1].label
                if before and before[-1].label
                else tuple(_content(sentence.para.text[sentence.start : offset])[-8:])
            )
            callers.setdefault(number, words)
    return callers


def _caller(claim: Claim, callers: dict[str, tuple[str, ...]]) -> tuple[str, ...] | None:
    note = claim.sentence.para.note
    return None if note is None else callers.get(note, (note,))


def _strict_key(claim: Claim, callers: dict[str, tuple[str, ...]]) -> tuple | None:
    label = claim.label
    if len(label) < 2 or not set(label) - _GENERIC or _NOT_THE_SAME.search(claim.label_text):
        return None
    return (
        label,
        claim.dimension,
        claim.sentence.plan,
        claim.season,
        _subject(claim.sentence),
        _caller(claim, callers),
    )


# Words that place a quantity («của xã», «trên địa bàn», «nhà nước», «năm 2024», «theo số liệu kiểm kê») or say who
# reports it («xã thực hiện») without changing what it is.
_SCOPE = re.compile(
    r"\b(?:của|toàn|cả)\s+(?:xã|phường|thị trấn|huyện|tỉnh)\b|\btrên địa bàn\b|\bnhà nước\b|"
    r"\btheo (?:số liệu|kết quả)[^,;:]*|\b(?:xã|phường|thị trấn)\s+(?:thực hiện|đạt)\b|"
    r"\b(?:năm|đến|tính đến)\s+(?:19|20)\d\d\b",
    re.IGNORECASE,
)
_LOOSE_FILLER = _GENERIC | {"ước", "tính", "cả", "hiện", "nay"}
_NAME = re.compile(r"(?<=[\w,)]\s)[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈÍÌÓÒÚÙÝ][a-zà-ỹđ]+")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def _names(text: str) -> set[str]:
    """Proper names in a label (capitalised words not opening it): «xã Tân Lập», «Trường Kim Đồng»."""
    return set(_NAME.findall(text))


_AREA_WORDS = re.compile(r"\bdiện tích\b", re.IGNORECASE)


def _loose_key(claim: Claim, callers: dict[str, tuple[str, ...]]) -> tuple | None:
    """What a quantity is, whatever the wording: the words of its label less those that only place it (scope) or
    are generic («tổng», «diện tích», «ước đạt»); for an area «đất» says nothing («diện tích đất tự nhiên»). A
    label after proper names and a comma keeps only its last clause («xã A, B và C, có tổng diện tích tự nhiên»);
    an empty one in a bulleted line («- Thu ngân sách: huyện giao …, xã thực hiện N») takes the bullet's subject.
    «diện» is generic only in «diện tích»: «trong diện khám tuyển» (eligible) is not «đã khám tuyển» (examined).
    A number in a footnote is of the figure that calls the footnote (:func:`_callers`)."""
    text = claim.label_text
    if not text or _NOT_THE_SAME.search(text) or re.search(r"(?:\b(?:và|hoặc|với|cùng)|[,;+])\s*$", text):
        return None
    if not claim.label:
        # an item after another number: only a clause of its own («…, có tổng diện tích N») or, in a bulleted
        # line, one that only says who reports the bullet's subject («…, xã thực hiện N»)
        tail = text.rsplit(",", 1)[-1] if "," in text else ""
        own_clause = re.match(r"\s*(?:có|với)\b", tail)
        reporter = (
            _subject(claim.sentence) and tail.strip() and not set(_content(_SCOPE.sub(" ", tail))) - _LOOSE_FILLER
        )
        if not (own_clause or reporter):
            return None
        text = tail
    elif "," in text and _names(text.rsplit(",", 1)[0]):
        text = text.rsplit(",", 1)[-1]
    words = set(_content(_SCOPE.sub(" ", _AREA_WORDS.sub(" ", text)))) - (_LOOSE_FILLER - {"diện"})
    if claim.dimension == "area":
        words.discard("đất")
    subject = _subject(claim.sentence)
    if not words and subject and len(text.split()) <= 4 and not _NOT_THE_SAME.search(subject):
        words = set(_content(_SCOPE.sub(" ", _AREA_WORDS.sub(" ", subject)))) - (_LOOSE_FILLER - {"diện"})
        subject = None
    if len(words) < 2:
        return None
    return (frozenset(words), claim.dimension, claim.sentence.plan, claim.season, subject, _caller(claim, callers))


def check_repeated(sentences: list[Sentence]) -> list[Finding]:
    """The same quantity given two values in two paragraphs: first where the labels are the same words, then where
    they are the same once the words that only place or qualify a figure are dropped (:func:`_loose_key`)."""
    findings: list[Finding] = []
    used: set[int] = set()
    callers = _callers(sentences)
    for key_of in (_strict_key, _loose_key):
        groups: dict[tuple, list[Claim]] = {}
        for sentence in sentences:
            for claim in sentence.claims:
                if not claim.amount or id(claim) in used:
                    continue
                key = key_of(claim, callers)
                if key is not None:
                    groups.setdefault(key, []).append(claim)
        for claims in groups.values():
            if len(claims) < 2:
                continue
            claims = _representatives(claims)
            pairs = []
            for i, a in enumerate(claims):
                for b in claims[i + 1 :]:
                    if a.sentence.para.index == b.sentence.para.index:
                        continue
                    if relations.same_value(_stated(a, a.factor), _stated(b, a.factor)) is None:
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
                    (times_a, body_a), (times_b, body_b) = _setting(a), _setting(b)
                    below = body_a.startswith("below") or body_b.startswith("below")
                    if (times_a and times_b and times_a != times_b) or (
                        body_a != body_b and (below or (body_a and body_b))
                    ):
                        continue  # «Tháng 6, …» and «Đến tháng 12, …»; «Thôn Đông: tổng đàn lợn …» and the commune's
                    pairs.append((a, b))
            if not pairs:
                continue
            a, b = pairs[0]
            used.update(id(c) for c in claims)
            what = " ".join(a.label_text.split()[-8:]) if a.label_text.strip() else (_subject(a.sentence) or "")
            findings.append(
                _finding(
                    "same_quantity",
                    _("The same quantity («%(what)s») is given two different values: %(a)s and %(b)s.")
                    % {"what": what, "a": a.show(), "b": b.show()},
                    [_v(a.value), _v(b.value)],
                    _quotes(a.sentence, b.sentence),
                    [a, b],
                    sure=key_of is _strict_key,
                )
            )
    return findings


_TIME = re.compile(
    r"\b(?:\d+|sáu|chín)\s+tháng(?:\s+(?:đầu|cuối)\s+năm)?|\btháng\s+\d+|\bquý\s+(?:[IV]+|\d)\b|\bcả\s+năm\b|"
    r"\b(?:đầu|cuối)\s+năm\b|\bnăm\s+(?:19|20)\d\d\b|\bvụ\s+[^\W\d_]+",
    re.IGNORECASE,
)


def _setting(claim: Claim) -> tuple[frozenset[str], str]:
    """When and of what body the sentence of ``claim`` says it is, before it: the periods it names («6 tháng đầu
    năm», «tháng 12», «năm 2024») and the body below the commune its paragraph opens with («Thôn Đông: …») or the
    body it names («toàn huyện»). Two figures of different periods or bodies are two quantities."""
    text = claim.sentence.para.text
    before = text[claim.sentence.start : claim.start]
    times = frozenset(" ".join(m.group(0).lower().split()) for m in _TIME.finditer(before))
    below = BELOW.match(text)
    body = "below " + " ".join(below.group(0).lower().split()) if below else body_of(before)
    return times, body


MAX_REPRESENTATIVES = 24


def _representatives(claims: list[Claim]) -> list[Claim]:
    """The claims of one group that can make different pairs: one per way of writing (value, decimals, bound, years
    and names of the label), in at most two paragraphs, and at most :data:`MAX_REPRESENTATIVES` of them, so that a
    text repeating one sentence thousands of times costs linear time, not a comparison of every pair."""
    seen: dict[tuple, list[int]] = {}
    kept: list[Claim] = []
    for claim in claims:
        key = (
            claim.value,
            claim.decimals,
            claim.bound,
            frozenset(_YEAR.findall(claim.label_text)),
            frozenset(_names(claim.label_text)),
        )
        paragraphs = seen.setdefault(key, [])
        if len(paragraphs) >= 2 or claim.sentence.para.index in paragraphs:
            continue
        paragraphs.append(claim.sentence.para.index)
        kept.append(claim)
        if len(kept) >= MAX_REPRESENTATIVES:
            break
    return kept


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


@lru_cache(maxsize=256)
def _words_pattern(words: tuple[str, ...]) -> re.Pattern:
    return re.compile(r"(?<![^\W\d_])(?:" + "|".join(re.escape(w.lower()) for w in words) + r")(?![^\W\d_])")


def _crop_bound(context: str, unit: str) -> plausible.Bound | None:
    """The plausibility bound of the crop the words before a yield name (``data/checks/plausible.csv``); when they
    name several, the loosest of them (the lowest low, the highest high); when none, the row without words."""
    lower = context.lower()
    bounds = plausible.for_unit(unit)
    found = [b for b in bounds if b.words and _words_pattern(tuple(b.words)).search(lower)]
    if not found:
        return next((b for b in bounds if not b.words), None)
    if len(found) == 1:
        return found[0]
    highest = max(found, key=lambda b: b.high if b.high is not None else Decimal("Infinity"))
    lows = [b.low for b in found]
    low = None if any(x is None for x in lows) else min(lows)
    return plausible.Bound(highest.code, highest.name, highest.words, (), low, highest.high, unit)


def _rate_bound() -> plausible.Bound | None:
    return next((b for b in plausible.for_unit("%") if b.words), None)


_SHARE_BEFORE = re.compile(r"(?:=|chiếm)\s*$", re.IGNORECASE)
_RATE_LABEL = re.compile(r"^\s*(?:tỷ lệ|tỉ lệ)\b", re.IGNORECASE)
_RATE_EXCUSES = re.compile(
    r"\b(giao|kế hoạch|kh|dự toán|chỉ tiêu|mục tiêu|nghị quyết|so|cùng kỳ|tăng|giảm|vượt|"
    r"bằng|tăng trưởng|phát triển)\b",
    re.IGNORECASE,
)


_CHIEM_BEFORE = re.compile(r"\bchiếm\s*(?:khoảng\s*)?$", re.IGNORECASE)
ACHIEVEMENT_CEILING = 150  # a result over its plan or an estimate rarely reaches this; a share never passes 100


def _after_fraction(sentence: Sentence, claim: Claim) -> bool:
    """Whether the percentage is written right after a fraction («971/876 = 110,8%», «15/16 (93,8%)»): then it is
    the fraction's ratio, which may exceed 100 % (a result over its plan), and :func:`check_fractions` checks it."""
    text = sentence.para.text
    return any(
        f.end <= claim.start and re.fullmatch(r"[\s=(,:]*(?:(?:đạt|bằng|tỷ lệ|tỉ lệ)\s*)?", text[f.end : claim.start])
        for f in sentence.fractions
    )


def _surely_a_share(text: str, sentence: Sentence, claim: Claim) -> bool:
    """A percentage above 100 is surely wrong when the text says it is a part of a whole («chiếm 118,5% tổng diện
    tích») or when it is far above what a result over its plan reaches (:data:`ACHIEVEMENT_CEILING`). A rate
    written «= 104,5%» or «tỷ lệ … đạt 101,5%» may be one measured against an estimate or a plan (vaccination and
    enrolment against the estimated population, a result against a target whose «kế hoạch» was left unwritten), so
    it is only worth a look."""
    before = text[max(sentence.start, claim.start - 12) : claim.start]
    return bool(_CHIEM_BEFORE.search(before)) or claim.value > ACHIEVEMENT_CEILING


def check_implausible(sentences: list[Sentence]) -> list[Finding]:
    findings = []
    for sentence in sentences:
        text = sentence.para.text
        previous_end = sentence.start
        for claim in sentence.claims:
            if claim.dimension == "yield" and not claim.ident:
                start = max(previous_end, text.rfind(";", sentence.start, claim.start) + 1)
                context = text[start : claim.start]
                if not re.search(r"[^\W\d_]", context.replace("năng suất", "")):
                    context = text[sentence.start : claim.start]
                previous_end = claim.end
                unit = "tạ/ha"
                bound = _crop_bound(context, unit)
                if bound is None:
                    continue
                scale = claim.factor / float(measures.measures()[unit].factor)
                lowest, highest = claim.value * scale, max(claim.value, claim.high or claim.value) * scale
                shift = round(math.log10(scale)) if scale > 0 else 0
                decimals = max(0, claim.decimals - shift)
                wrong = relations.plausible_stated(
                    Stated(highest, decimals), None, bound.high
                ) or relations.plausible_stated(Stated(lowest, decimals), bound.low, None)
                if wrong is not None:
                    hint = ""
                    if claim.unit == "tấn/ha" and relations.between(claim.value, bound.low, bound.high) is None:
                        hint = " " + _("Perhaps %(value)s tạ/ha?") % {"value": _n(claim.value, claim.decimals)}
                    what = bound.name if bound.words else _("a crop")
                    value = highest if highest > float(bound.high or 0) else lowest
                    findings.append(
                        _finding(
                            "implausible_value",
                            _(
                                "The yield of %(crop)s %(value)s (= %(converted)s %(unit)s) is implausible (plausible: "
                                "%(low)s – %(high)s %(unit)s).%(hint)s"
                            )
                            % {
                                "crop": what,
                                "value": claim.show(),
                                "converted": _n(value, 1),
                                "unit": unit,
                                "low": _n(float(bound.low)) if bound.low is not None else "…",
                                "high": _n(float(bound.high)) if bound.high is not None else "…",
                                "hint": hint,
                            },
                            [_v(claim.value), _v(value)],
                            _quotes(sentence),
                            [claim],
                            # a crop named before it in the sentence; else the crop may be named in a heading
                            # above (sugar cane, mushrooms, shrimp ponds yield far more than a grain)
                            sure=bool(bound.words),
                        )
                    )
                continue
            rate = _rate_bound()
            if (
                claim.percent
                and rate is not None
                and not claim.delta
                and not claim.comparison
                and not claim.ident
                and relations.plausible_stated(_percent(claim), rate.low, rate.high) is not None
            ):
                before = text[max(sentence.start, claim.start - 12) : claim.start]
                clause_start = max(
                    text.rfind(";", sentence.start, claim.start),
                    text.rfind(",", sentence.start, claim.start),
                    sentence.start,
                )
                clause = text[clause_start : claim.end + 25]
                if _after_fraction(sentence, claim):
                    continue  # «971/876 = 110,8%»: the ratio of a result to its plan (check_fractions)
                is_share = bool(_SHARE_BEFORE.search(before)) or any(c.share is claim for c in sentence.claims)
                is_rate = bool(_RATE_LABEL.match(claim.label_text)) and not _RATE_EXCUSES.search(
                    text[sentence.start : claim.end + 25]
                )
                if (is_share and not _RATE_EXCUSES.search(clause)) or is_rate:
                    findings.append(
                        _finding(
                            "implausible_value",
                            _("A share of %(value)s is part of a whole, so it cannot exceed %(high)s%%.")
                            % {"value": _pct(claim.value, claim.decimals), "high": _n(float(rate.high))},
                            [_v(claim.value)],
                            _quotes(sentence),
                            [claim],
                            sure=_surely_a_share(text, sentence, claim),
                        )
                    )
    return findings


# --- «X người, chiếm P%; Y người, chiếm Q%» after the whole they add up to -----------------------------------

_PEOPLE = {"người", "nhân khẩu", "khẩu"}


def _counts_alike(a: str | None, b: str | None) -> bool:
    """Same dimension, or both a count of people (a population in «nhân khẩu» split into groups of «người»)."""
    if same_dimension(a, b):
        return True
    kinds = {d.split(":", 1)[1] for d in (a, b) if d and d.startswith("count:")}
    return len(kinds) == 2 and kinds <= _PEOPLE


def check_share_breakdown(sentences: list[Sentence], used: set[int]) -> list[Finding]:
    """«Xã có 3.427 nhân khẩu. Cơ cấu dân tộc: Thái 3.395 người, chiếm 99,09%; Mường 28 người, chiếm 0,8%; …»: parts,
    each with its share, that add up exactly to an amount written before them in the paragraph, with shares that
    add up to 100 %, are that amount split; so each share is of it and must be part / whole. No keyword («gồm»,
    «trong đó») is needed: the two sums tie the numbers. Parts already checked by another check are left to it."""
    findings = []
    for sentence in sentences:
        if sentence.plan:
            continue
        parts = [
            c
            for c in sentence.claims
            if c.amount
            and c.share is not None
            and not c.bound
            and not c.share.bound
            and not c.share.comparison
            and c.share.value <= 100
            and id(c) not in used
        ]
        if len(parts) < 2 or not all(same_dimension(parts[0].dimension, p.dimension) for p in parts):
            continue
        if not _shares_complete([p.share for p in parts]):
            continue
        earlier = [
            c
            for other in sentences
            if other.para.index == sentence.para.index and other.number <= sentence.number and not other.plan
            for c in other.claims
            if c.amount and not c.bound and (other.number < sentence.number or c.end <= parts[0].start)
        ]
        total = next(
            (
                c
                for c in reversed(earlier)
                if _counts_alike(c.dimension, parts[0].dimension) and c.share is None and _sums_up(c, parts)
            ),
            None,
        )
        if total is None:
            continue
        finding = _shares_of_total(total, parts, parts, _quotes(total.sentence, sentence))
        if finding is not None:
            findings.append(finding)
    return findings


# --- "N hộ = P%": the whole they imply --------------------------------------------------------------------------

POPULATION_UNITS = {"hộ", "người", "nhân khẩu", "lao động"}


_OTHER_TIME = re.compile(
    r"\b(cùng kỳ|năm trước|kỳ trước|đầu năm|đầu kỳ|kế hoạch|giao|chỉ tiêu|mục tiêu|phấn đấu|"
    r"dự kiến)\b",
    re.IGNORECASE,
)


# those who left a group during the period: their share is of the group at its start, another whole
_OUT_OF = re.compile(r"\b(?:thoát nghèo|thoát cận nghèo|thoát khỏi|ra khỏi)\b", re.IGNORECASE)


def check_denominators(sentences: list[Sentence], used: set[int]) -> list[Finding]:
    groups: dict[tuple, list[Claim]] = {}
    for sentence in sentences:
        if sentence.plan:
            continue
        for claim in sentence.claims:
            share = claim.share
            if (
                share is None
                or id(claim) in used
                or id(share) in used
                or share.value <= 0
                or claim.bound
                or share.bound
                or share.value > 100
            ):
                continue
            if _OTHER_TIME.search(claim.label_text):
                continue  # "(cùng kỳ 65 hộ, tỷ lệ 2,48%)": a share of last year's whole
            if _OUT_OF.search(claim.label_text):
                continue  # "6.256 hộ thoát nghèo (tỷ lệ 19,84%)": a share of the poor at the start, not of all
            if re.search(r"\bbằng\b", sentence.para.text[claim.end : share.start], re.IGNORECASE):
                continue  # "384,4 nghìn ha, bằng 97,4% [cùng kỳ]": a comparison, not a share of a whole
            after = sentence.para.text[share.end : share.end + 30].lower()
            whole = None
            match = re.match(
                r"\s*(?:so với |trên |của )?(tổng số [^\W\d_]+(?: [^\W\d_]+)?|dân số|tổng [^\W\d_]+|"
                r"số [^\W\d_]+(?: [^\W\d_]+)?)",
                after,
            )
            if match:
                whole = match.group(1)
            unit = claim.unit or ""
            scope = None if unit in POPULATION_UNITS else sentence.para.index
            # shares of amounts of different bodies are shares of different wholes: «cả nước thu hoạch 893,1 nghìn
            # ha, chiếm 57,4%; … các địa phương phía Nam thu hoạch 279 nghìn ha, chiếm 52,3%» (of the South's area)
            groups.setdefault((unit, whole, scope), []).append(claim)
    findings = []
    for (unit, _whole, _scope), group in groups.items():
        if len(group) < 2 or not unit:
            continue
        for claims in _by_body(group):
            findings += _share_denominator(unit, claims)
    return findings


# a part of a province or district named by its terrain or settlement («khu vực miền núi», «vùng đồng bằng»)
_ZONE = re.compile(
    r"\b(?:khu vực|vùng|miền|địa bàn)\s+(?:miền núi|núi cao|vùng cao|đồng bằng|trung du|ven biển|thành thị|"
    r"nông thôn|đô thị|biên giới|bãi ngang|đặc biệt khó khăn)\b",
    re.IGNORECASE,
)


def _body_before(claim: Claim) -> str:
    """The body the words before a claim in its sentence name last: a level of :func:`body_named` or a zone."""
    start = max(claim.sentence.start, claim.start - 300)
    before = claim.sentence.para.text[start : claim.start]
    zones = list(_ZONE.finditer(before))
    named = body_named(before)
    if zones and (not named or before.lower().rfind(named) < zones[-1].start()):
        return " ".join(zones[-1].group(0).lower().split())
    return named


def _by_body(claims: list[Claim]) -> list[list[Claim]]:
    """Claims of one group split by the body their sentence names («cả nước», «các địa phương phía nam», «khu vực
    miền núi»): shares of amounts of different bodies are shares of different wholes. A claim whose sentence names
    no body is of the body named last before it in its paragraph (the text goes on about it); with none there, it
    goes with each."""
    named: dict[str, list[Claim]] = {}
    unnamed = []
    ordered = sorted(claims, key=lambda c: (c.sentence.number, c.start))
    last: tuple[int, str] | None = None
    for claim in ordered:
        body = _body_before(claim)
        if not body and last is not None and last[0] == claim.sentence.para.index:
            body = last[1]
        if body:
            last = (claim.sentence.para.index, body)
        (named.setdefault(body, []) if body else unnamed).append(claim)
    if len(named) <= 1:
        return [claims]
    return [sorted(group + unnamed, key=lambda c: (c.sentence.number, c.start)) for group in named.values()]


def _share_denominator(unit: str, claims: list[Claim]) -> list[Finding]:
    """Two shares of a group imply two different totals (worth a look: the two may be of different wholes)."""
    findings: list[Finding] = []
    if len(claims) >= 2:
        intervals = []
        for claim in claims:
            # the share computed from the whole may be any value the stated one is rounded from
            low_share, high_share = rounding.rounded_interval(Decimal(repr(claim.share.value)), claim.share.decimals)
            high_pct, low_pct = float(high_share), max(float(low_share), 1e-9)
            intervals.append((claim.value * 100 / high_pct, claim.value * 100 / low_pct, claim))
        lowest_high = min(intervals, key=lambda x: x[1])
        highest_low = max(intervals, key=lambda x: x[0])
        if highest_low[0] <= lowest_high[1]:
            return findings  # all can be shares of one whole
        a, b = lowest_high[2], highest_low[2]
        da, db = a.value * 100 / a.share.value, b.value * 100 / b.share.value
        findings.append(
            _finding(
                "share_denominator",
                _(
                    "Two shares imply two different totals: %(a)s = %(pa)s → a total of about %(ta)s %(unit)s; %(b)s = "
                    "%(pb)s → a total of about %(tb)s %(unit)s."
                )
                % {
                    "a": a.show(),
                    "pa": _pct(a.share.value, a.share.decimals),
                    "ta": _n(da, 0),
                    "unit": unit,
                    "b": b.show(),
                    "pb": _pct(b.share.value, b.share.decimals),
                    "tb": _n(db, 0),
                },
                [_v(a.value), _v(a.share.value), round(da), _v(b.value), _v(b.share.value), round(db)],
                _quotes(a.sentence, b.sentence),
                [a, b],
                sure=False,
            )
        )
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
    findings += check_bracketed_parts(sentences)
    findings += check_structure(sentences)
    findings += check_partition(sentences)
    findings += check_repeated(sentences)
    findings += check_implausible(sentences)
    findings += check_written_relations(sentences)
    findings += check_production(sentences)
    findings += check_unit_label(sentences)
    findings += check_excluding(sentences)
    findings += check_share_breakdown(sentences, {id(c) for f in findings for c in f.claims})
    used = {id(c) for f in findings for c in f.claims}
    used |= {id(c.share) for f in findings for c in f.claims if c.share is not None}
    for sentence in sentences:
        for claim in sentence.claims:
            if claim.share is not None and id(claim.share) in used:
                used.add(id(claim))
    findings += check_denominators(sentences, used)
    return findings


# --- relations written with both of their numbers ---------------------------------------------------------------

_ACHIEVE_BEFORE = re.compile(r"\b(?:đạt|bằng)\s*(?:được\s*)?(?:khoảng\s*)?$|=\s*$", re.IGNORECASE)
_CHANGE_BEFORE = re.compile(r"\b(tăng|giảm|vượt)\b(?:\s+[^\W\d_]+){0,2}\s*$", re.IGNORECASE)
_OF_PLAN_AFTER = re.compile(
    r"\s*(?:so\s+(?:với\s+)?)?(?:kế hoạch|kh\b|chỉ tiêu|dự toán|nghị quyết|nq\b|mục tiêu)", re.IGNORECASE
)
_OF_PAST_AFTER = re.compile(
    r"\s*(?:so\s+(?:với\s+)?)?(?:cùng kỳ|ck\b|năm trước|năm\s+(?:19|20)\d\d|vụ|đầu năm|"
    r"kỳ trước|tháng trước)",
    re.IGNORECASE,
)
# «tăng 5,2% so cùng kỳ (cùng kỳ 3.279,5 tấn)», «bằng 130% so với năm 2022 (năm 2022 đạt 10 tỷ đồng)», «… so với năm
# 2022 là 45 triệu đồng»: the value of the past period the percentage compares with, written right after it
_PAST_PERIOD = r"(?:cùng kỳ|năm trước|năm\s+(?:19|20)\d\d|kỳ trước|tháng trước|vụ\s+[^\W\d_]+(?:\s+[^\W\d_]+)?\s+năm\s+(?:trước|(?:19|20)\d\d))"
_PAST_VALUE_AFTER = re.compile(
    r"\s*so\s+(?:với\s+)?" + _PAST_PERIOD + r"(?:\s+năm\s+(?:trước|(?:19|20)\d\d))?\s*"
    r"(?:\(\s*(?:" + _PAST_PERIOD + r"\s*)?(?:là|đạt|:)?\s*|(?:là|:)\s*)",
    re.IGNORECASE,
)
_POINTS_AFTER = re.compile(r"\s*(?:điểm|đ\.p\.t|điểm phần trăm)\b", re.IGNORECASE)


def _signed(claim: Claim, sign: int) -> Stated:
    return Stated(sign * claim.value, claim.decimals, "%")


def _direction(before: str) -> tuple[str, int] | None:
    """What a percentage says of its base: ("of", 1) for «đạt/bằng P%», ("change", ±1) for «tăng/vượt/giảm P%»."""
    if _ACHIEVE_BEFORE.search(before):
        return "of", 1
    change = _CHANGE_BEFORE.search(before)
    if change:
        return "change", -1 if change.group(1).lower() == "giảm" else 1
    return None


def _stated_number(raw: str) -> Stated | None:
    from ktxh.audit.claims import parse_number

    parsed = parse_number(raw.strip(), True)
    return None if parsed is None else Stated(parsed[0], parsed[1])


def check_written_relations(sentences: list[Sentence]) -> list[Finding]:
    """Relations whose numbers are all written in one clause:

    - «35 tỷ đồng, đạt 116,6% kế hoạch (kế hoạch năm là 30 tỷ đồng)»: a percentage of a plan given beside it;
    - «53,5/52 ha, tăng 2,9%» (result / plan): the percentage is of the denominator;
    - «80.888 ha, giảm 1,0% (-850 ha)», «53 tạ/ha, tăng 1,9% (+1 tạ/ha)»: a change and its amount give last year;
    - «từ 28 hộ xuống còn 23 hộ, giảm 17,9%»: a change with both values.

    A percentage in points («tăng 0,5 điểm»), approximate or a range is left alone; so is «A/B, tăng P%» followed by
    a past period (then P is against last year, not against B). «A/B, tăng P%» with nothing after it is checked but
    only «worth a look»: the base of P is not written."""
    findings: list[Finding] = []
    for sentence in sentences:
        text = sentence.para.text
        claims = sentence.claims
        for i, pct in enumerate(claims):
            if not pct.percent or pct.ident or pct.bound or pct.high is not None or pct.target:
                continue
            before = text[max(sentence.start, pct.start - 30) : pct.start]
            after = text[pct.end : pct.end + 40]
            direction = _direction(before)
            if direction is None or _POINTS_AFTER.match(after):
                continue
            mode, sign = direction
            offset = 0 if mode == "of" else 100
            clause_start = max(text.rfind(";", sentence.start, pct.start), sentence.start)
            earlier = [c for c in claims[:i] if c.start >= clause_start and not c.ident and not c.percent]
            # 1. the plan written after the percentage, in parentheses
            if _OF_PLAN_AFTER.match(after):
                plan = next(
                    (
                        c
                        for c in claims[i + 1 :]
                        if (c.target or _PLAN_IN_BRACKETS.fullmatch(text[pct.end : c.start]))
                        and c.start - pct.end <= 60
                        and c.high is None
                        and c.bound is None
                        and not (c.delta or c.percent or c.ident)
                    ),
                    None,
                )
                results = [c for c in earlier if c.amount or c.dimension == "yield"]
                if plan is not None and results and ";" not in text[pct.end : plan.start]:
                    result = results[-1]
                    if (
                        same_dimension(result.dimension, plan.dimension)
                        and result.bound is None
                        and len(text[result.end : pct.start].split()) <= 8
                    ):
                        wrong = relations.ratio_stated(
                            _signed(pct, sign), _stated(result, plan.factor), _stated(plan), offset
                        )
                        if wrong is not None:
                            findings.append(
                                _written("plan_achievement", pct, wrong, [result, pct, plan], sentence, True)
                            )
                        continue
            # 1c. the plan written before it, after the result: «17,2 tỷ đồng/KH 20 tỷ đồng, đạt 86%»
            if mode == "of" and not _OF_PAST_AFTER.match(after):
                pair = _result_over_plan(text, earlier)
                if pair is not None and len(text[pair[1].end : pct.start].split()) <= 3:
                    result, plan = pair
                    wrong = relations.ratio_stated(_signed(pct, sign), _stated(result, plan.factor), _stated(plan), 0)
                    if wrong is not None:
                        findings.append(_written("plan_achievement", pct, wrong, [result, pct, plan], sentence, True))
                    continue
            # 1b. the past value written after the percentage: «3.450 tấn, tăng 5,2% so cùng kỳ (cùng kỳ 3.279,5 tấn)»
            past_link = _PAST_VALUE_AFTER.match(text, pct.end, min(len(text), pct.end + 60))
            if past_link:
                past = next((c for c in claims[i + 1 :] if c.start >= past_link.end()), None)
                results = [c for c in earlier if c.amount or c.dimension == "yield"]
                if (
                    past is not None
                    and past.start == past_link.end()
                    and results
                    and not (past.delta or past.percent or past.ident or past.bound or past.high is not None)
                    and same_dimension(results[-1].dimension, past.dimension)
                    and results[-1].bound is None
                    and len(text[results[-1].end : pct.start].split()) <= 8
                    and past.value > 0
                ):
                    result = results[-1]
                    wrong = relations.ratio_stated(
                        _signed(pct, sign), _stated(result, past.factor), _stated(past), offset
                    )
                    # «Tổng đàn lợn 1.450 con, trong đó lợn nái 200 con, tăng 5% so cùng kỳ (cùng kỳ 1.380 con)»: the
                    # change may be of an earlier amount of the sentence; sure only when it is the only one
                    others = [
                        c
                        for c in sentence.claims[:i]
                        if c is not result and c.amount and same_dimension(c.dimension, past.dimension)
                    ]
                    fits_other = any(
                        relations.ratio_stated(_signed(pct, sign), _stated(c, past.factor), _stated(past), offset)
                        is None
                        for c in others
                    )
                    if wrong is not None and not fits_other:
                        findings.append(
                            _written("change_values", pct, wrong, [result, pct, past], sentence, not others)
                        )
                    continue
            # 2. a fraction result/plan right before: «53,5/52ha, tăng 2,9%»
            fraction = next(
                (
                    f
                    for f in reversed(sentence.fractions)
                    if f.end <= pct.start and not f.ident and f.start >= clause_start
                ),
                None,
            )
            if fraction is not None and mode == "change" and not _OF_PAST_AFTER.match(after):
                gap = text[fraction.end : pct.start]
                between_claims = [c for c in claims if fraction.end <= c.start < pct.start]
                parts = fraction.raw.split("/")
                numerator, denominator = (
                    (_stated_number(parts[0]), _stated_number(parts[1])) if len(parts) == 2 else (None, None)
                )
                if (
                    not between_claims
                    and numerator
                    and denominator
                    and len(gap.split()) <= 4
                    and ";" not in gap
                    and float(denominator.number) > 0
                ):
                    wrong = relations.ratio_stated(_signed(pct, sign), numerator, denominator, offset)
                    if wrong is not None:
                        findings.append(
                            _written("plan_achievement", pct, wrong, [pct], sentence, bool(_OF_PLAN_AFTER.match(after)))
                        )
                    continue
            if mode != "change":
                continue
            # 3. the amount of the change in parentheses after it: «80.888 ha, giảm 1,0% (-850 ha)»
            amount = claims[i + 1] if i + 1 < len(claims) else None
            if (
                amount is not None
                and amount.delta
                and re.match(r"\s*\(\s*[-+−]", text[pct.end : amount.start + 1])
                and earlier
            ):
                current = earlier[-1]
                if (
                    same_dimension(current.dimension, amount.dimension)
                    and current.bound is None
                    and len(text[current.end : pct.start].split()) <= 6
                ):
                    negative = text[pct.end : amount.start].strip().endswith(("-", "−"))
                    difference = -amount.value if negative else amount.value
                    previous = current.value * current.factor / amount.factor - difference
                    if previous > 0 and (difference < 0) == (sign < 0):
                        places = max(current.decimals, amount.decimals)
                        wrong = relations.ratio_stated(
                            _signed(pct, sign),
                            Stated(difference, amount.decimals),
                            Stated(round(previous, places), places),
                            0,
                        )
                        if wrong is not None:
                            findings.append(
                                _written("change_values", pct, wrong, [current, pct, amount], sentence, True)
                            )
                        continue
            # 4. «từ A … xuống còn B …, giảm P%»
            pair = _from_to(text, earlier)
            if pair is not None:
                first, second = pair
                wrong = relations.ratio_stated(_signed(pct, sign), _stated(second, first.factor), _stated(first), 100)
                if wrong is not None:
                    findings.append(_written("change_values", pct, wrong, [first, second, pct], sentence, True))
    return findings


# «đạt 95% so với kế hoạch giao (20 tỷ đồng)», «bằng 95% dự toán huyện giao (kế hoạch: 20 tỷ đồng)»
_PLAN_IN_BRACKETS = re.compile(
    r"\s*(?:so\s+(?:với\s+)?)?(?:kế hoạch|kh|dự toán|chỉ tiêu|nghị quyết|nq|mục tiêu)(?:\s+[^\W\d_]+){0,4}\s*"
    r"\(\s*(?:(?:kế hoạch|kh|dự toán|chỉ tiêu)(?:\s+(?:giao|năm))?\s*)?(?:là|:)?\s*",
    re.IGNORECASE,
)
_OVER_PLAN = re.compile(r"\s*(?:/|\()\s*(?:KH|kế hoạch|chỉ tiêu)\s*(?:giao)?\s*:?\s*", re.IGNORECASE)


def _result_over_plan(text: str, claims: list[Claim]) -> tuple[Claim, Claim] | None:
    """The last result written with its plan after «/KH» or «(kế hoạch …»: «17,2 tỷ đồng/KH 20 tỷ đồng»."""
    for result, plan in reversed(list(itertools.pairwise(claims))):
        if (
            plan.target
            and (result.amount or result.dimension == "yield")
            and same_dimension(result.dimension, plan.dimension)
            and result.bound is None
            and plan.bound is None
            and plan.high is None
            and plan.value > 0
            and _OVER_PLAN.fullmatch(text[result.end : plan.start])
        ):
            return result, plan
    return None


_FROM = re.compile(r"\btừ\s*$", re.IGNORECASE)
_TO = re.compile(r"^\s*(?:[^\W\d_]+\s*){0,2}?(?:lên|xuống|xuống còn|còn|giảm còn|tăng lên|đến)\s*$", re.IGNORECASE)


def _from_to(text: str, claims: list[Claim]) -> tuple[Claim, Claim] | None:
    for a, b in itertools.pairwise(claims):
        if a.percent or b.percent or not a.amount or not b.amount or not same_dimension(a.dimension, b.dimension):
            continue
        if _FROM.search(text[max(0, a.start - 6) : a.start]) and _TO.match(text[a.end : b.start]) and a.value > 0:
            return a, b
    return None


def _written(kind: str, pct: Claim, wrong: Finding, claims: list, sentence: Sentence, sure: bool) -> Finding:
    computed = float(wrong.details["computed"])
    messages = {
        "plan_achievement": _("%(stated)s is written, but the numbers beside it give %(computed)s."),
        "change_values": _("A change of %(stated)s is written, but the two values give %(computed)s."),
    }
    return _finding(
        kind,
        messages[kind]
        % {"stated": _pct(abs(pct.value), pct.decimals), "computed": _pct(abs(computed), max(1, pct.decimals + 1))},
        [_v(c.value) for c in claims] + [round(computed, 2)],
        _quotes(sentence),
        claims,
        sure=sure,
    )


# --- area × yield = production ----------------------------------------------------------------------------------

_AREA_LABEL = re.compile(r"\b(diện tích|gieo|cấy|trồng|thu hoạch)\b", re.IGNORECASE)
_PRODUCTION_LABEL = re.compile(r"\bsản lượng\b", re.IGNORECASE)


_ALL_GRAINS = re.compile(r"\b(quy thóc|lương thực|có hạt)\b", re.IGNORECASE)


# «diện tích, năng suất … và sản lượng … lần lượt của các huyện như sau: A: 689ha, 54,25 tạ/ha, 3.755 tấn; …»: the
# three measures announced once, then written without their names in each item
_THREE_MEASURES = re.compile(r"\bdiện tích\s*,\s*năng suất\b[^.;:]{0,100}?\bsản lượng\b", re.IGNORECASE)


def check_production(sentences: list[Sentence]) -> list[Finding]:
    """One area, one yield and one production in a sentence (and nothing else of those kinds): the production must
    be area × yield, within what the rounding of area and yield allows. Two areas (sown and harvested), two crops or
    a change of any of them make it ambiguous: then nothing is said. In a sentence that lists several items
    separated by «;», each item is taken on its own; there the numbers may go without their names when the
    paragraph announced «diện tích, năng suất, sản lượng» before the list, in that order."""
    findings = []
    for sentence in sentences:
        measured = [c for c in sentence.claims if not c.ident and c.high is None and not c.target]
        finding = _production(sentence, measured, labelled=True)
        if finding is not None:
            findings.append(finding)
            continue
        text = sentence.para.text
        cuts = [sentence.start] + [
            sentence.start + m.end() for m in re.finditer(";", text[sentence.start : sentence.end])
        ]
        if len(cuts) < 2:
            continue
        announced = _THREE_MEASURES.search(text, 0, sentence.end)
        for start, end in zip(cuts, [*cuts[1:], sentence.end], strict=True):
            item = [c for c in measured if start <= c.start < end]
            if not item:
                continue
            named = not (announced and announced.end() <= item[0].start)
            finding = _production(sentence, item, labelled=named, start=start, end=end)
            if finding is not None:
                findings.append(finding)
    return findings


def _production(
    sentence: Sentence, measured: list[Claim], labelled: bool, start: int | None = None, end: int | None = None
) -> Finding | None:
    """The production check on the claims of a sentence or of one item of it (``start``–``end``); ``labelled``:
    each number must be named (an area «diện tích/gieo/…», a production «sản lượng»)."""
    areas = [
        c for c in measured if c.dimension == "area" and c.amount and (not labelled or _AREA_LABEL.search(c.label_text))
    ]
    yields = [c for c in measured if c.dimension == "yield" and not c.delta]
    outputs = [
        c
        for c in measured
        if c.dimension == "mass" and c.amount and (not labelled or _PRODUCTION_LABEL.search(c.label_text))
    ]
    if len(areas) != 1 or len(yields) != 1 or len(outputs) != 1:
        return None
    if any(c.dimension in ("area", "yield", "mass") and c not in (*areas, *yields, *outputs) for c in measured):
        return None
    area, yield_, output = areas[0], yields[0], outputs[0]
    if _ALL_GRAINS.search(output.label_text):
        return None  # «sản lượng lương thực quy thóc»: maize and other grains besides the crop of the area
    if area.bound or yield_.bound or output.bound or not (area.start < output.start and yield_.start < output.start):
        return None
    if not labelled and not area.start < yield_.start:
        return None  # unnamed numbers only in the announced order
    scale = measures.production_scale(
        "ha",
        yield_.unit if yield_.unit in measures.measures() else "tạ/ha",
        output.unit if output.unit in measures.measures() else "tấn",
    )
    area_ha = _stated(area, float(measures.measures()["ha"].factor))
    wrong = relations.production(_stated(output), area_ha, _stated(yield_), scale)
    if wrong is None:
        return None
    computed = float(wrong.details["computed"])
    # one item of a long list: its own words are the quote
    quote = _quotes(sentence) if start is None else [sentence.para.display(start, end).strip(" ;")]
    return _finding(
        "production",
        _("Area × yield gives %(computed)s %(unit)s, but the production written is %(stated)s.")
        % {"computed": _n(computed, 1), "unit": output.unit, "stated": output.show()},
        [_v(area.value), _v(yield_.value), _v(output.value), round(computed, 2)],
        quote,
        [area, yield_, output],
    )


# --- a unit that does not fit its label -------------------------------------------------------------------------

_LABEL_END = {
    "sản lượng": {"mass"},
    "năng suất": {"yield"},
    "diện tích": {"area"},  # only when it opens the clause: «diện tích … cho sản lượng 300 tấn» is common
}
# the measure a clause is about when it opens the clause («Trong đó tổng sản lượng cây hồ tiêu đang cho thu hoạch
# là 354 ha»: a production written in hectares), and the words of another measure that would make the number its own
_LABEL_HEAD = re.compile(
    r"^\W*(?:(?:trong đó|riêng|còn|và|tổng|ước|dự kiến|bình quân|cả năm)[\s,:]+)*(sản lượng|năng suất|diện tích)\b",
    re.IGNORECASE,
)
_OTHER_MEASURE = {
    "sản lượng": re.compile(r"\b(diện tích|trên|gieo|cấy|trồng mới|quy mô|năng suất|từ)\b", re.IGNORECASE),
    "năng suất": re.compile(r"\b(diện tích|trên|gieo|cấy|trồng mới|quy mô|sản lượng|từ)\b", re.IGNORECASE),
    "diện tích": re.compile(
        r"\b(sản lượng|năng suất|cho|thu|giá trị|doanh thu|thu nhập|trên|từ|đạt sản lượng)\b", re.IGNORECASE
    ),
}
_UNIT_AFTER_PERCENT = {"money", "area", "mass", "yield", "volume", "length"}


# «giá trị sản phẩm trên 1 ha đất trồng là 75,51 tỷ đồng», «thu nhập/ha đạt 125 triệu đồng»: a value per hectare
_PER_HECTARE = re.compile(
    r"(?:\btrên|\bmỗi|/)\s*(?:1|một)?\s*(?:ha|héc-ta|hécta)\b(?:\s+[^\W\d_]+){0,4}\s*(?:là|đạt|:)?\s*$",
    re.IGNORECASE,
)


def _money_per_hectare(claim: Claim, sentence: Sentence) -> Finding | None:
    """A value per hectare out of the bounds of ``plausible.csv`` (in triệu đồng/ha): written in the wrong unit."""
    bound = next(iter(plausible.for_unit("triệu đồng/ha")), None)
    if bound is None:
        return None
    million = float(measures.measures()["triệu đồng"].factor)
    wrong = relations.plausible_stated(_stated(claim, million), bound.low, bound.high)
    if wrong is None:
        return None
    return _finding(
        "unit_label",
        _("%(value)s per hectare is not plausible (at most %(high)s million đồng): another unit is meant.")
        % {"value": claim.show(), "high": _n(float(bound.high))},
        [_v(claim.value)],
        _quotes(sentence),
        [claim],
    )


_WRITTEN_IN_DONG = re.compile(r"\d{1,3}(?:\.\d{3}){1,}\.000")  # «105.175.000»: down to the đồng, rounded to thousands


_TO_WHOM = re.compile(r"\b(?:đồng bào|ủng hộ|giúp đỡ|hỗ trợ|cứu trợ|chia sẻ với|gửi)\b[^,;.]{0,20}$", re.IGNORECASE)


def _giver(text: str) -> str:
    """The level of the body ``text`` names last (:func:`body_of`), unless it is named as who receives («quỹ giúp
    đỡ đồng bào miền Nam Trung Bộ bị ảnh hưởng bởi cơn bão được …»): then the body of the amount is still the one
    named before."""
    level = body_of(text)
    named = body_named(text)
    if level and named:
        where = text.lower().rfind(named)
        if where >= 0 and _TO_WHOM.search(text[max(0, where - 40) : where]):
            return ""
    return level


def _commune_money(claim: Claim, body: str) -> Finding | None:
    """«Quỹ “Đền ơn đáp nghĩa” [của phường] được 105.175.000 triệu đồng»: an amount of a commune or ward above the
    bound of ``plausible.csv`` (in tỷ đồng), written with its digits in thousands down to the đồng (three groups or
    more, the last «000» as sums of đồng are rounded), is a number of đồng with a unit word added by mistake. Both signs are needed: a province writes its
    budget as «12.345.678 triệu đồng» and a commune may hold an industrial park worth thousands of billions."""
    if body != "commune" or claim.unit not in ("triệu đồng", "tỷ đồng") or claim.decimals:
        return None
    if not _WRITTEN_IN_DONG.fullmatch(claim.raw.strip()):
        return None
    bound = next(iter(plausible.for_unit("tỷ đồng")), None)
    if bound is None or bound.high is None:
        return None
    billion = float(measures.measures()["tỷ đồng"].factor)
    if claim.base / billion <= float(bound.high):
        return None
    return _finding(
        "unit_label",
        _("%(value)s is not plausible for a commune (more than %(high)s billion đồng): the number is in đồng.")
        % {"value": claim.show(), "high": _n(float(bound.high))},
        [_v(claim.value)],  # as written, which is the amount in đồng
        _quotes(claim.sentence),
        [claim],
    )


_PER_HEAD = re.compile(r"\b(bình quân|đầu người|mỗi|một người|trung bình)\b", re.IGNORECASE)


def _budget_total(claim: Claim) -> Finding | None:
    """«Tổng thu ngân sách nhà nước trên địa bàn xã là 322.000 đồng»: a body's total budget revenue or spending
    below the bound of ``plausible.csv`` (in triệu đồng) lacks its unit word. Only when the words of the bound end
    the label (at most eight words between them and the number) and no «bình quân», «đầu người» makes it a share."""
    bound = next((b for b in plausible.for_unit("triệu đồng") if b.words), None)
    if bound is None or bound.low is None or claim.comparison or claim.target or claim.bound == "<=":
        return None
    label = " ".join(claim.label_text.lower().split()[-12:])
    found = [m for m in _words_pattern(tuple(bound.words)).finditer(label)]
    if not found or len(label[found[-1].end() :].split()) > 8 or _PER_HEAD.search(label[found[-1].start() :]):
        return None
    million = float(measures.measures()["triệu đồng"].factor)
    if claim.base / million >= float(bound.low):
        return None
    return _finding(
        "unit_label",
        _("%(value)s is too small for a total budget (at least %(low)s million đồng): a unit word is missing.")
        % {"value": claim.show(), "low": _n(float(bound.low))},
        [_v(claim.value)],
        _quotes(claim.sentence),
        [claim],
    )


def check_unit_label(sentences: list[Sentence]) -> list[Finding]:
    """«sản lượng 52,3 tạ/ha» (a yield where a production is named), «năng suất 5,2 tấn» (a mass where a yield is
    named), «tăng lên 41,2% triệu đồng/người» (a percentage followed by a unit), «giá trị … trên 1 ha … là 75,51 tỷ
    đồng» (a value per hectare out of the plausible bounds): the unit does not fit the words.
    Only when the naming word ends the label (at most four words between it and the number)."""
    from ktxh.audit.units import match_unit

    findings = []
    body = ""  # the level of the body named last before (the text goes on about it)
    for sentence in sentences:
        text = sentence.para.text
        for claim in sentence.claims:
            if claim.ident or not claim.dimension:
                continue
            if claim.dimension == "money" and not claim.delta:
                finding = _commune_money(claim, _giver(text[sentence.start : claim.start]) or body)
                finding = finding or _budget_total(claim)
                if finding is not None:
                    findings.append(finding)
            words = claim.label_text.lower().split()
            tail = " ".join(words[-6:])
            head = _LABEL_HEAD.match(claim.label_text)
            for name, fitting in _LABEL_END.items():
                position = tail.rfind(name)
                headed = (
                    bool(head) and head.group(1).lower() == name and not _OTHER_MEASURE[name].search(claim.label_text)
                )
                if not headed and (
                    name == "diện tích" or position < 0 or len(tail[position + len(name) :].split()) > 4
                ):
                    continue
                base = claim.dimension.split(":", 1)[-1] if claim.dimension.startswith("rate:") else claim.dimension
                wrong = claim.dimension in ("yield", "mass") or (headed and claim.dimension == "area")
                if wrong and base not in fitting and not claim.delta:
                    findings.append(
                        _finding(
                            "unit_label",
                            _("«%(label)s» is measured in %(unit)s, which does not fit: %(value)s.")
                            % {"label": name, "unit": claim.unit, "value": claim.show()},
                            [_v(claim.value)],
                            _quotes(sentence),
                            [claim],
                            # «năng suất đạt 55,92 tạ»: «/ha» left out, a yield all the same
                            sure=not (name == "năng suất" and claim.dimension == "mass"),
                        )
                    )
                break
            if (
                claim.dimension == "money"
                and not claim.delta
                and _PER_HECTARE.search(text, max(sentence.start, claim.start - 80), claim.start)
            ):
                finding = _money_per_hectare(claim, sentence)
                if finding is not None:
                    findings.append(finding)
            if claim.percent:
                unit, dimension, _factor, unit_end, _raw = match_unit(text, claim.end)
                base = dimension.split(":", 1)[-1] if dimension and dimension.startswith("rate:") else dimension
                if unit and base in _UNIT_AFTER_PERCENT:
                    findings.append(
                        _finding(
                            "unit_label",
                            _("A percentage is followed by a unit: %(value)s %(unit)s.")
                            % {"value": claim.show(), "unit": unit},
                            [_v(claim.value)],
                            _quotes(sentence),
                            [claim],
                            # «41,2% triệu đồng/người»: the unit of an amount; «cứng hóa 100% km đường trục thôn»:
                            # the unit may name what the percentage is of
                            sure=base == "money" or not re.match(r"\s*[^\W\d_]", text[unit_end : unit_end + 3]),
                        )
                    )
        body = _giver(text[sentence.start : sentence.end]) or body
    return findings


# --- «không tính A (D) thì B là R»: a whole less a part ---------------------------------------------------------

_EXCLUDING = re.compile(
    r"\b(?:không tính|không kể|loại trừ|trừ đi|ngoài)\b(?P<what>(?:[^.;]|\.(?=\d)){0,160}?)\bthì\b"
    r"(?P<rest>(?:[^.;]|\.(?=\d))*)",
    re.IGNORECASE,
)


def check_excluding(sentences: list[Sentence]) -> list[Finding]:
    """«Thu nội địa đạt 16.186 tỷ đồng. Không tính tiền sử dụng đất (5.056 tỷ đồng) thì thu nội địa thực hiện 11.104
    tỷ đồng»: the whole named again after «thì» (its label's words found among the words of the remainder) less the
    amount excluded is the remainder. The whole is the last amount of the same unit before, in this paragraph or
    the one before, whose label names it."""
    findings = []
    previous_claims: list[Claim] = []
    last_para = None
    for sentence in sentences:
        if last_para is not None and sentence.para.index > last_para + 1:
            previous_claims = []
        text = sentence.para.text
        match = _EXCLUDING.search(text, sentence.start, sentence.end)
        if match:
            excluded = [c for c in sentence.claims if match.start("what") <= c.start < match.end("what") and c.amount]
            remainder = [c for c in sentence.claims if match.start("rest") <= c.start < match.end("rest") and c.amount]
            if len(excluded) == 1 and remainder:
                part, rest = excluded[0], remainder[0]
                words = set(_content(text[match.start("rest") : rest.start])) - _GENERIC
                wholes = [
                    c
                    for c in previous_claims
                    if c.amount
                    and same_dimension(c.dimension, rest.dimension)
                    and words
                    and words <= set(c.label)
                    and c.bound is None
                ]
                if wholes and same_dimension(part.dimension, rest.dimension) and not (part.bound or rest.bound):
                    whole = wholes[-1]
                    if not _sums_up(whole, [part, rest]):
                        computed = (whole.base - part.base) / rest.factor
                        findings.append(
                            _finding(
                                "parts_total",
                                _("%(whole)s less %(part)s is %(computed)s %(unit)s, but the text says %(rest)s.")
                                % {
                                    "whole": whole.show(),
                                    "part": part.show(),
                                    "computed": _n(computed, rest.decimals),
                                    "unit": rest.unit,
                                    "rest": rest.show(),
                                },
                                [_v(whole.value), _v(part.value), _v(rest.value), round(computed, 2)],
                                _quotes(whole.sentence, sentence),
                                [whole, part, rest],
                            )
                        )
        previous_claims = (previous_claims + sentence.claims)[-50:]
        last_para = sentence.para.index
    return findings
