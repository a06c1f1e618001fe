import re

import pytest
from django.core import mail
from django.urls import reverse

from cooperation.models import Invitation, Membership, Organisation
from tests.factories import MembershipFactory, UserFactory, municipality
from tests.helpers.queries import page_queries

pytestmark = pytest.mark.django_db


def _profile_data(**overrides):
    data = {
        "name": "Liedon Liikkujat ry",
        "business_id": "2077474-0",
        "description_fi": "Liikuntaa kaikille.",
        "municipalities": [municipality("423").pk],
        "is_public": "on",
    }
    data.update(overrides)
    return data


def test_logged_in_user_creates_an_organisation_and_becomes_admin(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("cooperation:organisation_create"), _profile_data())
    organisation = Organisation.objects.get(name="Liedon Liikkujat ry")
    assert response.status_code == 302
    assert response["Location"] == reverse("cooperation:my_organisation", args=[organisation.pk])
    assert Membership.objects.get(organisation=organisation, user=user).is_admin


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("business_id", "2077474-1", "2077474-1"),
        ("name", "", ""),
        ("municipalities", [], ""),
        ("email", "not-an-address", ""),
    ],
)
def test_bad_profile_input_is_reported_and_nothing_is_stored(client, field, value, message):
    client.force_login(UserFactory())
    response = client.post(
        reverse("cooperation:organisation_create"), _profile_data(**{field: value})
    )
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert message in response.content.decode()
    assert not Organisation.objects.exists()


def test_business_id_already_in_use_is_a_form_error(client):
    client.force_login(UserFactory())
    client.post(reverse("cooperation:organisation_create"), _profile_data())
    response = client.post(
        reverse("cooperation:organisation_create"), _profile_data(name="Kopio ry")
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert Organisation.objects.count() == 1


def test_admin_edits_profile_and_it_counts_as_confirmed(client, world):
    client.force_login(world.ngo_admin)
    data = _profile_data(
        name="Uusi nimi ry", business_id="", municipalities=[municipality("853").pk]
    )
    response = client.post(reverse("cooperation:organisation_edit", args=[world.org_a.pk]), data)
    assert response.status_code == 302
    world.org_a.refresh_from_db()
    assert world.org_a.name == "Uusi nimi ry"
    assert world.org_a.business_id is None


def test_member_cannot_edit_the_profile(client, world):
    client.force_login(world.ngo_member)
    url = reverse("cooperation:organisation_edit", args=[world.org_a.pk])
    assert client.post(url, _profile_data(name="Kaapattu")).status_code == 404
    world.org_a.refresh_from_db()
    assert world.org_a.name != "Kaapattu"


def test_invitation_journey_from_mail_to_membership(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world.ngo_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("cooperation:member_invite", args=[world.org_a.pk]),
            {"email": "colleague@example.fi", "role": "member"},
        )
    assert response.status_code == 302
    url = re.search(r"http://\S+/invitations/\S+/", mail.outbox[-1].body).group(0)
    path = url.split("8000", 1)[-1]
    colleague = UserFactory(email="colleague@example.fi")
    client.force_login(colleague)
    assert client.get(path).status_code == 200
    response = client.post(path)
    assert response.status_code == 302
    assert Membership.objects.filter(user=colleague, organisation=world.org_a).exists()


def test_invitation_cannot_be_accepted_by_another_address(client, world):
    stranger = UserFactory(email="stranger@example.fi")
    client.force_login(stranger)
    url = reverse("cooperation:invitation_accept", args=[world.invitation_token])
    response = client.post(url)
    assert response.status_code == 200
    assert not response.context["allowed"]
    assert not Membership.objects.filter(user=stranger).exists()


def test_unknown_invitation_token_is_404(client, world):
    client.force_login(world.ngo_member)
    assert client.get(reverse("cooperation:invitation_accept", args=["nope"])).status_code == 404


def test_invalid_invitation_address_is_a_form_error(client, world):
    client.force_login(world.ngo_admin)
    response = client.post(
        reverse("cooperation:member_invite", args=[world.org_a.pk]),
        {"email": "x", "role": "member"},
    )
    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert Invitation.objects.filter(organisation=world.org_a).count() == 1  # the fixture's


def test_last_admin_cannot_leave_through_the_page(client, world):
    client.force_login(world.ngo_admin)
    response = client.post(
        reverse("cooperation:organisation_leave", args=[world.org_a.pk]), follow=True
    )
    assert Membership.objects.filter(user=world.ngo_admin, organisation=world.org_a).exists()
    assert "admin" in response.content.decode()


def test_admin_removes_a_member_and_hands_over_the_role_each_after_a_confirmation(client, world):
    client.force_login(world.ngo_admin)
    remove = reverse("cooperation:member_remove", args=[world.org_a.pk, world.membership.pk])
    asked = client.post(remove, HTTP_ACCEPT_LANGUAGE="fi")
    assert asked.status_code == 200
    text = asked.content.decode()
    assert f"Poistetaanko {world.membership.user} järjestöstä {world.org_a.name}?" in text
    assert 'name="confirmed" value="1"' in text
    assert Membership.objects.filter(pk=world.membership.pk).exists()  # nothing yet
    client.post(remove, {"confirmed": "1"})
    assert not Membership.objects.filter(pk=world.membership.pk).exists()
    other = MembershipFactory(organisation=world.org_a)
    hand_over = reverse("cooperation:admin_hand_over", args=[world.org_a.pk])
    asked = client.post(hand_over, {"new_admin": other.pk}, HTTP_ACCEPT_LANGUAGE="sv")
    assert asked.status_code == 200
    text = asked.content.decode()
    # The choice travels with the confirmation: nothing typed is lost.
    assert f'name="new_admin" value="{other.pk}"' in text
    assert "Överlåt administratörsrollen" in text
    other.refresh_from_db()
    assert not other.is_admin
    client.post(hand_over, {"new_admin": other.pk, "confirmed": "1"})
    other.refresh_from_db()
    assert other.is_admin
    assert not Membership.objects.get(user=world.ngo_admin, organisation=world.org_a).is_admin


def test_admin_cannot_remove_a_member_of_another_organisation(client, world):
    client.force_login(world.ngo_admin)
    stranger = Membership.objects.get(user=world.other_member)
    response = client.post(reverse("cooperation:member_remove", args=[world.org_a.pk, stranger.pk]))
    assert response.status_code == 404
    assert Membership.objects.filter(pk=stranger.pk).exists()


def test_my_account_saves_name_and_language(client, world):
    client.force_login(world.ngo_member)
    response = client.post(
        reverse("cooperation:my_account"),
        {"full_name": "Maija Meikäläinen", "preferred_language": "sv"},
    )
    assert response.status_code == 302
    world.ngo_member.refresh_from_db()
    assert world.ngo_member.preferred_language == "sv"


def test_user_text_is_escaped_on_the_public_page(client):
    organisation = MembershipFactory(role="admin").organisation
    organisation.name = '<script>alert("x")</script>'
    organisation.description_fi = '<img src="http://evil.example/x">'
    organisation.save()
    body = client.get(
        reverse("cooperation:organisation_detail", args=[organisation.pk])
    ).content.decode()
    assert "<script>alert" not in body
    assert '<img src="http://evil.example/x">' not in body
    assert "&lt;img" in body


def test_my_organisation_query_count_does_not_grow_with_members(client, world):
    client.force_login(world.ngo_admin)
    url = reverse("cooperation:my_organisation", args=[world.org_a.pk])
    few = page_queries(client, url)
    for _ in range(30):
        MembershipFactory(organisation=world.org_a)
        Invitation.objects.create(
            organisation=world.org_a,
            email=f"{_}@example.fi",
            token_hash=f"{_:064d}",
            expires_at=world.invitation.expires_at,
        )
    many = page_queries(client, url)
    assert few == many
    assert many <= 12


def test_healthz_reports_the_database(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json()["database"] == "ok"


def test_organisation_page_query_count_does_not_grow_with_its_lists(client):
    from cooperation.models import PublicBody, TargetGroup, Theme
    from tests.factories import OrganisationFactory

    small = OrganisationFactory()
    large = OrganisationFactory(
        municipalities=list(PublicBody.objects.all()),
        themes=list(Theme.objects.all()),
        target_groups=list(TargetGroup.objects.all()),
    )
    few = page_queries(client, reverse("cooperation:organisation_detail", args=[small.pk]))
    many = page_queries(client, reverse("cooperation:organisation_detail", args=[large.pk]))
    assert few == many
    assert many <= 5


def test_my_account_query_count_does_not_grow_with_memberships(client, world):
    client.force_login(world.ngo_member)
    few = page_queries(client, reverse("cooperation:my_account"))
    for _ in range(20):
        MembershipFactory(user=world.ngo_member)
    many = page_queries(client, reverse("cooperation:my_account"))
    assert few == many


def test_a_refused_form_opens_with_an_error_summary_that_leads_to_each_field(client):
    client.force_login(UserFactory())
    response = client.post(
        reverse("cooperation:organisation_create"),
        {"name": "", "business_id": "123", "municipalities": []},
        HTTP_ACCEPT_LANGUAGE="fi",
    )
    text = response.content.decode()
    summary = text[text.index('class="message message-error error-summary"') :]
    summary = summary[: summary.index("</div>")]
    assert "autofocus" in text[text.index("error-summary") - 80 : text.index("error-summary") + 120]
    assert "Tarkista nämä, mitään ei ole vielä tallennettu:" in summary
    assert '<a href="#id_name">Nimi:' in summary
    assert '<a href="#id_business_id">' in summary
    assert 'id="id_name"' in text


def test_the_menu_is_laid_out_once_and_shown_in_both_headers(client, world):
    client.force_login(world.ngo_admin)
    page = client.get(reverse("cooperation:my_account"))
    assert page.status_code == 200
    wide = page.text.split('<nav class="nav-wide"', 1)[1].split("</nav>", 1)[0]
    narrow = page.text.split('<details class="nav-narrow">', 1)[1].split("</details>", 1)[0]
    assert reverse("cooperation:desk") in wide
    assert wide.split(">", 1)[1] in narrow  # the same links, the same logout form
    assert narrow.count('name="csrfmiddlewaretoken"') == 1
