"""``ktxh demo [load] [--host H] [--port N] [--into-existing-data]``: load the demo data of Thắng township 2023 and
open the web app.

The demo brings 29 units and the superuser ``demo`` whose password is printed for all to read: into a database
that already holds other units or users (real data) it is loaded only with ``--into-existing-data``; without it
the command stops before writing anything and says why."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ktxh.cli.base import DEFAULT_HOST, DEFAULT_PORT, UserError, migrate, timed


def register(subparsers) -> None:
    parser = subparsers.add_parser("demo", help=_("load the demo data of Thắng township 2023 and open the web app"))
    parser.add_argument("action", nargs="?", choices=["load"], help=_("«load»: only load the demo data"))
    parser.add_argument("--host", default=DEFAULT_HOST)
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    parser.add_argument(
        "--into-existing-data",
        action="store_true",
        help=_("load the demo (its units and the superuser demo) even into a database that holds other data"),
    )
    parser.set_defaults(func=run)


def run(args) -> int:
    from ktxh.cli.commands.serve import refuse_busy_port, run_server
    from ktxh.datasets import DEMO_PASSWORD, DEMO_UNIT, DEMO_USERNAME, data_not_of_the_demo, load_demo
    from ktxh.units.models import OrgUnit

    if args.action != "load":
        busy = refuse_busy_port(args.host, args.port)
        if busy is not None:
            return busy
    migrate()
    if args.action == "load" or not OrgUnit.objects.filter(code=DEMO_UNIT).exists():
        units, users = data_not_of_the_demo()
        if (units or users) and not args.into_existing_data:
            raise UserError(
                _(
                    "This database already holds data that is not the demo's (%(units)d units, %(users)d users). "
                    "Loading the demo would add its units and the superuser «%(username)s» with a published "
                    "password. Nothing was written. Use an empty database for the demo (KTXH_DATA_DIR or "
                    "KTXH_DATABASE_URL), or add --into-existing-data if that is really what you want."
                )
                % {"units": units, "users": users, "username": DEMO_USERNAME}
            )
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
