"""Silent signals: intake through links, the NGO team's pages, digests, public topic
pages. org_a's signal is in Turku; official_other is Salo's NGO team."""

from __future__ import annotations

from cooperation.models import PublicBody
from signals import services as signal_services
from signals.models import Digest, Signal, SignalLink, Topic
from tests.permission_matrix.rows import LOGIN, everyone, expect, logged_in


class _SignalWorld:
    """Signal records of the world, made on first use and kept on the world."""

    @staticmethod
    def get(w, name):
        cache = w.__dict__.setdefault("_signals", {})
        if not cache:
            turku = PublicBody.objects.get(code="853")
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


def _need(w):
    cache = w.__dict__.setdefault("_needs", {})
    if not cache:
        from signals.needs import services as need_services

        cache["need"] = need_services.need_create(
            by=w.official_same,
            municipality=PublicBody.objects.get(code="853"),
            fields={
                "title_fi": "Nuorten illat",
                "summary_fi": "Nuoret viettävät iltoja kaupoissa.",
            },
            signals=[_SignalWorld.get(w, "signal")],
        )
    return {"pk": cache["need"].pk}


def _edition(w):
    """Turku's area challenges for 2027, a draft with one challenge."""
    cache = w.__dict__.setdefault("_challenges", {})
    if not cache:
        from signals.challenges import services as challenge_services

        edition = challenge_services.edition_create(
            by=w.official_same,
            municipality=PublicBody.objects.get(code="853"),
            year=2027,
            fields={},
        )
        cache["edition"] = edition
        cache["challenge"] = challenge_services.challenge_save(
            edition=edition,
            by=w.official_same,
            fields={"area": "Varissuo", "title_fi": "Illat", "description_fi": "Kuvaus."},
        )
    return {"pk": cache["edition"].pk}


def _challenge(w):
    return {**_edition(w), "challenge_pk": w.__dict__["_challenges"]["challenge"].pk}


# The body's officials keep its area challenges (any official: its experts).
_KEPT_EDITION = expect(
    anonymous=LOGIN,
    member=404,
    other_org=404,
    official_same=200,
    official_other=404,
    coordinator=404,
)


def _need_signal(w):
    return {**_need(w), "signal_pk": _SignalWorld.get(w, "signal").pk}


_DRAFT_NEED = expect(
    anonymous=404,
    member=404,
    other_org=404,
    official_same=200,
    official_other=404,
    coordinator=200,
)
_KEPT_NEED = expect(
    anonymous=LOGIN,
    member=404,
    other_org=404,
    official_same=200,
    official_other=404,
    coordinator=200,
)


def _digest(w):
    return {"pk": _SignalWorld.get(w, "digest").pk}


PAGES = {
    # Signals. org_a's signal is in Turku; official_other is Salo's NGO team.
    "signals:signal_list": ("get", None, logged_in(200)),
    "signals:submit": (
        "get",
        None,
        expect(
            anonymous=LOGIN,
            member=200,
            other_org=200,
            official_same=404,
            official_other=404,
            coordinator=404,
        ),
    ),
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
    "signals:signal_detail": (
        "get",
        _signal,
        expect(
            anonymous=LOGIN,
            member=200,
            other_org=404,
            official_same=200,
            official_other=404,
            coordinator=200,
        ),
    ),
    "signals:signal_check": (
        "post",
        _signal,
        expect(
            anonymous=LOGIN,
            member=404,
            other_org=404,
            official_same=400,
            official_other=404,
            coordinator=404,
        ),
    ),
    "signals:signal_triage": (
        "post",
        _signal,
        expect(
            anonymous=LOGIN,
            member=404,
            other_org=404,
            official_same=302,
            official_other=404,
            coordinator=404,
        ),
    ),
    "signals:signal_forward": (
        "post",
        _signal,
        expect(
            anonymous=LOGIN,
            member=404,
            other_org=404,
            official_same=400,
            official_other=404,
            coordinator=404,
        ),
    ),
    "signals:signal_relate": (
        "post",
        _signal,
        expect(
            anonymous=LOGIN,
            member=404,
            other_org=404,
            official_same=400,
            official_other=404,
            coordinator=404,
        ),
    ),
    "signals:forward_share": (
        "post",
        lambda w: {**_signal(w), "forward_pk": _SignalWorld.get(w, "forward").pk},
        expect(
            anonymous=LOGIN,
            member=404,
            other_org=404,
            official_same=302,
            official_other=404,
            coordinator=404,
        ),
    ),
    "signals:open_links": (
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
    "signals:organisation_links": (
        "get",
        lambda w: {"organisation_pk": w.org_a.pk},
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
    "signals:link_revoke": (  # the confirmation page first
        "post",
        lambda w: {"pk": _SignalWorld.get(w, "org_link").pk},
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
    "signals:digest_list": (
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
    "signals:digest_detail": (
        "get",
        _digest,
        expect(
            anonymous=LOGIN,
            member=404,
            other_org=404,
            official_same=200,
            official_other=404,
            coordinator=200,
        ),
    ),
    "signals:digest_pdf": (
        "get",
        _digest,
        expect(
            anonymous=LOGIN,
            member=404,
            other_org=404,
            official_same=200,
            official_other=404,
            coordinator=200,
        ),
    ),
    "signals:digest_resend": (
        "post",
        _digest,
        expect(
            anonymous=LOGIN,
            member=404,
            other_org=404,
            official_same=302,
            official_other=404,
            coordinator=404,
        ),
    ),
    "signals:topic_list": ("get", None, everyone(200)),
    "signals:topic_detail": ("get", lambda w: {"slug": "housing"}, everyone(200)),
    "signals:statistics": ("get", None, logged_in(200)),
    "signals:statistics_csv": ("get", None, logged_in(200)),
    # Needs. Turku's need being gathered, with org_a's signal behind it: its NGO
    # team (official_same) and the coordinators keep it; nobody else sees a draft.
    "signals:need_list": ("get", None, everyone(200)),
    # Aggregated: the public counts the public needs, coordinators every need.
    "signals:need_statistics": ("get", None, everyone(200)),
    "signals:need_statistics_csv": ("get", None, everyone(200)),
    "signals:need_statistics_pdf": ("get", None, everyone(200)),
    "signals:need_create": (
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
    "signals:need_detail": ("get", _need, _DRAFT_NEED),
    "signals:need_edit": ("get", _need, _KEPT_NEED),
    # The whole trail is the need's internals: its body's officials and coordinators.
    "signals:need_history": ("get", _need, _DRAFT_NEED),
    "signals:need_signals": ("get", _need, _KEPT_NEED),
    # The first post asks for confirmation (200); nobody else finds the need.
    "signals:need_signal_remove": ("post", _need_signal, _KEPT_NEED),
    # A post without a status shows the need again, with what to correct.
    "signals:need_move": ("post", _need, {**_KEPT_NEED, "official_same": 400, "coordinator": 400}),
    # Only a published need is followed: nobody follows a draft.
    "signals:need_follow": ("post", _need, {**logged_in(404), "anonymous": LOGIN}),
    # The year's area challenges: a draft is the body's officials' and the coordinators'.
    "signals:challenge_list": ("get", None, everyone(200)),
    "signals:challenge_edition_create": (
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
    "signals:challenge_edition": ("get", _edition, _DRAFT_NEED),
    "signals:challenge_edition_pdf": ("get", _edition, _DRAFT_NEED),
    "signals:challenge_edition_edit": ("get", _edition, _KEPT_EDITION),
    # The first post asks for confirmation.
    "signals:challenge_edition_publish": ("post", _edition, _KEPT_EDITION),
    "signals:challenge_add": ("get", _edition, _KEPT_EDITION),
    "signals:challenge_edit": ("get", _challenge, _KEPT_EDITION),
    "signals:challenge_remove": ("post", _challenge, _KEPT_EDITION),
}

# model: (object builder, kind of admin expectations in tests/permission_matrix/admin.py)
ADMIN_MODELS = {
    Signal: (lambda w: _SignalWorld.get(w, "signal"), "team_record"),
    Digest: (lambda w: _SignalWorld.get(w, "digest"), "team_record"),
    SignalLink: (lambda w: _SignalWorld.get(w, "open_link"), "team_record"),
    Topic: (lambda w: Topic.objects.get(slug="housing"), "team_list"),
}
