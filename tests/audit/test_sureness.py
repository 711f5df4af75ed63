"""How sure each finding is (issue 13, second round): a sure finding («error», shown by default) only where the text
itself ties the numbers; a reading that may be wrong is «worth a look» (``--all``); and the relations real reports
write that were not checked before. Made-up sentences, not copies of corpus passages."""

import pytest

from ktxh.audit.report import audit_text


def found(text):
    return [(f.kind, f.severity) for f in audit_text(text)]


def sure(text):
    return [f.kind for f in audit_text(text) if f.severity == "error"]


@pytest.mark.parametrize(
    "text",
    [
        # a ratio of a result to its plan written after a fraction may exceed 100 %
        "Tiêm phòng cúm gia cầm cho đàn gà là: 1.250/1.100 = 113,6%.",
        # the percentage after the comma is another rate, or opens another item
        "Có 8/9 thôn đạt chuẩn văn hóa, tỷ lệ trẻ suy dinh dưỡng còn 7,2% giảm 0,5%.",
        "17/18 khu dân cư đạt danh hiệu văn hóa, 100% trường học đạt chuẩn xanh.",
        # «như»: some of the parts only
        "Cơ cấu kinh tế như: thương mại 40,5%, công nghiệp 30,2%, nông nghiệp 20,1%.",
        "Tổng đàn gia súc 640 con, gồm các loại như dê 200 con, lợn 250 con.",
        # a production next to its area, each with its own name
        "Sản lượng lúa đạt 512 tấn trên diện tích 98 ha.",
        # a share of a part that holds against an earlier, larger part (a chain of subsets)
        "Dân số 6.400 người, trong đó 4.000 người trong độ tuổi lao động, có việc làm 3.600 người, chiếm 90%.",
        # «bằng» after a part is a comparison, not its share
        "Tổng thu ngân sách 10,5 tỷ đồng, trong đó thu tại xã 2,1 tỷ đồng, bằng 120%.",
        # parentheses that compare, or whose items are one inside another
        "Tổng đàn 1.095 con (cùng kỳ 1.000 con, kế hoạch 1.100 con).",
        "Tổng đàn 1.300 con (lợn 1.100 con, lợn nái 250 con).",
        # a change against last year with the past value: it holds
        "Sản lượng cá nuôi ước đạt 2.140 tấn, tăng 7,0% so cùng kỳ (cùng kỳ 2.000 tấn).",
        # a measured result over its plan, with the plan's percentage: it holds (rounding of the amounts)
        "Thu ngân sách 3 tỷ 250 triệu/4 tỷ 100 triệu đồng, đạt 79,3% kế hoạch.",
        # the same fraction against last year: the percentage is not its ratio
        "Thu ngân sách 3 tỷ 250 triệu/4 tỷ 100 triệu đồng, bằng 95% so với cùng kỳ.",
        # a count over a count with a percentage of the plan after a comma: of the plan
        "Đạt 14/15 thôn, đạt 100% kế hoạch.",
    ],
)
def test_not_a_contradiction(text):
    assert found(text) == []


@pytest.mark.parametrize(
    "text, kind",
    [
        # a rate over 100 % may be measured against an estimate (enrolment, vaccination) or a plan left unwritten
        ("Tỷ lệ huy động trẻ ra lớp đạt 102,3%.", "implausible_value"),
        ("Có 310 hộ = 103,3%.", "implausible_value"),
        # a structure short of 100 %: a part may be left out (product taxes)
        ("Cơ cấu kinh tế: thương mại 40,5%, công nghiệp 30,2%, nông nghiệp 20,1%.", "percent_sum"),
        # items that are not grades may be rates of their own
        ("Độ che phủ: Xuân Sơn 35%, Tân Sơn 40%, Kim Thượng 30%.", "percent_sum"),
        # «năng suất … tạ»: «/ha» left out
        ("Năng suất ngô đạt 48,5 tạ.", "unit_label"),
        # a yield with no crop named in its sentence (the crop may be in a heading above)
        ("- Năng suất bình quân đạt 320 tạ/ha.", "implausible_value"),
        # the share names another whole
        (
            "Tổng số lao động 3.000 người, trong đó lao động nông nghiệp 1.500 người, chiếm 30% dân số.",
            "percent_of_total",
        ),
        # parts in parentheses short of the total: a part may be left out
        ("Tổng vốn 50 tỷ đồng (ngân sách tỉnh 20 tỷ đồng, ngân sách huyện 15 tỷ đồng).", "parts_total"),
        # a fraction and a rate after a comma that opens with «tỷ lệ» but names something
        ("Có 8/9 thôn đạt chuẩn, tỷ lệ thôn đạt chuẩn là 98%.", "fraction_percent"),
    ],
)
def test_only_worth_a_look(text, kind):
    assert (kind, "warning") in found(text)
    assert sure(text) == []


@pytest.mark.parametrize(
    "text, kind",
    [
        ("Đất nông nghiệp 380 ha, chiếm 104,5% diện tích tự nhiên.", "implausible_value"),
        ("Tỷ lệ hộ dùng nước sạch đạt 185%.", "implausible_value"),
        ("Cơ cấu kinh tế: thương mại 45,5%, công nghiệp 35,2%, nông nghiệp 22,1%.", "percent_sum"),
        ("Xếp loại hạnh kiểm: Tốt 70,4%, Khá 25,3%, Trung bình 6,1%.", "percent_sum"),
        ("Lạc năng suất 32 tấn/ha.", "implausible_value"),
        # a production written in hectares or as a yield, the measure opening its clause
        ("Trong đó tổng sản lượng cây điều đang cho thu hoạch là 215 ha, năng suất 1,1 tấn/ha.", "unit_label"),
        ("Năng suất lúa bình quân 240 ha.", "unit_label"),
        # a share of a part after «trong đó» is of the total before it
        ("Toàn xã có 1.500 hộ, trong đó hộ nghèo 45 hộ, chiếm 4%.", "percent_of_total"),
        ("Toàn xã có 1.500 hộ. Trong đó hộ nghèo 45 hộ, chiếm 4% tổng số hộ.", "percent_of_total"),
        ("Tổng số hộ 1.500 hộ, trong đó hộ nghèo 45 hộ (3%), hộ cận nghèo 90 hộ (7%).", "percent_of_total"),
        # a change with the past value written after it
        ("Sản lượng cá nuôi ước đạt 2.140 tấn, tăng 9,5% so cùng kỳ (cùng kỳ 2.000 tấn).", "change_values"),
        (
            "Thu nhập bình quân năm 2024 đạt 62,4 triệu đồng, tăng 12% so với năm 2023 là 52,0 triệu đồng.",
            "change_values",
        ),
        ("Thu ngân sách đạt 12,4 tỷ đồng, bằng 130% so với cùng kỳ (10,6 tỷ đồng).", "change_values"),
        # parts in parentheses larger than their total
        ("Tổng đàn trâu, bò 842 con (bò 700 con, trâu 168 con).", "parts_total"),
        # a measured result over its plan against the percentage of the plan
        ("Thu ngân sách 3 tỷ 250 triệu/4 tỷ 100 triệu đồng, đạt 85,2% kế hoạch.", "fraction_percent"),
        ("Diện tích ngô 40/38 ha, đạt 115,3% kế hoạch.", "fraction_percent"),
    ],
)
def test_sure(text, kind):
    assert kind in sure(text)


def test_fraction_of_amounts_is_read_as_result_over_plan():
    from ktxh.audit.claims import analyse
    from ktxh.audit.text import parse_text

    (sentence,) = analyse(parse_text("Thu 3 tỷ 250 triệu/4 tỷ 100 triệu đồng, đạt 79,3% kế hoạch."))
    (fraction,) = sentence.fractions
    assert (fraction.numerator, fraction.denominator, fraction.unit) == (3.25, 4.1, "tỷ đồng")
    assert [c.in_fraction for c in sentence.claims if c.unit == "tỷ đồng"] == [True, True]
    # a date or a percentage over a percentage stays no number of its own
    (sentence,) = analyse(parse_text("Ngày 12/5/2024 tỷ trọng đạt 23,4%/24,5%."))
    assert [c.value for c in sentence.claims] == [12, 23.4]


@pytest.mark.parametrize(
    "text",
    [
        # a body below the commune opening its paragraph, or two different periods: two quantities
        "Tổng đàn dê 1.240 con.\nXóm Bắc: tổng đàn dê 310 con.",
        "Tháng 3, tổng đàn dê 1.240 con.\nĐến tháng 9, tổng đàn dê 1.380 con.",
        "Toàn huyện tổng đàn dê 12.400 con.\nToàn xã tổng đàn dê 1.380 con.",
    ],
)
def test_same_label_of_another_body_or_period_is_another_quantity(text):
    assert found(text) == []


def test_same_quantity_in_two_paragraphs_is_still_found():
    assert sure("Tổng đàn dê 1.240 con.\nBáo cáo tổng hợp: tổng đàn dê 1.420 con.") == ["same_quantity"]


@pytest.mark.parametrize(
    "text, wrong",
    [
        ("Thu từ dịch vụ đạt 8,6 tỷ đồng, đạt 95% so với kế hoạch giao (10 tỷ đồng).", True),
        ("Thu từ dịch vụ đạt 8,6 tỷ đồng, bằng 86% dự toán huyện giao (10 tỷ đồng).", False),
        ("Thu từ dịch vụ đạt 8,6 tỷ đồng/KH 10 tỷ đồng, đạt 95%.", True),
        ("Thu từ dịch vụ đạt 8,6 tỷ đồng/KH 10 tỷ đồng, đạt 86%.", False),
        # against last year, not the plan; a change in parentheses is no plan
        ("Thu từ dịch vụ đạt 8,6 tỷ đồng/KH 10 tỷ đồng, bằng 95% so với cùng kỳ.", False),
        ("Thu từ dịch vụ đạt 8,6 tỷ đồng, đạt 95% kế hoạch (tăng 1,2 tỷ đồng).", False),
    ],
)
def test_percentage_of_a_plan_written_beside_it(text, wrong):
    assert sure(text) == (["plan_achievement"] if wrong else [])


def test_production_of_all_grains_is_not_area_times_yield():
    assert found("Diện tích lúa 500 ha, năng suất 60 tạ/ha, sản lượng lương thực quy thóc 3.450 tấn.") == []
    assert sure("Diện tích lúa 500 ha, năng suất 60 tạ/ha, sản lượng lúa 3.450 tấn.") == ["production"]


def test_a_structure_with_the_shares_of_another_year_in_parentheses_adds_up():
    text = "Cơ cấu kinh tế: nông nghiệp 38,5% (năm 2020 là 45,2%), công nghiệp 31,2%, dịch vụ 30,3%."
    assert found(text) == []


@pytest.mark.parametrize(
    "text, wrong",
    [
        ("Diện tích ngô vụ Đông 140 tấn, năng suất 48 tạ/ha.", True),
        ("Diện tích gieo trồng cây màu 52 tạ/ha.", True),
        ("Diện tích ngô vụ Đông 140 ha, năng suất 48 tạ/ha, sản lượng 672 tấn.", False),
        ("Diện tích ngô thâm canh cho sản lượng 672 tấn.", False),
        ("Diện tích, năng suất, sản lượng ngô: 140 ha; 48 tạ/ha; 672 tấn.", False),
    ],
)
def test_an_area_opening_its_clause_in_another_unit(text, wrong):
    assert sure(text) == (["unit_label"] if wrong else [])


def test_a_unit_after_a_percentage_that_names_what_it_is_of_is_worth_a_look():
    assert found("Đã cứng hóa 100% km đường trục thôn.") == [("unit_label", "warning")]
    assert sure("Diện tích lúa tăng 3,5% ha.") == ["unit_label"]


def test_a_change_that_may_be_of_another_amount_of_the_sentence():
    # the change is of the herd (1.450 against 1.380), not of the sows written just before it
    assert found("Tổng đàn lợn 1.450 con, trong đó lợn nái 200 con, tăng 5% so cùng kỳ (cùng kỳ 1.380 con).") == []
    text = "Tổng đàn lợn 1.450 con, trong đó lợn nái 200 con, tăng 9% so cùng kỳ (cùng kỳ 1.380 con)."
    assert sure(text) == [] and ("change_values", "warning") in found(text)


def test_a_percentage_after_and_opens_another_item():
    assert found("Có 12/15 thôn đạt chuẩn và 95% hộ đạt gia đình văn hóa.") == []
