"""Thin Celery tasks of the agreements register: each calls one service and is
safe to run twice."""

from celery import shared_task

from .agreements import services


@shared_task
def follow_ups_open_due() -> int:
    """Daily: open the follow-up of every agreement whose period has ended, and the
    year's report and plan of every development partnership."""
    return services.follow_ups_open_due() + services.annual_reports_open_due()


@shared_task
def notices_send() -> int:
    """Daily: follow-up reminders and warnings of ending agreements, each sent once."""
    return services.notices_send()
