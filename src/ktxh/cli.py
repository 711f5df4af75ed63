"""The ``ktxh`` command. Thin: it parses arguments, sets Django up and calls the modules that do the work.

User mistakes (a bad file, an unknown unit, a period that does not parse, an unreachable database) end with a
Vietnamese message and exit status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

DEMO_HOST, DEMO_PORT = "127.0.0.1", 8000


class UserError(Exception):
    """Something the user can fix; the message says what."""


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ktxh.settings")
    import django

    from ktxh.settings import DATA_DIR, ConfigurationError

    try:
        django.setup()
    except ConfigurationError as error:
        raise UserError(str(error)) from None
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        Path(settings.DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATA_DIR.mkdir(parents=True, exist_ok=True)


def _migrate(verbose: bool = False) -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=1 if verbose else 0)


def _out(path: str | None):
    if not path or path == "-":
        return sys.stdout, False
    try:
        return open(path, "w", encoding="utf-8", newline=""), True
    except OSError as error:
        raise UserError(f"Không ghi được tệp «{path}»: {error.strerror}.") from None


def _unit(code: str):
    from ktxh.units.models import OrgUnit

    unit = OrgUnit.objects.filter(code=code).first() or OrgUnit.objects.filter(official_code=code).order_by(
        "-valid_from").first()
    if unit is None:
        raise UserError(f"Không có đơn vị mã «{code}». Xem danh sách: ktxh units --format csv")
    return unit


def _period(label: str):
    from ktxh.periods import Period, PeriodError

    try:
        return Period.parse(label)
    except PeriodError as error:
        raise UserError(str(error)) from None


# -- commands ---------------------------------------------------------------------------------------------------


def cmd_demo(args) -> int:
    from ktxh.datasets import DEMO_PASSWORD, DEMO_USERNAME, load_demo

    _migrate()
    summary = load_demo()
    print(f"Đã nạp dữ liệu mẫu thị trấn Thắng: {summary}.")
    if args.action == "load":
        return 0
    from django.core.management import call_command

    url = f"http://{args.host}:{args.port}/"
    print(f"Mở {url} — đăng nhập: {DEMO_USERNAME} / {DEMO_PASSWORD}  (Ctrl+C để dừng)", flush=True)
    call_command("runserver", f"{args.host}:{args.port}", use_reloader=False, insecure_serving=True)
    return 0


def cmd_serve(args) -> int:
    from django.core.management import call_command

    _migrate()
    print(f"Mở http://{args.host}:{args.port}/  (Ctrl+C để dừng)", flush=True)
    call_command("runserver", f"{args.host}:{args.port}", use_reloader=False, insecure_serving=True)
    return 0


def cmd_init(args) -> int:
    _migrate(verbose=True)
    print("Cơ sở dữ liệu đã sẵn sàng.")
    return 0


def cmd_load(args) -> int:
    from ktxh.datasets import CATALOG_DIR, load_dataset

    _migrate()
    folder = Path(args.folder)
    if not (folder / "units.csv").exists():
        raise UserError(f"«{folder}» không phải thư mục bộ dữ liệu: thiếu units.csv (xem docs/data-format.md).")
    catalog = None if args.no_catalog else Path(args.catalog or CATALOG_DIR)
    summary = load_dataset(folder, catalog=catalog)
    print(f"Đã nạp: {summary}.")
    return 0


def cmd_catalog(args) -> int:
    from ktxh.catalog.loader import load_catalog
    from ktxh.history.actor import acting_as

    _migrate()
    with acting_as(name="nạp danh mục"):
        summary = load_catalog(Path(args.folder))
    print(f"Đã nạp danh mục: {summary}.")
    return 0


def cmd_export(args) -> int:
    from ktxh.exchange.csvfile import values_queryset, write_values

    _migrate()
    unit = _unit(args.org_unit) if args.org_unit else None
    period = _period(args.period) if args.period else None
    out, close = _out(args.output)
    try:
        count = write_values(out, values_queryset(unit, period).iterator(chunk_size=2000))
    finally:
        if close:
            out.close()
    if close:
        print(f"Đã ghi {count} số liệu vào {args.output}.", file=sys.stderr)
    return 0


def cmd_units(args) -> int:
    from ktxh.exchange.csvfile import write_units
    from ktxh.units.models import OrgUnit

    _migrate()
    out, close = _out(args.output)
    try:
        write_units(out, OrgUnit.objects.select_related("parent").order_by("path"))
    finally:
        if close:
            out.close()
    return 0


def cmd_manage(args) -> int:
    from django.core.management import execute_from_command_line

    execute_from_command_line(["ktxh manage", *args.rest])
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ktxh",
        description="ktxh — lập kế hoạch, theo dõi và báo cáo kinh tế - xã hội cấp xã.",
        epilog="Cơ sở dữ liệu: biến môi trường KTXH_DATABASE_URL (sqlite:///tệp hoặc postgresql://…); "
               "mặc định là tệp SQLite trong thư mục dữ liệu của người dùng.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="LỆNH")

    demo = sub.add_parser("demo", help="nạp dữ liệu mẫu thị trấn Thắng 2023 và mở ứng dụng web")
    demo.add_argument("action", nargs="?", choices=["load"], help="«load»: chỉ nạp dữ liệu mẫu")
    demo.add_argument("--host", default=DEMO_HOST)
    demo.add_argument("--port", type=int, default=DEMO_PORT)
    demo.set_defaults(func=cmd_demo)

    serve = sub.add_parser("serve", help="chạy ứng dụng web")
    serve.add_argument("--host", default=DEMO_HOST)
    serve.add_argument("--port", type=int, default=DEMO_PORT)
    serve.set_defaults(func=cmd_serve)

    init = sub.add_parser("init", help="tạo hoặc nâng cấp cơ sở dữ liệu")
    init.set_defaults(func=cmd_init)

    load = sub.add_parser("load", help="nạp một bộ dữ liệu (units.csv, links.csv, values/)")
    load.add_argument("folder")
    load.add_argument("--catalog", help="thư mục danh mục chỉ tiêu (mặc định: danh mục kèm theo ktxh)")
    load.add_argument("--no-catalog", action="store_true", help="không nạp lại danh mục")
    load.set_defaults(func=cmd_load)

    catalog = sub.add_parser("catalog", help="nạp danh mục chỉ tiêu từ một thư mục")
    catalog.add_argument("action", choices=["load"])
    catalog.add_argument("folder")
    catalog.set_defaults(func=cmd_catalog)

    export = sub.add_parser("export", help="xuất số liệu")
    export.add_argument("--format", choices=["csv"], default="csv")
    export.add_argument("--org-unit", help="mã đơn vị (gồm cả các đơn vị trực thuộc)")
    export.add_argument("--period", help="kỳ: 2023, 2023S1, 2023Q3, 202309, 2023C9, 2022-2023 hoặc «năm 2023»")
    export.add_argument("-o", "--output", help="tệp kết quả (mặc định: màn hình)")
    export.set_defaults(func=cmd_export)

    units = sub.add_parser("units", help="liệt kê đơn vị")
    units.add_argument("--format", choices=["csv"], default="csv")
    units.add_argument("-o", "--output")
    units.set_defaults(func=cmd_units)

    manage = sub.add_parser("manage", help="lệnh quản trị Django (createsuperuser, migrate, …)")
    manage.add_argument("rest", nargs=argparse.REMAINDER)
    manage.set_defaults(func=cmd_manage)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from ktxh.datafiles import LoadError

    try:
        _setup_django()
        from django.db import DatabaseError

        try:
            return args.func(args)
        except DatabaseError as error:
            raise UserError(f"Lỗi cơ sở dữ liệu: {error}. Kiểm tra KTXH_DATABASE_URL và máy chủ cơ sở dữ liệu.") \
                from None
    except (UserError, LoadError) as error:
        print(f"Lỗi: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
