import pytest
from django.core.management import call_command
from django.test import Client

from signals.demo import DEMO_LINK_TOKEN
from signals.models import Digest, Signal

# The demo needs the region; a transactional test on the same worker may have
# flushed it, and region_data loads it again.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("region_data")]


def test_the_demo_has_signals_in_a_digest_and_a_working_link_and_loads_twice(capsys):
    call_command("demo_data")
    counts = (Signal.objects.count(), Digest.objects.count())
    call_command("demo_data")
    assert (Signal.objects.count(), Digest.objects.count()) == counts
    assert counts[0] > 0
    assert not Signal.objects.filter(digest__isnull=True).exists()
    assert f"/signals/send/{DEMO_LINK_TOKEN}/" in capsys.readouterr().out
    assert Client().get(f"/signals/send/{DEMO_LINK_TOKEN}/").status_code == 200


def test_the_demo_area_challenges_are_published_with_a_workshop_and_load_twice():
    from django.urls import reverse

    from signals.models import ChallengeEdition

    call_command("demo_data")
    call_command("demo_data")
    edition = ChallengeEdition.objects.get()
    assert edition.is_public
    assert edition.workshop is not None
    assert edition.challenges.get().needs.count() == 1
    page = Client().get(reverse("signals:challenge_edition", args=[edition.pk]))
    assert "Varissuo" in page.content.decode()
