"""Budget arithmetic of applications and grant-use reports: no database, no
services, so that the PDFs, the template tags and the services can all use it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from .models import ZERO, BudgetLine


@dataclass(frozen=True)
class LineInput:
    """A budget line as typed, before it is stored."""

    kind: str
    description: str
    amount: Decimal


def totals(lines: Iterable[BudgetLine | LineInput]) -> tuple[Decimal, Decimal]:
    """(costs, income) of budget lines."""
    costs = income = ZERO
    for line in lines:
        if line.kind == BudgetLine.Kind.COST:
            costs += line.amount
        else:
            income += line.amount
    return costs, income
