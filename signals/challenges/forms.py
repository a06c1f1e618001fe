"""Forms of the area challenges. They check input; the services apply the rules."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cooperation.forms import GuardedModelForm

from ..needs.selectors import public_needs_of_body
from .models import AreaChallenge, ChallengeEdition


class EditionForm(GuardedModelForm):
    personal_data_fields = ("introduction_fi", "introduction_sv")

    class Meta:
        model = ChallengeEdition
        fields = ["year", "introduction_fi", "introduction_sv", "workshop"]
        widgets = {
            "introduction_fi": forms.Textarea(attrs={"rows": 4}),
            "introduction_sv": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, body, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:  # the year stays
            del self.fields["year"]
        else:
            self.fields["year"].initial = timezone.localdate().year
        # The body's NGO forums (kept in the admin) are the workshops on offer.
        forums = self._meta.model._meta.get_field("workshop").related_model
        self.fields["workshop"].queryset = forums.objects.filter(municipality=body).order_by(
            "-starts_at"
        )
        self.fields["workshop"].empty_label = _("No workshop yet")

    def edition_fields(self) -> dict:
        return {
            name: self.cleaned_data[name]
            for name in ("introduction_fi", "introduction_sv", "workshop")
        }


class ChallengeForm(GuardedModelForm):
    personal_data_fields = ("area", "title_fi", "title_sv", "description_fi", "description_sv")

    needs = forms.ModelMultipleChoiceField(
        label=_("Needs behind the challenge"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("The published needs gathered from NGOs' signals that the challenge rests on."),
    )

    class Meta:
        model = AreaChallenge
        fields = ["area", "title_fi", "title_sv", "description_fi", "description_sv"]
        widgets = {
            "description_fi": forms.Textarea(attrs={"rows": 4}),
            "description_sv": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["needs"].queryset = public_needs_of_body(edition.municipality_id)
        if self.instance.pk:
            self.initial.setdefault("needs", list(self.instance.needs.all()))

    def challenge_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}
