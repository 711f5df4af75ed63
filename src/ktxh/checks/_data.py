"""Reading the data files the core ships with, through the one CSV reader of :mod:`ktxh.datafiles` (so a broken
file is reported by file, line and column, as any data file)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from ktxh.datafiles import Problems, Row, read_table


def data_path(*parts: str) -> Path:
    return Path(str(resources.files("ktxh").joinpath("data", *parts)))


def read(path: Path, columns: list[str], required: list[str]) -> list[Row]:
    """Every row of a packaged table; a problem in it is a packaging error, raised as
    :class:`ktxh.datafiles.LoadError`."""
    problems = Problems()
    rows = read_table(path, columns, required, problems, path.parent.parent)
    problems.raise_if_any()
    return rows


def split_words(text: str) -> list[str]:
    """``lúa;thóc`` → ["lúa", "thóc"] (empty items dropped)."""
    return [w.strip() for w in text.split(";") if w.strip()]
