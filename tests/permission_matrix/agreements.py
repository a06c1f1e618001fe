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
}
