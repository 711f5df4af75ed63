import datetime as dt
from decimal import Decimal as D

import pytest

from ktxh.analytics.achievement import Change, judge
from ktxh.reports import sentences as say


@pytest.mark.parametrize(
    "day, text",
    [
        (dt.date(2023, 12, 25), "ngày 25 tháng 12 năm 2023"),
        (dt.date(2024, 2, 5), "ngày 05 tháng 02 năm 2024"),
        (dt.date(2024, 1, 31), "ngày 31 tháng 01 năm 2024"),
        (dt.date(2024, 3, 9), "ngày 09 tháng 3 năm 2024"),
        (dt.date(2024, 10, 10), "ngày 10 tháng 10 năm 2024"),
    ],
)
def test_dates_are_zero_padded_as_the_decree_says(day, text):
    assert say.vietnamese_date(day) == text


def test_quantities_in_vietnamese_format():
    assert say.quantity(D("1134.31"), "ha") == "1.134,31 ha"
    assert say.quantity(D("1.59"), "%") == "1,59%"
    assert say.quantity(None, "ha") == "chưa có số liệu"
    assert say.quantity(D("95.652173913"), "%", say.display_places(D("95.652173913"))) == "95,65%"


def test_change_clauses():
    assert say.change_clause(Change(D(107), D(-23), D("-21.5")), "", False, True, "hộ") == "giảm 23 hộ so cùng kỳ"
    assert say.change_clause(Change(D(5129), D(-703), D("-13.706")), "", False, False, "con") == "giảm 13,7% so cùng kỳ"
    assert say.change_clause(Change(D(2), D("-0.41"), None), "", True, False, "%") == "giảm 0,41 điểm so cùng kỳ"
    assert say.change_clause(Change(D(5), D(0), D(0)), "", False, False, "ha") == "bằng cùng kỳ"
    assert say.change_clause(Change(None, None, None, "không có"), "", False, False, "ha") == ""


class Source:
    short_name = "huyện giao"


class Target:
    def __init__(self, value, form="exact", text=""):
        self.value, self.value_high, self.form, self.text, self.source = value, None, form, text, Source()


def test_target_clauses_follow_official_wording():
    rate = say.target_clause(
        Target(D("2.03")), judge(D("1.59"), D("2.03"), None, "exact", "lower", True), D("1.59"), True, "%", "town"
    )
    assert rate == "huyện giao 2,03%, thị trấn đạt 1,59% (đạt)"
    count = say.target_clause(
        Target(D(640)), judge(D(648), D(640), None, "exact", "higher", False), D(648), False, "người", "commune"
    )
    assert count == "đạt 101,3% kế hoạch huyện giao"
    missing = say.target_clause(
        Target(D(100)), judge(None, D(100), None, "exact", "higher", False), None, False, "hồ sơ", "commune"
    )
    assert missing == "huyện giao 100 hồ sơ, chưa có số liệu kết quả thực hiện"


def test_sentences_never_say_none_or_zero_for_missing():
    class Missing:
        value, text, estimate = None, "", False

    assert say.figure_sentence("Đàn lợn", Missing(), "con", []) == "Đàn lợn: chưa có số liệu."

    class Estimate:
        value, text, estimate = D("26.5"), "", True

    assert (
        say.figure_sentence("Tổng thu ngân sách", Estimate(), "tỷ đồng", ["đạt 65% dự toán"])
        == "Tổng thu ngân sách ước đạt 26,5 tỷ đồng, đạt 65% dự toán."
    )
    assert (
        say.tally(["vượt", "đạt", "vượt", "không đạt"]) == "đạt và vượt 3/4 chỉ tiêu (vượt 2, đạt 1), "
        "không đạt 1 chỉ tiêu"
    )


def test_ceilings_and_own_plans_read_right():
    accidents = say.target_clause(
        Target(D(5), form="at_most"),
        judge(D(7), D(5), None, "at_most", "lower", False),
        D(7),
        False,
        "vụ",
        "commune",
        "lower",
    )
    assert accidents == "huyện giao dưới 5 vụ, xã đạt 7 vụ (không đạt)"

    class OwnPlan:
        short_name = "kế hoạch"

    own = Target(D(6))
    own.source = OwnPlan()
    assert (
        say.target_clause(own, judge(D(9), D(6), None, "exact", "higher", False), D(9), False, "hội nghị", "town")
        == "đạt 150% kế hoạch"
    )


def test_changes_that_round_to_nothing():
    assert say.change_clause(Change(D(1000), D("0.04"), D("0.004")), "", False, False, "ha") == "tương đương cùng kỳ"
    assert say.change_clause(Change(D(10), D("0.4"), D(4)), "", False, True, "hộ") == "tăng 0,4 hộ so cùng kỳ"
    assert say.change_clause(Change(D(10), D("2.6"), D(26)), "", False, True, "hộ") == "tăng 3 hộ so cùng kỳ"
