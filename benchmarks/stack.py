"""The production stack on this machine, for the load and fault benchmarks:
gunicorn with the production settings, a Celery worker and beat, a mail sink,
on the machine's PostgreSQL (the benchmark's database) and Redis.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/kumppani_bench_region \\
        .venv/bin/python benchmarks/stack.py          # runs until Ctrl+C

load.py and faults.py start it themselves. Plain http on 127.0.0.1:8100 (the TLS
proxy of a real deployment is left out; SECURE_SSL_REDIRECT is off for that).
The signal forms' rate limits are raised: every simulated user comes from one
address.
"""

from __future__ import annotations

import http.client
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = ROOT / ".venv" / "bin"
PORT = 8100
BASE = f"http://127.0.0.1:{PORT}"
MAIL_PORT = 2525
MAIL_LOG = ROOT / "var" / "bench-mail.jsonl"


def environment() -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DATABASE_URL": os.environ.get(
            "DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/kumppani_bench_region"
        ),
        "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/5"),
        "SECRET_KEY": "benchmark-only-0123456789abcdefghijklmnopqrstuvwxyz-0123456789",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SITE_URL": BASE,
        "SECURE_SSL_REDIRECT": "false",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(MAIL_PORT),
        "SIGNAL_RATE_LIMIT_PER_LINK": "1000000",
        "SIGNAL_RATE_LIMIT_PER_ADDRESS": "1000000",
        "PYTHONUNBUFFERED": "1",
    }


class Stack:
    def __init__(self, *, workers: int = 3, log_dir: Path = ROOT / "var" / "bench-logs"):
        self.workers = workers
        self.log_dir = log_dir
        self.processes: dict[str, subprocess.Popen] = {}

    def _start(self, name: str, command: list[str]) -> None:
        self.log_dir.mkdir(parents=True, exist_ok=True)
        log = (self.log_dir / f"{name}.log").open("a")
        self.processes[name] = subprocess.Popen(
            command,
            cwd=ROOT,
            env=environment(),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def start_web(self) -> None:
        self._start(
            "web",
            [
                str(BIN / "gunicorn"),
                "-c",
                "config/gunicorn.py",
                "config.wsgi:application",
                "--bind",
                f"127.0.0.1:{PORT}",
                "--workers",
                str(self.workers),
                "--access-logfile",
                "-",
                "--access-logformat",
                '%(t)s "%(m)s %(U)s" %(s)s %(L)ss',
            ],
        )

    def start_worker(self) -> None:
        self._start(
            "worker",
            [
                str(BIN / "celery"),
                "-A",
                "config",
                "worker",
                "--loglevel",
                "INFO",
                "--concurrency",
                "2",
            ],
        )

    def start_beat(self) -> None:
        schedule = ROOT / "var" / "bench-celerybeat-schedule"
        self._start(
            "beat",
            [
                str(BIN / "celery"),
                "-A",
                "config",
                "beat",
                "--loglevel",
                "INFO",
                "--schedule",
                str(schedule),
            ],
        )

    def start_mail(self) -> None:
        self._start(
            "mail",
            [
                str(BIN / "python"),
                "benchmarks/smtp_sink.py",
                "--port",
                str(MAIL_PORT),
                "--out",
                str(MAIL_LOG),
            ],
        )

    def start(self) -> None:
        MAIL_LOG.unlink(missing_ok=True)
        subprocess.run(
            [str(BIN / "python"), "manage.py", "collectstatic", "--no-input", "-v", "0"],
            cwd=ROOT,
            env=environment(),
            check=True,
        )
        self.start_mail()
        self.start_web()
        self.start_worker()
        self.start_beat()
        self.wait_until_up()

    def wait_until_up(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=2)
            try:
                connection.request("GET", "/healthz")
                if connection.getresponse().status == 200:
                    return
            except OSError:
                pass
            finally:
                connection.close()
            time.sleep(0.5)
        raise RuntimeError(f"the stack did not come up; see {self.log_dir}")

    def kill(self, name: str) -> None:
        """As a crash: SIGKILL to the whole process group, no clean shutdown."""
        process = self.processes.pop(name)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()

    def stop(self) -> None:
        for name in list(self.processes):
            process = self.processes.pop(name)
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)


def main() -> None:
    stack = Stack()
    stack.start()
    print(f"up: {BASE} (Ctrl+C stops)", file=sys.stderr)
    try:
        signal.pause()
    except KeyboardInterrupt:
        pass
    finally:
        stack.stop()


if __name__ == "__main__":
    main()
