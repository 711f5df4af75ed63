"""``ktxh serve [--host H] [--port N] [--workers N]``: run the web app with a production server.

Gunicorn with several worker processes (``--workers`` or ``KTXH_WORKERS``, default 4 × CPUs + 1, at most 16), each
single-threaded: a worker that forks (LibreOffice, the report) is never multi-threaded. Why more workers than the
usual 2 × CPUs + 1: some requests hold a worker for a long CPU-bound time (a sign-in checks an Argon2 hash, ≈ 0.4 s
of CPU; the entry grid of a large sector and a report take about a second), and a single-threaded worker serves
nothing else meanwhile. With few workers a save (≈ 0.1 s) waits in the queue until one of them finishes; with more,
it gets a worker at once and the system shares the CPU between them (``benchmarks/deadline_day.py``: 12 workers
instead of 5 on 2 busy cores answered 1.8 × the requests per second and halved the health check's median wait). A worker costs about
90 MB of memory and one PostgreSQL connection. Static files are served by
the app itself (WhiteNoise), so no other web server is needed on a single machine. Where Gunicorn cannot run
(Windows), the development server is used instead, with a warning. ``ktxh demo`` keeps the development server: one
user, one process, Ctrl+C stops it at once.
"""

from __future__ import annotations

import contextlib
import os
import sys

from django.utils.translation import gettext as _

from ktxh.cli.base import DEFAULT_HOST, DEFAULT_PORT, UserError, migrate


def register(subparsers) -> None:
    parser = subparsers.add_parser("serve", help=_("run the web app"))
    parser.add_argument("--host", default=DEFAULT_HOST)
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    parser.add_argument(
        "--workers",
        type=int,
        default=None,
        help=_("number of worker processes (default: KTXH_WORKERS, or 4 × CPUs + 1)"),
    )
    parser.set_defaults(func=run)


def port_is_busy(host: str, port: int) -> str | None:
    """A Vietnamese message when ``host:port`` cannot be listened on (another program has it, or the address is
    not this machine's); None when it is free. Checked by binding a socket, before anything else is printed."""
    import errno
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        return _(
            "Cannot listen on %(host)s: no such address on this machine. Use --host 127.0.0.1 or --host 0.0.0.0."
        ) % {"host": host}
    family, kind, proto, _name, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server does: TIME_WAIT is no owner
        try:
            probe.bind(address)
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                return _(
                    "Port %(port)s is already in use on %(host)s (perhaps ktxh is already running). Stop the "
                    "other program or choose another port, e.g. --port %(other)s."
                ) % {"port": port, "host": host, "other": port + 1 if port < 65535 else 8000}
            if error.errno == errno.EACCES:
                return _(
                    "Not allowed to listen on port %(port)s (ports below 1024 need administrator rights). "
                    "Choose another port, e.g. --port 8000."
                ) % {"port": port}
            return _("Cannot listen on %(host)s:%(port)s: %(error)s.") % {
                "host": host,
                "port": port,
                "error": error.strerror or error,
            }
    return None


def refuse_busy_port(host: str, port: int) -> int | None:
    """Exit status 2 with the message on standard error when the port cannot be used; None when it can."""
    import sys

    message = port_is_busy(host, port)
    if message is None:
        return None
    print(message, file=sys.stderr, flush=True)
    return 2


def run(args) -> int:
    busy = refuse_busy_port(args.host, args.port)
    if busy is not None:
        return busy
    migrate()
    print(_("Open %(url)s  (Ctrl+C to stop)") % {"url": f"http://{args.host}:{args.port}/"}, flush=True)
    return run_production_server(args.host, args.port, args.workers)


def run_server(host: str, port: int) -> int:
    """The development server (``ktxh demo``): one process, threads, static files included."""
    from django.core.management import call_command

    _static_root()
    call_command("runserver", f"{host}:{port}", use_reloader=False, insecure_serving=True)
    return 0


def _static_root() -> None:
    """WhiteNoise serves the apps' static folders and warns when the collected-files folder is missing."""
    from django.conf import settings

    with contextlib.suppress(OSError):
        os.makedirs(settings.STATIC_ROOT, exist_ok=True)


def worker_count(requested: int | None = None) -> int:
    """``--workers``, else ``KTXH_WORKERS``, else 4 × CPUs + 1 (at most 16; see the module's docstring)."""
    raw = requested if requested is not None else os.environ.get("KTXH_WORKERS", "").strip() or None
    if raw is None:
        return min(4 * (os.cpu_count() or 1) + 1, 16)
    try:
        count = int(raw)
    except ValueError:
        count = 0
    if count <= 0:
        raise UserError(
            _("The number of workers must be a whole number greater than 0 (KTXH_WORKERS=%(value)s).") % {"value": raw}
        )
    return count


def run_production_server(host: str, port: int, workers: int | None = None) -> int:
    """Gunicorn in this process (the master forks the workers); the development server where it cannot run."""
    count = worker_count(workers)
    try:
        from gunicorn.app.base import BaseApplication
    except ImportError:  # Windows (no fork) or gunicorn missing
        print(
            _("Warning: Gunicorn cannot run here; using the development server (one user at a time)."),
            file=sys.stderr,
            flush=True,
        )
        return run_server(host, port)
    from django.db import connections

    _static_root()
    connections.close_all()  # the workers must not share the master's database connection

    class Server(BaseApplication):
        def load_config(self):
            options = {
                "bind": f"[{host}]:{port}" if ":" in host else f"{host}:{port}",
                "workers": count,
                "worker_class": "sync",
                "timeout": int(os.environ.get("KTXH_TIMEOUT", "120") or 120),
                "graceful_timeout": 20,
                "accesslog": "-" if os.environ.get("KTXH_ACCESS_LOG") == "1" else None,
                "errorlog": "-",
                "loglevel": "warning",
                "proc_name": "ktxh",
                "forwarded_allow_ips": os.environ.get("KTXH_FORWARDED_ALLOW_IPS", "127.0.0.1"),
            }
            for key, value in options.items():
                if value is not None:
                    self.cfg.set(key, value)

        def load(self):
            from django.core.wsgi import get_wsgi_application

            return get_wsgi_application()

    Server().run()
    return 0
