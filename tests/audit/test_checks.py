"""Each check on short texts: it fires on the error and stays silent on the correct variant."""

import pytest

from ktxh.audit import audit_text


def kinds(text):
    return [f.kind for f in audit_text(text)]


@pytest.mark.parametrize(
    "text, kind",
    [
        ("Đã kiểm kê được 151/158 hộ, đạt 90,4%.", "fraction_percent"),
        ("Thôn đạt chuẩn 12/15, tỷ lệ 85%.", "fraction_percent"),
        ("Tổng diện tích 100 ha, gồm: lúa 60 ha; ngô 30 ha; rau 15 ha.", "parts_total"),
        ("Số hóa 2070 hồ sơ. Trong đó cấp kết quả điện tử 2075 hồ sơ.", "subset_exceeds_whole"),
        ("Lạc 135 ha, năng suất 26,3 tấn/ha.", "implausible_value"),
        ("Có 250 hộ = 104,5%.", "implausible_value"),
        ("Cơ cấu kinh tế: nông nghiệp 40%, công nghiệp 35%, dịch vụ 30%.", "percent_sum"),
        ("Hộ nghèo 52 hộ = 2,1%.\n\nHộ khá giả 1.830 hộ = 61%.", "share_denominator"),
        (
            "Tổng chi ngân sách ước đạt 17,1 tỷ đồng.\n\nTổng hợp: tổng chi ngân sách ước đạt 13 tỷ đồng.",
            "same_quantity",
        ),
    ],
)
def test_each_error_is_found(text, kind):
    assert kind in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Đã kiểm kê được 151/158 hộ, đạt 95,6%.",
        "Giải quyết 30/31 đơn, đạt 96,7%.",  # truncated, not rounded: tolerated
        "Tham gia BHXH 648/640 người, đạt 101,2% chỉ tiêu.",
        "Thu 1543/3900 thẻ đạt 40% kế hoạch.",
        "Đạt 15/16 tổ dân phố, đạt 100% kế hoạch.",
        "Tổng diện tích 105 ha, gồm: lúa 60 ha; ngô 30 ha; rau 15 ha.",
        "Đất nông nghiệp 639,93 ha gồm: lúa 392,46 ha; cây hàng năm 27,26 ha; cây lâu năm 158,83 ha; thủy sản 61,39 ha.",
        "Tổng diện tích 215 ha gồm: lạc 135 ha, rau 7,5 ha,...",
        "Số hóa 2070 hồ sơ. Trong đó cấp kết quả điện tử 2065 hồ sơ.",
        "Lạc 135 ha, năng suất 26,3 tạ/ha; mía 650 tạ/ha; rau 230 tạ/ha; cây màu (ngô, khoai lang) 162 tạ/ha.",
        "Vắc xin 12,500 liều = 100% kế hoạch giao; tham gia BHXH đạt 101,2% chỉ tiêu huyện giao.",
        "Cơ cấu kinh tế: nông nghiệp 40%, công nghiệp 35%, dịch vụ 25%.",
        "Hộ nghèo 84 hộ = 1,59%; hộ cận nghèo 124 hộ = 2,4%.\n\nCó 4.976 hộ đạt gia đình văn hóa = 94,2%.",
        "Tổng chi ngân sách ước đạt 17,1 tỷ đồng.\n\nTổng hợp: tổng chi ngân sách ước đạt 17,1 tỷ đồng.",
        "- Trường A: tổng số học sinh 655 học sinh.\n- Trường B: tổng số học sinh 498 học sinh.",
        "Đường A tháo dỡ 42 biển quảng cáo.\n\nĐường B tháo dỡ 37 biển quảng cáo.",
        "PHẦN I. KẾT QUẢ NĂM 2024\n\nĐàn lợn 4.426 con.\n\nPHẦN II. KẾ HOẠCH NĂM 2025\n\nĐàn lợn 5.316 con.",
        "Ngày 29/11/2023 đường 19/5, tỷ lệ thu gom đạt 100%.",
    ],
)
def test_correct_text_gives_no_finding(text):
    assert audit_text(text) == []


def test_finding_quotes_the_sentences_and_gives_the_values():
    findings = audit_text(
        "Nhiệm vụ 1. Chi ngân sách ước đạt 17,1 tỷ đồng.\n\nKết luận. Chi ngân sách ước đạt 13 tỷ đồng; thu 20 tỷ đồng."
    )
    (finding,) = findings
    assert finding.kind == "same_quantity"
    assert finding.values == [17.1, 13]
    assert finding.quotes == [
        "Chi ngân sách ước đạt 17,1 tỷ đồng.",
        "Chi ngân sách ước đạt 13 tỷ đồng; thu 20 tỷ đồng.",
    ]
    assert "17,1 tỷ đồng" in finding.message and "13 tỷ đồng" in finding.message


def test_parts_in_a_footnote_are_checked_against_the_total():
    text = "Đất phi nông nghiệp 493.88 ha gồm⁽⁶⁾;\n\n⁶ Đất ở 213,55 ha; đất chuyên dùng 263,76ha; đất khác 13,12ha\n"
    (finding,) = audit_text(text)
    assert finding.kind == "parts_total" and 490.43 in finding.values
    assert finding.quotes[1].startswith("[chú thích 6]")
    assert audit_text(text.replace("13,12", "16,57")) == []


def test_the_plan_part_is_not_compared_with_the_results():
    text = (
        "BÁO CÁO CÔNG TÁC NĂM 2024 VÀ PHƯƠNG HƯỚNG NĂM 2025\n\nI. KẾT QUẢ\n\nThu ngân sách 9.860 triệu đồng.\n\n"
        "II. PHƯƠNG HƯỚNG NĂM 2025\n\nThu ngân sách 10.500 triệu đồng.\n\nII. NHIỆM VỤ VÀ GIẢI PHÁP\n\n"
        "Thu ngân sách 10.700 triệu đồng."
    )
    assert [f.values for f in audit_text(text)] == [[10500, 10700]]
