"""Thin Celery tasks of the signals app: each calls one service and is safe to run twice."""

from celery import shared_task

from . import services


@shared_task(bind=True, max_retries=5)
def digest_weekly(self) -> int:
    """The Monday job: build what is new and send what waits. Retries (with a
    growing delay) while deliveries are failing; each retry only re-sends."""
    built, failing = services.digest_run()
    if failing:
        raise self.retry(countdown=300 * 2**self.request.retries)
    return len(built)


@shared_task(bind=True, max_retries=5)
def digest_daily(self) -> int:
    """Every day at the digest time: Monday's digest, or on the other days the
    digest a municipality missed (beat or the worker down on Monday)."""
    built, failing = services.digest_daily()
    if failing:
        raise self.retry(countdown=300 * 2**self.request.retries)
    return len(built)


@shared_task(bind=True, max_retries=5)
def digest_send_pending(self) -> int:
    failing = services.digest_send_pending()
    if failing:
        raise self.retry(countdown=300 * 2**self.request.retries)
    return failing
