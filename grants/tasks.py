"""Thin Celery tasks of the grants app: each calls one service and is safe to run twice."""

from celery import shared_task

from . import services


@shared_task
def report_reminders_send() -> int:
    """Daily: remind organisations of grant-use reports due soon or overdue; a
    reminder already sent is never sent again."""
    return services.report_reminders_send()
