"""Every target form × every direction, and year-on-year arithmetic."""

from decimal import Decimal as D

import pytest

from ktxh.analytics.achievement import Status, judge, year_on_year

V, M, N = Status.EXCEEDED, Status.MET, Status.NOT_MET


@pytest.mark.parametrize(
    "direction, form, target, high, results",
    [
        # results for actual = 80, 90, 95, 100, 110
        ("higher", "exact", "90", None, [N, M, V, V, V]),
        ("higher", "at_least", "90", None, [N, M, V, V, V]),
        ("higher", "at_most", "90", None, [M, M, N, N, N]),
        ("higher", "range", "90", "100", [N, M, M, M, V]),
        ("higher", "approx", "100", None, [N, N, M, M, V]),
        ("lower", "exact", "90", None, [M, M, N, N, N]),
        ("lower", "at_most", "90", None, [M, M, N, N, N]),
        ("lower", "at_least", "90", None, [M, M, N, N, N]),
        ("lower", "range", "90", "100", [M, M, M, M, N]),
        ("lower", "approx", "100", None, [M, M, M, M, N]),
        ("maintain", "exact", "90", None, [N, M, M, M, M]),
        ("maintain", "at_least", "90", None, [N, M, M, M, M]),
        ("maintain", "range", "90", "100", [N, M, M, M, M]),
        ("maintain", "approx", "100", None, [N, N, M, M, M]),
        ("range", "range", "90", "100", [N, M, M, M, N]),
        ("range", "exact", "90", None, [N, M, N, N, N]),
        ("range", "approx", "100", None, [N, N, M, M, N]),
        ("none", "exact", "90", None, [None] * 5),
    ],
)
def test_status_for_every_form_and_direction(direction, form, target, high, results):
    got = [
        judge(D(a), D(target), D(high) if high else None, form, direction, is_rate=False).status
        for a in ("80", "90", "95", "100", "110")
    ]
    assert got == results


def test_the_seed_key_tasks():
    # Poverty rate is lower-is-better: 1,59 % under the 2,03 % ceiling is "đạt", compared in points.
    poverty = judge(D("1.59"), D("2.03"), None, "exact", "lower", is_rate=True)
    assert (poverty.status, poverty.pct_of_target, poverty.gap) == (M, None, D("-0.44"))
    assert judge(D("94.2"), D("93"), None, "exact", "higher", True).status == V
    assert judge(D("99.9"), D("100"), None, "exact", "higher", True).status == N
    assert judge(D("15"), D("14"), None, "exact", "higher", False).status == V
    assert judge(D("90"), D("90"), None, "exact", "higher", True).status == M
    assert judge(D("648"), D("640"), None, "exact", "higher", False).pct_of_target.quantize(D("0.01")) == D("101.25")


def test_not_computable_cases_say_why():
    assert "chưa có số thực hiện" in judge(None, D(5), None, "exact", "higher", False).note
    assert judge(None, D(5), None, "exact", "higher", False).status is None
    zero = judge(D(3), D(0), None, "exact", "higher", False)
    assert zero.pct_of_target is None and "bằng 0" in zero.note and zero.status is V
    qualitative = judge(D(1), None, None, "qualitative", "higher", False)
    assert qualitative.status is None and "định tính" in qualitative.note
    assert "không có giá trị số" in judge(D(1), None, None, "exact", "higher", False).note


def test_year_on_year():
    pigs = year_on_year(D(4426), D(5129), is_rate=False)
    assert pigs.change == -703 and pigs.change_pct.quantize(D("0.1")) == D("-13.7")
    rate = year_on_year(D("1.59"), D("2.0"), is_rate=True)
    assert rate.change == D("-0.41") and rate.change_pct is None and "điểm" in rate.note
    assert "cùng kỳ bằng 0" in year_on_year(D(5), D(0), False).note
    missing = year_on_year(D(5), None, False, "không tính được: không có số liệu năm 2022")
    assert missing.change is None and missing.note.endswith("năm 2022")
