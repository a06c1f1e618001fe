"""Query shapes that every app needs the same way."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import QuerySet


def related_ids(model: type[models.Model], relation: str, value: Any) -> QuerySet:
    """The ids of `model` rows whose many-to-many `relation` holds `value` (an
    object, an id, or a queryset of them), read from the join table alone: a
    subquery for `pk__in`."""
    field = model._meta.get_field(relation)
    if not isinstance(field, models.ManyToManyField):
        raise TypeError(f"{model.__name__}.{relation} is not a many-to-many field")
    through = field.remote_field.through
    if through is None:  # only before the app registry is ready
        raise TypeError(f"{model.__name__}.{relation} has no join table yet")
    target = field.m2m_reverse_field_name()
    lookup = f"{target}__in" if isinstance(value, QuerySet) else target
    return through._default_manager.filter(**{lookup: value}).values(field.m2m_field_name())


def filter_related(queryset: QuerySet, relation: str, value: Any) -> QuerySet:
    """`queryset` narrowed to rows whose many-to-many `relation` holds `value`.
    Through a subquery, not a join: each row is listed once whatever it matches,
    without DISTINCT, and the list's own ordering and indexes stay usable."""
    return queryset.filter(pk__in=related_ids(queryset.model, relation, value))
