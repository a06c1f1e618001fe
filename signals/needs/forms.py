"""Forms of the need pages. They check input; the services apply the rules."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from cooperation.forms import GuardedForm, GuardedModelForm
from cooperation.lib.choices import ShownNameChoiceField
from cooperation.models import PublicBody, TargetGroup, Unit

from ..models import Signal, Topic
from .models import Need


class NeedForm(GuardedModelForm):
    """A need's texts and classification. The body is chosen once, when the need is
    created; a coordinator may leave it empty for a need of the whole region."""

    # A need is about residents as a group: no one's phone or address in its texts.
    personal_data_fields = ("title_fi", "title_sv", "summary_fi", "summary_sv", "areas")

    municipality = ShownNameChoiceField(
        label=_("Municipality or wellbeing services county"),
        queryset=PublicBody.objects.none(),
        required=False,
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"),
        queryset=Topic.objects.all(),
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
        model = Need
        fields = ["title_fi", "title_sv", "summary_fi", "summary_sv", "areas", "unit"]
        widgets = {
            "summary_fi": forms.Textarea(attrs={"rows": 5}),
            "summary_sv": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, bodies=None, regional: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if bodies is None:  # editing: the body stays
            del self.fields["municipality"]
            body_id = self.instance.municipality_id
            self.fields["unit"].queryset = Unit.objects.filter(municipality_id=body_id)
        else:
            self.fields["municipality"].queryset = bodies
            self.fields["municipality"].required = not regional
            if regional:
                self.fields["municipality"].empty_label = _("The whole region")
            self.fields["unit"].queryset = Unit.objects.filter(municipality__in=bodies)
        self.fields["unit"].required = False
        if self.instance.pk:
            self.fields["topics"].initial = list(self.instance.topics.all())
            self.fields["target_groups"].initial = list(self.instance.target_groups.all())

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class NeedSignalsForm(GuardedForm):
    """The signals chosen from those offered, to gather into the need."""

    signals = forms.ModelMultipleChoiceField(
        label=_("Signals"), queryset=Signal.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, offered, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["signals"].queryset = offered
        self.fields["signals"].label_from_instance = lambda signal: signal.reference


class NeedMoveForm(GuardedForm):
    to = forms.ChoiceField(label=_("New status"), choices=())
    note = forms.CharField(label=_("Note for the trail"), max_length=500, required=False)

    def __init__(self, *args, need: Need, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = [
            (status, Need.Status(status).label)
            for status in Need.Status.values
            if status in Need.MOVES[need.status]
        ]


class NeedStatisticsForm(GuardedForm):
    body = ShownNameChoiceField(
        label=_("Municipality or wellbeing services county"),
        queryset=PublicBody.objects.all(),
        required=False,
        empty_label=_("All"),
    )
    year = forms.IntegerField(
        label=_("Year the need was created"), min_value=2020, max_value=2100, required=False
    )
