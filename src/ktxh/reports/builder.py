"""The KT-XH report of a unit for a period, as a Word document in the Nghị định 30/2020 format.

    from ktxh.reports.builder import build_report
    build_report(unit, Period.parse("2023"), "bao-cao.docx")

Kinds follow the period: a year gives the annual report with next year's plan; the first half ("6 tháng đầu năm")
and the cumulative nine months ("9 tháng") give the same layout with year-to-date figures and the rest of the year's
tasks. Part one follows the catalog's sector tree (nothing about sectors is written here); each sector has its
narrative (the text people write) and the sentences generated from the figures, with breakdowns as real footnotes.
"""

from __future__ import annotations

import contextlib
import io
import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from ktxh import charts
from ktxh.analytics import appendix
from ktxh.analytics.achievement import year_on_year
from ktxh.analytics.scorecard import Row, Scorecard, build_scorecard
from ktxh.catalog import version
from ktxh.catalog.models import Sector
from ktxh.figures import statements as stored
from ktxh.figures.catalog import Catalog
from ktxh.figures.labels import Labels
from ktxh.figures.statements import Statement
from ktxh.periods import Period, PeriodType
from ktxh.reports import plans as sentence_plans
from ktxh.reports import prose
from ktxh.reports import sentences as say
from ktxh.reports.chart_specs import key_task_rows, targets_chart, trend_chart
from ktxh.reports.footnotes import add_footnote, ensure_footnotes_part
from ktxh.reports.layout import BODY_MARKER, grid_table, line, page_setup, set_font
from ktxh.reports.models import Narrative, Report
from ktxh.reports.template import render
from ktxh.units.models import ADMINISTRATIVE_TYPES, OrgUnit

SENTENCE_BREAK = re.compile(r"(?<=[.;:])\s+(?=\S)")  # how a narrative is cut into sentences to be filled
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
LETTERS = "abcdđeghiklmnopqrstuvxy"


class ReportError(Exception):
    """The report cannot be made; the message says why."""


@dataclass
class Kind:
    period: Period
    plan_period: Period
    results_title: str
    plan_title: str
    subject: list[str]

    @classmethod
    def of(cls, period: Period) -> Kind:
        year = period.year
        if period.type is PeriodType.YEAR:
            plan = Period.year_of(year + 1)
            return cls(
                period,
                plan,
                f"TÌNH HÌNH, KẾT QUẢ THỰC HIỆN NHIỆM VỤ PHÁT TRIỂN KINH TẾ - XÃ HỘI NĂM {year}",
                f"KẾ HOẠCH PHÁT TRIỂN KINH TẾ - XÃ HỘI NĂM {year + 1}",
                [
                    f"Tình hình thực hiện nhiệm vụ phát triển kinh tế - xã hội năm {year};",
                    f"mục tiêu, nhiệm vụ và giải pháp năm {year + 1}",
                ],
            )
        if period.is_year_to_date() and period.type in (PeriodType.HALF, PeriodType.CUMULATIVE, PeriodType.QUARTER):
            done = len(period.months())
            label = period.label
            rest = f"{12 - done} tháng cuối năm {year}" if done != 6 else f"6 tháng cuối năm {year}"
            return cls(
                period,
                Period.year_of(year),
                f"TÌNH HÌNH, KẾT QUẢ THỰC HIỆN NHIỆM VỤ PHÁT TRIỂN KINH TẾ - XÃ HỘI {label.upper()}",
                f"NHIỆM VỤ, GIẢI PHÁP {rest.upper()}",
                [f"Tình hình thực hiện nhiệm vụ phát triển kinh tế - xã hội {label};", f"nhiệm vụ, giải pháp {rest}"],
            )
        raise ReportError(
            f"Chưa hỗ trợ báo cáo cho kỳ «{period.label}»: dùng năm (2023), 6 tháng (2023S1) hoặc 9 tháng (2023C9)."
        )


@dataclass
class BuildResult:
    path: Path | None
    footnotes: int
    sentences: int
    charts: int
    appendix_rows: int
    warnings: list[str] = field(default_factory=list)
    checks: list[str] = field(default_factory=list)  # the check list: missing, inconsistent, period notes


class Body:
    """Writes paragraphs, tables and pictures where the template's ``[[NOI_DUNG]]`` paragraph stands."""

    def __init__(self, document):
        self.document = document
        self.marker = next((p for p in document.paragraphs if p.text.strip() == BODY_MARKER), None)
        if self.marker is None:
            raise ReportError(f"Mẫu báo cáo thiếu đoạn {BODY_MARKER} (nơi đặt nội dung).")
        self.footnotes = 0
        self.sentences = 0
        self._styles = {}

    def paragraph(self, text: str = "", style: str = "Normal", align=None, bold=None, italic=None, indent=True):
        if style not in self._styles:
            self._styles[style] = self.document.styles[style].style_id
        paragraph = self.marker.insert_paragraph_before("")
        # Set the style by id: python-docx's own setter searches every style on each call.
        paragraph._p.get_or_add_pPr().style = self._styles[style]
        if text:
            run = paragraph.add_run(text)
            if bold is not None:
                run.bold = bold
            if italic is not None:
                run.italic = italic
        if align is not None:
            paragraph.alignment = align
        if not indent:
            paragraph.paragraph_format.first_line_indent = Cm(0)
        return paragraph

    def heading(self, text: str, level: int):
        return self.paragraph(text, style=f"Heading {min(level, 4)}")

    def centered(self, text: str, bold: bool = True):
        paragraph = self.paragraph(text, align=WD_ALIGN_PARAGRAPH.CENTER, bold=bold, indent=False)
        paragraph.paragraph_format.keep_with_next = True
        return paragraph

    def sentence(self, text: str, footnote: str = "", prefix: str = ""):
        paragraph = self.paragraph(prefix + text)
        self.sentences += 1
        if footnote:
            self.note(paragraph, footnote)
        return paragraph

    def note(self, paragraph, text: str) -> None:
        """A footnote reference where the paragraph's sentence ends (before its full stop, as the seed does)."""
        runs = paragraph.runs
        last = runs[-1] if runs else paragraph.add_run("")
        stop = last.text.endswith(".")
        if stop:
            last.text = last.text[:-1]
        add_footnote(paragraph, text)
        if stop:
            paragraph.add_run(".")
        self.footnotes += 1

    def picture(self, png: bytes, width_cm: float, caption: str):
        paragraph = self.paragraph(align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
        paragraph.add_run().add_picture(io.BytesIO(png), width=Cm(width_cm))
        self.paragraph(caption, align=WD_ALIGN_PARAGRAPH.CENTER, italic=True, indent=False)

    def finish(self) -> None:
        element = self.marker._p
        element.getparent().remove(element)


class ReportBuilder:
    def __init__(
        self,
        unit: OrgUnit,
        period: Period,
        template: Path | None = None,
        with_charts: bool = True,
        time_limit: float | None = None,
    ):
        if unit.type not in ADMINISTRATIVE_TYPES:
            raise ReportError(
                f"Báo cáo kinh tế - xã hội do Ủy ban nhân dân một đơn vị hành chính ban hành; "
                f"«{unit.name}» không phải đơn vị hành chính. Số liệu của đơn vị này có trong báo cáo "
                "của xã, phường chủ quản."
            )
        if (unit.valid_from and unit.valid_from > period.end) or (unit.valid_to and unit.valid_to < period.start):
            raise ReportError(
                f"«{unit.name}» không có hiệu lực trong {period.label} (hiệu lực "
                f"{unit.valid_from:%d/%m/%Y} – {unit.valid_to:%d/%m/%Y})."
                if unit.valid_from and unit.valid_to
                else f"«{unit.name}» không có hiệu lực trong {period.label}."
            )
        if unit.valid_from and unit.valid_from > period.start:
            raise ReportError(
                f"«{unit.name}» chỉ có từ {unit.valid_from:%d/%m/%Y}, sau ngày đầu của {period.label}: "
                "báo cáo cả kỳ phải lập theo các đơn vị tiền thân."
            )
        self.unit = unit
        self.kind = Kind.of(period)
        self.period = period
        self.template = template
        self.time_limit = time_limit
        self.with_charts = with_charts
        now = version.stamp()
        self.catalog = Catalog.current(now)
        self.labels = Labels.current(now)
        self.card: Scorecard = build_scorecard(unit, period, ranks=False, catalog=self.catalog)
        self.report = Report.objects.filter(org_unit=unit, period=period.code).first()
        self.narratives: dict[str, list[str]] = defaultdict(list)
        self.narrative_orders: dict[str, list[int]] = defaultdict(list)
        for narrative in Narrative.objects.filter(org_unit=unit, period=period.code).order_by("section", "order"):
            self.narratives[narrative.section].append(narrative.text)
            self.narrative_orders[narrative.section].append(narrative.order)
        self.sectors = list(Sector.objects.all())
        self.children_of: dict[int | None, list[Sector]] = defaultdict(list)
        for sector in self.sectors:
            self.children_of[sector.parent_id].append(sector)
        self.rows_by_sector: dict[int, list[Row]] = defaultdict(list)
        self.parts: dict[int, list[Row]] = defaultdict(list)
        for row in self.card.rows:
            if row.disaggregation:
                self.parts[row.indicator.pk].append(row)
            self.rows_by_sector[row.indicator.sector_id].append(row)
        self.entered_parts = self._entered_parts()
        self.other_periods = self._other_period_values()
        self.children_values = self._children_values()
        self.charts = 0
        self.warnings: list[str] = []
        self.plans = sentence_plans.plans_for_catalog()
        self.plans_by_sector: dict[str, list] = defaultdict(list)
        for plan in self.plans:
            self.plans_by_sector[plan.sector].append(plan)
        self.figs = self._figs()
        self.written: set[str] = set()  # indicator codes already in the body
        self.narrated: set[str] = set()  # those a narrative of a sector wrote
        self.missing: dict[str, list[str]] = defaultdict(list)  # figure code -> plans that needed it
        self.appendix_title = ""

    # -- data around the scorecard ------------------------------------------------------------------------------

    def _in_order(self, found: list[Statement]) -> list[Statement]:
        """Statements by indicator (catalog order), period and disaggregation."""
        by_id = self.catalog.by_id
        return sorted(found, key=lambda s: (by_id[s.indicator_id].order, s.period, s.disaggregation))

    def _other_period_values(self) -> dict[int, list[Statement]]:
        """The unit's own figures of other periods overlapping this one (a school year, a month)."""
        found: dict[int, list[Statement]] = defaultdict(list)
        for statement in self._in_order(
            stored.load(unit_ids=[self.unit.pk], overlapping=self.period, in_use=True, except_period=self.period.code)
        ):
            if not self._may_borrow(statement.period):
                continue
            found[self.catalog.by_id[statement.indicator_id].sector_id].append(statement)
        return found

    def _may_borrow(self, period_code: str) -> bool:
        """A figure of another period is shown only if that period is not longer than the report's and ends in
        it (a school year ending in the year, a month); a 6/9-month report never shows the year's figures."""
        other = Period.parse(period_code)
        if self.period.type is PeriodType.YEAR:
            return True  # a school year or a month overlapping the year is labelled with its own period
        return self.period.start <= other.start and other.end <= self.period.end

    def _children_values(self) -> dict[int, dict[OrgUnit, list[Statement]]]:
        """Figures of the facilities and residential groups below the unit, per sector and child."""
        found: dict[int, dict[OrgUnit, list[Statement]]] = defaultdict(lambda: defaultdict(list))
        children = {
            u.pk: u
            for u in OrgUnit.objects.filter(parent=self.unit).exclude(type__in=[str(t) for t in ADMINISTRATIVE_TYPES])
        }
        if not children:
            return found
        values = [
            v
            for v in self._in_order(stored.load(unit_ids=children, overlapping=self.period, in_use=True))
            if v.period == self.period.code or self._may_borrow(v.period)
        ]
        for statement in sorted(values, key=lambda s: children[s.unit_id].path):
            found[self.catalog.by_id[statement.indicator_id].sector_id][children[statement.unit_id]].append(statement)
        return found

    def _fig_base(self, indicator) -> prose.Fig:
        symbol = indicator.unit.symbol
        return prose.Fig(
            indicator.code,
            indicator.name,
            symbol,
            is_rate=indicator.value_type == "percent" or symbol == "%",
            is_count=indicator.value_type == "integer" and symbol not in say.ORDINAL_UNITS,
            direction=indicator.direction,
            unit_type=self.unit.type,
            summable=indicator.aggregation == "sum" and indicator.value_type in ("integer", "number"),
        )

    def _figs(self) -> dict[str, prose.Fig]:
        """Every figure of the unit and period as the sentence templates see it: value, change, targets, parts."""
        figs: dict[str, prose.Fig] = {}
        rows_of: dict[int, list[Row]] = defaultdict(list)
        for row in self.card.rows:
            rows_of[row.indicator.pk].append(row)
        previous_parts = stored.best_in_use(
            stored.load(
                unit_ids=[self.unit.pk], periods=[self.period.previous_year().code], in_use=True, parts_only=True
            )
        )
        previous = {(k[1], k[2]): v.value for k, v in previous_parts.items()}
        for indicator in self.catalog.by_id.values():
            fig = self._fig_base(indicator)
            figs[indicator.code] = fig
            rows = rows_of.get(indicator.pk, [])
            total = next((r for r in rows if not r.disaggregation), None)
            if total is not None:
                fig.value, fig.text, fig.estimate = total.actual.value, total.actual.text, total.actual.estimate
                fig.how = total.actual.how
                fig.change = total.change
                fig.targets = [(r.target, r.judgement) for r in rows if not r.disaggregation and r.target]
            seen = set()
            parts = [
                (r.disaggregation, r.disaggregation_label, r.actual.value, r.actual.text, r.actual.estimate, r.change)
                for r in self.parts.get(indicator.pk, [])
            ]
            parts += [
                (v.disaggregation, self._label(v.disaggregation), v.value, v.text, v.kind == "estimate", None)
                for v in self.entered_parts.get(indicator.pk, [])
            ]
            for key, label, value, text, estimate, change in parts:
                if key in seen:
                    continue
                seen.add(key)
                part = self._fig_base(indicator)
                part.code, part.name, part.part_key = f"{indicator.code}[{key}]", label, key
                part.items = self.labels.items(key)
                part.value, part.text, part.estimate = value, text, estimate
                if change is None or change.previous is None:
                    change = year_on_year(value, previous.get((indicator.pk, key)), part.is_rate)
                part.change = change
                fig.parts.append(part)
            fig.parts.sort(key=lambda p: self.labels.order(p.part_key))
            if fig.value is None and not fig.text and fig.summable and fig.parts:
                self._total_from_parts(fig)
        return figs

    @staticmethod
    def _total_from_parts(fig: prose.Fig) -> None:
        """A summed figure entered only by its parts of one dimension ("hồ sơ đất đai" by kind) has their sum as
        its total, so that a sentence can say "823 hồ sơ, gồm …" (the parts are all there is: nothing is guessed)."""
        dimensions = {tuple(sorted(d.split("=")[0] for d in p.items)) for p in fig.parts}
        if len(dimensions) == 1 and len(next(iter(dimensions))) == 1 and all(p.value is not None for p in fig.parts):
            fig.value = sum(p.value for p in fig.parts)
            fig.estimate = any(p.estimate for p in fig.parts)

    def _statement_fig(self, indicator_id: int, group: list[Statement]) -> prose.Fig:
        indicator = self.catalog.by_id[indicator_id]
        fig = self._fig_base(indicator)
        for value in group:
            if not value.disaggregation:
                fig.value, fig.text, fig.estimate = value.value, value.text, value.kind == "estimate"
            else:
                part = self._fig_base(indicator)
                part.name, part.part_key = self._label(value.disaggregation), value.disaggregation
                part.items = self.labels.items(value.disaggregation)
                part.value, part.text = value.value, value.text
                fig.parts.append(part)
        fig.parts.sort(key=lambda p: self.labels.order(p.part_key))
        return fig

    # -- the document -------------------------------------------------------------------------------------------

    def context(self) -> dict:
        unit_name = self.unit.name
        noun = say.unit_noun(self.unit.type)
        short = unit_name[len(noun) :].strip() if unit_name.lower().startswith(noun) else unit_name
        if not any(ch.isalpha() for ch in short):  # "Xã 098": a number is not a place name
            short = unit_name
        report = self.report
        issued = self.issued_on()
        recipients = [r for r in (report.recipients.splitlines() if report else []) if r.strip()] or ["Lưu: VT"]
        return {
            "ten_co_quan_1": "ỦY BAN NHÂN DÂN",
            "ten_co_quan_2": unit_name.upper(),
            "so_hieu": report.number if report and report.number else "      /BC-UBND",
            "dia_danh": report.place if report and report.place else short,
            "ngay_thang": say.vietnamese_date(issued),
            "trich_yeu": self.kind.subject,
            "noi_nhan": recipients,
            "tham_quyen": report.authority if report and report.authority else "TM. ỦY BAN NHÂN DÂN",
            "chuc_vu": report.signer_position if report and report.signer_position else "CHỦ TỊCH",
            "nguoi_ky": report.signer_name if report else "",
            "don_vi": unit_name,
            "ky_bao_cao": self.period.label,
        }

    def issued_on(self):
        """The document's date: the report's particulars, else the last day of its period (never the machine's
        date: the same report made twice is the same document)."""
        return self.report.issued_on if self.report and self.report.issued_on else self.period.end

    def build(self, output) -> BuildResult:
        context = self.context()
        document = Document(render(self.template, context, self.time_limit))
        ensure_footnotes_part(document)
        body = Body(document)
        self._part_one(body)
        self._part_two(body)
        self._narrative(body, "closing")
        body.finish()
        rows = self._appendix(document, context)
        set_properties(
            document,
            self._title(),
            f"Ủy ban nhân dân {self.unit.name[:1].lower()}{self.unit.name[1:]}",
            context["so_hieu"],
        )
        _save(document, output)
        return BuildResult(
            Path(output) if isinstance(output, (str, Path)) else None,
            body.footnotes,
            body.sentences,
            self.charts,
            rows,
            self.warnings,
            self.check_list(),
        )

    def _title(self) -> str:
        return "Báo cáo " + " ".join(self.kind.subject).rstrip(";")

    # -- the check list -----------------------------------------------------------------------------------------

    def check_list(self) -> list[str]:
        """What is missing or inconsistent for the period, for the user before the document goes out: figures a
        sentence or a target needs, validation findings, stated percentages that differ from the figures they
        relate, and periods with only annual data. Call after :meth:`build` (or :meth:`check`)."""
        from django.utils.translation import gettext as _

        from ktxh.rules.engine import findings_for

        items: list[str] = []
        by_code = {i.code: i for i in self.catalog.by_id.values()}
        for code, where in sorted(self.missing.items()):
            items.append(
                _("Missing figure «%(code)s» (%(name)s), needed by %(where)s: the sentence is left out.")
                % {
                    "code": code,
                    "name": by_code[code].name if code in by_code else code,
                    "where": ", ".join(dict.fromkeys(where)),
                }
            )
        for row in key_task_rows(self.card):
            if row.actual.value is None and not row.actual.text:
                items.append(
                    _("Missing result for «%(name)s», which has a target set from above.")
                    % {"name": row.indicator.name}
                )
        for plan in self.plans:
            for code in plan.covers:
                stated = self.figs.get(code)
                computed = [c for f in plan.figures for c in self.figs[f].computed]
                if stated is None or stated.value is None or not computed:
                    continue
                if all(abs(stated.value - c) > Decimal("0.05") for c in computed):
                    items.append(
                        _(
                            "«%(name)s» is stated as %(stated)s%%, but its figures give %(computed)s%%: the "
                            "report writes the computed one."
                        )
                        % {
                            "name": stated.name,
                            "stated": say.format_number(stated.value),
                            "computed": say.format_number(computed[0]),
                        }
                    )
        for finding in findings_for(self.unit, self.period):
            items.append(_("Validation: %(message)s") % {"message": finding.message})
        if self.period.type is not PeriodType.YEAR:
            own = stored.load(unit_ids=[self.unit.pk], periods=[self.period.code], in_use=True)
            annual = stored.load(unit_ids=[self.unit.pk], periods=[Period.year_of(self.period.year).code], in_use=True)
            if not own and annual:
                items.append(
                    _(
                        "There are no figures for %(period)s, only for the year %(year)d: the report does "
                        "not use the year's figures for a shorter period. Enter the figures of %(period)s."
                    )
                    % {"period": self.period.label, "year": self.period.year}
                )
        return list(dict.fromkeys(items))

    def check(self) -> list[str]:
        """The check list without writing a document (``ktxh report --check``)."""
        self.build(io.BytesIO())
        return self.check_list()

    # -- part one -----------------------------------------------------------------------------------------------

    def _part_one(self, body: Body) -> None:
        body.centered("Phần thứ nhất")
        body.centered(self.kind.results_title)
        self._narrative(body, "intro")
        numeral = 0
        for top in self.children_of[None]:
            if not self._has_content(top):
                continue
            body.heading(f"{ROMAN[numeral]}. {top.name.upper()}", 1)
            numeral += 1
            self._sector(body, top, depth=0)
        trend = trend_chart(self.card) if self.with_charts else None
        if self.narratives.get("key_tasks") or self._key_task_rows() or trend:  # no heading over nothing
            body.heading(f"{ROMAN[numeral]}. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU ĐƯỢC GIAO", 1)
            numeral += 1
            self._key_tasks(body)
            if trend:
                body.picture(charts.to_png(trend), 15.5, "Biểu đồ: diễn biến một số chỉ tiêu qua các năm")
                self.charts += 1
        assessment = [
            ("assessment_strengths", "Ưu điểm"),
            ("assessment_limitations", "Hạn chế"),
            ("assessment_causes", "Nguyên nhân"),
        ]
        if any(self.narratives.get(code) for code, _ in assessment):
            body.heading(f"{ROMAN[numeral]}. NHẬN XÉT, ĐÁNH GIÁ", 1)
            number = 1
            for code, title in assessment:
                if self.narratives.get(code):
                    body.heading(f"{number}. {title}", 2)
                    number += 1
                    self._narrative(body, code)

    def _has_content(self, sector: Sector) -> bool:
        if (
            self.narratives.get(sector.code)
            or any(r.actual.value is not None or r.actual.text for r in self.rows_by_sector.get(sector.pk, []))
            or self.other_periods.get(sector.pk)
            or self.children_values.get(sector.pk)
        ):
            return True
        return any(self._has_content(child) for child in self.children_of[sector.pk])

    def _sector(self, body: Body, sector: Sector, depth: int) -> None:
        self._narrative_and_figures(body, sector)
        self._other_periods(body, sector)
        self._children(body, sector)
        number = 0
        for child in self.children_of[sector.pk]:
            if not self._has_content(child):
                continue
            label = f"{number + 1}." if depth == 0 else f"{LETTERS[number]}." if depth == 1 else "-"
            body.heading(f"{label} {child.name}", depth + 2)
            number += 1
            self._sector(body, child, depth + 1)

    def _narrative_and_figures(self, body: Body, sector: Sector) -> None:
        """The sector's narrative paragraphs and sentence plans, merged by their ``order`` (a paragraph comes before
        a plan of the same order: a narrative ordered after a plan follows the figures, as "Lập biên bản …" follows
        the land figures in the seed), then every other figure of the sector as sentences of a few clauses (never
        "Label: value." lines, never a footnote per value). A plan whose figures a narrative of the sector writes is
        left out wherever the paragraph stands."""
        texts = self.narratives.get(sector.code, [])
        orders = self.narrative_orders.get(sector.code, [])
        for text in texts:
            narrated = self._narrated(text)
            self.written.update(narrated)
            self.narrated.update(narrated)
        steps = [(order, 0, n, None) for n, order in enumerate(orders)]
        steps += [(plan.order, 1, n, plan) for n, plan in enumerate(self.plans_by_sector.get(sector.code, []))]
        for _order, _kind, n, plan in sorted(steps, key=lambda step: step[:3]):
            if plan is None:
                filled = self.fill(texts[n], sector.code)
                if filled:
                    body.paragraph(filled)
            else:
                self._plan(body, plan)
        self._other_figures(body, sector)

    def _narrated(self, text: str) -> set[str]:
        """The figures (with a value) a narrative names: the generated sentences do not write them again."""
        found: set[str] = set()
        for sentence in SENTENCE_BREAK.split(text):
            if "{{" not in sentence and "{%" not in sentence:
                continue
            try:
                names = sentence_plans.meta.find_undeclared_variables(sentence_plans.env().parse(sentence))
            except Exception:  # a broken narrative is reported when it is filled
                continue
            names = {n for n in names if n in self.figs}
            if all(self.figs[n] for n in names):  # a sentence missing a figure is left out: its figures are not written
                found |= names
        return found

    def _plan(self, body: Body, plan) -> None:
        """One sentence plan (or, for a plan written per option, one line per option)."""
        codes = plan.codes()
        if all(code in self.written for code in plan.figures):
            self.written.update(plan.covers)  # a narrative wrote the figures: their stated share is covered too
            return
        if plan.per:
            for text, note in sentence_plans.render_per(plan, self.figs, self.labels.options.get(plan.per, [])):
                body.sentence(text, footnote=note, prefix="- ")
                self.written.update(codes)
            return
        out = sentence_plans.render(plan, self.figs)
        if out is None:
            for code in plan.figures:
                if not self.figs[code]:
                    self.missing[code].append(plan.code)
            return
        text, note = out
        body.sentence(text, footnote=note)
        self.written.update(codes)

    def _other_figures(self, body: Body, sector: Sector) -> None:
        """Figures of the sector that no plan or narrative wrote, as sentences of a few clauses."""
        clauses = []
        for row in self.rows_by_sector.get(sector.pk, []):
            code = row.indicator.code
            if code in self.written:
                continue
            self.written.add(code)
            try:
                clauses.append(prose.clause(self.figs[code]))
            except prose.Missing:
                continue
        for text, note in prose.sentences(clauses):
            body.sentence(text, footnote=note)

    def _entered_parts(self) -> dict[int, list[Statement]]:
        """The breakdowns entered on the unit for the period (an actual wins over an estimate)."""
        found = stored.best_in_use(
            stored.load(unit_ids=[self.unit.pk], periods=[self.period.code], in_use=True, parts_only=True)
        )
        grouped: dict[int, list[Statement]] = defaultdict(list)
        for statement in self._in_order(list(found.values())):
            grouped[statement.indicator_id].append(statement)
        return grouped

    def _parts_footnote(self, indicator_id: int) -> str:
        items = []
        for row in (r for r in self.parts.get(indicator_id, []) if r.actual.value is not None):
            items.append((row.disaggregation_label, row.actual.value, row.indicator.unit.symbol))
        if not items:
            for value in self.entered_parts.get(indicator_id, []):
                if value.value is not None:
                    items.append(
                        (self._label(value.disaggregation), value.value, self.catalog.by_id[indicator_id].unit.symbol)
                    )
        return say.parts_text(list(dict.fromkeys(items)))

    def _label(self, disaggregation: str) -> str:
        return self.labels.disaggregation(disaggregation)

    def _grouped(self, values: list[Statement]) -> list[tuple[str, str]]:
        """Sentences for figures of other periods or of a facility, one per period, the period said once at its
        head as the office writes it: "Năm học 2022-2023, phong trào giáo dục xếp thứ 1 trong huyện; 333 giải …",
        a breakdown in the same clause; the report's own period first, without a label."""
        periods: dict[str, list[tuple[str, str]]] = defaultdict(list)
        by_key = defaultdict(list)
        for value in values:
            by_key[(value.indicator_id, value.period)].append(value)
        for (indicator_id, period_code), group in by_key.items():
            try:
                periods[period_code].append(prose.clause(self._statement_fig(indicator_id, group), limit=6))
            except prose.Missing:
                continue
        out = []
        for period_code in sorted(periods, key=lambda code: (code != self.period.code, code)):
            clauses = periods[period_code]
            head = ""
            if period_code != self.period.code:  # "Năm học 2023-2024 có 51 cán bộ …", "Năm học 2022-2023, phong trào …"
                head = Period.parse(period_code).label + (" có " if clauses[0][0][:1].isdigit() else ", ")
            text = head + "; ".join(prose.chu(c) if i or head else c for i, (c, _) in enumerate(clauses))
            notes = "; ".join(n for _, n in clauses if n)
            out.append((text[:1].upper() + text[1:] + ".", notes + "." if notes else ""))
        return out

    def _other_periods(self, body: Body, sector: Sector) -> None:
        for text, note in self._grouped(self.other_periods.get(sector.pk, [])):
            body.sentence(text, footnote=note)

    def _children(self, body: Body, sector: Sector) -> None:
        children = self.children_values.get(sector.pk, {})
        kept = {child: [v for v in values if not self._said_above(child, v)] for child, values in children.items()}
        shared: dict[tuple, list[tuple[OrgUnit, Statement]]] = defaultdict(list)
        for child, values in kept.items():
            if child.type == "residential_group":
                for value in values:
                    if value.value is not None and value.period == self.period.code:
                        shared[(value.indicator_id, value.disaggregation)].append((child, value))
        for (indicator_id, disaggregation), found in shared.items():
            if len(found) < 2:
                continue
            # several residential groups with the same figure: one sentence, as the seed does ("7 hộ chưa thực
            # hiện kê khai, trong đó: Tổ dân phố Đức Thịnh 3 hộ; Tổ dân phố Trung Đồng 2 hộ; …")
            indicator = self.catalog.by_id[indicator_id]
            symbol = indicator.unit.symbol
            total = sum(v.value for _, v in found)
            amount = say.quantity(total, symbol, say.display_places(total))
            head = prose._count_phrase(indicator.name, symbol, amount) or f"{indicator.name} {amount}"
            if disaggregation:
                head += f" ({self._label(disaggregation)})"
            listed = "; ".join(
                f"{c.name} {say.quantity(v.value, symbol, say.display_places(v.value))}" for c, v in found
            )
            body.sentence(f"{head[:1].upper()}{head[1:]}, trong đó: {listed}.")
            for child, value in found:
                kept[child].remove(value)
        for child, values in kept.items():
            sentences = self._grouped(values)
            if not sentences:
                continue
            text = " ".join(t for t, _ in sentences)
            notes = " ".join(n for _, n in sentences if n)
            body.sentence(f"+ {child.name}: {text}", footnote=notes)

    def _said_above(self, child: OrgUnit, value: Statement) -> bool:
        """A facility's or residential group's figure the unit's own sentences already say: the unit's figure (or
        its matching part) of the period has the same value (the only contributor), a narrative of the unit wrote
        the indicator (it names the groups itself: "tại tổ dân phố Tiên Hưng, Đông Ngàn …"), or the unit's figure is
        the sum of its residential groups (their figures are what it is made of, not news)."""
        if value.period != self.period.code:
            return False
        code = self.catalog.by_id[value.indicator_id].code
        if code not in self.written:
            return False
        if code in self.narrated and child.type == "residential_group":
            return True
        fig = self.figs.get(code)
        if fig is None:
            return False
        if child.type == "residential_group" and fig.how == "rollup":
            return True  # the unit's figure is the sum of its groups: the groups' figures are its data, not news
        own = fig if not value.disaggregation else prose.phan(fig, value.disaggregation)
        if value.value is None:
            return bool(own.text) and own.text == value.text
        return own.value is not None and own.value == value.value

    def _key_task_rows(self) -> list[Row]:
        """The targets set from above that have a result (one without goes to the check list, not the body)."""
        return [r for r in key_task_rows(self.card) if r.actual.value is not None]

    def _key_tasks(self, body: Body) -> None:
        self._narrative(body, "key_tasks")
        rows = self._key_task_rows()
        statuses = []
        for row in rows:
            indicator = row.indicator
            clause = say.target_clause(
                row.target,
                row.judgement,
                row.actual.value,
                True,
                indicator.unit.symbol,
                self.unit.type,
                indicator.direction,
            )
            if (
                row.judgement
                and row.judgement.pct_of_target is not None
                and not row.is_rate
                and indicator.direction != "lower"
                and row.target.form != "at_most"
            ):
                # "thị trấn đạt 15 tổ dân phố, bằng 107,1% kế hoạch (vượt)": the share before the verdict, and
                # not a second "đạt" in the sentence
                share = f", bằng {say.format_number(say.rounded(row.judgement.pct_of_target, 1))}% kế hoạch"
                head, _, verdict = clause.rpartition(" (") if clause.endswith(")") else (clause, "", "")
                clause = head + share + (f" ({verdict}" if verdict else "")
            body.sentence(f"{indicator.name} {clause}.", prefix="- ")
            if row.judgement and row.judgement.status:
                statuses.append(str(row.judgement.status))
        summary = say.tally(statuses)
        if summary:
            body.sentence(f"Trong số các chỉ tiêu được giao, {summary}; chi tiết tại Phụ lục kèm theo Báo cáo này.")
        elif self._appendix_rows():
            body.sentence("Kết quả thực hiện các chỉ tiêu chủ yếu chi tiết tại Phụ lục kèm theo Báo cáo này.")
        if self.with_charts:
            spec = targets_chart(self.card)
            if spec:
                body.picture(
                    charts.to_png(spec),
                    15.5,
                    f"Biểu đồ: kết quả thực hiện so với chỉ tiêu được giao "
                    f"({self.period.label}); bên cạnh tên chỉ tiêu là kết quả "
                    "đánh giá",
                )
                self.charts += 1

    # -- part two -----------------------------------------------------------------------------------------------

    def _part_two(self, body: Body) -> None:
        """The plan: objectives (text people write), the main targets, tasks and solutions; a heading is written only
        over something (no empty "1. Mục tiêu"), and a unit with none of the three has no part two."""
        targets = [
            s
            for s in stored.load(unit_ids=[self.unit.pk], periods=[self.kind.plan_period.code], kinds=["target"])
            if not s.variant
        ]
        order = {s.pk: s.sort_key for s in self.sectors}
        by_id = self.catalog.by_id
        targets = sorted(
            targets,
            key=lambda v: (
                order.get(by_id[v.indicator_id].sector_id, ""),
                by_id[v.indicator_id].order,
                self.labels.order(v.disaggregation),
                v.source_order,
            ),
        )
        lines: dict[int, list[str]] = {}  # indicator → its target phrases, in order
        for value in targets:
            indicator = by_id[value.indicator_id]
            if value.value is None:
                lines.setdefault(-len(lines) - 1, []).append(value.text.rstrip("."))
                continue
            lines.setdefault(indicator.pk, []).append(self._target_phrase(indicator, value))
        objectives, tasks = self.narratives.get("plan_objectives"), self.narratives.get("plan_tasks")
        if not (objectives or lines or tasks):
            return
        body.centered("Phần thứ hai")
        body.centered(self.kind.plan_title)
        if objectives or lines:
            body.heading("I. MỤC TIÊU VÀ CÁC CHỈ TIÊU CHỦ YẾU", 1)
        number = 1
        if objectives:
            body.heading("1. Mục tiêu", 2)
            self._narrative(body, "plan_objectives")
            number = 2
        if lines and (self.kind.plan_period.code == self.period.code or self.period.type is PeriodType.YEAR):
            body.heading(f"{number}. Các chỉ tiêu chủ yếu", 2)
        elif lines:  # the year's targets, not targets of the rest of the year
            body.heading(f"{number}. Các chỉ tiêu chủ yếu kế hoạch {self.kind.plan_period.label}", 2)
        for key, phrases in lines.items():
            if key < 0:
                body.sentence(phrases[0] + ".", prefix="- ")
                continue
            if len(phrases) == 1 and not phrases[0].startswith("\x00"):
                body.sentence(phrases[0] + ".", prefix="- ")
            else:  # the parts of one indicator in one sentence: "Đàn lợn 5.316 con; đàn gia cầm trên 55.000 con"
                parts = [p.lstrip("\x00") for p in phrases]
                line = "; ".join(parts)
                body.sentence(line[:1].upper() + line[1:] + ".", prefix="- ")
        if tasks:
            body.heading(
                "II. NHIỆM VỤ VÀ GIẢI PHÁP CHỦ YẾU" if objectives or lines else "I. NHIỆM VỤ VÀ GIẢI PHÁP CHỦ YẾU", 1
            )
            self._narrative(body, "plan_tasks")

    def _target_phrase(self, indicator, value) -> str:
        """A plan target as the office writes it: "15 tổ dân phố đạt danh hiệu tổ dân phố văn hóa", "Tỷ lệ bao phủ
        bảo hiểm y tế đạt 100%", "Tổng thu ngân sách nhà nước trên địa bàn đạt trên 32 tỷ đồng"; one part of a
        breakdown starts with "\\x00" and reads "gia cầm trên 55.000 con" (its line names the indicator once)."""
        symbol = indicator.unit.symbol
        source = "" if value.source == "ke_hoach" else f" ({self.labels.source_names[value.source]})"
        if value.target_form == "at_most" and value.value == 0 and not value.disaggregation:
            # "at most 0" is "không để …": the office's words if it wrote them, never "0 vụ sai phạm"
            if value.text:
                return value.text.rstrip(".") + source
            counted = prose._count_phrase(indicator.name, symbol, say.quantity(value.value, symbol))
            thing = counted.split(" ", 1)[1] if counted else prose.chu(indicator.name)
            return f"Không để phát sinh {thing}{source}"
        amount = say.target_words(value.target_form, value.value) + say.quantity(value.value, symbol)
        if value.value_high is not None:
            amount += f" - {say.quantity(value.value_high, symbol)}"
        if value.text:
            amount += f" ({value.text})"
        if value.disaggregation:
            return "\x00" + f"{prose.chu(self._label(value.disaggregation))} {amount}{source}"
        counted = (
            prose._count_phrase(indicator.name, symbol, amount)
            if indicator.value_type == "integer" and symbol not in say.ORDINAL_UNITS
            else None
        )
        if counted:
            return counted[:1].upper() + counted[1:] + source
        ceiling = value.target_form == "at_most" or indicator.direction == "lower"
        verb = "" if ceiling else " đạt"
        return f"{indicator.name}{verb} {amount}{source}"

    def _narrative(self, body: Body, section: str, when_missing: str = "") -> None:
        """The paragraphs people wrote for a section, their figure placeholders filled in."""
        texts = self.narratives.get(section, [])
        for text in texts:
            filled = self.fill(text, f"{section}")
            if filled:
                body.paragraph(filled)
        if not texts and when_missing:
            body.paragraph(when_missing)

    def fill(self, text: str, where: str) -> str:
        """A narrative with ``{{ so_doanh_nghiep | so }}``-style placeholders: each sentence rendered in the sandbox;
        a sentence whose figure has no value is left out (the check list names it), never printed with a hole."""
        if "{{" not in text and "{%" not in text:
            return text
        kept = []
        for sentence in SENTENCE_BREAK.split(text):
            if "{{" not in sentence and "{%" not in sentence:
                kept.append(sentence)
                continue
            try:
                template = sentence_plans.env().from_string(sentence)
                names = [
                    n
                    for n in sentence_plans.meta.find_undeclared_variables(sentence_plans.env().parse(sentence))
                    if n in self.figs
                ]
                kept.append(template.render({n: self.figs[n] for n in names}))
                self.written.update(names)
            except prose.Missing as missing:
                self.missing[missing.code.split("[")[0]].append(where)
            except Exception as error:
                raise ReportError(f"Đoạn văn «{where}» không điền được số liệu: {error}") from None
        return " ".join(kept).strip()

    # -- appendix -----------------------------------------------------------------------------------------------

    def _appendix_rows(self) -> list[Row]:
        return appendix.rows(self.card)

    def _appendix(self, document, context: dict) -> int:
        table = appendix.table(self.card)
        if not table.lines:
            return 0
        section = document.add_section(WD_SECTION.NEW_PAGE)
        page_setup(section, landscape=True)
        section.different_first_page_header_footer = False  # only the report's first page goes unnumbered
        line(document, "Phụ lục", size=Pt(14), bold=True)
        line(document, "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CHỦ YẾU", size=Pt(14), bold=True)
        issued = self.issued_on()
        line(
            document,
            f"(Kèm theo Báo cáo số {context['so_hieu'].strip()} {say.vietnamese_date(issued)} của UBND "
            f"{self.unit.name[:1].lower() + self.unit.name[1:]})",
            size=Pt(13),
            italic=True,
        )
        line(document, "")
        sources = table.sources
        header = table.header
        style = _table_style(document)
        number = 0
        data: list[list[str]] = []
        for entry in table.lines:
            number += 1
            first, by_source, judged = entry.first, entry.by_source, entry.judged
            unit = first.indicator.unit.symbol
            actual = first.actual  # the appendix lists results only (analytics.appendix.rows)
            actual_text = say.quantity(actual.value, "", say.display_places(actual.value)).strip()
            if actual.estimate:
                actual_text += " (ước)"
            cells = [str(number), first.indicator.name, unit]
            for source in sources:
                target = by_source.get(source.pk)
                cells.append(_target_cell(target.target) if target else "")
            pct = ""
            if judged and judged.judgement.pct_of_target is not None and not first.is_rate:
                pct = say.format_number(say.rounded(judged.judgement.pct_of_target, 1))
            change = first.change
            previous = say.format_number(change.previous) if change.previous is not None else ""
            change_pct = ""
            if change.change_pct is not None:
                change_pct = say.format_number(say.rounded(change.change_pct + 100, 1))
            elif first.is_rate and change.change is not None:
                change_pct = (
                    ("+" if change.change > 0 else "") + say.format_number(say.rounded(change.change, 2)) + " điểm"
                )
            status = str(judged.judgement.status) if judged else ""
            data.append([*cells, actual_text, pct, previous, change_pct, status.capitalize()])
        fixed = [1.1, 2.0] + [2.2] * len(sources) + [2.4, 1.8, 2.0, 1.8, 2.0]
        usable = 29.7 - 3.0 - 1.5 - 0.2  # landscape A4 less the margins
        widths = [fixed[0], max(usable - sum(fixed), 5.0), *fixed[1:]]
        grid_table(document, header, data, widths, style.style_id, left_columns={1})
        return number


def _target_cell(target) -> str:
    if target.value is None:
        return target.text
    text = say.target_words(target.form, target.value) + say.format_number(target.value)
    if target.value_high is not None:
        text += " - " + say.format_number(target.value_high)
    return text.strip()


TABLE_STYLE = "Table Text"


def _table_style(document):
    """A paragraph style for table cells (Times New Roman 12, no indent): set once, not on every run."""
    try:
        return document.styles[TABLE_STYLE]
    except KeyError:
        style = document.styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = document.styles["Normal"]
        set_font(style, size=Pt(12))
        fmt = style.paragraph_format
        fmt.first_line_indent = Cm(0)
        fmt.space_before = fmt.space_after = Pt(2)
        fmt.line_spacing = 1.0
        fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
        return style


def _save(document, output) -> None:
    """Save to a file object, or to a path through a temporary file renamed at the end: a failure leaves no
    half-written document behind."""
    if not isinstance(output, (str, Path)):
        document.save(output)
        return
    path = Path(output)
    partial = path.with_name(path.name + ".tmp")
    try:
        document.save(str(partial))
        partial.replace(path)
    finally:
        with contextlib.suppress(OSError):  # under a file, or already renamed: nothing left there
            partial.unlink(missing_ok=True)


def set_properties(document, title: str, author: str, number: str) -> None:
    """Word's document properties (File > Info) and Vietnamese as the language of every style, so that Word's
    spelling check reads the text as Vietnamese."""
    properties = document.core_properties
    properties.title = title[:255]
    properties.author = author
    properties.last_modified_by = author
    properties.subject = number.strip()
    properties.language = "vi-VN"
    properties.comments = ""
    set_language(document, "vi-VN")


def set_language(document, language: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    targets = []
    if defaults is not None:
        rpr_default = defaults.find(qn("w:rPrDefault"))
        if rpr_default is not None:
            targets.append(rpr_default.find(qn("w:rPr")))
    for style in styles.findall(qn("w:style")):
        if style.get(qn("w:type")) in ("paragraph", "character"):
            rpr = style.find(qn("w:rPr"))
            if rpr is None:
                rpr = OxmlElement("w:rPr")
                style.append(rpr)
            targets.append(rpr)
    for rpr in targets:
        if rpr is None:
            continue
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            rpr.append(lang)
        lang.set(qn("w:val"), language)
        lang.set(qn("w:eastAsia"), language)


def build_report(
    unit: OrgUnit,
    period: Period,
    output,
    template: Path | None = None,
    with_charts: bool = True,
    time_limit: float | None = None,
) -> BuildResult:
    """Write the report of ``unit`` for ``period`` to ``output`` (a path or a binary file). The result's
    ``checks`` is the check list (what is missing or inconsistent)."""
    return ReportBuilder(unit, period, template, with_charts, time_limit).build(output)


def check_report(unit: OrgUnit, period: Period) -> list[str]:
    """The check list of a report, without writing it (``ktxh report --check``)."""
    return ReportBuilder(unit, period, with_charts=False).check()
