"""The checking core on its own: the rounding policy, the relations, the data files."""

from decimal import Decimal

import pytest

from ktxh.checks import measures, plausible, relations, rounding
from ktxh.checks.finding import Stated


@pytest.mark.parametrize(
    "stated, decimals, computed, agrees",
    [
        ("101.2", 1, Decimal(648) / 640 * 100, True),  # 101,25% rounded down (half even) or truncated
        ("96.7", 1, Decimal(30) / 31 * 100, True),  # 96,77% truncated
        ("96.8", 1, Decimal(30) / 31 * 100, True),  # 96,77% rounded
        ("90.4", 1, Decimal(151) / 158 * 100, False),  # 95,57%
        ("81.1", 1, Decimal(1711) / 2097 * 100, False),  # 81,59%
        ("96.9", 1, Decimal(30) / 31 * 100, False),  # neither rounded nor truncated
        ("-5.2", 1, Decimal("5.2"), False),  # another sign
        ("100", 0, Decimal("99.6"), True),
    ],
)
def test_a_stated_number_is_the_computed_one_rounded_or_truncated(stated, decimals, computed, agrees):
    assert rounding.agrees(Decimal(stated), computed, decimals) is agrees


def test_stored_figures_have_the_decimals_they_were_written_with():
    assert rounding.decimals_of(Decimal("90.400000")) == 1 and rounding.decimals_of(Decimal("2097")) == 0
    assert rounding.half_unit(1) == Decimal("0.05") and rounding.decimals_of(0.1) == 1


def test_parts_sum_allows_the_rounding_of_the_parts():
    # 33,3 + 33,3 + 33,3 = 99,9 may be a whole of 100 (each part rounded down)
    assert relations.parts_sum(Stated(100, 0), [Stated("33.3")] * 3) is None
    finding = relations.parts_sum(
        Stated(Decimal("493.88")), [Stated(Decimal(x)) for x in ("263.76", "1.33", "0.86", "10.87", "213.55", "0.06")]
    )
    assert finding is not None and finding.relation == "parts_sum"
    assert finding.details["right"] == Decimal("490.43") and "3,45" in finding.message


def test_shares_part_of_whole_change_production_same_value_between():
    assert relations.share(Stated(Decimal("90.4")), 151, 158).values == [Decimal("90.4"), Decimal(151) / 158 * 100]
    assert relations.share(Stated(Decimal("95.6")), 151, 158) is None
    assert relations.part_of_whole(Stated(2075), Stated(2070)) is not None
    assert relations.part_of_whole(Stated(Decimal("2070.4"), 0), Stated(2070)) is None
    assert relations.change(Stated(Decimal("-13.7")), 4426, 5129) is None  # 4.426 / 5.129 − 1 = −13,71%
    assert relations.change(Stated(Decimal("-13.7")), 4426, 5000) is not None
    scale = measures.production_scale("ha", "tạ/ha", "tấn")
    assert scale == Decimal("0.1")
    assert relations.production(Stated(Decimal("1247")), Stated(Decimal("215.0"), 1), Stated(58), scale) is None
    assert relations.production(Stated(Decimal("1500")), Stated(Decimal("215.0"), 1), Stated(58), scale) is not None
    assert relations.same_value(Stated(Decimal("17.1")), Stated(13)) is not None
    assert relations.same_value(Stated(Decimal("1134.3")), Stated(Decimal("1134.31"))) is None
    assert relations.between(263, 10, 60) is not None and relations.between(26.3, 10, 60) is None
    assert relations.shares_sum([Stated(Decimal("81.1")), Stated(Decimal("18.9"))]) is None
    assert relations.shares_sum([Stated(Decimal("81.1")), Stated(Decimal("19.9"))]) is not None
    assert relations.compare("≤", 2075, 2070) is not None and relations.compare("≤", 2070, 2075) is None


def test_units_and_their_words_come_from_the_catalog_file():
    words = measures.words()
    assert words["héc-ta"].symbol == "ha" and words["tỉ đồng"].symbol == "tỷ đồng"
    assert words["hộ gia đình"].text_dimension == "count:hộ"
    assert measures.convert(1, "tấn/ha", "tạ/ha") == 10
    assert measures.convert(Decimal("80234.9"), "m²", "ha") == Decimal("8.02349")


def test_plausible_bounds_come_from_one_file():
    peanut = plausible.for_indicator("nang_suat_lac")
    assert (peanut.low, peanut.high, peanut.unit) == (10, 60, "tạ/ha") and "đậu phộng" in peanut.words
    assert plausible.for_indicator("ty_le_ho_ngheo").high == 100
    assert [b for b in plausible.for_unit("tạ/ha") if not b.words]  # the bound of an unnamed crop
