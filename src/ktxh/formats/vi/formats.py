"""Vietnamese formats: Django's own ``vi`` module lacks ``NUMBER_GROUPING``, so 1134.31 would print as 1134,31, and
sets no input formats, so a form would fall back to the US ``mm/dd/yyyy`` and read ``01/07/2025`` as 7 January.

Dates are typed day first (``30/06/2025``); ISO ``2025-06-30`` (what a date picker sends) stays accepted."""

from django.conf.locale.vi.formats import *  # noqa: F403 - extend Django's module, override below

DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
DATE_FORMAT = "d/m/Y"
SHORT_DATE_FORMAT = "d/m/Y"
DATETIME_FORMAT = "H:i d/m/Y"
DATE_INPUT_FORMATS = [
    "%d/%m/%Y",  # 30/06/2025
    "%d/%m/%y",  # 30/06/25
    "%d-%m-%Y",  # 30-06-2025
    "%d.%m.%Y",  # 30.06.2025
    "%Y-%m-%d",  # 2025-06-30
]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M:%S",  # 30/06/2025 14:30:59
    "%d/%m/%Y %H:%M",  # 30/06/2025 14:30
    "%d/%m/%Y",  # 30/06/2025
    "%H:%M %d/%m/%Y",  # 14:30 30/06/2025, as DATETIME_FORMAT prints it
    "%Y-%m-%d %H:%M:%S",  # 2025-06-30 14:30:59
    "%Y-%m-%d %H:%M",  # 2025-06-30 14:30
    "%Y-%m-%d",  # 2025-06-30
]
