"""The package as pip installs it: a wheel built from the repository, installed into a
fresh virtual environment outside the checkout, runs and imports no top-level `store`.

The new environment borrows the test environment's third-party packages through a plain
path line (a .pth line that names a folder adds it to sys.path without running that
folder's own .pth files, so the checkout's editable finder stays out)."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("wheel")]  # one worker: the wheel is built once


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("wheel")
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(work), str(ROOT)],
                           capture_output=True, text=True, cwd=work)
    if build.returncode != 0 and "No matching distribution" in build.stderr + build.stdout:
        pytest.skip("pip cannot fetch setuptools for an isolated build here (no package index)")
    assert build.returncode == 0, build.stderr[-2000:]
    wheel = next(work.glob("duban-*.whl"))
    env_dir = work / "env"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    site = Path(subprocess.run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               capture_output=True, text=True, check=True).stdout.strip())
    (site / "borrowed.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index", "-q",
                    str(wheel)], check=True, capture_output=True, cwd=work)
    return env_dir


def _run(env_dir: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "DUBAN"))}
    env |= {"DUBAN_STORE": str(cwd / "s" / "store.json"), "XDG_CONFIG_HOME": str(cwd / "cfg"),
            "XDG_CACHE_HOME": str(cwd / "cache")}
    return subprocess.run(args, capture_output=True, text=True, cwd=cwd, env=env, timeout=120)


def test_the_wheel_holds_one_package(installed: Path) -> None:
    wheel = next(installed.parent.glob("duban-*.whl"))
    tops = {name.split("/")[0] for name in zipfile.ZipFile(wheel).namelist()}
    assert tops == {"duban", next(t for t in tops if t.endswith(".dist-info"))}
    names = zipfile.ZipFile(wheel).namelist()
    for data in ("duban/keymaps/default.toml", "duban/themes/dark.toml", "duban/store/vocab/headers.toml",
                 "duban/tui/settings/labels/zh.toml", "duban/tui/app/app.tcss", "duban/tui/cli/sample_plan.txt"):
        assert data in names
    assert any(n.startswith("duban/tui/settings/labels/en/") for n in names)


def test_installed_duban_runs_outside_the_checkout(installed: Path, tmp_path: Path) -> None:
    duban = str(installed / "bin" / "duban")
    python = str(installed / "bin" / "python")
    assert "demo" in _run(installed, duban, "demo", "--help", cwd=tmp_path).stdout
    sample = _run(installed, python, "-c", "from duban.tui.cli.setup import SAMPLE_PLAN; print(SAMPLE_PLAN)",
                  cwd=tmp_path).stdout.strip()
    assert str(ROOT) not in sample and Path(sample).is_file()
    assert _run(installed, duban, "import", sample, cwd=tmp_path).returncode == 0
    listed = _run(installed, duban, "ls", "--unit", "区财政局", cwd=tmp_path)
    assert listed.returncode == 0 and "区财政局" in listed.stdout, listed.stderr
    keys = _run(installed, duban, "--lang", "en", "keys", cwd=tmp_path)  # the keymaps, from the installed data
    assert keys.returncode == 0 and "keymap: default" in keys.stdout and "set-done" in keys.stdout, keys.stderr
    report = _run(installed, duban, "--lang", "en", "report", "--width", "80", cwd=tmp_path)
    assert report.returncode == 0 and report.stdout.strip(), report.stderr
    probe = ("import sys, duban.tui.cli.main as m\n"
             "m.main(['ls', '--json'])\n"
             "from duban.tui.app.app import DubanApp\n"
             "from duban.tui.settings.themes import load_themes\n"
             "specs, problems = load_themes(); assert specs and not problems, problems\n"
             "bad = sorted(k for k in sys.modules if k.split('.')[0] in ('store', 'tui', 'keymaps', 'themes'))\n"
             "print('TOP-LEVEL', bad, file=sys.stderr)\n"
             "print('FROM', m.__file__, file=sys.stderr)\n")
    checked = _run(installed, python, "-c", probe, cwd=tmp_path)
    assert "TOP-LEVEL []" in checked.stderr, checked.stderr[-2000:]
    assert str(ROOT) not in checked.stderr.split("FROM", 1)[1]
