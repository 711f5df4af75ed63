"""``ktxh demo [load] [--host H] [--port N]``: load the demo data of Thắng township 2023 and open the web app."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ktxh.cli.base import DEFAULT_HOST, DEFAULT_PORT, migrate, timed


def register(subparsers) -> None:
    parser = subparsers.add_parser("demo", help=_("load the demo data of Thắng township 2023 and open the web app"))
    parser.add_argument("action", nargs="?", choices=["load"], help=_("«load»: only load the demo data"))
    parser.add_argument("--host", default=DEFAULT_HOST)
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    parser.set_defaults(func=run)


def run(args) -> int:
    from ktxh.cli.commands.serve import refuse_busy_port, run_server
    from ktxh.datasets import DEMO_PASSWORD, DEMO_UNIT, DEMO_USERNAME, load_demo
    from ktxh.units.models import OrgUnit

    if args.action != "load":
        busy = refuse_busy_port(args.host, args.port)
        if busy is not None:
            return busy
    migrate()
    if args.action == "load" or not OrgUnit.objects.filter(code=DEMO_UNIT).exists():
        with timed("demo load") as counts:
            summary = counts["summary"] = load_demo()
        print(_("Loaded the demo data of Thắng township: %(summary)s.") % {"summary": summary})
    else:  # already there: starting the web app must not overwrite what people changed since
        print(_("The demo data is already loaded (reload it with: ktxh demo load)."))
    if args.action == "load":
        return 0
    url = f"http://{args.host}:{args.port}/"
    print(
        _("Open %(url)s — sign in: %(username)s / %(password)s  (Ctrl+C to stop)")
        % {"url": url, "username": DEMO_USERNAME, "password": DEMO_PASSWORD},
        flush=True,
    )
    return run_server(args.host, args.port)
