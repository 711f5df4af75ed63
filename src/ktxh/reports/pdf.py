"""Word → PDF through LibreOffice, headless, each conversion with its own profile and a timeout."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from django.utils.translation import gettext as _

DEFAULT_TIMEOUT = 120


class PdfError(Exception):
    """The PDF could not be made; the message says why."""


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(docx: Path, pdf: Path | None = None, timeout: int = DEFAULT_TIMEOUT) -> Path:
    """Convert ``docx`` to ``pdf`` (default: beside it). Parallel conversions do not collide: each gets its own
    LibreOffice profile; a hung LibreOffice is killed after ``timeout`` seconds."""
    program = soffice()
    if program is None:
        raise PdfError(
            _(
                "LibreOffice is not installed, so no PDF can be made (Debian/Ubuntu: apt-get install "
                "libreoffice-writer-nogui). The .docx file was written."
            )
        )
    docx = Path(docx).resolve()
    target = Path(pdf).resolve() if pdf else docx.with_suffix(".pdf")
    with tempfile.TemporaryDirectory(prefix="ktxh-lo-") as work:
        profile = Path(work) / "profile"
        outdir = Path(work) / "out"
        command = [
            program,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(outdir),
            str(docx),
        ]
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
        try:
            _out, err = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise PdfError(
                _("LibreOffice did not finish within %(seconds)d seconds and was stopped; no PDF was made.")
                % {"seconds": timeout}
            ) from None
        produced = outdir / (docx.stem + ".pdf")
        if process.returncode != 0 or not produced.exists():
            raise PdfError(
                _("LibreOffice could not convert «%(file)s»: %(error)s")
                % {
                    "file": docx.name,
                    "error": (err or b"").decode(errors="replace").strip()[:300] or process.returncode,
                }
            )
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(str(produced), target)
    return target
