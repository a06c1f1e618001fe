"""Every URL pattern of the portal, admin included, for every role of the core.

The test walks the URL resolver: a new URL pattern that is not described below
fails `test_every_url_pattern_is_in_the_matrix`, so no page can escape it. The
expectations are written from the rules in DOMAIN.md and the issues, not read
back from cooperation.permissions.
"""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.auth.models import Group
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from partnerships.models import CalendarFeed, Space

from cooperation.models import (
    AccessibilityFeedback,
    ChecklistArea,
    ChecklistEdition,
    ForumEvent,
    GuidingDocument,
    Invitation,
    Membership,
    Municipality,
    Official,
    OfficialRole,
    Organisation,
    StatutoryCouncil,
    TargetGroup,
    Theme,
    Unit,
    User,
    WellbeingServicesCounty,
)
from grants import services as grant_services
from grants.models import Application, GrantCall, Network, UseReport
from signals import services as signal_services
from signals.models import Digest, Signal, SignalLink, Topic
from tests.helpers.grants import complete_draft, in_review_for_matrix, make_call, submitted

ROLES = [
    "anonymous",
    "ngo_member",
    "ngo_admin",
    "other_member",
    "official_same",
    "official_other",
    "coordinator",
]
LOGIN = "login"  # a redirect to the login page


def walk(patterns, prefix="", namespace=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = (
                f"{namespace}:{entry.namespace}"
                if entry.namespace and namespace
                else (entry.namespace or namespace)
            )
            yield from walk(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            name = entry.name
            if name and namespace:
                name = f"{namespace}:{name}"
            yield name or f"<unnamed {prefix}{entry.pattern}>"


def all_url_names() -> set[str]:
    return set(walk(get_resolver().url_patterns))


def row(anonymous, ngo_member, ngo_admin, other_member, official_same, official_other, coordinator):
    return dict(
        zip(
            ROLES,
            (
                anonymous,
                ngo_member,
                ngo_admin,
                other_member,
                official_same,
                official_other,
                coordinator,
            ),
            strict=True,
        )
    )


def everyone(status):
    return row(*[status] * 7)


def logged_in(status):
    return row(LOGIN, *[status] * 6)


# name -> (method, kwargs builder, expectations)
def _org_a(w):
    return {"pk": w.org_a.pk}


class _SignalWorld:
    """Signal records of the world, made on first use and kept on the world."""

    @staticmethod
    def get(w, name):
        cache = w.__dict__.setdefault("_signals", {})
        if not cache:
            turku = Municipality.objects.get(code="853")
            org_link, org_token = signal_services.link_create(by=w.ngo_admin, organisation=w.org_a)
            open_link, _ = signal_services.link_create(by=w.official_same, municipality=turku)
            signal, receipt = signal_services.signal_submit(
                fields={"kind": "worry", "description": "Huoli nuorista", "sender_name": "V"},
                municipality=turku,
                channel=Signal.Channel.ORGANISATION_LINK,
                language="fi",
                organisation=w.org_a,
                link=org_link,
            )
            forward, forward_token = signal_services.signal_forward(
                signal=signal, by=w.official_same, email="x@example.fi", message="", language="fi"
            )
            signal_services.digest_build()
            digest = Digest.objects.get(municipality=turku, kind=Digest.Kind.BUNDLE)
            cache.update(
                org_link=org_link,
                org_token=org_token,
                open_link=open_link,
                signal=signal,
                receipt=receipt,
                forward=forward,
                forward_token=forward_token,
                digest=digest,
            )
        return cache[name]


def _signal(w):
    return {"pk": _SignalWorld.get(w, "signal").pk}


def _digest(w):
    return {"pk": _SignalWorld.get(w, "digest").pk}


@pytest.fixture(autouse=True)
def _officials_handle_grants(world):
    """Both officials of the world are also their municipality's grant officers
    (their NGO-team role stays): the grant pages are theirs to handle."""
    for user in (world.official_same, world.official_other):
        OfficialRole.objects.create(official=user.official, role=OfficialRole.Role.GRANT_OFFICER)


@pytest.fixture(autouse=True)
def _officials_manage_premises(world):
    """Both officials of the world are also their municipality's facility managers."""
    for user in (world.official_same, world.official_other):
        OfficialRole.objects.create(official=user.official, role=OfficialRole.Role.FACILITY_MANAGER)


class _FacilityWorld:
    """A Turku meeting room with a photo, org_a's requested booking and weekly
    series there, and org_a's calendar feed, made on first use."""

    @staticmethod
    def get(w, name):
        cache = w.__dict__.setdefault("_facilities", {})
        if not cache:
            from datetime import timedelta

            from tests.helpers.facilities import (
                add_photo,
                at,
                make_space,
                monday_ahead,
                request,
                weekly,
            )

            monday = monday_ahead()
            space = make_space()
            booking = request(w, space, at(monday, 10), at(monday, 12))
            series = weekly(w, space, monday, monday + timedelta(weeks=2)).series
            feed = CalendarFeed.objects.create(organisation=w.org_a, token="matrix-secret")
            cache.update(
                space=space, photo=add_photo(space), booking=booking, series=series, feed=feed
            )
        return cache[name]


def _facility(name):
    return lambda w: {"pk": _FacilityWorld.get(w, name).pk}


BOOKERS = row(LOGIN, 200, 200, 404, 200, 404, 404)  # org_a's people and Turku's manager
BOOKER_POST = row(LOGIN, 302, 302, 404, 404, 404, 404)  # org_a's people cancel
MANAGER_POST = row(LOGIN, 404, 404, 404, 302, 404, 404)  # Turku's manager decides


class _GrantWorld:
    """A Turku call with a decided application of org_a, made on first use."""

    @staticmethod
    def get(w, name):
        cache = w.__dict__.setdefault("_grants", {})
        if not cache:
            call = make_call()
            call.reviewers.add(w.official_same)
            application = in_review_for_matrix(call, w)
            draft = complete_draft(call, w.org_a, w.ngo_admin)
            sent = submitted(call, w.org_a, w.ngo_admin)
            review = submitted(call, w.org_a, w.ngo_admin)
            grant_services.application_screen(application=review, by=w.official_same, eligible=True)
            cache.update(call=call, application=application, draft=draft, sent=sent, review=review)
        return cache[name]


class _AgreementWorld:
    """org_a's agreement with Turku in force, with a confidential document, and a
    draft, made on first use."""

    @staticmethod
    def get(w, name):
        cache = w.__dict__.setdefault("_agreements", {})
        if not cache:
            from partnerships.agreements import services as agreement_services
            from tests.helpers.agreements import in_force, make_agreement
            from tests.helpers.grants import pdf_upload

            public = in_force(w)
            secret = agreement_services.document_add(
                agreement=public, by=w.official_same, upload=pdf_upload(), title="Budjetti"
            )
            draft = make_agreement(w)
            round_ = agreement_services.follow_up_open(agreement=public, by=w.official_same)
            annual = public.annual_reports.create(year=2026, due_on=public.starts_on)
            agreement_services.agreement_save(
                agreement=public,
                by=w.official_same,
                fields={"title": "Muutettu"},
                organisations=[w.org_a],
                reason="Matriisi",
            )
            cache.update(public=public, draft=draft, secret=secret, round=round_, annual=annual)
        return cache[name]


def _agreement(name):
    return lambda w: {"pk": _AgreementWorld.get(w, name).pk}


def _draft_commitment(w):
    draft = _AgreementWorld.get(w, "draft")
    return {"pk": draft.pk, "commitment_pk": draft.commitments.first().pk}


INSIDERS = row(404, 200, 200, 404, 200, 404, 200)  # org_a's people, Turku, coordinators
KEEPER = row(LOGIN, 404, 404, 404, 200, 404, 404)  # Turku's officials keep its register
KEEPER_POST = row(LOGIN, 404, 404, 404, 302, 404, 404)


def _grant(name):
    return lambda w: {"pk": _GrantWorld.get(w, name).pk}


def _grant_attachment(name):
    return lambda w: {"pk": _GrantWorld.get(w, name).attachments.first().pk}


APPLICANTS = row(LOGIN, 200, 200, 404, 200, 404, 200)  # org_a's own, Turku's officer, coordinators
DRAFTERS = row(LOGIN, 302, 302, 404, 404, 404, 404)  # org_a's members; nobody else sees a draft
OFFICER = row(LOGIN, 404, 404, 404, 302, 404, 404)


TEAM_ONLY = row(LOGIN, 404, 404, 404, 200, 404, 404)


@pytest.fixture(autouse=True)
def _officials_are_liaisons(world):
    """Both officials of the world are also their municipality's liaison persons:
    they keep its checklist assessments, forums, councils and documents."""
    for user in (world.official_same, world.official_other):
        OfficialRole.objects.create(official=user.official, role=OfficialRole.Role.LIAISON)


class _ChecklistWorld:
    """Turku's draft assessment of this year with a PDF as evidence, its published
    one of an earlier year with a development target, and a Turku forum."""

    @staticmethod
    def get(w, name):
        cache = w.__dict__.setdefault("_checklist", {})
        if not cache:
            from datetime import date, timedelta

            from django.utils import timezone

            from cooperation.checklist import services as checklist_services
            from cooperation.checklist.models import ChecklistEdition, ForumEvent
            from cooperation.models import GuidingDocument, StatutoryCouncil
            from tests.helpers.checklist import criteria_of, make_liaison, published
            from tests.helpers.grants import pdf_upload

            liaison = make_liaison(w.official_same)
            turku = Municipality.objects.get(code="853")
            old = published(2024, liaison)
            criterion = criteria_of(old)[0]
            target = checklist_services.target_add(
                assessment=old,
                criterion_id=criterion.pk,
                by=liaison,
                description="Tavoite",
                owner="Hyte",
                due_date=date(2025, 6, 30),
            )
            draft = checklist_services.assessment_start(by=liaison, year=2025, municipality=turku)
            evidence = checklist_services.evidence_add_document(
                assessment=draft,
                criterion_id=criterion.pk,
                by=liaison,
                title="Muistio",
                upload=pdf_upload(),
            )
            forum = ForumEvent.objects.create(
                municipality=turku,
                title="Foorumi",
                place="Talo",
                organisers="Turku",
                starts_at=timezone.now() + timedelta(days=7),
            )
            cache.update(
                draft=draft,
                published=old,
                target=target,
                evidence=evidence,
                forum=forum,
                edition=ChecklistEdition.objects.get(number=1),
                area=criterion.area,
                council=StatutoryCouncil.objects.create(
                    municipality=turku, kind="youth", name="Nuorisovaltuusto"
                ),
                document=GuidingDocument.objects.create(
                    municipality=turku, kind="strategy", title="Strategia", year=2025
                ),
            )
        return cache[name]


def _checklist(name):
    return lambda w: {"pk": _ChecklistWorld.get(w, name).pk}


def _draft_area(w):
    return {"pk": _ChecklistWorld.get(w, "draft").pk, "area_pk": _ChecklistWorld.get(w, "area").pk}


def _draft_evidence(w):
    return {
        "pk": _ChecklistWorld.get(w, "draft").pk,
        "evidence_pk": _ChecklistWorld.get(w, "evidence").pk,
    }


ASSESSORS = row(404, 404, 404, 404, 200, 404, 200)  # a draft: Turku's officials, coordinators
ASSESSOR_PAGE = row(LOGIN, 404, 404, 404, 200, 404, 200)
ASSESSOR_POST = row(LOGIN, 404, 404, 404, 302, 404, 302)
COORDINATORS = row(LOGIN, 404, 404, 404, 404, 404, 200)

PAGES = {
    # The NGO-friendly municipality checklist.
    "checklist:index": ("get", None, everyone(200)),
    "checklist:municipality": ("get", lambda w: {"code": "853"}, everyone(200)),
    "checklist:contacts": ("get", lambda w: {"code": "853"}, everyone(200)),
    "checklist:forum_detail": ("get", _checklist("forum"), everyone(200)),
    "checklist:desk": ("get", None, logged_in(200)),
    "checklist:assessment_start": ("post", None, row(LOGIN, 404, 404, 404, 400, 400, 400)),
    "checklist:assessment": ("get", _checklist("draft"), ASSESSORS),
    "checklist:assessment_pdf": ("get", _checklist("draft"), ASSESSORS),
    "checklist:assessment_area": ("get", _draft_area, ASSESSOR_PAGE),
    "checklist:assessment_summary": ("post", _checklist("draft"), ASSESSOR_POST),
    "checklist:assessment_publish": ("post", _checklist("draft"), ASSESSOR_POST),
    "checklist:assessment_rate": (
        "get",
        _checklist("draft"),
        row(LOGIN, 200, 200, 404, 404, 404, 404),
    ),
    "checklist:evidence_link": ("post", _checklist("draft"), ASSESSOR_POST),
    "checklist:evidence_document": ("post", _checklist("draft"), ASSESSOR_POST),
    "checklist:evidence_suggestion": ("post", _checklist("draft"), ASSESSOR_POST),
    "checklist:evidence_remove": ("post", _draft_evidence, ASSESSOR_POST),
    "checklist:evidence_download": ("get", _checklist("evidence"), ASSESSORS),
    "checklist:target_add": ("post", _checklist("published"), ASSESSOR_POST),
    "checklist:target_remove": ("post", _checklist("target"), ASSESSOR_POST),
    "checklist:comparison": ("get", None, COORDINATORS),
    "checklist:comparison_csv": ("get", None, COORDINATORS),
    "checklist:comparison_pdf": ("get", None, COORDINATORS),
    # Signals. org_a's signal is in Turku; official_other is Salo's NGO team.
    "signals:signal_list": ("get", None, logged_in(200)),
    "signals:submit": ("get", None, row(LOGIN, 200, 200, 200, 404, 404, 404)),
    "signals:link_submit": (
        "get",
        lambda w: {"token": _SignalWorld.get(w, "org_token")},
        everyone(200),
    ),
    "signals:link_status": (
        "get",
        lambda w: {"token": _SignalWorld.get(w, "org_token")},
        everyone(200),
    ),
    "signals:receipt": ("get", lambda w: {"token": _SignalWorld.get(w, "receipt")}, everyone(200)),
    "signals:forward_answer": (
        "get",
        lambda w: {"token": _SignalWorld.get(w, "forward_token")},
        everyone(200),
    ),
    "signals:signal_detail": ("get", _signal, row(LOGIN, 200, 200, 404, 200, 404, 200)),
    "signals:signal_check": ("post", _signal, row(LOGIN, 404, 404, 404, 400, 404, 404)),
    "signals:signal_triage": ("post", _signal, row(LOGIN, 404, 404, 404, 302, 404, 404)),
    "signals:signal_forward": ("post", _signal, row(LOGIN, 404, 404, 404, 400, 404, 404)),
    "signals:signal_relate": ("post", _signal, row(LOGIN, 404, 404, 404, 400, 404, 404)),
    "signals:forward_share": (
        "post",
        lambda w: {**_signal(w), "forward_pk": _SignalWorld.get(w, "forward").pk},
        row(LOGIN, 404, 404, 404, 302, 404, 404),
    ),
    "signals:open_links": ("get", None, row(LOGIN, 404, 404, 404, 200, 200, 404)),
    "signals:organisation_links": (
        "get",
        lambda w: {"organisation_pk": w.org_a.pk},
        row(LOGIN, 404, 200, 404, 404, 404, 404),
    ),
    "signals:link_revoke": (
        "post",
        lambda w: {"pk": _SignalWorld.get(w, "org_link").pk},
        row(LOGIN, 404, 302, 404, 404, 404, 404),
    ),
    "signals:digest_list": ("get", None, row(LOGIN, 404, 404, 404, 200, 200, 200)),
    "signals:digest_detail": ("get", _digest, row(LOGIN, 404, 404, 404, 200, 404, 200)),
    "signals:digest_pdf": ("get", _digest, row(LOGIN, 404, 404, 404, 200, 404, 200)),
    "signals:digest_resend": ("post", _digest, row(LOGIN, 404, 404, 404, 302, 404, 404)),
    "signals:topic_list": ("get", None, everyone(200)),
    "signals:topic_detail": ("get", lambda w: {"slug": "housing"}, everyone(200)),
    "signals:statistics": ("get", None, logged_in(200)),
    "signals:statistics_csv": ("get", None, logged_in(200)),
    # Grants. The call is Turku's; official_same is its grant officer and a
    # reviewer of the call, official_other is Salo's grant officer.
    "partnerships:register": ("get", None, everyone(200)),
    "partnerships:internal_register": ("get", None, logged_in(200)),
    # Facilities. The space is Turku's; both officials are their municipality's
    # facility managers; members of any organisation may book.
    "facilities:space_list": ("get", None, everyone(200)),
    "facilities:space_detail": ("get", _facility("space"), everyone(200)),
    "facilities:space_ical": ("get", _facility("space"), everyone(200)),
    "facilities:space_photo": ("get", _facility("photo"), everyone(200)),
    "facilities:booking_new": ("get", _facility("space"), row(LOGIN, 200, 200, 200, 404, 404, 404)),
    "facilities:my_bookings": ("get", None, logged_in(200)),
    "facilities:booking_detail": ("get", _facility("booking"), BOOKERS),
    "facilities:booking_cancel": ("post", _facility("booking"), BOOKER_POST),
    "facilities:booking_decide": ("post", _facility("booking"), MANAGER_POST),
    "facilities:series_detail": ("get", _facility("series"), BOOKERS),
    "facilities:series_cancel": ("post", _facility("series"), BOOKER_POST),
    "facilities:series_decide": ("post", _facility("series"), MANAGER_POST),
    "facilities:manage": ("get", None, row(LOGIN, 404, 404, 404, 200, 200, 404)),
    "facilities:feed_renew": (
        "post",
        lambda w: {"pk": w.org_a.pk},
        row(LOGIN, 302, 302, 404, 404, 404, 404),
    ),
    "facilities:organisation_ical": (
        "get",
        lambda w: {"token": _FacilityWorld.get(w, "feed").token},
        everyone(200),
    ),
    "partnerships:agreement_detail": ("get", _agreement("draft"), INSIDERS),
    "partnerships:document_download": ("get", _agreement("secret"), INSIDERS),
    "partnerships:register_csv": ("get", None, everyone(200)),
    "partnerships:internal_register_csv": ("get", None, logged_in(200)),
    # An official's own municipality; a coordinator must name one (404 without).
    "partnerships:register_pdf": ("get", None, row(LOGIN, 404, 404, 404, 200, 200, 404)),
    "partnerships:agreement_pdf": ("get", _agreement("draft"), INSIDERS),
    "partnerships:version_detail": (
        "get",
        lambda w: {"pk": _AgreementWorld.get(w, "public").pk, "number": 1},
        INSIDERS,
    ),
    "partnerships:agreement_create": ("get", None, row(LOGIN, 404, 404, 404, 200, 200, 404)),
    "partnerships:agreement_edit": ("get", _agreement("draft"), KEEPER),
    "partnerships:agreement_status": (
        "post",
        _agreement("draft"),
        row(LOGIN, 404, 404, 404, 302, 404, 404),  # no action chosen: back, with a message
    ),
    "partnerships:agreement_funder": ("post", _agreement("draft"), KEEPER_POST),
    "partnerships:commitment_add": ("get", _agreement("draft"), KEEPER),
    "partnerships:commitment_edit": ("get", _draft_commitment, KEEPER),
    "partnerships:commitment_remove": ("post", _draft_commitment, KEEPER_POST),
    "partnerships:document_upload": ("post", _agreement("draft"), KEEPER_POST),
    "partnerships:follow_up_open": ("post", _agreement("public"), KEEPER_POST),
    "partnerships:follow_up_detail": (
        "get",
        _agreement("round"),
        row(LOGIN, 200, 200, 404, 200, 404, 200),
    ),
    "partnerships:follow_up_comment": (
        "post",
        _agreement("round"),
        row(LOGIN, 302, 302, 404, 302, 404, 404),  # the parties comment; coordinators read
    ),
    "partnerships:follow_up_close": ("post", _agreement("round"), KEEPER_POST),
    # The NGO that is the party sends its yearly report and plan.
    "partnerships:annual_report_submit": (
        "post",
        _agreement("annual"),
        row(LOGIN, 302, 302, 404, 404, 404, 404),
    ),
    "grants:call_list": ("get", None, everyone(200)),
    "grants:call_calendar": ("get", None, everyone(200)),
    "grants:call_detail": ("get", _grant("call"), everyone(200)),
    "grants:application_start": ("post", _grant("call"), row(LOGIN, 400, 400, 400, 404, 404, 404)),
    "grants:call_decisions": ("get", _grant("call"), row(404, 404, 404, 404, 200, 404, 200)),
    "grants:call_decisions_csv": ("get", _grant("call"), row(404, 404, 404, 404, 200, 404, 200)),
    "grants:call_publish_decisions": ("post", _grant("call"), OFFICER),
    "grants:application_list": ("get", None, logged_in(200)),
    "grants:statistics": ("get", None, everyone(200)),
    "grants:statistics_csv": ("get", None, everyone(200)),
    # Both officials of the matrix world are grant officers.
    "grants:statistics_pdf": ("get", None, row(LOGIN, 404, 404, 404, 200, 200, 200)),
    # org_a's profile is hidden: its history is seen by those who see the profile.
    "grants:organisation_history": ("get", _org_a, row(404, 200, 200, 404, 200, 404, 200)),
    "grants:application_detail": ("get", _grant("application"), APPLICANTS),
    "grants:application_pdf": ("get", _grant("application"), APPLICANTS),
    "grants:decision_pdf": ("get", _grant("application"), APPLICANTS),
    "grants:attachment_download": ("get", _grant_attachment("application"), APPLICANTS),
    "grants:application_edit": ("get", _grant("draft"), row(LOGIN, 200, 200, 404, 404, 404, 404)),
    "grants:attachment_upload": ("post", _grant("draft"), DRAFTERS),
    "grants:attachment_delete": ("post", _grant_attachment("draft"), DRAFTERS),
    "grants:application_submit": (
        "post",
        _grant("draft"),
        row(LOGIN, 404, 302, 404, 404, 404, 404),
    ),
    "grants:application_withdraw": (
        "post",
        _grant("draft"),
        row(LOGIN, 404, 302, 404, 404, 404, 404),
    ),
    "grants:application_screen": ("post", _grant("sent"), row(LOGIN, 404, 404, 404, 400, 404, 404)),
    "grants:application_request_info": (
        "post",
        _grant("sent"),
        row(LOGIN, 404, 404, 404, 400, 404, 404),
    ),
    # Nobody of these roles is in a network; endorsement has its own tests.
    "grants:application_endorse": (
        "post",
        _grant("sent"),
        row(LOGIN, 404, 404, 404, 404, 404, 404),
    ),
    "grants:application_review": (
        "get",
        _grant("review"),
        row(LOGIN, 404, 404, 404, 200, 404, 404),
    ),
    "grants:application_decide": (
        "get",
        _grant("review"),
        row(LOGIN, 404, 404, 404, 200, 404, 404),
    ),
    "grants:application_mark_paid": ("post", _grant("application"), OFFICER),
    "grants:report_detail": (
        "get",
        lambda w: {"pk": _GrantWorld.get(w, "application").use_report.pk},
        APPLICANTS,
    ),
    "grants:report_review": (
        "post",
        lambda w: {"pk": _GrantWorld.get(w, "application").use_report.pk},
        OFFICER,
    ),
    "cooperation:home": ("get", None, everyone(200)),
    "cooperation:directory": ("get", None, everyone(200)),
    "cooperation:directory_pdf": ("get", None, row(LOGIN, 404, 404, 404, 200, 200, 200)),
    "cooperation:organisation_create": ("get", None, logged_in(200)),
    # org_a is hidden and works in Turku.
    "cooperation:organisation_detail": ("get", _org_a, row(404, 200, 200, 404, 200, 404, 200)),
    "cooperation:my_account": ("get", None, logged_in(200)),
    # Everyone's own data only: nothing of another person is addressed by the URL.
    "cooperation:my_data": ("get", None, logged_in(200)),
    "cooperation:my_data_download": ("get", None, logged_in(200)),
    "cooperation:account_delete": ("get", None, logged_in(200)),
    "cooperation:privacy": ("get", None, everyone(200)),
    "cooperation:accessibility": ("get", None, everyone(200)),
    "cooperation:my_organisation": ("get", _org_a, row(LOGIN, 200, 200, 404, 404, 404, 404)),
    "cooperation:organisation_edit": ("get", _org_a, row(LOGIN, 404, 200, 404, 404, 404, 404)),
    "cooperation:organisation_confirm": ("post", _org_a, row(LOGIN, 404, 302, 404, 404, 404, 404)),
    "cooperation:member_invite": ("get", _org_a, row(LOGIN, 404, 200, 404, 404, 404, 404)),
    "cooperation:invitation_revoke": (
        "post",
        lambda w: {"pk": w.org_a.pk, "invitation_pk": w.invitation.pk},
        row(LOGIN, 404, 302, 404, 404, 404, 404),
    ),
    "cooperation:member_remove": (
        "post",
        lambda w: {"pk": w.org_a.pk, "membership_pk": w.membership.pk},
        row(LOGIN, 404, 302, 404, 404, 404, 404),
    ),
    "cooperation:admin_hand_over": ("get", _org_a, row(LOGIN, 404, 200, 404, 404, 404, 404)),
    "cooperation:organisation_leave": ("get", _org_a, row(LOGIN, 200, 200, 404, 404, 404, 404)),
    # Only the invited address may accept; others see why they cannot.
    "cooperation:invitation_accept": (
        "get",
        lambda w: {"token": w.invitation_token},
        logged_in(200),
    ),
    "healthz": ("get", None, everyone(200)),
    "set_language": ("post", None, everyone(302)),
}

# allauth's own pages: the public ones answer everybody, the account pages
# only a logged-in user. Officials are exempt from the two-factor redirect here.
PUBLIC_ACCOUNT_PAGES = {
    "account_login",
    "account_signup",
    "account_reset_password",
    "account_reset_password_done",
    "account_email_verification_sent",
    "account_inactive",
    "account_logout",
    "account_reset_password_from_key_done",
    "account_signup_by_passkey",
}
ACCOUNT_PAGES = {
    "account_email",
    "account_change_password",
    "account_set_password",
    "mfa_index",
    "mfa_activate_totp",
    "mfa_deactivate_totp",
    "mfa_view_recovery_codes",
    "mfa_generate_recovery_codes",
    "mfa_download_recovery_codes",
    "account_reauthenticate",
    "mfa_reauthenticate",
}


AUTHENTICATOR_PAGES = {
    "mfa_deactivate_totp",
    "mfa_view_recovery_codes",
    "mfa_download_recovery_codes",
}


ADMIN_MODELS = {
    # model: (object builder, expectation per role for the model's pages)
    Organisation: (lambda w: w.org_a, "scoped"),
    Membership: (lambda w: w.membership, "scoped"),
    Invitation: (lambda w: w.invitation, "scoped_readonly"),
    Official: (lambda w: Official.objects.get(user=w.official_same), "scoped"),
    Unit: (lambda w: w.unit, "scoped"),
    Theme: (lambda w: Theme.objects.first(), "shared"),
    TargetGroup: (lambda w: TargetGroup.objects.first(), "shared"),
    Municipality: (lambda w: Municipality.objects.get(code="853"), "reference"),
    WellbeingServicesCounty: (lambda w: WellbeingServicesCounty.objects.first(), "reference"),
    User: (lambda w: w.ngo_member, "people"),
    EmailAddress: (lambda w: EmailAddress.objects.filter(user=w.ngo_member).first(), "technical"),
    Authenticator: (
        lambda w: Authenticator.objects.filter(user=w.official_same).first(),
        "technical",
    ),
    Group: (lambda w: Group.objects.get_or_create(name="Tekninen")[0], "technical"),
    Signal: (lambda w: _SignalWorld.get(w, "signal"), "team_record"),
    Digest: (lambda w: _SignalWorld.get(w, "digest"), "team_record"),
    SignalLink: (lambda w: _SignalWorld.get(w, "open_link"), "team_record"),
    Topic: (lambda w: Topic.objects.get(slug="housing"), "team_list"),
    GrantCall: (lambda w: _GrantWorld.get(w, "call"), "officer_record"),
    Network: (
        lambda w: Network.objects.create(
            name="Verkosto", municipality=Municipality.objects.get(code="853")
        ),
        "officer_record",
    ),
    Application: (lambda w: _GrantWorld.get(w, "application"), "officer_readonly"),
    UseReport: (lambda w: _GrantWorld.get(w, "application").use_report, "officer_readonly"),
    Space: (lambda w: _FacilityWorld.get(w, "space"), "premises"),
    ChecklistEdition: (lambda w: _ChecklistWorld.get(w, "edition"), "model_texts"),
    ChecklistArea: (lambda w: _ChecklistWorld.get(w, "area"), "model_texts"),
    ForumEvent: (lambda w: _ChecklistWorld.get(w, "forum"), "liaison_record"),
    StatutoryCouncil: (lambda w: _ChecklistWorld.get(w, "council"), "liaison_record"),
    GuidingDocument: (lambda w: _ChecklistWorld.get(w, "document"), "liaison_record"),
    AccessibilityFeedback: (
        lambda w: AccessibilityFeedback.objects.create(message="Kontrasti on heikko."),
        "feedback",
    ),
}

NOT_ADMIN = {"anonymous": LOGIN, "ngo_member": 404, "ngo_admin": 404, "other_member": 404}
# page -> status, for: (official of the object's municipality, official elsewhere, coordinator)
ADMIN_EXPECTATIONS = {
    "scoped": {
        "changelist": (200, 200, 200),
        "add": (403, 403, 200),
        "change": (200, 404, 200),
        "delete": (403, 404, 200),
        "history": (200, 404, 200),
    },
    "scoped_readonly": {  # invitations are sent from the organisation's pages only
        "changelist": (200, 200, 200),
        "add": (403, 403, 403),
        "change": (200, 404, 200),
        "delete": (403, 404, 200),
        "history": (200, 404, 200),
    },
    "shared": {
        "changelist": (200, 200, 200),
        "add": (403, 403, 200),
        "change": (200, 200, 200),
        "delete": (403, 403, 200),
        "history": (200, 200, 200),
    },
    "reference": {
        "changelist": (200, 200, 200),
        "add": (403, 403, 403),
        "change": (200, 200, 200),
        "delete": (403, 403, 403),
        "history": (200, 200, 200),
    },
    "people": {
        "changelist": (403, 403, 200),
        "add": (403, 403, 403),
        "change": (404, 404, 200),
        "delete": (404, 404, 403),
        "history": (404, 404, 200),
    },
    # Signals, digests and links: the municipality's NGO team works on its own;
    # coordinators read everything; nobody adds them in the admin.
    "team_record": {
        "changelist": (200, 200, 200),
        "add": (403, 403, 403),
        "change": (200, 404, 200),
        "delete": (403, 404, 403),
        "history": (200, 404, 200),
    },
    # Signal topics: a regional list kept by NGO teams and coordinators.
    "team_list": {
        "changelist": (200, 200, 200),
        "add": (200, 200, 200),
        "change": (200, 200, 200),
        "delete": (200, 200, 200),
        "history": (200, 200, 200),
    },
    # Grant calls and networks: the municipality's grant officers keep their own;
    # coordinators read them.
    "officer_record": {
        "changelist": (200, 200, 200),
        "add": (200, 200, 403),
        "change": (200, 404, 200),
        "delete": (200, 404, 403),
        "history": (200, 404, 200),
    },
    # Spaces of the catalogue: each municipality's facility managers keep theirs;
    # coordinators read the public catalogue, not the admin.
    "premises": {
        "changelist": (200, 200, 403),
        "add": (200, 200, 403),
        "change": (200, 404, 404),
        "delete": (200, 404, 404),
        "history": (200, 404, 404),
    },
    # Applications and reports change only through the officer's pages.
    "officer_readonly": {
        "changelist": (200, 200, 200),
        "add": (403, 403, 403),
        "change": (200, 404, 200),
        "delete": (403, 404, 403),
        "history": (200, 404, 200),
    },
    # The checklist's texts: coordinators keep them; an edition in use is read-only
    # (it cannot be deleted); officials do not see them in the admin.
    "model_texts": {
        "changelist": (403, 403, 200),
        "add": (403, 403, 200),
        "change": (404, 404, 200),
        "delete": (404, 404, 403),
        "history": (404, 404, 200),
    },
    # Forums, councils and guiding documents: each municipality's liaison persons
    # keep theirs; coordinators keep all.
    "liaison_record": {
        "changelist": (200, 200, 200),
        "add": (200, 200, 200),
        "change": (200, 404, 200),
        "delete": (200, 404, 200),
        "history": (200, 404, 200),
    },
    # Accessibility feedback: the coordinators answer it; it comes only from the form.
    "feedback": {
        "changelist": (403, 403, 200),
        "add": (403, 403, 403),
        "change": (404, 404, 200),
        "delete": (404, 404, 200),
        "history": (404, 404, 200),
    },
    "technical": {
        "changelist": (403, 403, 403),
        "add": (403, 403, 403),
        "change": (403, 403, 403),
        "delete": (403, 403, 403),
        "history": (403, 403, 403),
    },
}
ADMIN_SITE_PAGES = {
    "admin:index": (
        "get",
        None,
        {**NOT_ADMIN, "official_same": 200, "official_other": 200, "coordinator": 200},
    ),
    "admin:login": (
        "get",
        None,
        {
            **NOT_ADMIN,
            "anonymous": 302,
            "official_same": 302,
            "official_other": 302,
            "coordinator": 302,
        },
    ),
    "admin:logout": (
        "post",
        None,
        {
            **NOT_ADMIN,
            "anonymous": 302,
            "official_same": 302,
            "official_other": 302,
            "coordinator": 302,
        },
    ),
    "admin:password_change": (
        "get",
        None,
        {**NOT_ADMIN, "official_same": 200, "official_other": 200, "coordinator": 200},
    ),
    "admin:password_change_done": (
        "get",
        None,
        {**NOT_ADMIN, "official_same": 200, "official_other": 200, "coordinator": 200},
    ),
    "admin:jsi18n": (
        "get",
        None,
        {**NOT_ADMIN, "official_same": 200, "official_other": 200, "coordinator": 200},
    ),
    "admin:autocomplete": (
        "get",
        None,
        {**NOT_ADMIN, "official_same": 403, "official_other": 403, "coordinator": 403},
    ),
    "admin:app_list": (
        "get",
        lambda w: {"app_label": "cooperation"},
        {**NOT_ADMIN, "official_same": 200, "official_other": 200, "coordinator": 200},
    ),
}


def admin_cases():
    cases = {}
    for model, (_builder, kind) in ADMIN_MODELS.items():
        meta = model._meta
        for page, statuses in ADMIN_EXPECTATIONS[kind].items():
            name = f"admin:{meta.app_label}_{meta.model_name}_{page}"
            expected = {
                **NOT_ADMIN,
                "official_same": statuses[0],
                "official_other": statuses[1],
                "coordinator": statuses[2],
            }
            cases[name] = (model, page, expected)
    return cases


ADMIN_CASES = admin_cases()
# Admin pages without a page of their own to test: the object redirect and
# apps' lists of other apps are covered by the same site guard.
COVERED_BY_SITE_GUARD = {"admin:view_on_site"}
# The admin's unnamed patterns: the old object URL (redirects to the change
# page) and the catch-all. Tested below for users outside the admin.
UNNAMED_ADMIN = {name for name in all_url_names() if name.startswith("<unnamed admin/")}


def test_every_url_pattern_is_in_the_matrix():
    described = (
        set(PAGES)
        | PUBLIC_ACCOUNT_PAGES
        | ACCOUNT_PAGES
        | set(ADMIN_CASES)
        | set(ADMIN_SITE_PAGES)
        | COVERED_BY_SITE_GUARD
        | set(ALLAUTH_TOKEN_PAGES)
    )
    missing = sorted(
        name for name in all_url_names() if name not in described and name not in UNNAMED_ADMIN
    )
    assert not missing, f"URL patterns missing from the permission matrix: {missing}"


ALLAUTH_TOKEN_PAGES = {
    # pages reached only with a key from an e-mail or a login in progress
    "account_confirm_email": {"key": "nonsense"},
    "account_reset_password_from_key": {"uidb36": "1", "key": "set-password"},
    "mfa_authenticate": None,
    "account_login_code_confirm": None,
    "account_confirm_login_code": None,
    "account_request_login_code": None,
    "account_confirm_password_reset_code": None,
    "account_reset_password_from_code": None,
    "account_email_verification_sent_code": None,
    "account_verify_email_code": None,
    "account_confirm_code": None,
}


def _client_for(client, world, role):
    client.logout()
    user = world.user(role)
    if user is not None:
        client.force_login(user)
    return client


def _assert_status(response, expected, label):
    if expected == LOGIN:
        assert response.status_code == 302, label
        assert (
            reverse("account_login") in response["Location"] or "/login/" in response["Location"]
        ), label
    else:
        assert response.status_code == expected, f"{label}: {response.status_code} != {expected}"


@pytest.mark.parametrize("name", sorted(PAGES))
@pytest.mark.parametrize("role", ROLES)
def test_portal_pages(client, world, name, role):
    method, kwargs_for, expected = PAGES[name]
    url = reverse(name, kwargs=kwargs_for(world) if kwargs_for else None)
    response = getattr(_client_for(client, world, role), method)(url)
    _assert_status(response, expected[role], f"{role} {method.upper()} {url}")


@pytest.mark.parametrize("name", sorted(ADMIN_CASES))
@pytest.mark.parametrize("role", ROLES)
def test_admin_model_pages(client, world, name, role):
    model, page, expected = ADMIN_CASES[name]
    builder = ADMIN_MODELS[model][0]
    kwargs = None
    if page in {"change", "delete", "history"}:
        kwargs = {"object_id": builder(world).pk}
    url = reverse(name, kwargs=kwargs)
    response = _client_for(client, world, role).get(url)
    _assert_status(response, expected[role], f"{role} GET {url}")


@pytest.mark.parametrize("name", sorted(ADMIN_SITE_PAGES))
@pytest.mark.parametrize("role", ROLES)
def test_admin_site_pages(client, world, name, role):
    method, kwargs_for, expected = ADMIN_SITE_PAGES[name]
    url = reverse(name, kwargs=kwargs_for(world) if kwargs_for else None)
    response = getattr(_client_for(client, world, role), method)(url)
    _assert_status(response, expected[role], f"{role} {method.upper()} {url}")


@pytest.mark.parametrize("name", sorted(ACCOUNT_PAGES & all_url_names()))
@pytest.mark.parametrize("role", ROLES)
def test_account_pages_need_a_login(client, world, name, role):
    response = _client_for(client, world, role).get(reverse(name))
    if role == "anonymous":
        _assert_status(response, LOGIN, name)
    else:
        # The page itself, or a step of allauth's own flow (e.g. reauthenticate);
        # pages about an authenticator the user does not have answer 404.
        allowed = {200, 302, 404} if name in AUTHENTICATOR_PAGES else {200, 302}
        assert response.status_code in allowed, f"{role} {name}: {response.status_code}"


@pytest.mark.parametrize("name", sorted(PUBLIC_ACCOUNT_PAGES & all_url_names()))
def test_public_account_pages_answer_anonymous(client, name):
    response = client.get(reverse(name))
    assert response.status_code in {200, 302}, name


def test_hidden_organisation_is_not_leaked_in_the_directory(client, world):
    response = client.get(reverse("cooperation:directory"))
    assert world.org_a.name not in response.content.decode()
    client.force_login(world.official_other)
    assert world.org_a.name not in client.get(reverse("cooperation:directory")).content.decode()
    client.force_login(world.official_same)
    assert world.org_a.name in client.get(reverse("cooperation:directory")).content.decode()


@pytest.mark.parametrize("name", sorted(UNNAMED_ADMIN))
@pytest.mark.parametrize("role", ["anonymous", "ngo_admin", "official_other"])
def test_unnamed_admin_patterns(client, world, name, role):
    path = "/" + name.removeprefix("<unnamed ").removesuffix(">")
    path = path.replace("<path:object_id>", str(world.org_a.pk)).replace("(?P<url>.*)$", "nowhere/")
    response = _client_for(client, world, role).get(path)
    if role == "anonymous":
        assert response.status_code == 302, path
    elif role == "ngo_admin":
        assert response.status_code == 404, path
    else:
        # Inside the admin: a redirect to the change page, which scopes the object.
        assert response.status_code in {302, 404}, path
