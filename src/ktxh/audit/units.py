"""Unit words of Vietnamese reports: what they measure (dimension) and their factor to a base unit of it.

Counts (hộ, người, hồ sơ, …) have dimension ``count:<word>`` so that households are never added to files. Units
written as upper-case abbreviations (``HS``, ``TDP``) match a count unit whose initials they are.
"""

from __future__ import annotations

import re
import unicodedata

# unit text → (canonical, dimension, factor to the dimension's base unit)
MEASURES: dict[str, tuple[str, str, float]] = {
    "tỷ đồng": ("tỷ đồng", "money", 1e9), "tỉ đồng": ("tỷ đồng", "money", 1e9), "tỷ": ("tỷ đồng", "money", 1e9),
    "tỉ": ("tỷ đồng", "money", 1e9), "triệu đồng": ("triệu đồng", "money", 1e6), "triệu": ("triệu đồng", "money", 1e6),
    "nghìn đồng": ("nghìn đồng", "money", 1e3), "ngàn đồng": ("nghìn đồng", "money", 1e3),
    "đồng": ("đồng", "money", 1.0), "usd": ("USD", "usd", 1.0),
    "ha": ("ha", "area", 1.0), "héc-ta": ("ha", "area", 1.0), "hécta": ("ha", "area", 1.0),
    "m²": ("m²", "area", 1e-4), "m2": ("m²", "area", 1e-4), "km²": ("km²", "area", 100.0), "km2": ("km²", "area", 100.0),
    "sào": ("sào", "area", 0.036),
    "tấn/ha": ("tấn/ha", "yield", 10.0), "tạ/ha": ("tạ/ha", "yield", 1.0), "kg/ha": ("kg/ha", "yield", 0.01),
    "tấn": ("tấn", "mass", 1000.0), "tạ": ("tạ", "mass", 100.0), "yến": ("yến", "mass", 10.0),
    "kg": ("kg", "mass", 1.0),
    "km": ("km", "length", 1000.0), "m": ("m", "length", 1.0),
    "m³": ("m³", "volume", 1.0), "m3": ("m³", "volume", 1.0), "lít": ("lít", "volume", 0.001),
    "%": ("%", "percent", 1.0),
}

COUNTS = {
    "hộ gia đình": "hộ", "hộ": "hộ", "gia đình": "hộ", "lượt hộ": "lượt hộ", "người": "người",
    "lượt người": "lượt người", "lượt": "lượt", "nhân khẩu": "nhân khẩu", "khẩu": "nhân khẩu",
    "lao động": "lao động", "học sinh": "học sinh", "học viên": "học viên", "trẻ": "trẻ", "cháu": "trẻ",
    "lớp": "lớp", "trường": "trường", "giải": "giải", "trường hợp": "trường hợp", "cặp": "cặp",
    "hồ sơ": "hồ sơ", "bản": "bản", "hợp đồng": "hợp đồng", "đơn": "đơn", "đơn thư": "đơn", "ý kiến": "ý kiến",
    "văn bản": "văn bản", "tin bài": "tin bài", "tin": "tin", "bài": "bài", "liều": "liều", "cây": "cây",
    "thửa": "thửa", "công trình": "công trình", "doanh nghiệp": "doanh nghiệp", "hợp tác xã": "hợp tác xã",
    "cơ sở": "cơ sở", "dự án": "dự án", "cái": "cái", "chiếc": "chiếc", "biển": "biển", "mái": "mái",
    "ngôi mộ": "ngôi mộ", "con": "con", "thẻ": "thẻ", "cá nhân": "cá nhân", "tập thể": "tập thể",
    "cán bộ": "cán bộ", "giáo viên": "giáo viên", "đồng chí": "đồng chí", "đ/c": "đồng chí",
    "thanh niên": "thanh niên", "vụ": "vụ", "cuộc": "cuộc", "hội nghị": "hội nghị", "lần": "lần", "buổi": "buổi",
    "tổ dân phố": "tổ dân phố", "thôn": "thôn", "xóm": "xóm", "làng": "làng", "nhà": "nhà", "căn nhà": "nhà",
    "phòng": "phòng", "phòng học": "phòng học", "giường bệnh": "giường bệnh", "suất": "suất", "phần quà": "suất",
    "tiêu chí": "tiêu chí", "chỉ tiêu": "chỉ tiêu", "thủ tục": "thủ tục", "mô hình": "mô hình", "điểm": "điểm",
    "đối tượng": "đối tượng", "bệnh nhân": "bệnh nhân", "ca": "ca", "tàu": "tàu", "xe": "xe", "máy": "máy",
    "ô": "ô", "bàn": "bàn", "ghế": "ghế", "km đường": "km", "hội viên": "hội viên", "đoàn viên": "đoàn viên",
    "đảng viên": "đảng viên", "chi hội": "chi hội", "câu lạc bộ": "câu lạc bộ", "đội": "đội", "nhóm": "nhóm",
    "lô": "lô", "giấy chứng nhận": "giấy chứng nhận", "quyết định": "quyết định", "vận động viên": "vận động viên",
    "ngày": "ngày", "tháng": "tháng", "năm": "năm", "tuổi": "tuổi", "bậc": "bậc",
}
# Counts that say how much time, rank or age: never summed, compared or shared.
NOT_AMOUNTS = {"ngày", "tháng", "năm", "tuổi", "bậc", "điểm", "lần"}

_ALL = {**{k: v for k, v in MEASURES.items()}, **{k: (v, "count:" + v, 1.0) for k, v in COUNTS.items()}}
_KEYS = sorted(_ALL, key=len, reverse=True)
_PATTERN = re.compile(
    r"\s*(" + "|".join(re.escape(k) for k in _KEYS) + r")(?![\w²³])", re.IGNORECASE)
_ABBREVIATION = re.compile(r"\s*([A-ZĐ]{2,4})(?![\w])")
_PER = re.compile(r"(/\s*[^\W\d_]+(?:\s[^\W\d_]+)?)+")


def initials(word: str) -> str:
    return "".join(unicodedata.normalize("NFD", w)[0].upper() for w in word.split())


def match_unit(text: str, pos: int) -> tuple[str | None, str | None, float, int, str]:
    """The unit written at ``text[pos:]``: (canonical, dimension, factor, end offset, raw text)."""
    match = _PATTERN.match(text, pos)
    if match:
        raw = match.group(1)
        canonical, dimension, factor = _ALL[raw.lower()]
        end = match.end()
        if dimension != "yield":
            per = _PER.match(text, end)
            if per and text[end:end + 1] == "/":  # "triệu đồng/người/tháng", "lần/tuần": a rate, not an amount
                return canonical + per.group(0).replace(" ", ""), "rate:" + dimension, factor, per.end(), \
                    text[match.start(1):per.end()]
        return canonical, dimension, factor, end, raw
    abbreviation = _ABBREVIATION.match(text, pos)
    if abbreviation:
        raw = abbreviation.group(1)
        return raw, "abbr:" + raw, 1.0, abbreviation.end(), raw
    return None, None, 1.0, pos, ""


def same_dimension(a: str | None, b: str | None) -> bool:
    """Whether two dimensions measure the same thing (an abbreviation matches the count unit it abbreviates)."""
    if not a or not b:
        return False
    if a == b:
        return True
    for x, y in ((a, b), (b, a)):
        if x.startswith("abbr:") and y.startswith("count:") and initials(y[6:]) == x[5:]:
            return True
    return False


def is_amount(dimension: str | None) -> bool:
    """Amounts can be added and compared: money, area, mass, volume, length and counts of things."""
    if not dimension:
        return False
    if dimension.startswith("count:"):
        return dimension[6:] not in NOT_AMOUNTS
    return dimension in ("money", "area", "mass", "volume", "length", "usd") or dimension.startswith("abbr:")
