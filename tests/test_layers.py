"""The layers of ktxh: data flows one way, and no two packages import each other.

The contracts live in pyproject.toml (``[tool.importlinter]``) so that ``lint-imports`` on the command line checks
exactly what this test checks.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import grimp
from importlinter.cli import lint_imports

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"


def test_import_contracts_are_kept():
    assert lint_imports(config_filename=str(PYPROJECT), no_cache=True) == 0


def test_no_two_packages_import_each_other():
    graph = grimp.build_graph("ktxh", cache_dir=None)
    packages = sorted({m.split(".")[1] for m in graph.modules if m.count(".") >= 1})
    cycles = []
    for a, b in itertools.combinations(packages, 2):
        first, second = f"ktxh.{a}", f"ktxh.{b}"
        if graph.chain_exists(first, second, as_packages=True) and graph.chain_exists(second, first, as_packages=True):
            cycles.append((a, b))
    assert cycles == []


def test_every_command_is_a_module_of_its_own():
    from ktxh.cli import COMMANDS, _module

    modules = {name: _module(name) for name in COMMANDS}
    assert len({m.__name__ for m in modules.values()}) == len(COMMANDS)
    assert all(callable(m.register) for m in modules.values())


def test_only_values_and_figures_query_stored_figures():
    """What a figure is, is answered by ktxh.figures; ktxh.values writes rows. Everyone else asks those two (the
    exchange reads stored rows for its export, which is a copy of the rows, not of resolved figures)."""
    source = Path(__file__).resolve().parent.parent / "src" / "ktxh"
    allowed = {"values", "figures", "exchange"}
    offenders = [
        str(path.relative_to(source))
        for path in source.rglob("*.py")
        if path.relative_to(source).parts[0] not in allowed
        and "migrations" not in path.parts
        and (
            "DataValue.objects" in path.read_text(encoding="utf-8")
            or "DataValue._meta" in path.read_text(encoding="utf-8")
        )
    ]
    assert offenders == []
