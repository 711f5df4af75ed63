"""Shared fixtures: a small, valid catalog and data set written to a temporary folder, which each test can break
in one place."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest

from ktxh.catalog.loader import DIMENSION_COLUMNS, INDICATOR_COLUMNS, MEASURE_COLUMNS, SECTOR_COLUMNS, SOURCE_COLUMNS
from ktxh.units.loader import LINK_COLUMNS, UNIT_COLUMNS
from ktxh.values.loader import VALUE_COLUMNS


@pytest.fixture(autouse=True, scope="session")
def _flush_replaces_the_database():
    """A transactional test's teardown empties every table, the change log too: that replaces the whole database,
    the one operation the log's triggers let through (:func:`ktxh.history.guard.replacing_database`)."""
    from django.db.backends.base.operations import BaseDatabaseOperations

    from ktxh.history.guard import replacing_database

    original = BaseDatabaseOperations.execute_sql_flush

    def execute_sql_flush(self, sql_list):
        with replacing_database(self.connection):
            return original(self, sql_list)

    BaseDatabaseOperations.execute_sql_flush = execute_sql_flush
    yield
    BaseDatabaseOperations.execute_sql_flush = original


def pytest_report_header(config):
    return f"ktxh database: {os.environ.get('KTXH_TEST_DATABASE', 'default')}"


def write_csv(path: Path, columns: list[str], rows: list[dict]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        for row in rows:
            writer.writerow({c: row.get(c, "") for c in columns})
    return path


MEASURES = [
    {"symbol": "ha", "name": "héc-ta", "dimension": "area", "factor": "10000"},
    {"symbol": "hộ", "name": "hộ", "dimension": "count", "factor": "1"},
    {"symbol": "%", "name": "phần trăm", "dimension": "percent", "factor": "1"},
    {"symbol": "con", "name": "con", "dimension": "count", "factor": "1"},
]
SECTORS = [
    {"code": "KT", "name": "Kinh tế", "parent": "", "order": "1"},
    {"code": "KT.NN", "name": "Nông nghiệp", "parent": "KT", "order": "1"},
    {"code": "VX", "name": "Văn hóa - Xã hội", "parent": "", "order": "2"},
]
SOURCES = [
    {"code": "huyen_giao", "name": "Chỉ tiêu huyện giao", "short_name": "huyện giao", "order": "1"},
    {"code": "ke_hoach", "name": "Kế hoạch", "short_name": "kế hoạch", "order": "2"},
]
DIMENSIONS = [
    {
        "dimension": "loai_dat",
        "dimension_name": "Loại đất",
        "option": "lua",
        "option_name": "Đất trồng lúa",
        "order": "1",
    },
    {
        "dimension": "loai_dat",
        "dimension_name": "Loại đất",
        "option": "thuy_san",
        "option_name": "Đất thủy sản",
        "order": "2",
    },
]
INDICATORS = [
    {
        "code": "dat_nong_nghiep",
        "name": "Diện tích đất nông nghiệp",
        "sector": "KT.NN",
        "unit": "ha",
        "value_type": "number",
        "aggregation": "sum",
        "direction": "none",
        "disaggregations": "loai_dat",
    },
    {
        "code": "dan_lon",
        "name": "Đàn lợn",
        "sector": "KT.NN",
        "unit": "con",
        "value_type": "integer",
        "aggregation": "sum",
        "period_aggregation": "last",
        "direction": "higher",
    },
    {
        "code": "tong_so_ho",
        "name": "Tổng số hộ",
        "sector": "VX",
        "unit": "hộ",
        "value_type": "integer",
        "aggregation": "sum",
        "direction": "none",
    },
    {
        "code": "ho_ngheo",
        "name": "Số hộ nghèo",
        "sector": "VX",
        "unit": "hộ",
        "value_type": "integer",
        "aggregation": "sum",
        "direction": "lower",
    },
    {
        "code": "ty_le_ho_ngheo",
        "name": "Tỷ lệ hộ nghèo",
        "sector": "VX",
        "unit": "%",
        "value_type": "percent",
        "aggregation": "ratio",
        "numerator": "ho_ngheo",
        "denominator": "tong_so_ho",
        "factor": "100",
        "direction": "lower",
        "formula": "ho_ngheo / tong_so_ho * 100",
    },
]
UNITS = [
    {"code": "tinh", "name": "Tỉnh A", "type": "province", "valid_from": "1997-01-01", "valid_to": "2025-06-30"},
    {
        "code": "huyen",
        "name": "Huyện B",
        "type": "district",
        "parent": "tinh",
        "valid_from": "1997-01-01",
        "valid_to": "2025-06-30",
    },
    {
        "code": "xa",
        "name": "Xã C",
        "type": "commune",
        "parent": "huyen",
        "valid_to": "2025-06-30",
        "official_code": "00001",
    },
    {"code": "xa.tdp-1", "name": "Tổ dân phố 1", "type": "residential_group", "parent": "xa", "valid_to": "2025-06-30"},
    {"code": "tinh-moi", "name": "Tỉnh A mới", "type": "province", "valid_from": "2025-07-01"},
    {"code": "xa-moi", "name": "Xã C mới", "type": "commune", "parent": "tinh-moi", "valid_from": "2025-07-01"},
]
LINKS = [{"predecessor": "xa", "successor": "xa-moi", "date": "2025-07-01", "kind": "merge", "share": "1"}]
VALUES = [
    {"org_unit": "xa", "indicator": "dat_nong_nghiep", "period": "2023", "kind": "actual", "value": "639.93"},
    {
        "org_unit": "xa",
        "indicator": "dat_nong_nghiep",
        "disaggregation": "loai_dat=lua",
        "period": "2023",
        "kind": "actual",
        "value": "392.46",
    },
    {
        "org_unit": "xa",
        "indicator": "dan_lon",
        "period": "2023",
        "kind": "actual",
        "value": "4426",
        "comment": "giảm 13,7% so cùng kỳ",
    },
    {"org_unit": "xa", "indicator": "ty_le_ho_ngheo", "period": "2023", "kind": "actual", "value": "1.59"},
    {
        "org_unit": "xa",
        "indicator": "ty_le_ho_ngheo",
        "period": "2023",
        "kind": "target",
        "target_source": "huyen_giao",
        "target_form": "at_most",
        "value": "2.03",
    },
    {"org_unit": "xa", "indicator": "ho_ngheo", "period": "năm 2023", "kind": "estimate", "value": "84"},
    {
        "org_unit": "xa",
        "indicator": "dan_lon",
        "period": "2024",
        "kind": "target",
        "target_source": "ke_hoach",
        "target_form": "range",
        "value": "5000",
        "value_high": "5400",
    },
]


class Files:
    """Writes the small catalog and data set; each table can be replaced before ``write()``."""

    def __init__(self, root: Path):
        self.root = root
        self.catalog = root / "catalog"
        self.dataset = root / "dataset"
        self.tables = {
            "measures": [dict(r) for r in MEASURES],
            "sectors": [dict(r) for r in SECTORS],
            "target_sources": [dict(r) for r in SOURCES],
            "dimensions": [dict(r) for r in DIMENSIONS],
            "indicators": [dict(r) for r in INDICATORS],
            "units": [dict(r) for r in UNITS],
            "links": [dict(r) for r in LINKS],
            "values": [dict(r) for r in VALUES],
        }

    def write(self) -> Files:
        write_csv(self.catalog / "measures.csv", MEASURE_COLUMNS, self.tables["measures"])
        write_csv(self.catalog / "sectors.csv", SECTOR_COLUMNS, self.tables["sectors"])
        write_csv(self.catalog / "target_sources.csv", SOURCE_COLUMNS, self.tables["target_sources"])
        write_csv(self.catalog / "dimensions" / "main.csv", DIMENSION_COLUMNS, self.tables["dimensions"])
        write_csv(self.catalog / "indicators" / "main.csv", INDICATOR_COLUMNS, self.tables["indicators"])
        write_csv(self.dataset / "units.csv", UNIT_COLUMNS, self.tables["units"])
        write_csv(self.dataset / "links.csv", LINK_COLUMNS, self.tables["links"])
        write_csv(self.dataset / "values" / "main.csv", VALUE_COLUMNS, self.tables["values"])
        return self


@pytest.fixture
def files(tmp_path) -> Files:
    return Files(tmp_path).write()


@pytest.fixture
def loaded(files, db):
    from ktxh.datasets import load_dataset

    load_dataset(files.dataset, catalog=files.catalog)
    return files


@pytest.fixture
def demo(db):
    from ktxh.datasets import load_demo

    return load_demo()


@pytest.fixture
def soffice():
    """LibreOffice for PDF tests: skipped on a laptop without it, a failure where it is required (CI)."""
    import shutil

    program = shutil.which("soffice") or shutil.which("libreoffice")
    if program is None:
        if os.environ.get("KTXH_REQUIRE_LIBREOFFICE") == "1":
            pytest.fail("LibreOffice is required (KTXH_REQUIRE_LIBREOFFICE=1) but soffice is not installed")
        pytest.skip("LibreOffice is not installed")
    return program
