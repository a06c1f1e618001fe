"""Faults under load, on the production stack (benchmarks/stack.py) and the
region-sized data set. Each scenario prints what it measured as JSON.

    export DATABASE_URL=postgresql://postgres@127.0.0.1:5432/kumppani_bench_region
    .venv/bin/python benchmarks/faults.py redis      # Redis stopped during signal submissions
    .venv/bin/python benchmarks/faults.py worker     # the worker killed during the digest and reminders
    .venv/bin/python benchmarks/faults.py postgres   # PostgreSQL restarted under load

They stop and start the machine's own Redis and PostgreSQL (`service`,
`pg_ctlcluster`), and always start them again before they end.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings")

from benchmarks.load import User, prepare, summarise  # noqa: E402
from benchmarks.stack import MAIL_LOG, Stack, environment  # noqa: E402


def _run(command: list[str], env: dict | None = None) -> None:
    subprocess.run(
        command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, env=env
    )


def _load_in_background(plan, users, seconds, signal_share=0.1):
    """Users as in load.py, each result also on a timeline (when, kind, ok)."""
    results: dict[str, list] = defaultdict(list)
    timeline: list[tuple[float, str, bool]] = []
    until = time.monotonic() + seconds

    class Timed(User):
        def _record(self, kind, status, elapsed, body=b""):
            super()._record(kind, status, elapsed, body)
            timeline.append((time.monotonic(), kind, status in (200, 302)))

    threads = [Timed(plan, until, results, seed, signal_share) for seed in range(users)]
    for thread in threads:
        thread.start()
    return threads, results, timeline


def _celery(task: str) -> None:
    """Send a task through the broker, as beat does."""
    _run([str(ROOT / ".venv/bin/celery"), "-A", "config", "call", task], env=environment())


def _mail_lines() -> list[dict]:
    if not MAIL_LOG.exists():
        return []
    return [json.loads(line) for line in MAIL_LOG.read_text().splitlines() if line.strip()]


def scenario_redis(users: int) -> dict:
    """Signals are sent while Redis is stopped for 20 s; every one the server took
    must be stored and go into the next digest once Redis is back."""
    import django

    django.setup()
    from signals.models import Signal

    plan = prepare(10)
    started_at = Signal.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    stack = Stack()
    stack.start()
    try:
        threads, results, timeline = _load_in_background(plan, users, 60, signal_share=1.0)
        time.sleep(15)
        down = time.monotonic()
        _run(["service", "redis-server", "stop"])
        time.sleep(20)
        _run(["service", "redis-server", "start"])
        up = time.monotonic()
        for thread in threads:
            thread.join()
        summary = summarise(results, 60)
        during = [ok for at, kind, ok in timeline if down <= at <= up and kind == "signal sent"]
        new = Signal.objects.filter(pk__gt=started_at)
        taken = summary.get("signal sent", {}).get("requests", 0) - summary.get(
            "signal sent", {}
        ).get("errors", 0)
        # The next digest, through the broker and the worker, now that Redis is back.
        _celery("signals.tasks.digest_weekly")
        deadline = time.monotonic() + 120
        while new.filter(digest__isnull=True).exists() and time.monotonic() < deadline:
            time.sleep(1)
        return {
            "scenario": "redis stopped 20 s during signal submissions",
            "load": summary,
            "sent_while_redis_down": len(during),
            "failed_while_redis_down": during.count(False),
            "signals_taken": taken,
            "signals_stored": new.count(),
            "stored_but_not_in_a_digest_after_redis_back": new.filter(digest__isnull=True).count(),
        }
    finally:
        _run(["service", "redis-server", "start"])
        stack.stop()


def scenario_worker() -> dict:
    """The worker is killed (SIGKILL) while the weekly digest and the grant
    reminders are being sent, then started again and the jobs run again (as the
    broker's redelivery or the next beat run would): every mail goes once."""
    import django

    django.setup()
    from datetime import timedelta

    from django.utils import timezone

    from grants.models import Application, ReportReminder, UseReport
    from signals.models import DigestDelivery, Signal

    # Work waiting, as on a Monday morning: 2,000 signals for the digest (taken
    # out of their earlier digests: this is the benchmark's own database) and
    # grant-use reports of 300 granted applications, due within a week.
    latest = Signal.objects.filter(is_accepted=True).order_by("-pk").values("pk")[:2000]
    Signal.objects.filter(pk__in=list(latest.values_list("pk", flat=True))).update(digest=None)
    granted = Application.objects.filter(
        status=Application.Status.GRANTED, use_report__isnull=True
    ).values_list("pk", flat=True)[:300]
    UseReport.objects.bulk_create(
        [
            UseReport(application_id=pk, due_date=timezone.localdate() + timedelta(days=7))
            for pk in granted
        ]
    )
    first_delivery = (
        DigestDelivery.objects.order_by("-pk").values_list("pk", flat=True).first()
    ) or 0
    MAIL_LOG.unlink(missing_ok=True)
    stack = Stack()
    stack.start()
    try:
        _celery("signals.tasks.digest_weekly")
        _celery("grants.tasks.report_reminders_send")
        deadline = time.monotonic() + 120
        while len(_mail_lines()) < 20 and time.monotonic() < deadline:
            time.sleep(0.2)
        before_kill = len(_mail_lines())
        stack.kill("worker")
        stack.start_worker()
        _celery("signals.tasks.digest_weekly")
        _celery("grants.tasks.report_reminders_send")
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and (
            DigestDelivery.objects.exclude(status=DigestDelivery.Status.SENT).exists()
            or ReportReminder.objects.filter(sent_at__isnull=True).exists()
        ):
            time.sleep(1)
        time.sleep(3)
        mails = Counter((tuple(m["to"]), m["subject"]) for m in _mail_lines())
        deliveries = DigestDelivery.objects.filter(pk__gt=first_delivery)
        return {
            "scenario": "worker killed during the digest and the reminders",
            "mails_before_the_kill": before_kill,
            "mails_in_all": sum(mails.values()),
            "deliveries": deliveries.count(),
            "deliveries_not_sent": deliveries.exclude(status=DigestDelivery.Status.SENT).count(),
            "reminders": ReportReminder.objects.count(),
            "reminders_not_sent": ReportReminder.objects.filter(sent_at__isnull=True).count(),
            "mails_sent_twice": sum(1 for count in mails.values() if count > 1),
        }
    finally:
        stack.stop()


def scenario_postgres(users: int) -> dict:
    """PostgreSQL is restarted 20 s into a minute of load: during the restart the
    requests fail with the friendly error page; afterwards they succeed again with
    nobody doing anything."""
    plan = prepare(10)
    stack = Stack()
    stack.start()
    try:
        threads, results, timeline = _load_in_background(plan, users, 60)
        time.sleep(20)
        restart = time.monotonic()
        _run(["pg_ctlcluster", "15", "main", "restart"])
        back = time.monotonic()
        for thread in threads:
            thread.join()
        after = [ok for at, _kind, ok in timeline if at > back + 5]
        failures = [at - restart for at, _kind, ok in timeline if not ok]
        return {
            "scenario": "PostgreSQL restarted under load",
            "restart_took_s": round(back - restart, 1),
            "load": summarise(results, 60),
            "failed_requests": len(failures),
            "failures_from_s_to_s_after_restart": (
                [round(min(failures), 1), round(max(failures), 1)] if failures else []
            ),
            "requests_from_5_s_after_restart": len(after),
            "failed_from_5_s_after_restart": after.count(False),
        }
    finally:
        subprocess.run(["pg_ctlcluster", "15", "main", "start"], check=False, capture_output=True)
        stack.stop()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("scenario", choices=["redis", "worker", "postgres"])
    parser.add_argument("--users", type=int, default=10)
    args = parser.parse_args()
    if args.scenario == "redis":
        result = scenario_redis(args.users)
    elif args.scenario == "worker":
        result = scenario_worker()
    else:
        result = scenario_postgres(args.users)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
