"""The demo's scorecard gives back the seed report's own judgements (section IV and the statements around it)."""

from decimal import Decimal

import pytest

from ktxh.analytics.scorecard import build_scorecard
from ktxh.periods import Period
from ktxh.units.models import OrgUnit
from ktxh.values.models import plain_number

pytestmark = pytest.mark.django_db


@pytest.fixture
def card(demo):
    return build_scorecard(OrgUnit.objects.get(code="thang"), Period.parse("2023"))


def find(card, name_part, source="huyen_giao"):
    matches = [
        r
        for r in card.rows
        if name_part in r.indicator.name.lower()
        and r.target
        and r.target.source.code == source
        and not r.disaggregation
    ]
    assert len(matches) == 1, [r.indicator.name for r in matches]
    return matches[0]


@pytest.mark.parametrize(
    "name_part, actual, target, status",
    [
        ("tỷ lệ hộ nghèo", "1.59", "2.03", "đạt"),
        ("gia đình văn hóa", "94.2", "93", "vượt"),
        ("bảo hiểm y tế", "99.9", "100", "không đạt"),
        ("tổ dân phố đạt danh hiệu", "15", "14", "vượt"),
        ("nước sinh hoạt hợp vệ sinh", "100", "96", "vượt"),
        ("đồng thuận", "96", "90", "vượt"),
        ("hành lang an toàn", "90", "90", "đạt"),
        ("kiên cố hóa", "99", "99", "đạt"),
        ("bảo hiểm xã hội tự nguyện", "648", "640", "vượt"),
        ("thanh niên", "25", "25", "đạt"),
    ],
)
def test_key_tasks_agree_with_the_seed(card, name_part, actual, target, status):
    row = find(card, name_part)
    assert (plain_number(row.actual.value), plain_number(row.target.value)) == (actual, target)
    assert row.judgement.status == status


def test_rates_are_compared_in_points_and_counts_in_percent_of_plan(card):
    poverty = find(card, "tỷ lệ hộ nghèo")
    assert poverty.judgement.pct_of_target is None and poverty.judgement.gap == Decimal("-0.44")
    insurance = find(card, "bảo hiểm xã hội tự nguyện")
    assert round(insurance.judgement.pct_of_target, 1) == Decimal("101.2")  # the seed: "đạt 101.2%"
    conferences = find(card, "phổ biến pháp luật", source="ke_hoach")
    assert conferences.judgement.pct_of_target == 150  # the seed: "đạt 150% kế hoạch năm"


def test_budget_is_an_estimate_at_65_percent(card):
    revenue = next(
        r for r in card.rows if r.indicator.unit.symbol == "tỷ đồng" and "thu ngân sách" in r.indicator.name.lower()
    )
    assert (str(revenue.actual.value), revenue.actual.kind) == ("26.500000", "estimate")
    share = next(r for r in card.rows if "so dự toán" in r.indicator.name.lower())
    assert share.actual.value == 65 and share.actual.estimate


def test_year_on_year_from_the_changes_the_seed_states(card):
    poor = next(r for r in card.rows if r.indicator.name == "Số hộ nghèo")
    assert (poor.change.previous, poor.change.change) == (107, -23)  # "giảm 23 hộ so cùng kỳ"
    firms = next(r for r in card.rows if r.indicator.code == "so_doanh_nghiep" and "ngoai" in r.disaggregation)
    assert firms.change.change == -2  # "giảm 02 doanh nghiệp so cùng kỳ"


def test_school_ranks_among_the_towns_schools(demo):
    cards = {}
    for school in OrgUnit.objects.filter(type="school"):
        cards[school.code] = build_scorecard(school, Period.parse("2022-2023"))
    assert any(r.rank for c in cards.values() for r in c.rows)
