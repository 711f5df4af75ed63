"""Rules added after the held-out set's misses (tests/audit/texts/held_out). The sentences here are new: none is
taken from the held-out texts. Each rule fires on the error and stays silent on the correct or unrelated variant."""

import pytest

from ktxh.audit import audit_text


def kinds(text):
    return [f.kind for f in audit_text(text)]


# 1. Parts in the footnote a figure calls
def test_footnote_after_a_figure_breaks_it_down():
    text = (
        "Diện tích ngô cả năm 240,0 ha⁽²⁾, sản lượng 1.250 tấn.\n\n"
        "⁽²⁾ Vụ Đông Xuân 118,5 ha, năng suất 52 tạ/ha; vụ Hè Thu 115,0 ha, năng suất 49 tạ/ha."
    )
    (finding,) = audit_text(text)
    assert finding.kind == "parts_total" and {240, 233.5, 118.5, 115} <= set(finding.values)
    assert finding.quotes[1].startswith("[chú thích 2]")
    assert audit_text(text.replace("115,0 ha", "121,5 ha")) == []


@pytest.mark.parametrize(
    "note",
    [
        "² Kế hoạch 250 ha; cùng kỳ 236 ha.",  # a comparison, not a breakdown
        "² Vụ Đông Xuân 118,5 ha; vụ Hè Thu 115,0 ha; ...",  # open-ended
        "² Vụ Đông Xuân 118,5 ha; vụ Hè Thu 115,0 ha với 320 hộ tham gia.",  # other amounts: not only parts
        "² Thôn Bắc 20 ha; thôn Nam 30 ha.",  # far from the figure: not its breakdown
    ],
)
def test_footnote_that_is_no_breakdown_is_left_alone(note):
    assert audit_text("Diện tích ngô cả năm 240,0 ha².\n\n" + note) == []


# 2. The same quantity in other words
def test_same_quantity_in_other_words():
    text = (
        "Phường có 14 khu phố, có tổng diện tích tự nhiên 845,2 ha.\n\n"
        "Theo kết quả thống kê đất đai, diện tích đất tự nhiên của phường là 854,2 ha."
    )
    assert kinds(text) == ["same_quantity"]
    text = (
        "Tổng chi ngân sách nhà nước trên địa bàn năm 2025 ước đạt 21,36 tỷ đồng.\n\n"
        "- Chi ngân sách: tỉnh giao 20 tỷ đồng, phường thực hiện 21,63 tỷ đồng."
    )
    (finding,) = audit_text(text)
    assert finding.kind == "same_quantity" and finding.values == [21.36, 21.63]


@pytest.mark.parametrize(
    "text",
    [
        # different things that share words
        "Tổng thu ngân sách trên địa bàn ước đạt 15,2 tỷ đồng.\n\nThu ngân sách xã hưởng 9,8 tỷ đồng.",
        "Tổng thu ngân sách trên địa bàn ước đạt 15,2 tỷ đồng.\n\nThu ngân sách xã 9,8 tỷ đồng.",
        "Diện tích tự nhiên 845,2 ha.\n\nDiện tích rừng tự nhiên 312,4 ha.",
        "Thu ngân sách năm 2024 ước đạt 15,2 tỷ đồng.\n\nThu ngân sách năm 2023 ước đạt 13,1 tỷ đồng.",
        "Trường Kim Đồng, tổng số học sinh 655 học sinh.\n\nTrường Lê Lợi, tổng số học sinh 498 học sinh.",
        "- Chi ngân sách: tỉnh giao 20 tỷ đồng, phường thực hiện 21,63 tỷ đồng.\n\nChi ngân sách 21,63 tỷ đồng.",
        "Lúa 160 ha, ngô lai 30 ha.\n\nDiện tích ngô lai vụ Đông 35 ha.",
    ],
)
def test_different_quantities_with_shared_words_are_not_the_same(text):
    assert "same_quantity" not in kinds(text)


# 3. Fractions: "X trên tổng số Y", and an abbreviation before X/Y
@pytest.mark.parametrize(
    "text",
    [
        "Cấp mới 1.150 thẻ BHYT trên tổng số 1.400 thẻ phải cấp, đạt 88,6%.",
        "Số người tham gia BHXH 1.210/1.500 người, đạt 86,7%.",
        "Tiêm phòng THT 2.430/2.600 liều, đạt 98%.",
        "Đã có 640 hộ trên tổng số 700 hộ ký cam kết, đạt tỷ lệ 97,1%.",
    ],
)
def test_fraction_mismatch_is_found(text):
    assert kinds(text) == ["fraction_percent"]


@pytest.mark.parametrize(
    "text",
    [
        "Cấp mới 1.150 thẻ BHYT trên tổng số 1.400 thẻ phải cấp, đạt 82,1%.",
        "Số người tham gia BHXH 1.210/1.500 người, đạt 80,7%.",
        "Tiêm phòng THT 2.430/2.600 liều, đạt 93,4%.",
        "Thực hiện QĐ 1520/2024, đạt 95%.",  # a document number
        "Theo CV 15/12, tỷ lệ đạt 90%.",  # a date
        "Có 12 hộ trên tổng số 300 người, đạt 10%.",  # not the same things
    ],
)
def test_fraction_that_agrees_or_is_an_identifier_is_left_alone(text):
    assert audit_text(text) == []


# 4. Percentages of one whole that do not add up to 100
def test_partition_without_the_word_structure():
    text = "Kết quả xếp loại rèn luyện học sinh: Tốt 61,4%, Khá 29,3%, Đạt 6,2%, Chưa đạt 0,5%."
    (finding,) = audit_text(text)
    assert finding.kind == "percent_sum" and {97.4, 61.4, 29.3, 6.2, 0.5} <= set(finding.values)


@pytest.mark.parametrize(
    "text",
    [
        "Kết quả xếp loại rèn luyện học sinh: Tốt 61,4%, Khá 29,3%, Đạt 8,8%, Chưa đạt 0,5%.",  # 100
        "Xếp loại học lực: Giỏi 30,2%, Khá 45,1%, Trung bình 20,3%, Yếu 4,3%.",  # 99,9: rounding
        "Xếp loại học lực: Giỏi 30,2%, Khá 45,1%, Trung bình 24,7%; tỷ lệ lên lớp 99,2%.",  # another rate after
    ],
)
def test_partition_that_adds_up_is_left_alone(text):
    assert audit_text(text) == []


@pytest.mark.parametrize(
    "text",
    [
        # unrelated rates: each says "tỷ lệ" or is a change, or they add up far from 100
        "Tỷ lệ hộ nghèo 1,2%, tỷ lệ trẻ suy dinh dưỡng 8,1%, tỷ lệ tham gia BHYT 92,3%.",
        "Tiêm chủng đạt 98,2%, khám sức khỏe 95,4%, thu gom rác 100%.",
        "Giá trị sản xuất nông nghiệp tăng 35,2%, công nghiệp tăng 31,4%, dịch vụ tăng 28,1%.",
        "Nông nghiệp 40,2%, công nghiệp 30,1%.",  # two items only
    ],
)
def test_unrelated_rates_are_no_partition(text):
    assert "percent_sum" not in kinds(text)


def test_partition_summing_above_100_is_found():
    assert kinds("Học lực: Giỏi 32,2%, Khá 47,1%, Trung bình 22,3%.") == ["percent_sum"]


# 5. Implied totals: the range is what rounding allows
def test_implied_totals_that_rounding_cannot_reconcile():
    text = "Còn 37 hộ nghèo = 1,9%.\n\nSố hộ dùng nước sạch 1.860 hộ = 98,4%."
    assert kinds(text) == ["share_denominator"]  # 37 → 1.897–2.000 hộ; 1.860 → 1.889–1.891 hộ
    assert audit_text(text.replace("98,4%", "97,4%")) == []


def test_last_years_share_is_not_of_this_years_whole():
    text = (
        "Toàn xã có 3.120 hộ. Còn 61 hộ nghèo = 1,96%, giảm 12 hộ so cùng kỳ (cùng kỳ 73 hộ, tỷ lệ 2,39%).\n\n"
        "Số hộ gia đình văn hóa 2.950 hộ = 94,6%."
    )
    assert audit_text(text) == []


# The message of a subset larger than its whole names only the parts of that list
def test_subset_message_stops_at_another_herd():
    (finding,) = audit_text("Tổng đàn bò 1.180 con, trong đó bò lai 1.250 con; đàn dê 2.300 con; đàn gà 41.000 con.")
    assert finding.kind == "subset_exceeds_whole"
    assert finding.values == [1180, 1250]
    assert "2.300" not in finding.message and "41.000" not in finding.message
