"""The one permissions module: which role may do what, where.

Permissions are ``resource:action`` strings. Each numbered duty of the seed (prosedur kerja
pegawai PPID, a.1 … f) becomes one or more permissions held by that role and by no other role;
``DUTIES`` below is that mapping as a table that can be read against the seed line by line.
``LAW_GRANTS`` adds what the law gives a role beyond the seed, each with its article, and
``READ_GRANTS`` says which resources each role may read.

Scope, for every check:
- a role *acts* only at the office where it is held (and, for unit roles, for its own work unit);
- a role held at a parent office may *read* (monitor) its descendant offices, never act for them;
- a requester sees and acts on only the records they own (``owner_user_id``).

Objects passed to ``can`` expose their office as ``office`` (an Office is its own office), their
owning requester as ``owner_user_id`` and, where a unit role matters, their units as
``work_unit_ids``. Lists use ``filter_visible`` so a list and its detail page share one rule.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from django.db.models import Model, Q, QuerySet
from django.utils import timezone

from ppid.accounts.roles import UNIT_ROLES, Role

if TYPE_CHECKING:
    from ppid.accounts.models import RoleMembership
    from ppid.offices.models import Office

M = TypeVar("M", bound=Model)

READ_ACTIONS = frozenset({"view"})


@dataclass(frozen=True)
class Duty:
    code: str
    role: Role
    summary: str
    permissions: tuple[str, ...]


# fmt: off
#        seed   role                   duty, as the seed words it (abridged)                            permissions
DUTIES: tuple[Duty, ...] = (
    Duty("a.1", Role.PEMBINA,          "pembinaan dan arahan terhadap PPID",                             ("guidance:issue",)),
    Duty("a.2", Role.PEMBINA,          "menyusun arah kebijakan pengelolaan dan layanan informasi",      ("policy:set",)),
    Duty("b.1", Role.TIM_PERTIMBANGAN, "arahan seluruh kegiatan pengelolaan dan layanan informasi",      ("direction:issue",)),
    Duty("b.2", Role.TIM_PERTIMBANGAN, "klasifikasi informasi yang dikecualikan (Keputusan KPU)",        ("exemption:classify",)),
    Duty("b.3", Role.TIM_PERTIMBANGAN, "menyerahkan hasil pemilahan informasi dikecualikan ke Atasan",   ("exemption:hand_over",)),
    Duty("c.1", Role.ATASAN,           "persetujuan informasi publik yang dikuasai dan didokumentasikan", ("dip:approve",)),
    Duty("c.2", Role.ATASAN,           "jawaban atas keberatan pemohon",                                 ("objection:decide", "objection:admit")),
    Duty("c.3", Role.ATASAN,           "koreksi DIP tiap sub bagian, hasilnya ke Tim",                   ("dip:correct", "dip:send_to_advisory")),
    Duty("c.4", Role.ATASAN,           "bertanggung jawab atas permasalahan hukum",                      ("legal_matter:oversee",)),
    Duty("c.5", Role.ATASAN,           "menindaklanjuti penyelesaian sengketa informasi",                ("dispute:follow_up",)),
    Duty("d.1", Role.PPID,             "merencanakan, mengorganisasikan, melaksanakan, mengawasi, mengevaluasi layanan",
                                                                                                          ("workplan:manage", "request:decide", "request:extend")),
    Duty("d.2", Role.PPID,             "menghimpun informasi publik dari seluruh unit kerja",           ("collection:open",)),
    Duty("d.3", Role.PPID,             "menata dan menyimpan informasi dari tiap sub bagian",            ("dip:arrange",)),
    Duty("d.4", Role.PPID,             "menyeleksi dan menguji informasi yang dikecualikan",             ("exemption:screen",)),
    Duty("d.5", Role.PPID,             "membantu menyelesaikan sengketa bersama Sub Bagian Hukum",       ("dispute:assist",)),
    Duty("d.6", Role.PPID,             "uji konsekuensi bersama Tim Pertimbangan dan Pembina",           ("consequence_test:conduct",)),
    Duty("e.1", Role.TIM_PENGHUBUNG,   "melaksanakan pelayanan informasi kepada publik",                 ("request:prepare_answer",)),
    Duty("e.2", Role.TIM_PENGHUBUNG,   "mengumpulkan dan mengelola data yang dikuasai sub bagiannya",    ("dip:submit",)),
    Duty("e.3", Role.TIM_PENGHUBUNG,   "mengoordinasikan penyelesaian sengketa kepada Sub Bagian Hukum", ("dispute:coordinate",)),
    Duty("f",   Role.DESK,             "membantu tugas Tim Penghubung: menerima dan mendaftar pemohon",  ("request:register", "request:hand_over")),
)


@dataclass(frozen=True)
class LawGrant:
    role: Role
    permission: str
    basis: str


# What the law gives a role beyond the seed's duties.
LAW_GRANTS: tuple[LawGrant, ...] = (
    LawGrant(Role.PPID,           "request:assign",          "Perki 1/2021: the PPID routes a request to the unit holding the information"),
    LawGrant(Role.DESK,           "request:assign",          "Perki 1/2021: the desk forwards a registered request to the holding unit"),
    LawGrant(Role.DESK,           "request:mark_incomplete", "KPU completeness rule (RULES.md §4): the officer names what is missing"),
    LawGrant(Role.PPID,           "request:mark_incomplete", "KPU completeness rule (RULES.md §4): the officer names what is missing"),
    LawGrant(Role.DESK,           "request:record_completion", "KPU completeness rule: the requester completes at the desk"),
    LawGrant(Role.PPID,           "request:forward",         "Pasal 22 ayat (7) huruf b UU KIP: a request for another KPU office goes there"),
    # UU PDP (UU 27/2022): requesters' NIK, address, contact and KTP scans only for those who serve
    # them, and only at the office that holds the request ("view_personal" is not a read: no monitoring).
    LawGrant(Role.DESK,           "request:view_personal",   "UU PDP: the desk registers and hands over"),
    LawGrant(Role.PPID,           "request:view_personal",   "UU PDP: the PPID answers the requester"),
    LawGrant(Role.TIM_PENGHUBUNG, "request:view_personal",   "UU PDP: the liaison team serves the requester (seed e.1)"),
    LawGrant(Role.ATASAN,         "request:view_personal",   "UU PDP: the Atasan answers objections to the requester"),
    LawGrant(Role.LEGAL_UNIT,     "request:view_personal",   "UU PDP: the legal unit represents the office in disputes"),
    LawGrant(Role.TIM_PENGHUBUNG, "document:verify",         "PKPU 4/2025 Pasal 9: PPID pelaksana verifies documents"),
    LawGrant(Role.TIM_PENGHUBUNG, "dip:maintain",            "PKPU 4/2025 Pasal 9: PPID pelaksana maintains and updates the DIP"),
    LawGrant(Role.TIM_PENGHUBUNG, "dispute:send_data",       "PKPU 4/2025 Pasal 9: sends dispute data to the legal unit of its level"),
    LawGrant(Role.TIM_PENGHUBUNG, "exemption:first_assessment", "PKPU 4/2025 Pasal 9: kajian awal of exempt information and refusals"),
    LawGrant(Role.LEGAL_UNIT,     "dispute:manage",          "UU KIP Pasal 37-50; RULES.md §5: the legal unit of the level handles disputes"),
    LawGrant(Role.DESK,           "objection:register",      "Pasal 36 ayat (1) UU 14/2008; Perki 1/2021: an objection is filed through the PPID, received at the desk"),
    LawGrant(Role.PPID,           "objection:register",      "Perki 1/2021: the PPID gives the receipt and keeps the objection register"),
    LawGrant(Role.PPID,           "objection:settle",        "Pasal 35 ayat (2) UU 14/2008: grounds b-g may be settled by agreement"),
    LawGrant(Role.PPID,           "objection:fulfil_order",  "Pasal 36 UU 14/2008: the PPID carries out the Atasan PPID's answer"),
    LawGrant(Role.DESK,           "objection:fulfil_order",  "seed f: the desk hands the ordered information over"),
    LawGrant(Role.PPID,           "objection:record_reaction", "Perki 1/2021 objection register: the requester's reaction to the answer"),
    LawGrant(Role.DESK,           "objection:record_reaction", "Perki 1/2021 objection register: the requester's reaction to the answer"),
    LawGrant(Role.PPID,           "dip:publish_ruling",      "Pasal 11 ayat (2) UU 14/2008: information a ruling opens is listed in the DIP"),
    LawGrant(Role.PPID,           "dip:publish_immediately", "Pasal 10 UU 14/2008: serta-merta information is announced at once, reviewed after"),
    LawGrant(Role.ATASAN,         "dip:review",              "Perki 1/2021: the Atasan PPID reviews serta-merta information published at once"),
    LawGrant(Role.PPID,           "consequence_test:request", "PKPU 22/2023 Pasal 25 ayat (1)-(2): an office asks KPU RI for a consequence test"),
    LawGrant(Role.PPID,           "consequence_test:forward", "PKPU 22/2023 Pasal 25 ayat (2): a KPU Kab/Kota asks through its KPU Provinsi"),
    LawGrant(Role.PEMBINA,        "consequence_test:opine",  "seed d.6: the PPID involves the Pembina PPID in the consequence test"),
    LawGrant(Role.TIM_PERTIMBANGAN, "consequence_test:opine", "seed d.6; PKPU 22/2023 Pasal 24: the advisory team takes part in the test"),
    LawGrant(Role.TIM_PENGHUBUNG, "consequence_test:opine",  "PKPU 22/2023 Pasal 24: the unit holding the information takes part in the test"),
    LawGrant(Role.ATASAN,         "exemption:record_decision", "PKPU 22/2023 Pasal 26: the result handed to the Atasan (seed b.3) is set by Keputusan KPU"),
    LawGrant(Role.PPID,           "direction:respond",       "seed a.1, b.1: the PPID receives guidance and directions, acknowledges them and reports follow-up"),
    LawGrant(Role.PPID,           "report:write",            "Perki 1/2021 Pasal 56: the PPID prepares the annual information-service report"),
    LawGrant(Role.ATASAN,         "report:approve",          "Perki 1/2021 Pasal 56; seed c.1: the Atasan PPID approves what the office publishes"),
    LawGrant(Role.PPID,           "outbox:retry",            "Perki 1/2021: the PPID makes sure the requester is told; resend failed mail"),
    LawGrant(Role.SYSADMIN,       "outbox:retry",            "system administration: resend failed mail"),
    LawGrant(Role.PPID,           "rate_card:manage",        "Pasal 21 UU KIP: copying and delivery costs at the rate the body sets"),
    LawGrant(Role.SYSADMIN,       "rate_card:manage",        "system administration: record the rate the head of the office set"),
    LawGrant(Role.SYSADMIN,       "office:manage",           "system administration: correct and add offices and work units"),
    LawGrant(Role.SYSADMIN,       "membership:manage",       "system administration: appoint people to roles"),
    LawGrant(Role.SYSADMIN,       "calendar:manage",         "system administration: holidays, closures, rule sets"),
)

# Resources each role may read at its office and, as monitoring, at descendant offices.
_ALL_RESOURCES = ("office", "request", "objection", "dispute", "dip", "exemption", "report", "audit", "membership")
READ_GRANTS: dict[Role, tuple[str, ...]] = {
    Role.PEMBINA:          _ALL_RESOURCES,
    Role.TIM_PERTIMBANGAN: ("office", "request", "objection", "dispute", "dip", "exemption", "report"),
    Role.ATASAN:           _ALL_RESOURCES,
    Role.PPID:             _ALL_RESOURCES,
    Role.TIM_PENGHUBUNG:   ("office", "request", "objection", "dispute", "dip", "exemption"),
    Role.DESK:             ("office", "request", "objection", "dip"),
    Role.LEGAL_UNIT:       ("office", "request", "objection", "dispute", "exemption"),
    Role.SYSADMIN:         ("office", "audit", "membership"),
}

# What a requester may do with records they own: their requests, objections and disputes.
REQUESTER_PERMISSIONS = frozenset(
    {
        "request:view", "request:complete", "request:withdraw", "request:confirm_receipt",
        "objection:view", "objection:file", "objection:confirm_settlement", "objection:react",
        "dispute:view", "dispute:report",
    }
)
# fmt: on


def _build_role_permissions() -> dict[Role, frozenset[str]]:
    grants: dict[Role, set[str]] = {role: set() for role in Role}
    for duty in DUTIES:
        grants[duty.role].update(duty.permissions)
    for law in LAW_GRANTS:
        grants[law.role].add(law.permission)
    for role, resources in READ_GRANTS.items():
        grants[role].update(f"{resource}:view" for resource in resources)
    return {role: frozenset(perms) for role, perms in grants.items()}


ROLE_PERMISSIONS: dict[Role, frozenset[str]] = _build_role_permissions()
ALL_PERMISSIONS: frozenset[str] = frozenset().union(*ROLE_PERMISSIONS.values(), REQUESTER_PERMISSIONS)


class UnknownPermission(ValueError):
    pass


def is_read(action: str) -> bool:
    return action.split(":", 1)[1] in READ_ACTIONS


def roles_with(action: str) -> frozenset[Role]:
    return frozenset(role for role, perms in ROLE_PERMISSIONS.items() if action in perms)


def active_memberships(user: Any, *, on: datetime.date | None = None) -> list[RoleMembership]:
    """The user's memberships valid today, loaded once per user object (one query per request)."""
    from ppid.accounts.models import RoleMembership

    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    day = on or timezone.localdate()
    cache: dict[datetime.date, list[RoleMembership]] = user.__dict__.setdefault("_ppid_memberships", {})
    if day not in cache:
        cache[day] = list(RoleMembership.objects.active_on(day).filter(user=user).select_related("office", "work_unit"))
    return cache[day]


def _office_of(obj: Any) -> Office:
    from ppid.offices.models import Office

    return obj if isinstance(obj, Office) else obj.office


def _unit_matches(membership: RoleMembership, obj: Any) -> bool:
    """A unit role acts only for objects of its unit; objects without units are the office's."""
    if membership.role not in UNIT_ROLES:
        return True
    unit_ids: Iterable[int] | None = getattr(obj, "work_unit_ids", None)
    return unit_ids is None or membership.work_unit_id in set(unit_ids)


def _check_known(action: str) -> None:
    if action not in ALL_PERMISSIONS:
        raise UnknownPermission(f"Unknown permission {action!r}")


@dataclass(frozen=True)
class TrackingVisitor:
    """A requester without an account who proved, with the registration number and a second
    factor, that they made these requests. Holds requester permissions on those requests only."""

    request_ids: frozenset[int]
    is_authenticated = False
    is_active = True
    pk = None

    def __str__(self) -> str:
        return "requester"


def _visitor_may(visitor: TrackingVisitor, action: str, obj: Any) -> bool:
    # Requests, and later the objections filed on them, expose the request they belong to.
    return action in REQUESTER_PERMISSIONS and getattr(obj, "tracking_request_id", None) in visitor.request_ids


def can(user: Any, action: str, obj: Any) -> bool:
    """May `user` do `action` (``resource:verb``) to `obj` (an Office or an object with an office)?"""
    _check_known(action)
    if isinstance(user, TrackingVisitor):
        return _visitor_may(user, action, obj)
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if action in REQUESTER_PERMISSIONS and getattr(obj, "owner_user_id", None) == user.pk:
        return True
    office = _office_of(obj)
    for membership in active_memberships(user):
        if action not in ROLE_PERMISSIONS[Role(membership.role)]:
            continue
        if membership.office_id == office.pk and (is_read(action) or _unit_matches(membership, obj)):
            return True
        if is_read(action) and membership.office.is_ancestor_of(office):
            return True
    return False


def acting_role(user: Any, action: str, obj: Any) -> str:
    """The role in which `user` may do `action` to `obj` ("requester" for an owner), for the event row."""
    if isinstance(user, TrackingVisitor):
        return "requester" if _visitor_may(user, action, obj) else ""
    if not getattr(user, "is_authenticated", False):
        return ""
    if action in REQUESTER_PERMISSIONS and getattr(obj, "owner_user_id", None) == user.pk:
        return "requester"
    office = _office_of(obj)
    for membership in active_memberships(user):
        if action in ROLE_PERMISSIONS[Role(membership.role)] and membership.office_id == office.pk:
            return str(membership.role)
    return ""


def can_anywhere(user: Any, action: str) -> bool:
    """Does the user hold `action` at any office (for showing a menu entry, never for acting)?"""
    _check_known(action)
    return any(action in ROLE_PERMISSIONS[Role(m.role)] for m in active_memberships(user))


def offices_where(user: Any, action: str, *, prefix: str = "") -> Q:
    """A Q selecting the offices where `user` may do `action` (reads include descendants).

    With `prefix` (e.g. "office") the Q applies to rows that point at an office through it.
    """
    _check_known(action)
    lookup = f"{prefix}__" if prefix else ""
    condition = Q(**{f"{lookup}pk__in": []})
    for membership in active_memberships(user):
        if action not in ROLE_PERMISSIONS[Role(membership.role)]:
            continue
        condition |= Q(**{f"{lookup}pk": membership.office_id})
        if is_read(action):
            condition |= Q(**{f"{lookup}path__startswith": f"{membership.office.path}/"})
    return condition


def filter_visible(
    user: Any, action: str, queryset: QuerySet[M], *, office_field: str = "office", owner_field: str | None = None
) -> QuerySet[M]:
    """Narrow `queryset` to the rows `user` may `action`: the list twin of `can`.

    `office_field` is the path from the row to its Office ("" when the rows are offices);
    `owner_field` the path to the owning requester for records requesters own. Unit roles are
    narrowed by office here; detail views still call `can`, which applies the unit rule.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return queryset.none()
    if office_field:
        # An id list from a subquery lets the database use the row's office index instead of
        # joining every row to its office to test the office path.
        from ppid.offices.models import Office

        offices = Office.objects.filter(offices_where(user, action)).values("pk")
        condition = Q(**{f"{office_field}__in": offices})
    else:
        condition = offices_where(user, action)
    if owner_field and action in REQUESTER_PERMISSIONS:
        condition |= Q(**{owner_field: user.pk})
    return queryset.filter(condition)
