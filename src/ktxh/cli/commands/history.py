"""``ktxh history [--user NAME] [--format csv|xlsx] [-o FILE]``: the change log as a file — every record, or those of
one user (what they changed, their sign-ins and failed sign-ins), oldest first. The same columns as the download of
the web's audit trail (:mod:`ktxh.history.export`, text cells neutralised). Only reads: the log cannot be changed."""

from __future__ import annotations

import contextlib
import sys

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ktxh.cli.base import UserError, output, output_path, require_schema, timed


def register(subparsers) -> None:
    parser = subparsers.add_parser("history", help=_("export the change log (audit trail)"))
    parser.add_argument("--user", metavar=_("NAME"), help=_("only the records of this user"))
    parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
    parser.add_argument("-o", "--output", help=_("output file (default: the screen)"))
    parser.set_defaults(func=run)


def run(args) -> int:
    from django.contrib.auth import get_user_model

    from ktxh.history import export
    from ktxh.history.models import ChangeRecord

    require_schema()
    records = ChangeRecord.objects.order_by("time", "id")
    if args.user:
        user = get_user_model().objects.filter(username=args.user).first()
        if user is None:
            raise UserError(_("There is no user «%(name)s» (ktxh users list shows them).") % {"name": args.user})
        records = records.filter(user_id=user.pk)
    records = records.iterator(chunk_size=2000)
    if args.format == "csv":
        with timed("history export") as counts, output(args.output) as out:
            count = counts["records"] = export.write_csv(out, records)
    else:
        if not args.output or args.output == "-":
            raise UserError(_("an Excel file cannot be written to the screen: give -o FILE.xlsx."))
        target = output_path(args.output)
        partial = target.with_name(target.name + ".tmp")
        try:
            with timed("history export") as counts, open(partial, "wb") as handle:
                count = counts["records"] = export.write_xlsx(handle, records)
            partial.replace(target)
        except OSError as error:
            raise UserError(
                _("Could not write the file «%(path)s»: %(reason)s.") % {"path": args.output, "reason": error.strerror}
            ) from None
        finally:
            with contextlib.suppress(OSError):
                partial.unlink(missing_ok=True)
    if args.output and args.output != "-":
        print(
            ngettext("Wrote %(count)d record to %(path)s.", "Wrote %(count)d records to %(path)s.", count)
            % {"count": count, "path": args.output},
            file=sys.stderr,
        )
    return 0
