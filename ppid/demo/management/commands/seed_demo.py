"""Demo data: staff for every role at KPU RI, KPU Provinsi Jawa Barat and KPU Kota Bandung, with
requests, objections and disputes in every state, a DIP and DIK, consequence tests, directions and
work plans, satisfaction surveys and annual reports.

Idempotent. `--scale N` adds N synthetic liaison officers spread over all offices, each with an
event, N bulk requests and 25 × N DIP items, so benchmarks can fill national volumes.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.test.utils import override_settings

from ppid.accounts.models import AccountKind, RoleMembership, User
from ppid.accounts.roles import UNIT_ROLES, Role
from ppid.accounts.services import membership_grant
from ppid.annual.demo import seed_annual
from ppid.catalogue.demo import seed_catalogue
from ppid.catalogue.demo_bulk import ITEMS_PER_SCALE, bulk_fill_items
from ppid.disputes.demo import seed_legal
from ppid.exemptions.demo import seed_exemptions
from ppid.guidance.demo import seed_guidance
from ppid.offices.models import Office, WorkUnit
from ppid.requests.demo import seed_requests
from ppid.requests.demo_bulk import bulk_fill_requests
from ppid.surveys.demo import seed_surveys

DEMO_PASSWORD = "Demo-PPID-2026"  # noqa: S105 - demo mode only, listed in the README
DEMO_OFFICES = {"ri": "00", "jabar": "32", "bandung": "32.73"}
ROLE_PREFIX = {
    Role.PEMBINA: "pembina",
    Role.TIM_PERTIMBANGAN: "pertimbangan",
    Role.ATASAN: "atasan",
    Role.PPID: "ppid",
    Role.TIM_PENGHUBUNG: "penghubung",
    Role.DESK: "desk",
    Role.LEGAL_UNIT: "hukum",
    Role.SYSADMIN: "admin",
}
REQUESTER_USERNAME = "pemohon"


def demo_accounts() -> list[tuple[str, Role, str]]:
    """(username, role, office code) for every demo staff account."""
    return [
        (f"{prefix}.{suffix}", role, code)
        for suffix, code in DEMO_OFFICES.items()
        for role, prefix in ROLE_PREFIX.items()
    ]


def _unit_for(role: Role, office: Office) -> WorkUnit | None:
    if role not in UNIT_ROLES:
        return None
    units = office.work_units.filter(is_active=True)
    if role == Role.LEGAL_UNIT:
        return units.get(is_legal_unit=True)
    return units.filter(is_legal_unit=False).order_by("name").first()


class Command(BaseCommand):
    help = "Create demo accounts for every role (demo mode only). Safe to run again."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--scale",
            type=int,
            default=0,
            help="synthetic staff, bulk requests and DIP items (25 per officer) over all offices",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEMO_MODE:
            raise CommandError("seed_demo runs only with DEMO_MODE on; it creates accounts with a published password.")
        if options["scale"] < 0:
            raise CommandError("--scale must be zero or more.")
        # Demo requesters are invented: their receipts and notices go to the outbox as usual, but
        # are not printed to the terminal, where they would bury the demo logins.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"), transaction.atomic():
            self._seed_accounts()
            seed_requests(self.stdout.write)
            seed_legal(self.stdout.write)
            seed_catalogue(self.stdout.write)
            seed_exemptions(self.stdout.write)  # after the catalogue: one test closes a KPU RI item
            seed_guidance(self.stdout.write)
            seed_surveys(self.stdout.write)
            seed_annual(self.stdout.write)  # after the work plans and surveys: the report reads them
            if options["scale"]:
                self._seed_scale(options["scale"])
                bulk_fill_requests(options["scale"], write=self.stdout.write)
                bulk_fill_items(options["scale"] * ITEMS_PER_SCALE, write=self.stdout.write)
        self.stdout.write(self.style.SUCCESS(f"Demo accounts (password for all: {DEMO_PASSWORD}):"))
        for username, role, code in demo_accounts():
            self.stdout.write(f"  {username:<22} {Role(role).label} — {Office.objects.get(code=code).name}")
        self.stdout.write(f"  {REQUESTER_USERNAME:<22} requester (pemohon informasi)")

    def _user(self, username: str, full_name: str, kind: str) -> tuple[User, bool]:
        user, created = User.objects.get_or_create(username=username, defaults={"full_name": full_name, "kind": kind})
        if created:
            user.set_password(DEMO_PASSWORD)
            user.email = f"{username}@demo.ppid.invalid"
            user.save()
        return user, created

    def _seed_accounts(self) -> None:
        for username, role, code in demo_accounts():
            office = Office.objects.get(code=code)
            user, _created = self._user(username, f"{Role(role).label} {office.name}", AccountKind.STAFF)
            if role == Role.SYSADMIN and not user.is_staff:
                # The Django admin is where administrators correct offices and appoint people.
                user.is_staff = True
                user.save(update_fields=["is_staff"])
            if not RoleMembership.objects.filter(user=user, office=office, role=role).exists():
                membership_grant(actor=None, user=user, office=office, role=role, work_unit=_unit_for(role, office))
        self._user(REQUESTER_USERNAME, "Pemohon Demo", AccountKind.REQUESTER)

    def _seed_scale(self, count: int) -> None:
        offices = list(Office.objects.all())
        start = User.objects.filter(username__startswith="synthetic.").count()
        for index in range(start, start + count):
            office = offices[index % len(offices)]
            user = User.objects.create(
                username=f"synthetic.{index}", full_name=f"Petugas {index}", kind=AccountKind.STAFF
            )
            membership_grant(
                actor=None,
                user=user,
                office=office,
                role=Role.TIM_PENGHUBUNG,
                work_unit=_unit_for(Role.TIM_PENGHUBUNG, office),
            )
        self.stdout.write(f"Added {count} synthetic staff.")
