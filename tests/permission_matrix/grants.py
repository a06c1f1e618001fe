"""Grants: public calls and statistics, applying, review and decisions, reports. The
call is Turku's; both officials are their municipality's grant officers and
official_same reviews the call."""

from __future__ import annotations

from cooperation.models import PublicBody
from grants import services as grant_services
from grants.appeal import instructions_for
from grants.models import AppealInstructions, Application, GrantCall, Network, UseReport
from tests.helpers.grants import complete_draft, in_review_for_matrix, make_call, submitted
from tests.permission_matrix.core import org_a
from tests.permission_matrix.rows import LOGIN, everyone, expect, logged_in


class _GrantWorld:
    """A Turku call with a decided application of org_a, made on first use. The
    call is a rolling one: it is open, and its applications are decided as they
    come (an annual call is decided only once it has closed)."""

    @staticmethod
    def get(w, name):
        cache = w.__dict__.setdefault("_grants", {})
        if not cache:
            call = make_call(kind=GrantCall.Kind.ROLLING)
            call.reviewers.add(w.official_same)
            application = in_review_for_matrix(call, w)
            draft = complete_draft(call, w.org_a, w.ngo_admin)
            sent = submitted(call, w.org_a, w.ngo_admin)
            review = submitted(call, w.org_a, w.ngo_admin)
            grant_services.application_screen(application=review, by=w.official_same, eligible=True)
            cache.update(call=call, application=application, draft=draft, sent=sent, review=review)
        return cache[name]


def _grant(name):
    return lambda w: {"pk": _GrantWorld.get(w, name).pk}


def _grant_attachment(name):
    return lambda w: {"pk": _GrantWorld.get(w, name).attachments.first().pk}


APPLICANTS = expect(
    anonymous=LOGIN,
    member=200,
    other_org=404,
    official_same=200,
    official_other=404,
    coordinator=200,
)  # org_a's own, Turku's officer, coordinators


DRAFTERS = expect(
    anonymous=LOGIN,
    member=302,
    other_org=404,
    official_same=404,
    official_other=404,
    coordinator=404,
)  # org_a's members; nobody else sees a draft


OFFICER = expect(
    anonymous=LOGIN,
    member=404,
    other_org=404,
    official_same=302,
    official_other=404,
    coordinator=404,
)


PAGES = {
    "grants:call_list": ("get", None, everyone(200)),
    "grants:call_calendar": ("get", None, everyone(200)),
    "grants:call_detail": ("get", _grant("call"), everyone(200)),
    "grants:application_start": (
        "post",
        _grant("call"),
        expect(
            anonymous=LOGIN,
            member=400,
            other_org=400,
            official_same=404,
            official_other=404,
            coordinator=404,
        ),
    ),
    "grants:call_decisions": (
        "get",
        _grant("call"),
        expect(
            anonymous=404,
            member=404,
            other_org=404,
            official_same=200,
            official_other=404,
            coordinator=200,
        ),
    ),
    "grants:call_decisions_csv": (
        "get",
        _grant("call"),
        expect(
            anonymous=404,
            member=404,
            other_org=404,
            official_same=200,
            official_other=404,
            coordinator=200,
        ),
    ),
    "grants:call_decisions_pdf": (
        "get",
        _grant("call"),
        expect(
            anonymous=404,
            member=404,
            other_org=404,
            official_same=200,
            official_other=404,
            coordinator=200,
        ),
    ),
    "grants:call_publish_decisions": ("post", _grant("call"), OFFICER),
    "grants:application_list": ("get", None, logged_in(200)),
    "grants:statistics": ("get", None, everyone(200)),
    "grants:statistics_csv": ("get", None, everyone(200)),
    # Both officials of the matrix world are grant officers.
    "grants:statistics_pdf": (
        "get",
        None,
        expect(
            anonymous=LOGIN,
            member=404,
            other_org=404,
            official_same=200,
            official_other=200,
            coordinator=200,
        ),
    ),
    # org_a's profile is hidden: its history is seen by those who see the profile.
    "grants:organisation_history": (
        "get",
        org_a,
        expect(
            anonymous=404,
            member=200,
            other_org=404,
            official_same=200,
            official_other=404,
            coordinator=200,
        ),
    ),
    "grants:application_detail": ("get", _grant("application"), APPLICANTS),
    "grants:application_pdf": ("get", _grant("application"), APPLICANTS),
    "grants:decision_pdf": ("get", _grant("application"), APPLICANTS),
    "grants:attachment_download": ("get", _grant_attachment("application"), APPLICANTS),
    "grants:application_edit": (
        "get",
        _grant("draft"),
        expect(
            anonymous=LOGIN,
            member=200,
            other_org=404,
            official_same=404,
            official_other=404,
            coordinator=404,
        ),
    ),
    "grants:attachment_upload": ("post", _grant("draft"), DRAFTERS),
    "grants:attachment_delete": ("post", _grant_attachment("draft"), DRAFTERS),
    "grants:application_submit": (
        "post",
        _grant("draft"),
        expect(
            anonymous=LOGIN,
            member=404,
            admin=302,
            other_org=404,
            official_same=404,
            official_other=404,
            coordinator=404,
        ),
    ),
    "grants:application_withdraw": (  # the confirmation page first
        "post",
        _grant("draft"),
        expect(
            anonymous=LOGIN,
            member=404,
            admin=200,
            other_org=404,
            official_same=404,
            official_other=404,
            coordinator=404,
        ),
    ),
    "grants:application_screen": (
        "post",
        _grant("sent"),
        expect(
            anonymous=LOGIN,
            member=404,
            other_org=404,
            official_same=400,
            official_other=404,
            coordinator=404,
        ),
    ),
    "grants:application_request_info": (
        "post",
        _grant("sent"),
        expect(
            anonymous=LOGIN,
            member=404,
            other_org=404,
            official_same=400,
            official_other=404,
            coordinator=404,
        ),
    ),
    # Nobody of these roles is in a network; endorsement has its own tests.
    "grants:application_endorse": (
        "post",
        _grant("sent"),
        expect(
            anonymous=LOGIN,
            member=404,
            other_org=404,
            official_same=404,
            official_other=404,
            coordinator=404,
        ),
    ),
    "grants:application_review": (
        "get",
        _grant("review"),
        expect(
            anonymous=LOGIN,
            member=404,
            other_org=404,
            official_same=200,
            official_other=404,
            coordinator=404,
        ),
    ),
    # Only a network member, of an application the network did not endorse
    # (tests/grants/test_endorsement.py); none of the matrix's roles is one.
    "grants:application_endorsement_reopen": (
        "post",
        _grant("review"),
        expect(
            anonymous=LOGIN,
            member=404,
            other_org=404,
            official_same=404,
            official_other=404,
            coordinator=404,
        ),
    ),
    # Only an officer who is not a reviewer yet may join; the matrix's officer
    # already is one (the joining itself: tests/grants/test_reviews_join.py).
    "grants:application_review_join": (
        "post",
        _grant("review"),
        expect(
            anonymous=LOGIN,
            member=404,
            other_org=404,
            official_same=404,
            official_other=404,
            coordinator=404,
        ),
    ),
    "grants:application_decide": (
        "get",
        _grant("review"),
        expect(
            anonymous=LOGIN,
            member=404,
            other_org=404,
            official_same=200,
            official_other=404,
            coordinator=404,
        ),
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
}

# model: (object builder, kind of admin expectations in tests/permission_matrix/admin.py)
ADMIN_MODELS = {
    GrantCall: (lambda w: _GrantWorld.get(w, "call"), "officer_record"),
    Network: (
        lambda w: Network.objects.create(
            name="Verkosto", municipality=PublicBody.objects.get(code="853")
        ),
        "officer_record",
    ),
    AppealInstructions: (
        lambda w: instructions_for(PublicBody.objects.get(code="853")),
        "officer_record",
    ),
    Application: (lambda w: _GrantWorld.get(w, "application"), "officer_readonly"),
    UseReport: (lambda w: _GrantWorld.get(w, "application").use_report, "officer_readonly"),
}
