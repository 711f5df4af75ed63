"""False alarms and misses of issue 13 (third round, blind3 as development data): made-up sentences, not copies of
corpus passages. Each pair: the error is still found, the correct reading gives no finding."""

from ktxh.audit.report import audit_text


def kinds(text, severity=None):
    return [f.kind for f in audit_text(text) if severity is None or f.severity == severity]


def test_ty_le_after_a_percentage_is_no_unit():
    # «tỷ lệ» is the word rate: «giảm 12% tỷ lệ hộ nghèo» writes no unit after the percentage
    assert "unit_label" not in kinds("Phấn đấu giảm 12% tỷ lệ hộ cận nghèo so với đầu năm.")
    assert "unit_label" not in kinds("Năm nay giảm 8% tỉ trọng nông nghiệp trong cơ cấu.")
    # a unit of an amount after a percentage is still an error
    assert "unit_label" in kinds("Thu nhập bình quân tăng lên 36,5% triệu đồng/người.", "error")


def test_upland_rice_has_its_own_yield_bounds():
    # upland rice (lúa nương, lúa rẫy) yields far less than paddy
    assert "implausible_value" not in kinds("Xã gieo trồng 85 ha lúa nương, năng suất ước đạt 13 tạ/ha.")
    assert "implausible_value" not in kinds("Diện tích lúa rẫy 40 ha, năng suất 9,5 tạ/ha.")
    # a paddy yield that low, or an upland yield of a paddy field, is still implausible
    assert "implausible_value" in kinds("Gieo cấy 85 ha lúa xuân, năng suất ước đạt 13 tạ/ha.", "error")
    assert "implausible_value" in kinds("Xã gieo trồng 85 ha lúa nương, năng suất ước đạt 2 tạ/ha.", "error")


def test_a_change_in_brackets_is_not_the_whole_of_trong_do():
    text = (
        "Tổng sản lượng lương thực đạt 7.450 tấn, giảm 1,2% (91 tấn) so với năm trước; trong đó thóc là 6.900 tấn, "
        "giảm 0,5% (35 tấn); ngô là 550 tấn."
    )
    assert "subset_exceeds_whole" not in kinds(text)
    # the whole before the change still bounds its parts
    wrong = "Tổng sản lượng lương thực đạt 6.450 tấn, giảm 1,2% (78 tấn) so với năm trước; trong đó thóc là 6.900 tấn."
    assert "subset_exceeds_whole" in kinds(wrong)
