"""Rendering the user-editable .docx template in a sandboxed Jinja environment.

An uploaded template can never run code or read files: docxtpl renders it with Jinja's ``SandboxedEnvironment``
(no attribute access to internals, no imports) and ``StrictUndefined`` (a misspelt placeholder is an error that
names it, not a silent blank). A broken or malicious template gives :class:`TemplateError` naming the tag, and
nothing is written.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from django.utils.translation import gettext as _
from docx.opc.exceptions import PackageNotFoundError
from docxtpl import DocxTemplate
from jinja2 import StrictUndefined, TemplateError as JinjaTemplateError, TemplateSyntaxError, UndefinedError
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
                if isinstance(sequence, (str, list, tuple)) and isinstance(count, int) \
                        and len(sequence) * count > MAX_RESULT:
                    raise SecurityError("kết quả quá lớn")
        return super().call_binop(context, operator, left, right)


def sandbox() -> SandboxedEnvironment:
    return BoundedSandbox(undefined=StrictUndefined, autoescape=False)


def render(template: Path | None, context: dict) -> io.BytesIO:
    """Fill the template's placeholders; returns the .docx bytes."""
    path = Path(template) if template else DEFAULT_TEMPLATE
    try:
        document = DocxTemplate(str(path))
        document.render(context, jinja_env=sandbox(), autoescape=True)
    except FileNotFoundError:
        raise TemplateError(_("Template file «%(path)s» does not exist.") % {"path": path}) from None
    except (zipfile.BadZipFile, KeyError, ValueError, PackageNotFoundError) as error:
        if isinstance(error, ValueError) and not isinstance(error, PackageNotFoundError) and "not a Word file" not in str(error) and "content type" not in str(error):
            raise TemplateError(_("Template «%(path)s» cannot be used: %(error)s") % {"path": path.name,
                                                                                      "error": error}) from None
        raise TemplateError(_("«%(path)s» is not a valid .docx file.") % {"path": path.name}) from None
    except UndefinedError as error:
        name = re.search(r"'([^']+)' is undefined", str(error))
        raise TemplateError(_("Template «%(path)s» uses the placeholder «%(name)s», which ktxh does not provide.")
                            % {"path": path.name, "name": name.group(1) if name else str(error)}) from None
    except (SecurityError, OverflowError) as error:
        raise TemplateError(_("Template «%(path)s» tries an operation that is not allowed: %(error)s")
                            % {"path": path.name, "error": error}) from None
    except TemplateSyntaxError as error:
        raise TemplateError(_("Template «%(path)s» has a malformed tag: %(error)s") % {
            "path": path.name, "error": error.message}) from None
    except JinjaTemplateError as error:
        raise TemplateError(_("Template «%(path)s» cannot be rendered: %(error)s") % {"path": path.name,
                                                                                        "error": error}) from None
    output = io.BytesIO()
    document.save(output)
    output.seek(0)
    return output
