from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ktxh.numbers import format_number, format_percent, parse_number


@pytest.mark.parametrize(
    "value, text",
    [
        (Decimal("1134.310000"), "1.134,31"),
        (4426, "4.426"),
        (Decimal("26.5"), "26,5"),
        (Decimal("0"), "0"),
        (Decimal("1234567.5"), "1.234.567,5"),
        (Decimal("-0.5"), "-0,5"),
        (Decimal("51002"), "51.002"),
        (Decimal("215.0"), "215"),
    ],
)
def test_format(value, text):
    assert format_number(value) == text


def test_rounding_and_percent():
    assert format_number(Decimal("95.6329"), 1) == "95,6"
    assert format_number(Decimal("0.05"), 1) == "0,1"  # half up, as officials round
    assert format_percent(Decimal("116.48")) == "116,48%"
    assert format_number(None) == ""


@pytest.mark.parametrize("text", ["1,234.5", "1.23,4", "abc", "1..2", ""])
def test_parse_refuses_non_vietnamese_numbers(text):
    with pytest.raises(ValueError):
        parse_number(text)


@given(st.decimals(min_value=-(10**12), max_value=10**12, places=3, allow_nan=False, allow_infinity=False))
def test_round_trip(value):
    assert parse_number(format_number(value)) == value


@pytest.mark.parametrize("text, word", [("１２３", "0–9"), ("1_000", "1_000"), ("٣", "0–9"), ("1.２34", "0–9")])
def test_parse_refuses_underscores_and_full_width_digits_with_a_word(text, word):
    with pytest.raises(ValueError, match=word):
        parse_number(text)
