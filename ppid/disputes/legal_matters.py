"""The legal-matters register of the Atasan PPID (seed c.4: "bertanggung jawab terhadap hal-hal
terkait permasalahan hukum"): every objection and dispute of the offices where the user holds
`legal_matter:oversee` and, read-only, of their descendant offices, with stage, next deadline and
the unit that must act.

Objections and disputes are read as one UNION query sorted by the next deadline, so a page costs
the same few queries however many matters there are. The deadline expressions mirror
Objection.next_due_on and Dispute.next_due_on (tests hold them together).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import (
    BooleanField,
    Case,
    CharField,
    DateField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from ppid.accounts.permissions import ROLE_PERMISSIONS, active_memberships
from ppid.accounts.roles import Role
from ppid.disputes.models import Dispute, FollowUpTask
from ppid.disputes.selectors import next_due_expression, open_task_count
from ppid.disputes.workflow import Outcome as DisputeOutcome
from ppid.disputes.workflow import Stage, TaskKind
from ppid.objections.models import Objection
from ppid.objections.workflow import PENDING_STATUSES
from ppid.objections.workflow import Outcome as ObjectionOutcome
from ppid.objections.workflow import Status as ObjectionStatus
from ppid.offices.models import IANA_ZONES, Office, OfficeTimeZone, WorkUnit

OVERSEE = "legal_matter:oversee"
OBJECTION = "objection"
DISPUTE = "dispute"
OPEN = ""
CLOSED = "closed"
ALL = "all"
# Sorts matters without a deadline after every dated one.
NO_DEADLINE = datetime.date(9999, 12, 31)

COLUMNS = (
    "kind",
    "row_id",
    "number",
    "row_office_id",
    "office_name",
    "office_zone",
    "request_ref",
    "request_number",
    "state",
    "result",
    "next_due",
    "sort_due",
    "is_open",
    "open_tasks",
    "responsible",
    "legal_unit_name",
    "task_kind",
)


@dataclass(frozen=True)
class Scope:
    """Where `user` oversees: the offices they act for, and the paths of which descendants they read."""

    own_office_ids: frozenset[int]
    paths: tuple[str, ...]

    def condition(self, prefix: str = "office") -> Q:
        lookup = f"{prefix}__" if prefix else ""
        condition = Q(**{f"{lookup}pk__in": sorted(self.own_office_ids)})
        for path in self.paths:
            condition |= Q(**{f"{lookup}path__startswith": f"{path}/"})
        return condition


def oversight_scope(user: Any) -> Scope:
    """Seed c.4 is held at an office; its descendants are followed read-only (no query beyond the memberships)."""
    held = [m for m in active_memberships(user) if OVERSEE in ROLE_PERMISSIONS[Role(m.role)]]
    return Scope(frozenset(m.office_id for m in held), tuple(sorted({m.office.path for m in held})))


def register_offices(user: Any) -> QuerySet[Office]:
    return Office.objects.filter(oversight_scope(user).condition(prefix="")).order_by("path")


def _objection_next_due() -> Case:
    return Case(
        When(status__in=sorted(PENDING_STATUSES), then=F("answer_due_on")),
        When(outcome=ObjectionOutcome.GRANTED, order_fulfilled_at__isnull=True, then=F("order_due_on")),
        default=Value(None),
        output_field=DateField(),
    )


def _objection_open() -> Q:
    """Something is still to do: the Atasan's answer, or the PPID's carrying out of a granted order."""
    return Q(status__in=sorted(PENDING_STATUSES)) | Q(outcome=ObjectionOutcome.GRANTED, order_fulfilled_at__isnull=True)


def _dispute_open() -> Q:
    """The case runs, or a ruling or agreement left follow-up work (seed c.5, Pasal 11 ayat (2))."""
    tasks = FollowUpTask.objects.filter(dispute=OuterRef("pk"), done_at__isnull=True)
    return ~Q(stage=Stage.CLOSED) | Q(Exists(tasks))


def _text(value: str) -> Value:
    return Value(value, output_field=CharField())


def _common() -> dict[str, Any]:
    """The columns both kinds read the same way."""
    return {
        "row_office_id": F("office_id"),
        "office_name": F("office__name"),
        "office_zone": F("office__time_zone"),
        "request_ref": F("request_id"),
        "request_number": F("request__registration_number"),
    }


def _objections(scope: Q) -> QuerySet[Objection]:
    open_now = _objection_open()
    rows = Objection.objects.filter(scope)
    return rows.annotate(
        kind=_text(OBJECTION),
        row_id=F("pk"),
        number=F("objection_number"),
        **_common(),
        state=F("status"),
        result=F("outcome"),
        next_due=_objection_next_due(),
        sort_due=Coalesce(_objection_next_due(), Value(NO_DEADLINE), output_field=DateField()),
        is_open=Case(When(open_now, then=Value(True)), default=Value(False), output_field=BooleanField()),
        open_tasks=Value(0),
        responsible=Case(
            When(status__in=sorted(PENDING_STATUSES), then=_text("atasan")),
            When(outcome=ObjectionOutcome.GRANTED, order_fulfilled_at__isnull=True, then=_text("ppid")),
            default=_text(""),
            output_field=CharField(),
        ),
        legal_unit_name=_text(""),
        task_kind=_text(""),
    )


def _disputes(scope: Q) -> QuerySet[Dispute]:
    open_now = _dispute_open()
    rows = Dispute.objects.filter(scope)
    legal_unit = WorkUnit.objects.filter(office=OuterRef("office"), is_legal_unit=True).values("name")[:1]
    first_task = (
        FollowUpTask.objects.filter(dispute=OuterRef("pk"), done_at__isnull=True).order_by("kind").values("kind")[:1]
    )
    return rows.annotate(
        kind=_text(DISPUTE),
        row_id=F("pk"),
        number=F("dispute_number"),
        **_common(),
        state=F("stage"),
        result=F("outcome"),
        next_due=next_due_expression(),
        sort_due=Coalesce(next_due_expression(), Value(NO_DEADLINE), output_field=DateField()),
        is_open=Case(When(open_now, then=Value(True)), default=Value(False), output_field=BooleanField()),
        open_tasks=open_task_count(),
        responsible=Case(
            When(~Q(stage=Stage.CLOSED), then=_text("legal_unit")),
            default=_text(""),
            output_field=CharField(),
        ),
        legal_unit_name=Coalesce(Subquery(legal_unit, output_field=CharField()), _text("")),
        task_kind=Coalesce(Subquery(first_task, output_field=CharField()), _text("")),
    )


def _local_today(zone_key: str) -> datetime.date:
    return timezone.now().astimezone(ZoneInfo(zone_key)).date()


def _overdue() -> Q:
    """The next deadline passed at the row's office, each time zone with its own today."""
    condition = Q(pk__in=[])
    for label, zone_key in IANA_ZONES.items():
        condition |= Q(office__time_zone=label, next_due__lt=_local_today(zone_key))
    return condition


def matter_rows(
    user: Any, *, state: str = OPEN, kind: str = "", office: Office | None = None, overdue_only: bool = False
) -> QuerySet[Any]:
    """The register as one sorted UNION of dicts (COLUMNS): the nearest deadline first."""
    scope = oversight_scope(user).condition()
    if office is not None:
        scope &= Q(office=office) | Q(office__path__startswith=f"{office.path}/")
    parts: list[QuerySet[Any]] = []
    for name, build in ((OBJECTION, _objections), (DISPUTE, _disputes)):
        if kind and kind != name:
            continue
        part = build(scope)
        if state == OPEN:
            part = part.filter(Q(is_open=True))
        elif state == CLOSED:
            part = part.filter(Q(is_open=False))
        if overdue_only:
            part = part.filter(_overdue())
        parts.append(part.order_by().values(*COLUMNS))
    if not parts:  # an unknown kind matches nothing
        empty: QuerySet[Any] = _objections(scope).none().values(*COLUMNS)
        return empty
    first, *rest = parts
    rows = first.union(*rest, all=True) if rest else first
    return rows.order_by("sort_due", "kind", "number", "row_id")


# --- one row as the page and the exports show it ---


@dataclass
class Matter:
    kind: str
    pk: int
    number: str
    office_id: int
    office_name: str
    request_id: int
    request_number: str
    state_label: str
    result_label: str
    next_due: datetime.date | None
    overdue: bool
    is_open: bool
    responsible: str
    open_tasks: int
    read_only: bool

    @property
    def kind_label(self) -> str:
        return _("Objection (keberatan)") if self.kind == OBJECTION else _("Dispute (sengketa)")


def _responsible(row: dict[str, Any]) -> str:
    code = row["responsible"]
    if code == "atasan":
        return str(Role.ATASAN.label)
    if code == "ppid":
        return str(Role.PPID.label)
    if code == "legal_unit":
        return row["legal_unit_name"] or str(Role.LEGAL_UNIT.label)
    # A closed case with follow-up work left: the task's role acts (seed c.5; Pasal 11 ayat (2)).
    if row["task_kind"] == TaskKind.FOLLOW_UP:
        return str(Role.ATASAN.label)
    if row["task_kind"] == TaskKind.PUBLISH_DIP:
        return str(Role.PPID.label)
    return ""


def _labels(row: dict[str, Any]) -> tuple[str, str]:
    if row["kind"] == OBJECTION:
        state = str(ObjectionStatus(row["state"]).label)
        result = str(ObjectionOutcome(row["result"]).label) if row["result"] else ""
        return state, result
    return str(Stage(row["state"]).label), str(DisputeOutcome(row["result"]).label) if row["result"] else ""


def as_matters(rows: Iterable[dict[str, Any]], scope: Scope) -> list[Matter]:
    """Page rows as Matters: labels, the overdue flag at the row's office, read-only for descendants."""
    todays = {label: _local_today(zone) for label, zone in IANA_ZONES.items()}
    result = []
    for row in rows:
        state, outcome = _labels(row)
        due = row["next_due"]
        result.append(
            Matter(
                kind=row["kind"],
                pk=row["row_id"],
                number=row["number"],
                office_id=row["row_office_id"],
                office_name=row["office_name"],
                request_id=row["request_ref"],
                request_number=row["request_number"],
                state_label=state,
                result_label=outcome,
                next_due=due,
                overdue=due is not None and due < todays[OfficeTimeZone(row["office_zone"])],
                is_open=bool(row["is_open"]),
                responsible=_responsible(row),
                open_tasks=row["open_tasks"],
                read_only=row["row_office_id"] not in scope.own_office_ids,
            )
        )
    return result
