"""Template filters of the portal: money in Finnish conventions, whatever the language."""

from decimal import Decimal

from django import template

from cooperation.lib.formats import money

register = template.Library()


@register.filter
def euro(value) -> str:
    """1234.5 → "1 234,50 €" (non-breaking spaces); empty for a missing value."""
    return money(value)


@register.filter
def percent(value) -> str:
    """A score as Finnish readers write it (75,5 %); a dash when there is none."""
    if value is None or value == "":
        return "–"
    return f"{Decimal(value):.1f}".replace(".", ",") + "\u00a0%"


@register.filter
def get_item(mapping, key):
    """mapping[key] in a template, None when missing."""
    return mapping.get(key) if mapping else None


@register.simple_tag(takes_context=True)
def rendered(context, template_name: str):
    """The template rendered once with the page's context, to show it more than once
    (`{% rendered "includes/nav_links.html" as nav %}`): the main menu appears in
    the wide and the narrow header, and laying it out twice cost every page."""
    return context.template.engine.get_template(template_name).render(context)
