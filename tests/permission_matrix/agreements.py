"""The agreement register: public parts for everyone, internal parts for the parties,
the municipality and coordinators; Turku's officials keep its register."""

from __future__ import annotations

from tests.permission_matrix.rows import LOGIN, everyone, expect, logged_in


class _AgreementWorld:
    """org_a's agreement with Turku in force, with a confidential document, and a
    draft, made on first use."""

    @staticmethod
    def get(w, name):
        cache = w.__dict__.setdefault("_agreements", {})
        if not cache:
            from partnerships.agreements import services as agreement_services
            from tests.helpers.agreements import in_force, make_agreement
            from tests.helpers.files import pdf_upload

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


class _StatementWorld:
    """org_a's requests for partnership statements: a draft, one with Turku's
    officials, one answered with a letter of intent, and one waiting for the
    endorsement of Salo's network (official_other is its member)."""

    @staticmethod
    def get(w, name):
        cache = w.__dict__.setdefault("_statements", {})
        if not cache:
            from grants.models import Network
            from partnerships.statements import services as statement_services
            from tests.factories import municipality
            from tests.partnerships.statements.test_statements import FIELDS

            def draft(code="853"):
                return statement_services.request_create(
                    by=w.ngo_admin,
                    organisation=w.org_a,
                    municipality=municipality(code),
                    fields=FIELDS,
                )

            processing = statement_services.request_submit(request=draft(), by=w.ngo_admin)
            given = statement_services.request_submit(request=draft(), by=w.ngo_admin)
            given = statement_services.statement_give(
                request=given,
                by=w.official_same,
                kind="statement",
                statement="Tuemme hanketta.",
                commitments="",
                signer_title="johtaja",
            )
            network = Network.objects.create(
                name="Salon verkosto", municipality=municipality("734"), endorses_statements=True
            )
            network.members.set([w.official_other])
            endorse = statement_services.request_submit(request=draft("734"), by=w.ngo_admin)
            cache.update(draft=draft(), processing=processing, given=given, endorse=endorse)
        return cache[name]


def _statement(name):
    return lambda w: {"pk": _StatementWorld.get(w, name).pk}


# The organisation's people alone (its drafts).
REQUESTER = expect(
    anonymous=LOGIN,
    member=200,
    other_org=404,
    official_same=404,
    official_other=404,
    coordinator=404,
)


# The organisation's people, the body's officials and coordinators, once it is sent.
SENT = expect(
    anonymous=LOGIN,
    member=200,
    other_org=404,
    official_same=200,
    official_other=404,
    coordinator=200,
)


INSIDERS = expect(
    anonymous=404, member=200, other_org=404, official_same=200, official_other=404, coordinator=200
)  # org_a's people, Turku, coordinators


KEEPER = expect(
    anonymous=LOGIN,
    member=404,
    other_org=404,
    official_same=200,
    official_other=404,
    coordinator=404,
)  # Turku's officials keep its register


KEEPER_POST = expect(
    anonymous=LOGIN,
    member=404,
    other_org=404,
    official_same=302,
    official_other=404,
    coordinator=404,
)


PAGES = {
    # Grants. The call is Turku's; official_same is its grant officer and a
    # reviewer of the call, official_other is Salo's grant officer.
    "partnerships:register": ("get", None, everyone(200)),
    "partnerships:internal_register": ("get", None, logged_in(200)),
    "partnerships:agreement_detail": ("get", _agreement("draft"), INSIDERS),
    "partnerships:document_download": ("get", _agreement("secret"), INSIDERS),
    "partnerships:register_csv": ("get", None, everyone(200)),
    "partnerships:internal_register_csv": ("get", None, logged_in(200)),
    # An official's own municipality; a coordinator must name one (404 without).
    "partnerships:register_pdf": (
        "get",
        None,
        expect(
            anonymous=LOGIN,
            member=404,
            other_org=404,
            official_same=200,
            official_other=200,
            coordinator=404,
        ),
    ),
    "partnerships:agreement_pdf": ("get", _agreement("draft"), INSIDERS),
    "partnerships:version_detail": (
        "get",
        lambda w: {"pk": _AgreementWorld.get(w, "public").pk, "number": 1},
        INSIDERS,
    ),
    "partnerships:agreement_create": (
        "get",
        None,
        expect(
            anonymous=LOGIN,
            member=404,
            other_org=404,
            official_same=200,
            official_other=200,
            coordinator=404,
        ),
    ),
    "partnerships:agreement_edit": ("get", _agreement("draft"), KEEPER),
    "partnerships:agreement_status": (
        "post",
        _agreement("draft"),
        expect(
            anonymous=LOGIN,
            member=404,
            other_org=404,
            official_same=302,
            official_other=404,
            coordinator=404,
        ),  # no action chosen: back, with a message
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
        expect(
            anonymous=LOGIN,
            member=200,
            other_org=404,
            official_same=200,
            official_other=404,
            coordinator=200,
        ),
    ),
    "partnerships:follow_up_comment": (
        "post",
        _agreement("round"),
        expect(
            anonymous=LOGIN,
            member=302,
            other_org=404,
            official_same=302,
            official_other=404,
            coordinator=404,
        ),  # the parties comment; coordinators read
    ),
    "partnerships:follow_up_close": ("post", _agreement("round"), KEEPER_POST),
    # The NGO that is the party sends its yearly report and plan.
    "partnerships:annual_report_submit": (
        "post",
        _agreement("annual"),
        expect(
            anonymous=LOGIN,
            member=302,
            other_org=404,
            official_same=404,
            official_other=404,
            coordinator=404,
        ),
    ),
    # Partnership statements.
    "partnerships:statement_list": ("get", None, logged_in(200)),
    "partnerships:statement_create": (
        "get",
        None,
        expect(
            anonymous=LOGIN,
            member=200,
            other_org=200,
            official_same=404,
            official_other=404,
            coordinator=404,
        ),  # asked for an organisation one is a member of
    ),
    "partnerships:statement_detail": ("get", _statement("processing"), SENT),
    "partnerships:statement_edit": ("get", _statement("draft"), REQUESTER),
    # The first post asks for confirmation.
    "partnerships:statement_submit": ("post", _statement("draft"), REQUESTER),
    # A post without a view shows the page again with what to correct.
    "partnerships:statement_endorse": (
        "post",
        _statement("endorse"),
        expect(
            anonymous=LOGIN,
            member=404,
            other_org=404,
            official_same=404,
            official_other=400,
            coordinator=404,
            official_county=404,
        ),
    ),
    "partnerships:statement_give": (
        "get",
        _statement("processing"),
        expect(
            anonymous=LOGIN,
            member=404,
            other_org=404,
            official_same=200,
            official_other=404,
            coordinator=404,
        ),
    ),
    "partnerships:statement_decline": (
        "post",
        _statement("processing"),
        expect(
            anonymous=LOGIN,
            member=404,
            other_org=404,
            official_same=400,
            official_other=404,
            coordinator=404,
        ),
    ),
    "partnerships:statement_funder": (
        "post",
        _statement("given"),
        expect(
            anonymous=LOGIN,
            member=400,
            other_org=404,
            official_same=404,
            official_other=404,
            coordinator=404,
        ),
    ),
    "partnerships:statement_pdf": ("get", _statement("given"), SENT),
}
