"""Grant applications say which published needs they answer (issue 22): the choice
offers the call's body's public needs and the region's; the need's page lists the
applications directed at it, with the sums granted."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from cooperation.errors import DomainError
from cooperation.extensions import NeedResult
from cooperation.models import OfficialRole
from grants import services
from grants.forms import ApplicationForm
from signals.models import Need
from signals.needs import services as need_services
from signals.needs.selectors import public_needs_of_body
from tests.factories import municipality
from tests.helpers.grants import complete_draft, decide, make_call
from tests.helpers.officials import official_with
from tests.helpers.queries import get_counted
from tests.helpers.reading import problems

pytestmark = pytest.mark.django_db


def _need(by, code, title, *, publish=True):
    need = need_services.need_create(
        by=by,
        municipality=municipality(code),
        fields={
            "title_fi": title,
            "summary_fi": "Kuvaus.",
            "title_sv": f"{title} (sv)",
            "summary_sv": "Beskrivning.",
        },
    )
    if publish:
        need = need_services.need_move(need=need, by=by, to=Need.Status.PUBLISHED)
    return need


def test_an_application_answers_public_needs_and_the_need_shows_the_grant(client, world):
    answered = _need(world.official_same, "853", "Nuorten illat")
    draft = _need(world.official_same, "853", "Keskeneräinen tarve", publish=False)
    salo = _need(world.official_other, "734", "Salon kylät")
    call = make_call()
    application = complete_draft(call, world.org_a, world.ngo_admin)

    client.force_login(world.ngo_admin)
    page = client.get(reverse("grants:application_edit", args=[application.pk]))
    assert page.status_code == 200
    assert "Nuorten illat" in page.text
    assert draft.title_fi not in page.text
    assert salo.title_fi not in page.text

    services.application_save(application=application, by=world.ngo_admin, needs=[answered])
    services.application_submit(application=application, by=world.ngo_admin)
    officer = official_with(OfficialRole.Role.GRANT_OFFICER)
    services.application_screen(application=application, by=officer, eligible=True)
    decide(
        application=application,
        by=officer,
        grant=True,
        amount=Decimal("1234.50"),
        reasoning="Vastaa tarpeeseen.",
    )
    detail = client.get(reverse("grants:application_detail", args=[application.pk]))
    assert reverse("signals:need_detail", args=[answered.pk]) in detail.text

    client.force_login(world.official_same)
    need_page = client.get(reverse("signals:need_detail", args=[answered.pk]))
    assert need_page.status_code == 200
    assert application.title in need_page.text
    assert "1\xa0234,50\xa0€" in need_page.text


def test_the_choice_refuses_a_need_not_offered(world):
    _need(world.official_same, "853", "Nuorten illat")
    salo = _need(world.official_other, "734", "Salon kylät")
    form = ApplicationForm(
        {"title": "Kerho", "language": "fi", "needs": [salo.pk]},
        needs=public_needs_of_body(municipality("853").pk),
    )
    assert not form.is_valid()
    assert list(form.errors) == ["needs"]


def test_without_public_needs_the_question_is_not_asked(client, world):
    application = complete_draft(make_call(), world.org_a, world.ngo_admin)
    client.force_login(world.ngo_admin)
    page = client.get(reverse("grants:application_edit", args=[application.pk]))
    assert page.status_code == 200
    assert "activity-needs" not in page.text


def test_the_need_page_reads_its_answers_in_a_fixed_number_of_queries(client, world):
    need = _need(world.official_same, "853", "Nuorten illat")
    client.force_login(world.official_same)
    url = reverse("signals:need_detail", args=[need.pk])
    client.get(url)
    _page, few = get_counted(client, url)
    call = make_call()
    for _number in range(5):
        application = complete_draft(call, world.org_a, world.ngo_admin, requested="100.00")
        services.application_save(application=application, by=world.ngo_admin, needs=[need])
        services.application_submit(application=application, by=world.ngo_admin)
    _page, many = get_counted(client, url)
    assert len(many) == len(few)


def _budget(lines):
    data = {
        "budget-TOTAL_FORMS": str(len(lines)),
        "budget-INITIAL_FORMS": "0",
        "budget-MIN_NUM_FORMS": "0",
        "budget-MAX_NUM_FORMS": "60",
    }
    for index, (kind, description, amount) in enumerate(lines):
        data |= {
            f"budget-{index}-kind": kind,
            f"budget-{index}-description": description,
            f"budget-{index}-amount": amount,
        }
    return data


def test_the_use_report_says_what_was_done_for_each_need_and_the_need_shows_it(client, world):
    need = _need(world.official_same, "853", "Nuorten illat")
    other = _need(world.official_same, "853", "Toinen tarve")
    call = make_call()
    application = complete_draft(call, world.org_a, world.ngo_admin)
    services.application_save(application=application, by=world.ngo_admin, needs=[need])
    services.application_submit(application=application, by=world.ngo_admin)
    officer = official_with(OfficialRole.Role.GRANT_OFFICER)
    services.application_screen(application=application, by=officer, eligible=True)
    decide(application=application, by=officer, grant=True, amount=Decimal("500"), reasoning="Ok.")
    report = application.use_report
    url = reverse("grants:report_detail", args=[report.pk])
    client.force_login(world.ngo_admin)
    page = client.get(url)
    assert page.status_code == 200
    assert "Nuorten illat" in page.text
    assert "Toinen tarve" not in page.text  # only the needs the application answered

    base = {"what_was_done": "Kerho kokoontui.", **_budget([("cost", "Vuokra", "500")])}
    # A figure without a word of what was done is refused; nothing is stored.
    refused = client.post(url, {**base, f"needs-need_{need.pk}_figure": "40", "action": "save"})
    assert refused.status_code == 400
    assert "Say what was done, as well as the figure." in refused.text  # English here
    assert not report.need_results.exists()
    report.refresh_from_db()
    assert report.what_was_done == ""

    done = client.post(
        url,
        {
            **base,
            f"needs-need_{need.pk}_result": "Nuorten iltoja 40, kävijöitä 1 200.",
            f"needs-need_{need.pk}_figure": "1200",
            "action": "submit",
        },
    )
    assert done.status_code == 302
    result = report.need_results.get()
    assert (result.need, result.figure) == (need, Decimal("1200"))

    client.force_login(world.official_same)
    need_page = client.get(reverse("signals:need_detail", args=[need.pk]))
    assert "Nuorten iltoja 40, kävijöitä 1 200. (1\xa0200)" in need_page.text
    # Another need of the body is not the application's to report on.
    with pytest.raises(DomainError):
        services.report_save(
            report=report,
            by=world.ngo_admin,
            what_was_done="x",
            need_results=[NeedResult(other.pk, "Ei kuulu.", None)],
        )


def test_a_call_names_the_needs_it_addresses_and_the_admin_offers_the_bodys_own(client, world):
    from grants.admin import GrantCallForm

    need = _need(world.official_same, "853", "Nuorten illat")
    salo = _need(world.official_other, "734", "Salon kylät")
    call = make_call()
    call.needs.set([need])
    page = client.get(reverse("grants:call_detail", args=[call.pk]))
    assert page.status_code == 200
    assert "Nuorten illat" in page.text
    client.force_login(world.official_same)
    need_page = client.get(reverse("signals:need_detail", args=[need.pk]))
    assert call.title in need_page.text

    form = GrantCallForm(instance=call)
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data.update(municipality=municipality("853").pk, needs=[salo.pk])
    bound = GrantCallForm(data, instance=call)
    assert not bound.is_valid()
    assert "needs" in bound.errors


def test_the_trail_is_remembered_and_outdated_by_a_new_application(
    client, world, own_cache, django_capture_on_commit_callbacks
):
    own_cache.PUBLIC_SUMMARY_SECONDS = 300
    own_cache.PUBLIC_SUMMARY_MIN_SECONDS = 0
    need = _need(world.official_same, "853", "Nuorten illat")
    client.force_login(world.official_same)
    url = reverse("signals:need_detail", args=[need.pk])
    client.get(url)
    _page, queries = get_counted(client, url)
    assert not [q for q in queries if "grants_application" in q["sql"]]  # remembered
    application = complete_draft(make_call(), world.org_a, world.ngo_admin)
    with django_capture_on_commit_callbacks(execute=True):
        services.application_save(application=application, by=world.ngo_admin, needs=[need])
        services.application_submit(application=application, by=world.ngo_admin)
    assert application.title in client.get(url).text


def _published_challenge(world, code="853", year=2027, title="Nuorilla ei ole paikkaa"):
    from signals.challenges import services as challenge_services

    by = world.official_same if code == "853" else world.official_other
    need = _need(by, code, f"Tarve: {title}")
    edition = challenge_services.edition_create(
        by=by, municipality=municipality(code), year=year, fields={}
    )
    challenge = challenge_services.challenge_save(
        edition=edition,
        by=by,
        fields={
            "area": "Varissuo",
            "title_fi": title,
            "title_sv": f"{title} (sv)",
            "description_fi": "Kuvaus.",
            "description_sv": "Beskrivning.",
        },
        needs=[need],
    )
    challenge_services.edition_publish(edition=edition, by=by)
    return challenge, need


def test_a_call_names_area_challenges_and_the_trail_shows_it_from_both_ends(client, world):
    from signals.needs.statistics import need_statistics, statistics_needs

    challenge, need = _published_challenge(world)
    call = make_call()
    call.challenges.set([challenge])

    page = client.get(reverse("grants:call_detail", args=[call.pk]))
    assert page.status_code == 200
    assert "Area challenges the call addresses" in page.text
    assert "Turku 2027 · Varissuo: Nuorilla ei ole paikkaa" in page.text
    edition_url = reverse("signals:challenge_edition", args=[challenge.edition_id])
    assert f"{edition_url}#challenge-{challenge.pk}" in page.text

    # The edition says which calls take its challenge up, with the budget.
    edition = client.get(edition_url, HTTP_ACCEPT_LANGUAGE="fi")
    assert edition.status_code == 200
    assert f'id="challenge-{challenge.pk}"' in edition.text
    assert reverse("grants:call_detail", args=[call.pk]) in edition.text
    assert "määräraha 10\xa0000,00\xa0€" in edition.text

    # The need behind the challenge lists the call on its trail ...
    client.force_login(world.official_same)
    need_page = client.get(reverse("signals:need_detail", args=[need.pk]))
    assert call.title in need_page.text
    # ... and its figures count it once, though the call also names the need itself.
    call.needs.set([need])
    figures = need_statistics(statistics_needs(world.coordinator)).per_need[need.pk][0]
    assert figures["calls"] == 1
    # An unpublished call is no one's answer yet.
    call.is_published = False
    call.save()
    assert "calls" not in need_statistics(statistics_needs(world.coordinator)).per_need[need.pk][0]


def test_the_admin_offers_a_call_only_the_bodys_published_challenges(world):
    from grants.admin import GrantCallForm
    from signals.challenges import services as challenge_services

    own, _need_behind = _published_challenge(world)
    salo, _salo_need = _published_challenge(world, "734", title="Salon kylät hiljenevät")
    draft_edition = challenge_services.edition_create(
        by=world.official_same, municipality=municipality("853"), year=2028, fields={}
    )
    draft = challenge_services.challenge_save(
        edition=draft_edition,
        by=world.official_same,
        fields={"area": "Hirvensalo", "title_fi": "Luonnos", "description_fi": "Kesken."},
    )
    call = make_call()
    form = GrantCallForm(instance=call)
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data.update(municipality=municipality("853").pk)
    assert GrantCallForm({**data, "challenges": [own.pk]}, instance=call).is_valid()
    for refused in (salo, draft):
        bound = GrantCallForm({**data, "challenges": [refused.pk]}, instance=call)
        assert not bound.is_valid()
        assert bound.errors["challenges"] == [
            "Choose the published area challenges of the call's body."
        ]
    call.refresh_from_db()
    assert not call.challenges.exists()


def test_the_admin_lists_the_officials_bodys_challenges_by_year_and_area(client, world):
    _published_challenge(world)
    _published_challenge(world, "734", title="Salon kylät hiljenevät")
    officer = official_with(OfficialRole.Role.GRANT_OFFICER)
    officer.is_staff = True
    officer.save()
    call = make_call()
    client.force_login(officer)
    page = client.get(reverse("admin:grants_grantcall_change", args=[call.pk]))
    assert page.status_code == 200
    assert "Turku 2027 · Varissuo: Nuorilla ei ole paikkaa" in page.text
    assert "Salon kylät hiljenevät" not in page.text


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_edition_reads_its_calls_in_a_fixed_number_of_queries(client, world, language):
    challenge, _need_behind = _published_challenge(world)
    url = reverse("signals:challenge_edition", args=[challenge.edition_id])
    make_call().challenges.set([challenge])
    client.get(url)
    page, few = get_counted(client, url, HTTP_ACCEPT_LANGUAGE=language)
    assert page.status_code == 200
    assert problems(page.text, language) == []
    for number in range(4):
        make_call(title_fi=f"Kohdeavustus {number}", title_sv="").challenges.set([challenge])
    page, many = get_counted(client, url, HTTP_ACCEPT_LANGUAGE=language)
    assert "Kohdeavustus 3" in page.text
    assert len(many) == len(few)

    call_url = reverse("grants:call_detail", args=[challenge.grant_calls.first().pk])
    client.get(call_url)
    page, few = get_counted(client, call_url, HTTP_ACCEPT_LANGUAGE=language)
    assert page.status_code == 200
    assert problems(page.text, language) == []
    more, _need_more = _published_challenge(world, year=2026, title="Ikäihmiset yksin")
    challenge.grant_calls.first().challenges.add(more)
    page, many = get_counted(client, call_url, HTTP_ACCEPT_LANGUAGE=language)
    assert "Ikäihmiset yksin" in page.text
    assert len(many) == len(few)


def test_naming_a_challenge_outdates_the_remembered_trail_of_the_need_behind_it(
    client, world, own_cache, django_capture_on_commit_callbacks
):
    own_cache.PUBLIC_SUMMARY_SECONDS = 300
    own_cache.PUBLIC_SUMMARY_MIN_SECONDS = 0
    challenge, need = _published_challenge(world)
    call = make_call(title_fi="Varissuon nuorten avustus", title_sv="")
    client.force_login(world.official_same)
    url = reverse("signals:need_detail", args=[need.pk])
    assert "Varissuon nuorten avustus" not in client.get(url).text
    with django_capture_on_commit_callbacks(execute=True):
        call.challenges.add(challenge)
    assert "Varissuon nuorten avustus" in client.get(url).text
