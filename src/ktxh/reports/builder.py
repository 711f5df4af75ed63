"""The KT-XH report of a unit for a period, as a Word document in the Nghị định 30/2020 format.

    from ktxh.reports.builder import build_report
    build_report(unit, Period.parse("2023"), "bao-cao.docx")

Kinds follow the period: a year gives the annual report with next year's plan; the first half ("6 tháng đầu năm")
and the cumulative nine months ("9 tháng") give the same layout with year-to-date figures and the rest of the year's
tasks. Part one follows the catalog's sector tree (nothing about sectors is written here); each sector has its
narrative (the text people write) and the sentences generated from the figures, with breakdowns as real footnotes.
"""

from __future__ import annotations

import io
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.utils import timezone
from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from ktxh import charts
from ktxh.analytics.scorecard import Row, Scorecard, build_scorecard
from ktxh.catalog.models import Sector
from ktxh.figures import statements as stored
from ktxh.figures.catalog import Catalog
from ktxh.figures.labels import Labels
from ktxh.figures.statements import Statement
from ktxh.periods import Period, PeriodType
from ktxh.reports import sentences as say
from ktxh.reports.chart_specs import key_task_rows, targets_chart, trend_chart
from ktxh.reports.footnotes import add_footnote, ensure_footnotes_part
from ktxh.reports.layout import BODY_MARKER, grid_table, line, page_setup, set_font
from ktxh.reports.models import Narrative, Report
from ktxh.reports.template import render
from ktxh.units.models import ADMINISTRATIVE_TYPES, OrgUnit

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
            return cls(period, plan,
                       f"TÌNH HÌNH, KẾT QUẢ THỰC HIỆN NHIỆM VỤ PHÁT TRIỂN KINH TẾ - XÃ HỘI NĂM {year}",
                       f"KẾ HOẠCH PHÁT TRIỂN KINH TẾ - XÃ HỘI NĂM {year + 1}",
                       [f"Tình hình thực hiện nhiệm vụ phát triển kinh tế - xã hội năm {year};",
                        f"mục tiêu, nhiệm vụ và giải pháp năm {year + 1}"])
        if period.is_year_to_date() and period.type in (PeriodType.HALF, PeriodType.CUMULATIVE, PeriodType.QUARTER):
            done = len(period.months())
            label = period.label
            rest = f"{12 - done} tháng cuối năm {year}" if done != 6 else f"6 tháng cuối năm {year}"
            return cls(period, Period.year_of(year),
                       f"TÌNH HÌNH, KẾT QUẢ THỰC HIỆN NHIỆM VỤ PHÁT TRIỂN KINH TẾ - XÃ HỘI {label.upper()}",
                       f"NHIỆM VỤ, GIẢI PHÁP {rest.upper()}",
                       [f"Tình hình thực hiện nhiệm vụ phát triển kinh tế - xã hội {label};",
                        f"nhiệm vụ, giải pháp {rest}"])
        raise ReportError(f"Chưa hỗ trợ báo cáo cho kỳ «{period.label}»: dùng năm (2023), 6 tháng (2023S1) "
                          "hoặc 9 tháng (2023C9).")


@dataclass
class BuildResult:
    path: Path | None
    footnotes: int
    sentences: int
    charts: int
    appendix_rows: int
    warnings: list[str] = field(default_factory=list)


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
    def __init__(self, unit: OrgUnit, period: Period, template: Path | None = None, with_charts: bool = True):
        if unit.type not in ADMINISTRATIVE_TYPES:
            raise ReportError(f"Báo cáo kinh tế - xã hội do Ủy ban nhân dân một đơn vị hành chính ban hành; "
                              f"«{unit.name}» không phải đơn vị hành chính. Số liệu của đơn vị này có trong báo cáo "
                              "của xã, phường chủ quản.")
        if (unit.valid_from and unit.valid_from > period.end) or (unit.valid_to and unit.valid_to < period.start):
            raise ReportError(f"«{unit.name}» không có hiệu lực trong {period.label} (hiệu lực "
                              f"{unit.valid_from:%d/%m/%Y} – {unit.valid_to:%d/%m/%Y})."
                              if unit.valid_from and unit.valid_to else
                              f"«{unit.name}» không có hiệu lực trong {period.label}.")
        if unit.valid_from and unit.valid_from > period.start:
            raise ReportError(f"«{unit.name}» chỉ có từ {unit.valid_from:%d/%m/%Y}, sau ngày đầu của {period.label}: "
                              "báo cáo cả kỳ phải lập theo các đơn vị tiền thân.")
        self.unit = unit
        self.kind = Kind.of(period)
        self.period = period
        self.template = template
        self.with_charts = with_charts
        self.catalog = Catalog()
        self.labels = Labels()
        self.card: Scorecard = build_scorecard(unit, period, ranks=False, catalog=self.catalog)
        self.report = Report.objects.filter(org_unit=unit, period=period.code).first()
        self.narratives: dict[str, list[str]] = defaultdict(list)
        for narrative in Narrative.objects.filter(org_unit=unit, period=period.code).order_by("section", "order"):
            self.narratives[narrative.section].append(narrative.text)
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

    # -- data around the scorecard ------------------------------------------------------------------------------

    def _in_order(self, found: list[Statement]) -> list[Statement]:
        """Statements by indicator (catalog order), period and disaggregation."""
        by_id = self.catalog.by_id
        return sorted(found, key=lambda s: (by_id[s.indicator_id].order, s.period, s.disaggregation))

    def _other_period_values(self) -> dict[int, list[Statement]]:
        """The unit's own figures of other periods overlapping this one (a school year, a month)."""
        found: dict[int, list[Statement]] = defaultdict(list)
        for statement in self._in_order(stored.load(unit_ids=[self.unit.pk], overlapping=self.period, in_use=True,
                                                    except_period=self.period.code)):
            found[self.catalog.by_id[statement.indicator_id].sector_id].append(statement)
        return found

    def _children_values(self) -> dict[int, dict[OrgUnit, list[Statement]]]:
        """Figures of the facilities and residential groups below the unit, per sector and child."""
        found: dict[int, dict[OrgUnit, list[Statement]]] = defaultdict(lambda: defaultdict(list))
        children = {u.pk: u for u in OrgUnit.objects.filter(parent=self.unit).exclude(
            type__in=[str(t) for t in ADMINISTRATIVE_TYPES])}
        if not children:
            return found
        values = self._in_order(stored.load(unit_ids=children, overlapping=self.period, in_use=True))
        for statement in sorted(values, key=lambda s: children[s.unit_id].path):
            found[self.catalog.by_id[statement.indicator_id].sector_id][children[statement.unit_id]].append(statement)
        return found

    # -- the document -------------------------------------------------------------------------------------------

    def context(self) -> dict:
        unit_name = self.unit.name
        noun = say.unit_noun(self.unit.type)
        short = unit_name[len(noun):].strip() if unit_name.lower().startswith(noun) else unit_name
        report = self.report
        issued = report.issued_on if report and report.issued_on else timezone.localdate()
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

    def build(self, output) -> BuildResult:
        context = self.context()
        document = Document(render(self.template, context))
        ensure_footnotes_part(document)
        body = Body(document)
        self._part_one(body)
        self._part_two(body)
        self._narrative(body, "closing")
        body.finish()
        rows = self._appendix(document, context)
        document.save(output)
        return BuildResult(Path(output) if isinstance(output, (str, Path)) else None, body.footnotes,
                           body.sentences, self.charts, rows, self.warnings)

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
        body.heading(f"{ROMAN[numeral]}. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU ĐƯỢC GIAO", 1)
        numeral += 1
        self._key_tasks(body)
        if self.with_charts:
            self._trend_chart(body)
        assessment = [("assessment_strengths", "Ưu điểm"), ("assessment_limitations", "Hạn chế"),
                      ("assessment_causes", "Nguyên nhân")]
        if any(self.narratives.get(code) for code, _ in assessment):
            body.heading(f"{ROMAN[numeral]}. NHẬN XÉT, ĐÁNH GIÁ", 1)
            number = 1
            for code, title in assessment:
                if self.narratives.get(code):
                    body.heading(f"{number}. {title}", 2)
                    number += 1
                    self._narrative(body, code)

    def _has_content(self, sector: Sector) -> bool:
        if self.narratives.get(sector.code) or self.rows_by_sector.get(sector.pk) or \
                self.other_periods.get(sector.pk) or self.children_values.get(sector.pk):
            return True
        return any(self._has_content(child) for child in self.children_of[sector.pk])

    def _sector(self, body: Body, sector: Sector, depth: int) -> None:
        self._narrative(body, sector.code)
        self._figures(body, sector)
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

    def _figures(self, body: Body, sector: Sector) -> None:
        written: set[int] = set()
        for row in self.rows_by_sector.get(sector.pk, []):
            indicator = row.indicator
            if indicator.pk in written:
                continue
            written.add(indicator.pk)
            rows = [r for r in self.rows_by_sector[sector.pk] if r.indicator.pk == indicator.pk]
            total = next((r for r in rows if not r.disaggregation), None)
            parts = self._parts_footnote(indicator.pk)
            if total is None:
                if parts:
                    body.sentence(f"{indicator.name}: kết quả cụ thể.", footnote=parts)
                continue
            clauses = [say.change_clause(total.change, "", total.is_rate, indicator.value_type == "integer",
                                         indicator.unit.symbol)]
            for target_row in rows:
                if target_row.disaggregation or target_row.target is None:
                    continue
                clauses.append(say.target_clause(target_row.target, target_row.judgement, total.actual.value,
                                                 total.is_rate, indicator.unit.symbol, self.unit.type,
                                                 indicator.direction, restate_actual=False))
            sentence = say.figure_sentence(indicator.name, total.actual, indicator.unit.symbol, clauses)
            body.sentence(sentence, footnote=parts)

    def _entered_parts(self) -> dict[int, list[Statement]]:
        """The breakdowns entered on the unit for the period (an actual wins over an estimate)."""
        found = stored.best_in_use(stored.load(unit_ids=[self.unit.pk], periods=[self.period.code], in_use=True,
                                               parts_only=True))
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
                    items.append((self._label(value.disaggregation), value.value,
                                  self.catalog.by_id[indicator_id].unit.symbol))
        return say.parts_text(list(dict.fromkeys(items)))

    def _label(self, disaggregation: str) -> str:
        return self.labels.disaggregation(disaggregation)

    def _grouped(self, values: list[Statement]) -> list[str]:
        """"Tên chỉ tiêu: 51 người (năm học 2023-2024)"; parts of one indicator joined in one clause."""
        clauses, by_key = [], defaultdict(list)
        for value in values:
            by_key[(value.indicator_id, value.period)].append(value)
        for (indicator_id, period_code), group in by_key.items():
            indicator = self.catalog.by_id[indicator_id]
            period = Period.parse(period_code)
            suffix = f" ({period.label})" if period.code != self.period.code else ""
            totals = [v for v in group if not v.disaggregation]
            parts = [v for v in group if v.disaggregation]
            text = indicator.name
            if totals:
                v = totals[0]
                text += " " + say.quantity(v.value, indicator.unit.symbol) if v.value is not None else f": {v.text}"
                if v.kind == "estimate":
                    text = text.replace(indicator.name, f"{indicator.name} ước đạt", 1)
            if parts:
                inner = ", ".join(f"{self._label(v.disaggregation)} "
                                  f"{say.quantity(v.value, indicator.unit.symbol) if v.value is not None else v.text}"
                                  for v in parts)
                text += f" ({inner})" if totals else f": {inner}"
            clauses.append(text + suffix)
        return clauses

    def _other_periods(self, body: Body, sector: Sector) -> None:
        values = [v for v in self.other_periods.get(sector.pk, [])]
        if values:
            body.sentence("; ".join(self._grouped(values)) + ".")

    def _children(self, body: Body, sector: Sector) -> None:
        for child, values in self.children_values.get(sector.pk, {}).items():
            body.sentence(f"+ {child.name}: " + "; ".join(self._grouped(values)) + ".")

    def _key_tasks(self, body: Body) -> None:
        self._narrative(body, "key_tasks")
        rows = key_task_rows(self.card)
        statuses = []
        for row in rows:
            indicator = row.indicator
            clause = say.target_clause(row.target, row.judgement, row.actual.value, True, indicator.unit.symbol,
                                       self.unit.type, indicator.direction)
            if row.judgement and row.judgement.pct_of_target is not None and not row.is_rate \
                    and indicator.direction != "lower" and row.target.form != "at_most":
                clause += f", bằng {say.format_number(say.rounded(row.judgement.pct_of_target, 1))}% kế hoạch"
            body.sentence(f"{indicator.name}: {clause}.", prefix="- ")
            if row.judgement and row.judgement.status:
                statuses.append(str(row.judgement.status))
        if not rows:
            body.paragraph("Chưa có chỉ tiêu được cấp trên giao cho kỳ báo cáo này.")
        summary = say.tally(statuses)
        if summary:
            body.sentence(f"Kết quả: {summary}.")
        if self.with_charts:
            spec = targets_chart(self.card)
            if spec:
                body.picture(charts.to_png(spec), 15.5, "Biểu đồ: kết quả thực hiện so với chỉ tiêu được giao")
                self.charts += 1

    def _trend_chart(self, body: Body) -> None:
        spec = trend_chart(self.card)
        if spec:
            body.picture(charts.to_png(spec), 15.5, "Biểu đồ: diễn biến một số chỉ tiêu qua các năm")
            self.charts += 1

    # -- part two -----------------------------------------------------------------------------------------------

    def _part_two(self, body: Body) -> None:
        body.centered("Phần thứ hai")
        body.centered(self.kind.plan_title)
        body.heading("I. MỤC TIÊU VÀ CÁC CHỈ TIÊU CHỦ YẾU", 1)
        body.heading("1. Mục tiêu", 2)
        self._narrative(body, "plan_objectives", "Chưa có nội dung mục tiêu cho kỳ kế hoạch.")
        body.heading("2. Các chỉ tiêu chủ yếu", 2)
        targets = [s for s in stored.load(unit_ids=[self.unit.pk], periods=[self.kind.plan_period.code],
                                          kinds=["target"]) if not s.variant]
        order = {s.pk: s.sort_key for s in self.sectors}
        by_id = self.catalog.by_id
        targets = sorted(targets, key=lambda v: (order.get(by_id[v.indicator_id].sector_id, ""),
                                                 by_id[v.indicator_id].order, v.disaggregation, v.source_order))
        for value in targets:
            indicator = by_id[value.indicator_id]
            name = indicator.name
            if value.disaggregation:
                name += f" — {self._label(value.disaggregation)}"
            if value.value is None:
                text = value.text
            else:
                text = say.target_words(value.target_form, value.value) + say.quantity(value.value,
                                                                                     indicator.unit.symbol)
                if value.value_high is not None:
                    text += f" - {say.quantity(value.value_high, indicator.unit.symbol)}"
                if value.text:
                    text += f" ({value.text})"
            source = "" if value.source == "ke_hoach" else f" ({self.labels.source_names[value.source]})"
            body.sentence(f"{name}: {text}{source}.", prefix="- ")
        if not targets:
            body.paragraph(f"Chưa có chỉ tiêu kế hoạch {self.kind.plan_period.label}.")
        body.heading("II. NHIỆM VỤ VÀ GIẢI PHÁP CHỦ YẾU", 1)
        self._narrative(body, "plan_tasks", "Chưa có nội dung nhiệm vụ, giải pháp.")

    def _narrative(self, body: Body, section: str, when_missing: str = "") -> None:
        """The paragraphs people wrote for a section; a sentence saying there are none, rather than nothing."""
        texts = self.narratives.get(section, [])
        for text in texts:
            body.paragraph(text)
        if not texts and when_missing:
            body.paragraph(when_missing)

    # -- appendix -----------------------------------------------------------------------------------------------

    def _appendix(self, document, context: dict) -> int:
        rows = [r for r in self.card.rows if not r.disaggregation and (r.target is not None
                                                                        or r.change.previous is not None)]
        if not rows:
            return 0
        section = document.add_section(WD_SECTION.NEW_PAGE)
        page_setup(section, landscape=True)
        section.different_first_page_header_footer = False  # only the report's first page goes unnumbered
        line(document, "Phụ lục", size=Pt(14), bold=True)
        line(document, "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CHỦ YẾU", size=Pt(14), bold=True)
        issued = self.report.issued_on if self.report and self.report.issued_on else timezone.localdate()
        line(document, f"(Kèm theo Báo cáo số {context['so_hieu']} ngày {issued:%d/%m/%Y} của UBND "
                       f"{self.unit.name[:1].lower() + self.unit.name[1:]})", size=Pt(13), italic=True)
        line(document, "")
        sources = []
        for row in rows:
            if row.target and row.target.source not in sources:
                sources.append(row.target.source)
        sources.sort(key=lambda s: s.order)
        header = (["TT", "Chỉ tiêu", "ĐVT"] + [s.name for s in sources]
                  + ["Thực hiện / Ước TH", "% kế hoạch", "Cùng kỳ", "% so cùng kỳ", "Đánh giá"])
        style = _table_style(document)
        grouped: dict[tuple, list[Row]] = defaultdict(list)
        for row in rows:
            grouped[(row.indicator.pk, row.disaggregation)].append(row)
        number = 0
        data: list[list[str]] = []
        for group in grouped.values():
            number += 1
            first = group[0]
            unit = first.indicator.unit.symbol
            by_source = {r.target.source.pk: r for r in group if r.target}
            judged = next((by_source[s.pk] for s in sources if s.pk in by_source
                           and by_source[s.pk].judgement and by_source[s.pk].judgement.status), None)
            actual = first.actual
            actual_text = say.quantity(actual.value, "", say.display_places(actual.value)).strip() \
                if actual.value is not None else (actual.text or say.NOT_AVAILABLE)
            if actual.estimate and actual.value is not None:
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
                change_pct = ("+" if change.change > 0 else "") + say.format_number(say.rounded(change.change, 2)) \
                    + " điểm"
            status = str(judged.judgement.status) if judged else ""
            data.append(cells + [actual_text, pct, previous, change_pct, status.capitalize()])
        fixed = [1.1, 2.0] + [2.2] * len(sources) + [2.4, 1.8, 2.0, 1.8, 2.0]
        usable = 29.7 - 3.0 - 1.5 - 0.2  # landscape A4 less the margins
        widths = [fixed[0], max(usable - sum(fixed), 5.0)] + fixed[1:]
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


def build_report(unit: OrgUnit, period: Period, output, template: Path | None = None,
                 with_charts: bool = True) -> BuildResult:
    """Write the report of ``unit`` for ``period`` to ``output`` (a path or a binary file)."""
    return ReportBuilder(unit, period, template, with_charts).build(output)

