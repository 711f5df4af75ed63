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


def test_a_share_of_a_whole_of_at_least_n():
    # «trên 500 tỷ đồng»: the part's share is at most part / 500
    wrong = "Tổng vốn huy động trên 500 tỷ đồng; trong đó vốn nhân dân đóng góp 300 tỷ đồng (chiếm 68% tổng vốn)."
    assert "percent_of_total" in kinds(wrong, "error")
    # a smaller share fits a larger whole
    right = "Tổng vốn huy động trên 500 tỷ đồng; trong đó vốn nhân dân đóng góp 300 tỷ đồng (chiếm 55% tổng vốn)."
    assert "percent_of_total" not in kinds(right)


def test_share_of_those_who_left_a_group_is_of_another_whole():
    text = "Toàn huyện có 1.200 hộ nghèo (tỷ lệ 8,00%).\n\nSố hộ thoát nghèo trong năm là 300 hộ (tỷ lệ 25,00%)."
    assert "share_denominator" not in kinds(text)
    # two shares of the same population that imply two wholes are still worth a look
    text = "Toàn huyện có 1.200 hộ nghèo (tỷ lệ 8,00%).\n\nSố hộ cận nghèo là 300 hộ (tỷ lệ 5,00%)."
    assert "share_denominator" in kinds(text)


def test_shares_of_zones_are_of_their_own_wholes():
    text = (
        "Toàn tỉnh có 9.000 hộ nghèo (tỷ lệ 3,00%). Hộ cận nghèo là 6.000 hộ (2,00%). Riêng khu vực đồng bằng có "
        "2.000 hộ nghèo (1,00%), 1.000 hộ cận nghèo (0,50%); khu vực miền núi có 7.000 hộ nghèo (7,00%)."
    )
    assert "share_denominator" not in kinds(text)
    # within one zone two shares that imply two wholes are still worth a look
    text = "Riêng khu vực miền núi có 7.000 hộ nghèo (7,00%), 1.000 hộ cận nghèo (3,00%)."
    assert "share_denominator" in kinds(text)


def test_shares_of_parts_that_add_up_to_an_earlier_whole():
    wrong = (
        "Xã có 5 thôn, 410 hộ với 1.600 nhân khẩu. Cơ cấu dân tộc: dân tộc Tày 1.200 người, chiếm 75,2%; dân tộc "
        "Kinh 380 người, chiếm 23,75%; dân tộc khác 20 người, chiếm 1,05%."
    )
    assert "percent_of_total" in kinds(wrong, "error")
    right = wrong.replace("75,2%", "75,0%").replace("1,05%", "1,25%")
    assert "percent_of_total" not in kinds(right)
    # parts that do not add up to the amount before them are not its split
    other = right.replace("1.600 nhân khẩu", "1.700 nhân khẩu")
    assert "percent_of_total" not in kinds(other)


def test_production_of_each_item_of_an_announced_list():
    text = (
        "Diện tích, năng suất và sản lượng lúa của các xã lần lượt như sau: Xã An: 500 ha, 60 tạ/ha, 3.000 tấn; "
        "Xã Bình: 400 ha, 55 tạ/ha, 2.300 tấn; Xã Cường: 300 ha, 50 tạ/ha, 1.500 tấn."
    )
    found = [f for f in audit_text(text) if f.kind == "production"]
    assert len(found) == 1 and found[0].severity == "error" and 2300 in found[0].values
    assert "Bình" in found[0].quotes[0] and "Cường" not in found[0].quotes[0]
    # without the announcement the unnamed numbers say nothing
    assert "production" not in kinds(text.replace("Diện tích, năng suất và sản lượng lúa", "Kết quả"))
    assert "production" not in kinds(text.replace("2.300 tấn", "2.200 tấn"))


def test_an_amount_of_a_commune_written_in_dong_with_a_unit_word():
    wrong = "Năm qua, nhân dân phường Hòa An đóng góp quỹ khuyến học được 52.340.000 triệu đồng."
    found = [f for f in audit_text(wrong) if f.kind == "unit_label"]
    assert found and found[0].severity == "error" and 52340000 in found[0].values
    # the body is carried from the sentence before
    assert "unit_label" in kinds("Xã Tân Phú tổ chức hội nghị. Quỹ vì người nghèo được 31.500.000 triệu đồng.")
    # a province writes its budget in triệu đồng with many digits
    assert "unit_label" not in kinds("Tổng thu ngân sách toàn tỉnh đạt 12.345.000 triệu đồng.")
    # a commune's amount that is plausible, or not written down to the đồng
    assert "unit_label" not in kinds("Quỹ khuyến học của phường Hòa An được 52.340.000 đồng.")
    assert "unit_label" not in kinds("Vốn đầu tư khu công nghiệp trên địa bàn xã đạt 3.500 tỷ đồng.")
    # digits not rounded to thousands are not a sum of đồng
    assert "unit_label" not in kinds("Quỹ vì người nghèo của xã Tân Phú được 31.500.126 triệu đồng.")


def test_parts_of_a_split_that_cannot_overlap_exceed_their_whole():
    wrong = (
        "Thu ngân sách trên địa bàn huyện đạt 250,4 tỷ đồng. Trong đó, thu do tỉnh quản lý 130 tỷ đồng, đạt 60% dự "
        "toán; thu do huyện quản lý 125,4 tỷ đồng, đạt 55% dự toán."
    )
    assert "parts_total" in kinds(wrong, "error")
    # a part of the whole left unnamed (the communes' revenue) may make the two short of it
    assert "parts_total" not in kinds(wrong.replace("125,4", "110,4"))
    # parts that may overlap (women, ethnic minorities) may add up to more than the whole
    overlap = "Xã có 1.200 người trong độ tuổi lao động, trong đó nữ 700 người, dân tộc thiểu số 650 người."
    assert "parts_total" not in kinds(overlap)
    assert "parts_total" in kinds(overlap.replace("dân tộc thiểu số", "nam"), "error")
    # a place named «Nam» is no sex
    places = "Đoàn có 50 người, trong đó khách Việt Nam 30 người, khách nữ 25 người."
    assert "parts_total" not in kinds(places)
    assert "parts_total" in kinds(places.replace("Việt Nam", "nam"), "error")


def test_a_total_budget_too_small_lacks_its_unit_word():
    wrong = "Tổng thu ngân sách nhà nước trên địa bàn xã năm 2023 là 450.000 đồng, đạt 105% kế hoạch."
    found = [f for f in audit_text(wrong) if f.kind == "unit_label"]
    assert found and found[0].severity == "error" and 450000 in found[0].values
    assert "unit_label" not in kinds(wrong.replace("450.000 đồng", "4.500 triệu đồng"))
    # an amount per head or a change is no total
    assert "unit_label" not in kinds("Chi ngân sách nhà nước bình quân đầu người tăng thêm 450.000 đồng.")
    assert "unit_label" not in kinds("Tổng chi ngân sách nhà nước hỗ trợ mỗi hộ nghèo 450.000 đồng.")
    # any other amount of the budget may be small
    assert "unit_label" not in kinds("Thu phí chợ nộp ngân sách 450.000 đồng.")


def test_a_region_that_receives_is_not_the_body_of_the_amount():
    text = (
        "Phường Hòa An tổ chức hội nghị. Quỹ ủng hộ đồng bào miền Trung bị ảnh hưởng bởi lũ lụt được 75.400.000 "
        "triệu đồng."
    )
    assert "unit_label" in kinds(text, "error")
