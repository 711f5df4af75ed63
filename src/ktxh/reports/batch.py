"""Reports of every commune of a province in one command, on all cores, with a progress bar."""

from __future__ import annotations

import multiprocessing
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from ktxh.periods import Period


@dataclass
class Outcome:
    code: str
    path: str | None
    error: str | None
    seconds: float


def _init_worker(database_name: str) -> None:
    """A worker is a fresh interpreter: set Django up on the parent's database (its name may have been changed
    after the settings were read, as a test run does)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ktxh.settings")
    import django

    django.setup()
    from django.db import connections

    connections.databases["default"]["NAME"] = database_name


def _one(job: tuple[str, str, str, str | None, bool, bool]) -> Outcome:
    code, period_code, outdir, template, pdf, with_charts = job
    from django.conf import settings
    from django.utils import translation

    from ktxh.reports.builder import build_report
    from ktxh.units.models import OrgUnit

    started = time.perf_counter()
    with translation.override(settings.LANGUAGE_CODE):
        try:
            unit = OrgUnit.objects.get(code=code)
            path = Path(outdir) / f"bao-cao-{code}-{period_code}.docx"
            build_report(unit, Period.parse(period_code), path, Path(template) if template else None, with_charts)
            if pdf:
                from ktxh.reports.pdf import convert

                convert(path)
            return Outcome(code, str(path), None, time.perf_counter() - started)
        except Exception as error:  # one commune's failure must not stop the others; it is reported
            return Outcome(code, None, f"{type(error).__name__}: {error}", time.perf_counter() - started)


def progress(done: int, total: int, started: float, stream=sys.stderr) -> None:
    width = 30
    filled = int(width * done / total) if total else width
    elapsed = time.perf_counter() - started
    stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {elapsed:5.1f} s")
    if done == total:
        stream.write("\n")
    stream.flush()


def run(codes: list[str], period: Period, outdir: Path, template: Path | None = None, pdf: bool = False,
        with_charts: bool = True, jobs: int | None = None, show_progress: bool = True) -> list[Outcome]:
    outdir.mkdir(parents=True, exist_ok=True)
    work = [(code, period.code, str(outdir), str(template) if template else None, pdf, with_charts)
            for code in codes]
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(work) or 1))
    started = time.perf_counter()
    outcomes: list[Outcome] = []
    if jobs == 1:  # in this process: no start-up cost, and works on an in-memory database
        for job in work:
            outcomes.append(_one(job))
            if show_progress:
                progress(len(outcomes), len(work), started)
        return sorted(outcomes, key=lambda o: o.code)
    from django.db import connections

    database_name = connections.databases["default"]["NAME"]
    # Fresh interpreters, never forks: a fork would copy a chart engine (vl-convert's threads) that the parent may
    # already have started, and the child would hang on its first chart.
    context = multiprocessing.get_context("spawn")
    with context.Pool(jobs, initializer=_init_worker, initargs=(str(database_name),)) as pool:
        for outcome in pool.imap_unordered(_one, work):
            outcomes.append(outcome)
            if show_progress:
                progress(len(outcomes), len(work), started)
    return sorted(outcomes, key=lambda o: o.code)
