"""The grammar helpers of sentence plans (reports/prose.py) and the plan files themselves (reports/plans.py)."""

import csv
from decimal import Decimal as D

import pytest

from ktxh.analytics.achievement import Change, judge
from ktxh.datafiles import LoadError
from ktxh.reports import plans, prose
from ktxh.reports.prose import Fig


class Source:
    short_name = "huyện giao"


class Target:
    def __init__(self, value, form="exact"):
        self.value, self.value_high, self.form, self.text, self.source = value, None, form, "", Source()


def render(source: str, **figures) -> str:
    return plans.env().from_string(source).render(figures)


# -- prose: each grammar helper ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "filter_, text",
    [
        ("tren", "trên 4.000 người"),
        ("hon", "hơn 4.000 người"),
        ("gan", "gần 4.000 người"),
        ("khoang_chung", "khoảng 4.000 người"),
    ],
)
def test_qualifiers(filter_, text):
    assert render(f"{{{{ lao_dong | {filter_} }}}}", lao_dong=Fig("lao_dong", "Số lao động", "người", D(4000))) == text


def test_ranges():
    low, high = Fig("thap", "Năng suất lúa thấp", "tạ/ha", D(56)), Fig("cao", "Năng suất lúa cao", "tạ/ha", D(60))
    assert render("{{ khoang(a, b) }}", a=low, b=high) == "56 - 60 tạ/ha"
    assert render("{{ khoang(a, b) }}", a=high, b=high) == "60 tạ/ha"
    assert prose.khoang(Fig("a", "", "%", D(7)), Fig("b", "", "%", D(9))) == "7 - 9%"


def test_changes_in_words():
    pigs = Fig("lon", "Đàn lợn", "con", D(4426), change=Change(D(5129), D(-703), D("-13.706")))
    assert render("{{ x | so_cung_ky }}", x=pigs) == "giảm 13,7% so cùng kỳ"
    grown = Fig("sx", "Sản lượng", "tấn", D("108.2"), change=Change(D(100), D("8.2"), D("8.2")))
    assert prose.so_cung_ky(grown) == "tăng 8,2% so cùng kỳ"
    firms = Fig("dn", "Số doanh nghiệp", "doanh nghiệp", D(181), is_count=True, change=Change(D(183), D(-2), None))
    assert prose.so_cung_ky(firms) == "giảm 02 doanh nghiệp so cùng kỳ"
    assert prose.so_cung_ky(Fig("dn", "", "doanh nghiệp", D(181), is_count=True)) == ""  # no previous value
    assert prose.tang_giam(Fig("t", "Tăng, giảm", "%", D("-13.7"))) == "giảm 13,7% so cùng kỳ"
    assert prose.tang_giam(Fig("t", "Tăng, giảm", "doanh nghiệp", D(-2))) == "giảm 02 doanh nghiệp so cùng kỳ"


def test_rank_changes():
    assert prose.thu_hang(Fig("h", "Thay đổi thứ hạng", "bậc", D(-5))) == "tụt 5 bậc"
    assert prose.thu_hang(Fig("h", "Thay đổi thứ hạng", "bậc", D(4))) == "tăng 4 bậc"
    assert prose.thu_hang(Fig("h", "Thay đổi thứ hạng", "bậc", D(0))) == "giữ nguyên thứ hạng"
    text, _ = prose.clause(Fig("h", "Thay đổi thứ hạng so với năm học trước", "bậc", D(-5)))
    assert text == "tụt 5 bậc so với năm học trước"


def test_target_and_judgement():
    members = Fig(
        "bhxh",
        "Số người tham gia BHXH tự nguyện",
        "người",
        D(648),
        is_count=True,
        targets=[(Target(D(640)), judge(D(648), D(640), None, "exact", "higher", False))],
    )
    assert render("{{ x | ke_hoach }}", x=members) == "đạt 101,3% kế hoạch huyện giao"
    assert members.computed == [D("101.3")]  # the computed percentage goes to the check list's comparison
    poor = Fig(
        "ngheo",
        "Tỷ lệ hộ nghèo",
        "%",
        D("1.59"),
        is_rate=True,
        direction="lower",
        unit_type="town",
        targets=[(Target(D("2.03")), judge(D("1.59"), D("2.03"), None, "exact", "lower", True))],
    )
    assert prose.ke_hoach(poor) == "huyện giao 2,03%, thị trấn đạt 1,59% (đạt)"
    assert prose.ke_hoach(Fig("x", "", "hộ", D(5))) == ""  # no target, nothing said


def test_counts_of_a_total_with_their_share():
    done, received = Fig("xong", "Số đơn đã giải quyết", "đơn", D(30)), Fig("nhan", "Số đơn tiếp nhận", "đơn", D(31))
    assert render("{{ a | tren_tong(b) }}", a=done, b=received) == "30/31 đơn, đạt 96,8%"
    assert prose.tren_tong(done, received, verb="") == "30/31 đơn"
    assert prose.ty_le(done, received) == "96,8%"
    with pytest.raises(prose.Missing):
        prose.ty_le(done, Fig("nhan", "", "đơn", D(0)))


def test_parts_and_missing_figures():
    total = Fig(
        "dan",
        "Tổng đàn",
        "con",
        D(55000),
        parts=[
            Fig("dan[lon]", "Lợn", "con", D(4426), part_key="vat_nuoi=lon"),
            Fig("dan[gia_cam]", "Gia cầm", "con", D(51002), part_key="vat_nuoi=gia_cam"),
            Fig("dan[cho]", "Chó, mèo", "con", None, part_key="vat_nuoi=cho"),
        ],
    )
    assert render("{{ x | phan('vat_nuoi=lon') | so }}", x=total) == "4.426 con"
    assert prose.cac_phan(total) == "lợn 4.426 con; gia cầm 51.002 con"
    with pytest.raises(prose.Missing):  # a missing figure leaves the sentence out, never a hole
        render("{{ x | phan('vat_nuoi=cho') | so }}", x=total)
    assert not Fig("x", "", "ha") and Fig("x", "", "ha", D(0))
    assert prose.chu("Tổ dân phố Tiên Hưng") == "Tổ dân phố Tiên Hưng" and prose.chu("Đàn lợn") == "đàn lợn"
    assert prose.chu("BHYT") == "BHYT"


# -- plans: refused at load with file, line and reason ------------------------------------------------------------

KNOWN = {"dan_lon", "ho_ngheo", "tong_so_ho"}
SECTORS = {"KT.NN", "VX"}


def write_plans(folder, *templates):
    folder.mkdir(exist_ok=True)
    with open(folder / "cau.csv", "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(plans.PLAN_COLUMNS)
        for number, template in enumerate(templates, 1):
            writer.writerow([f"cau_{number}", "VX", number, "", template, ""])
    return folder


def test_a_good_plan_is_read_with_its_figures(tmp_path):
    folder = write_plans(tmp_path / "p", "Tổng số hộ nghèo {{ ho_ngheo | so }} trên {{ tong_so_ho | so }}")
    [plan] = plans.read_plans(folder, known=KNOWN, sectors=SECTORS)
    assert plan.figures == ["ho_ngheo", "tong_so_ho"] and plan.line == 2
    sentence, note = plans.render(
        plan,
        {
            "ho_ngheo": Fig("ho_ngheo", "Số hộ nghèo", "hộ", D(84)),
            "tong_so_ho": Fig("tong_so_ho", "Tổng số hộ", "hộ", D(5300)),
        },
    )
    assert sentence == "Tổng số hộ nghèo 84 hộ trên 5.300 hộ." and note == ""
    assert plans.render(plan, {"ho_ngheo": Fig("ho_ngheo", "", "hộ"), "tong_so_ho": Fig("t", "", "hộ")}) is None


@pytest.mark.parametrize(
    "template, reason",
    [
        ("Có {{ khong_co_ma | so }} hộ", "khong_co_ma"),  # an unknown figure code
        ("Có {{ ho_ngheo | so }", "3"),  # a syntax error (its line in the file)
        ("{% for x in ho_ngheo %}{{ x }}{% endfor %}", "For"),  # a loop
        ("{{ ho_ngheo.__class__ }}", "__class__"),  # an attribute of the internals
        ("{{ ho_ngheo | so * 1000 }}", "Mul"),  # arithmetic that could build huge strings
        ("{% set x = 1 %}{{ ho_ngheo | so }}", "Assign"),
        ("{% include 'x' %}", "Include"),
        ("{{ ho_ngheo | khong_co_bo_loc }}", "khong_co_bo_loc"),
        ("{{ range(10) }}", "khoang"),  # calls something other than the helpers
    ],
)
def test_a_bad_plan_is_refused_at_load_with_file_line_and_reason(tmp_path, template, reason):
    folder = write_plans(tmp_path / "p", "Có {{ tong_so_ho | so }}", template)
    with pytest.raises(LoadError) as refused:
        plans.read_plans(folder, known=KNOWN, sectors=SECTORS)
    message = str(refused.value)
    assert "cau.csv" in message and "3" in message and reason in message
    assert len(refused.value.problems) == 1 and refused.value.problems[0].line == 3


def test_a_plan_failing_while_filled_names_the_plan_and_the_figure(tmp_path):
    folder = write_plans(tmp_path / "p", "Có {{ khoang(ho_ngheo, 'nhiều') }}")
    [plan] = plans.read_plans(folder, known=KNOWN, sectors=SECTORS)
    with pytest.raises(plans.PlanError) as failed:
        plans.render(plan, {"ho_ngheo": Fig("ho_ngheo", "Số hộ nghèo", "hộ", D(84))})
    message = str(failed.value)
    assert "cau_1" in message and "ho_ngheo" in message and "cau.csv" in message


@pytest.mark.django_db
def test_a_plan_failing_while_filled_leaves_no_document(loaded, tmp_path, monkeypatch):
    from ktxh.periods import Period
    from ktxh.reports.builder import build_report
    from ktxh.units.models import OrgUnit

    folder = tmp_path / "p"
    folder.mkdir()
    with open(folder / "cau.csv", "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(plans.PLAN_COLUMNS)
        writer.writerow(["lon", "KT.NN", 1, "", "Đàn lợn {{ khoang(dan_lon, 'x') }}", ""])
    monkeypatch.setenv("KTXH_SENTENCE_PLANS", str(folder))
    output = tmp_path / "bao-cao.docx"
    with pytest.raises(plans.PlanError, match="dan_lon"):
        build_report(OrgUnit.objects.get(code="xa"), Period.parse("2023"), output, with_charts=False)
    assert not output.exists() and not list(tmp_path.glob("bao-cao.docx*"))


# -- issue 12, the report read as the office writes it ------------------------------------------------------------


def roads() -> Fig:
    """Households affected per road, one road broken down by section (two dimensions), as the demo enters them."""

    def part(key, items, value):
        return Fig(f"ho[{key}]", ", ".join(items.values()), "hộ", D(value), is_count=True, part_key=key, items=items)

    return Fig(
        "ho",
        "Số hộ bị ảnh hưởng",
        "hộ",
        is_count=True,
        summable=True,
        parts=[
            part("tuyen=dt_295", {"tuyen=dt_295": "Đường tỉnh 295"}, 361),
            part("doan=a;tuyen=dt_288", {"doan=a": "Đoạn A", "tuyen=dt_288": "Đường tỉnh 288"}, 95),
            part("doan=b;tuyen=dt_288", {"doan=b": "Đoạn B", "tuyen=dt_288": "Đường tỉnh 288"}, 162),
        ],
    )


def test_a_figure_sliced_by_one_option():
    whole = roads()
    road = whole.slice("tuyen=dt_295")
    assert road.value == 361 and road.name == "Đường tỉnh 295" and not road.parts
    sections = whole.slice("tuyen=dt_288")  # no part of its own: the sum of its sections, which become its parts
    assert sections.value == 257 and [p.name for p in sections.parts] == ["Đoạn A", "Đoạn B"]
    assert prose.cac_phan(sections, False, ", ") == "đoạn A 95 hộ, đoạn B 162 hộ"
    assert not whole.slice("tuyen=ql_37")  # an option without figures is false in {% if %}


def test_parts_with_another_figure_shares_and_counted_things():
    houses = Fig(
        "nha",
        "Số nhà kiên cố bị ảnh hưởng",
        "nhà",
        parts=[Fig("nha[a]", "Đoạn A", "nhà", D(10), part_key="doan=a")],
    )
    sections = roads().slice("tuyen=dt_288")
    assert prose.cac_phan(sections, houses) == "đoạn A 95 hộ, 10 nhà kiên cố; đoạn B 162 hộ"
    dossiers = Fig(
        "hs",
        "Số hồ sơ",
        "hồ sơ",
        D(2097),
        parts=[
            Fig("hs[a]", "Một phần", "hồ sơ", D(1711), part_key="m=a"),
            Fig("hs[b]", "Toàn trình", "hồ sơ", D(386), part_key="m=b"),
        ],
    )
    assert prose.cac_phan(dossiers, False, "; ", True) == "một phần 1.711 hồ sơ (81,6%); toàn trình 386 hồ sơ (18,4%)"
    assert dossiers.parts[0].computed == [D("81.6")]  # the computed share goes to the check list's comparison
    chairs = Fig("vd", "", "cái", parts=[Fig("vd[g]", "Ghế nhựa", "cái", D(15), is_count=True, part_key="l=g")])
    assert prose.cac_phan(chairs, False) == "15 ghế nhựa"  # "15 ghế nhựa", not "ghế nhựa 15 cái"


def test_clauses_without_a_template_read_as_sentences():
    zero = Fig("dt", "Số đơn thư vượt cấp, khiếu kiện đông người", "đơn thư", D(0), is_count=True)
    assert prose.clause(zero) == ("không có đơn thư vượt cấp, khiếu kiện đông người", "")
    staff = Fig("cb", "Số cán bộ trực tại bộ phận một cửa", "người", D(5), is_count=True)
    assert prose.clause(staff)[0] == "5 cán bộ trực tại bộ phận một cửa"
    rank = Fig("xh", "Xếp hạng phong trào giáo dục trong huyện", "hạng", D(2))
    assert prose.clause(rank)[0] == "Phong trào giáo dục xếp thứ 2 trong huyện"
    one = Fig("tr", "Số trường đạt chuẩn quốc gia", "trường", D(7), is_count=True)
    one.parts = [Fig("tr[2]", "Chuẩn quốc gia mức độ 2", "trường", D(7), part_key="muc=2")]
    assert prose.clause(one)[0] == "7 trường đạt chuẩn quốc gia (chuẩn quốc gia mức độ 2)"
    assert prose.chu("Ngân sách huyện hỗ trợ") == "ngân sách huyện hỗ trợ"
    assert prose.chu("Ngân hàng Chính sách xã hội") == "Ngân hàng Chính sách xã hội"


def test_a_plan_written_per_option_of_a_dimension(tmp_path):
    folder = tmp_path / "p"
    folder.mkdir()
    with open(folder / "cau.csv", "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(plans.PLAN_COLUMNS)
        writer.writerow(["duong", "VX", 1, "", "{{ muc }}: {{ ho_ngheo | so }} bị ảnh hưởng", "", "tuyen"])
    [plan] = plans.read_plans(folder, known=KNOWN, sectors=SECTORS, dimensions={"tuyen"})
    assert plan.per == "tuyen" and plan.figures == ["ho_ngheo"]
    figure = roads()
    figure.code = "ho_ngheo"
    options = [("ql_37", "Quốc lộ 37"), ("dt_295", "Đường tỉnh 295"), ("dt_288", "Đường tỉnh 288")]
    assert plans.render_per(plan, {"ho_ngheo": figure}, options) == [
        ("Đường tỉnh 295: 361 hộ bị ảnh hưởng.", ""),  # in the catalog's order; Quốc lộ 37 has nothing
        ("Đường tỉnh 288: 257 hộ bị ảnh hưởng.", ""),
    ]
    with pytest.raises(LoadError) as refused:  # a dimension the catalog does not have
        plans.read_plans(folder, known=KNOWN, sectors=SECTORS, dimensions={"khac"})
    assert "tuyen" in str(refused.value) and "per" in str(refused.value)
