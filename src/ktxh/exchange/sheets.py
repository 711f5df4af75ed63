"""The columns of a figures sheet (an Excel template, or any sheet or CSV file with a header row) and how their
headers and words map to the values loader's columns.

Headers are matched without regard to case, accents kept: the Vietnamese headers of the template, and the loader's
and the export's machine names, are all accepted. Columns for people only (names, last year's figure, the target
shown for reference) are not read.
"""

from __future__ import annotations

import functools

from django.utils.translation import gettext_lazy as _

# The template's columns in order: (loader column or informative key, Vietnamese header via gettext).
TEMPLATE_COLUMNS = [
    ("org_unit", _("Unit code")),
    ("period", _("Period")),
    ("indicator", _("Indicator code")),
    ("disaggregation", _("Disaggregation code")),
    ("-name", _("Indicator")),
    ("-breakdown", _("Breakdown")),
    ("unit", _("Unit of measure")),
    ("-previous", _("Last year")),
    ("-target", _("This year's target")),
    ("kind", _("Kind of figure")),
    ("value", _("Value")),
    ("comment", _("Comment")),
]
HIDDEN = {"org_unit", "period", "indicator", "disaggregation"}
ENTERED = {"kind", "value", "comment"}

#: Header (lower case) → loader column. The Vietnamese headers are added from the catalog at run time
#: (:func:`header_map`), so a template written in either language reads back.
MACHINE_HEADERS = {
    "org_unit": "org_unit",
    "org_unit_code": "org_unit",
    "indicator": "indicator",
    "indicator_code": "indicator",
    "disaggregation": "disaggregation",
    "period": "period",
    "kind": "kind",
    "target_source": "target_source",
    "target_form": "target_form",
    "value": "value",
    "value_high": "value_high",
    "text": "text",
    "comment": "comment",
    "source": "source",
    "variant": "variant",
    "unit": "unit",
    # Vietnamese words people put in their own sheets
    "mã đơn vị": "org_unit",
    "mã chỉ tiêu": "indicator",
    "kỳ": "period",
    "kỳ báo cáo": "period",
    "mã phân tổ": "disaggregation",
    "loại số liệu": "kind",
    "giá trị": "value",
    "số liệu": "value",
    "ghi chú": "comment",
    "nguồn chỉ tiêu": "target_source",
    "hình thức chỉ tiêu": "target_form",
    "cận trên": "value_high",
    "nội dung": "text",
    "nguồn số liệu": "source",
    "đvt": "unit",
    "đơn vị tính": "unit",
    "phương án": "variant",
}
INFORMATIVE_HEADERS = {
    "org_unit_name",
    "indicator_name",
    "tt",
    "stt",
    "chỉ tiêu",
    "tên chỉ tiêu",
    "tên đơn vị",
    "phân tổ",
    "năm trước",
    "kế hoạch năm nay",
}
#: Words for the kind of figure in the template's drop-down and in people's sheets → the stored code.
KIND_WORDS = {
    "thực hiện": "actual",
    "ước thực hiện": "estimate",
    "ước": "estimate",
    "ước tính": "estimate",
    "kế hoạch": "target",
    "chỉ tiêu": "target",
    "actual": "actual",
    "estimate": "estimate",
    "target": "target",
}
NUMBER_COLUMNS = ("value", "value_high")


def header_map() -> dict[str, str | None]:
    """{header in lower case: loader column, or None for a column that is not read}."""
    mapping: dict[str, str | None] = dict(MACHINE_HEADERS)
    mapping.update(dict.fromkeys(INFORMATIVE_HEADERS))
    for key, title in TEMPLATE_COLUMNS:
        mapping[normal(str(title))] = None if key.startswith("-") else key
    return mapping


def normal(header: str) -> str:
    return " ".join(str(header).split()).lower()


@functools.lru_cache(maxsize=1024)  # a sheet repeats the same few words on every row
def kind_code(text: str) -> str:
    """The stored code for a word of the kind column (unknown words are returned as written, for the loader to
    report with the valid choices)."""
    return KIND_WORDS.get(normal(text), text)
