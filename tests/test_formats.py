"""Vietnamese formats: dates typed day first, numbers grouped by thousands."""

import datetime as dt
from decimal import Decimal

import pytest
from django import forms
from django.utils import translation
from django.utils.formats import number_format


@pytest.mark.parametrize(
    "typed, day",
    [("01/07/2025", dt.date(2025, 7, 1)), ("30/06/2025", dt.date(2025, 6, 30)), ("2025-06-30", dt.date(2025, 6, 30))],
)
def test_dates_are_read_day_first(typed, day):
    with translation.override("vi"):
        assert forms.DateField().clean(typed) == day


def test_us_dates_are_refused_and_datetimes_read_day_first():
    with translation.override("vi"):
        with pytest.raises(forms.ValidationError):
            forms.DateField().clean("06/30/2025")
        assert forms.DateTimeField().clean("01/07/2025 14:30").replace(tzinfo=None) == dt.datetime(2025, 7, 1, 14, 30)


def test_numbers_are_grouped_by_thousands():
    with translation.override("vi"):
        assert number_format(Decimal("1134567.31"), force_grouping=True) == "1.134.567,31"
