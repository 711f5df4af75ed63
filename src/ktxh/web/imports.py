"""Importing a file from the web: upload → preview of what will change (or every problem of the file) → confirm.

The upload is read by the exchange registry — the same formats and the same loader as ``ktxh import`` (Excel
templates and sheets with a header row, ktxh and DHIS2 CSV, DHIS2 JSON) — and every row's unit must be one the user
may enter figures for (:func:`ktxh.units.scoping.units_for`, checked by the registry); rows outside are problems.

Between the preview and the confirmation the file is kept under the data folder (``DATA_DIR/imports``), named by a
random token that is remembered in the user's session only: another session cannot confirm it or even learn that it
exists. The file keeps its own name (in a folder named by the token), so that every message names the file the
user knows. The file is removed when it is imported, cancelled or found to have problems, and any kept file older than
``KTXH_IMPORT_PENDING_SECONDS`` (default one hour) is removed at the next upload. Confirming passes the preview's
fingerprint to the registry, which locks the stored figures, plans again and writes only if the plan is the one
that was shown; otherwise the new preview is shown and nothing is written.
"""

from __future__ import annotations

import contextlib
import logging
import re
import secrets
import shutil
import time
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ktxh.datafiles import MAX_PROBLEMS_KEPT, LoadError, Problem
from ktxh.exchange import limits
from ktxh.figures.labels import Labels
from ktxh.history.recorder import snapshot
from ktxh.periods import Period, PeriodError
from ktxh.web.forms import entry_units, show_plain

log = logging.getLogger("ktxh.web.imports")

SESSION_KEY = "ktxh_imports"
TOKEN = re.compile(r"[A-Za-z0-9_-]{40,64}")
SUFFIX = re.compile(r"\.[a-z0-9]{1,8}")
MAX_SHOWN = 500  # changes listed on the preview page; the counts cover all of them
OTHER_FIELDS = ("comment", "target_form", "source")


def folder() -> Path:
    return Path(settings.DATA_DIR) / "imports"


def _sweep() -> None:
    """Remove kept uploads older than the confirmation window (whoever uploaded them)."""
    oldest = time.time() - limits.pending_seconds()
    with contextlib.suppress(OSError):
        for path in folder().iterdir():
            with contextlib.suppress(OSError):
                if path.stat().st_mtime < oldest:
                    shutil.rmtree(path) if path.is_dir() else path.unlink()


def safe_name(name: str) -> str:
    """The upload's own file name (so that every message names the file the user knows), without folders or
    characters a file system refuses."""
    base = re.sub(r'[\x00-\x1f/\\:*?"<>|]', "_", Path(name.replace("\\", "/")).name).strip(" .")
    stem, suffix = Path(base).stem[:120], Path(base).suffix.lower()
    return (stem or "tep") + (suffix if SUFFIX.fullmatch(suffix) else "")


def _keep(request, upload) -> str:
    """Store an upload in a new folder named by a token remembered in the session; returns the token."""
    _sweep()
    token = secrets.token_urlsafe(32)
    name = safe_name(upload.name)
    target = folder() / token / name
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".tmp")
    try:
        with partial.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        partial.replace(target)
    finally:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
    pending = request.session.get(SESSION_KEY, {})
    pending[token] = {"name": name, "at": time.time()}
    request.session[SESSION_KEY] = pending
    return token


def _kept(request, token: str) -> tuple[Path, str] | None:
    """(path, the file's name) of a kept upload of this session, if it is still there and not expired."""
    entry = request.session.get(SESSION_KEY, {}).get(token) if TOKEN.fullmatch(token or "") else None
    if not entry:
        return None
    path = folder() / token / safe_name(entry.get("name", ""))
    if time.time() - entry.get("at", 0) > limits.pending_seconds() or not path.is_file():
        _forget(request, token)
        return None
    return path, path.name


def _forget(request, token: str) -> None:
    pending = request.session.get(SESSION_KEY, {})
    pending.pop(token, None)
    request.session[SESSION_KEY] = pending
    if TOKEN.fullmatch(token or ""):
        shutil.rmtree(folder() / token, ignore_errors=True)


def _shown(value, high, text) -> str:
    """A figure as people read it: ``1.234,5``, a range ``56 - 60``, or its text."""
    if value in (None, ""):
        return text or ""
    return show_plain(value) + (f" - {show_plain(high)}" if high not in (None, "") else "")


class Lines:
    """The preview's table: one line per figure that would be created or changed, in words."""

    def __init__(self):
        self.labels = Labels.current()
        self.periods: dict[str, str] = {}

    def period(self, code: str) -> str:
        if code not in self.periods:
            try:
                self.periods[code] = Period.parse(code).label
            except PeriodError:
                self.periods[code] = code
        return self.periods[code]

    def line(self, value, before: dict | None) -> dict:
        kind = self.labels.kind(value.kind)
        if value.target_source_id:
            kind += " " + self.labels.source_names.get(value.target_source.code, value.target_source.code)
        if value.variant:
            kind += ", " + _("variant %(variant)s") % {"variant": value.variant}
        after = snapshot(value)
        others = []
        if before is not None:
            others = [
                str(type(value)._meta.get_field(field).verbose_name)
                for field in OTHER_FIELDS
                if before.get(field) != after.get(field)
            ]
        return {
            "new": before is None,
            "indicator": value.indicator.name,
            "code": value.indicator.code,
            "breakdown": self.labels.disaggregation(value.disaggregation),
            "measure": value.indicator.unit.symbol if value.indicator.unit_id else "",
            "unit": value.org_unit.name,
            "period": self.period(value.period),
            "kind": kind[:1].upper() + kind[1:],
            "before": ""
            if before is None
            else _shown(before.get("value"), before.get("value_high"), before.get("text")),
            "after": _shown(value.value, value.value_high, value.text),
            "others": others,
        }


def _preview_context(summary, token: str, name: str) -> dict:
    from ktxh.exchange.registry import fingerprint

    lines = Lines()
    shown = [lines.line(v, None) for v in (summary.new or [])[:MAX_SHOWN]]
    room = MAX_SHOWN - len(shown)
    shown += [lines.line(v, before) for v, before in (summary.changed or [])[: max(room, 0)]]
    return {
        "summary": summary,
        "lines": shown,
        "more": summary.created + summary.updated - len(shown),
        "token": token,
        "name": name,
        "fingerprint": fingerprint(summary),
        "nav": "imports",
    }


def _problems_page(request, name: str, problems: list[Problem], count: int | None = None, status: int = 400):
    """The problems of a refused file: the first :data:`~ktxh.datafiles.MAX_PROBLEMS_KEPT` listed, the rest counted
    (``count``: how many the loader found in all, more than it kept for a file of many bad lines)."""
    shown = problems[:MAX_PROBLEMS_KEPT]
    count = max(count or 0, len(problems))
    return render(
        request,
        "web/imports/page.html",
        {
            "problems": shown,
            "problem_count": count,
            "more_problems": count - len(shown),
            "name": name,
            "nav": "imports",
            "units": entry_units(request.user),
        },
        status=status,
    )


def _unreadable(name: str) -> list[Problem]:
    return [
        Problem(
            name,
            None,
            None,
            _("the file cannot be read: save it again from Excel as «Excel Workbook (.xlsx)» or as «CSV UTF-8»."),
        )
    ]


class SizeLimit(FileUploadHandler):
    """Stops reading an upload once it passes ``KTXH_IMPORT_MAX_BYTES``: the rest of the body is discarded, never
    written to disk, and the view says the file is too large."""

    def __init__(self, request=None):
        super().__init__(request)
        self.limit = limits.max_bytes()
        self.received = 0
        self.exceeded = False

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.exceeded = content_length > self.limit + 1024 * 1024  # the form's other fields take a few bytes
        return None

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.exceeded or self.received > self.limit:
            self.exceeded = True
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size):
        return None


@login_required
@csrf_exempt  # checked below, once the size limit is in place (Django's pattern for per-view upload handlers)
@require_http_methods(["GET", "POST"])
def page(request):
    """The upload form (GET) and the upload (POST), which keeps the file and goes on to its preview."""
    guard = SizeLimit(request)
    request.upload_handlers.insert(0, guard)
    return _page(request, guard)


@csrf_protect
def _page(request, guard: SizeLimit):
    units = entry_units(request.user)
    context = {"units": units, "nav": "imports", "max_size": limits.megabytes(limits.max_bytes())}
    if not units:
        return render(request, "web/imports/page.html", {**context, "no_units": True}, status=403)
    if request.method == "GET":
        return render(request, "web/imports/page.html", context)
    upload = request.FILES.get("file")
    if guard.exceeded or (upload is not None and upload.size > limits.max_bytes()):
        too_large = _("The file is larger than the %(limit)s MB allowed (setting KTXH_IMPORT_MAX_BYTES).") % {
            "limit": limits.megabytes(limits.max_bytes())
        }
        return render(request, "web/imports/page.html", {**context, "error": too_large}, status=413)
    if upload is None or not upload.name:
        return render(request, "web/imports/page.html", {**context, "error": _("Choose a file to import.")}, status=400)
    token = _keep(request, upload)
    return redirect(reverse("import-preview") + f"?t={quote(token)}")


@login_required
@require_GET
def preview(request):
    """What importing the kept file would change, or every problem of the file (then the file is dropped)."""
    from ktxh.exchange.registry import preview as plan

    token = request.GET.get("t", "")
    kept = _kept(request, token)
    if kept is None:
        return _gone(request)
    path, name = kept
    try:
        summary = plan(path, user=request.user, name=name)
    except LoadError as error:
        _forget(request, token)
        return _problems_page(request, name, error.problems, error.count)
    except Exception:  # a file no reader expected: said plainly, logged for the administrator
        log.exception("import preview of %s failed", name)
        _forget(request, token)
        return _problems_page(request, name, _unreadable(name))
    return render(request, "web/imports/preview.html", _preview_context(summary, token, name))


def _gone(request):
    return render(
        request,
        "web/imports/page.html",
        {
            "units": entry_units(request.user),
            "nav": "imports",
            "error": _(
                "The uploaded file is no longer kept (it was imported, cancelled or waited too long). Upload it again."
            ),
        },
        status=404,
    )


@login_required
@require_POST
def confirm(request):
    """Write the kept file with the same loader, all or nothing, if the stored figures are still those of the
    preview; otherwise show the new preview."""
    from ktxh.exchange.registry import PreviewChanged, import_file

    token = request.POST.get("token", "")
    kept = _kept(request, token)
    if kept is None:
        return _gone(request)
    path, name = kept
    try:
        summary = import_file(path, user=request.user, name=name, expect=request.POST.get("fingerprint", ""))
    except PreviewChanged as changed:
        context = _preview_context(changed.summary, token, name)
        context["changed_since"] = True
        return render(request, "web/imports/preview.html", context, status=409)
    except LoadError as error:
        _forget(request, token)
        return _problems_page(request, name, error.problems, error.count)
    except Exception:
        log.exception("import of %s failed", name)
        _forget(request, token)
        return _problems_page(request, name, _unreadable(name))
    _forget(request, token)
    messages.success(request, _("Imported «%(file)s»: %(summary)s.") % {"file": name, "summary": summary})
    return redirect("import")


@login_required
@require_POST
def cancel(request):
    token = request.POST.get("token", "")
    if _kept(request, token) is not None:
        _forget(request, token)
        messages.info(request, _("The import was cancelled; nothing was written."))
    return redirect("import")
