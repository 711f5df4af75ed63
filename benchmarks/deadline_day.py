"""Benchmark: deadline day — many commune users signing in, saving figures, submitting and downloading reports at
once, against the production server (``ktxh serve``: Gunicorn, PostgreSQL) on 127.0.0.1 only.

    python benchmarks/deadline_day.py --users 300                       # people at work, with think times
    python benchmarks/deadline_day.py --users 50 --mode stress --threads 32   # closed loop, no pause: saturation

What it does:

1. A database ``ktxh_deadline_ready``: a copy of the synthetic province of ``benchmarks/synthetic.py``
   (``ktxh_bench``, generated here when missing) with the three generic validation rules of the demo (variants,
   outliers against history and against siblings) loaded by the rules loader, so every save is validated as in
   production, and ``--users`` users, each working for one commune with the role ``nhap-lieu``, created through
   ``ktxh users add … --password-stdin`` (the one way users are made). Several users share a commune when there are
   more users than communes, so that they save over each other's figures.
2. Every run works on a fresh copy of it, ``ktxh_deadline`` (dropped and copied again, so that every commune's
   sector starts as a draft and the run's submissions can be checked).
3. ``ktxh serve --host 127.0.0.1`` in a child process (``--workers``), stopped at the end whatever happens.
4. Each user does what an officer does in a browser: opens the sign-in page (from a bookmark of the entry page),
   types a name and password, signs in (CSRF token from the cookie) and lands on the entry grid of the sector
   (``/nhap-lieu/``, which carries every cell's version); then ``--saves`` times types a figure into one of six
   cells and tabs on — the grid's POST with the version the cell had and the CSRF token. A conflict answer (another
   officer of the commune saved the cell since) is followed by «Keep theirs» (the cell fetched again, ``open
   cell``), as the grid offers. Every ``1 / --report-share``-th user downloads the unit's Word report; the first user
   of each commune then reviews and submits the sector («Nộp», ``POST /nhap-lieu/trang-thai/``).
5. Afterwards, from the database: every save the server accepted is in the change history with that user's value;
   no refused save is; every refusal was a conflict answer (someone else's newer version), never an error; each
   cell's stored figure is its last recorded change (no lost write); every commune whose user submitted is
   «submitted» with that user's action in the change log.

Two ways to drive it:

- ``--mode people`` (the default): every user is its own thread, arrives at a random moment within ``--ramp-up``
  seconds and pauses between actions as a person does (the think times below, ``--think-*``). This is the
  deadline-day load the goal is about: an *open* load whose rate is set by the people, not by the server's speed.
  The script prints the offered load this implies (requests per second while everybody is at work).
- ``--mode stress``: the earlier closed loop — ``--threads`` users at a time, no pause at all, each thread starting
  the next user as soon as one finishes (the same visit as above; before, each save was preceded by a GET of its
  cell instead of one grid per visit). It measures the server at saturation, not what people see.

A request the client gave up on (``--request-timeout``) is an error; a save without an answer may or may not have
been written, so it is checked to be recorded at most once (not as a lost write).

Think times (seconds; each pause is ``minimum + an exponential draw``, so some people are quick and a few slow;
seeded, ``--seed``). The reasoning, from the Keystroke-Level Model (Card, Moran & Newell, *The Psychology of
Human-Computer Interaction*, 1983: K ≈ 0.28 s per keystroke for an average typist, M ≈ 1.35 s to prepare each
chunk, H ≈ 0.4 s to move a hand between mouse and keyboard):

- ``--think-sign-in`` 8 (at least 5): a user name and a password of ~20 characters, ≈ 2 M + 22 K + H ≈ 9 s.
- ``--think-grid`` 15 (at least 5): finding the first row of the sheet and the source document after the grid opens.
- ``--think-save`` 12 (at least 4): one figure of 6–8 characters then Tab is M + 9 K ≈ 3.9 s when the figure is
  already in front of the officer — the minimum; looking it up in the paper or Excel source (the grid mirrors the
  sheets officers copy from) makes the mean about three times that: 5 figures a minute, a sector of 50 figures in
  10 minutes.
- ``--think-report`` 10 (at least 3), ``--think-submit`` 30 (at least 10): reading the findings before «Nộp».
- ``--ramp-up`` 120: everybody arriving within two minutes is the harsh case (a deadline morning, a meeting that
  starts the entry at a set hour); on a real deadline day arrivals spread over hours.

Prints the offered load, then p50/p95/max latency per action, the errors, the lost writes, and the floor: the
server's health check (``/healthz``, the cheapest request through the same server) timed idle before the users
start and then once a second *during* the run, so that it shows what the machine's load alone adds. Goal (issue
11): no error, no lost write, p95 ≤ 500 ms for saves on this 2-core machine. The machine is shared: numbers from a
busy machine are noisy, run it twice.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import urlencode

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, "..", "src")
sys.path.insert(0, SRC)
sys.path.insert(0, HERE)

import requests  # noqa: E402
import synthetic  # noqa: E402

SOURCE_URL = "postgresql://postgres@127.0.0.1:5432/ktxh_bench"
DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/ktxh_deadline"
PASSWORD = "Han-nop-bao-cao-2024"  # one password for every simulated user (each is hashed on its own)
PERIOD = str(synthetic.FIRST_YEAR + synthetic.YEARS - 1)  # the year being reported
CELL_INDICATORS = 6  # commune-level indicators the users save into (few, so that users of a commune meet)
GENERIC_RULES = ("variants", "outlier_history", "outlier_siblings")
CELL_CLASS = re.compile(r'<div class="(cellbox[^"]*)"')
VERSION = re.compile(r'<input type="hidden" name="version" value="([^"]*)">')
# one cell of the entry grid: its indicator and kind (attributes of its input), then its version (the hidden input)
GRID_CELL = re.compile(
    r'data-indicator="([^"]*)" data-unit="[^"]*" data-period="[^"]*" data-kind="([^"]*)"[^>]*>\s*'
    r'<input type="hidden" name="version" value="([^"]*)">'
)


# -- the database -----------------------------------------------------------------------------------------------


def prepare_source(source_url: str) -> None:
    """The synthetic province at ``source_url``, generated there first if missing."""
    from scorecard import ensure_postgres_database

    ensure_postgres_database(source_url)
    probe = subprocess.run(
        [sys.executable, "-c", _GENERATE, source_url], cwd=HERE, env=_env(source_url), check=False, timeout=3600
    )
    if probe.returncode != 0:
        raise SystemExit("could not generate the synthetic province")


def copy_database(source_url: str, url: str, replace: bool) -> bool:
    """``url`` as a copy of ``source_url`` (PostgreSQL copies a database file by file: seconds). An existing copy
    is kept unless ``replace``. True when a copy was made. Nobody may be connected to the source meanwhile."""
    import psycopg

    source, target = source_url.rsplit("/", 1)[1], url.rsplit("/", 1)[1]
    if source == target:
        raise SystemExit(f"the copy {target} cannot be its own source")
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        if connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [target]).fetchone():
            if not replace:
                return False
            connection.execute(f'DROP DATABASE "{target}"')
        print(f"copying {source} to {target}…", flush=True)
        connection.execute(f'CREATE DATABASE "{target}" TEMPLATE "{source}"')
    return True


def ready_url(url: str) -> str:
    """The prepared database (province, rules, users) each run copies: ``<name>_ready`` beside ``url``."""
    return url + "_ready"


_GENERATE = """
import sys
import synthetic
synthetic.setup(sys.argv[1])
from ktxh.units.models import OrgUnit
if not OrgUnit.objects.filter(code="bench").exists():
    print("generating the synthetic province (once)…", flush=True)
    synthetic.generate()
"""


def _env(url: str) -> dict:
    env = dict(os.environ)
    env.update(
        KTXH_DATABASE_URL=url,
        PYTHONPATH=os.pathsep.join([SRC, env.get("PYTHONPATH", "")]),
        KTXH_ALLOWED_HOSTS="127.0.0.1",
        KTXH_DEBUG="",
        KTXH_LOGIN_FAILURE_LIMIT="1000",
    )
    return env


def load_generic_rules(folder: str) -> None:
    """The demo's rules that apply to every indicator, through the rules loader."""
    import csv

    from ktxh.rules.loader import RULE_COLUMNS, load_rules

    demo = os.path.join(SRC, "ktxh", "data", "rules", "demo.csv")
    with open(demo, encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.DictReader(handle) if row["operator"] in GENERIC_RULES]
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "deadline.csv"), "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=RULE_COLUMNS)
        writer.writeheader()
        for row in rows:
            writer.writerow({column: row.get(column, "") for column in RULE_COLUMNS})
    load_rules(folder)


def create_users(count: int) -> list[tuple[str, str]]:
    """``count`` users (name, commune code), made by ``ktxh users add`` — only those not made by an earlier run."""
    from django.contrib.auth.models import User

    from ktxh.cli import main as ktxh
    from ktxh.periods import Period
    from ktxh.units.models import OrgUnit, UnitAccess

    period = Period.parse(PERIOD)
    communes = list(
        OrgUnit.objects.filter(parent__code="bench", type="commune")
        .overlapping(period.start, period.end)
        .order_by("code")
        .values_list("code", flat=True)
    )
    wanted = [(f"deadline-{n:03d}", communes[n % len(communes)]) for n in range(count)]
    existing = set(
        UnitAccess.objects.filter(user__username__startswith="deadline-").values_list(
            "user__username", "org_unit__code"
        )
    )
    missing = [(name, code) for name, code in wanted if (name, code) not in existing]
    if missing:
        print(f"creating {len(missing)} users with `ktxh users add`…", flush=True)
    for name, code in missing:
        stdin = sys.stdin
        sys.stdin = io.StringIO(PASSWORD + "\n")
        try:
            with contextlib.redirect_stdout(io.StringIO()):
                status = ktxh(["users", "add", name, "--unit", code, "--role", "nhap-lieu", "--password-stdin"])
        finally:
            sys.stdin = stdin
        if status != 0:
            raise SystemExit(f"ktxh users add {name} failed ({status})")
    assert User.objects.filter(username__startswith="deadline-").count() >= count
    return wanted


# -- the server -------------------------------------------------------------------------------------------------


@contextlib.contextmanager
def server(url: str, port: int, workers: int):
    process = subprocess.Popen(
        [sys.executable, "-m", "ktxh", "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)],
        env=_env(url),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 120
        while True:
            if process.poll() is not None:
                raise SystemExit("the server stopped: " + process.stderr.read().decode(errors="replace")[-2000:])
            with contextlib.suppress(requests.RequestException):
                if requests.get(base + "/healthz", timeout=2).status_code == 200:
                    break
            if time.monotonic() > deadline:
                raise SystemExit("the server did not answer within 120 s")
            time.sleep(0.5)
        yield base
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


# -- the users --------------------------------------------------------------------------------------------------


@dataclass
class Save:
    user: str
    unit: str
    indicator: str
    value: int
    outcome: str  # saved | conflict | error | unanswered (the request timed out: written or not, unknown)
    detail: str = ""


@dataclass
class Results:
    times: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: list[str] = field(default_factory=list)
    saves: list[Save] = field(default_factory=list)
    submitted: list[tuple[str, str]] = field(default_factory=list)  # (user, commune) whose submission was answered
    skipped: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def timed(self, action: str, seconds: float) -> None:
        with self.lock:
            self.times[action].append(seconds)

    def error(self, text: str) -> None:
        with self.lock:
            self.errors.append(text)


@dataclass(frozen=True)
class Pause:
    """A person's pause before an action: ``minimum`` plus an exponential draw of mean ``mean - minimum``."""

    mean: float
    minimum: float

    def draw(self, rng) -> float:
        if self.mean <= 0:
            return 0.0
        low = min(self.minimum, self.mean)
        return low + (rng.expovariate(1 / (self.mean - low)) if self.mean > low else 0.0)


@dataclass(frozen=True)
class Thinking:
    """The pauses of one run (all zero in stress mode); see the module's docstring for the reasoning."""

    sign_in: Pause
    grid: Pause
    save: Pause
    report: Pause
    submit: Pause

    @classmethod
    def from_args(cls, args) -> Thinking:
        if args.mode == "stress":
            return cls(*(Pause(0, 0) for _n in range(5)))
        return cls(
            Pause(args.think_sign_in, 5),
            Pause(args.think_grid, 5),
            Pause(args.think_save, 4),
            Pause(args.think_report, 3),
            Pause(args.think_submit, 10),
        )


def request(results: Results, action: str, session: requests.Session, method: str, url: str, timeout: float, **kw):
    started = time.perf_counter()
    try:
        response = session.request(method, url, timeout=timeout, allow_redirects=False, **kw)
    except requests.RequestException as error:
        results.error(f"{action}: {type(error).__name__} {url}")
        return None
    results.timed(action, time.perf_counter() - started)
    return response


def grid_versions(html: str, indicators: list[str]) -> dict[str, str]:
    """{indicator: version} of the «actual» cells of ``indicators`` in the entry grid's HTML (what the browser
    keeps in each cell's hidden input)."""
    found = {}
    for match in GRID_CELL.finditer(html):
        if match[1] in indicators and match[2] == "actual":
            found[match[1]] = match[3]
    return found


def one_user(
    number: int,
    name: str,
    unit: str,
    indicators: list[str],
    sector: str,
    args,
    base: str,
    results: Results,
    stop: float,
    thinking: Thinking,
    submits: bool = False,
):
    """One officer's visit (see the module's docstring); the pauses are ``thinking``'s, drawn from a generator
    seeded by the run's seed and the user's number."""
    import random

    rng = random.Random(args.seed * 100_003 + number)

    def pause(kind: Pause) -> bool:
        """Think; False when the run's time is up (no new action starts)."""
        seconds = kind.draw(rng)
        if time.monotonic() + seconds > stop:
            return False
        time.sleep(seconds)
        return True

    if time.monotonic() > stop:
        with results.lock:
            results.skipped += 1
        return
    timeout = args.request_timeout
    grid = "/nhap-lieu/?" + urlencode({"unit": unit, "sector": sector, "period": PERIOD})
    with requests.Session() as session:  # one keep-alive connection per person, as a browser has
        page = request(results, "sign-in page", session, "GET", base + "/dang-nhap/", timeout, params={"next": grid})
        if page is None or page.status_code != 200:
            results.error(f"sign-in page for {name}: {getattr(page, 'status_code', '-')}")
            return
        if not pause(thinking.sign_in):
            return
        token = session.cookies.get("csrftoken", "")
        signed = request(
            results,
            "sign in",
            session,
            "POST",
            base + "/dang-nhap/",
            timeout,
            data={"username": name, "password": PASSWORD, "csrfmiddlewaretoken": token, "next": grid},
            headers={"Referer": base + "/dang-nhap/"},
        )
        if signed is None or signed.status_code != 302 or signed.headers.get("Location") != grid:
            results.error(f"sign in {name}: {getattr(signed, 'status_code', '-')}")
            return
        token = session.cookies.get("csrftoken", token)
        opened = request(results, "open grid", session, "GET", base + grid, timeout)
        versions = grid_versions(opened.text, indicators) if opened is not None and opened.status_code == 200 else {}
        if len(versions) != len(indicators):
            results.error(f"open grid {name} {unit}: {getattr(opened, 'status_code', '-')}, {len(versions)} cells")
            return
        headers = {"X-CSRFToken": token, "HX-Request": "true", "Referer": base + grid}
        if not pause(thinking.grid):
            return
        for n in range(args.saves):
            if n and not pause(thinking.save):
                break
            indicator = indicators[n % len(indicators)]  # the users of a commune work down the same cells
            cell = {"unit": unit, "indicator": indicator, "period": PERIOD, "kind": "actual"}
            value = args.run * 100_000 + number * 100 + n  # unique: each accepted save can be found in the history
            saved = request(
                results,
                "save",
                session,
                "POST",
                base + "/nhap-lieu/o/",
                timeout,
                data={**cell, "text": f"{value:,}".replace(",", "."), "version": versions[indicator]},
                headers=headers,
            )
            box = CELL_CLASS.match(saved.text) if saved is not None and saved.status_code == 200 else None
            flags = set(box[1].split()) if box else set()
            if saved is None:
                outcome, detail = "unanswered", "no answer"
            elif "saved" in flags:
                outcome, detail = "saved", ""
                versions[indicator] = VERSION.search(saved.text)[1]
            elif "conflict" in flags:
                outcome, detail = "conflict", ""
            else:  # not saved for another reason (refused input, or the same figure as stored): not what was asked
                outcome, detail = "error", f"{saved.status_code} {saved.text[:200]!r}"
            with results.lock:
                results.saves.append(Save(name, unit, indicator, value, outcome, detail))
            if outcome == "error":
                results.error(f"save {name} {indicator}: {detail}")
            elif outcome == "unanswered":  # counted as an error by request(); the cell's version is unknown now
                break
            elif outcome == "conflict":  # «Keep theirs»: the cell afresh, with the other officer's version
                again = request(results, "open cell", session, "GET", base + "/nhap-lieu/o/", timeout, params=cell)
                found = VERSION.search(again.text) if again is not None and again.status_code == 200 else None
                if found is None:
                    results.error(f"open cell {name} {indicator}: {getattr(again, 'status_code', '-')}")
                    return
                versions[indicator] = found[1]
        downloads = args.report_share > 0 and number % max(1, round(1 / args.report_share)) == 0
        if downloads and pause(thinking.report):
            report = request(
                results,
                "report",
                session,
                "GET",
                base + "/bao-cao/",
                max(timeout, 120),
                params={"unit": unit, "period": PERIOD},
            )
            if report is None or report.status_code != 200 or not report.content.startswith(b"PK"):
                results.error(f"report {name} {unit}: {getattr(report, 'status_code', '-')}")
        if submits and pause(thinking.submit):
            submitted = request(
                results,
                "submit",
                session,
                "POST",
                base + "/nhap-lieu/trang-thai/",
                timeout,
                data={"unit": unit, "sector": sector, "period": PERIOD, "action": "submit", "expected": "draft"},
                headers={"X-CSRFToken": token, "Referer": base + grid},
            )
            if submitted is None or submitted.status_code != 302 or "/nhap-lieu/" not in submitted.headers["Location"]:
                results.error(f"submit {name} {unit}: {getattr(submitted, 'status_code', '-')}")
            else:
                with results.lock:
                    results.submitted.append((name, unit))


def floor(base: str, threads: int, count: int) -> list[float]:
    """The health check, ``count`` times at ``threads`` at once, before the users start: the cheapest request
    through this server."""
    times: list[float] = []
    lock = threading.Lock()

    def once(_n):
        started = time.perf_counter()
        response = requests.get(base + "/healthz", timeout=30)
        with lock:
            times.append(time.perf_counter() - started)
        assert response.status_code == 200

    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(once, range(count)))
    return times


class Probe(threading.Thread):
    """The health check started once a second while the users act, each in its own thread (a slow answer does not
    delay the next probe, so slow moments are sampled as often as quick ones): what the machine's and the
    server's load alone add to the cheapest request (the floor under load)."""

    def __init__(self, base: str):
        super().__init__(daemon=True)
        self.base, self.times, self.failures = base, [], 0
        self.finished = threading.Event()
        self.lock = threading.Lock()
        self.probes: list[threading.Thread] = []

    def once(self):
        started = time.perf_counter()
        try:
            ok = requests.get(self.base + "/healthz", timeout=60).status_code == 200
        except requests.RequestException:
            ok = False
        with self.lock:
            if ok:
                self.times.append(time.perf_counter() - started)
            else:
                self.failures += 1

    def run(self):
        while not self.finished.wait(1.0):
            probe = threading.Thread(target=self.once, daemon=True)
            probe.start()
            self.probes.append(probe)
        for probe in self.probes:
            probe.join()


# -- checking afterwards ----------------------------------------------------------------------------------------


def verify(saves: list[Save], started) -> list[str]:
    """No lost write: accepted saves are in the history, refused ones are not, each cell ends on its last change.
    A save the client gave up waiting for (``unanswered``: the request timed out) may or may not have been
    written — the server cannot tell a client that left — but at most once, and the cell still ends on its last
    recorded change."""
    from ktxh.history.models import ChangeRecord
    from ktxh.units.models import OrgUnit
    from ktxh.values.models import DataValue

    problems = []
    units = dict(OrgUnit.objects.filter(code__in={s.unit for s in saves}).values_list("code", "pk"))
    rows = {
        (unit, code): (pk, value)
        for pk, unit, code, value in DataValue.objects.filter(
            org_unit_id__in=units.values(), period=PERIOD, kind="actual", disaggregation="", variant=""
        ).values_list("pk", "org_unit__code", "indicator__code", "value")
    }
    records = defaultdict(list)  # row id → [(record id, user name, value after)]
    for record_id, object_id, username, after in ChangeRecord.objects.filter(
        object_type="values.datavalue", time__gte=started, object_id__in=[pk for pk, _v in rows.values()]
    ).values_list("id", "object_id", "user__username", "after"):
        value = (after or {}).get("value")
        records[object_id].append((record_id, username, Decimal(str(value)) if value is not None else None))
    written_unanswered = 0
    for save in saves:
        row = rows.get((save.unit, save.indicator))
        logged = [(user, value) for _id, user, value in records.get(row[0], ())] if row else []
        times = logged.count((save.user, Decimal(save.value)))
        if save.outcome == "saved" and times != 1:
            problems.append(f"accepted but recorded {times} times: {save}")
        elif save.outcome == "unanswered":
            written_unanswered += times
            if times > 1:
                problems.append(f"unanswered but recorded {times} times: {save}")
        elif save.outcome != "saved" and any(value == save.value for _u, value in logged):
            problems.append(f"refused but written: {save}")
    accepted = sum(1 for s in saves if s.outcome == "saved")
    logged_total = sum(len(v) for v in records.values())
    if logged_total != accepted + written_unanswered:
        problems.append(
            f"{accepted} saves accepted (+{written_unanswered} unanswered ones written) but {logged_total} "
            "changes recorded"
        )
    for (_unit, _code), (pk, value) in rows.items():
        if records.get(pk):
            last = max(records[pk])[2]
            if value != last:
                problems.append(f"row {pk} holds {value}, its last recorded change is {last}")
    return problems


def verify_submissions(submitted: list[tuple[str, str]], sector: str, started) -> list[str]:
    """Every commune whose user submitted is «submitted», and the change log names that user's action."""
    from ktxh.history.models import ChangeRecord
    from ktxh.workflow.models import Submission

    problems = []
    found = {
        unit: (pk, state)
        for pk, unit, state in Submission.objects.filter(
            org_unit__code__in={unit for _name, unit in submitted}, sector__code=sector, period=PERIOD
        ).values_list("pk", "org_unit__code", "state")
    }
    logged = set(
        ChangeRecord.objects.filter(object_type="workflow.submission", time__gte=started).values_list(
            "object_id", "user__username"
        )
    )
    for name, unit in submitted:
        pk, state = found.get(unit, (None, None))
        if state != "submitted":
            problems.append(f"{unit} submitted by {name} is «{state}»")
        elif (pk, name) not in logged:
            problems.append(f"the submission of {unit} by {name} is not in the change log")
    return problems


# -- report -----------------------------------------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def show(action: str, seconds: list[float]) -> float:
    if not seconds:
        print(f"  {action:<22} (none)")
        return 0.0
    ms = [s * 1000 for s in seconds]
    p95 = percentile(ms, 0.95)
    print(
        f"  {action:<22} n {len(ms):5d}   p50 {statistics.median(ms):7.0f} ms   p95 {p95:7.0f} ms"
        f"   max {max(ms):7.0f} ms"
    )
    return p95


def offered_load(args, thinking: Thinking, users: int, submitters: int) -> str:
    """The request rate the people ask for (Little's law): each user's visit is ``requests`` requests over
    ``visit`` seconds of pauses; ``users`` arrive within ``--ramp-up`` seconds, so at the peak
    min(users, users × visit / ramp-up) of them are at work at once."""
    share = max(0.0, min(1.0, args.report_share))
    reports = users * share
    visit = (
        thinking.sign_in.mean
        + thinking.grid.mean
        + max(0, args.saves - 1) * thinking.save.mean
        + share * thinking.report.mean
        + submitters / users * thinking.submit.mean
    )
    per_user = 3 + args.saves + share + submitters / users  # sign-in page, sign in, grid; saves; report; submit
    at_work = min(users, users * visit / args.ramp_up) if args.ramp_up > 0 else users
    rate = at_work / visit
    return (
        f"offered load at the peak: {rate * per_user:.1f} requests/s — {rate * args.saves:.1f} saves/s, "
        f"{min(users / args.ramp_up if args.ramp_up else users, rate):.2f} sign-ins/s, "
        f"{rate * share * 60:.1f} reports/min — with {at_work:.0f} of {users} users at work at once "
        f"(a visit: {per_user:.1f} requests over {visit:.0f} s of pauses; {reports:.0f} reports in all)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=300)
    parser.add_argument("--mode", choices=("people", "stress"), default="people")
    parser.add_argument("--threads", type=int, default=32, help="stress mode: users acting at the same time")
    parser.add_argument("--saves", type=int, default=10, help="figures each user saves")
    parser.add_argument("--report-share", type=float, default=0.2, help="share of users who download the report")
    parser.add_argument("--ramp-up", type=float, default=120, help="people mode: seconds within which users arrive")
    for name, default in (("sign-in", 8), ("grid", 15), ("save", 12), ("report", 10), ("submit", 30)):
        parser.add_argument(f"--think-{name}", type=float, default=default, help="mean pause in seconds")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--workers", type=int, default=None, help="server workers (default: ktxh serve's)")
    parser.add_argument("--port", type=int, default=8791)
    parser.add_argument("--time-limit", type=float, default=900, help="seconds after which no new work starts")
    parser.add_argument("--request-timeout", type=float, default=60)
    parser.add_argument("--source-url", default=SOURCE_URL)
    parser.add_argument("--database-url", default=DATABASE_URL, help="replaced by a fresh copy at every run")
    args = parser.parse_args(argv)
    args.run = int(time.time()) % 9000 + 1000  # this run's figures differ from every earlier run's
    if not args.database_url.startswith("postgresql"):
        parser.error("deadline day runs against PostgreSQL (the production database)")
    thinking = Thinking.from_args(args)

    prepare_source(args.source_url)
    ready = ready_url(args.database_url)
    copy_database(args.source_url, ready, replace=False)
    synthetic.setup(ready)
    from django.db import connection
    from django.utils import timezone

    from ktxh.catalog.models import Indicator, Sector
    from ktxh.rules.models import Rule
    from ktxh.workflow.sectors import top_of

    if not Rule.objects.filter(operator__in=GENERIC_RULES).exists():
        load_generic_rules(os.path.join("/tmp", f"ktxh-deadline-rules-{os.getpid()}"))
    users = create_users(args.users)
    indicators = list(
        Indicator.objects.filter(code__startswith="bench_", aggregation="sum")
        .order_by("code")
        .values_list("code", flat=True)[synthetic.GROUP_INDICATORS : synthetic.GROUP_INDICATORS + CELL_INDICATORS]
    )
    # the workflow's grain: the top-level sector of the saved figures
    sector = Sector.objects.get(pk=top_of()[Indicator.objects.get(code=indicators[0]).sector_id]).code
    connection.close()
    copy_database(ready, args.database_url, replace=True)  # every commune's sector a draft again
    connection.settings_dict["NAME"] = args.database_url.rsplit("/", 1)[1]  # checked there afterwards

    results = Results()
    from ktxh.cli.commands.serve import worker_count

    workers = worker_count(args.workers)  # what ktxh serve starts
    first: dict[str, str] = {}
    for name, unit in sorted(users, key=lambda user: user[0]):
        first.setdefault(unit, name)  # the first user of each commune submits its sector
    print(offered_load(args, thinking, len(users), len(first)) if args.mode == "people" else "stress mode", flush=True)
    with server(args.database_url, args.port, workers) as base:
        idle_floor = floor(base, 1 if args.mode == "people" else args.threads, 50)
        probe = Probe(base)
        started = timezone.now()
        began = time.monotonic()
        stop = began + args.time_limit
        probe.start()
        try:
            if args.mode == "stress":
                with ThreadPoolExecutor(args.threads) as pool:
                    # the users of one commune side by side in the queue: they act at the same time, on the same cells
                    jobs = [
                        pool.submit(
                            one_user,
                            n,
                            name,
                            unit,
                            indicators,
                            sector,
                            args,
                            base,
                            results,
                            stop,
                            thinking,
                            first[unit] == name,
                        )
                        for n, (name, unit) in sorted(enumerate(users), key=lambda item: (item[1][1], item[0]))
                    ]
                    for job in jobs:
                        job.result()  # a mistake of this script stops the run instead of vanishing in its thread
            else:
                import random

                arrivals = random.Random(args.seed)
                people = []
                for n, (name, unit) in enumerate(users):
                    delay = arrivals.uniform(0, args.ramp_up)
                    person = threading.Timer(
                        delay,
                        one_user,
                        (n, name, unit, indicators, sector, args, base, results, stop, thinking, first[unit] == name),
                    )
                    person.start()
                    people.append(person)
                for person in people:
                    person.join()
        finally:
            probe.finished.set()
            probe.join()
        elapsed = time.monotonic() - began

    problems = verify(results.saves, started) + verify_submissions(results.submitted, sector, started)
    outcomes = defaultdict(int)
    for save in results.saves:
        outcomes[save.outcome] += 1
    requests_made = sum(len(times) for times in results.times.values())
    how = (
        f"{args.threads} at a time, no pauses"
        if args.mode == "stress"
        else f"arriving within {args.ramp_up:.0f} s, pauses (mean s) sign-in {args.think_sign_in:g}, grid "
        f"{args.think_grid:g}, save {args.think_save:g}, report {args.think_report:g}, submit {args.think_submit:g}"
    )
    print(
        f"deadline day ({args.mode}): {len(users)} users ({how}) of {len({u for _n, u in users})} communes, "
        f"{args.saves} saves each, reports for {args.report_share:.0%}; server: {workers} workers, PostgreSQL; "
        f"{elapsed:.0f} s, {requests_made} requests ({requests_made / elapsed:.1f}/s)"
    )
    print("  (a shared 2-core machine: the numbers are noisy)")
    show("floor: /healthz idle", idle_floor)
    show("floor: /healthz in run", probe.times)
    for action in ("sign-in page", "sign in", "open grid", "save", "open cell", "report", "submit"):
        p95 = show(action, results.times.get(action, []))
        if action == "save":
            save_p95 = p95
    print(
        f"  saves: {outcomes['saved']} accepted, {outcomes['conflict']} refused as conflicts, "
        f"{outcomes['error']} errors, {outcomes['unanswered']} unanswered (timed out); users not started (time "
        f"limit): {results.skipped}"
    )
    print(f"  submissions: {len(results.submitted)} communes submitted sector {sector}")
    print(f"  errors: {len(results.errors) + probe.failures}")
    if probe.failures:
        print(f"    health check failed {probe.failures} times during the run")
    for error in results.errors[:10]:
        print(f"    {error}")
    print(f"  lost or stray writes: {len(problems)}")
    for problem in problems[:10]:
        print(f"    {problem}")
    ok = not results.errors and not probe.failures and not problems and save_p95 <= 500
    print(f"  goal (no error, no lost write, p95 of saves ≤ 500 ms): {'met' if ok else 'NOT met'}")
    return 0 if not results.errors and not probe.failures and not problems else 1


if __name__ == "__main__":
    raise SystemExit(main())
