"""The consequence test through the services (UU 14/2008 Pasal 19-20; PKPU 22/2023 Pasal 24-26;
seed b.2, b.3, d.4, d.6): who asks and where it is run, who may take each step, what the decision
creates, and the review of exemptions that end."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from ppid.accounts.models import User
from ppid.accounts.roles import Role
from ppid.catalogue.models import InformationItem
from ppid.exemptions.models import ConsequenceTest, Exemption
from ppid.exemptions.selectors import applicable_exemptions
from ppid.exemptions.services import (
    ConsequenceStateError,
    Opinion,
    StartData,
    Steps,
    consequence_test_add_opinion,
    consequence_test_classify,
    consequence_test_dismiss,
    consequence_test_forward,
    consequence_test_hand_over,
    consequence_test_record_decision,
    consequence_test_record_steps,
    consequence_test_screen,
    consequence_test_start,
    exemption_review_due,
)
from ppid.exemptions.workflow import ConsequenceStatus, ExemptionStatus
from ppid.offices.models import Office, WorkUnit
from ppid.requests.services import request_decide
from ppid.requests.services.handling import NoticeData
from tests.catalogue.conftest import FULL_STEPS
from tests.requests.conftest import build_intake


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


def test_a_kabkota_asks_through_its_provinsi_and_kpu_ri_tests(
    office: Office, staff: Callable[..., User], ppid_officer: User, ppid_ri: User
) -> None:
    jabar, jateng = Office.objects.get(code="32"), Office.objects.get(code="33")
    test = consequence_test_start(
        origin=office, actor=ppid_officer, data=StartData(information="Berita acara pleno", trigger="on_request")
    )
    assert (test.status, test.office.code, test.origin_office.code) == (ConsequenceStatus.AT_PROVINCE, "00", "32.73")
    with pytest.raises(PermissionDenied):  # not its own request's forwarder
        consequence_test_forward(test=test, actor=ppid_officer)
    with pytest.raises(PermissionDenied):  # another province
        consequence_test_forward(test=test, actor=staff(Role.PPID, jateng))
    with pytest.raises(ConsequenceStateError):  # KPU RI screens only once it arrives
        consequence_test_screen(test=test, actor=ppid_ri, note="x")
    forwarded = consequence_test_forward(test=test, actor=staff(Role.PPID, jabar))
    assert (forwarded.status, forwarded.forwarded_by) == (ConsequenceStatus.SCREENING, jabar)


def test_a_provinsi_asks_kpu_ri_directly(staff: Callable[..., User]) -> None:
    jabar = Office.objects.get(code="32")
    test = consequence_test_start(
        origin=jabar, actor=staff(Role.PPID, jabar), data=StartData(information="Data pemilih disabilitas")
    )
    assert test.status == ConsequenceStatus.SCREENING


def test_a_liaison_teams_first_assessment_starts_one(liaison: User, office: Office, desk_like: User) -> None:
    with pytest.raises(PermissionDenied):  # the first assessment is its reason
        consequence_test_start(origin=office, actor=liaison, data=StartData(information="Salinan KTP"))
    test = consequence_test_start(
        origin=office, actor=liaison, data=StartData(information="Salinan KTP", first_assessment="Memuat NIK pemilih.")
    )
    assert test.first_assessment == "Memuat NIK pemilih."
    with pytest.raises(PermissionDenied):
        consequence_test_start(origin=office, actor=desk_like, data=StartData(information="x", first_assessment="y"))


@pytest.fixture
def desk_like(staff: Callable[..., User], office: Office) -> User:
    return staff(Role.DESK, office)


@pytest.fixture
def at_ri(national: Office, ppid_ri: User) -> ConsequenceTest:
    test = consequence_test_start(
        origin=national, actor=ppid_ri, data=StartData(information="Salinan KTP pendukung calon")
    )
    return consequence_test_screen(test=test, actor=ppid_ri, note="Memuat data pribadi.")


def test_each_step_belongs_to_its_role(
    at_ri: ConsequenceTest, ppid_ri: User, advisory_ri: User, atasan_ri: User, pembina_ri: User, ppid_officer: User
) -> None:
    for actor in (advisory_ri, atasan_ri, ppid_officer):  # d.6: the PPID of KPU RI writes the test
        with pytest.raises(PermissionDenied):
            consequence_test_record_steps(test=at_ri, actor=actor, steps=FULL_STEPS)
    with pytest.raises(ValidationError) as incomplete:  # b.2 needs every step of Pasal 25(3)
        consequence_test_classify(test=at_ri, actor=advisory_ri, note="x")
    assert {"material_scope", "potential_harm", "public_interest", "balancing", "conclusion"} <= set(
        incomplete.value.message_dict
    )
    consequence_test_record_steps(test=at_ri, actor=ppid_ri, steps=FULL_STEPS)
    consequence_test_add_opinion(
        test=at_ri, actor=pembina_ri, data=Opinion(kind="patron", opinion="Setuju dikecualikan.", agrees=True)
    )
    consequence_test_add_opinion(
        test=at_ri, actor=advisory_ri, data=Opinion(kind="advisory", opinion="Setuju.", agrees=True)
    )
    expert = consequence_test_add_opinion(
        test=at_ri, actor=ppid_ri, data=Opinion(kind="expert", opinion="Sesuai UU PDP.", name="Dr. Rina (ahli PDP)")
    )
    assert expert.name == "Dr. Rina (ahli PDP)" and expert.recorded_by == ppid_ri
    with pytest.raises(PermissionDenied):  # the Atasan is not a participant of the test
        consequence_test_add_opinion(test=at_ri, actor=atasan_ri, data=Opinion(kind="advisory", opinion="x"))
    for actor in (ppid_ri, atasan_ri):  # b.2: the advisory team classifies
        with pytest.raises(PermissionDenied):
            consequence_test_classify(test=at_ri, actor=actor, note="x")
    consequence_test_classify(test=at_ri, actor=advisory_ri, note="Dikecualikan.")
    with pytest.raises(PermissionDenied):  # b.3: the advisory team hands over
        consequence_test_hand_over(test=at_ri, actor=ppid_ri)
    consequence_test_hand_over(test=at_ri, actor=advisory_ri)
    with pytest.raises(PermissionDenied):  # the Atasan records the Keputusan KPU
        consequence_test_record_decision(
            test=at_ri, actor=advisory_ri, decision_number="1", decision_date=timezone.localdate()
        )
    decided = consequence_test_record_decision(
        test=at_ri, actor=atasan_ri, decision_number="77/PP.01-Kpt/01/KPU/2026", decision_date=timezone.localdate()
    )
    assert decided.status == ConsequenceStatus.DECIDED
    exemption = Exemption.objects.get(test=decided)
    assert (exemption.national, exemption.pasal17_letter, exemption.status) == (True, "h", ExemptionStatus.ACTIVE)


def test_pasal_17_a_to_f_need_an_end_date(at_ri: ConsequenceTest, ppid_ri: User, advisory_ri: User) -> None:
    steps = Steps(**{**FULL_STEPS.__dict__, "pasal17_letter": "c", "pasal17_point": "1"})
    consequence_test_record_steps(test=at_ri, actor=ppid_ri, steps=steps)
    with pytest.raises(ValidationError) as error:
        consequence_test_classify(test=at_ri, actor=advisory_ri, note="x")
    assert "duration_until" in error.value.message_dict


def test_an_open_conclusion_creates_no_exemption(
    decided_exemption_test: Callable[..., ConsequenceTest],
) -> None:
    test = decided_exemption_test(conclusion="terbuka", basis_kind="", pasal17_letter="", pasal17_point="")
    assert test.status == ConsequenceStatus.DECIDED and not Exemption.objects.exists()


def test_dismissal_needs_reasons_and_ends_it(at_ri: ConsequenceTest, ppid_ri: User) -> None:
    test = consequence_test_start(origin=at_ri.office, actor=ppid_ri, data=StartData(information="Jadwal tahapan"))
    with pytest.raises(ValidationError):
        consequence_test_dismiss(test=test, actor=ppid_ri, note="")
    dismissed = consequence_test_dismiss(test=test, actor=ppid_ri, note="Informasi berkala, terbuka.")
    assert dismissed.status == ConsequenceStatus.DISMISSED
    with pytest.raises(ConsequenceStateError):
        consequence_test_screen(test=dismissed, actor=ppid_ri, note="x")


def test_the_decision_closes_the_dip_item_and_a_refusal_relies_on_it(
    publish: Callable[..., InformationItem],
    decided_exemption_test: Callable[..., ConsequenceTest],
    office: Office,
    ppid_officer: User,
) -> None:
    from ppid.requests.services import request_submit

    item = publish()
    test = decided_exemption_test(item=item)
    exemption = Exemption.objects.get(test=test)
    item.refresh_from_db()
    assert item.category == "dikecualikan" and item.exemption == exemption
    # KPU RI's decision applies at KPU Kota Bandung too.
    assert list(applicable_exemptions(office, timezone.localdate())) == [exemption]
    request = request_submit(office=office, data=build_intake(), channel="online")
    notice = request_decide(
        request=request,
        actor=ppid_officer,
        data=NoticeData(
            outcome="refused", delivery_method="email", reasoning="Data pribadi.", exemption_id=exemption.pk
        ),
    )
    assert (notice.exemption, notice.exemption_ground) == (exemption, "h")


def test_a_refusal_cannot_rely_on_an_exemption_that_ended(
    decided_exemption_test: Callable[..., ConsequenceTest], office: Office, ppid_officer: User
) -> None:
    from ppid.requests.services import request_submit

    test = decided_exemption_test()
    exemption = Exemption.objects.get(test=test)
    Exemption.objects.filter(pk=exemption.pk).update(status=ExemptionStatus.EXPIRED)
    request = request_submit(office=office, data=build_intake(), channel="online")
    with pytest.raises(ValidationError) as error:
        request_decide(
            request=request,
            actor=ppid_officer,
            data=NoticeData(outcome="refused", delivery_method="email", reasoning="x", exemption_id=exemption.pk),
        )
    assert "exemption" in error.value.message_dict


def test_exemptions_are_flagged_before_they_end_and_expire_after(
    decided_exemption_test: Callable[..., ConsequenceTest],
) -> None:
    end = timezone.localdate() + datetime.timedelta(days=400)
    test = decided_exemption_test(pasal17_letter="c", pasal17_point="1", duration_until=end)
    exemption = Exemption.objects.get(test=test)

    assert exemption_review_due(today=end - datetime.timedelta(days=61), notice_days=60) == ([], [])
    flagged, expired = exemption_review_due(today=end - datetime.timedelta(days=60), notice_days=60)
    assert [e.pk for e in flagged] == [exemption.pk] and expired == []
    assert exemption_review_due(today=end - datetime.timedelta(days=59), notice_days=60) == ([], [])  # once
    flagged, expired = exemption_review_due(today=end + datetime.timedelta(days=1), notice_days=60)
    assert [e.pk for e in expired] == [exemption.pk]
    exemption.refresh_from_db()
    assert exemption.status == ExemptionStatus.EXPIRED
    assert not applicable_exemptions(exemption.office, end + datetime.timedelta(days=1)).exists()


def test_the_unit_holding_the_information_gives_its_opinion_from_its_own_office(
    office: Office, ppid_officer: User, ppid_ri: User, liaison: User, unit: WorkUnit, staff: Callable[..., User]
) -> None:
    jabar = Office.objects.get(code="32")
    test = consequence_test_start(origin=office, actor=ppid_officer, data=StartData(information="Formulir C hasil"))
    consequence_test_forward(test=test, actor=staff(Role.PPID, jabar))
    consequence_test_screen(test=test, actor=ppid_ri, note="Perlu diuji.")
    opinion = consequence_test_add_opinion(
        test=test, actor=liaison, data=Opinion(kind="unit", opinion="Dokumen memuat tanda tangan saksi.")
    )
    assert opinion.user == liaison
    assert unit.office == office


def test_participants_opine_only_in_a_role_they_hold(
    at_ri: ConsequenceTest, pembina_ri: User, advisory_ri: User, liaison: User
) -> None:
    with pytest.raises(PermissionDenied):  # the Pembina signs as patron, not as the advisory team
        consequence_test_add_opinion(test=at_ri, actor=pembina_ri, data=Opinion(kind="advisory", opinion="x"))
    with pytest.raises(PermissionDenied):  # a unit of another office takes no part
        consequence_test_add_opinion(test=at_ri, actor=liaison, data=Opinion(kind="unit", opinion="x"))
    opinion = consequence_test_add_opinion(
        test=at_ri, actor=advisory_ri, data=Opinion(kind="advisory", opinion="Setuju.")
    )
    assert opinion.kind == "advisory"


def test_an_item_of_another_office_cannot_be_tested_for_this_one(
    publish: Callable[..., InformationItem], staff: Callable[..., User]
) -> None:
    jateng = Office.objects.get(code="33")  # Bandung's item is Jawa Barat's business, not Jawa Tengah's
    with pytest.raises(ValidationError) as error:
        consequence_test_start(
            origin=jateng, actor=staff(Role.PPID, jateng), data=StartData(information="x", item=publish())
        )
    assert "item" in error.value.message_dict


def test_a_review_replaces_the_exemption_and_a_terbuka_review_opens_the_item(
    publish: Callable[..., InformationItem],
    decided_exemption_test: Callable[..., ConsequenceTest],
    national: Office,
    ppid_ri: User,
    advisory_ri: User,
    atasan_ri: User,
) -> None:
    item = publish(category="setiap_saat", on_demand_type="b")
    first = Exemption.objects.get(test=decided_exemption_test(item=item))
    review = consequence_test_start(
        origin=national, actor=ppid_ri, data=StartData(information="Tinjauan ulang", item=item, reviews=first)
    )
    consequence_test_screen(test=review, actor=ppid_ri, note="Jangka waktu berakhir.")
    open_steps = Steps(**{**FULL_STEPS.__dict__, "conclusion": "terbuka", "basis_kind": "", "pasal17_letter": ""})
    consequence_test_record_steps(test=review, actor=ppid_ri, steps=open_steps)
    consequence_test_classify(test=review, actor=advisory_ri, note="Terbuka.")
    consequence_test_hand_over(test=review, actor=advisory_ri)
    decided = consequence_test_record_decision(
        test=review, actor=atasan_ri, decision_number="200/PP.01-Kpt/01/KPU/2026", decision_date=timezone.localdate()
    )

    first.refresh_from_db()
    item.refresh_from_db()
    assert decided.decision_number == "200/PP.01-Kpt/01/KPU/2026"  # kept on the test, though no exemption follows
    assert first.status == ExemptionStatus.REVOKED
    assert (item.category, item.on_demand_type, item.exemption) == ("setiap_saat", "b", None)
