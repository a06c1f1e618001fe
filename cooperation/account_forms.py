"""allauth's forms that store what the person types (their e-mail address), with
the portal's refusal of personal identity codes (settings.ACCOUNT_FORMS)."""

from allauth.account.forms import AddEmailForm, SignupForm

from .forms import IdentityCodeGuard


class GuardedSignupForm(IdentityCodeGuard, SignupForm):
    pass


class GuardedAddEmailForm(IdentityCodeGuard, AddEmailForm):
    pass
