"""Grammar helpers for the report's sentences, and the figures as sentence templates see them.

A sentence template (``data/catalog/sentences/*.csv``, see :mod:`ktxh.reports.plans`) or a narrative names figures
by their indicator code and writes them with these filters, in the report's sandbox::

    Cây lúa tổng diện tích {{ dien_tich_lua | so }} đạt năng suất {{ khoang(nang_suat_lua_thap, nang_suat_lua_cao) }}
    Đàn lợn {{ tong_dan_chan_nuoi | phan("vat_nuoi=lon") | so }} ({{ tong_dan_chan_nuoi | phan("vat_nuoi=lon") | so_cung_ky }})
    {{ so_don_thu_da_giai_quyet | tren_tong(so_don_thu_tiep_nhan) }}          → "30/31 đơn, đạt 96,8%"
    {{ so_nguoi_tham_gia_bhxh_tu_nguyen | ke_hoach }}                          → "đạt 101,3% kế hoạch huyện giao"

Filters: ``so`` (number and unit), ``tren``/``hon``/``gan``/``khoang_chung`` (a qualifier before it), ``so_tran``
(the number alone), ``so_cung_ky`` (change in words), ``thu_hang`` (rank change: "tụt 5 bậc"), ``ke_hoach``
(target and judgement), ``tren_tong`` (a count of a total with its share), ``ty_le`` (share of a total, computed),
``cac_phan`` (the parts, "lợn 4.426 con; gia cầm 51.002 con"), ``phan`` (one part), ``chu`` (the first letter
small). Functions: ``khoang(low, high)`` ("56 - 60 tạ/ha"). A figure is true in ``{% if %}`` when it has a value.

A filter applied to a figure that has no value raises :class:`Missing`: the sentence is left out (and the check
list names the figure), never printed with a hole.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ktxh.reports import sentences as say


class Missing(Exception):
    """A sentence needs a figure that has no value for the period."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


@dataclass
class Fig:
    """One figure of the report's unit and period, with what a sentence may say about it."""

    code: str
    name: str
    unit: str
    value: Decimal | None = None
    text: str = ""
    estimate: bool = False
    is_rate: bool = False
    is_count: bool = False
    direction: str = "higher"
    change: object = None  # analytics.achievement.Change
    targets: list = field(default_factory=list)  # [(scorecard Target, Judgement)]
    parts: list[Fig] = field(default_factory=list)
    part_key: str = ""
    unit_type: str = "commune"
    computed: list = field(default_factory=list)  # percentages a sentence computed from it (for the check list)
    summable: bool = False  # its parts add up to it (a count or an amount summed over a dimension)
    items: dict = field(default_factory=dict)  # a part's "dimension=option" items and their names, in key order
    how: str = ""  # how the figure was obtained ("direct", "rollup" of the units below, …): ktxh.figures

    def __bool__(self) -> bool:
        return self.value is not None or bool(self.text)

    def __str__(self) -> str:
        return so(self)

    def need(self) -> Decimal:
        if self.value is None:
            raise Missing(self.code)
        return self.value

    def slice(self, item: str) -> Fig:
        """The figure for one option of a dimension ("tuyen_duong=dt_288"): the part with exactly that key, or the
        sum of the parts that have it (for a summed figure); its parts are those parts, named by their other
        options ("ĐT 288 – bên phải tuyến …"). Empty (false in ``{% if %}``) when no part has the option."""
        inner = [p for p in self.parts if item in p.items and len(p.items) > 1]
        exact = next((p for p in self.parts if list(p.items) == [item]), None)
        out = Fig(
            f"{self.code}[{item}]",
            exact.name if exact else self.name,
            self.unit,
            is_rate=self.is_rate,
            is_count=self.is_count,
            direction=self.direction,
            unit_type=self.unit_type,
            summable=self.summable,
        )
        if exact is not None:
            out.value, out.text, out.estimate, out.change = exact.value, exact.text, exact.estimate, exact.change
        elif self.summable and any(p.value is not None for p in inner):
            out.value = sum(p.value for p in inner if p.value is not None)
        for part in inner:
            rest = {k: v for k, v in part.items.items() if k != item}
            sub = Fig(
                part.code,
                ", ".join(rest.values()),
                part.unit,
                part.value,
                part.text,
                part.estimate,
                part.is_rate,
                part.is_count,
                part.direction,
                part.change,
                unit_type=part.unit_type,
                part_key=";".join(rest),
                items=rest,
            )
            out.parts.append(sub)
        return out


def _fig(value) -> Fig:
    if not isinstance(value, Fig):
        raise TypeError("cần một số liệu (mã chỉ tiêu)")
    return value


def number(value: Decimal, pad: bool = False) -> str:
    text = say.format_number(value if say.display_places(value) is None else say.rounded(value, 2))
    if pad and value == value.to_integral_value() and 0 < abs(value) < 10:
        text = "0" + text  # "giảm 02 doanh nghiệp", as offices write small counts
    return text


def so(value, places: int | None = None) -> str:
    """ "4.426 con", "94,2%", "thứ 2"; a qualitative figure gives its wording."""
    fig = _fig(value)
    if fig.value is None:
        if fig.text:
            return fig.text
        raise Missing(fig.code)
    return say.quantity(fig.value, fig.unit, places if places is not None else say.display_places(fig.value))


def so_tran(value) -> str:
    fig = _fig(value)
    return number(fig.need())


def _qualified(word: str):
    def qualify(value) -> str:
        return f"{word} {so(value)}"

    return qualify


tren, hon, gan, khoang_chung = _qualified("trên"), _qualified("hơn"), _qualified("gần"), _qualified("khoảng")


def khoang(low, high) -> str:
    """ "56 - 60 tạ/ha"; one number when both ends are equal."""
    low, high = _fig(low), _fig(high)
    a, b = low.need(), high.need()
    if a == b:
        return so(high)
    unit = high.unit
    if unit == "%":
        return f"{number(a)} - {number(b)}%"
    return f"{number(a)} - {number(b)} {unit}"


def so_cung_ky(value) -> str:
    """ "giảm 13,7% so cùng kỳ", "giảm 02 doanh nghiệp so cùng kỳ", "" when there is no previous value."""
    fig = _fig(value)
    fig.need()
    change = fig.change
    if change is None or change.previous is None or change.change is None:
        return ""
    if fig.is_count and change.change != 0:
        word = "tăng" if change.change > 0 else "giảm"
        amount = abs(change.change)
        return f"{word} {number(amount, pad=True)} {fig.unit} so cùng kỳ"
    return say.change_clause(change, "", fig.is_rate, fig.is_count, fig.unit)


def tang_giam(value, suffix: str = "so cùng kỳ") -> str:
    """A stated change in words: -13,7 (%) → "giảm 13,7% so cùng kỳ"; 2 (doanh nghiệp) → "tăng 02 doanh nghiệp …"."""
    fig = _fig(value)
    amount = fig.need()
    if amount == 0:
        return f"bằng {suffix.replace('so ', '')}".strip()
    word = "tăng" if amount > 0 else "giảm"
    shown = f"{number(abs(amount))}%" if fig.unit == "%" else f"{number(abs(amount), pad=True)} {fig.unit}"
    return f"{word} {shown} {suffix}".strip()


def thu_hang(value) -> str:
    """A change of rank in steps: "tăng 4 bậc", "tụt 5 bậc", "giữ nguyên thứ hạng"."""
    fig = _fig(value)
    steps = fig.need()
    if steps == 0:
        return "giữ nguyên thứ hạng"
    return f"{'tăng' if steps > 0 else 'tụt'} {number(abs(steps))} bậc"


def dat(value) -> str:
    """ "ước đạt 26,5 tỷ đồng" for an estimate, "đạt 26,5 tỷ đồng" otherwise."""
    fig = _fig(value)
    return f"{'ước đạt' if fig.estimate else 'đạt'} {so(fig)}"


def ke_hoach(value, nhac_lai: bool = True) -> str:
    """ "đạt 101,3% kế hoạch huyện giao" (the percentage computed from the result and the target); for rates and
    ceilings "huyện giao 2,03%, thị trấn đạt 1,59%"; "" when there is no target."""
    fig = _fig(value)
    actual = fig.need()
    clauses = []
    for target, judgement in fig.targets:
        if target is None or judgement is None:
            continue
        clause = say.target_clause(
            target, judgement, actual, fig.is_rate, fig.unit, fig.unit_type, fig.direction, restate_actual=nhac_lai
        )
        if judgement.pct_of_target is not None:
            fig.computed.append(say.rounded(judgement.pct_of_target, 1))
        if clause:
            clauses.append(clause)
    return ", ".join(clauses)


def ty_le(value, total) -> str:
    """The share of a total, computed from the two figures: "96,8%"."""
    part, whole = _fig(value), _fig(total)
    a, b = part.need(), whole.need()
    if b == 0:
        raise Missing(whole.code)
    pct = say.rounded(a / b * 100, 1)
    part.computed.append(pct)
    return f"{say.format_number(pct)}%"


def tren_tong(value, total, verb: str = "đạt") -> str:
    """ "30/31 đơn, đạt 96,8%": a count of a total and its share, both from the figures; ``verb=""`` gives
    "30/31 đơn" alone."""
    part, whole = _fig(value), _fig(total)
    head = f"{number(part.need())}/{number(whole.need())} {part.unit}"
    return f"{head}, {verb} {ty_le(part, whole)}" if verb else head


def phan(value, key: str) -> Fig:
    """One part of a breakdown, by its disaggregation key ("vat_nuoi=lon") or its label."""
    fig = _fig(value)
    for part in fig.parts:
        if part.part_key == key or part.name.lower() == str(key).lower():
            return part
    return Fig(f"{fig.code}[{key}]", key, fig.unit)


def cac_phan(value, with_change=True, sep: str = "; ", ty_trong: bool = False) -> str:
    """ "lợn 4.426 con (giảm 13,7% so cùng kỳ); gia cầm 51.002 con" — every part that has a value, in the catalog's
    order of options. ``sep`` joins the parts (", " for a short list inside a clause); ``ty_trong=true`` adds each
    part's share of the whole, computed ("1.711 hồ sơ (81,6%)").

    With another figure broken down the same way as argument, its matching part is said with each part: a stated
    change ("tăng, giảm … so cùng kỳ") as a change, a "% kế hoạch" figure as the achievement ("đạt 100% kế hoạch
    giao"), a figure in the same unit as what it holds ("95 hộ (trong đó 10 hộ …)"), any other one after a comma
    ("1 tập thể, 4 cá nhân")."""
    fig = _fig(value)
    shown = [p for p in fig.parts if p.value is not None]
    whole = fig.value if fig.value is not None else sum((p.value for p in shown), Decimal(0))
    pieces = []
    for part in shown:
        piece = labelled(part)
        if ty_trong and whole:
            share = say.rounded(part.value / whole * 100, 1)
            part.computed.append(share)
            piece += f" ({say.format_number(share)}%)"
        if isinstance(with_change, Fig):
            other = phan(with_change, part.part_key)
            if other.value is not None:
                name = with_change.name.lower()
                if "tăng" in name or "thay đổi" in name:
                    piece += f" ({tang_giam(other)})"
                elif with_change.unit == "%" and "kế hoạch" in name:
                    piece += f", đạt {so(other)} kế hoạch giao"
                elif with_change.unit == part.unit:
                    piece += f" (trong đó {so(other)})"
                else:
                    piece += f", {_short_count(with_change, so(other))}"
            pieces.append(piece)
            continue
        change = so_cung_ky(part) if with_change else ""
        pieces.append(f"{piece} ({change})" if change else piece)
    if not pieces:
        raise Missing(fig.code)
    return sep.join(pieces)


def _short_count(fig: Fig, amount: str) -> str:
    """ "10 nhà" for "Số nhà kiên cố bị ảnh hưởng …" → "10 nhà kiên cố": the counted noun without what happened
    to it (the sentence says that)."""
    phrase = _count_phrase(fig.name, fig.unit, amount)
    if not phrase:
        return amount
    for verb in (" bị ", " được ", " đã ", " trong ", " theo ", " có "):
        if verb in phrase:
            phrase = phrase.split(verb, 1)[0]
    return phrase


#: units that only count things: "10 bàn", not "bàn 10 cái"
CLASSIFIERS = {"cái", "chiếc"}


def labelled(part: Fig) -> str:
    """ "lợn 4.426 con"; "giống lúa HG 12: 2 ha" when the label ends in a number."""
    label = chu(part.name)
    if part.unit in CLASSIFIERS and part.value is not None and not part.is_rate:
        return f"{number(part.value)} {label}"
    return f"{label}: {so(part)}" if label[-1:].isdigit() or label.endswith(")") else f"{label} {so(part)}"


def chu(text) -> str:
    """The first letter small (a label in the middle of a sentence), unless it is an acronym or a proper name."""
    text = str(text)
    if not text:
        return text
    first = text.split(" ", 1)[0]
    if len(first) > 1 and (first.isupper() or first[1:] != first[1:].lower()):
        return text
    if text.startswith(PROPER_NAMES):
        return text
    return text[:1].lower() + text[1:]


#: the heads of proper names (a road, a school, a project, a body): they keep their capital in a sentence
PROPER_NAMES = (
    "Đường ",
    "Trường ",
    "Tổ dân phố",
    "Dự án",
    "Quốc lộ",
    "Tỉnh lộ",
    "Hội ",
    "Ngân hàng",
    "Đoàn ",
    "Trạm ",
    "Ban ",
    "Chủ tịch",
    "Luật ",
    "Cuộc thi",
    "Liên hoan",
)

FILTERS = {
    "so": so,
    "so_tran": so_tran,
    "tren": tren,
    "hon": hon,
    "gan": gan,
    "khoang_chung": khoang_chung,
    "so_cung_ky": so_cung_ky,
    "tang_giam": tang_giam,
    "thu_hang": thu_hang,
    "ke_hoach": ke_hoach,
    "dat": dat,
    "ty_le": ty_le,
    "tren_tong": tren_tong,
    "phan": phan,
    "cac_phan": cac_phan,
    "chu": chu,
}
FUNCTIONS = {"khoang": khoang}


# -- sentences without a template ------------------------------------------------------------------------------


def clause(fig: Fig, with_parts: bool = True, limit: int = 3) -> tuple[str, str]:
    """A clause about one figure as an official writes it without a template, and the footnote text of its parts
    when they are a long list: ("84 hộ nghèo, giảm 23 hộ so cùng kỳ", "")."""
    name = fig.name
    if fig.value is None and fig.text:
        return fig.text.rstrip("."), ""
    parts = [p for p in fig.parts if p.value is not None]
    note = ""
    if fig.value is None:
        if not parts:
            raise Missing(fig.code)
        listed = "; ".join(labelled(p) for p in parts)
        if fig.summable and len({p.part_key.split("=")[0] for p in parts}) == 1:
            total = sum(p.value for p in parts)  # the parts of one dimension of a summed indicator
            whole = Fig(fig.code, name, fig.unit, total, is_count=fig.is_count, is_rate=fig.is_rate)
            head = _count_phrase(name, fig.unit, so(whole)) or f"{name} {so(whole)}"
            if len(parts) == 1:
                return f"{head} ({parts[0].name})", ""
            if len(parts) <= limit:
                return f"{head} ({listed})", ""
            return head, f"{name} gồm: {listed}"
        return f"{name} ({listed})", ""
    if fig.unit == "bậc":  # "Thay đổi thứ hạng so với năm học trước" → "tăng 4 bậc so với năm học trước"
        rest = name.split("thứ hạng", 1)[1].strip() if "thứ hạng" in name else ""
        return f"{thu_hang(fig)} {rest}".strip(), ""
    amount = so(fig)
    head = _count_phrase(name, fig.unit, amount) if fig.is_count else None
    if head is not None and fig.value == 0 and not fig.targets:  # "không có đơn thư vượt cấp", not "0 đơn thư …"
        return "không có " + head.split(" ", 1)[1], ""
    if head is None:
        if fig.unit in say.ORDINAL_UNITS:
            head = _rank_phrase(name, amount)
        elif fig.estimate:
            head = f"{name} ước đạt {amount}"
        elif fig.is_rate:
            head = f"{name} đạt {amount}"
        else:
            head = f"{name} {amount}"
    extra = [c for c in (so_cung_ky(fig), ke_hoach(fig, nhac_lai=False)) if c]
    if with_parts and len(parts) == 1 and parts[0].value == fig.value:  # all of it is one part: name it
        head += f" ({chu(parts[0].name)})"
    elif with_parts and parts:
        listed = "; ".join(labelled(p) for p in parts)
        if len(parts) <= limit:
            extra.insert(0, f"gồm: {listed}")
        else:
            note = f"{name} gồm: {listed}"
    return ", ".join([head, *extra]), note


def _count_phrase(name: str, unit: str, amount: str) -> str | None:
    """ "Số hộ nghèo" + "84 hộ" → "84 hộ nghèo"; "Số đơn thư tiếp nhận" + "31 đơn" → "31 đơn thư tiếp nhận"; a count of
    people names them: "Số cán bộ trực tại bộ phận một cửa" + "5 người" → "5 cán bộ trực tại bộ phận một cửa"."""
    for prefix in ("Số ", "Tổng số "):
        if name.startswith(prefix):
            rest = name[len(prefix) :]
            number_only = amount.rsplit(" " + unit, 1)[0]
            if unit and (rest == unit or rest.startswith(unit + " ") or rest.startswith(unit + ",")):
                return number_only + " " + rest
            if unit == "người" and number_only != amount:
                return number_only + " " + rest
    return None


def _rank_phrase(name: str, amount: str) -> str:
    """ "Xếp hạng phong trào giáo dục trong huyện" + "thứ 2" → "Phong trào giáo dục xếp thứ 2 trong huyện"."""
    for head in ("Xếp hạng ", "Xếp loại "):
        if name.startswith(head):
            rest = name[len(head) :]
            subject, _, scope = rest.partition(" trong ")
            text = f"{subject} xếp {amount}" + (f" trong {scope}" if scope else "")
            return text[:1].upper() + text[1:]
    return f"{name} {amount}"


def sentences(clauses: list[tuple[str, str]], per_sentence: int = 4) -> list[tuple[str, str]]:
    """Clauses joined into sentences of a few clauses each, each with at most one footnote."""
    out = []
    for start in range(0, len(clauses), per_sentence):
        chunk = clauses[start : start + per_sentence]
        text = "; ".join(chu(c) if i else c for i, (c, _) in enumerate(chunk))
        text = text[:1].upper() + text[1:]
        notes = [n for _, n in chunk if n]
        out.append((text + ".", "; ".join(notes) + "." if notes else ""))
    return out
