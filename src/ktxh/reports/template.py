"""Rendering the user-editable .docx template in a sandboxed Jinja environment.

An uploaded template can never run code or read files: docxtpl renders it with Jinja's ``SandboxedEnvironment``
(no attribute access to internals, no imports) and ``StrictUndefined`` (a misspelt placeholder is an error that
names it, not a silent blank). A broken or malicious template gives :class:`TemplateError` naming the tag, and
nothing is written.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import zipfile
from pathlib import Path

from django.utils.translation import gettext as _
from docx.opc.exceptions import PackageNotFoundError
from docxtpl import DocxTemplate
from jinja2 import StrictUndefined, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from ktxh.reports.layout import DEFAULT_TEMPLATE


class TemplateError(Exception):
    """The template cannot be used; the message (Vietnamese by default) says which tag and why."""


MAX_RESULT = 100_000  # characters or items a template expression may build


class BoundedSandbox(SandboxedEnvironment):
    """The sandbox, plus limits on ``*`` and ``**`` so that ``{{ "a" * 10**9 }}`` cannot exhaust memory (Jinja's
    sandbox already bounds ``range``)."""

    intercepted_binops = frozenset(["*", "**"])

    def call_binop(self, context, operator, left, right):
        if operator == "**" and isinstance(right, (int, float)) and abs(right) > 100:
            raise SecurityError("số mũ quá lớn")
        if operator == "*":
            for sequence, count in ((left, right), (right, left)):
                if (
                    isinstance(sequence, (str, list, tuple))
                    and isinstance(count, int)
                    and len(sequence) * count > MAX_RESULT
                ):
                    raise SecurityError("kết quả quá lớn")
        return super().call_binop(context, operator, left, right)


def sandbox() -> SandboxedEnvironment:
    return BoundedSandbox(undefined=StrictUndefined, autoescape=False)


DEFAULT_TIME_LIMIT = 20  # seconds a template may take to fill
MEMORY_HEADROOM = 512 * 1024 * 1024  # bytes a template may add to the process


def render(template: Path | None, context: dict, time_limit: float | None = None) -> io.BytesIO:
    """Fill the template's placeholders; returns the .docx bytes.

    A template is user content: besides the sandbox, it is filled in a forked child with a time limit and a memory
    ceiling, so that a loop of loops or a huge padding cannot take the server down. This holds in every path: a
    single report, a batch run in this process and a batch worker (a daemonic pool worker may not start
    ``multiprocessing`` children, so the child is a plain ``os.fork``). Only where processes cannot fork is the
    template filled in-process, still in the sandbox.
    """
    time_limit = DEFAULT_TIME_LIMIT if time_limit is None else time_limit
    path = Path(template) if template else DEFAULT_TEMPLATE
    if not path.is_file():
        if path.exists():
            raise TemplateError(_("«%(path)s» is not a valid .docx file.") % {"path": path.name})
        raise TemplateError(_("Template file «%(path)s» does not exist.") % {"path": path})
    if not hasattr(os, "fork"):
        return io.BytesIO(_fill(path, context))
    outcome, payload = _fill_forked(path, context, time_limit)
    if outcome == "error":
        raise TemplateError(payload)
    return io.BytesIO(payload)


def _fill_forked(path: Path, context: dict, time_limit: float) -> tuple[str, object]:
    """Fill in a forked child that sends back a pickled ("ok", bytes) or ("error", message) through a pipe; the
    child is killed when it takes longer than ``time_limit`` seconds, and dies on its memory ceiling."""
    import pickle
    import select
    import signal
    import time

    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        os.close(read_end)
        status = 0
        try:
            _limit_child(time_limit)
            try:
                message = ("ok", _fill(path, context))
            except TemplateError as error:
                message = ("error", str(error))
            except MemoryError:
                message = (
                    "error",
                    _("Template «%(path)s» used too much memory and was stopped.") % {"path": path.name},
                )
            data = pickle.dumps(message)
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(data)
        except BaseException:  # whatever happens, the child must not return into the caller
            status = 1
        finally:
            os._exit(status)  # no interpreter shutdown: nothing of the parent's (database, threads) is touched
    os.close(write_end)
    chunks: list[bytes] = []
    deadline = time.monotonic() + time_limit
    finished = False
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                break
            ready, _w, _x = select.select([read_end], [], [], left)
            if not ready:
                break
            chunk = os.read(read_end, 1 << 20)
            if not chunk:
                finished = True
                break
            chunks.append(chunk)
    finally:
        os.close(read_end)
        if not finished:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    if not finished:
        raise TemplateError(
            _("Template «%(path)s» took more than %(seconds)d seconds to fill and was stopped.")
            % {"path": path.name, "seconds": time_limit}
        )
    try:
        return pickle.loads(b"".join(chunks))
    except Exception:  # nothing or a cut message: the child died (memory ceiling, CPU limit)
        raise TemplateError(
            _("Template «%(path)s» used too much memory or time and was stopped.") % {"path": path.name}
        ) from None


def _limit_child(time_limit: float) -> None:
    try:
        import resource

        usage = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        limit = max(usage, 256 * 1024 * 1024) + MEMORY_HEADROOM
        resource.setrlimit(resource.RLIMIT_AS, (limit * 4, limit * 4))  # virtual size: generous, still bounded
        resource.setrlimit(resource.RLIMIT_CPU, (int(time_limit) + 1, int(time_limit) + 2))
    except (ImportError, ValueError, OSError):
        pass


def _fill(path: Path, context: dict) -> bytes:
    try:
        document = DocxTemplate(str(path))
        document.render(context, jinja_env=sandbox(), autoescape=True)
    except (zipfile.BadZipFile, KeyError, ValueError, PackageNotFoundError, FileNotFoundError, IsADirectoryError):
        raise TemplateError(_("«%(path)s» is not a valid .docx file.") % {"path": path.name}) from None
    except UndefinedError as error:
        name = re.search(r"'([^']+)' is undefined", str(error))
        raise TemplateError(
            _("Template «%(path)s» uses the placeholder «%(name)s», which ktxh does not provide.")
            % {"path": path.name, "name": name.group(1) if name else str(error)}
        ) from None
    except (SecurityError, OverflowError) as error:
        raise TemplateError(
            _("Template «%(path)s» tries an operation that is not allowed: %(error)s")
            % {"path": path.name, "error": error}
        ) from None
    except TemplateSyntaxError as error:
        raise TemplateError(
            _("Template «%(path)s» has a malformed tag: %(error)s") % {"path": path.name, "error": error.message}
        ) from None
    except MemoryError:
        raise
    except Exception as error:  # any other failure of user content (an {% include %} with no loader …)
        raise TemplateError(
            _("Template «%(path)s» cannot be rendered: %(error)s")
            % {"path": path.name, "error": f"{type(error).__name__}: {error}"}
        ) from None
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()
