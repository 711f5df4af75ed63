"""Finding numbers, units and their roles in Vietnamese report text."""

import pytest

from ktxh.audit.claims import analyse, parse_number
from ktxh.audit.text import parse_text


@pytest.mark.parametrize(
    "raw, count, expected",
    [
        ("1.234,5", False, (1234.5, 1)),
        ("1134.31", False, (1134.31, 2)),
        ("4.426", False, (4426.0, 0)),
        ("51.002", False, (51002.0, 0)),
        ("1.59", False, (1.59, 2)),
        ("12,500", True, (12500.0, 0)),  # "12,500 liều": thousands before a unit of count
        ("12,500", False, (12.5, 3)),
        ("26,5", False, (26.5, 1)),
        ("02", False, (2.0, 0)),
        ("1.234.567,5", False, (1234567.5, 1)),
        ("1,234.5", False, (1234.5, 1)),
        ("0,06", False, (0.06, 2)),
    ],
)
def test_parse_number_in_every_notation(raw, count, expected):
    assert parse_number(raw, count) == expected


def test_parse_number_refuses_nonsense():
    assert parse_number("1.2.3") is None
    assert parse_number("1,2.3,4") is None


def claims_of(text):
    return [c for s in analyse(parse_text(text)) for c in s.claims]


def test_units_and_thousands_before_a_count():
    claims = claims_of("Vắc xin cúm 12,500 liều; lạc 135,0 ha; thu 26,5 tỷ đồng; đất 27,26ha; kiốt 789m².")
    assert [(c.value, c.unit) for c in claims] == [
        (12500, "liều"),
        (135, "ha"),
        (26.5, "tỷ đồng"),
        (27.26, "ha"),
        (789, "m²"),
    ]
    assert claims[2].base == 26.5e9


def test_identifiers_dates_and_years_are_not_amounts():
    claims = claims_of(
        "Ngày 29/11/2023, tuyến Quốc lộ 37 và đường 19/5, Quyết định số 04/2022/QĐ-TTg; năm 2023 có 181 doanh nghiệp."
    )
    amounts = [c for c in claims if c.amount]
    assert [(c.value, c.unit) for c in amounts] == [(181, "doanh nghiệp")]
    fractions = [f for s in analyse(parse_text("đường 19/5 và ngày 27/7")) for f in s.fractions]
    assert all(f.ident for f in fractions)


def test_changes_comparisons_ranges_and_bounds():
    claims = claims_of(
        "Đàn lợn 4.426 con (giảm 13,7% so cùng kỳ); thu 26,5 tỷ đồng, đạt 65% dự toán; "
        "năng suất 56 - 60 tạ/ha; thu hút hơn 4.000 lao động."
    )
    by_value = {c.value: c for c in claims}
    assert by_value[13.7].delta and not by_value[4426].delta
    assert by_value[65].comparison
    assert by_value[56].high == 60 and by_value[56].unit == "tạ/ha"
    assert by_value[4000].bound == ">="


@pytest.mark.parametrize(
    "text, amount, share",
    [
        ("Tổng số hộ nghèo 84 hộ = 1.59%.", 84, 1.59),
        ("Hộ cận nghèo 98 hộ, chiếm 4,1%.", 98, 4.1),
        ("Hộ nghèo 46 hộ (chiếm 1,44%).", 46, 1.44),
        ("có 4.976 hộ gia đình đạt gia đình văn hóa = 94,2%.", 4976, 94.2),
    ],
)
def test_shares_are_linked_to_their_amount(text, amount, share):
    claim = next(c for c in claims_of(text) if c.value == amount)
    assert claim.share is not None and claim.share.value == share


def test_a_percentage_of_a_plan_is_no_share():
    claim = next(c for c in claims_of("Vắc xin 200 liều = 100 % kế hoạch giao.") if c.value == 200)
    assert claim.share is None


def test_labels_name_the_quantity():
    claims = claims_of("Kết quả: tổng thu 26,5 tỷ đồng; chi ước đạt 17,1 tỷ đồng tập trung cho đầu tư.")
    assert claims[-1].label == ("chi", "ước", "đạt")
