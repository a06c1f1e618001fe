"""Scores of the checklist: plain arithmetic, no database.

A criterion scores 0 (not in place), 1 (partly) or 2 (in place) points; a
criterion that is not applicable, or not answered yet, is left out. An area,
a theme and the total are the points earned as a percentage of the points the
applicable criteria could earn: an area with no applicable criterion has no
score and does not pull its theme down. The NGOs' view scores each criterion
by the mean of the organisations' ratings.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from .models import LEVEL_POINTS, MAX_POINTS, Level

ONE_DECIMAL = Decimal("0.1")


def level_points(level: str) -> Decimal | None:
    points = LEVEL_POINTS.get(level)
    return None if points is None else Decimal(points)


def as_percent(points: Decimal | None) -> Decimal | None:
    """A criterion's points as a percentage (0, 50, 100 or between for a mean)."""
    if points is None:
        return None
    return (points * 100 / MAX_POINTS).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


@dataclass
class Score:
    points: Decimal = Decimal(0)
    applicable: int = 0

    def add(self, points: Decimal | None) -> None:
        if points is not None:
            self.points += points
            self.applicable += 1

    @property
    def percent(self) -> Decimal | None:
        if not self.applicable:
            return None
        value = self.points * 100 / (self.applicable * MAX_POINTS)
        return value.quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


@dataclass
class ScoreSheet:
    total: Score = field(default_factory=Score)
    themes: dict[str, Score] = field(default_factory=dict)
    areas: dict[str, Score] = field(default_factory=dict)


def roll_up(
    criteria: Iterable[tuple[str, str, int]], points: Mapping[int, Decimal | None]
) -> ScoreSheet:
    """Scores from (theme key, area key, criterion id) rows and each criterion's
    points (None: not applicable or no answer)."""
    sheet = ScoreSheet()
    for theme_key, area_key, criterion_id in criteria:
        value = points.get(criterion_id)
        sheet.themes.setdefault(theme_key, Score()).add(value)
        sheet.areas.setdefault(area_key, Score()).add(value)
        sheet.total.add(value)
    return sheet


@dataclass
class Spread:
    """How the organisations rated one criterion."""

    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(Level.values, 0))

    @property
    def rated(self) -> int:
        return sum(self.counts.values())

    @property
    def mean_points(self) -> Decimal | None:
        applicable = self.rated - self.counts[Level.NOT_APPLICABLE]
        if not applicable:
            return None
        total = sum(self.counts[level] * points for level, points in LEVEL_POINTS.items())
        return Decimal(total) / applicable

    @property
    def percent(self) -> Decimal | None:
        return as_percent(self.mean_points)


def spreads(ratings: Iterable[tuple[int, str]]) -> dict[int, Spread]:
    """Spread per criterion from (criterion id, level) rows."""
    result: dict[int, Spread] = {}
    for criterion_id, level in ratings:
        result.setdefault(criterion_id, Spread()).counts[level] += 1
    return result


def differs_widely(first: Decimal | None, second: Decimal | None, gap: int) -> bool:
    return first is not None and second is not None and abs(first - second) >= gap
