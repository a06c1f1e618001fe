"""Keep the remembered public figures honest after any write, the admin's included."""

from cooperation.lib import summaries

from .models import Application, GrantCall
from .selectors import STATISTICS

summaries.follow(STATISTICS, models=(Application, GrantCall), m2m=(Application.themes.through,))
