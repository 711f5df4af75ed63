"""Ingest on what real passages of blind3 showed (issue 13): rates written with their counts, poor and near-poor
households counted together or told apart by the nearest words, gross flows, clauses of a part of the body or of a
named sub-unit in a list, changes in parentheses, households of the whole unit, names of places.

Short invented sentences, one general rule each; the measure on real text is ``evaluation/corpus_eval.py``.
"""

import pytest

from ktxh.audit.text import parse_text
from ktxh.ingest import words
from ktxh.ingest.matcher import catalog_from_files
from ktxh.ingest.propose import propose_document


@pytest.fixture(scope="module")
def catalog():
    return catalog_from_files()


def found(text, catalog):
    proposals, _ = propose_document(parse_text(text), "xa", "2023", catalog)
    return [(p.indicator_code, p.kind, p.value) for p in proposals]


def test_a_rate_written_with_its_count_is_the_rate_not_a_share(catalog):
    result = found("Năm nay xã có 120 hộ nghèo (tỷ lệ 4,15%); hộ cận nghèo 95 hộ, tỷ lệ 3,3%.", catalog)
    assert ("ty_le_ho_ngheo", "result", 4.15) in result and ("ty_le_ho_can_ngheo", "result", 3.3) in result
    # «chiếm» says it is a share
    assert ("ty_le_ho_ngheo", "share", 2.5) in found("Toàn xã còn 70 hộ nghèo, chiếm 2,5%.", catalog)
    # of an estimate, an estimate
    assert ("ty_le_ho_ngheo", "estimate", 1.8) in found("Số hộ nghèo ước còn 50 hộ (1,8%).", catalog)


def test_a_share_whose_clause_names_the_households(catalog):
    result = found("Tỷ lệ hộ nghèo chiếm 20,5%, hộ cận nghèo chiếm 12,25%.", catalog)
    assert ("ty_le_ho_can_ngheo", "share", 12.25) in result


def test_poor_and_near_poor_counted_together_are_no_indicator(catalog):
    result = found("Xã có 1.200 hộ; trong đó số hộ nghèo, hộ cận nghèo là 310 hộ, tỷ lệ 25,8%.", catalog)
    assert not any(value in (310, 25.8) for _, _, value in result)
    assert not found("Trong năm đã cho 45 hộ nghèo và hộ cận nghèo vay vốn ưu đãi.", catalog)
    text = "Các xã có số hộ nghèo, cận nghèo cao nhất là: Tân Lập 412 hộ, Đồng Tâm 390 hộ."
    assert not found(text, catalog)
    # two numbers, one of each, are two figures
    result = found("Cuối năm còn 31 hộ nghèo và 40 hộ cận nghèo.", catalog)
    assert ("so_ho_ngheo", "result", 31) in result and ("so_ho_can_ngheo", "result", 40) in result


def test_the_nearest_words_say_poor_or_near_poor(catalog):
    text = "Theo kết quả rà soát hộ nghèo, hộ cận nghèo năm 2023, toàn xã còn 64 hộ nghèo, chiếm tỷ lệ 3,1%."
    result = found(text, catalog)
    assert ("so_ho_ngheo", "result", 64) in result and ("ty_le_ho_ngheo", "share", 3.1) in result
    assert not any(code.endswith("can_ngheo") for code, _, _ in result)


def test_gross_flows_are_not_the_poor_count(catalog):
    assert not found("Trong năm có 5 hộ nghèo phát sinh mới.", catalog)
    assert not found("Năm 2023 có 12 hộ cận nghèo vươn lên thoát nghèo.", catalog)


def test_a_clause_of_a_part_of_the_body_or_a_named_unit_repeats_the_measure(catalog):
    text = "Tỷ lệ hộ nghèo ở thị trấn giảm 2,2%, nông thôn giảm 4,6%; kế đến là các xã Tân Lập giảm 3,9%."
    result = found(text, catalog)
    for value in (2.2, 4.6, 3.9):
        assert ("ty_le_ho_ngheo", "change", value) in result


def test_an_amount_in_parentheses_after_a_change_is_that_change(catalog):
    text = "Năng suất lúa đạt 58,2 tạ/ha, tăng 2,1% (1,2 tạ/ha) so với cùng kỳ."
    result = found(text, catalog)
    assert ("nang_suat_lua_thap", "change", 1.2) in result and ("nang_suat_lua_thap", "result", 1.2) not in result


def test_households_of_the_unit(catalog):
    assert ("tong_so_ho_dan_cu", "result", 812) in found("Toàn xã có 812 hộ dân với 3.350 nhân khẩu.", catalog)


def test_a_capitalised_name_after_a_place_word_is_no_crop(catalog):
    assert words.subjects("xã Lạc Sơn") == ()
    assert words.last_subject("trồng lạc") == {"lạc"}
    text = "Tổng diện tích đất tự nhiên là 2.310,5 ha, gồm 2 xã Lạc Sơn và Đông Hà sáp nhập."
    assert ("dien_tich_dat_tu_nhien", "result", 2310.5) in found(text, catalog)


def test_figures_of_named_sub_units_in_a_list(catalog):
    text = (
        "Diện tích, năng suất lúa vụ xuân của các huyện như sau: Tân Lập: 3.120 ha, 60,5 tạ/ha; "
        "Đồng Tâm: 2.480 ha, 58,25 tạ/ha."
    )
    result = found(text, catalog)
    for code, value in (("dien_tich_lua", 3120), ("nang_suat_lua_thap", 60.5), ("dien_tich_lua", 2480)):
        assert (code, "result", value) in result
    assert ("nang_suat_lua_thap", "result", 58.25) in result


def test_a_percentage_after_an_amount_is_not_a_repeated_measure(catalog):
    text = "Tỷ lệ hộ nghèo giảm 2,1%; kết nạp được 25 đảng viên, đạt 110%."
    assert not any(value == 110 for _, _, value in found(text, catalog))


def test_a_seasons_part_after_trong_do_is_kept(catalog):
    text = "Năm nay toàn xã gieo cấy được 950 ha lúa, trong đó diện tích lúa xuân là 480 ha, lúa mùa là 470 ha."
    result = found(text, catalog)
    for value in (950, 480, 470):
        assert ("dien_tich_lua", "result", value) in result
    # a part that is no season is still no figure of the whole's indicator
    assert not any(v == 300 for _, _, v in found("Gieo cấy 950 ha lúa, trong đó lúa lai 300 ha.", catalog))


def test_a_count_joined_to_a_change_is_a_change(catalog):
    result = found("Trong năm, xã giảm được 6 hộ nghèo và 3 hộ cận nghèo so với năm trước.", catalog)
    assert ("so_ho_ngheo", "change", 6) in result and ("so_ho_can_ngheo", "change", 3) in result
    # not across a verb of its own
    result = found("Xã giảm 6 hộ nghèo, còn 40 hộ nghèo.", catalog)
    assert ("so_ho_ngheo", "result", 40) in result


def test_a_change_in_ta_after_a_yield_is_per_hectare(catalog):
    result = found("Năng suất lúa bình quân đạt 57,4 tạ/ha, giảm 2,6 tạ so với cùng kỳ.", catalog)
    assert ("nang_suat_lua_thap", "change", 2.6) in result


def test_households_of_the_unit_need_its_people_or_all(catalog):
    assert ("tong_so_ho_dan_cu", "result", 640) in found("Thôn có 3 xóm, 640 hộ với 2.710 nhân khẩu.", catalog)
    assert ("tong_so_ho_dan_cu", "result", 950) in found("Toàn phường có 950 hộ.", catalog)
    assert not found("Tiếp đến là xã Tân Lập với 52 hộ, Đồng Tâm 49 hộ.", catalog)
    assert not found("Trong năm đã hỗ trợ 12 hộ.", catalog)


def test_a_long_list_takes_the_subject_its_opening_names_in_parentheses(catalog):
    names = ["Tân Lập", "Đồng Tâm", "Hòa Bình", "Quang Trung", "Minh Khai", "Thanh Xuân", "Phú Lương", "An Thịnh"]
    parts = "; ".join(f"{name}: {3000 + 10 * i}ha, {55 + i},5 tạ/ha" for i, name in enumerate(names))
    text = f"Kết quả về diện tích, năng suất (vụ xuân của cây lúa) của các xã như sau: {parts}."
    result = found(text, catalog)
    assert ("dien_tich_lua", "result", 3070) in result and ("nang_suat_lua_thap", "result", 62.5) in result


def test_a_clause_opens_inside_parentheses_and_an_elided_one_repeats_the_amount_before(catalog):
    text = "Toàn huyện có 25.400 hộ dân (hộ nghèo 1.230 hộ, tỷ lệ 4,84%; giảm 310 hộ so với năm trước)."
    result = found(text, catalog)
    assert ("so_ho_ngheo", "result", 1230) in result and ("so_ho_ngheo", "change", 310) in result
    assert not any(code == "tong_so_ho_dan_cu" and value in (1230, 310) for code, _, value in result)


def test_values_joined_to_a_change_of_a_rate_are_changes(catalog):
    result = found("Hai xã có tỉ lệ hộ nghèo giảm ít nhất huyện là 0,35% và 0,9%.", catalog)
    assert ("ty_le_ho_ngheo", "change", 0.35) in result and ("ty_le_ho_ngheo", "change", 0.9) in result


def test_deprivation_counts_are_not_poverty_rates(catalog):
    text = "Có 120 lượt hộ nghèo thiếu hụt về việc làm, tương đương 60,5%."
    assert not any(code.startswith("ty_le_ho") for code, _, _ in found(text, catalog))


def test_the_rate_change_written_with_a_change_of_households(catalog):
    text = "Hộ nghèo còn 1.230 hộ, tỷ lệ 4,84%; giảm 310 hộ, tương ứng với tỷ lệ giảm 1,2% so với năm trước."
    result = found(text, catalog)
    assert ("so_ho_ngheo", "change", 310) in result and ("ty_le_ho_ngheo", "change", 1.2) in result


def test_households_that_borrowed_are_not_poor_households(catalog):
    text = "Trong năm đã giải ngân cho 35 hộ nghèo vay vốn với số tiền 1,2 tỷ đồng."
    assert not any(code.startswith("so_ho") for code, _, _ in found(text, catalog))


def test_a_herd_that_grew_by_a_percentage_is_its_rate_of_change(catalog):
    result = found("Đàn lợn đang được tái đàn, tổng đàn tăng khoảng 1,5% so với năm trước.", catalog)
    assert ("ty_le_thay_doi_dan_so_cung_ky", "change", 1.5) in result


def test_an_amount_in_parentheses_with_bang_after_a_change_is_that_change(catalog):
    result = found("Năng suất lúa đạt 45,2 tạ/ha, giảm 12,5% (bằng 6,46 tạ/ha) so với cùng kỳ.", catalog)
    assert ("nang_suat_lua_thap", "change", 6.46) in result


def test_a_sentence_that_goes_on_with_the_list_before_repeats_its_measure(catalog):
    text = (
        "Xã Tân Lập có số hộ nghèo nhiều nhất huyện với 412 hộ. "
        "Tiếp đến là xã Đồng Tâm (huyện Bắc Sơn) với 390 hộ, Hòa Bình (huyện Văn Lãng) 365 hộ."
    )
    result = found(text, catalog)
    for value in (412, 390, 365):
        assert ("so_ho_ngheo", "result", value) in result


def test_what_is_said_after_joined_figures_is_said_of_each(catalog):
    assert not found("Trong năm đã giúp 3 hộ nghèo, 4 hộ cận nghèo vươn lên thoát nghèo.", catalog)
