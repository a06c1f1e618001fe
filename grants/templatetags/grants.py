from django import template

from grants.budget import totals
from grants.models import Application

register = template.Library()


@register.simple_tag
def budget_context(lines) -> dict:
    """Budget lines (already fetched) with their (costs, income) totals."""
    lines = list(lines)
    return {"lines": lines, "totals": totals(lines)}


@register.filter
def status_label(value: str) -> str:
    try:
        return Application.Status(value).label
    except ValueError:
        return value
