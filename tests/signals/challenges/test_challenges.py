"""The year's area challenges (issue 22, seed 002): the body's experts write, per
area, the challenges they see, each resting on published needs; publishing makes the
edition public and tells the needs' followers; the edition prints for the workshop,
which is an NGO forum event with registration."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cooperation.checklist.models import ForumEvent
from cooperation.errors import DomainError
from cooperation.models import Notice
from signals.challenges import services
from signals.challenges.services import CHALLENGES_PUBLISHED
from signals.models import AreaChallenge, ChallengeEdition, Need
from signals.needs import services as need_services
from tests.factories import municipality
from tests.helpers.queries import get_counted
from tests.helpers.reading import pdf_text, problems

pytestmark = pytest.mark.django_db


def _need(by, code="853", title="Nuorten illat"):
    need = need_services.need_create(
        by=by,
        municipality=municipality(code),
        fields={
            "title_fi": title,
            "summary_fi": "Kuvaus.",
            "title_sv": f"{title} sv",
            "summary_sv": "Text.",
        },
    )
    return need_services.need_move(need=need, by=by, to=Need.Status.PUBLISHED)


def _workshop(code="853"):
    return ForumEvent.objects.create(
        municipality=municipality(code),
        title="Aluehaasteiden työpaja",
        starts_at=timezone.now() + timedelta(days=20),
        place="Kaupungintalo",
        organisers="Turun kaupunki ja järjestöt",
    )


def _edition(world, **fields):
    return services.edition_create(
        by=world.official_same, municipality=municipality("853"), year=2027, fields=fields
    )


CHALLENGE = {
    "area": "Varissuo",
    "title_fi": "Nuorilla ei ole iltaisin paikkaa",
    "title_sv": "De unga har ingen plats på kvällarna",
    "description_fi": "Nuoret viettävät illat kauppakeskuksessa.",
    "description_sv": "De unga tillbringar kvällarna i köpcentret.",
}


def test_the_experts_write_publish_and_print_the_years_challenges(client, world):
    need = _need(world.official_same)
    follower = world.ngo_member
    need_services.need_follow(need=need, user=follower, follow=True)
    workshop = _workshop()
    client.force_login(world.official_same)
    created = client.post(
        reverse("signals:challenge_edition_create"),
        {"year": "2027", "introduction_fi": "Vuoden haasteet.", "workshop": workshop.pk},
    )
    assert created.status_code == 302
    edition = ChallengeEdition.objects.get()
    assert (edition.municipality, edition.year, edition.workshop) == (
        municipality("853"),
        2027,
        workshop,
    )

    add = reverse("signals:challenge_add", args=[edition.pk])
    form = client.get(add)
    assert form.status_code == 200
    assert "Nuorten illat" in form.text
    assert client.post(add, {**CHALLENGE, "needs": [need.pk]}).status_code == 302
    challenge = AreaChallenge.objects.get()
    assert list(challenge.needs.all()) == [need]

    # A draft is the body's: the public finds no such page.
    client.logout()
    assert client.get(reverse("signals:challenge_edition", args=[edition.pk])).status_code == 404

    client.force_login(world.official_same)
    publish = reverse("signals:challenge_edition_publish", args=[edition.pk])
    assert client.post(publish).status_code == 200  # the confirmation
    assert client.post(publish, {"confirmed": "1"}).status_code == 302
    edition.refresh_from_db()
    assert edition.is_public
    told = Notice.objects.get(kind=CHALLENGES_PUBLISHED, user=follower)
    assert "2027" in told.subject
    assert list(edition.events.values_list("action", "actor")) == [
        ("created", world.official_same.pk),
        ("added", world.official_same.pk),
        ("published", world.official_same.pk),
    ]

    client.logout()
    page = client.get(reverse("signals:challenge_edition", args=[edition.pk]))
    assert page.status_code == 200
    assert "Nuorilla ei ole iltaisin paikkaa" in page.text
    assert reverse("checklist:forum_detail", args=[workshop.pk]) in page.text
    need_page = client.get(reverse("signals:need_detail", args=[need.pk]))
    assert "Nuorilla ei ole iltaisin paikkaa" in need_page.text

    printed = client.get(reverse("signals:challenge_edition_pdf", args=[edition.pk]))
    assert printed.status_code == 200
    text = pdf_text(printed.getvalue())
    assert "Turun aluehaasteet 2027" in text or "Turku" in text
    assert "Varissuo" in text
    assert "Nuorten illat" in text
    assert "Aluehaasteiden työpaja" in text
    swedish = pdf_text(
        client.get(
            reverse("signals:challenge_edition_pdf", args=[edition.pk]) + "?lang=sv"
        ).getvalue()
    )
    assert "De unga har ingen plats på kvällarna" in swedish


def test_only_the_bodys_officials_keep_its_challenges(client, world):
    edition = _edition(world)
    for user, status in [
        (world.ngo_admin, 404),
        (world.official_other, 404),
        (world.coordinator, 404),
        (world.official_same, 200),
    ]:
        client.force_login(user)
        assert client.get(reverse("signals:challenge_add", args=[edition.pk])).status_code == status
    client.force_login(world.coordinator)
    assert client.get(reverse("signals:challenge_edition", args=[edition.pk])).status_code == 200
    client.force_login(world.ngo_admin)
    assert client.get(reverse("signals:challenge_edition_create")).status_code == 404


def test_bad_input_is_refused_and_nothing_is_stored(client, world):
    salo_need = _need(world.official_other, "734", "Salon kylät")
    salo_forum = _workshop("734")
    edition = _edition(world)
    client.force_login(world.official_same)
    # A second edition for the same year is refused with a message.
    again = client.post(reverse("signals:challenge_edition_create"), {"year": "2027"})
    assert again.status_code == 400
    assert ChallengeEdition.objects.count() == 1
    # Another body's forum is not offered.
    other = client.post(
        reverse("signals:challenge_edition_edit", args=[edition.pk]), {"workshop": salo_forum.pk}
    )
    assert other.status_code == 400
    with pytest.raises(DomainError):
        services.challenge_save(
            edition=edition, by=world.official_same, fields=CHALLENGE, needs=[salo_need]
        )
    missing = client.post(
        reverse("signals:challenge_add", args=[edition.pk]), {**CHALLENGE, "title_fi": ""}
    )
    assert missing.status_code == 400
    assert 'value="Varissuo"' in missing.text  # what was typed stays
    assert not AreaChallenge.objects.exists()
    # Nothing to publish yet; Turku is bilingual, so the Swedish texts are needed.
    with pytest.raises(DomainError):
        services.edition_publish(edition=edition, by=world.official_same)
    services.challenge_save(
        edition=edition, by=world.official_same, fields={**CHALLENGE, "title_sv": ""}
    )
    with pytest.raises(DomainError):
        services.edition_publish(edition=edition, by=world.official_same)
    edition.refresh_from_db()
    assert not edition.is_public


def test_removing_a_challenge_asks_first(client, world):
    edition = _edition(world)
    challenge = services.challenge_save(edition=edition, by=world.official_same, fields=CHALLENGE)
    client.force_login(world.official_same)
    url = reverse("signals:challenge_remove", args=[edition.pk, challenge.pk])
    assert client.post(url).status_code == 200
    assert AreaChallenge.objects.exists()
    assert client.post(url, {"confirmed": "1"}).status_code == 302
    assert not AreaChallenge.objects.exists()


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_pages_read_right_and_keep_their_query_count(client, world, language):
    edition = _edition(world)
    need = _need(world.official_same)
    services.challenge_save(edition=edition, by=world.official_same, fields=CHALLENGE, needs=[need])
    world.official_same.preferred_language = language
    world.official_same.save()
    client.force_login(world.official_same)
    url = reverse("signals:challenge_edition", args=[edition.pk])
    client.get(url)
    page, few = get_counted(client, url, HTTP_ACCEPT_LANGUAGE=language)
    assert problems(page.text, language) == []
    for number in range(6):
        services.challenge_save(
            edition=edition,
            by=world.official_same,
            fields={**CHALLENGE, "area": f"Alue {number}"},
            needs=[need, _need(world.official_same, title=f"Tarve {number}")],
        )
    _page, many = get_counted(client, url, HTTP_ACCEPT_LANGUAGE=language)
    assert len(many) == len(few)
    listing, _queries = get_counted(
        client, reverse("signals:challenge_list"), HTTP_ACCEPT_LANGUAGE=language
    )
    assert problems(listing.text, language) == []
