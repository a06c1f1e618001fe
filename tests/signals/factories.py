"""factory_boy factories for signals. Digests are built by the service, not here."""

import secrets

import factory

from signals.models import Signal
from tests.factories import municipality


class SignalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Signal
        skip_postgeneration_save = True

    reference = factory.Sequence(lambda n: f"T{n:03d}-{secrets.token_hex(2).upper()}"[:9])
    kind = Signal.Kind.SILENT_SIGNAL
    description = (
        "Iäkkäät asukkaat kertovat yksinäisyydestä ja siitä, että palveluihin on vaikea päästä."
    )
    municipality = factory.LazyFunction(lambda: municipality("853"))
    area = "Varissuo"
    organisation_name = "Testiyhdistys ry"
    sender_name = "Vapaaehtoinen"
    sender_email = "sender@example.fi"
    channel = Signal.Channel.ORGANISATION_LINK
    receipt_hash = factory.LazyFunction(lambda: secrets.token_hex(32))
    language = "fi"
