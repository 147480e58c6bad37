"""Older Word (.doc), WPS (.wps), RTF and OpenDocument files: LibreOffice converts them.

When `soffice` (or `libreoffice`) is installed, `soffice --headless --convert-to docx`
writes a .docx into a temporary folder (with a profile of its own, so a LibreOffice
the user has open does not take the job) and the Word reader reads that.  Otherwise:
one line telling the user to save the file as .docx.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from duban.store.importer.errors import PlanError
from duban.store.importer.readers import Grid
from duban.store.messages import Said

TIMEOUT = 120  # seconds: a first start of LibreOffice builds its profile


def office() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def read(data: bytes, name: str, fmt: str) -> list[Grid]:
    program = office()
    if program is None:
        raise PlanError(name, 0, Said("needs_docx", "this is an older Word/WPS document: open it in Word or WPS, "
                                      "save it as .docx and import that (or install LibreOffice to convert it)"))
    from duban.store.importer.readers import word

    with tempfile.TemporaryDirectory(prefix="duban-convert-") as tmp:
        folder = Path(tmp)
        source = folder / ("plan" + (Path(name).suffix.lower() or ".doc"))
        source.write_bytes(data)
        cmd = [program, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
               "--convert-to", "docx", "--outdir", str(folder / "out"), str(source)]
        try:
            subprocess.run(cmd, capture_output=True, timeout=TIMEOUT, check=False, stdin=subprocess.DEVNULL)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise PlanError(name, 0, Said("convert_failed", "LibreOffice could not convert this file ({error}); "
                                          "save it as .docx and import that", error=type(exc).__name__)) from None
        out = folder / "out" / (source.stem + ".docx")
        if not out.is_file():
            raise PlanError(name, 0, Said("convert_failed", "LibreOffice could not convert this file ({error}); "
                                          "save it as .docx and import that", error="no output"))
        return word.read(out.read_bytes(), name, "docx")
