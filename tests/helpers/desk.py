"""Work waiting on the desks of the world's people (tests/conftest.py), `n` of
each kind: written straight to the database, since the desk reads states and
the paths to them are tested where they are made."""

from __future__ import annotations

import secrets
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from cooperation.checklist import services as checklist_services
from cooperation.lib.references import new_reference
from cooperation.models import Assessment, ForumEvent, Invitation, NgoResponse, OfficialRole
from grants.models import Application, Network, UseReport
from partnerships.models import Booking, FollowUpRound
from signals.models import Digest, Forward, Signal
from tests.factories import OrganisationFactory, municipality
from tests.helpers.agreements import in_force
from tests.helpers.facilities import make_space
from tests.helpers.grants import make_call
from tests.helpers.officials import give_roles
from tests.signals.factories import SignalFactory

S = Application.Status


def fill(world, n: int) -> None:
    """`n` items in every group of every desk of the world: ngo_admin's
    organisation (org_a, Turku) applies, books, reports and sent signals;
    official_same (Turku) is its NGO team, grant officer, reviewer, facility
    manager and liaison person (official_other the same in Salo, with nothing
    waiting); ngo_member is in the network and was invited
    to org_b; the coordinator sees drafts and municipalities without roles."""
    # Both officials hold every role, so that Salo's shows what Turku's must not.
    for official in (world.official_same, world.official_other):
        give_roles(
            official,
            OfficialRole.Role.GRANT_OFFICER,
            OfficialRole.Role.FACILITY_MANAGER,
            OfficialRole.Role.LIAISON,
        )
    now = timezone.now()
    call = make_call(title_fi="Kohdeavustukset")
    call.reviewers.add(world.official_same)
    network = Network.objects.create(name="Turun vanhusverkosto", municipality=municipality("853"))
    network.members.add(world.ngo_member)
    endorsed_call = make_call(title_fi="Verkoston haku", requires_endorsement=True, network=network)
    for i in range(n):
        make_call(title_fi=f"Pian sulkeutuva {i}", closes_at=now + timedelta(days=3 + i % 7))

    def application(status, target=call, **fields):
        return Application.objects.create(
            call=target,
            organisation=world.org_a,
            reference=new_reference("A"),
            title=fields.pop("title", f"Hanke {status}"),
            status=status,
            requested_amount=Decimal("1000"),
            submitted_at=None if status == S.DRAFT else now - timedelta(days=5),
            **fields,
        )

    for _ in range(n):
        application(S.DRAFT)
        application(S.INFO_REQUESTED)
        application(S.SUBMITTED)
        application(S.SUBMITTED, endorsed_call)
        application(S.IN_REVIEW)
        for status in (UseReport.Status.DRAFT, UseReport.Status.SUBMITTED):
            granted = application(S.GRANTED, granted_amount=Decimal("500"))
            UseReport.objects.create(
                application=granted,
                status=status,
                due_date=date(2027, 1, 31),
                submitted_at=now if status == UseReport.Status.SUBMITTED else None,
            )

    for i in range(n):
        SignalFactory(
            organisation=world.org_a, answer="Asia on otettu työn alle.", status="answered"
        )
        SignalFactory(channel=Signal.Channel.OPEN_LINK, is_accepted=False)
        answered = SignalFactory(status=Signal.Status.ANSWERED)
        forwarded = SignalFactory(status=Signal.Status.FORWARDED)
        for signal, answer in ((answered, "Vastaus"), (forwarded, "")):
            forward = Forward.objects.create(
                signal=signal,
                email=f"vastaaja{i}@turku.fi",
                token_hash=secrets.token_hex(32),
                created_by=world.official_same,
                expires_at=now + timedelta(days=30),
                answer=answer,
                answered_at=now if answer else None,
            )
            Forward.objects.filter(pk=forward.pk).update(created_at=now - timedelta(days=30))
    today = timezone.localdate()
    Digest.objects.create(
        municipality=municipality("853"),
        week_start=today - timedelta(days=today.weekday()),
        signal_count=3,
    )

    space = make_space(hours=False)
    start = now.replace(minute=0, second=0, microsecond=0) + timedelta(days=7)
    for i in range(n):
        for status in (Booking.Status.REQUESTED, Booking.Status.DECLINED):
            Booking.objects.create(
                space=space,
                organisation=world.org_a,
                starts_at=start + timedelta(days=i, hours=0 if status == "requested" else 3),
                ends_at=start + timedelta(days=i, hours=2 if status == "requested" else 5),
                status=status,
                purpose="Vertaisryhmä",
                participants=8,
                decided_at=now if status == Booking.Status.DECLINED else None,
            )

    agreement = in_force(world)
    for i in range(n):
        FollowUpRound.objects.create(
            agreement=agreement,
            period_start=date(2000 + i, 1, 1),
            period_end=date(2000 + i, 12, 31),
            due_on=date(2027, 2, 28),
        )

    # The factories' users have their address verified: invitations to it are theirs.
    invited_to_b = Invitation.objects.filter(organisation=world.org_b).exists()
    for i in range(n):
        Invitation.objects.create(
            organisation=OrganisationFactory() if i or invited_to_b else world.org_b,
            email=world.ngo_member.email.lower(),
            role="member",
            token_hash=secrets.token_hex(32),
            expires_at=now + timedelta(days=14),
        )

    # One assessment a municipality and year: a second fill adds to the same.
    assessment = Assessment.objects.filter(
        municipality=municipality("853"), status=Assessment.Status.DRAFT
    ).first() or checklist_services.assessment_start(
        by=world.official_same, municipality=municipality("853"), year=timezone.localdate().year
    )
    for i in range(n):
        ForumEvent.objects.create(
            municipality=municipality("853"),
            title=f"Järjestöfoorumi {i + 1}",
            starts_at=now + timedelta(days=10 + i),
            place="Kaupungintalo",
            organisers="Turun kaupunki",
        )
    organisations = [OrganisationFactory() for _ in range(n)]
    for organisation in organisations:
        NgoResponse.objects.create(assessment=assessment, organisation=organisation)
