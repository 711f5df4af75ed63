"""Map a statement to a catalog indicator.

A statement may go to an indicator when its unit measures the same thing as the indicator's unit (dimension of
``data/catalog/measures.csv``: households are not people, a yield is not an area; a percentage only to a
percentage). Among those, the words decide: the syllables of the indicator's name, each weighted by how rare it is
among all names (a word every name has, «số», says nothing), against the words around the number — its label, the
words after its unit («72.002 ha lúa») and the bullet or heading it is under — with abbreviations expanded from the
glossary (``BHYT`` → «bảo hiểm y tế»). The score is the weighted share of the name's words found; the confidence
is the score, lowered when a second indicator scores almost as well. Below :data:`THRESHOLD` nothing is proposed
for the indicator and the statement is reported as unmatched.

What an indicator is about: the things its name names («lúa»), those it lists in parentheses as covered («cây màu
(ngô, khoai lang)»), and, for an indicator about no thing of its own, the things the options of its disaggregations
name («Tổng đàn chăn nuôi» split by «Đàn lợn», «Đàn gia cầm» …: a herd of pigs is its figure for that option).
"""

from __future__ import annotations

import csv
import itertools
import math
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from ktxh.audit.units import same_dimension
from ktxh.checks import measures as catalog_measures
from ktxh.ingest import words as phrases

DATA = Path(__file__).resolve().parent.parent / "data"
THRESHOLD = 0.6
# words that say nothing of what is measured: how it is counted, where, when
_STOP = {
    "số",
    "tổng",
    "của",
    "các",
    "những",
    "trên",
    "địa",
    "bàn",
    "được",
    "đã",
    "và",
    "có",
    "là",
    "trong",
    "đó",
    "theo",
    "với",
    "cho",
    "tại",
    "đạt",
    "ước",
    "năm",
    "thực",
    "hiện",
    "toàn",
    "xã",
    "phường",
    "thị",
    "trấn",
    "huyện",
    "tỉnh",
    "cận",
    "dưới",
    "cao",
    "thấp",
    "hơn",
    "khoảng",
    "gần",
    "cả",
    "mới",
    "lượng",
    "tỷ",
    "tỉ",
    "lệ",
    "nhà",
    "nước",
    "danh",
    "hiệu",
}
_KEEP_IN_NAME = {"cận"}
_UNIT_NAMES = {
    "ha",
    "hộ",
    "người",
    "con",
    "liều",
    "tấn",
    "đồng",
    "cây",
    "thửa",
    "trường",
    "lớp",
    "giải",
    "đơn",
    "hồ",
    "sơ",
}  # words a unit writes anyway: not evidence of what is measured


@dataclass(frozen=True)
class Entry:
    code: str
    name: str
    unit: str
    # the names of the options of its disaggregations («Đàn lợn», «Đàn gia cầm» of «Tổng đàn chăn nuôi»): a figure
    # of one of them is a figure of the indicator, split by that option
    parts: tuple[str, ...] = ()


def _words(text: str) -> list[str]:
    text = unicodedata.normalize("NFC", text.lower()).replace("hoà", "hòa").replace("thuỷ", "thủy")
    return re.findall(r"[^\W\d_]+", text)


_CHANGE_WORDS = {"tăng", "giảm"}  # the name of a rate of change: «Tỷ lệ tăng, giảm …»
_COMPARED = {"so", "cùng", "kỳ", "với", "trước"}
_ASIDES = re.compile(r"\(([^()]*)\)")
_SEGMENT_BREAK = re.compile(r"[^\w\s]|\d+|_")


def _pairs(text: str) -> set[tuple[str, str]]:
    """The pairs of syllables written next to each other in ``text`` (not across a number or a punctuation mark)."""
    out = set()
    for segment in _SEGMENT_BREAK.split(text):
        syllables = _words(segment)
        out.update(itertools.pairwise(syllables))
    return out


_FUNCTION = _STOP | _UNIT_NAMES | {
    "ước", "tính", "bình", "quân", "chỉ", "tiêu", "kế", "hoạch", "giao", "dự", "toán", "thuộc", "diện", "còn",
}  # fmt: skip


# words that name no measure: of time, season, estimate, a list's opening; the clause of a statement matched with
# its paragraph's words may have them
_OWN_NOTHING = {
    "vụ",
    "đông",
    "xuân",
    "hè",
    "thu",
    "mùa",
    "chiêm",
    "tháng",
    "quý",
    "đầu",
    "cuối",
    "nay",
    "đến",
    "tính",
    "hết",
    "riêng",
    "theo",
    "đó",
    "trong",
    "lũy",
    "kế",
    "hàng",
    "bình",
    "quân",
    "về",
    "cụ",
    "thể",
    "gồm",
    "như",
    "sau",
}


def _alone(text: str) -> set[str]:
    """The syllables ``text`` writes on their own: with no other content syllable right before or after them
    («chi ước đạt 13 tỷ đồng»: «chi»; not «thu» of «thu nhập»)."""
    out = set()
    for segment in _SEGMENT_BREAK.split(text):
        syllables = _words(segment)
        for i, w in enumerate(syllables):
            if w in _FUNCTION:
                continue
            before = syllables[i - 1] if i > 0 else None
            after = syllables[i + 1] if i + 1 < len(syllables) else None
            if (before is None or before in _FUNCTION) and (after is None or after in _FUNCTION):
                out.add(w)
    return out


@lru_cache(maxsize=1)
def _glossary_rows() -> tuple[tuple[str, str], ...]:
    rows = []
    with (DATA / "glossary.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row.get("kind") == "abbreviation" and row.get("expansion"):
                rows.append((row["term"], row["expansion"]))
    rows.sort(key=lambda r: -len(r[0]))
    return tuple(rows)


def glossary() -> tuple[tuple[re.Pattern, str], ...]:
    """Abbreviations of ``data/glossary.csv`` and the words they stand for, longest first."""
    return tuple(
        (re.compile(r"(?<![\w-])" + re.escape(term) + r"(?![\w-])"), expansion) for term, expansion in _glossary_rows()
    )


@lru_cache(maxsize=1)
def _abbreviations() -> tuple[re.Pattern, dict[str, str]]:
    """Every abbreviation in one pattern (longest first) and what each stands for: one pass over a text."""
    rows = _glossary_rows()
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(term) for term, _ in rows) + r")(?![\w-])")
    return pattern, dict(rows)


def expand(text: str) -> str:
    """``text`` with each abbreviation replaced by the words it stands for (``BHYT`` → «bảo hiểm y tế»)."""
    pattern, expansions = _abbreviations()
    return pattern.sub(lambda m: " " + expansions[m.group(0)] + " ", text)


def catalog_from_files() -> list[Entry]:
    """The catalog as ``ktxh init`` loads it (``data/catalog/indicators/*.csv``, with the options of its
    disaggregations from ``data/catalog/dimensions/*.csv``), for use without a database."""
    options: dict[str, list[str]] = {}
    for path in sorted((DATA / "catalog" / "dimensions").glob("*.csv")):
        with path.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                options.setdefault(row["dimension"], []).append(row["option_name"])
    entries = []
    for path in sorted((DATA / "catalog" / "indicators").glob("*.csv")):
        with path.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                if row.get("value_type") != "text":
                    dimensions = [d.strip() for d in (row.get("disaggregations") or "").split(";") if d.strip()]
                    parts = tuple(name for d in dimensions for name in options.get(d, ()))
                    entries.append(Entry(row["code"], row["name"], row["unit"], parts))
    return entries


def dimension_of(unit: str) -> str | None:
    measure = catalog_measures.measures().get(unit)
    return measure.text_dimension if measure else None


def factor_of(unit: str) -> float:
    measure = catalog_measures.measures().get(unit)
    return float(measure.factor) if measure else 1.0


@dataclass
class Match:
    entry: Entry
    score: float
    confidence: float
    words: list[str]


class Matcher:
    def __init__(self, entries: list[Entry]):
        # in name order, so that of two indicators with the same words «(cận dưới)» comes before «(cận trên)»
        self.entries = sorted(entries, key=lambda e: e.name)
        self.names = {
            e.code: [w for w in _words(e.name.split("(")[0]) if w not in _STOP or w in _KEEP_IN_NAME] for e in entries
        }
        counts: dict[str, int] = {}
        for words in self.names.values():
            for w in set(words):
                counts[w] = counts.get(w, 0) + 1
        total = max(1, len(entries))
        self.idf = {w: math.log(1 + total / c) for w, c in counts.items()}
        self.dimensions = {e.code: dimension_of(e.unit) for e in entries}
        self._by_dimension: dict[str | None, list[Entry]] = {}
        self._answers: dict[tuple, Match | None] = {}
        # what each indicator is about («lúa» of «Năng suất lúa»; the examples in parentheses are not it) and the
        # qualifiers its name has («thu hoạch» of a harvested area)
        self.subjects = {e.code: frozenset(s for _, _, s in phrases.subjects(e.name.split("(")[0])) for e in entries}
        # the things its name lists in parentheses as what it covers («Diện tích cây màu (ngô, khoai lang)»): a
        # figure about one of them is a figure of the indicator
        self.members = {
            e.code: frozenset(s for aside in _ASIDES.findall(e.name) for _, _, s in phrases.subjects(aside))
            for e in entries
        }
        self.qualifiers = {e.code: phrases.qualifiers(e.name, None) for e in entries}
        # what the options of its disaggregations are about («lợn» of «Đàn lợn»)
        within = phrases.words().within
        self.part_subjects = {}
        for e in entries:
            parts = {s for part in e.parts for _, _, s in phrases.subjects(part)}
            # and the classes they belong to: «đàn gia súc» is the sum of the options «trâu, bò», «lợn»
            self.part_subjects[e.code] = frozenset(parts | {within[s] for s in parts if s in within})
        self.sequences = {e.code: _words(e.name.split("(")[0]) for e in entries}  # every syllable, in order
        self.syllables = {code: frozenset(sequence) for code, sequence in self.sequences.items()}
        self.subject_syllables = {e.code: {w for s in self.subjects[e.code] for w in _words(s)} for e in entries}
        self.subject_words = {
            e.code: {w for s in self.subjects[e.code] if len(_words(s)) == 1 for w in _words(s)} for e in entries
        }

    def _compatible_entries(self, dimension: str | None) -> list[Entry]:
        """The entries whose unit fits ``dimension``, computed once per dimension."""
        found = self._by_dimension.get(dimension)
        if found is None:
            found = self._by_dimension[dimension] = [e for e in self.entries if self.compatible(e, dimension)]
        return found

    def compatible(self, entry: Entry, dimension: str | None) -> bool:
        wanted = self.dimensions[entry.code]
        if not dimension or not wanted:
            return False
        if wanted == dimension or same_dimension(wanted, dimension):
            return True
        # "người" and "lượt người", "thanh niên" and "người": counts of people
        people = {"count:người", "count:thanh niên", "count:lao động", "count:nhân khẩu", "count:học viên"}
        return wanted in people and dimension in people

    def related(self, match: Match, dimension: str | None, change: bool = False) -> Match | None:
        """The indicator of a change or a share written right after an amount matched to ``match``: the same one
        when the unit fits (a change in households), else the one whose name has the same words and fits (the
        rate of «Tỷ lệ hộ nghèo» for «Số hộ nghèo»)."""
        if self.compatible(match.entry, dimension):
            return Match(match.entry, match.score, round(match.confidence * 0.9, 2), match.words)
        words = set(self.names[match.entry.code])
        # a change in % of an amount is no change of the amount's rate («3.414 hộ nghèo, giảm 7,5%» is not «tỷ lệ
        # hộ nghèo» down 7,5 points)
        relative = change and dimension == "percent"
        candidates = [
            e for e in self._compatible_entries(dimension) if set(self.names[e.code]) == words and not relative
        ]
        if relative:
            # «tổng đàn heo 92.942 con, tăng 6%»: the rate of change whose other words are all of the amount's
            # name («Tỷ lệ tăng, giảm tổng đàn so cùng kỳ» of «Tổng đàn chăn nuôi»)
            candidates = [
                e
                for e in self._compatible_entries(dimension)
                if set(self.names[e.code]) >= _CHANGE_WORDS
                and set(self.names[e.code]) - _CHANGE_WORDS - _COMPARED
                and set(self.names[e.code]) - _CHANGE_WORDS - _COMPARED <= words
            ]
        if len(candidates) == 1:
            return Match(candidates[0], match.score, round(match.confidence * 0.9, 2), match.words)
        return None

    def by_code(self, code: str, confidence: float) -> Match | None:
        """A match to the indicator ``code`` decided by a rule, not by words; None when the catalog lacks it."""
        entry = next((e for e in self.entries if e.code == code), None)
        return None if entry is None else Match(entry, 1.0, confidence, list(self.names[code]))

    def with_or_without(self, entry: Entry, word: str) -> Entry | None:
        """The indicator whose name is ``entry``'s with ``word`` added or taken away («Số hộ cận nghèo» for «Số hộ
        nghèo»), in a unit of the same dimension; None when there is not exactly one."""
        words = set(self.names[entry.code]) ^ {word}
        found = [
            e
            for e in self._compatible_entries(self.dimensions[entry.code])
            if e is not entry and set(self.names[e.code]) == words
        ]
        return found[0] if len(found) == 1 else None

    def _in_phrase(self, entry: Entry, word: str, pairs: set[tuple[str, str]]) -> bool:
        """Whether ``word`` of the name is in the text as part of the name's phrase: next to another syllable of the
        name, in either order («thu» of «tổng thu ngân sách» in «thu ngân sách», «thẻ … đã thu» in «thu BHYT»; not
        «thu» of «thu nhập», nor «sản» of «thủy sản» in «sản xuất»). A name of one syllable, a subject of one
        syllable («lúa» in «ha lúa») and a unit's word need no neighbour; nor does a syllable the text writes on its
        own (:func:`_alone`)."""
        sequence = self.sequences[entry.code]
        if len(sequence) < 2 or word in self.subject_words[entry.code] or word in _UNIT_NAMES:
            return True
        others = self.syllables[entry.code]
        return any((other, word) in pairs or (word, other) in pairs for other in others if other != word)

    def fits(self, entry: Entry, about: frozenset[str], about_own: bool, qualifiers: frozenset[str]) -> bool:
        """Whether a statement about ``about`` (its subjects) with ``qualifiers`` can be a figure of ``entry``.

        An indicator about a thing («Diện tích lúa») takes only statements about that thing (or a part of what
        it names: «gia cầm» for «… gia súc, gia cầm»): not about beans, not about «lúa và cây rau màu» together,
        not about nothing named. An indicator about no thing does not take a statement whose own clause names one
        («đàn lợn» is not «Tổng đàn chăn nuôi»). A qualifier of the statement that the name lacks («đã thu
        hoạch» for «Diện tích lúa») makes it another measure."""
        wanted = self.subjects[entry.code]
        if wanted and (not about or not phrases.covered(about, wanted | self.members[entry.code])):
            return False
        if not wanted and about_own and about - phrases.classes() and not self.of_a_part(entry, about):
            return False  # a class of things («gia súc, gia cầm») may be the whole an unnamed total counts
        return qualifiers <= self.qualifiers[entry.code]

    def of_a_part(self, entry: Entry, about: frozenset[str]) -> bool:
        """Whether a statement about ``about`` is a figure of one option of a disaggregation of ``entry``, an
        indicator about no thing of its own: «đàn lợn» of «Tổng đàn chăn nuôi» split by «Loại vật nuôi»."""
        parts = self.part_subjects[entry.code]
        return bool(about and parts and not self.subjects[entry.code] and phrases.covered(about, parts))

    def best(self, *args, **kwargs) -> Match | None:
        """:meth:`_best`, once per distinct question (a report that repeats itself is read in linear time with a
        small constant); a copy, which the caller may change."""
        key = (args, tuple(sorted(kwargs.items())))
        if key not in self._answers:
            self._answers[key] = self._best(*args, **kwargs)
        found = self._answers[key]
        return None if found is None else replace(found, words=list(found.words))

    def _best(
        self,
        context: str,
        dimension: str | None,
        implied: str = "",
        about: frozenset[str] = frozenset(),
        about_own: bool = False,
        qualifiers: frozenset[str] = frozenset(),
        own: str | None = None,
        label: str = "",
    ) -> Match | None:
        """The indicator whose name the words of ``context`` (and ``implied``, what the unit says) cover best; at
        least one word of the name must be in ``context`` itself; only indicators that :meth:`fits` the statement's
        subjects and qualifiers. ``own``, when given, is the part of ``context`` that is the statement's own
        (its clause and sentence, not its paragraph's opening): a word of the name must be there."""
        text = phrases.with_synonyms(expand(context))
        real = set(_words(text))
        classes = {phrases.words().within.get(subject, "") for subject in about} - {""}
        supported = _words(implied) + [w for subject in about | classes for w in _words(subject)]
        words = real | set(supported)
        pairs = _pairs(text) | _pairs(implied) | {p for subject in about for p in _pairs(subject)}
        alone = _alone(text)
        own_words = set(_words(phrases.with_synonyms(expand(own)))) | set(supported) if own is not None else set()
        own_content = {
            w for w in _words(phrases.with_synonyms(expand(label))) if w not in _FUNCTION and w not in _OWN_NOTHING
        } - set(supported)
        scored = []
        for entry in self._compatible_entries(dimension):
            if not self.fits(entry, about, about_own, qualifiers):
                continue
            name = self.names[entry.code]
            if not name:
                continue
            weight = sum(self.idf[w] for w in set(name))
            # the things the name is about, when the statement is about them or a part of them («trâu bò» of «…
            # cho gia súc, gia cầm»): found as a whole
            # the figure of an option of its disaggregation in its own unit of things («170.300 con gia cầm»); a
            # percentage about animals says nothing of which rate it is
            part = self.dimensions[entry.code] != "percent" and self.of_a_part(entry, about)
            named = (
                self.subject_syllables[entry.code]
                if about and phrases.covered(about, self.subjects[entry.code] | self.members[entry.code])
                else set(name)  # the figure of an option of its disaggregation: the whole name is meant
                if part
                else set()
            )
            found = [
                w for w in set(name) if w in named or (w in words and (w in alone or self._in_phrase(entry, w, pairs)))
            ]
            member = bool(about & self.members[entry.code])  # «ngô» written for «cây màu (ngô, khoai lang)»
            if not (part or member) and not any(w in real and w not in _UNIT_NAMES for w in found):
                continue
            if own is not None and (
                not any(w in own_words and w not in _UNIT_NAMES for w in found)
                or own_content - set(self.sequences[entry.code])
            ):
                # the paragraph's opening only supports: the statement's own words must name it too, and say
                # nothing the name does not («tỷ lệ tăng dân số bình quân hàng năm» is not «… dân số tự nhiên»)
                continue
            score = sum(self.idf[w] for w in found) / weight if weight else 0.0
            if name[0] not in words and score < 0.8:
                continue  # the head of the name («thu» of «tổng thu ngân sách», «chi» of «tổng chi») must be there
            rarest = max(self.idf[w] for w in name)
            if score < 0.9 and not any(self.idf[w] >= rarest - 1e-9 for w in found):
                continue  # nor without its most specific word («đàn» of «tỷ lệ tăng, giảm tổng đàn»)
            # «hộ cận nghèo» must not match «hộ nghèo»: a word of the context that only the other name has
            scored.append((score, entry, found))
        if not scored:
            return None
        scored.sort(key=lambda s: (-round(s[0], 6), -len(self.names[s[1].code])))  # the fuller name first
        score, entry, found = scored[0]
        if "cận" in words and "cận" not in self.names[entry.code]:
            better = [s for s in scored if "cận" in self.names[s[1].code] and s[0] >= score - 0.2]
            if better:
                score, entry, found = better[0]
        second = next((s[0] for s in scored[1:] if s[1] is not entry), 0.0)
        confidence = score if score - second >= 0.15 else score * 0.8
        return Match(entry, score, round(confidence, 2), sorted(found))
