"""The words that say what a figure is about, read as Vietnamese phrases (``data/ingest/words.csv``).

Matching an indicator's name syllable by syllable mistakes one thing for another: «cây rau» has the «cây» of «cây
màu», «sản xuất» the «sản» of «thủy sản», and a yield of beans is a yield like the rice yield. Three lists fix what
syllables cannot:

* **subjects** — the things a figure is about: crops (``lúa``, ``ngô``, ``rau màu``), animals, land, aquaculture.
  Found as whole phrases, longest first («rau màu» is not «màu»), with their spelling variants (``means``: «heo» is
  «lợn») and the class they belong to (``within``: «trâu» is a «gia súc»); ``not`` rows are words that contain a
  subject's syllables but name something else («câu lạc bộ»).
* **qualifiers** — words that make a different measure of the same thing: a harvested area is not the sown area
  «diện tích lúa» means, households that registered for a title did not reach it. ``dimension`` limits a qualifier
  to the figures it changes («năng suất thu hoạch» is still the yield).
* **synonyms** — what reports write for the words of a catalog name («sản lượng lương thực» for «… lương thực có
  hạt»).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ktxh.datafiles import Problems, read_table

DATA = Path(__file__).resolve().parent.parent / "data"
COLUMNS = ["word", "role", "means", "within", "dimension", "english"]


def normal(text: str) -> str:
    """Lower case, composed, one spelling of the tone marks that reports write two ways («thuỷ»/«thủy»)."""
    text = unicodedata.normalize("NFC", text.lower())
    for old, new in (("hoà", "hòa"), ("thuỷ", "thủy"), ("hoá", "hóa"), ("tỉ lệ", "tỷ lệ")):
        text = text.replace(old, new)
    return text


@dataclass(frozen=True)
class Words:
    subjects: re.Pattern  # every subject and «not» phrase, longest first, on syllable boundaries
    canonical: dict[str, str]  # phrase → the subject it names («heo» → «lợn»), «not» phrases → ""
    within: dict[str, str]  # subject → the class it belongs to («trâu» → «gia súc»)
    qualifiers: tuple[tuple[re.Pattern, str, str], ...]  # (pattern, word, dimension or "")
    synonyms: tuple[tuple[re.Pattern, str], ...]


def _phrase(words: list[str]) -> re.Pattern:
    words = sorted(words, key=len, reverse=True)
    return re.compile(r"(?<![^\W\d_])(?:" + "|".join(re.escape(w) for w in words) + r")(?![^\W\d_])")


@lru_cache(maxsize=1)
def words() -> Words:
    path = DATA / "ingest" / "words.csv"
    problems = Problems()
    rows = read_table(path, COLUMNS, ["word", "role"], problems, path.parent.parent)
    problems.raise_if_any()
    canonical: dict[str, str] = {}
    within: dict[str, str] = {}
    qualifiers, synonyms = [], []
    for row in rows:
        word, role = normal(row["word"]), row["role"]
        if role == "subject":
            canonical[word] = normal(row["means"]) or word
            if row["within"]:
                within[canonical[word]] = normal(row["within"])
        elif role == "not":
            canonical[word] = ""
        elif role == "qualifier":
            qualifiers.append((_phrase([word]), word, row["dimension"]))
        elif role == "synonym":
            synonyms.append((_phrase([word]), normal(row["means"])))
    return Words(_phrase(list(canonical)), canonical, within, tuple(qualifiers), tuple(synonyms))


def classes() -> frozenset[str]:
    """The subjects that are classes of others («gia súc», «gia cầm»)."""
    return frozenset(words().within.values())


def covered(about: frozenset[str], wanted: frozenset[str]) -> bool:
    """Whether every subject of ``about`` is one of ``wanted`` or belongs to a class of it («trâu» to «gia súc»)."""
    within = words().within
    return all(s in wanted or within.get(s) in wanted for s in about)


_ASIDE = re.compile(r"\([^()]*\)")


@lru_cache(maxsize=4096)
def subjects(text: str) -> tuple[tuple[int, int, str], ...]:
    """The subjects named in ``text`` outside parentheses («cây màu (cây Ngô, Khoai Lang)» is about «màu»):
    (start, end, subject) in order; «not» phrases are skipped."""
    table = words()
    out = []
    plain = _ASIDE.sub(lambda m: " " * len(m.group(0)), normal(text))
    for match in table.subjects.finditer(plain):
        subject = table.canonical.get(match.group(0), "")
        named = len(plain) == len(text) and text[match.start()].isupper()
        if subject and not (named and _PLACE_BEFORE.search(plain, max(0, match.start() - 12), match.start())):
            out.append((match.start(), match.end(), subject))
    return tuple(out)


# a capitalised word after the word for a place is the place's name: «xã Lạc Hưng» is no groundnut
_PLACE_BEFORE = re.compile(r"(?<![^\W\d_])(?:xã|phường|thị trấn|huyện|tỉnh|thôn|xóm|bản|làng|ấp|buôn|khu|tổ)\s+$")


_JOIN = re.compile(r"^\s*(?:,|và|với|cùng|hoặc|\s)*\s*(?:cây|con|các loại)?\s*$")


def last_subject(text: str) -> frozenset[str]:
    """The subject of the last phrase of ``text`` that names one, with those joined to it («lúa và cây rau màu»:
    both): what a number written after ``text`` is about."""
    found = subjects(text)
    if not found:
        return frozenset()
    group = [found[-1]]
    lowered = normal(text)
    for item in reversed(found[:-1]):
        if _JOIN.match(lowered[item[1] : group[-1][0]]):
            group.append(item)
        else:
            break
    return frozenset(s for _, _, s in group)


def first_subjects(text: str) -> frozenset[str]:
    """The subjects of the phrase that opens ``text`` (the words after a unit, up to a verb or a punctuation mark:
    «ha lúa và cây rau màu các loại», «mô hình khảo nghiệm giống lúa»): the first one and those joined to it."""
    found = subjects(text)
    if not found:
        return frozenset()
    lowered = normal(text)
    group = [found[0]]
    for item in found[1:]:
        if _JOIN.match(lowered[group[-1][1] : item[0]]):
            group.append(item)
        else:
            break
    return frozenset(s for _, _, s in group)


def qualifiers(text: str, dimension: str | None) -> frozenset[str]:
    """The qualifiers of ``text`` that change a figure of ``dimension``."""
    lowered = normal(text)
    return frozenset(
        word
        for pattern, word, only in words().qualifiers
        if (not only or only == dimension) and pattern.search(lowered)
    )


def with_synonyms(text: str) -> str:
    """``text`` with the catalog's wording added after each synonym («sản lượng lương thực» → «… có hạt»)."""
    lowered = " ".join(normal(text).split())  # one space between words («tham gia  bảo hiểm y tế» once expanded)
    extra = [means for pattern, means in words().synonyms if pattern.search(lowered)]
    return " ".join([text, *extra]) if extra else text
