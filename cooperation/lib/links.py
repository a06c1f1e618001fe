"""Addresses of many objects of one kind, for long tables."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse

# An id no row has (the largest a PostgreSQL integer holds), put where the row's id goes.
_MARKER = 2147483647


def link_for(name: str, *args) -> Callable[[int], str]:
    """The address of the named page for any object: reversed once, then filled in
    with each object's id, the last argument of the pattern. A table of 50 signals
    spent 5 ms of its page reversing one link per row."""
    head, tail = reverse(name, args=[*args, _MARKER]).rsplit(str(_MARKER), 1)
    return lambda pk: f"{head}{int(pk)}{tail}"
