"""Disputes from the Commission to cassation (UU 14/2008 Pasal 37-50; RULES.md §5, §7), with
deadlines counted under both rule sets and across Idul Fitri 1447 H (March 2026)."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from django.utils.formats import date_format

from ppid.accounts.models import User
from ppid.accounts.roles import Role
from ppid.disputes.models import Dispute, FollowUpTask
from ppid.disputes.services import (
    DisputeData,
    DisputeStateError,
    RulingData,
    dispute_add_document,
    dispute_add_party,
    dispute_appeal,
    dispute_close,
    dispute_confirm_registration,
    dispute_end_mediation,
    dispute_record,
    dispute_record_ruling,
    dispute_report,
    dispute_schedule_session,
    task_complete,
)
from ppid.disputes.workflow import Outcome, Stage, TaskKind
from ppid.objections.models import Objection
from ppid.objections.services import objection_confirm_settlement, objection_decide, objection_propose_settlement
from ppid.requests.models import InformationRequest
from ppid.requests.services import request_decide
from ppid.requests.workflow import Status as RequestStatus
from ppid.workdays.models import CalendarDay, ElectionStage, RuleSet
from tests.requests.conftest import PDF_BYTES, granted_in_full
from tests.workdays.conftest import frozen_now

WIB = ZoneInfo("Asia/Jakarta")
D = datetime.date
KI_JABAR = "Komisi Informasi Provinsi Jawa Barat"


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """The assertions below read the services' messages in English (their msgids)."""
    with translation.override("en"):
        yield


def at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, 0, tzinfo=WIB)


def working_days_after(start: datetime.date, n: int) -> datetime.date:
    """A plain day-by-day reference, independent of the engine: weekends and the national days off."""
    off = set(
        CalendarDay.objects.filter(scope="all", is_active=True)
        .exclude(kind="extra_working_day")
        .values_list("date", flat=True)
    )

    def days() -> Iterator[datetime.date]:
        day = start
        while True:
            day += datetime.timedelta(days=1)
            if day.weekday() < 5 and day not in off:
                yield day

    found = days()
    return [next(found) for _ in range(n)][-1]


@pytest.fixture
def answered_in_march(
    request_in: Callable[[str], InformationRequest],
    ppid_officer: User,
    atasan: User,
    file_objection: Callable[..., Objection],
) -> Callable[[str], Objection]:
    """`answered_in_march(grounds)`: refused 2 March, objection 3 March, upheld Thursday 5 March 2026."""

    def make(grounds: str = "a") -> Objection:
        with frozen_now(at(D(2026, 2, 27))):
            request = request_in(RequestStatus.REGISTERED)
        with frozen_now(at(D(2026, 3, 2))):
            request_decide(
                request=request,
                actor=ppid_officer,
                data=granted_in_full(
                    outcome="refused", exemption_ground="h", reasoning="Data pribadi.", information_given="x"
                ),
            )
        with frozen_now(at(D(2026, 3, 3))):
            objection = file_objection(request, grounds)
        with frozen_now(at(D(2026, 3, 5))):
            return objection_decide(objection=objection, actor=atasan, grant=False, reasons="Dikecualikan.")

    return make


def record_on(
    objection: Objection, actor: User, filed: datetime.date, registered: datetime.date | None = None
) -> Dispute:
    with frozen_now(at(registered or filed, 14)):
        return dispute_record(
            objection=objection,
            actor=actor,
            data=DisputeData(commission=KI_JABAR, filed_on=filed, registered_on=registered, ki_case_number="1/KI"),
        )


# --- the filing window and the Commission's deadlines -------------------------------------------


def test_the_commission_stage_crosses_idul_fitri(
    answered_in_march: Callable[[str], Objection], legal_unit: User
) -> None:
    dispute = record_on(answered_in_march("a"), legal_unit, D(2026, 3, 12))

    # Answer Thursday 5 March: 14 working days skip Nyepi and Idul Fitri (18-24 March) → 1 April.
    assert dispute.filing_window_from == D(2026, 3, 5)
    assert dispute.filing_due_on == D(2026, 4, 1)
    assert not dispute.is_late
    # Registered Thursday 12 March: day 13 = 1, 16-17 = 3, 18-24 off, 25-27 = 6, 30 March-2 April
    # = 10, Good Friday 3 April off, 6-9 April = 14 → Thursday 9 April 2026.
    assert dispute.ki_start_due_on == D(2026, 4, 9)
    assert dispute.ki_settlement_due_on == working_days_after(D(2026, 3, 12), 100)
    assert dispute.rule_set.kind == "normal"


def test_during_an_election_stage_the_commission_settles_in_14_working_days(
    answered_in_march: Callable[[str], Objection], legal_unit: User
) -> None:
    election = RuleSet.objects.get(kind="election")
    ElectionStage.objects.create(
        name="Pilkada ulang",
        kind="pilkada",
        starts_on=D(2026, 3, 10),
        ends_on=D(2026, 6, 30),
        all_offices=True,
        rule_set=election,
    )
    dispute = record_on(answered_in_march("a"), legal_unit, D(2026, 3, 12))

    assert dispute.rule_set == election
    assert dispute.ki_settlement_due_on == D(2026, 4, 9)


def test_a_dispute_filed_after_the_window_is_flagged_late(
    answered_in_march: Callable[[str], Objection], legal_unit: User
) -> None:
    dispute = record_on(answered_in_march("a"), legal_unit, D(2026, 4, 2))

    assert dispute.is_late


def test_no_dispute_while_the_atasan_still_has_time(
    unanswered_request: Callable[[], InformationRequest], file_objection: Callable[..., Objection], legal_unit: User
) -> None:
    objection = file_objection(unanswered_request(), "c")
    with pytest.raises(ValidationError, match=date_format(objection.answer_due_on, "j F Y")):
        dispute_record(
            objection=objection, actor=legal_unit, data=DisputeData(commission=KI_JABAR, filed_on=datetime.date.today())
        )


def test_an_unanswered_objection_opens_the_window_the_day_after_the_answer_period(
    refused_request: InformationRequest, file_objection: Callable[..., Objection], legal_unit: User
) -> None:
    objection = file_objection(refused_request, "a")
    later = objection.answer_due_on + datetime.timedelta(days=3)
    with frozen_now(at(later)):
        dispute = dispute_record(
            objection=objection, actor=legal_unit, data=DisputeData(commission=KI_JABAR, filed_on=later)
        )

    assert dispute.filing_window_from == objection.answer_due_on + datetime.timedelta(days=1)


def test_a_settled_objection_cannot_be_disputed(
    unanswered_request: Callable[[], InformationRequest],
    file_objection: Callable[..., Objection],
    ppid_officer: User,
    requester_user: User,
    legal_unit: User,
) -> None:
    objection = file_objection(unanswered_request(), "c")
    objection_propose_settlement(objection=objection, actor=ppid_officer, terms="Sepakat.")
    settled = objection_confirm_settlement(objection=objection, actor=requester_user)
    with pytest.raises(ValidationError, match="settled"):
        dispute_record(
            objection=settled, actor=legal_unit, data=DisputeData(commission=KI_JABAR, filed_on=datetime.date.today())
        )


def test_only_the_legal_unit_records_and_the_requester_reports(
    upheld_objection: Objection, ppid_officer: User, atasan: User, requester_user: User, legal_unit: User
) -> None:
    data = DisputeData(commission=KI_JABAR, filed_on=datetime.date.today())
    for actor in (ppid_officer, atasan):
        with pytest.raises(PermissionDenied):
            dispute_record(objection=upheld_objection, actor=actor, data=data)
    reported = dispute_report(objection=upheld_objection, actor=requester_user, data=data)
    assert (reported.stage, reported.reported_by_requester, reported.ki_start_due_on) == (Stage.REPORTED, True, None)
    with pytest.raises(ValidationError, match="still open"):
        dispute_record(objection=upheld_objection, actor=legal_unit, data=data)

    confirmed = dispute_confirm_registration(
        dispute=reported, actor=legal_unit, ki_case_number="077/KI-JB/2026", registered_on=datetime.date.today()
    )
    assert confirmed.stage == Stage.REGISTERED and confirmed.ki_start_due_on is not None
    assert sorted(confirmed.parties.values_list("role", flat=True)) == ["applicant", "respondent"]


# --- sessions, mediation, rulings, appeals ------------------------------------------------------


def test_mediation_is_refused_for_ground_a(dispute_at_ki: Dispute, legal_unit: User) -> None:
    with pytest.raises(ValidationError, match="Mediation"):
        dispute_schedule_session(
            dispute=dispute_at_ki, actor=legal_unit, kind="mediation", held_on=datetime.date.today()
        )


def test_a_mediation_agreement_ends_the_case_and_leaves_the_atasan_a_task(
    refused_request: InformationRequest, file_objection: Callable[..., Objection], atasan: User, legal_unit: User
) -> None:
    objection = file_objection(refused_request, "f")  # fees: a ground that may be mediated
    answered = objection_decide(objection=objection, actor=atasan, grant=False, reasons="Biaya sesuai tarif.")
    dispute = dispute_record(
        objection=answered, actor=legal_unit, data=DisputeData(commission=KI_JABAR, filed_on=datetime.date.today())
    )
    dispute_schedule_session(dispute=dispute, actor=legal_unit, kind="mediation", held_on=datetime.date.today())
    with pytest.raises(ValidationError):
        dispute_end_mediation(dispute=dispute, actor=legal_unit, agreed=True, note=" ")
    closed = dispute_end_mediation(dispute=dispute, actor=legal_unit, agreed=True, note="Biaya dihapus.")

    assert (closed.stage, closed.outcome) == (Stage.CLOSED, Outcome.MEDIATION_AGREEMENT)
    assert FollowUpTask.objects.get(dispute=closed).kind == TaskKind.FOLLOW_UP


def test_a_failed_mediation_goes_to_adjudication_and_mediation_is_over(
    refused_request: InformationRequest, file_objection: Callable[..., Objection], atasan: User, legal_unit: User
) -> None:
    objection = file_objection(refused_request, "f")
    answered = objection_decide(objection=objection, actor=atasan, grant=False, reasons="x")
    dispute = dispute_record(
        objection=answered, actor=legal_unit, data=DisputeData(commission=KI_JABAR, filed_on=datetime.date.today())
    )
    dispute_schedule_session(dispute=dispute, actor=legal_unit, kind="mediation", held_on=datetime.date.today())
    failed = dispute_end_mediation(dispute=dispute, actor=legal_unit, agreed=False, note="Tidak sepakat.")
    assert failed.stage == Stage.ADJUDICATION
    with pytest.raises(DisputeStateError):
        dispute_schedule_session(dispute=failed, actor=legal_unit, kind="mediation", held_on=datetime.date.today())


def ruling(forum: str, orders: list[str], received: datetime.date, number: str = "R-1") -> RulingData:
    return RulingData(forum=forum, number=number, ruled_on=received, received_on=received, orders=orders)


def test_the_chain_from_the_commission_to_cassation(
    answered_in_march: Callable[[str], Objection], legal_unit: User, atasan: User, ppid_officer: User
) -> None:
    dispute = record_on(answered_in_march("a"), legal_unit, D(2026, 3, 12))
    with frozen_now(at(D(2026, 4, 13))):
        with pytest.raises(DisputeStateError):  # no ruling before adjudication
            dispute_record_ruling(
                dispute=dispute, actor=legal_unit, data=ruling("ki", ["uphold_decision"], D(2026, 4, 13))
            )
        dispute_schedule_session(dispute=dispute, actor=legal_unit, kind="adjudication", held_on=D(2026, 4, 6))
        with pytest.raises(ValidationError) as error:
            dispute_record_ruling(dispute=dispute, actor=legal_unit, data=ruling("ptun", [], D(2026, 4, 13)))
        assert {"forum", "orders"} <= set(error.value.message_dict)
        dispute_record_ruling(
            dispute=dispute, actor=legal_unit, data=ruling("ki", ["cancel_decision", "disclose_full"], D(2026, 4, 13))
        )
    dispute.refresh_from_db()
    # Received Monday 13 April: 14 working days, Labour Day (1 May) off → Monday 4 May 2026.
    assert (dispute.stage, dispute.appeal_due_on) == (Stage.RULED, D(2026, 5, 4))
    tasks = {task.kind: task for task in dispute.tasks.all()}
    assert set(tasks) == {TaskKind.FOLLOW_UP, TaskKind.PUBLISH_DIP}
    assert tasks[TaskKind.FOLLOW_UP].due_on == D(2026, 5, 4)
    with pytest.raises(PermissionDenied):
        task_complete(task=tasks[TaskKind.FOLLOW_UP], actor=ppid_officer, result="x")
    with pytest.raises(PermissionDenied):
        task_complete(task=tasks[TaskKind.PUBLISH_DIP], actor=atasan, result="x")
    task_complete(task=tasks[TaskKind.FOLLOW_UP], actor=atasan, result="Mengajukan keberatan ke PTUN.")
    task_complete(task=tasks[TaskKind.PUBLISH_DIP], actor=ppid_officer, result="Dicantumkan di DIP.")

    with frozen_now(at(D(2026, 4, 20))):
        with pytest.raises(ValidationError, match="Tata Usaha Negara"):
            dispute_appeal(dispute=dispute, actor=legal_unit, forum="ma", filed_on=D(2026, 4, 20), appellant="KPU")
        dispute_appeal(
            dispute=dispute, actor=legal_unit, forum="ptun", filed_on=D(2026, 4, 20), appellant="KPU Kota Bandung"
        )
    with frozen_now(at(D(2026, 7, 1))):
        dispute_record_ruling(
            dispute=dispute, actor=legal_unit, data=ruling("ptun", ["uphold_decision"], D(2026, 7, 1), "PTUN-1")
        )
        dispute.refresh_from_db()
        assert dispute.stage == Stage.RULED and dispute.appeal_due_on is not None
        dispute_appeal(dispute=dispute, actor=legal_unit, forum="ma", filed_on=D(2026, 7, 1), appellant="Pemohon")
        dispute_record_ruling(
            dispute=dispute, actor=legal_unit, data=ruling("ma", ["uphold_decision"], D(2026, 7, 1), "MA-1")
        )
    dispute.refresh_from_db()
    assert (dispute.stage, dispute.outcome) == (Stage.CLOSED, Outcome.RULING_FINAL)
    assert dispute.rulings.count() == 3
    # Only the Commission's ruling opened information: one DIP task in all.
    assert dispute.tasks.filter(kind=TaskKind.PUBLISH_DIP).count() == 1


def test_closing_needs_a_reason_and_a_final_ruling_needs_a_ruling(dispute_at_ki: Dispute, legal_unit: User) -> None:
    with pytest.raises(ValidationError):
        dispute_close(dispute=dispute_at_ki, actor=legal_unit, outcome="ruling_final", note="Inkracht.")
    with pytest.raises(ValidationError):
        dispute_close(dispute=dispute_at_ki, actor=legal_unit, outcome="withdrawn", note="")
    closed = dispute_close(dispute=dispute_at_ki, actor=legal_unit, outcome="withdrawn", note="Dicabut pemohon.")
    assert (closed.stage, closed.outcome) == (Stage.CLOSED, Outcome.WITHDRAWN)


# --- the case file --------------------------------------------------------------------------


def test_the_ppid_and_the_liaison_team_contribute_documents_but_the_desk_does_not(
    dispute_at_ki: Dispute, ppid_officer: User, liaison: User, desk: User
) -> None:
    pdf = SimpleUploadedFile("kronologi.pdf", PDF_BYTES, content_type="application/pdf")
    by_ppid = dispute_add_document(
        dispute=dispute_at_ki, actor=ppid_officer, kind="statement", title="Kronologi", upload=pdf
    )
    assert by_ppid.uploaded_role == Role.PPID and len(by_ppid.sha256) == 64
    data = SimpleUploadedFile("data.pdf", PDF_BYTES, content_type="application/pdf")
    by_liaison = dispute_add_document(
        dispute=dispute_at_ki, actor=liaison, kind="evidence", title="Data unit", upload=data
    )
    assert by_liaison.uploaded_role == Role.TIM_PENGHUBUNG
    with pytest.raises(PermissionDenied):
        dispute_add_document(
            dispute=dispute_at_ki, actor=desk, kind="other", title="x", upload=SimpleUploadedFile("a.pdf", PDF_BYTES)
        )
    with pytest.raises(ValidationError):
        dispute_add_document(
            dispute=dispute_at_ki,
            actor=ppid_officer,
            kind="other",
            title="x",
            upload=SimpleUploadedFile("a.exe", b"MZ\x90\x00"),
        )


def test_parties_are_added_by_the_legal_unit_only(dispute_at_ki: Dispute, legal_unit: User, ppid_officer: User) -> None:
    party = dispute_add_party(dispute=dispute_at_ki, actor=legal_unit, role="related", name="Bawaslu Kota Bandung")
    assert str(party).startswith("Bawaslu")
    with pytest.raises(PermissionDenied):
        dispute_add_party(dispute=dispute_at_ki, actor=ppid_officer, role="related", name="x")
