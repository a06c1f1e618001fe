from django import forms
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .extensions import NeedResult
from .lib.choices import ShownNameMultipleChoiceField
from .models import Membership, Organisation, PublicBody, TargetGroup, Theme, User
from .privacy.personal_data import EMAIL, IDENTITY_CODE, PHONE, Finding, find_in_fields
from .services import ORGANISATION_PROFILE_FIELDS
from .validators import normalise_business_id

IDENTITY_CODE_REFUSED = _(
    "Remove the personal identity code: the portal does not store identity codes."
)
PERSONAL_DATA_REFUSED = _(
    "Remove this %(what)s: residents' personal data must not be written here."
)


def _typed_texts(value, *, file_names: bool = True) -> list[str]:
    """The text in a value a form was sent: strings, lists of them, and the
    names of uploaded files (a file's name is stored)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, (list, tuple)):
        return [text for item in value for text in _typed_texts(item)]
    name = getattr(value, "name", None)
    # In a file name, "_" stands for a space: 131052_308T.pdf.
    return [name.replace("_", " ")] if file_names and isinstance(name, str) else []


class IdentityCodeGuard:
    """Refuses personal data in anything typed into a form, so that none reaches
    the database, the search index, a task, a log or a PDF.

    Identity codes are refused in every field, file names included; phone
    numbers and e-mail addresses too in the free-text fields named in
    `personal_data_fields` (text that people outside the city write about
    their work, where a resident's contact details do not belong; contact
    fields of the sender's own stay out of it). The fields of one submission
    are read together (cooperation.privacy.personal_data), so a code split over
    two fields is found, and the message shows what to remove as it was typed.
    It reads what was sent, not what the fields made of it, so the reason is
    given even where a field refuses the value for another reason too. Every
    form of the portal and of its admin has it (tests/test_identity_codes.py).
    Passwords are not looked at: they are stored only as a hash."""

    personal_data_fields: tuple[str, ...] = ()

    def full_clean(self):
        super().full_clean()
        if not self.is_bound:
            return
        every: dict[str, str] = {}
        free_text: dict[str, str] = {}
        for name, field in self.fields.items():
            # Passwords are only stored hashed; the one-time token is ours.
            if isinstance(field.widget, forms.PasswordInput) or name == "form_token":
                continue
            sent = field.widget.value_from_datadict(self.data, self.files, self.add_prefix(name))
            text = "\n".join(_typed_texts(sent))
            every[name] = text
            if name in self.personal_data_fields:
                free_text[name] = text
        codes = find_in_fields(every, kinds=(IDENTITY_CODE,))
        others = find_in_fields(free_text, kinds=(PHONE, EMAIL)) if free_text else {}
        for name in self.fields:
            for finding in codes.get(name, []):
                self.add_error(name, _refusal(IDENTITY_CODE_REFUSED, finding, "identity_code"))
            for finding in others.get(name, []):
                self.add_error(name, _refusal(PERSONAL_DATA_REFUSED, finding, "personal_data"))


def _refusal(message, finding: Finding, code: str) -> forms.ValidationError:
    return forms.ValidationError(
        format_html("{} <mark>{}</mark>", message % {"what": finding.label}, finding.text),
        code=code,
    )


def refusal_message(form, default: str) -> str:
    """What to say when a form posted to an action of its own is refused: that it
    held an identity code, if it did, else the view's own words."""
    for name in form.errors:
        if form.has_error(name, "identity_code"):
            return str(IDENTITY_CODE_REFUSED)
    for name in form.errors:
        if form.has_error(name, "personal_data"):
            return form.errors[name][0]
    return default


class GuardedForm(IdentityCodeGuard, forms.Form):
    pass


class NeedResultsForm(GuardedForm):
    """Per need a grant or an agreement answers: what was done, and a figure (issue
    22). The needs are given by the caller; their texts must not name residents."""

    def __init__(self, *args, needs, results=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.needs = list(needs)
        known = {result.need_id: result for result in results or ()}
        self.personal_data_fields = tuple(f"need_{need.pk}_result" for need in self.needs)
        for need in self.needs:
            self.fields[f"need_{need.pk}_result"] = forms.CharField(
                label=_("What was done for the need “%(need)s”") % {"need": need.title},
                max_length=1000,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[f"need_{need.pk}_figure"] = forms.DecimalField(
                label=_("Result as a figure for the need “%(need)s”") % {"need": need.title},
                help_text=_("For example how many people took part."),
                required=False,
                min_value=0,
                max_digits=12,
                decimal_places=2,
            )
            if need.pk in known:
                self.initial[f"need_{need.pk}_result"] = known[need.pk].result
                self.initial[f"need_{need.pk}_figure"] = known[need.pk].figure

    def clean(self):
        cleaned = super().clean()
        for need in self.needs:
            text = (cleaned.get(f"need_{need.pk}_result") or "").strip()
            if cleaned.get(f"need_{need.pk}_figure") is not None and not text:
                self.add_error(
                    f"need_{need.pk}_result", _("Say what was done, as well as the figure.")
                )
        return cleaned

    def results(self) -> list[NeedResult]:
        return [
            NeedResult(
                need.pk,
                (self.cleaned_data.get(f"need_{need.pk}_result") or "").strip(),
                self.cleaned_data.get(f"need_{need.pk}_figure"),
            )
            for need in self.needs
        ]


class HoneypotWidget(forms.TextInput):
    """A field people never see or reach; a bot filling every input gives itself away."""

    def __init__(self):
        super().__init__(attrs={"autocomplete": "off", "tabindex": "-1"})


HONEYPOT_REFUSED = _("The form could not be sent. Please try again.")


class HoneypotForm(GuardedForm):
    """A form anyone may send without an account: it carries the honeypot field
    `homepage` (templates/includes/form.html hides it from people and screen
    readers)."""

    homepage = forms.CharField(
        label=_("Leave this field empty"), required=False, widget=HoneypotWidget()
    )

    def clean_homepage(self):
        if self.cleaned_data.get("homepage"):
            raise forms.ValidationError(HONEYPOT_REFUSED, code="honeypot")
        return ""


class GuardedModelForm(IdentityCodeGuard, forms.ModelForm):
    pass


class OrganisationForm(GuardedModelForm):
    """The organisation's profile. Saved through services, never with form.save()."""

    municipalities = ShownNameMultipleChoiceField(
        label=_("Municipalities where it works"),
        queryset=PublicBody.objects.municipalities(),
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

    def validate_unique(self):
        # A business ID already in the portal is the services' to answer: adding
        # the organisation again leads to asking its admins to join.
        exclude = self._get_validation_exclusions()
        exclude.add("business_id")
        try:
            self.instance.validate_unique(exclude=exclude)
        except forms.ValidationError as error:
            self._update_errors(error)

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


class JoinRequestForm(GuardedForm):
    message = forms.CharField(
        label=_("A word to the admins (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class InvitationForm(GuardedForm):
    email = forms.EmailField(label=_("E-mail address of the person to invite"))
    role = forms.ChoiceField(
        label=_("Role"), choices=Membership.Role.choices, initial=Membership.Role.MEMBER
    )


class HandOverForm(GuardedForm):
    new_admin = forms.ModelChoiceField(label=_("New admin"), queryset=Membership.objects.none())

    def __init__(self, *args, memberships, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_admin"].queryset = memberships
        self.fields["new_admin"].label_from_instance = lambda m: str(m.user)


class ProfileForm(GuardedModelForm):
    preferred_language = forms.ChoiceField(
        label=_("Preferred language"), choices=settings.LANGUAGES
    )

    class Meta:
        model = User
        fields = ["full_name", "preferred_language"]


class AccountDeleteForm(GuardedForm):
    """Deleting one's account asks for the password, so that a session left open
    on a shared computer cannot do it."""

    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label=_("I understand that my account is deleted for good."),
        required=True,
    )

    def __init__(self, *args, user: User, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("The password is not correct."))
        return password


class AccessibilityFeedbackForm(HoneypotForm):
    # The sender's own address has a field of its own.
    personal_data_fields = ("message", "page_url")

    message = forms.CharField(
        label=_("Your feedback"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Which page, and what did not work for you?"),
    )
    email = forms.EmailField(
        label=_("Your e-mail address (optional)"),
        required=False,
    )
    page_url = forms.CharField(
        label=_("The page concerned (optional)"), max_length=500, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        days = settings.PERSONAL_DATA_RETENTION_DAYS["accessibility_feedback"]
        self.fields["email"].help_text = _(
            "Give it if you want an answer. It is removed after %(days)s days."
        ) % {"days": days}
