"""``ktxh users add USERNAME --unit CODE --role xem|nhap-lieu|duyet|quan-tri [--sector CODE]... [--password-stdin]``
and ``ktxh users list``: the people who sign in, each working for a unit (and the units below it) with a role,
optionally limited to some sectors of the catalog (a sector covers its sub-sectors).

The password is read from standard input (one line) so that it never appears in the shell's history or in the
process list; without ``--password-stdin`` an existing user keeps theirs and a new one gets none (unusable until
set). Adding a unit to an existing user grants it too (or changes the role there); the grant then holds exactly
the sectors given (none: every sector). The sector codes are checked here, where both units and the catalog are
known (the units layer cannot know the catalog).
"""

from __future__ import annotations

import sys

from django.utils.translation import gettext as _

from ktxh.cli.base import UserError, migrate, require_schema, unit_from_code


def register(subparsers) -> None:
    from ktxh.units.models import Role

    parser = subparsers.add_parser("users", help=_("add users and list them"))
    actions = parser.add_subparsers(dest="action", required=True, metavar=_("ACTION"))
    add = actions.add_parser("add", help=_("create a user, or grant an existing one a unit with a role"))
    add.add_argument("username")
    add.add_argument("--unit", required=True, help=_("code of the unit the user works for (and the units below it)"))
    add.add_argument(
        "--role",
        required=True,
        choices=[r.value for r in Role],
        help=_("xem: view; nhap-lieu: enter figures; duyet: approve; quan-tri: administer"),
    )
    add.add_argument(
        "--sector",
        action="append",
        default=[],
        metavar=_("CODE"),
        help=_("limit the role to this sector of the catalog and its sub-sectors (repeatable)"),
    )
    add.add_argument("--password-stdin", action="store_true", help=_("read the password from standard input"))
    add.add_argument("--name", default="", help=_("the person's full name"))
    add.set_defaults(func=run_add)
    listing = actions.add_parser("list", help=_("list the users with their units and roles"))
    listing.set_defaults(func=run_list)


def run_add(args) -> int:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError
    from django.db import transaction

    from ktxh.history.actor import acting_as
    from ktxh.units.models import UnitAccess

    migrate()
    username = args.username.strip()
    if not username or len(username) > 150 or any(c.isspace() for c in username):
        raise UserError(_("«%(name)s» is not a valid user name: 1 to 150 characters, no spaces.") % {"name": username})
    unit = unit_from_code(args.unit)
    sectors = sector_codes(args.sector)
    password = None
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            raise UserError(_("No password on standard input."))
    User = get_user_model()
    with acting_as(name=_("ktxh users add")), transaction.atomic():
        user, created = User.objects.get_or_create(username=username)
        if password is not None:
            try:
                validate_password(password, user)
            except ValidationError as error:
                raise UserError(" ".join(error.messages)) from None
            user.set_password(password)
        elif created:
            user.set_unusable_password()
        if args.name:
            user.first_name = args.name[:150]
        user.save()
        UnitAccess.objects.update_or_create(user=user, org_unit=unit, defaults={"role": args.role, "sectors": sectors})
    message = (
        _("Created user %(user)s: %(role)s in %(unit)s.") if created else _("User %(user)s: %(role)s in %(unit)s.")
    )
    print(message % {"user": username, "role": args.role, "unit": unit.name})
    if sectors:
        print(_("Limited to the sectors: %(codes)s.") % {"codes": ", ".join(sectors)})
    return 0


def sector_codes(codes: list[str]) -> list[str]:
    """The sector codes given, each checked against the catalog, without repeats, in the order given."""
    from ktxh.catalog.models import Sector

    wanted = list(dict.fromkeys(code.strip() for code in codes if code.strip()))
    if not wanted:
        return []
    known = set(Sector.objects.filter(code__in=wanted).values_list("code", flat=True))
    unknown = [code for code in wanted if code not in known]
    if unknown:
        raise UserError(_("There is no sector with code «%(code)s».") % {"code": ", ".join(unknown)})
    return wanted


def run_list(args) -> int:
    from django.contrib.auth import get_user_model

    from ktxh.units.models import UnitAccess

    require_schema()
    grants: dict[int, list[str]] = {}
    for access in UnitAccess.objects.select_related("org_unit").order_by("org_unit__path"):
        limit = (": " + ", ".join(access.sectors)) if access.sectors else ""
        grants.setdefault(access.user_id, []).append(f"{access.org_unit.code} ({access.role}{limit})")
    for user in get_user_model().objects.order_by("username"):
        units = ", ".join(grants.get(user.pk, [])) or (_("all units (superuser)") if user.is_superuser else "—")
        state = "" if user.is_active else " " + _("[disabled]")
        print(f"{user.username}\t{units}{state}")
    return 0
