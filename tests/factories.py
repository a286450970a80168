"""factory_boy factories for people and their roles. Offices come from the migration, not factories."""

from __future__ import annotations

from typing import Any

import factory
from django.utils import timezone

from ppid.accounts.models import AccountKind, RoleMembership, User
from ppid.accounts.roles import Role
from ppid.offices.models import Office, WorkUnit

PASSWORD = "kata-sandi-rahasia-123"


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"pegawai{n}")
    full_name = factory.Faker("name", locale="id_ID")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    kind = AccountKind.STAFF
    is_active = True
    password = factory.django.Password(PASSWORD)


class RequesterFactory(UserFactory):
    username = factory.Sequence(lambda n: f"pemohon{n}")
    kind = AccountKind.REQUESTER


def unit_for_role(office: Office, role: str) -> WorkUnit | None:
    """The unit a unit role is held in by default: the legal unit, or the first other unit."""
    if role == Role.LEGAL_UNIT:
        return office.legal_unit
    if role == Role.TIM_PENGHUBUNG:
        return office.work_units.filter(is_legal_unit=False).order_by("name").first()
    return None


class RoleMembershipFactory(factory.django.DjangoModelFactory[RoleMembership]):
    """A role held at KPU Provinsi Jawa Barat from today, open-ended; unit roles get a fitting unit."""

    class Meta:
        model = RoleMembership

    user = factory.SubFactory(UserFactory)
    office = factory.LazyFunction(lambda: Office.objects.get(code="32"))
    role = Role.PPID
    work_unit = factory.LazyAttribute(lambda m: unit_for_role(m.office, m.role))
    valid_from = factory.LazyFunction(timezone.localdate)
    valid_until = None


def user_with_role(role: str, office: Office, **kwargs: Any) -> User:
    """A staff user holding exactly `role` at `office`."""
    membership = RoleMembershipFactory(role=role, office=office, **kwargs)
    return membership.user
