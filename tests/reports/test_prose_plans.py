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
