"""Helpers for the checklist tests: liaison persons, assessments answered and
published in one call, NGO views."""

from __future__ import annotations

from cooperation.checklist import services
from cooperation.checklist.models import Assessment, Level
from cooperation.models import User
from tests.factories import municipality


def criteria_of(assessment: Assessment):
    return list(services.assessed_criteria(assessment))


def answer_all(assessment: Assessment, by: User, level: str = Level.IN_PLACE, **levels) -> None:
    """Every criterion at `level`, except those named by key in `levels`."""
    services.answers_save(
        assessment=assessment,
        by=by,
        answers={
            c.pk: (levels.get(c.key.replace("-", "_"), level), "Perustelu")
            for c in criteria_of(assessment)
        },
    )


def published(
    year: int, by: User, code: str = "853", level: str = Level.IN_PLACE, **levels
) -> Assessment:
    assessment = services.assessment_start(by=by, year=year, municipality=municipality(code))
    answer_all(assessment, by, level, **levels)
    return services.assessment_publish(assessment=assessment, by=by)


def rate_all(assessment: Assessment, organisation, by: User, level: str = Level.IN_PLACE):
    return services.ngo_view_submit(
        assessment=assessment,
        organisation=organisation,
        by=by,
        ratings={c.pk: (level, "") for c in criteria_of(assessment)},
    )
