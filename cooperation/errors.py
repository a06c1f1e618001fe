"""Domain errors raised by services. Views turn them into messages for the user."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

SELF_GRANT_REFUSED = gettext_lazy(
    "Nobody gives a role or a membership to themselves: another coordinator or admin must do it."
)


class DomainError(Exception):
    """A rule of the domain said no. `message` is translated and safe to show."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class Disqualified(DomainError):
    """The official may not decide the case: a conflict of interest (esteellisyys)."""

    def __init__(self, organisation_name: str):
        super().__init__(
            _(
                "You are disqualified from this case (Administrative Procedure Act, 28 §): "
                "you are a member of %(organisation)s. Another official must handle it."
            )
            % {"organisation": organisation_name}
        )
