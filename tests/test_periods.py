import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ktxh.periods import Period, PeriodError, PeriodType


@pytest.mark.parametrize(
    "text, code, label",
    [
        ("2023", "2023", "năm 2023"),
        ("2023S1", "2023S1", "6 tháng đầu năm 2023"),
        ("2023S2", "2023S2", "6 tháng cuối năm 2023"),
        ("2023Q3", "2023Q3", "quý III năm 2023"),
        ("202309", "202309", "tháng 9 năm 2023"),
        ("2023C9", "2023C9", "9 tháng năm 2023"),
        ("2022-2023", "2022-2023", "năm học 2022-2023"),
        ("Năm 2023", "2023", "năm 2023"),
        ("6 tháng đầu năm 2024", "2024S1", "6 tháng đầu năm 2024"),
        ("6 tháng năm 2024", "2024S1", "6 tháng đầu năm 2024"),
        ("9 tháng đầu năm 2024", "2024C9", "9 tháng năm 2024"),
        ("Quý IV năm 2023", "2023Q4", "quý IV năm 2023"),
        ("quý 2/2024", "2024Q2", "quý II năm 2024"),
        ("tháng 09/2023", "202309", "tháng 9 năm 2023"),
        ("Tháng 12 năm 2023", "202312", "tháng 12 năm 2023"),
        ("năm học 2022 – 2023", "2022-2023", "năm học 2022-2023"),
        ("2023-09", "202309", "tháng 9 năm 2023"),
    ],
)
def test_parse_codes_and_labels(text, code, label):
    period = Period.parse(text)
    assert period.code == code
    assert period.label == label


@pytest.mark.parametrize(
    "code, normalised", [("2023C3", "2023Q1"), ("2023C6", "2023S1"), ("2023C12", "2023"), ("2023C1", "202301")]
)
def test_cumulative_periods_equal_to_calendar_ones_are_normalised(code, normalised):
    assert Period.parse(code).code == normalised


@pytest.mark.parametrize(
    "text",
    [
        "",
        "abc",
        "2023Q5",
        "202313",
        "202300",
        "2023S3",
        "2022-2024",
        "2023C13",
        "quý V năm 2023",
        "tháng 13/2023",
        "năm học 2023-2022",
        "99999",
    ],
)
def test_bad_labels_are_refused_in_vietnamese(text):
    with pytest.raises(PeriodError) as error:
        Period.parse(text)
    assert "kỳ báo cáo" in str(error.value).lower()


def test_spans():
    assert (Period.parse("2023").start, Period.parse("2023").end) == (dt.date(2023, 1, 1), dt.date(2023, 12, 31))
    assert Period.parse("2024Q1").end == dt.date(2024, 3, 31)
    assert Period.parse("202402").end == dt.date(2024, 2, 29)  # leap year
    assert Period.parse("2023C9").end == dt.date(2023, 9, 30)
    school = Period.parse("2022-2023")
    assert (school.start, school.end) == (dt.date(2022, 9, 1), dt.date(2023, 8, 31))
    assert [m.code for m in Period.parse("2023Q3").months()] == ["202307", "202308", "202309"]
    assert len(school.months()) == 12 and school.months()[0].code == "202209"


def test_previous_year_and_containment():
    assert Period.parse("2023Q3").previous_year().code == "2022Q3"
    assert Period.parse("2023-2024").previous_year().code == "2022-2023"
    assert Period.parse("2023C9").contains(Period.parse("2023Q2"))
    assert not Period.parse("2023S1").contains(Period.parse("2023Q3"))
    assert Period.parse("2023C9").is_year_to_date() and not Period.parse("2023Q3").is_year_to_date()


periods = st.one_of(
    st.builds(lambda y: Period(y, PeriodType.YEAR), st.integers(1900, 2200)),
    st.builds(lambda y: Period(y, PeriodType.SCHOOL_YEAR), st.integers(1900, 2199)),
    st.builds(lambda y, i: Period(y, PeriodType.HALF, i), st.integers(1900, 2200), st.integers(1, 2)),
    st.builds(lambda y, i: Period(y, PeriodType.QUARTER, i), st.integers(1900, 2200), st.integers(1, 4)),
    st.builds(lambda y, i: Period(y, PeriodType.MONTH, i), st.integers(1900, 2200), st.integers(1, 12)),
    st.builds(lambda y, i: Period.cumulative(y, i), st.integers(1900, 2200), st.integers(1, 12)),
)


@given(periods)
def test_code_and_label_round_trip(period):
    assert Period.parse(period.code) == period
    assert Period.parse(period.label) == period
    assert Period.parse(period.label.upper()) == period
    assert period.start <= period.end
    assert sum((m.end - m.start).days + 1 for m in period.months()) == (period.end - period.start).days + 1
