"""Load the indicator catalog from a folder of CSV files (see docs/data-format.md).

Everything is checked before anything is written; one problem anywhere refuses the whole catalog. Loading is an
upsert by code: loading the same files twice changes nothing, and changes are written to the change log.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from ktxh.catalog import formulas
from ktxh.catalog.models import (
    Aggregation, Dimension, DimensionOption, Direction, Indicator, Measure, PeriodAggregation, Sector, TargetSource,
    ValueType,
)
from ktxh.datafiles import (
    Problems, Row, check_code, find_cycle, parse_choice, parse_decimal, read_table,
)

MEASURE_COLUMNS = ["symbol", "name", "dimension", "factor"]
SECTOR_COLUMNS = ["code", "name", "parent", "order"]
SOURCE_COLUMNS = ["code", "name", "short_name", "order"]
DIMENSION_COLUMNS = ["dimension", "dimension_name", "option", "option_name", "order"]
INDICATOR_COLUMNS = ["code", "name", "sector", "unit", "value_type", "aggregation", "period_aggregation",
                     "numerator", "denominator",
                     "factor", "weight", "direction", "disaggregations", "formula", "official_code", "description"]


@dataclass
class CatalogSummary:
    measures: int = 0
    sectors: int = 0
    target_sources: int = 0
    dimensions: int = 0
    options: int = 0
    indicators: int = 0

    def __str__(self) -> str:
        return (f"{self.indicators} chỉ tiêu, {self.sectors} lĩnh vực, {self.measures} đơn vị tính, "
                f"{self.dimensions} chiều phân tổ ({self.options} nhóm), {self.target_sources} nguồn chỉ tiêu")


def _table(folder: Path, name: str) -> Path:
    """``name/`` (a folder of files) if it exists, else ``name.csv``."""
    return folder / name if (folder / name).is_dir() else folder / f"{name}.csv"


def _order(row: Row, problems: Problems, fallback: int) -> int:
    value = parse_decimal(row, "order", problems)
    if value is None:
        return fallback
    if value < 0 or value != value.to_integral_value():
        problems.add(row, "order", f"thứ tự phải là số nguyên không âm, không phải {row['order']}.")
        return fallback
    return int(value)


def _unique(rows: list[Row], column: str, problems: Problems, what: str) -> dict[str, Row]:
    seen: dict[str, Row] = {}
    for row in rows:
        key = row[column]
        if not key:
            continue
        if key in seen:
            first = seen[key]
            problems.add(row, column, f"{what} «{key}» bị trùng (đã có ở {first.file}, dòng {first.line}).")
        else:
            seen[key] = row
    return seen


def load_catalog(folder: Path) -> CatalogSummary:
    """Check and load a catalog folder in one transaction. Raises :class:`ktxh.datafiles.LoadError`."""
    folder = Path(folder)
    problems = Problems()
    root = folder.parent
    if not folder.is_dir():
        problems.add(None, None, "không tìm thấy thư mục danh mục.", file=str(folder))
        problems.raise_if_any()
    measures = read_table(_table(folder, "measures"), MEASURE_COLUMNS, ["symbol", "name", "dimension"], problems, root)
    sectors = read_table(_table(folder, "sectors"), SECTOR_COLUMNS, ["code", "name"], problems, root)
    sources = read_table(_table(folder, "target_sources"), SOURCE_COLUMNS, ["code", "name"], problems, root)
    dimensions = read_table(_table(folder, "dimensions"), DIMENSION_COLUMNS, ["dimension", "option"], problems, root)
    indicators = read_table(_table(folder, "indicators"), INDICATOR_COLUMNS, ["code", "name", "sector", "unit"],
                            problems, root)
    problems.raise_if_any()

    # -- measures, sectors, sources -----------------------------------------------------------------------------
    measure_rows = _unique(measures, "symbol", problems, "Đơn vị tính")
    known_measures = set(measure_rows) | set(Measure.objects.values_list("symbol", flat=True))
    for row in measures:
        if not row["symbol"]:
            problems.add(row, "symbol", "thiếu ký hiệu đơn vị tính.")
        factor = parse_decimal(row, "factor", problems)
        if factor is not None and factor <= 0:
            problems.add(row, "factor", "hệ số quy đổi phải lớn hơn 0.")

    sector_rows = _unique(sectors, "code", problems, "Lĩnh vực")
    known_sectors = set(sector_rows) | set(Sector.objects.values_list("code", flat=True))
    for row in sectors:
        check_code(row, "code", problems)
        if row["parent"] and row["parent"] not in known_sectors:
            problems.add(row, "parent", f"lĩnh vực cha «{row['parent']}» không có trong danh mục.")
    cycle = find_cycle({code: [row["parent"]] if row["parent"] else [] for code, row in sector_rows.items()})
    if cycle:
        first = sector_rows[cycle[0]]
        problems.add(first, "parent", f"vòng lặp trong cây lĩnh vực: {' → '.join(cycle)}.")

    source_rows = _unique(sources, "code", problems, "Nguồn chỉ tiêu")
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
            problems.add(row, "option", f"nhóm «{opt}» của chiều «{dim}» bị trùng (đã có ở {first.file}, dòng "
                                        f"{first.line}).")
        seen_options[(dim, opt)] = row
        if row["dimension_name"]:
            if dimension_names.setdefault(dim, row["dimension_name"]) != row["dimension_name"]:
                problems.add(row, "dimension_name", f"chiều «{dim}» đã có tên «{dimension_names[dim]}».")
        if not row["option_name"]:
            problems.add(row, "option_name", "thiếu tên nhóm phân tổ.")
    known_dimensions = {d for d, _ in seen_options} | set(Dimension.objects.values_list("code", flat=True))

    # -- indicators ---------------------------------------------------------------------------------------------
    indicator_rows = _unique(indicators, "code", problems, "Mã chỉ tiêu")
    known_indicators = set(indicator_rows) | set(Indicator.objects.values_list("code", flat=True))
    depends: dict[str, list[str]] = {}
    for row in indicators:
        code = check_code(row, "code", problems)
        for column in ("name", "sector", "unit"):
            if not row[column]:
                problems.add(row, column, "ô này không được để trống.")
        if row["sector"] and row["sector"] not in known_sectors:
            problems.add(row, "sector", f"lĩnh vực «{row['sector']}» không có trong sectors.csv.")
        if row["unit"] and row["unit"] not in known_measures:
            problems.add(row, "unit", f"đơn vị tính «{row['unit']}» không có trong measures.csv.")
        parse_choice(row, "value_type", ValueType, problems, default=ValueType.NUMBER)
        aggregation = parse_choice(row, "aggregation", Aggregation, problems, default=Aggregation.SUM)
        parse_choice(row, "direction", Direction, problems, default=Direction.HIGHER)
        parse_choice(row, "period_aggregation", PeriodAggregation, problems, default=PeriodAggregation.SUM)
        deps = []
        for column in ("numerator", "denominator", "weight"):
            ref = row[column]
            if ref:
                deps.append(ref)
                if ref not in known_indicators:
                    problems.add(row, column, f"chỉ tiêu «{ref}» không có trong danh mục.")
        if aggregation == Aggregation.RATIO and not (row["numerator"] and row["denominator"]):
            problems.add(row, "aggregation", "chỉ tiêu tổng hợp kiểu «ratio» cần cả cột numerator và denominator.")
        if aggregation == Aggregation.WEIGHTED_MEAN and not row["weight"]:
            problems.add(row, "aggregation", "chỉ tiêu tổng hợp kiểu «weighted_mean» cần cột weight.")
        factor = parse_decimal(row, "factor", problems)
        if factor is not None and factor == 0:
            problems.add(row, "factor", "hệ số không được bằng 0.")
        for dim in filter(None, (d.strip() for d in row["disaggregations"].split(";"))):
            if dim not in known_dimensions:
                problems.add(row, "disaggregations", f"chiều phân tổ «{dim}» không có trong dimensions.")
        if row["formula"]:
            try:
                refs = formulas.references(row["formula"])
            except formulas.FormulaError as error:
                problems.add(row, "formula", str(error))
                refs = []
            for ref in refs:
                if ref not in known_indicators:
                    problems.add(row, "formula", f"công thức dùng chỉ tiêu «{ref}» không có trong danh mục.")
            deps.extend(refs)
        if code:
            depends[code] = [d for d in deps if d in indicator_rows]
    cycle = find_cycle(depends)
    if cycle:
        problems.add(indicator_rows[cycle[0]], "formula",
                     f"vòng lặp phụ thuộc giữa các chỉ tiêu: {' → '.join(cycle)}.")
    problems.raise_if_any()

    with transaction.atomic():
        return _write(measure_rows, sector_rows, source_rows, dimensions, dimension_names, indicator_rows)


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
        _upsert(TargetSource, "code", code, {"name": row["name"], "short_name": row["short_name"] or row["name"],
                                             "order": _order(row, scratch, position)})
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
        indicators[code] = _upsert(Indicator, "code", code, {
            "name": row["name"], "sector": sector_by_code[row["sector"]], "unit": measures[row["unit"]],
            "value_type": row["value_type"] or ValueType.NUMBER, "aggregation": row["aggregation"] or Aggregation.SUM,
            "direction": row["direction"] or Direction.HIGHER,
            "period_aggregation": row["period_aggregation"] or PeriodAggregation.SUM, "factor": parse_decimal(row, "factor", scratch),
            "formula": row["formula"], "official_code": row["official_code"], "description": row["description"],
            "order": position,
        })
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
