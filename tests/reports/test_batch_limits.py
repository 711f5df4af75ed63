"""Batch reports fill the user's .docx template under the same limits as a single report, in every path."""

import time
import zipfile
from pathlib import Path

import pytest

from ktxh.datasets import load_dataset
from ktxh.periods import Period
from ktxh.reports import batch
from tests.reports.test_report import _template_with

pytestmark = pytest.mark.django_db

LOOPING = "{% for x in range(100000) %}{% for y in range(100000) %}{% endfor %}{% endfor %}"
# ~257 KB of tags, each asking for 10 MB: gigabytes if nothing stopped it
HUGE = "{{ 'a'|center(10000000) }}" * 10_000


@pytest.mark.parametrize("replacement", [LOOPING, HUGE], ids=["looping", "huge"])
def test_a_batch_in_this_process_stops_a_bad_template(loaded, tmp_path, replacement):
    template = _template_with(tmp_path, "{{ so_hieu }}", replacement)
    if replacement is HUGE:
        with zipfile.ZipFile(template) as package:
            assert package.getinfo("word/document.xml").file_size > 250_000
    started = time.perf_counter()
    outcomes = batch.run(
        ["xa", "huyen"],
        Period.parse("2023"),
        tmp_path / "out",
        template,
        with_charts=False,
        jobs=1,
        show_progress=False,
        time_limit=3,
    )
    assert time.perf_counter() - started < 20
    assert [o.code for o in outcomes] == ["huyen", "xa"]
    assert all(o.error and "mau.docx" in o.error and o.template_failed for o in outcomes)
    assert not list((tmp_path / "out").glob("*.docx*"))  # nothing half-written


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("replacement", [LOOPING, HUGE], ids=["looping", "huge"])
def test_batch_workers_stop_a_bad_template(files, tmp_path, replacement):
    from django.db import connection

    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("an in-memory test database cannot be shared with worker processes")
    load_dataset(files.dataset, catalog=files.catalog)
    template = _template_with(tmp_path, "{{ so_hieu }}", replacement)
    started = time.perf_counter()
    outcomes = batch.run(
        ["xa", "huyen"],
        Period.parse("2023"),
        tmp_path / "out",
        template,
        with_charts=False,
        jobs=2,
        show_progress=False,
        time_limit=3,
    )
    assert time.perf_counter() - started < 40
    assert len(outcomes) == 2 and all(o.error and "mau.docx" in o.error for o in outcomes)
    assert not list((tmp_path / "out").glob("*.docx*"))


def test_a_good_template_still_fills_in_a_batch(loaded, tmp_path):
    outcomes = batch.run(
        ["xa"], Period.parse("2023"), tmp_path, with_charts=False, jobs=1, show_progress=False, time_limit=30
    )
    assert outcomes[0].error is None and Path(outcomes[0].path).stat().st_size > 10000
