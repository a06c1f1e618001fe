"""The person's notice settings: a choice for each kind that may be put off."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cooperation.forms import GuardedForm

from .models import Delivery


class NoticeSettingsForm(GuardedForm):
    def __init__(self, *args, preferences, **kwargs):
        super().__init__(*args, **kwargs)
        self.always = []
        for kind, delivery in preferences:
            if kind.always:
                self.always.append(kind)
                continue
            self.fields[kind.key] = forms.ChoiceField(
                label=kind.label,
                choices=Delivery.choices,
                initial=delivery,
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose how you want these notices.")},
            )
