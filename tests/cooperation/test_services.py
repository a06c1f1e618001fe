from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from cooperation import services
from cooperation.errors import DomainError
from cooperation.models import Invitation, Membership, Organisation
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory, municipality

pytestmark = pytest.mark.django_db


def test_creator_of_an_organisation_becomes_its_admin():
    user = UserFactory()
    organisation = services.organisation_create(
        by=user,
        profile={"name": "Uusi yhdistys ry", "business_id": "0204819-8", "is_public": True},
        municipalities=[municipality("853")],
    )
    membership = Membership.objects.get(organisation=organisation)
    assert membership.user == user
    assert membership.is_admin
    assert organisation.confirmed_at is not None


def test_duplicate_business_id_is_refused_and_nothing_is_stored():
    OrganisationFactory(business_id="0204819-8")
    with pytest.raises(DomainError):
        services.organisation_create(
            by=UserFactory(),
            profile={"name": "Toinen ry", "business_id": "0204819-8"},
            municipalities=[municipality("853")],
        )
    assert not Organisation.objects.filter(name="Toinen ry").exists()


def test_unregistered_groups_without_business_id_can_coexist():
    user = UserFactory()
    for name in ("Ryhmä 1", "Ryhmä 2"):
        services.organisation_create(
            by=user, profile={"name": name, "business_id": ""}, municipalities=[municipality("019")]
        )
    assert Organisation.objects.filter(business_id__isnull=True).count() == 2


def test_invitation_is_mailed_after_commit_and_accepted_once(django_capture_on_commit_callbacks):
    admin = MembershipFactory(role=Membership.Role.ADMIN)
    invitee = UserFactory(email="colleague@example.fi")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        invitation, token = services.invitation_create(
            organisation=admin.organisation,
            email="Colleague@Example.fi",
            role="member",
            by=admin.user,
        )
    assert mail.outbox == []  # nothing is sent before the commit
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 1
    assert token in mail.outbox[0].body
    assert invitation.token_hash != token  # only the hash is stored
    found = services.invitation_find_open(token)
    membership = services.invitation_accept(invitation=found, user=invitee)
    assert membership.role == Membership.Role.MEMBER
    with pytest.raises(DomainError):
        services.invitation_accept(invitation=found, user=invitee)
    assert services.invitation_find_open(token) is None


def test_inviting_again_replaces_the_open_invitation():
    admin = MembershipFactory(role=Membership.Role.ADMIN)
    _first, first_token = services.invitation_create(
        organisation=admin.organisation, email="a@example.fi", role="member", by=admin.user
    )
    _second, second_token = services.invitation_create(
        organisation=admin.organisation, email="a@example.fi", role="admin", by=admin.user
    )
    assert services.invitation_find_open(first_token) is None
    assert services.invitation_find_open(second_token).role == "admin"


def test_inviting_an_existing_member_is_refused():
    member = MembershipFactory()
    with pytest.raises(DomainError):
        services.invitation_create(
            organisation=member.organisation, email=member.user.email, role="member", by=member.user
        )


def test_expired_invitation_cannot_be_accepted_and_is_purged_idempotently():
    admin = MembershipFactory(role=Membership.Role.ADMIN)
    invitation, token = services.invitation_create(
        organisation=admin.organisation, email="late@example.fi", role="member", by=admin.user
    )
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    assert services.invitation_find_open(token) is None
    with pytest.raises(DomainError):
        services.invitation_accept(invitation=invitation, user=UserFactory())
    assert services.invitations_purge_expired() == 1
    assert services.invitations_purge_expired() == 0
    assert not Invitation.objects.filter(pk=invitation.pk).exists()


def test_the_last_admin_cannot_leave():
    admin = MembershipFactory(role=Membership.Role.ADMIN)
    MembershipFactory(organisation=admin.organisation)
    with pytest.raises(DomainError):
        services.membership_remove(membership=admin, by=admin.user)
    with pytest.raises(DomainError):
        services.membership_set_role(membership=admin, role=Membership.Role.MEMBER, by=admin.user)
    assert Membership.objects.get(pk=admin.pk).is_admin


def test_an_admin_can_leave_when_another_admin_remains():
    admin = MembershipFactory(role=Membership.Role.ADMIN)
    MembershipFactory(organisation=admin.organisation, role=Membership.Role.ADMIN)
    services.membership_remove(membership=admin, by=admin.user)
    assert not Membership.objects.filter(pk=admin.pk).exists()


def test_hand_over_swaps_the_roles():
    admin = MembershipFactory(role=Membership.Role.ADMIN)
    member = MembershipFactory(organisation=admin.organisation)
    services.admin_role_hand_over(from_membership=admin, to_membership=member)
    admin.refresh_from_db()
    member.refresh_from_db()
    assert member.is_admin
    assert not admin.is_admin


def test_hand_over_to_someone_of_another_organisation_is_refused():
    admin = MembershipFactory(role=Membership.Role.ADMIN)
    stranger = MembershipFactory()
    with pytest.raises(DomainError):
        services.admin_role_hand_over(from_membership=admin, to_membership=stranger)
    admin.refresh_from_db()
    assert admin.is_admin


def test_the_retention_task_purges_expired_invitations(world):
    from cooperation.tasks import personal_data_retention

    Invitation.objects.filter(pk=world.invitation.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    assert personal_data_retention.delay().get()["cooperation.expired_invitations"] == 1
    assert not Invitation.objects.filter(pk=world.invitation.pk).exists()


def test_invitation_mail_escapes_the_organisation_name_in_its_html_part(
    django_capture_on_commit_callbacks,
):
    admin = MembershipFactory(role=Membership.Role.ADMIN)
    admin.organisation.name = '<img src="http://evil.example/x"> Ry'
    admin.organisation.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.invitation_create(
            organisation=admin.organisation, email="x@example.fi", role="member", by=admin.user
        )
    message = mail.outbox[-1]
    html = message.alternatives[0][0]
    assert '<img src="http://evil.example/x">' not in html
    assert "&lt;img" in html
    # The plain-text part is text, not HTML: the name stands as written.
    assert '<img src="http://evil.example/x"> Ry' in message.body
