"""``ktxh serve [--host H] [--port N]``: run the web app."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ktxh.cli.base import DEFAULT_HOST, DEFAULT_PORT, migrate


def register(subparsers) -> None:
    parser = subparsers.add_parser("serve", help=_("run the web app"))
    parser.add_argument("--host", default=DEFAULT_HOST)
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    parser.set_defaults(func=run)


def port_is_busy(host: str, port: int) -> str | None:
    """A Vietnamese message when ``host:port`` cannot be listened on (another program has it, or the address is
    not this machine's); None when it is free. Checked by binding a socket, before anything else is printed."""
    import errno
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        return _("Cannot listen on %(host)s: no such address on this machine. Use --host 127.0.0.1 or "
                 "--host 0.0.0.0.") % {"host": host}
    family, kind, proto, _name, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the server does: TIME_WAIT is no owner
        try:
            probe.bind(address)
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                return _("Port %(port)s is already in use on %(host)s (perhaps ktxh is already running). Stop the "
                         "other program or choose another port, e.g. --port %(other)s.") % {
                    "port": port, "host": host, "other": port + 1 if port < 65535 else 8000}
            if error.errno == errno.EACCES:
                return _("Not allowed to listen on port %(port)s (ports below 1024 need administrator rights). "
                         "Choose another port, e.g. --port 8000.") % {"port": port}
            return _("Cannot listen on %(host)s:%(port)s: %(error)s.") % {
                "host": host, "port": port, "error": error.strerror or error}
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
    return run_server(args.host, args.port)


def run_server(host: str, port: int) -> int:
    from django.core.management import call_command

    call_command("runserver", f"{host}:{port}", use_reloader=False, insecure_serving=True)
    return 0
