"""factory_boy factories for the core. Municipalities come from the data migration."""

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from cooperation.models import (
    Membership,
    Official,
    OfficialRole,
    Organisation,
    PublicBody,
    TargetGroup,
    Theme,
    User,
)

PASSWORD = "correct-horse-battery"


def municipality(code: str) -> PublicBody:
    found = PublicBody.objects.filter(code=code).first()
    if found is None:
        # A transactional test run before this one emptied the region.
        from tests.helpers.seeds import ensure_seeded

        ensure_seeded()
        found = PublicBody.objects.get(code=code)
    return found


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.fi")
    full_name = factory.Faker("name", locale="fi_FI")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)
        obj.save()


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"theme-{n}")
    name_fi = factory.Sequence(lambda n: f"Teema {n}")
    name_sv = factory.Sequence(lambda n: f"Tema {n}")
    name_en = factory.Sequence(lambda n: f"Theme {n}")


class TargetGroupFactory(ThemeFactory):
    class Meta:
        model = TargetGroup
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"group-{n}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Yhdistys {n:05d} ry")
    description_fi = "Vertaistukea ja toimintaa."
    is_public = True
    confirmed_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def municipalities(obj, create, extracted, **kwargs):
        if create:
            obj.municipalities.set(extracted or [municipality("853")])

    @factory.post_generation
    def themes(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.themes.set(extracted)

    @factory.post_generation
    def target_groups(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.target_groups.set(extracted)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Membership.Role.MEMBER


class OfficialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Official
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    municipality = factory.LazyFunction(lambda: municipality("853"))
    title = "Järjestökoordinaattori"

    @factory.post_generation
    def roles(obj, create, extracted, **kwargs):
        if create:
            for role in extracted or [OfficialRole.Role.NGO_TEAM]:
                OfficialRole.objects.create(official=obj, role=role)
