"""The consequence test from its request to the Keputusan KPU, and the exemption it sets.

UU 14/2008 Pasal 19-20; PKPU 22/2023 Pasal 24-26; Perki 1/2021 Pasal 49; seed b.2, b.3, d.4, d.6.
KPU RI tests (Pasal 24); a KPU Provinsi asks it directly, a KPU Kab/Kota through its KPU Provinsi
(Pasal 25 ayat (1)-(2)); the result decided by KPU RI applies to every office.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, fields
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ppid.accounts.permissions import acting_role, active_memberships, can
from ppid.accounts.roles import Role
from ppid.events.registry import register_event_type
from ppid.events.services import event_record
from ppid.exemptions.models import ConsequenceOpinion, ConsequenceTest, Exemption
from ppid.exemptions.workflow import (
    Conclusion,
    ConsequenceStatus,
    ExemptionStatus,
    LegalBasisKind,
    ParticipantKind,
    Trigger,
    allowed_from,
    target_of,
)
from ppid.offices.models import Office, OfficeLevel
from ppid.requests.models import ExemptionGround
from ppid.requests.services.intake import next_sequence

TEST_STARTED = register_event_type("consequence_test.started", gettext_lazy("Consequence test asked for"))
TEST_FORWARDED = register_event_type(
    "consequence_test.forwarded", gettext_lazy("Forwarded to KPU RI by the KPU Provinsi")
)
TEST_SCREENED = register_event_type("consequence_test.screened", gettext_lazy("Screened by the PPID: the test starts"))
TEST_DISMISSED = register_event_type("consequence_test.dismissed", gettext_lazy("Dismissed: no test needed"))
TEST_STEPS = register_event_type("consequence_test.steps_recorded", gettext_lazy("Test steps recorded"))
TEST_OPINION = register_event_type("consequence_test.opinion", gettext_lazy("Opinion given and signed"))
TEST_CLASSIFIED = register_event_type("consequence_test.classified", gettext_lazy("Classified by the advisory team"))
TEST_HANDED_OVER = register_event_type("consequence_test.handed_over", gettext_lazy("Handed to the Atasan PPID"))
TEST_DECIDED = register_event_type("consequence_test.decided", gettext_lazy("Keputusan KPU recorded"))
EXEMPTION_REVIEW_DUE = register_event_type("exemption.review_due", gettext_lazy("Exemption ends soon: to be reviewed"))
EXEMPTION_EXPIRED = register_event_type("exemption.expired", gettext_lazy("Exemption ended: to be reviewed"))
EXEMPTION_REPLACED = register_event_type(
    "exemption.replaced", gettext_lazy("Exemption replaced by the decision on its review")
)

SERIES = "consequence_test"
# Pasal 20 ayat (1): exemptions on these letters are not permanent; a duration must be set.
TEMPORARY_LETTERS = frozenset({"a", "b", "c", "d", "e", "f"})


class ConsequenceStateError(Exception):
    """The test is not in a state that allows this step (often: someone else changed it first)."""


def national_office() -> Office:
    return Office.objects.get(level=OfficeLevel.RI)


def _record(test: ConsequenceTest, event_type: str, *, actor: Any, permission: str, **kwargs: Any) -> None:
    event_record(
        event_type=event_type,
        obj=test,
        actor=actor,
        actor_role=acting_role(actor, permission, test.office) or acting_role(actor, permission, test.origin_office),
        office=test.office,
        **kwargs,
    )


def _lock(test: ConsequenceTest, action: str) -> ConsequenceTest:
    locked = (
        ConsequenceTest.objects.select_for_update(of=("self",))
        .select_related("office", "origin_office", "forwarded_by", "item")
        .get(pk=test.pk)
    )
    if locked.status not in allowed_from(action):
        raise ConsequenceStateError(
            _("Consequence test %(number)s is now “%(status)s”; this step is not possible any more. Reload the page.")
            % {"number": locked.number, "status": ConsequenceStatus(locked.status).label}
        )
    return locked


def _require(actor: Any, permission: str, office: Office) -> None:
    if not can(actor, permission, office):
        raise PermissionDenied(_("You may not take this step of the consequence test."))


@dataclass(frozen=True)
class StartData:
    information: str
    trigger: str = Trigger.BEFORE_REQUEST
    first_assessment: str = ""
    request: Any = None  # ppid.requests InformationRequest the test arises from
    item: Any = None  # ppid.catalogue InformationItem concerned
    reviews: Exemption | None = None  # the exemption whose duration ends (Pasal 20)


def _within(origin: Office, office: Office) -> bool:
    return office.pk == origin.pk or origin.is_ancestor_of(office)


def _start_permission(actor: Any, origin: Office, data: StartData) -> str:
    """The PPID of KPU RI screens its own candidates (d.4); another office's PPID asks KPU RI
    (Pasal 25); a liaison team's first assessment (kajian awal, PKPU 4/2025 Pasal 9) starts one."""
    if can(actor, "exemption:screen", origin) and origin.level == OfficeLevel.RI:
        return "exemption:screen"
    if can(actor, "consequence_test:request", origin):
        return "consequence_test:request"
    unit_object = data.item if data.item is not None else origin
    if can(actor, "exemption:first_assessment", unit_object) and data.first_assessment.strip():
        return "exemption:first_assessment"
    raise PermissionDenied(_("You may not ask for a consequence test at this office."))


def consequence_test_start(*, origin: Office, actor: Any, data: StartData) -> ConsequenceTest:
    if not data.information.strip():
        raise ValidationError({"information": _("Name the information to be tested.")})
    if data.trigger not in Trigger.values:
        raise ValidationError({"trigger": _("Choose when the test is run.")})
    for name, held in (("item", data.item), ("request", data.request)):
        if held is not None and not _within(origin, held.office):
            raise ValidationError({name: _("Choose one of the asking office or of an office below it.")})
    permission = _start_permission(actor, origin, data)
    national = national_office()
    with transaction.atomic():
        year = timezone.now().astimezone(national.zoneinfo).year
        sequence = next_sequence(national, year, SERIES)
        test = ConsequenceTest.objects.create(
            office=national,
            origin_office=origin,
            number=f"{sequence:04d}/UK/{year}",
            year=year,
            sequence=sequence,
            trigger=data.trigger,
            request=data.request,
            item=data.item,
            reviews=data.reviews,
            information=data.information.strip(),
            first_assessment=data.first_assessment.strip(),
            status=ConsequenceStatus.AT_PROVINCE
            if origin.level == OfficeLevel.KABKOTA
            else ConsequenceStatus.SCREENING,
            created_by=actor,
        )
        event_record(
            event_type=TEST_STARTED,
            obj=test,
            actor=actor,
            actor_role=acting_role(actor, permission, data.item if data.item is not None else origin),
            office=origin,
            after={"status": test.status, "trigger": test.trigger},
            note=test.first_assessment,
        )
    return test


def consequence_test_forward(*, test: ConsequenceTest, actor: Any, note: str = "") -> ConsequenceTest:
    """The KPU Provinsi passes its Kab/Kota's request on to KPU RI (Pasal 25 ayat (2))."""
    with transaction.atomic():
        locked = _lock(test, "consequence_test_forward")
        province = locked.origin_office.parent
        assert province is not None  # a Kab/Kota always has its Provinsi
        _require(actor, "consequence_test:forward", province)
        locked.status = target_of("consequence_test_forward")
        locked.forwarded_by = province
        locked.save(update_fields=["status", "forwarded_by"])
        event_record(
            event_type=TEST_FORWARDED,
            obj=locked,
            actor=actor,
            actor_role=acting_role(actor, "consequence_test:forward", province),
            office=province,
            before={"status": ConsequenceStatus.AT_PROVINCE},
            after={"status": locked.status},
            note=note,
        )
    return locked


def consequence_test_screen(*, test: ConsequenceTest, actor: Any, note: str) -> ConsequenceTest:
    """The PPID of KPU RI screens the candidate and starts the test (seed d.4)."""
    if not note.strip():
        raise ValidationError({"note": _("Say why the information is a candidate for exemption.")})
    with transaction.atomic():
        locked = _lock(test, "consequence_test_screen")
        _require(actor, "exemption:screen", locked.office)
        locked.status = target_of("consequence_test_screen")
        locked.screening_note = note.strip()
        locked.save(update_fields=["status", "screening_note"])
        _record(
            locked,
            TEST_SCREENED,
            actor=actor,
            permission="exemption:screen",
            after={"status": locked.status},
            note=note,
        )
    return locked


def consequence_test_dismiss(*, test: ConsequenceTest, actor: Any, note: str) -> ConsequenceTest:
    """No test is needed (the information is plainly open, or already decided): with reasons."""
    if not note.strip():
        raise ValidationError({"note": _("Say why no test is needed.")})
    with transaction.atomic():
        locked = _lock(test, "consequence_test_dismiss")
        if locked.status == ConsequenceStatus.AT_PROVINCE:
            province = locked.origin_office.parent
            assert province is not None
            _require(actor, "consequence_test:forward", province)
            permission, where = "consequence_test:forward", province
        else:
            _require(actor, "exemption:screen", locked.office)
            permission, where = "exemption:screen", locked.office
        before = locked.status
        locked.status = target_of("consequence_test_dismiss")
        locked.screening_note = note.strip()
        locked.save(update_fields=["status", "screening_note"])
        event_record(
            event_type=TEST_DISMISSED,
            obj=locked,
            actor=actor,
            actor_role=acting_role(actor, permission, where),
            office=where,
            before={"status": before},
            after={"status": locked.status},
            note=note,
        )
    return locked


@dataclass(frozen=True)
class Steps:
    """PKPU 22/2023 Pasal 25 ayat (3), in order; blank fields are left as they were."""

    material_scope: str = ""
    potential_harm: str = ""
    basis_kind: str = ""
    pasal17_letter: str = ""
    pasal17_point: str = ""
    other_law: str = ""
    public_interest: str = ""
    balancing: str = ""
    conclusion: str = ""
    duration_until: datetime.date | None = None


def _check_steps(steps: Steps) -> None:
    errors: dict[str, str] = {}
    if steps.basis_kind and steps.basis_kind not in LegalBasisKind.values:
        errors["basis_kind"] = _("Choose Pasal 17 or another Undang-Undang.")
    if steps.pasal17_letter and steps.pasal17_letter not in ExemptionGround.values:
        errors["pasal17_letter"] = _("Choose one of the grounds of Pasal 17 letters a to j.")
    if steps.conclusion and steps.conclusion not in Conclusion.values:
        errors["conclusion"] = _("Conclude dikecualikan or terbuka.")
    if errors:
        raise ValidationError(errors)


def consequence_test_record_steps(*, test: ConsequenceTest, actor: Any, steps: Steps) -> ConsequenceTest:
    """The PPID writes down the test, step by step (seed d.6)."""
    _check_steps(steps)
    with transaction.atomic():
        locked = _lock(test, "consequence_test_record_steps")
        _require(actor, "consequence_test:conduct", locked.office)
        changed: dict[str, Any] = {}
        for step in fields(Steps):
            value = getattr(steps, step.name)
            if value not in ("", None) and getattr(locked, step.name) != value:
                changed[step.name] = value
                setattr(locked, step.name, value.strip() if isinstance(value, str) else value)
        if changed:
            locked.save(update_fields=list(changed))
            _record(
                locked, TEST_STEPS, actor=actor, permission="consequence_test:conduct", after={"steps": sorted(changed)}
            )
    return locked


@dataclass(frozen=True)
class Opinion:
    kind: str
    opinion: str
    agrees: bool | None = None
    name: str = ""  # for an expert recorded by the PPID; participants sign in their own name
    position: str = ""


def consequence_test_add_opinion(*, test: ConsequenceTest, actor: Any, data: Opinion) -> ConsequenceOpinion:
    """A participant gives their opinion and signs (seed d.6): the advisory team, the Pembina PPID,
    the unit holding the information, each in their own name; the PPID records an expert's."""
    if data.kind not in ParticipantKind.values or not data.opinion.strip():
        raise ValidationError({"opinion": _("Give the opinion and who gives it.")})
    with transaction.atomic():
        locked = _lock(test, "consequence_test_add_opinion")
        if data.kind == ParticipantKind.EXPERT:
            _require(actor, "consequence_test:conduct", locked.office)
            if not data.name.strip():
                raise ValidationError({"name": _("Name the expert.")})
            permission, name, user = "consequence_test:conduct", data.name.strip(), None
        else:
            if not _participates_as(actor, locked, ParticipantKind(data.kind)):
                raise PermissionDenied(_("Only the participants of the test give opinions, each in their own role."))
            permission, name, user = "consequence_test:opine", str(actor), actor
        opinion = ConsequenceOpinion.objects.create(
            test=locked,
            kind=data.kind,
            name=name,
            position=data.position.strip(),
            opinion=data.opinion.strip(),
            agrees=data.agrees,
            user=user,
            recorded_by=actor,
        )
        _record(
            locked,
            TEST_OPINION,
            actor=actor,
            permission=permission,
            after={"participant": str(opinion)},
            note=opinion.opinion,
        )
    return opinion


PARTICIPANT_ROLES = {
    ParticipantKind.ADVISORY: Role.TIM_PERTIMBANGAN,
    ParticipantKind.PATRON: Role.PEMBINA,
    ParticipantKind.UNIT: Role.TIM_PENGHUBUNG,
}


def _participates_as(actor: Any, test: ConsequenceTest, kind: ParticipantKind) -> bool:
    """Does `actor` hold the role `kind` names at the testing or the asking office? For the unit:
    the liaison team of the unit holding the item, when the test concerns one (PKPU 22/2023 Pasal 24)."""
    role = PARTICIPANT_ROLES.get(kind)
    if role is None:
        return False
    for membership in active_memberships(actor):
        if membership.role != role or membership.office_id not in (test.office_id, test.origin_office_id):
            continue
        if kind == ParticipantKind.UNIT and test.item is not None and membership.work_unit_id != test.item.work_unit_id:
            continue
        return True
    return False


def _check_complete(test: ConsequenceTest) -> None:
    """Every step of Pasal 25 ayat (3) and its conclusion; an exemption on Pasal 17 a-f has a duration (Pasal 20)."""
    missing = [
        name
        for name in ("material_scope", "potential_harm", "public_interest", "balancing", "conclusion")
        if not getattr(test, name)
    ]
    errors = {name: _("This step of the test is not written down yet.") for name in missing}
    if test.conclusion == Conclusion.DIKECUALIKAN:
        if test.basis_kind == LegalBasisKind.PASAL_17 and not test.pasal17_letter:
            errors["pasal17_letter"] = _("Name the letter of Pasal 17.")
        if test.basis_kind == LegalBasisKind.OTHER_LAW and not test.other_law.strip():
            errors["other_law"] = _("Name the Undang-Undang and its article.")
        if not test.basis_kind:
            errors["basis_kind"] = _("Name the statutory basis.")
        if test.pasal17_letter in TEMPORARY_LETTERS and test.duration_until is None:
            errors["duration_until"] = _("Pasal 20: an exemption on Pasal 17 letters a-f needs an end date.")
    if errors:
        raise ValidationError(errors)


def consequence_test_classify(*, test: ConsequenceTest, actor: Any, note: str) -> ConsequenceTest:
    """The advisory team classifies the information on the completed test (seed b.2)."""
    with transaction.atomic():
        locked = _lock(test, "consequence_test_classify")
        _require(actor, "exemption:classify", locked.office)
        _check_complete(locked)
        locked.status = target_of("consequence_test_classify")
        locked.classification_note = note.strip()
        locked.save(update_fields=["status", "classification_note"])
        _record(
            locked,
            TEST_CLASSIFIED,
            actor=actor,
            permission="exemption:classify",
            after={"status": locked.status, "conclusion": locked.conclusion},
            note=note,
        )
    return locked


def consequence_test_hand_over(*, test: ConsequenceTest, actor: Any) -> ConsequenceTest:
    """The advisory team hands its classification to the Atasan PPID (seed b.3)."""
    with transaction.atomic():
        locked = _lock(test, "consequence_test_hand_over")
        _require(actor, "exemption:hand_over", locked.office)
        locked.status = target_of("consequence_test_hand_over")
        locked.save(update_fields=["status"])
        _record(
            locked, TEST_HANDED_OVER, actor=actor, permission="exemption:hand_over", after={"status": locked.status}
        )
    return locked


def consequence_test_record_decision(
    *, test: ConsequenceTest, actor: Any, decision_number: str, decision_date: datetime.date, decision_file: Any = None
) -> ConsequenceTest:
    """The Keputusan KPU that sets the result (PKPU 22/2023 Pasal 26). A test concluding
    dikecualikan creates the DIK entry, national when KPU RI decides; a DIP item it concerns is
    closed by it."""
    if not decision_number.strip():
        raise ValidationError({"decision_number": _("Give the number of the Keputusan KPU.")})
    with transaction.atomic():
        locked = _lock(test, "consequence_test_record_decision")
        _require(actor, "exemption:record_decision", locked.office)
        if decision_date > timezone.now().astimezone(locked.office.zoneinfo).date():
            raise ValidationError({"decision_date": _("The decision date cannot be in the future.")})
        locked.status = target_of("consequence_test_record_decision")
        locked.decided_at = timezone.now()
        locked.decision_number = decision_number.strip()
        locked.decision_date = decision_date
        locked.decision_file = decision_file or ""
        locked.save(update_fields=["status", "decided_at", "decision_number", "decision_date", "decision_file"])
        exemption = None
        if locked.conclusion == Conclusion.DIKECUALIKAN:
            exemption = Exemption.objects.create(
                test=locked,
                office=locked.office,
                information=locked.information,
                basis_kind=locked.basis_kind,
                pasal17_letter=locked.pasal17_letter,
                pasal17_point=locked.pasal17_point,
                other_law=locked.other_law,
                consequence=locked.potential_harm,
                national=locked.office.level == OfficeLevel.RI,
                valid_from=decision_date,
                valid_until=locked.duration_until,
                decision_number=decision_number.strip(),
                decision_date=decision_date,
                decision_file=decision_file or "",
            )
        _record(
            locked,
            TEST_DECIDED,
            actor=actor,
            permission="exemption:record_decision",
            after={"status": locked.status, "conclusion": locked.conclusion, "decision_number": decision_number},
        )
        if locked.reviews is not None:
            _replace(locked.reviews, by=exemption, actor=actor, test=locked)
        if exemption is not None and locked.item is not None:
            from ppid.catalogue.services import item_close_by_exemption

            item_close_by_exemption(item=locked.item, exemption=exemption, actor=actor)
    return locked


def _replace(old: Exemption, *, by: Exemption | None, actor: Any, test: ConsequenceTest) -> None:
    """The reviewed exemption gives way to the review's decision (Pasal 20): it is revoked; items it
    closed move to the new exemption, or open again when the review concluded terbuka."""
    old.status = ExemptionStatus.REVOKED
    old.save(update_fields=["status"])
    event_record(
        event_type=EXEMPTION_REPLACED,
        obj=old,
        actor=actor,
        actor_role=acting_role(actor, "exemption:record_decision", test.office),
        office=old.office,
        after={"status": old.status},
        payload={"review": test.number, "replaced_by": by.decision_number if by else ""},
    )
    from ppid.catalogue.services import item_close_by_exemption, item_reopen_after_review

    for item in old.items.all():
        if by is not None:
            item_close_by_exemption(item=item, exemption=by, actor=actor)
        else:
            item_reopen_after_review(item=item, actor=actor, decision_number=test.decision_number)


def exemption_review_due(*, today: datetime.date, notice_days: int) -> tuple[list[Exemption], list[Exemption]]:
    """The daily check (Pasal 20; RULES.md §6): flag exemptions ending within `notice_days`, once,
    and mark those whose duration has ended as expired, to be reviewed by a new test."""
    flagged: list[Exemption] = []
    expired: list[Exemption] = []
    horizon = today + datetime.timedelta(days=notice_days)
    with transaction.atomic():
        soon = Exemption.objects.select_for_update().filter(
            status=ExemptionStatus.ACTIVE, valid_until__isnull=False, valid_until__lte=horizon
        )
        for exemption in soon.select_related("office"):
            assert exemption.valid_until is not None  # filtered above
            if exemption.valid_until < today:
                exemption.status = ExemptionStatus.EXPIRED
                exemption.save(update_fields=["status"])
                event_record(
                    event_type=EXEMPTION_EXPIRED,
                    obj=exemption,
                    actor=None,
                    office=exemption.office,
                    after={"status": exemption.status},
                )
                expired.append(exemption)
            elif exemption.review_flagged_at is None:
                exemption.review_flagged_at = timezone.now()
                exemption.save(update_fields=["review_flagged_at"])
                event_record(
                    event_type=EXEMPTION_REVIEW_DUE,
                    obj=exemption,
                    actor=None,
                    office=exemption.office,
                    payload={"valid_until": exemption.valid_until},
                )
                flagged.append(exemption)
    return flagged, expired
