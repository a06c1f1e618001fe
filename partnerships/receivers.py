"""Keep the remembered public figures honest after any write, the admin's included."""

from cooperation.lib import summaries
from cooperation.models import Organisation

from .agreements.models import Agreement
from .agreements.selectors import PUBLIC_REGISTER

summaries.follow(
    PUBLIC_REGISTER,
    models=(Agreement, Organisation),  # the parties' names are in it
    m2m=(Agreement.organisations.through, Agreement.themes.through),
)
