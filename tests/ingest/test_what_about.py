"""Ingest on what a figure is about: the thing (crop, animal, land), the measure (a harvested area is not the sown
area), the body (province, village), the figure a change modifies, and the kind a clause or a sentence gives.

Short invented sentences, one general rule each; the measure on real text is ``evaluation/corpus_eval.py``.
"""

import pytest

from ktxh.audit.text import parse_text
from ktxh.ingest import words
from ktxh.ingest.matcher import catalog_from_files
from ktxh.ingest.propose import level_of, propose_document


@pytest.fixture(scope="module")
def catalog():
    return catalog_from_files()


def found(text, catalog, level=None):
    proposals, _ = propose_document(parse_text(text), "xa", "2023", catalog, level=level)
    return [(p.indicator_code, p.kind, p.value) for p in proposals]


def codes(text, catalog, level=None):
    return {code for code, _, _ in found(text, catalog, level)}


# --- subjects -----------------------------------------------------------------------------------------------


def test_subjects_are_phrases_longest_first_outside_parentheses():
    assert words.last_subject("cây rau màu các loại") == {"rau màu"}
    assert words.last_subject("cây màu (cây Ngô, Khoai Lang) diện tích") == {"màu"}
    assert words.last_subject("Câu lạc bộ văn nghệ") == frozenset()  # not «lạc», the groundnut
    assert words.first_subjects(" lúa và cây rau màu các loại") == {"lúa", "rau màu"}
    assert words.last_subject("đàn heo") == {"lợn"}
    assert words.covered(frozenset({"trâu", "bò"}), frozenset({"gia súc", "gia cầm"}))
    assert not words.covered(frozenset({"ngô"}), frozenset({"màu"}))


def test_another_crop_is_not_the_crop_of_the_indicator(catalog):
    assert not codes("Cây sắn 9 tháng gieo trồng được 861,5 ha, tăng 8,9% so cùng kỳ.", catalog)
    assert not codes("So với cùng kỳ, cây rau ước 9 tháng đầu năm thực hiện 1.877,1 ha, tăng 10,5%.", catalog)
    assert not codes("Cây đậu thực phẩm thu hoạch 49,5 ha, năng suất bình quân ước đạt 13,7 tạ/ha.", catalog)


def test_the_subject_comes_from_the_paragraph_when_the_clause_has_none(catalog):
    text = "Cây lúa gieo trồng được 1.136 ha, giảm 7,3% so với cùng kỳ. Năng suất bình quân đạt 42,8 tạ/ha."
    assert ("nang_suat_lua_thap", "result", 42.8) in found(text, catalog)
    beans = "Cây lúa gieo trồng được 1.136 ha. Cây đậu thực phẩm năng suất bình quân đạt 13,7 tạ/ha."
    assert ("nang_suat_lua_thap", "result", 13.7) not in found(beans, catalog)


def test_a_crop_the_name_lists_in_parentheses_is_of_the_indicator(catalog):
    # «Diện tích cây màu (ngô, khoai lang)»: maize is one of the crops it covers; maize for fodder is another measure
    text = "Cây ngô gieo trồng được 120,5 ha, năng suất ước đạt 48,2 tạ/ha; còn 12 ha ngô sinh khối."
    assert found(text, catalog) == [("dien_tich_cay_mau", "result", 120.5), ("nang_suat_cay_mau", "estimate", 48.2)]


def test_a_sum_of_two_crops_is_neither(catalog):
    text = "Toàn tỉnh gieo trồng 80.888 ha lúa và cây rau màu các loại; gồm 72.002 ha lúa và 8.886 ha cây rau màu."
    result = found(text, catalog)
    assert ("dien_tich_lua", "result", 72002.0) in result
    assert not any(value in (80888.0, 8886.0) for _, _, value in result)


def test_land_of_a_use_is_not_the_sown_area(catalog):
    assert not codes("Đất trồng lúa 392,46 ha; đất nuôi trồng thủy sản 61,39 ha.", catalog)


def test_a_figure_of_one_option_of_a_disaggregation_is_a_figure_of_the_indicator(catalog):
    # «Tổng đàn chăn nuôi» is split by kind of animal (catalog dimension «vat_nuoi»): a herd of pigs is one part
    assert ("tong_dan_chan_nuoi", "result", 5316.0) in found("Đàn lợn 5.316 con.", catalog)
    assert ("tong_dan_chan_nuoi", "result", 2400.0) in found("Xã duy trì trên 2.400 con gia cầm, thủy cầm.", catalog)
    assert ("tong_dan_chan_nuoi", "result", 640.0) in found("Tổng đàn gia súc có 640 con.", catalog)
    # a percentage about animals is not, for that, a rate split by animals
    assert "ty_le_tiem_vac_xin_dat_ke_hoach" not in codes("Đàn gia cầm có 300 con, đạt 90%.", catalog)


def test_a_part_of_a_class_of_animals_is_counted_for_the_class(catalog):
    text = "Vắc xin lở mồm long móng trâu bò: 200 liều = 100 % kế hoạch giao."
    assert ("so_lieu_vac_xin_da_tiem", "result", 200.0) in found(text, catalog)


# --- words as phrases, qualifiers, synonyms -----------------------------------------------------------------


def test_name_syllables_count_only_inside_the_names_phrase(catalog):
    # «sản» of «sản xuất» is not «thủy sản»; «thu» of «thu nhập» is not «thu ngân sách»
    assert not codes("Tổng diện tích dồn điền đổi thửa, tích tụ toàn tỉnh đạt trên 6.336 ha.", catalog)
    text = "Thu nhập bình quân đạt 47 triệu đồng/người/năm; dự án được hỗ trợ từ ngân sách huyện là 1,6 tỷ đồng."
    assert "tong_thu_ngan_sach" not in codes(text, catalog)
    assert ("tong_chi_ngan_sach", "estimate", 13.0) in found(
        "Thu ngân sách trên địa bàn 26,5 tỷ đồng; chi ước đạt 13 tỷ đồng.", catalog
    )


def test_a_qualifier_the_name_lacks_makes_another_measure(catalog):
    assert not codes("Diện tích lúa đã thu hoạch đạt 4.025,4 nghìn ha.", catalog)
    assert not codes("Toàn xã có 1.639/1.690 hộ gia đình đăng ký danh hiệu gia đình văn hóa; đạt 97%.", catalog)
    # the harvested area is another area, its yield is still the yield
    text = "Cây lúa: đã thu hoạch 529,5 ha, năng suất thu hoạch bình quân đạt 42,8 tạ/ha."
    assert ("nang_suat_lua_thap", "result", 42.8) in found(text, catalog)


def test_the_wording_of_reports_for_the_wording_of_names(catalog):
    assert ("san_luong_luong_thuc_co_hat", "target", 4200.0) in found(
        "Mục tiêu năm 2023: Tổng sản lượng lương thực đạt 4.200 tấn.", catalog
    )
    assert "ty_le_tang_dan_so_tu_nhien" in codes("Duy trì tỉ lệ tăng dân số tự nhiên ở mức dưới 1%.", catalog)


def test_the_paragraph_opening_helps_only_a_clause_that_says_nothing_else(catalog):
    text = "Về dân số: Tỷ lệ tăng dân số tự nhiên là 1,3%, tỷ lệ tăng dân số bình quân hàng năm là 2,52%."
    result = found(text, catalog)
    assert ("ty_le_tang_dan_so_tu_nhien", "result", 1.3) in result  # a rate's name, not a change
    assert not any(value == 2.52 for _, _, value in result)
    text = "6. Về văn hóa: 75%/85% gia đình; 60%/65% thôn, buôn; 85%/95% cơ quan, đơn vị đạt tiêu chuẩn văn hóa."
    assert [value for _, _, value in found(text, catalog)] == [75.0]
    assert not codes("Về lao động, việc làm và đào tạo nghề: Đào tạo nghề cho 24.020/24.000 người.", catalog)


def test_general_wording_of_reports_for_catalog_names(catalog):
    text = (
        "Năm nay có 92,4% người dân tham gia BHYT; số doanh nghiệp trên địa bàn là 14 doanh nghiệp; "
        "có 236 hộ kinh doanh cá thể."
    )
    result = found(text, catalog)
    assert ("ty_le_bao_phu_bhyt", "result", 92.4) in result
    assert ("so_doanh_nghiep", "result", 14.0) in result and ("so_ho_kinh_doanh", "result", 236.0) in result
    # cultivated land is a land category, not the area of whatever the paragraph spoke of before
    text = "Diện tích nuôi trồng thủy sản 31 ha. Sản xuất nông nghiệp trên 180 ha đất canh tác."
    assert found(text, catalog) == [("dien_tich_nuoi_trong_thuy_san", "result", 31.0)]


def test_two_figures_about_different_things_are_two(catalog):
    text = "Đàn lợn 2.100 con, tăng 4% so với cùng kỳ; đàn gia cầm 21.000 con, tăng 4% so với cùng kỳ."
    assert [k for k in found(text, catalog) if k[1] == "change"] == [
        ("ty_le_thay_doi_dan_so_cung_ky", "change", 4.0)
    ] * 2


def test_a_plan_compared_with_is_no_target(catalog):
    text = "Chăn nuôi tăng so với kế hoạch với đàn trâu 412 con. Theo kế hoạch, vụ đông năm nay gieo trồng ngô 140 ha."
    result = found(text, catalog)
    assert ("tong_dan_chan_nuoi", "result", 412.0) in result and ("dien_tich_cay_mau", "target", 140.0) in result


def test_a_rate_written_before_what_it_measures(catalog):
    text = "- Tỉ lệ 95% hộ đạt gia đình văn hóa."
    assert ("ty_le_ho_gia_dinh_van_hoa", "result", 95.0) in found(text, catalog)


# --- changes, shares, parts -----------------------------------------------------------------------------------


def test_a_change_belongs_to_the_amount_it_follows(catalog):
    # the amount matches nothing: its change is not matched on its own words to some «change» indicator
    assert not codes("Cây hoa các loại 273,9 ha, tăng 12% so với cùng kỳ.", catalog)
    text = "Năng suất lúa Mùa ước đạt 53 tạ/ha, tăng 1,9% (+1 tạ/ha) so với vụ Mùa năm 2021."
    result = found(text, catalog)
    assert ("nang_suat_lua_thap", "estimate", 53.0) in result and ("nang_suat_lua_thap", "change", 1.0) in result
    assert not any(value == 1.9 for _, _, value in result)  # a change in % of a yield: no indicator


def test_a_change_in_percent_of_a_herd_is_the_herds_rate_of_change(catalog):
    text = "Đàn bò có 2.310 con, giảm 3,4% so với cùng kỳ; tỷ lệ tăng đàn gia cầm đạt 7,2%."
    result = found(text, catalog)
    assert ("tong_dan_chan_nuoi", "result", 2310.0) in result
    assert ("ty_le_thay_doi_dan_so_cung_ky", "change", 3.4) in result
    assert ("ty_le_thay_doi_dan_so_cung_ky", "result", 7.2) in result
    # a change in % of a count is not a change of its rate
    assert found("Toàn xã có 215 hộ nghèo, giảm 6,5% so với năm trước.", catalog) == [("so_ho_ngheo", "result", 215.0)]


def test_a_share_whose_clause_names_the_rate(catalog):
    assert found("Về y tế, tỷ lệ bao phủ BHYT chiếm 91,5% dân số.", catalog) == [("ty_le_bao_phu_bhyt", "share", 91.5)]
    assert not found("Thu từ đất chiếm 40%.", catalog)  # a share of an amount that matches nothing


def test_a_change_written_after_its_comparison(catalog):
    text = "Năng suất lúa bình quân đạt 5,3 tấn/ha tăng so với cùng kỳ 0,3 tấn/ha."
    assert ("nang_suat_lua_thap", "change", 3.0) in found(text, catalog)


def test_the_level_before_a_change_is_no_figure(catalog):
    result = found("Giảm số hộ nghèo từ 28 hộ xuống còn 23 hộ.", catalog)
    assert ("so_ho_ngheo", "result", 23.0) in result and not any(value == 28 for _, _, value in result)


def test_parts_in_the_sentences_after_trong_do_or_rieng(catalog):
    text = (
        "Tổng thu ngân sách nhà nước trên địa bàn ước đạt 235 tỷ đồng. Trong đó, thu ngân sách do huyện quản lý "
        "127 tỷ đồng. Riêng thu ngân sách tỉnh quản lý 108 tỷ đồng."
    )
    assert found(text, catalog) == [("tong_thu_ngan_sach", "estimate", 235.0)]


def test_a_part_that_is_an_option_of_the_indicators_disaggregation_is_kept(catalog):
    text = "Tổng đàn gia súc có 4.120 con; trong đó 3.050 con trâu, 1.070 con bò."
    assert found(text, catalog) == [
        ("tong_dan_chan_nuoi", "result", 4120.0),
        ("tong_dan_chan_nuoi", "result", 3050.0),
        ("tong_dan_chan_nuoi", "result", 1070.0),
    ]


def test_changes_inside_a_sentence_of_parts(catalog):
    # the sentence opens with «Trong đó»: its own figures are read one by one, each change with its amount
    text = "Tổng diện tích gieo trồng 2.300 ha. Trong đó, lúa 1.410 ha, giảm 1,2% (-17 ha)."
    result = found(text, catalog)
    assert ("dien_tich_lua", "result", 1410.0) in result and ("dien_tich_lua", "change", 17.0) in result
    # «giảm còn 2,3%» is a new level, not a change: the change after it is the rate's
    text = "Tỷ lệ hộ nghèo giảm còn 2,3%, giảm 1,15% so với năm trước."
    assert found(text, catalog) == [("ty_le_ho_ngheo", "result", 2.3), ("ty_le_ho_ngheo", "change", 1.15)]


def test_one_proposal_per_figure(catalog):
    text = "Tổng sản lượng lương thực có hạt đạt 2.733 tấn.\nNăm 2021, tổng sản lượng lương thực có hạt đạt 2.733 tấn."
    assert found(text, catalog) == [("san_luong_luong_thuc_co_hat", "result", 2733.0)]


def test_an_amount_over_its_plan_is_a_count_and_a_target(catalog):
    text = "Lúa mùa: diện tích gieo cấy 412,5/400 ha, đạt 103,1% kế hoạch."
    assert found(text, catalog) == [("dien_tich_lua", "count", 412.5), ("dien_tich_lua", "target", 400.0)]
    # the unit written on both sides of the slash, amounts of money in «tỷ … triệu»
    text = "Tổng đàn trâu, bò có 1.250 con/1.200 con, đạt 104,2% KH."
    assert found(text, catalog) == [("tong_dan_chan_nuoi", "count", 1250.0), ("tong_dan_chan_nuoi", "target", 1200.0)]
    text = "Thu ngân sách nhà nước đạt 3 tỷ 250 triệu/4 tỷ 100 triệu đồng."
    assert found(text, catalog) == [("tong_thu_ngan_sach", "count", 3.25), ("tong_thu_ngan_sach", "target", 4.1)]
    # the Y of things counted is all of them, not a plan
    assert ("so_tdp_van_hoa", "count", 9.0) in found("Có 9/11 tổ dân phố đạt danh hiệu văn hóa.", catalog)
    assert not any(value == 11 for _, _, value in found("Có 9/11 tổ dân phố đạt danh hiệu văn hóa.", catalog))


# --- kinds by clause and sentence -----------------------------------------------------------------------------


def test_an_estimate_holds_for_its_clause_or_for_a_sentence_it_opens(catalog):
    text = "Diện tích lúa gieo trồng ước đạt 1.915,6 ha, giảm 38,6 ha; năng suất lúa đạt 56,4 tạ/ha."
    result = found(text, catalog)
    assert ("dien_tich_lua", "estimate", 1915.6) in result and ("nang_suat_lua_thap", "result", 56.4) in result
    text = "Ước 9 tháng diện tích lúa là 1.657,3 ha; năng suất lúa bình quân 45 tạ/ha."
    assert ("nang_suat_lua_thap", "estimate", 45.0) in found(text, catalog)


def test_aims_opening_a_sentence_make_its_figures_targets(catalog):
    text = "Trong đó, phấn đấu thu nhập bình quân đầu người 49,57 triệu đồng; tổng thu ngân sách nhà nước 71,3 tỷ đồng."
    assert ("tong_thu_ngan_sach", "target", 71.3) in found(text, catalog)
    # a budget estimate is a target, what follows it is not
    text = "Dự toán thu ngân sách năm 2023 là 40 tỷ đồng; ước thực hiện 42 tỷ đồng."
    assert found(text, catalog) == [("tong_thu_ngan_sach", "target", 40.0), ("tong_thu_ngan_sach", "estimate", 42.0)]


def test_aims_of_a_paragraphs_first_sentence_hold_for_the_next_until_a_result(catalog):
    text = (
        "Năm 2025, xã phấn đấu thu nhập bình quân đầu người trên 60 triệu đồng. Tỷ lệ hộ nghèo dưới 2,1%. "
        "Đến nay, tỷ lệ hộ nghèo là 2,6%."
    )
    result = found(text, catalog)
    assert ("ty_le_ho_ngheo", "target", 2.1) in result and ("ty_le_ho_ngheo", "result", 2.6) in result
    # a plan set («đặt chỉ tiêu»), what is expected («dự kiến»), a list of aims («với các chỉ tiêu chủ yếu như:»)
    text = "Vụ Mùa năm 2025, huyện đặt chỉ tiêu gieo trồng 900 ha. Cụ thể, diện tích lúa 640 ha."
    assert ("dien_tich_lua", "target", 640.0) in found(text, catalog)
    text = "Vụ Xuân năm sau, tổng diện tích dự kiến là 1.200 ha; trong đó cây lúa gieo cấy trên 700 ha."
    assert ("dien_tich_lua", "target", 700.0) in found(text, catalog)
    text = "Hội đồng thông qua Nghị quyết năm 2025 với các chỉ tiêu chủ yếu như: giảm tỷ lệ hộ nghèo còn 1,9%."
    assert ("ty_le_ho_ngheo", "target", 1.9) in found(text, catalog)
    text = "Các chỉ tiêu đều đạt và vượt: tỷ lệ hộ nghèo còn 1,9%."
    assert ("ty_le_ho_ngheo", "result", 1.9) in found(text, catalog)


def test_an_estimate_is_of_the_figure_it_is_written_before(catalog):
    text = "Thu nhập bình quân ước đạt 58 triệu đồng/người/năm, tỷ lệ hộ nghèo giảm còn 2,4%."
    assert ("ty_le_ho_ngheo", "result", 2.4) in found(text, catalog)
    assert ("nang_suat_lua_thap", "estimate", 49.0) in found("Dự kiến năng suất lúa vụ mùa ước đạt 49 tạ/ha.", catalog)
    text = "Sản lượng lương thực có hạt 2.104,5 tấn (ước cả vụ mùa)."
    assert ("san_luong_luong_thuc_co_hat", "estimate", 2104.5) in found(text, catalog)
    # the parts after «Trong đó» of an estimated total
    text = "Tổng diện tích gieo trồng ước 3.260 ha. Trong đó, lúa 1.980 ha."
    assert ("dien_tich_lua", "estimate", 1980.0) in found(text, catalog)


def test_a_gap_to_the_plan_is_no_change(catalog):
    text = "Cây lạc: diện tích gieo trồng 42 ha, vượt 2,5 ha so với kế hoạch."
    assert found(text, catalog) == [("dien_tich_lac", "result", 42.0)]


def test_glue_words_between_the_names_words(catalog):
    assert found("Số hộ thuộc diện nghèo là 84 hộ.", catalog) == [("so_ho_ngheo", "result", 84.0)]


# --- the body a figure is about -------------------------------------------------------------------------------


def test_figures_of_another_body_are_left_out_for_a_unit_of_known_level(catalog):
    province = "Toàn tỉnh gieo trồng 72.002 ha lúa."
    assert codes(province, catalog) == {"dien_tich_lua"}  # level unknown: kept
    assert not codes(province, catalog, level="commune")
    assert codes(province, catalog, level="province") == {"dien_tich_lua"}
    assert not codes("Thôn Đông có 12 hộ nghèo.", catalog, level="commune")
    # a place named on the way is not what the figure is about; «huyện giao» is who set the target
    on_the_way = (
        "Thu gom rác thải trên kênh: lắp đặt hàng rào chắn rác tại tổ dân phố Dinh Hương, bố trí 01 khu đất với "
        "diện tích trên 360 m² để xử lý rác thải thu vớt trên kênh."
    )
    assert codes(on_the_way, catalog, "commune") == codes(on_the_way, catalog) != set()
    assert ("ty_le_ho_ngheo", "target", 2.03) in found("- Tỷ lệ hộ nghèo huyện giao 2,03%.", catalog, "commune")
    # a region is never a unit's body
    assert not codes("Vùng Đồng bằng sông Cửu Long gieo cấy được 637,5 nghìn ha lúa thu đông.", catalog)


def test_level_of_a_unit_type():
    assert [level_of(t) for t in ("province", "district", "commune", "ward", "town", "school")] == [
        "province",
        "district",
        "commune",
        "commune",
        "commune",
        "below",
    ]
