from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import Membership, Municipality, Organisation, TargetGroup, Theme, User
from .services import ORGANISATION_PROFILE_FIELDS
from .validators import normalise_business_id


class OrganisationForm(forms.ModelForm):
    """The organisation's profile. Saved through services, never with form.save()."""

    municipalities = forms.ModelMultipleChoiceField(
        label=_("Municipalities where it works"),
        queryset=Municipality.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    target_groups = forms.ModelMultipleChoiceField(
        label=_("Target groups"),
        queryset=TargetGroup.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Organisation
        fields = [*ORGANISATION_PROFILE_FIELDS, "municipalities", "themes", "target_groups"]
        widgets = {
            "description_fi": forms.Textarea(attrs={"rows": 5}),
            "description_sv": forms.Textarea(attrs={"rows": 5}),
            "description_en": forms.Textarea(attrs={"rows": 5}),
        }

    def clean_business_id(self):
        value = self.cleaned_data.get("business_id") or ""
        return normalise_business_id(value) or None

    def service_kwargs(self) -> dict:
        """The cleaned data as organisation_create/organisation_update take it."""
        return {
            "profile": {key: self.cleaned_data[key] for key in ORGANISATION_PROFILE_FIELDS},
            "municipalities": self.cleaned_data["municipalities"],
            "themes": self.cleaned_data["themes"],
            "target_groups": self.cleaned_data["target_groups"],
        }


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of the person to invite"))
    role = forms.ChoiceField(
        label=_("Role"), choices=Membership.Role.choices, initial=Membership.Role.MEMBER
    )


class HandOverForm(forms.Form):
    new_admin = forms.ModelChoiceField(label=_("New admin"), queryset=Membership.objects.none())

    def __init__(self, *args, memberships, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_admin"].queryset = memberships
        self.fields["new_admin"].label_from_instance = lambda m: str(m.user)


class ProfileForm(forms.ModelForm):
    preferred_language = forms.ChoiceField(
        label=_("Preferred language"), choices=settings.LANGUAGES
    )

    class Meta:
        model = User
        fields = ["full_name", "preferred_language"]
