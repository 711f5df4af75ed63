"""Vietnamese formats: Django's own ``vi`` module lacks ``NUMBER_GROUPING``, so 1134.31 would print as 1134,31."""

from django.conf.locale.vi.formats import *  # noqa: F401,F403 - extend Django's module, override below

DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
DATE_FORMAT = "d/m/Y"
SHORT_DATE_FORMAT = "d/m/Y"
DATETIME_FORMAT = "H:i d/m/Y"
