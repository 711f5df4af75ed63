"""Reports of every commune of a province in one command, on all cores, with a progress bar.

The .docx template is user content: every commune's template is filled under the same sandbox, time limit and
memory ceiling as a single report (:func:`ktxh.reports.template.render` forks a limited child in every path, pool
workers included). The template is the same for every commune, so the first template failure stops the batch: the
communes not yet built are reported with that error instead of each paying the time limit again.
"""

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
    template_failed: bool = False  # the template itself failed: the same would happen for every commune


def _init_worker(database_name: str) -> None:
    """A worker is a fresh interpreter: set Django up on the parent's database (its name may have been changed
    after the settings were read, as a test run does)."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ktxh.settings")
    import django

    django.setup()
    from django.db import connections

    connections.databases["default"]["NAME"] = database_name


def _one(job: tuple[str, str, str, str | None, bool, bool, float | None]) -> Outcome:
    code, period_code, outdir, template, pdf, with_charts, time_limit = job
    from django.conf import settings
    from django.utils import translation

    from ktxh.reports.builder import build_report
    from ktxh.reports.template import TemplateError
    from ktxh.units.models import OrgUnit

    started = time.perf_counter()
    with translation.override(settings.LANGUAGE_CODE):
        try:
            unit = OrgUnit.objects.get(code=code)
            path = Path(outdir) / f"bao-cao-{code}-{period_code}.docx"
            build_report(
                unit, Period.parse(period_code), path, Path(template) if template else None, with_charts, time_limit
            )
            if pdf:
                from ktxh.reports.pdf import convert

                convert(path)
            return Outcome(code, str(path), None, time.perf_counter() - started)
        except TemplateError as error:
            return Outcome(code, None, str(error), time.perf_counter() - started, template_failed=True)
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


def _not_built(codes: list[str], done: list[Outcome], failure: Outcome) -> list[Outcome]:
    built = {o.code for o in done}
    return [Outcome(code, None, failure.error, 0.0, template_failed=True) for code in codes if code not in built]


def run(
    codes: list[str],
    period: Period,
    outdir: Path,
    template: Path | None = None,
    pdf: bool = False,
    with_charts: bool = True,
    jobs: int | None = None,
    show_progress: bool = True,
    time_limit: float | None = None,
) -> list[Outcome]:
    """``time_limit``: seconds the template may take per commune (default: a single report's limit)."""
    outdir.mkdir(parents=True, exist_ok=True)
    work = [
        (code, period.code, str(outdir), str(template) if template else None, pdf, with_charts, time_limit)
        for code in codes
    ]
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(work) or 1))
    started = time.perf_counter()
    outcomes: list[Outcome] = []
    if jobs == 1:  # in this process: no start-up cost, and works on an in-memory database
        for job in work:
            outcomes.append(_one(job))
            if show_progress:
                progress(len(outcomes), len(work), started)
            if outcomes[-1].template_failed:
                outcomes += _not_built(codes, outcomes, outcomes[-1])
                break
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
            if outcome.template_failed:
                pool.terminate()
                outcomes += _not_built(codes, outcomes, outcome)
                if show_progress:
                    progress(len(outcomes), len(work), started)
                break
    return sorted(outcomes, key=lambda o: o.code)
