"""The case at the Commission and the courts: parties, sessions, mediation, rulings, appeals,
closing (UU 14/2008 Pasal 38-50). The legal unit of the office's level leads (`dispute:manage`)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ppid.disputes.models import Dispute, DisputeParty, DisputeRuling, DisputeSession, FollowUpTask
from ppid.disputes.services.common import (
    DISPUTE_APPEALED,
    DISPUTE_CLOSED,
    DISPUTE_MEDIATION_AGREED,
    DISPUTE_MEDIATION_FAILED,
    DISPUTE_PARTY_ADDED,
    DISPUTE_RULING,
    DISPUTE_SESSION,
    DisputeStateError,
    due_after,
    lock_for,
    record,
)
from ppid.disputes.services.tasks import task_create
from ppid.disputes.workflow import (
    NEXT_FORUMS,
    OPENING_ORDERS,
    RULING_FROM,
    Forum,
    Outcome,
    PartyRole,
    RulingOrder,
    SessionKind,
    Stage,
    TaskKind,
    target_of,
)
from ppid.workdays.models import DeadlineStep

MANAGE = "dispute:manage"


def _not_future(dispute: Dispute, day: datetime.date, field_name: str) -> None:
    if day > timezone.now().astimezone(dispute.office.zoneinfo).date():
        raise ValidationError({field_name: _("The date cannot be in the future.")})


def dispute_add_party(*, dispute: Dispute, actor: Any, role: str, name: str, representative: str = "") -> DisputeParty:
    if role not in PartyRole.values or not name.strip():
        raise ValidationError({"name": _("Give the party's name and role.")})
    with transaction.atomic():
        locked = lock_for(dispute, "dispute_add_party", actor=actor, permission=MANAGE)
        party = DisputeParty.objects.create(
            dispute=locked, role=role, name=name.strip(), representative=representative.strip()
        )
        record(locked, DISPUTE_PARTY_ADDED, actor=actor, permission=MANAGE, after={"party": str(party)})
    return party


def dispute_schedule_session(
    *, dispute: Dispute, actor: Any, kind: str, held_on: datetime.date, place: str = "", summary: str = ""
) -> DisputeSession:
    """A mediation session or adjudication hearing. Mediation comes first and only for grounds b-g
    (Pasal 40 UU 14/2008 with Pasal 35 ayat (2)); adjudication follows a failed mediation or
    replaces it for ground a (Pasal 42)."""
    if kind not in SessionKind.values:
        raise ValidationError({"kind": _("Choose mediation or adjudication.")})
    with transaction.atomic():
        locked = lock_for(dispute, "dispute_schedule_session", actor=actor, permission=MANAGE)
        if kind == SessionKind.MEDIATION and not locked.mediation_allowed:
            raise ValidationError(
                {"kind": _("Mediation is only for grounds b-g; a refusal under Pasal 17 goes to adjudication.")}
            )
        if kind == SessionKind.MEDIATION and locked.stage == Stage.ADJUDICATION:
            raise DisputeStateError(_("The case is in adjudication; mediation is over."))
        session = DisputeSession.objects.create(
            dispute=locked, kind=kind, held_on=held_on, place=place.strip(), summary=summary.strip()
        )
        before = locked.stage
        locked.stage = Stage.MEDIATION if kind == SessionKind.MEDIATION else Stage.ADJUDICATION
        locked.save(update_fields=["stage"])
        record(
            locked,
            DISPUTE_SESSION,
            actor=actor,
            permission=MANAGE,
            before={"stage": before},
            after={"stage": locked.stage, "session": str(session)},
            note=session.summary,
        )
    return session


def dispute_end_mediation(*, dispute: Dispute, actor: Any, agreed: bool, note: str) -> Dispute:
    """An agreement ends the case and leaves the Atasan a follow-up task (seed c.5); a failed
    mediation goes on to adjudication (Pasal 42 UU 14/2008)."""
    if not note.strip():
        raise ValidationError({"note": _("Summarise the result of the mediation.")})
    with transaction.atomic():
        locked = lock_for(dispute, "dispute_end_mediation", actor=actor, permission=MANAGE)
        if agreed:
            locked.stage = Stage.CLOSED
            locked.outcome = Outcome.MEDIATION_AGREEMENT
            locked.closed_at = timezone.now()
            locked.close_note = note.strip()
        else:
            locked.stage = Stage.ADJUDICATION
        locked.save(update_fields=["stage", "outcome", "closed_at", "close_note"])
        record(
            locked,
            DISPUTE_MEDIATION_AGREED if agreed else DISPUTE_MEDIATION_FAILED,
            actor=actor,
            permission=MANAGE,
            before={"stage": Stage.MEDIATION},
            after={"stage": locked.stage, "outcome": locked.outcome},
            note=note.strip(),
        )
        if agreed:
            task_create(
                locked,
                TaskKind.FOLLOW_UP,
                _("Carry out the mediation agreement: %(note)s") % {"note": note.strip()},
                due_on=None,
                actor=actor,
            )
    return locked


@dataclass(frozen=True)
class RulingData:
    forum: str
    number: str
    ruled_on: datetime.date
    received_on: datetime.date
    orders: list[str] = field(default_factory=list)
    summary: str = ""


def _check_ruling(locked: Dispute, data: RulingData) -> None:
    errors: dict[str, str] = {}
    if data.forum not in Forum.values:
        errors["forum"] = _("Choose the forum that ruled.")
    elif RULING_FROM[Forum(data.forum)] != locked.stage:
        errors["forum"] = _("At this stage a ruling comes from: %(forums)s.") % {
            "forums": ", ".join(str(f.label) for f, stage in RULING_FROM.items() if stage == locked.stage)
        }
    if not data.number.strip():
        errors["number"] = _("Give the ruling's number.")
    if not data.orders or any(order not in RulingOrder.values for order in data.orders):
        errors["orders"] = _("Choose what the ruling orders.")
    if data.received_on < data.ruled_on:
        errors["received_on"] = _("A ruling cannot be received before it was given.")
    if errors:
        raise ValidationError(errors)


def dispute_record_ruling(*, dispute: Dispute, actor: Any, data: RulingData) -> DisputeRuling:
    """A ruling with its orders (Pasal 46). The appeal window opens (Pasal 48: 14 working days to
    the PTUN/PN; Pasal 50: cassation), the Atasan gets a follow-up task (seed c.5), and a ruling that
    opens information sets a task to list it in the DIP (Pasal 11 ayat (2)). A Mahkamah Agung
    ruling is final and closes the case."""
    with transaction.atomic():
        locked = lock_for(dispute, "dispute_record_ruling", actor=actor, permission=MANAGE)
        _check_ruling(locked, data)
        _not_future(locked, data.received_on, "received_on")
        forum = Forum(data.forum)
        ruling = DisputeRuling.objects.create(
            dispute=locked,
            forum=forum,
            number=data.number.strip(),
            ruled_on=data.ruled_on,
            received_on=data.received_on,
            orders=sorted(set(data.orders)),
            summary=data.summary.strip(),
        )
        before = locked.stage
        final = not NEXT_FORUMS[forum]
        if final:
            locked.stage = Stage.CLOSED
            locked.outcome = Outcome.RULING_FINAL
            locked.closed_at = timezone.now()
            locked.appeal_due_on = None
        else:
            locked.stage = Stage.RULED
            step = DeadlineStep.COURT_APPEAL if forum == Forum.KI else DeadlineStep.CASSATION
            locked.appeal_due_on = due_after(locked, data.received_on, step)
        locked.save(update_fields=["stage", "outcome", "closed_at", "appeal_due_on"])
        record(
            locked,
            DISPUTE_RULING,
            actor=actor,
            permission=MANAGE,
            before={"stage": before},
            after={"stage": locked.stage, "appeal_due_on": locked.appeal_due_on, "orders": ruling.orders},
            note=ruling.summary,
            payload={"forum": forum, "number": ruling.number},
        )
        task_create(
            locked,
            TaskKind.FOLLOW_UP,
            _("Follow up ruling %(number)s (%(forum)s): %(orders)s")
            % {"number": ruling.number, "forum": forum.label, "orders": "; ".join(ruling.order_labels)},
            due_on=locked.appeal_due_on,
            actor=actor,
        )
        if set(ruling.orders) & OPENING_ORDERS:
            task_create(
                locked,
                TaskKind.PUBLISH_DIP,
                _("List the information ruling %(number)s opened in the DIP: %(requested)s")
                % {"number": ruling.number, "requested": locked.request.information_requested[:300]},
                due_on=None,
                actor=actor,
            )
    return ruling


def dispute_appeal(
    *, dispute: Dispute, actor: Any, forum: str, filed_on: datetime.date, appellant: str, note: str = ""
) -> Dispute:
    """An appeal of the latest ruling: to the PTUN (a state body) or PN after the Commission
    (Pasal 47-48), to the Mahkamah Agung after a court (Pasal 50)."""
    with transaction.atomic():
        locked = lock_for(dispute, "dispute_appeal", actor=actor, permission=MANAGE)
        latest = locked.rulings.order_by("-ruled_on", "-id").first()
        allowed = NEXT_FORUMS[Forum(latest.forum)] if latest else frozenset()
        if forum not in {f.value for f in allowed}:
            raise ValidationError(
                {
                    "forum": _("After this ruling the appeal goes to: %(forums)s.")
                    % {"forums": ", ".join(sorted(str(f.label) for f in allowed)) or "—"}
                }
            )
        if not appellant.strip():
            raise ValidationError({"appellant": _("Say who appealed.")})
        _not_future(locked, filed_on, "filed_on")
        late = locked.appeal_due_on is not None and filed_on > locked.appeal_due_on
        locked.stage = Stage.CASSATION if forum == Forum.MA else Stage.APPEAL
        locked.appeal_due_on = None
        locked.save(update_fields=["stage", "appeal_due_on"])
        record(
            locked,
            DISPUTE_APPEALED,
            actor=actor,
            permission=MANAGE,
            before={"stage": Stage.RULED},
            after={"stage": locked.stage},
            note=note.strip(),
            payload={"forum": forum, "appellant": appellant.strip(), "filed_on": filed_on, "late": late},
        )
    return locked


def dispute_close(*, dispute: Dispute, actor: Any, outcome: str, note: str) -> Dispute:
    """The legal unit closes the case: the ruling became final (no appeal in time), the requester
    withdrew, or the Commission did not register it."""
    if outcome not in Outcome.values or outcome == Outcome.MEDIATION_AGREEMENT:
        raise ValidationError({"outcome": _("Choose why the case is closed.")})
    if not note.strip():
        raise ValidationError({"note": _("Say why the case is closed.")})
    with transaction.atomic():
        locked = lock_for(dispute, "dispute_close", actor=actor, permission=MANAGE)
        if outcome == Outcome.RULING_FINAL and not locked.rulings.exists():
            raise ValidationError({"outcome": _("There is no ruling yet that could be final.")})
        before = locked.stage
        locked.stage = target_of("dispute_close")
        locked.outcome = outcome
        locked.closed_at = timezone.now()
        locked.close_note = note.strip()
        locked.appeal_due_on = None
        locked.save(update_fields=["stage", "outcome", "closed_at", "close_note", "appeal_due_on"])
        record(
            locked,
            DISPUTE_CLOSED,
            actor=actor,
            permission=MANAGE,
            before={"stage": before},
            after={"stage": locked.stage, "outcome": outcome},
            note=locked.close_note,
        )
    return locked


def open_tasks(dispute: Dispute) -> list[FollowUpTask]:
    return list(dispute.tasks.filter(done_at__isnull=True))
