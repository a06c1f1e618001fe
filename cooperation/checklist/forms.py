"""Forms of the checklist pages. They check input; the services apply the rules."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cooperation.forms import GuardedForm, HoneypotForm
from cooperation.lib.choices import ShownNameChoiceField
from cooperation.models import PublicBody

from .models import Level
from .selectors import SORTS

LEVEL_CHOICES = [(value, label) for value, label in Level.choices]


class AssessmentStartForm(GuardedForm):
    municipality = ShownNameChoiceField(
        label=_("Municipality or wellbeing services county"),
        queryset=PublicBody.objects.none(),
    )
    year = forms.IntegerField(label=_("Year"), min_value=2015, max_value=2100)

    def __init__(self, *args, bodies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = bodies
        self.fields["year"].initial = timezone.localdate().year


class CriteriaForm(GuardedForm):
    """A level and a comment for each criterion given. The municipality's answers
    may leave a level empty while the draft is under way; an NGO's view may not."""

    def __init__(self, *args, criteria, initial_answers=None, require_all=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        initial_answers = initial_answers or {}
        for criterion in self.criteria:
            level, text = initial_answers.get(criterion.pk, ("", ""))
            # The criterion is the legend of its card; the choices ask of it
            # (its text as their label too printed every sentence twice).
            self.fields[f"level_{criterion.pk}"] = forms.ChoiceField(
                label=_("Is it in place?"),
                choices=LEVEL_CHOICES,
                widget=forms.RadioSelect,
                required=require_all,
                initial=level,
            )
            self.fields[f"text_{criterion.pk}"] = forms.CharField(
                label=_("Justification") if not require_all else _("Comment"),
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
                max_length=4000 if not require_all else 2000,
                initial=text,
            )

    def rows(self):
        """(criterion, level field, text field) for the template."""
        return [(c, self[f"level_{c.pk}"], self[f"text_{c.pk}"]) for c in self.criteria]

    def values(self) -> dict[int, tuple[str, str]]:
        return {
            c.pk: (self.cleaned_data[f"level_{c.pk}"], self.cleaned_data[f"text_{c.pk}"])
            for c in self.criteria
        }


class SummaryForm(GuardedForm):
    summary = forms.CharField(
        label=_("Summary of the assessment"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=8000,
    )


class NgoOrganisationForm(GuardedForm):
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=None)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        if organisations.count() == 1:
            self.fields["organisation"].initial = organisations.first()


class EvidenceLinkForm(GuardedForm):
    criterion = forms.IntegerField(widget=forms.HiddenInput)
    title = forms.CharField(label=_("Title"), max_length=300)
    url = forms.URLField(label=_("Web address"), max_length=500, assume_scheme="https")


class EvidenceDocumentForm(GuardedForm):
    criterion = forms.IntegerField(widget=forms.HiddenInput)
    title = forms.CharField(label=_("Title"), max_length=300)
    file = forms.FileField(label=_("PDF document"))


class SuggestionForm(GuardedForm):
    criterion = forms.IntegerField(widget=forms.HiddenInput)
    source = forms.CharField(max_length=120, widget=forms.HiddenInput)
    accept = forms.BooleanField(required=False, widget=forms.HiddenInput)


class TargetForm(GuardedForm):
    criterion = forms.TypedChoiceField(label=_("Criterion to improve"), coerce=int)
    description = forms.CharField(
        label=_("What will be done"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000
    )
    owner = forms.CharField(label=_("Owner"), max_length=200)
    due_date = forms.DateField(label=_("Due date"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["criterion"].choices = [
            (c.pk, f"{c.area.name}: {c.text[:90]}") for c in criteria
        ]


class ForumRegistrationForm(HoneypotForm):
    # The registrant's own name and address are what the form is for.
    personal_data_fields = ("organisation_name",)

    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("E-mail"))
    organisation_name = forms.CharField(label=_("Organisation"), max_length=200, required=False)


class ComparisonForm(GuardedForm):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False)
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("self", _("self-assessment, highest first")),
            ("ngo", _("NGOs' view, highest first")),
            ("gap", _("largest difference first")),
            ("name", _("name")),
        ],
    )

    def __init__(self, *args, years, themes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("latest"))] + [(y, str(y)) for y in reversed(years)]
        self.fields["theme"].choices = [("", _("total")), *themes.items()]

    def options(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        sort = data.get("sort") or "self"
        return {
            "year": data.get("year") or None,
            "theme": data.get("theme") or "",
            "sort": sort if sort in SORTS else "self",
        }
