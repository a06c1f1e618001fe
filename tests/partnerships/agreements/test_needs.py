"""Agreements name the published needs they answer (issue 22): the form offers the
body's public needs and the region's, an amendment keeps what was named, and the
need's page lists the agreement once it is no longer a draft."""

from __future__ import annotations

import pytest
from django.urls import reverse

from partnerships.agreements import services
from partnerships.models import Agreement
from signals.models import Need
from signals.needs import services as need_services
from tests.factories import municipality
from tests.helpers.agreements import make_agreement

pytestmark = pytest.mark.django_db


def _need(by, code, title, *, publish=True):
    need = need_services.need_create(
        by=by,
        municipality=municipality(code),
        fields={
            "title_fi": title,
            "summary_fi": "Kuvaus.",
            "title_sv": "Behov",
            "summary_sv": "Text.",
        },
    )
    return need_services.need_move(need=need, by=by, to=Need.Status.PUBLISHED) if publish else need


def _post(world, **overrides):
    return {
        "kind": "development",
        "title": "Perhekahvilan kumppanuus",
        "purpose": "Lapsiperheiden tuki.",
        "starts_on": "2026-01-01",
        "ends_on": "2027-12-31",
        "follow_up_months": "12",
        "organisations": [str(world.org_a.pk)],
        **overrides,
    }


def test_an_agreement_names_the_needs_it_answers_and_the_need_lists_it(client, world):
    answered = _need(world.official_same, "853", "Perheiden illat")
    draft = _need(world.official_same, "853", "Keskeneräinen", publish=False)
    salo = _need(world.official_other, "734", "Salon kylät")
    client.force_login(world.official_same)
    form = client.get(reverse("partnerships:agreement_create"))
    assert form.status_code == 200
    assert "Perheiden illat" in form.text
    assert draft.title_fi not in form.text
    assert salo.title_fi not in form.text
    created = client.post(
        reverse("partnerships:agreement_create"), _post(world, needs=[str(answered.pk)])
    )
    assert created.status_code == 302
    agreement = Agreement.objects.get()
    assert list(agreement.needs.all()) == [answered]

    # Another body's need is not offered, so not accepted.
    refused = client.post(
        reverse("partnerships:agreement_edit", args=[agreement.pk]),
        _post(world, needs=[str(salo.pk)]),
    )
    assert refused.status_code == 400
    assert list(agreement.needs.all()) == [answered]

    need_page = client.get(reverse("signals:need_detail", args=[answered.pk]))
    assert agreement.reference not in need_page.text  # a draft is not an answer yet
    services.commitment_add(
        agreement=agreement, by=world.official_same, data=services.CommitmentInput("Tilat.")
    )
    services.agreement_bring_into_force(agreement=agreement, by=world.official_same)
    need_page = client.get(reverse("signals:need_detail", args=[answered.pk]))
    assert agreement.reference in need_page.text
    detail = client.get(reverse("partnerships:agreement_detail", args=[agreement.pk]))
    assert "Perheiden illat" in detail.text


def test_an_amendment_keeps_a_need_that_has_moved_on_and_records_it(world):
    need = _need(world.official_same, "853", "Perheiden illat")
    agreement = make_agreement(world)
    services.agreement_save(
        agreement=agreement,
        by=world.official_same,
        fields={},
        organisations=[world.org_a],
        needs=[need],
    )
    agreement = services.agreement_bring_into_force(agreement=agreement, by=world.official_same)
    need_services.need_move(need=need, by=world.official_same, to=Need.Status.CLOSED)
    services.agreement_save(
        agreement=agreement,
        by=world.official_same,
        fields={"title": "Uusi nimi"},
        organisations=[world.org_a],
        reason="Nimi muuttui.",
    )
    assert list(agreement.needs.all()) == [need]  # needs=None keeps them
    assert agreement.versions.get().content["needs"] == ["Perheiden illat"]


def test_the_follow_up_says_what_was_done_for_each_need_and_the_need_shows_it(client, world):
    need = _need(world.official_same, "853", "Perheiden illat")
    agreement = make_agreement(world)
    services.agreement_save(
        agreement=agreement,
        by=world.official_same,
        fields={},
        organisations=[world.org_a],
        needs=[need],
    )
    agreement = services.agreement_bring_into_force(agreement=agreement, by=world.official_same)
    round_ = services.follow_up_open(agreement=agreement, by=world.official_same)
    url = reverse("partnerships:follow_up_detail", args=[round_.pk])
    client.force_login(world.ngo_member)
    page = client.get(url)
    assert page.status_code == 200
    assert "Perheiden illat" in page.text

    refused = client.post(url, {"needs_form": "1", f"needs-need_{need.pk}_figure": "-3"})
    assert refused.status_code == 400
    assert not round_.need_results.exists()
    saved = client.post(
        url,
        {
            "needs_form": "1",
            f"needs-need_{need.pk}_result": "Perheiltoja 12.",
            f"needs-need_{need.pk}_figure": "12",
        },
    )
    assert saved.status_code == 302
    assert round_.need_results.get().figure == 12

    # Someone outside the agreement finds no such round.
    client.force_login(world.other_member)
    assert client.post(url, {"needs_form": "1"}).status_code == 404

    client.force_login(world.official_same)
    need_page = client.get(reverse("signals:need_detail", args=[need.pk]))
    assert "Perheiltoja 12. (12)" in need_page.text

    services.follow_up_close(round=round_, by=world.official_same)
    client.force_login(world.ngo_member)
    closed = client.get(url)
    assert "Perheiltoja 12." in closed.text
    assert 'name="needs_form"' not in closed.text
