"""Load the indicator catalog from a folder of CSV files (see docs/data-format.md).

Everything is checked before anything is written; one problem anywhere refuses the whole catalog. Loading is an
upsert by code: loading the same files twice changes nothing, and changes are written to the change log.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ktxh.catalog import formulas
from ktxh.catalog.models import (
    Aggregation,
    Dimension,
    DimensionOption,
    Direction,
    Indicator,
    Measure,
    PeriodAggregation,
    Sector,
    TargetSource,
    ValueType,
)
from ktxh.datafiles import (
    Problems,
    Row,
    check_code,
    check_lengths,
    find_cycle,
    parse_choice,
    parse_decimal,
    read_table,
)

MEASURE_COLUMNS = ["symbol", "name", "dimension", "factor", "words"]  # words: other spellings in text, «;»
SECTOR_COLUMNS = ["code", "name", "parent", "order"]
SOURCE_COLUMNS = ["code", "name", "short_name", "order"]
DIMENSION_COLUMNS = ["dimension", "dimension_name", "option", "option_name", "order"]
INDICATOR_COLUMNS = [
    "code",
    "name",
    "sector",
    "unit",
    "value_type",
    "aggregation",
    "period_aggregation",
    "numerator",
    "denominator",
    "factor",
    "weight",
    "direction",
    "disaggregations",
    "formula",
    "official_code",
    "description",
]


@dataclass
class CatalogSummary:
    measures: int = 0
    sectors: int = 0
    target_sources: int = 0
    dimensions: int = 0
    options: int = 0
    indicators: int = 0

    def __str__(self) -> str:
        return _(
            "%(indicators)d indicators, %(sectors)d sectors, %(measures)d units of measure, "
            "%(dimensions)d disaggregation dimensions (%(options)d options), %(target_sources)d target sources"
        ) % {
            "indicators": self.indicators,
            "sectors": self.sectors,
            "measures": self.measures,
            "dimensions": self.dimensions,
            "options": self.options,
            "target_sources": self.target_sources,
        }


def default_period_aggregation(row: Row) -> str:
    """An empty ``period_aggregation``: flows that add up over children add up over time too; rates, means and
    the rest do not."""
    summable = (row["aggregation"] or Aggregation.SUM) == Aggregation.SUM
    rate = row["value_type"] == ValueType.PERCENT or row["unit"] == "%"
    return PeriodAggregation.SUM if summable and not rate else PeriodAggregation.NONE


def _table(folder: Path, name: str) -> Path:
    """``name/`` (a folder of files) if it exists, else ``name.csv``."""
    return folder / name if (folder / name).is_dir() else folder / f"{name}.csv"


def _order(row: Row, problems: Problems, fallback: int) -> int:
    value = parse_decimal(row, "order", problems)
    if value is None:
        return fallback
    if value < 0 or value != value.to_integral_value():
        problems.add(
            row, "order", _("the order must be a non-negative whole number, not %(order)s.") % {"order": row["order"]}
        )
        return fallback
    return int(value)


def _unique(rows: list[Row], column: str, problems: Problems, duplicate: str) -> dict[str, Row]:
    """Rows by their key; a repeated key is a problem, said by ``duplicate`` (a translated message with the
    placeholders %(key)s, %(file)s and %(line)s)."""
    seen: dict[str, Row] = {}
    for row in rows:
        key = row[column]
        if not key:
            continue
        if key in seen:
            first = seen[key]
            problems.add(row, column, duplicate % {"key": key, "file": first.file, "line": first.line})
        else:
            seen[key] = row
    return seen


def load_catalog(folder: Path) -> CatalogSummary:
    """Check and load a catalog folder in one transaction. Raises :class:`ktxh.datafiles.LoadError`."""
    folder = Path(folder)
    problems = Problems()
    root = folder.parent
    if not folder.is_dir():
        problems.add(None, None, _("the catalog folder was not found."), file=str(folder))
        problems.raise_if_any()
    measures = read_table(_table(folder, "measures"), MEASURE_COLUMNS, ["symbol", "name", "dimension"], problems, root)
    sectors = read_table(_table(folder, "sectors"), SECTOR_COLUMNS, ["code", "name"], problems, root)
    sources = read_table(_table(folder, "target_sources"), SOURCE_COLUMNS, ["code", "name"], problems, root)
    dimensions = read_table(_table(folder, "dimensions"), DIMENSION_COLUMNS, ["dimension", "option"], problems, root)
    indicators = read_table(
        _table(folder, "indicators"), INDICATOR_COLUMNS, ["code", "name", "sector", "unit"], problems, root
    )
    check_lengths(measures, problems, Measure, ["symbol", "name", "dimension"])
    check_lengths(sectors, problems, Sector, ["code", "name"])
    check_lengths(sources, problems, TargetSource, ["code", "name", "short_name"])
    check_lengths(dimensions, problems, Dimension, {"dimension": "code", "dimension_name": "name"})
    check_lengths(dimensions, problems, DimensionOption, {"option": "code", "option_name": "name"})
    check_lengths(indicators, problems, Indicator, ["code", "name", "official_code"])  # formulas: their own check
    problems.raise_if_any()

    # -- measures, sectors, sources -----------------------------------------------------------------------------
    measure_rows = _unique(
        measures, "symbol", problems, _("Unit of measure «%(key)s» is repeated (already in %(file)s, line %(line)s).")
    )
    known_measures = set(measure_rows) | set(Measure.objects.values_list("symbol", flat=True))
    for row in measures:
        if not row["symbol"]:
            problems.add(row, "symbol", _("the symbol of the unit of measure is missing."))
        factor = parse_decimal(row, "factor", problems)
        if factor is not None and factor <= 0:
            problems.add(row, "factor", _("the conversion factor must be greater than 0."))
    spelled: dict[str, str] = {}
    for row in measures:
        for word in [row["symbol"], *(w.strip() for w in row["words"].split(";") if w.strip())]:
            other = spelled.setdefault(word.lower(), row["symbol"])
            if other != row["symbol"]:
                problems.add(
                    row,
                    "words",
                    _("«%(word)s» already writes the unit «%(other)s»: a word names one unit only.")
                    % {"word": word, "other": other},
                )

    sector_rows = _unique(
        sectors, "code", problems, _("Sector «%(key)s» is repeated (already in %(file)s, line %(line)s).")
    )
    known_sectors = set(sector_rows) | set(Sector.objects.values_list("code", flat=True))
    for row in sectors:
        check_code(row, "code", problems)
        if row["parent"] and row["parent"] not in known_sectors:
            problems.add(
                row, "parent", _("the parent sector «%(code)s» is not in the catalog.") % {"code": row["parent"]}
            )
    cycle = find_cycle({code: [row["parent"]] if row["parent"] else [] for code, row in sector_rows.items()})
    if cycle:
        first = sector_rows[cycle[0]]
        problems.add(first, "parent", _("loop in the sector tree: %(cycle)s.") % {"cycle": " → ".join(cycle)})

    source_rows = _unique(
        sources, "code", problems, _("Target source «%(key)s» is repeated (already in %(file)s, line %(line)s).")
    )
    for row in sources:
        check_code(row, "code", problems)

    # -- dimensions ---------------------------------------------------------------------------------------------
    dimension_names: dict[str, str] = {}
    seen_options: dict[tuple[str, str], Row] = {}
    for row in dimensions:
        dim = check_code(row, "dimension", problems)
        opt = check_code(row, "option", problems)
        if not dim or not opt:
            continue
        if (dim, opt) in seen_options:
            first = seen_options[(dim, opt)]
            problems.add(
                row,
                "option",
                _("option «%(option)s» of dimension «%(dimension)s» is repeated (already in %(file)s, line %(line)s).")
                % {"option": opt, "dimension": dim, "file": first.file, "line": first.line},
            )
        seen_options[(dim, opt)] = row
        if row["dimension_name"] and dimension_names.setdefault(dim, row["dimension_name"]) != row["dimension_name"]:
            problems.add(
                row,
                "dimension_name",
                _("dimension «%(dimension)s» already has the name «%(name)s».")
                % {"dimension": dim, "name": dimension_names[dim]},
            )
        if not row["option_name"]:
            problems.add(row, "option_name", _("the name of the disaggregation option is missing."))
    known_dimensions = {d for d, _option in seen_options} | set(Dimension.objects.values_list("code", flat=True))

    # -- indicators ---------------------------------------------------------------------------------------------
    indicator_rows = _unique(
        indicators, "code", problems, _("Indicator code «%(key)s» is repeated (already in %(file)s, line %(line)s).")
    )
    known_indicators = set(indicator_rows) | set(Indicator.objects.values_list("code", flat=True))
    depends: dict[str, list[str]] = {}
    for row in indicators:
        code = check_code(row, "code", problems)
        for column in ("name", "sector", "unit"):
            if not row[column]:
                problems.add(row, column, _("this cell must not be empty."))
        if row["sector"] and row["sector"] not in known_sectors:
            problems.add(row, "sector", _("sector «%(code)s» is not in sectors.csv.") % {"code": row["sector"]})
        if row["unit"] and row["unit"] not in known_measures:
            problems.add(
                row, "unit", _("unit of measure «%(symbol)s» is not in measures.csv.") % {"symbol": row["unit"]}
            )
        parse_choice(row, "value_type", ValueType, problems, default=ValueType.NUMBER)
        aggregation = parse_choice(row, "aggregation", Aggregation, problems, default=Aggregation.SUM)
        parse_choice(row, "direction", Direction, problems, default=Direction.HIGHER)
        over_time = parse_choice(
            row, "period_aggregation", PeriodAggregation, problems, default=default_period_aggregation(row)
        )
        if over_time == PeriodAggregation.SUM and (row["value_type"] == ValueType.PERCENT or row["unit"] == "%"):
            problems.add(
                row,
                "period_aggregation",
                _("a rate cannot be added up over time (94%% + 95%% is not a year); use «none» or «last»."),
            )
        deps = []
        for column in ("numerator", "denominator", "weight"):
            ref = row[column]
            if ref:
                deps.append(ref)
                if ref not in known_indicators:
                    problems.add(row, column, _("indicator «%(code)s» is not in the catalog.") % {"code": ref})
        if aggregation == Aggregation.RATIO and not (row["numerator"] and row["denominator"]):
            problems.add(
                row,
                "aggregation",
                _("an indicator aggregated as «ratio» needs both the numerator and the denominator column."),
            )
        if aggregation == Aggregation.WEIGHTED_MEAN and not row["weight"]:
            problems.add(row, "aggregation", _("an indicator aggregated as «weighted_mean» needs the weight column."))
        factor = parse_decimal(row, "factor", problems)
        if factor is not None and factor == 0:
            problems.add(row, "factor", _("the factor must not be 0."))
        for dim in filter(None, (d.strip() for d in row["disaggregations"].split(";"))):
            if dim not in known_dimensions:
                problems.add(
                    row,
                    "disaggregations",
                    _("disaggregation dimension «%(dimension)s» is not in dimensions.") % {"dimension": dim},
                )
        if row["formula"]:
            try:
                refs = formulas.references(row["formula"])
            except formulas.FormulaError as error:
                problems.add(row, "formula", str(error))
                refs = []
            for ref in refs:
                if ref not in known_indicators:
                    problems.add(
                        row,
                        "formula",
                        _("the formula uses indicator «%(code)s», which is not in the catalog.") % {"code": ref},
                    )
            deps.extend(refs)
        if code:
            depends[code] = [d for d in deps if d in indicator_rows]
    cycle = find_cycle(depends)
    if cycle:
        problems.add(
            indicator_rows[cycle[0]],
            "formula",
            _("loop of dependencies between indicators: %(cycle)s.") % {"cycle": " → ".join(cycle)},
        )
    _check_dropped_disaggregations(indicator_rows, problems)
    problems.raise_if_any()

    with transaction.atomic():
        return _write(measure_rows, sector_rows, source_rows, dimensions, dimension_names, indicator_rows)


def _check_dropped_disaggregations(indicator_rows: dict[str, Row], problems: Problems) -> None:
    """An indicator may lose a disaggregation dimension only while no stored figure is split by it: those figures
    would be left with a split their indicator no longer has, which no page, report or check can place.

    (Options and dimensions themselves are never deleted by a load, so they cannot be orphaned here.)"""
    stored: dict[str, set[str]] = {}
    for indicator, dimension in Indicator.dimensions.through.objects.values_list("indicator__code", "dimension__code"):
        stored.setdefault(indicator, set()).add(dimension)
    for code, row in indicator_rows.items():
        wanted = {d.strip() for d in row["disaggregations"].split(";") if d.strip()}
        for dimension in sorted(stored.get(code, set()) - wanted):
            # The figures' disaggregation text is canonical: "dim=option;dim2=option2", dimensions sorted.
            split_by = Q(disaggregation__startswith=f"{dimension}=") | Q(disaggregation__contains=f";{dimension}=")
            count = Indicator.objects.get(code=code).values.filter(split_by).count()
            if count:
                problems.add(
                    row,
                    "disaggregations",
                    ngettext(
                        "disaggregation dimension «%(dimension)s» is dropped from this indicator, but %(count)d stored "
                        "figure is split by it; keep the dimension, or delete or move that figure first.",
                        "disaggregation dimension «%(dimension)s» is dropped from this indicator, but %(count)d stored "
                        "figures are split by it; keep the dimension, or delete or move those figures first.",
                        count,
                    )
                    % {"dimension": dimension, "count": count},
                )


def _upsert(model, key: str, value: str, fields: dict):
    """Create or update one row by its natural key; save() only when something changed (history stays quiet)."""
    obj = model.objects.filter(**{key: value}).first()
    if obj is None:
        return model.objects.create(**{key: value}, **fields)
    changed = False
    for name, new in fields.items():
        if getattr(obj, name) != new:
            setattr(obj, name, new)
            changed = True
    if changed:
        obj.save()
    return obj


def _write(measure_rows, sector_rows, source_rows, dimension_rows, dimension_names, indicator_rows) -> CatalogSummary:
    scratch = Problems()  # already checked: parsing again cannot fail
    summary = CatalogSummary()
    for symbol, row in measure_rows.items():
        factor = parse_decimal(row, "factor", scratch) or Decimal(1)
        _upsert(Measure, "symbol", symbol, {"name": row["name"], "dimension": row["dimension"], "factor": factor})
        summary.measures += 1

    sectors: dict[str, Sector] = {}
    for position, (code, row) in enumerate(sector_rows.items()):
        sectors[code] = _upsert(Sector, "code", code, {"name": row["name"], "order": _order(row, scratch, position)})
    for code, row in sector_rows.items():
        parent = sectors.get(row["parent"]) or (Sector.objects.get(code=row["parent"]) if row["parent"] else None)
        if sectors[code].parent_id != (parent.pk if parent else None):
            sectors[code].parent = parent
            sectors[code].save()
    _refresh_sector_sort_keys()
    summary.sectors = len(sectors)

    for position, (code, row) in enumerate(source_rows.items()):
        _upsert(
            TargetSource,
            "code",
            code,
            {
                "name": row["name"],
                "short_name": row["short_name"] or row["name"],
                "order": _order(row, scratch, position),
            },
        )
        summary.target_sources += 1

    dimensions: dict[str, Dimension] = {}
    for position, row in enumerate(dimension_rows):
        code = row["dimension"]
        if code not in dimensions:
            dimensions[code] = _upsert(Dimension, "code", code, {"name": dimension_names.get(code, code)})
        option = DimensionOption.objects.filter(dimension=dimensions[code], code=row["option"]).first()
        fields = {"name": row["option_name"], "order": _order(row, scratch, position)}
        if option is None:
            DimensionOption.objects.create(dimension=dimensions[code], code=row["option"], **fields)
        elif any(getattr(option, k) != v for k, v in fields.items()):
            for k, v in fields.items():
                setattr(option, k, v)
            option.save()
        summary.options += 1
    summary.dimensions = len(dimensions)

    measures = {m.symbol: m for m in Measure.objects.all()}
    sector_by_code = {s.code: s for s in Sector.objects.all()}
    indicators: dict[str, Indicator] = {}
    for position, (code, row) in enumerate(indicator_rows.items()):
        indicators[code] = _upsert(
            Indicator,
            "code",
            code,
            {
                "name": row["name"],
                "sector": sector_by_code[row["sector"]],
                "unit": measures[row["unit"]],
                "value_type": row["value_type"] or ValueType.NUMBER,
                "aggregation": row["aggregation"] or Aggregation.SUM,
                "direction": row["direction"] or Direction.HIGHER,
                "period_aggregation": row["period_aggregation"] or default_period_aggregation(row),
                "factor": parse_decimal(row, "factor", scratch),
                "formula": row["formula"],
                "official_code": row["official_code"],
                "description": row["description"],
                "order": position,
            },
        )
    all_indicators = {i.code: i for i in Indicator.objects.all()}
    all_dimensions = {d.code: d for d in Dimension.objects.all()}
    for code, row in indicator_rows.items():
        indicator = indicators[code]
        refs = {column: all_indicators.get(row[column]) for column in ("numerator", "denominator", "weight")}
        if any(getattr(indicator, f"{c}_id") != (ref.pk if ref else None) for c, ref in refs.items()):
            for column, ref in refs.items():
                setattr(indicator, column, ref)
            indicator.save()
        wanted = {all_dimensions[d.strip()] for d in row["disaggregations"].split(";") if d.strip()}
        if set(indicator.dimensions.all()) != wanted:
            indicator.dimensions.set(wanted)
    summary.indicators = len(indicators)
    return summary


def _refresh_sector_sort_keys() -> None:
    sectors = list(Sector.objects.all())
    by_parent: dict[int | None, list[Sector]] = {}
    for sector in sectors:
        by_parent.setdefault(sector.parent_id, []).append(sector)

    def walk(parent_id: int | None, prefix: str) -> None:
        for position, sector in enumerate(sorted(by_parent.get(parent_id, []), key=lambda s: (s.order, s.code))):
            key = f"{prefix}{position:04d}"
            if sector.sort_key != key:
                Sector.objects.filter(pk=sector.pk).update(sort_key=key)
            walk(sector.pk, key + ".")

    walk(None, "")
