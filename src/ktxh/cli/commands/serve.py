"""``ktxh serve [--host H] [--port N]``: run the web app."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ktxh.cli.base import DEFAULT_HOST, DEFAULT_PORT, migrate


def register(subparsers) -> None:
    parser = subparsers.add_parser("serve", help=_("run the web app"))
    parser.add_argument("--host", default=DEFAULT_HOST)
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    parser.set_defaults(func=run)


def run(args) -> int:
    migrate()
    print(_("Open %(url)s  (Ctrl+C to stop)") % {"url": f"http://{args.host}:{args.port}/"}, flush=True)
    return run_server(args.host, args.port)


def run_server(host: str, port: int) -> int:
    from django.core.management import call_command

    call_command("runserver", f"{host}:{port}", use_reloader=False, insecure_serving=True)
    return 0
