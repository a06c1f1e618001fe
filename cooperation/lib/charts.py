"""Bar charts drawn on the server as SVG, so they work in pages, PDFs and without
JavaScript. The template `includes/bar_chart.html` draws what this computes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

ROW_HEIGHT = 22
LABEL_WIDTH = 220
BAR_AREA = 300
VALUE_WIDTH = 60


@dataclass(frozen=True)
class Bar:
    label: str
    value: int | Decimal
    display: str
    y: int
    width: int

    @property
    def text_y(self) -> int:
        return self.y + ROW_HEIGHT - 7

    @property
    def value_x(self) -> int:
        return LABEL_WIDTH + self.width + 6


@dataclass(frozen=True)
class BarChart:
    bars: list[Bar]
    width: int
    height: int
    label_width: int = LABEL_WIDTH
    bar_height: int = ROW_HEIGHT - 6


def bar_chart(
    rows: list[tuple[str, int | Decimal]], *, display: Callable[[int | Decimal], str] = str
) -> BarChart:
    """Horizontal bars in the order given; widths relative to the largest value.

    `display` writes a value as the reader sees it (a count, or euros)."""
    largest = max((value for _label, value in rows), default=0) or 1
    bars = [
        Bar(
            label=str(label)[:40],
            value=value,
            display=display(value),
            y=index * ROW_HEIGHT,
            width=max(round(BAR_AREA * value / largest), 1 if value else 0),
        )
        for index, (label, value) in enumerate(rows)
    ]
    return BarChart(
        bars=bars, width=LABEL_WIDTH + BAR_AREA + VALUE_WIDTH, height=len(bars) * ROW_HEIGHT
    )
