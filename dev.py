#!/usr/bin/env python3
"""The two commands of the README, for a fresh machine with only Python 3.12+.

    python3 dev.py start   install, migrate, load demo data, serve on http://127.0.0.1:8000
    python3 dev.py test    install (with test tools) and run the whole test suite

`dev.py test` with no arguments runs the suite on every core (pytest-xdist), then
the browser tests one after the other; with arguments it is plain pytest.

and, for CI and developers: `python3 dev.py install` (the environment with the
test tools, nothing run).

Everything is installed into .venv/ from the lock file (uv.lock). Settings come
from the environment (see README); with none, the portal runs on SQLite with
tasks in-process.
"""

from __future__ import annotations

import ctypes.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
PYTHON = VENV / "bin" / "python"
UV_VERSION = "0.13.8"
# Debian/Ubuntu packages: Pango for WeasyPrint, gettext for the translations,
# Voikko and its Finnish dictionary for the search (cooperation/search/finnish.py).
APT_PACKAGES = [
    "libpango-1.0-0",
    "libpangoft2-1.0-0",
    "libharfbuzz-subset0",
    "gettext",
    "libvoikko1",
    "voikko-fi",
]


def run(*args: str | Path, env: dict | None = None) -> None:
    print("$", " ".join(str(a) for a in args), flush=True)
    subprocess.run([str(a) for a in args], check=True, cwd=ROOT, env=env)


def ensure_system_packages() -> None:
    """WeasyPrint loads Pango and the search Voikko at run time; install them with
    apt where we can."""
    voikko = ctypes.util.find_library("voikko") and Path("/usr/lib/voikko").is_dir()
    if ctypes.util.find_library("pango-1.0") and shutil.which("msgfmt") and voikko:
        return
    apt = shutil.which("apt-get")
    if apt and os.geteuid() == 0:
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        run(apt, "update", "-qq", env=env)
        run(apt, "install", "-y", "-qq", "--no-install-recommends", *APT_PACKAGES, env=env)
    elif not ctypes.util.find_library("pango-1.0") or not voikko:
        print(
            "WeasyPrint needs Pango and the Finnish search Voikko: install them with\n"
            f"your package manager, e.g.  sudo apt-get install {' '.join(APT_PACKAGES)}",
            file=sys.stderr,
        )


def ensure_environment(*, dev: bool) -> None:
    if not PYTHON.exists():
        run(sys.executable, "-m", "venv", VENV)
    uv = VENV / "bin" / "uv"
    if not uv.exists():
        run(PYTHON, "-m", "pip", "install", "--quiet", f"uv=={UV_VERSION}")
    sync = [uv, "sync", "--frozen", "--python", PYTHON]
    if not dev:
        sync += ["--no-dev", "--inexact"]
    run(
        *sync,
        env={**os.environ, "UV_PROJECT_ENVIRONMENT": str(VENV), "UV_PYTHON_DOWNLOADS": "never"},
    )
    ensure_system_packages()
    if shutil.which("msgfmt"):
        run(PYTHON, "manage.py", "compilemessages", "--ignore", ".venv", "-v", "0")


def start() -> None:
    ensure_environment(dev=False)
    env = {**os.environ}
    run(PYTHON, "manage.py", "migrate", "--no-input", env=env)
    run(PYTHON, "manage.py", "demo_data", env=env)
    print("\nThe portal runs at http://127.0.0.1:8000  (stop with Ctrl+C)\n", flush=True)
    os.execv(PYTHON, [str(PYTHON), "manage.py", "runserver", "127.0.0.1:8000"])


def test(args: list[str]) -> None:
    ensure_environment(dev=True)
    if args:
        os.execv(PYTHON, [str(PYTHON), "-m", "pytest", *args])
    # The database tests split well over the cores. The browser tests do not: two
    # Chromiums with live servers on two cores were slower than one after the
    # other (measured: 6:15 against 5:33), so they run afterwards, serially.
    workers = min(os.cpu_count() or 1, 4)
    # The walks are collected first (tests/conftest.py) and idle workers take work
    # from busy ones (worksteal), so no core waits for the other at the end.
    parallel = ["-n", str(workers), "--dist", "worksteal"] if workers > 1 else []
    first = subprocess.run([PYTHON, "-m", "pytest", *parallel, "-m", "not browser"])
    second = subprocess.run([PYTHON, "-m", "pytest", "-m", "browser"])
    # pytest answers 5 when nothing was collected (no browser tests selected).
    codes = {first.returncode, second.returncode} - {0, 5}
    sys.exit(max(codes) if codes else 0)


def main() -> None:
    os.chdir(ROOT)
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "start":
        start()
    elif command == "test":
        test(sys.argv[2:])
    elif command == "install":
        ensure_environment(dev=True)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
