"""Keep the remembered public figures honest after any write, the admin's included."""

from cooperation.lib import summaries

from .models import Signal
from .selectors import TOPIC_COUNTS

summaries.follow(TOPIC_COUNTS, models=(Signal,), m2m=(Signal.topics.through,))
