"""Choices of municipalities (or anything named per language) in the order of
the name the reader sees: a Swedish reader finds Åbo among the Å's, after Z,
not under T where Turku would be.

The querysets of form fields are made when the form class is, before any
language is known, so the order is set as the choices are listed."""

from __future__ import annotations

from django import forms
from django.forms.models import ModelChoiceIterator

# Finnish and Swedish put Å, Ä and Ö after Z, in that order; code points put
# Ä before Å.
_AFTER_Z = str.maketrans({"å": "{", "ä": "|", "æ": "|", "ö": "}", "ø": "}"})


def alphabetical_key(text: str) -> str:
    return text.casefold().translate(_AFTER_Z)


class _ByShownName(ModelChoiceIterator):
    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in sorted(self.queryset.all(), key=lambda obj: alphabetical_key(str(obj))):
            yield self.choice(obj)


class ShownNameChoiceField(forms.ModelChoiceField):
    iterator = _ByShownName


class ShownNameMultipleChoiceField(forms.ModelMultipleChoiceField):
    iterator = _ByShownName
