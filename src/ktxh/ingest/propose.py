"""Proposals of figures from a report's text, each traceable to its sentence."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from django.utils.translation import gettext as _

from ktxh.audit.claims import analyse
from ktxh.audit.text import Document, read_document
from ktxh.ingest.matcher import THRESHOLD, Entry, Matcher, catalog_from_files, factor_of
from ktxh.ingest.statements import NEAR, before_in_sentence, statements, without_names


@dataclass
class Proposal:
    indicator_code: str
    org_unit_code: str
    period: str
    kind: str
    value: float
    unit: str
    sentence: str
    confidence: float
    reason: str

    def as_dict(self) -> dict:
        return asdict(self)


# a share whose clause names what it is the rate of: «Tỷ lệ bao phủ BHYT chiếm 92%», «hộ cận nghèo chiếm 24,86%»
_RATE_NAMED = re.compile(r"(?:^|[,;:])\W*(?:(?:tỷ|tỉ) lệ\b)?[^,;:\d]*[^\W\d_][^,;:\d]*\bchiếm\s*$", re.IGNORECASE)
# a sentence that goes on with the list of the one before («Tiếp đến là xã Cà Dy với 552 hộ»)
_NEXT_IN_LIST = re.compile(r"\W*(?:tiếp đến|kế đến|tiếp theo|sau đó)\b", re.IGNORECASE)
_RATE_CHANGE = re.compile(r"(?:tỷ|tỉ) lệ\s+(?:giảm|tăng)\s*$", re.IGNORECASE)
_PART_OPENING = re.compile(r"\W*(?:trong đó|riêng|gồm)\b", re.IGNORECASE)
# a percentage said to be a share of its whole: «chiếm 3,2%», «84 hộ = 1,59%»; not «25.650 hộ nghèo (tỷ lệ 6,06%)»
_SHARE_SAID = re.compile(r"(?:chiếm|=|bằng)\s*(?:(?:tỷ|tỉ) lệ)?\s*\(?\s*$", re.IGNORECASE)


# «số hộ nghèo, hộ cận nghèo là 37.819 hộ», «67 hộ nghèo và hộ cận nghèo»: both together, which no indicator is
_BOTH_POOR_BEFORE = re.compile(r"hộ nghèo\s*(?:,|và|hoặc|/)\s*(?:hộ\s+)?cận nghèo[^\d]{0,25}$", re.IGNORECASE)
_BOTH_POOR_AFTER = re.compile(r"\s*(?:hộ\s+)?nghèo\s*(?:,|và|hoặc|/)\s*(?:hộ\s+)?cận nghèo\b", re.IGNORECASE)


_POOR = re.compile(r"(?:(?:hộ\s+)?nghèo\s*(?:,|và|hoặc|/)\s*(?:hộ\s+)?cận nghèo)|(cận\s+)?nghèo\b", re.IGNORECASE)


def both_poor_and_near_poor(statement) -> bool:
    """Whether the statement counts poor and near-poor households together: its own words, right before the
    number or right after its unit, join the two («số hộ nghèo, hộ cận nghèo là 37.819 hộ», «67 hộ nghèo và hộ cận
    nghèo vay vốn»), or, in a clause that names no measure («Bắc Trà My 5.089 hộ»), the last such words of its
    sentence do («Địa phương có số hộ nghèo, cận nghèo cao nhất là: …»). Not «6 hộ nghèo và 23 hộ cận nghèo»: two
    numbers, one of each."""
    claim = statement.claim
    text = claim.sentence.para.text
    if _BOTH_POOR_BEFORE.search(text, max(claim.sentence.start, claim.start - 60), claim.start):
        return True
    if _BOTH_POOR_AFTER.match(text, claim.end):
        return True
    return statement.elided and nearest_poor(statement.earlier) == "both"


_SEASON = re.compile(r"\b(?:vụ\s+)?(đông xuân|hè thu|thu đông|chiêm xuân|xuân|mùa|chiêm|đông)\b", re.IGNORECASE)


def _season(statement) -> str:
    """The season its own clause names («diện tích lúa xuân là 1.088 ha»), or ""."""
    found = _SEASON.search(statement.local)
    return found.group(1).lower() if found else ""


# the words a count of all households is written with («Xã có 8 thôn, 869 hộ với 3.427 nhân khẩu», «tổng số 15
# xóm, 2160 hộ và 9230 nhân khẩu»): none that names which households
_OF_THE_UNIT = re.compile(
    r"^(?:[\W\d_]|\x00|\b(?:có|tổng|số|toàn|xã|phường|thị trấn|huyện|tỉnh|hiện|nay|với|gồm|và|trên|địa bàn|cả|"
    r"sau khi|sáp nhập|hiện có|là)\b)*$",
    re.IGNORECASE,
)


def _households_of_the_unit(statement) -> bool:
    """Whether a count of households names nothing but the unit: all its households (``tong_so_ho_dan_cu``)."""
    if statement.unit != "hộ" or statement.kind not in ("result", "estimate") or statement.claim.percent:
        return False
    text = statement.claim.sentence.para.text
    people = _PEOPLE_AFTER.match(text, statement.claim.end)
    total = _ALL_OF_IT.search(statement.own_label)
    if not (people or (total and _NOTHING_AFTER.match(text, statement.claim.end))):
        return False  # «Trà Cang (Nam Trà My) 496 hộ» in a list of poor households; «1946 hộ gia đình đạt …»
    return bool(_OF_THE_UNIT.match(without_names(statement.own_label)))


# with its people right after («869 hộ với 3.427 nhân khẩu»), or said to be all («tổng số», «toàn xã có»)
_PEOPLE_AFTER = re.compile(
    r"\s*(?:dân cư|dân|gia đình)?\s*(?:,|và|với)\s*(?:trên|gần|hơn|khoảng)?\s*\d[\d.,]*\s*(?:nhân khẩu|khẩu|người)\b",
    re.IGNORECASE,
)
_ALL_OF_IT = re.compile(r"\b(?:tổng số|toàn (?:xã|phường|thị trấn|huyện|tỉnh))\b", re.IGNORECASE)
_NOTHING_AFTER = re.compile(r"\s*(?:dân cư|dân|gia đình)?\s*(?:[,;.()]|$)", re.IGNORECASE)


def _poor_after(text: str, end: int) -> str | None:
    """«nghèo» or «cận nghèo» when the words right after a number's unit name them («9.604 hộ nghèo»)."""
    found = re.match(r"\s*(?:hộ\s+)?(cận\s+)?nghèo\b", text[end : end + 30], re.IGNORECASE)
    return None if found is None else "cận nghèo" if found.group(1) else "nghèo"


def nearest_poor(text: str) -> str | None:
    """Which households the last mention of poverty in ``text`` is of: «both» (poor and near-poor together), «cận
    nghèo» or «nghèo»; None when it names neither."""
    mentions = list(_POOR.finditer(text))
    if not mentions:
        return None
    last = mentions[-1]
    return "cận nghèo" if last.group(1) else "nghèo" if "cận" not in last.group(0).lower() else "both"


def proposed_kind(statement, amount) -> str:
    """The kind a statement is proposed as. A percentage read as the share of the amount before it is a ``share``
    only when the text says so («chiếm», «=», «bằng»): «25.650 hộ nghèo (tỷ lệ 6,06%)», «hộ nghèo 29.146 hộ, tỷ lệ
    6,63%» state the rate itself, of the kind of the amount it is written with (a result, an estimate, a target)."""
    if statement.kind != "share":
        return statement.kind
    text = statement.claim.sentence.para.text
    if _SHARE_SAID.search(text, max(0, statement.claim.start - 20), statement.claim.start):
        return "share"
    if amount is not None and amount[0].sentence is statement.sentence and amount[0].kind in ("estimate", "target"):
        return amount[0].kind
    return "result"


def level_of(unit_type: str) -> str:
    """The level (:data:`ktxh.audit.claims.LEVELS`) of a unit of ``unit_type``: the body its figures are of."""
    from ktxh.units.models import COMMUNE_LEVEL_TYPES, UnitType

    if unit_type == UnitType.PROVINCE:
        return "province"
    if unit_type == UnitType.DISTRICT:
        return "district"
    return "commune" if unit_type in COMMUNE_LEVEL_TYPES else "below"


def next_period(period: str) -> str:
    """The period after a yearly one («2023» → «2024»); others are kept (the plan part speaks of the next year)."""
    return str(int(period) + 1) if re.fullmatch(r"\d{4}", period) else period


def propose_document(
    document: Document,
    org_unit: str,
    period: str,
    entries: list[Entry] | None = None,
    threshold: float = THRESHOLD,
    level: str | None = None,
) -> tuple[list[Proposal], list]:
    """Proposals for the statements that match an indicator, and the statements that match none.

    ``level`` (one of :data:`ktxh.audit.claims.LEVELS`, or None when unknown) is the level of the unit the
    figures are for: a statement whose sentence says it is about a body of another level («toàn tỉnh gieo trồng
    …», «thôn Đông có 12 hộ nghèo» in a commune's report) is left out. A change or a share written right after an
    amount («1.877,1 ha, tăng 10,5%») is of that amount: it takes the amount's indicator (or its rate) or, when
    the amount matched none, is left out — never matched on its own words to some «change» indicator."""
    matcher = Matcher(entries if entries is not None else catalog_from_files())
    proposals: list[Proposal] = []
    unmatched = []
    previous = None  # (statement, match) of the last amount matched
    last_change = None  # (statement, match) of the last change matched
    amount = None  # (statement, match or None) of the last amount read, matched or not
    seen: set[tuple] = set()  # (indicator, period, kind, value) already proposed
    kinds: dict[int, str] = {}  # id of a claim → the kind it was read as
    for statement in statements(analyse(document)):
        claim = statement.claim
        kinds.setdefault(id(claim), statement.kind)
        match = None
        if statement.body == "region" or (level and statement.body and statement.body != level):
            unmatched.append(statement)  # about another body than the unit's (a region is never a unit's)
            if statement.kind not in ("change", "share"):
                amount = (statement, None)
            continue
        if (
            statement.kind in ("change", "share")
            and amount is not None
            and amount[0].sentence is statement.sentence
            and ";" not in claim.sentence.para.text[amount[0].claim.end : claim.start]
            and claim.start - amount[0].claim.end < 80
        ):
            # «Hộ nghèo có 10.689 hộ, chiếm 3,20% (tăng 137 hộ …)»: the share and the change of the amount before
            nearest = [c for c in before_in_sentence(claim, claim.start - 200) if c.end <= claim.start and not c.ident]
            # a change of the change before it; not of «giảm còn 1,91%», a new level
            of_a_change = (
                nearest
                and kinds.get(id(nearest[-1])) == "change"
                and nearest[-1] is not claim
                and nearest[-1].dimension == claim.dimension
            )
            per_area = amount[0].unit or ""
            if statement.kind == "change" and per_area.endswith("/ha") and statement.unit == per_area[: -len("/ha")]:
                # «năng suất đạt 61,1 tạ/ha, giảm 3,7 tạ so với cùng kỳ»: tạ per ha meant
                statement = replace(
                    statement, unit=amount[0].unit, dimension=amount[0].dimension, factor=amount[0].factor
                )
            # «hộ nghèo 29.146 hộ; giảm 3.981 hộ, tương ứng với tỷ lệ giảm 0,96%»: the change of its rate, in points
            rate_change = bool(of_a_change and statement.kind == "change" and _RATE_CHANGE.search(statement.before))
            if amount[1] is None or not amount[1].entry.code or (of_a_change and not rate_change):
                unmatched.append(statement)  # of an amount left out or matched to nothing, or of a change
                continue
            match = matcher.related(amount[1], statement.dimension, statement.kind == "change" and not rate_change)
            if match is None:
                unmatched.append(statement)  # a change in % of an amount whose indicator has no rate
                continue
        if match is None and statement.kind == "share" and not _RATE_NAMED.search(statement.before):
            # a share is proposed as the rate of the amount it is said of, or when its clause names the rate
            # («Tỷ lệ bao phủ BHYT chiếm 92% dân số»)
            unmatched.append(statement)
            continue
        if (
            match is None
            and statement.kind == "change"
            and last_change is not None
            and last_change[0].sentence is statement.sentence
            and last_change[0].dimension != statement.dimension
            and _RATE_CHANGE.search(statement.before)
            and not re.search(r"[;.]", claim.sentence.para.text[last_change[0].claim.end : claim.start])
        ):
            # «giảm 3.981 hộ, tương ứng với tỷ lệ giảm 0,96%»: the change of the rate of what the change before counts
            match = matcher.related(last_change[1], statement.dimension)
            if match is None:
                unmatched.append(statement)
                continue
        if match is None and not statement.qualifiers and both_poor_and_near_poor(statement):
            unmatched.append(statement)  # both counts together: no indicator; its share and change are left out
            if statement.kind not in ("change", "share"):
                amount = (statement, None)
            continue
        if (
            match is None
            and statement.elided
            and not claim.in_fraction
            and amount is not None
            and amount[1] is not None
            and (
                amount[0].sentence is statement.sentence
                # «… có số hộ nghèo nhiều nhất tỉnh với 850 hộ. Tiếp đến là xã Cà Dy với 552 hộ»
                or (
                    amount[0].sentence.para is statement.sentence.para
                    and statement.sentence.number - amount[0].sentence.number == 1
                    and _NEXT_IN_LIST.match(claim.sentence.para.text, claim.sentence.start)
                )
            )
            and amount[0].dimension == statement.dimension
            and not statement.qualifiers
        ):
            # a clause that names no measure repeats that of the amount before it in its sentence («hộ nghèo 29.146
            # hộ, tỷ lệ 6,63%; giảm 3.981 hộ», «Mỹ Lộc: 3.197ha, …; Vụ Bản: 8.113ha»), not the best name of all
            # the words before it
            match = replace(amount[1], confidence=round(amount[1].confidence * 0.9, 2))
        about = (statement.about, statement.about_own, statement.qualifiers)
        if match is None:
            match = matcher.best(statement.local, statement.dimension, statement.implied, *about)
        if (match is None or match.score < threshold) and not statement.names_itself:
            about = (statement.about, statement.about_own, statement.qualifiers | statement.earlier_qualifiers)
            own = " ".join((statement.local, statement.earlier))
            match = matcher.best(
                statement.context,
                statement.dimension,
                statement.implied,
                *about,
                own=own,
                # an elided clause names no measure («nông thôn giảm 5,03%», «Mỹ Lộc: 3.197 ha»): nothing of its
                # label must be in the name
                label="" if statement.elided else statement.before,
            )
            if match is not None:
                match.confidence = round(match.confidence * 0.85, 2)  # found only with the paragraph's words
        if (match is None or match.score < threshold) and _households_of_the_unit(statement):
            match = matcher.by_code("tong_so_ho_dan_cu", confidence=0.7)
        if match is None or match.score < threshold:
            unmatched.append(statement)
            if statement.kind not in ("change", "share"):
                amount = (statement, None)
            continue
        entry = match.entry
        text = claim.sentence.para.text
        # (at most NEAR characters back: linear on any text)
        near = _poor_after(text, claim.end) or nearest_poor(
            text[max(claim.sentence.start, claim.start - NEAR) : claim.start]
        )
        if near in ("nghèo", "cận nghèo") and ("cận" in matcher.names[entry.code]) != (near == "cận nghèo"):
            # «Theo kết quả rà soát hộ nghèo, hộ cận nghèo …, toàn tỉnh còn 9.604 hộ nghèo»: the nearest words say
            # which households, not every word of the sentence
            other = matcher.with_or_without(entry, "cận")
            if other is not None:
                entry = other
                match = replace(match, entry=other)
        if (
            previous is not None
            and previous[1].entry is entry
            and previous[0].claim is not claim  # «115/116 ha»: the plan of the amount, not a part of it
            # «… 125.494 con; trong đó 97.015 con trâu»: a part that is an option of the indicator's disaggregation
            # is its figure for that option
            and not (statement.about != previous[0].about and matcher.of_a_part(entry, statement.about))
            # «2.786 ha lúa, trong đó diện tích lúa xuân là 1.088 ha»: a season's part is the indicator's figure
            # for that season
            and not (_season(statement) and _season(statement) != _season(previous[0]))
            and (
                (
                    previous[0].sentence is statement.sentence
                    and re.search(r"\btrong đó\b", text[previous[0].claim.end : claim.start], re.IGNORECASE)
                )
                or (
                    # «… 235 tỷ đồng. Trong đó, thu … do huyện quản lý 127 tỷ đồng. Riêng thu … tỉnh quản lý …»: the next sentences
                    previous[0].sentence.para is claim.sentence.para
                    and 0 < statement.sentence.number - previous[0].sentence.number <= 3
                    and _PART_OPENING.match(text, claim.sentence.start)
                )
            )
        ):
            unmatched.append(statement)  # a part after «trong đó» is not the whole's indicator
            amount = (statement, None)  # its share and change are left out with it; the whole stays the whole
            continue
        if statement.kind not in ("change", "share"):
            previous = amount = (statement, match)
        elif statement.kind == "change":
            last_change = (statement, match)
        scale = (statement.factor / factor_of(entry.unit)) if statement.dimension != "percent" else 1.0
        value = round(statement.value * scale, 6)
        if claim.season and not entry.name.lower().count(claim.season):
            reason_season = " " + _("season: %(season)s") % {"season": claim.season}
        else:
            reason_season = ""
        reason = (
            _("unit %(unit)s fits %(indicator_unit)s; words: %(words)s")
            % {"unit": claim.unit or "", "indicator_unit": entry.unit, "words": ", ".join(match.words)}
            + reason_season
        )
        when = next_period(period) if claim.sentence.plan else period
        kind = proposed_kind(statement, amount)
        key = (entry.code, when, kind, value, statement.about)  # not two herds that grew alike
        if key in seen:
            continue  # the same figure written again («Tổng sản lượng … đạt hơn 2.733 tấn» in two paragraphs)
        seen.add(key)
        proposals.append(
            Proposal(
                entry.code,
                org_unit,
                when,
                kind,
                value,
                entry.unit,
                claim.sentence.quote(),
                match.confidence,
                reason,
            )
        )
        if statement.high is not None and entry.code.endswith("_thap"):
            # «56 - 60 tạ/ha»: the low end to the indicator «(cận dưới)», the high end to its «(cận trên)» pair
            pair = next((e for e in matcher.entries if e.code == entry.code[: -len("_thap")] + "_cao"), None)
            if pair is not None:
                proposals.append(
                    Proposal(
                        pair.code,
                        org_unit,
                        when,
                        kind,
                        round(statement.high * scale, 6),
                        pair.unit,
                        claim.sentence.quote(),
                        match.confidence,
                        reason,
                    )
                )
    return proposals, unmatched


def propose_file(
    path: str | Path, org_unit: str, period: str, entries: list[Entry] | None = None, level: str | None = None
):
    return propose_document(read_document(path), org_unit, period, entries, level=level)
