"""LibreOffice for the tests that need it: found or the test skipped, and a conversion
with a profile of the test's own (two runs at once must not share one)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest


def office(missing: str) -> str:
    """The soffice command, else skip saying what cannot be done without it."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        pytest.skip(f"LibreOffice (soffice) is not installed: {missing}")
    return found


def convert(soffice: str, source: Path, to: str, outdir: Path, profile: Path, timeout: int = 120) -> Path:
    """`source` converted to `to` (doc, xls, pdf) in `outdir`; the path it should have
    (the caller checks it is there: a LibreOffice without a filter writes nothing)."""
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", to,
                    "--outdir", str(outdir), str(source)], capture_output=True, timeout=timeout, check=False)
    return outdir / f"{source.stem}.{to}"
