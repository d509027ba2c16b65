"""Factories for the organisation tree and users. Domain objects are made through services (see world)."""

from __future__ import annotations

import factory

from ecase.choices import OrganisationKind, Role
from ecase.models import Organisation, User

PASSWORD = "correct-horse-battery"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"org{n}")
    name = factory.LazyAttribute(lambda o: f"Organisation {o.code}")
    kind = OrganisationKind.DISTRICT_OFFICE


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.kz")
    role = Role.CITIZEN
    organisation = None
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()
