"""Thin Celery tasks: each calls one service and is safe to run twice."""

from celery import shared_task

from .privacy import services as privacy_services


@shared_task
def personal_data_retention() -> dict[str, int]:
    return privacy_services.personal_data_retention()


@shared_task
def notices_daily() -> int:
    from .notices import services as notice_services

    return notice_services.send_daily()
