"""Reference numbers that people read out on the phone and type from a letter:
signals ("K7QM-2XPA"), applications ("A7QM-2XPAB") and agreements ("K7QM-2XPAB").

Eight random characters from an alphabet without the look-alikes (no I, O, 0
or 1). A new row gets its reference as it is stored; should another row hold
the same reference already (the database's unique constraint says so), a new
one is drawn, so a collision never reaches the person sending."""

from __future__ import annotations

import secrets

from django.db import IntegrityError, models, transaction

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
ATTEMPTS = 5


class NoFreeReference(RuntimeError):
    """Every attempt collided: the references of this kind are running out."""


def new_reference(prefix: str = "") -> str:
    """`prefix` and eight random characters, a hyphen after the fourth character."""
    code = "".join(secrets.choice(ALPHABET) for _ in range(8))
    head = 4 - len(prefix)
    return f"{prefix}{code[:head]}-{code[head:]}"


def save_with_reference(instance: models.Model, *, prefix: str = "", field: str = "reference"):
    """Store the new `instance` with a fresh reference in `field`. Each attempt is
    a savepoint of its own, so a collision leaves the caller's transaction usable;
    any other integrity error is the caller's and is raised as it is."""
    manager = type(instance)._default_manager
    for _attempt in range(ATTEMPTS):
        reference = new_reference(prefix)
        setattr(instance, field, reference)
        try:
            with transaction.atomic():
                instance.save(force_insert=True)
        except IntegrityError:
            if manager.filter(**{field: reference}).exists():
                continue
            raise
        return instance
    raise NoFreeReference(f"no free {type(instance).__name__} reference in {ATTEMPTS} attempts")
