"""One reference-number generator for signals, applications and agreements: a
collision with an existing reference draws a new one instead of failing."""

import itertools

import pytest

from cooperation.lib import references
from cooperation.lib.references import ALPHABET, NoFreeReference, new_reference
from grants import services as grant_services
from partnerships.models import Agreement
from signals import services as signal_services
from signals.models import Signal
from tests.factories import municipality
from tests.helpers.agreements import make_agreement
from tests.helpers.grants import make_call

pytestmark = pytest.mark.django_db


def test_a_reference_reads_out_without_look_alikes():
    for prefix, length in (("", 9), ("A", 10), ("K", 10)):
        reference = new_reference(prefix)
        assert len(reference) == length
        assert reference.startswith(prefix)
        assert reference[4] == "-"
        assert set(reference[len(prefix) :].replace("-", "")) <= set(ALPHABET)
    assert not set("IO01") & set(ALPHABET)


@pytest.fixture
def colliding(monkeypatch):
    """The first draw repeats `taken`, the next ones are fresh."""

    def install(taken: str):
        draws = itertools.chain([taken])
        monkeypatch.setattr(
            references,
            "new_reference",
            lambda prefix="": next(draws, None) or new_reference(prefix),
        )

    return install


def _signal(world, description="Huoli nuorista"):
    signal, _receipt = signal_services.signal_submit(
        fields={"kind": "worry", "description": description, "sender_name": "V"},
        municipality=municipality("853"),
        channel=Signal.Channel.ACCOUNT,
        language="fi",
        organisation=world.org_a,
        by=world.ngo_member,
    )
    return signal


def test_a_signal_whose_reference_is_taken_gets_another(world, colliding):
    first = _signal(world)
    colliding(first.reference)
    second = _signal(world, "Toinen huoli")
    assert second.reference != first.reference
    assert Signal.objects.count() == 2


def test_an_application_whose_reference_is_taken_gets_another(world, colliding):
    call = make_call()
    first = grant_services.application_create(
        call=call, organisation=world.org_a, by=world.ngo_admin, title="Ensimmäinen"
    )
    colliding(first.reference)
    second = grant_services.application_create(
        call=call, organisation=world.org_a, by=world.ngo_admin, title="Toinen"
    )
    assert second.reference != first.reference
    assert list(second.municipalities.all()) == [call.municipality]


def test_an_agreement_whose_reference_is_taken_gets_another(world, colliding):
    first = make_agreement(world)
    colliding(first.reference)
    second = make_agreement(world, title="Toinen kumppanuus")
    assert second.reference != first.reference
    assert second.commitments.count() == 2
    assert Agreement.objects.count() == 2


def test_references_that_always_collide_end_in_a_clear_error_and_store_nothing(world, monkeypatch):
    first = _signal(world)
    monkeypatch.setattr(references, "new_reference", lambda prefix="": first.reference)
    with pytest.raises(NoFreeReference):
        _signal(world, "Toinen huoli")
    assert Signal.objects.count() == 1
