"""The objection's receipt and the Atasan PPID's answer letter as PDF, and the mails that carry them."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import formats, translation
from django.utils.translation import gettext as _

from ppid.accounts.models import User
from ppid.notifications.models import OutboxMessage
from ppid.objections.mail import mail_answered, mail_objection_received
from ppid.objections.models import Objection
from ppid.objections.pdf import answer_letter_pdf, receipt_pdf, store_answer_letter
from ppid.objections.services import ObjectionData, objection_decide, objection_file
from ppid.objections.workflow import Status
from ppid.offices.models import Office
from ppid.requests.models import Channel, InformationRequest, Requester
from ppid.workdays.models import DeadlineStep
from ppid.workdays.selectors import rule_spec
from tests.requests.test_pdf import pdf_text, squash

pytestmark = pytest.mark.django_db


def in_indonesian(msgid: str) -> str:
    """Letters are in Indonesian; until the catalogue has a msgid it reads as the English msgid."""
    with translation.override("id"):
        return _(msgid)


def long_date(day: datetime.date) -> str:
    with translation.override("id"):
        return squash(formats.date_format(day, "j F Y"))


@pytest.fixture(autouse=True)
def _letterhead(office: Office) -> None:
    office.address = "Jl. Cipamokolan No. 63\nBandung 40292"
    office.email = "ppid@kpu-bandungkota.go.id"
    office.save()


@pytest.fixture
def filed(refused_request: InformationRequest, desk: User) -> Objection:
    """A letter through a proxy, registered at the desk."""
    data = ObjectionData(grounds=["a"], reasons="Informasi ini seharusnya terbuka.", proxy_name="LBH Bandung")
    return objection_file(request=refused_request, data=data, actor=desk, channel=Channel.LETTER)


def granted(objection: Objection, atasan: User) -> Objection:
    due = datetime.date.today() + datetime.timedelta(days=14)
    return objection_decide(
        objection=objection,
        actor=atasan,
        grant=True,
        reasons="Informasi tidak termasuk Pasal 17.",
        order_text="Salinan DPT Kecamatan Sumur Bandung tanpa NIK",
        order_due_on=due,
    )


def test_the_receipt_has_the_number_the_request_the_grounds_and_the_letterhead(filed: Objection) -> None:
    text = pdf_text(receipt_pdf(filed, compress=False))

    assert squash(filed.objection_number) in text
    assert squash(filed.request.registration_number) in text
    assert squash(in_indonesian("a. refusal on the grounds of Pasal 17 (exempt information)")) in text
    assert squash("Informasi ini seharusnya terbuka.") in text
    assert squash("LBH Bandung") in text  # filed through a proxy
    assert "KPUKOTABANDUNG" in text.upper()
    assert squash("Jl. Cipamokolan No. 63") in text


def test_the_receipt_gives_the_answer_deadline_with_its_rule_and_the_filing_window(filed: Objection) -> None:
    text = pdf_text(receipt_pdf(filed, compress=False))

    assert long_date(filed.answer_due_on) in text
    assert "Pasal36ayat(2)UU14/2008" in text  # the answer's rule
    assert long_date(filed.filing_due_on) in text
    assert "Pasal36ayat(1)UU14/2008" in text  # the filing window's rule
    assert squash(in_indonesian("Filed within the window.")) in text
    assert "WIB" in text  # the moment of receipt in the office's time zone


def test_the_receipt_never_shows_the_nik_address_or_telephone(filed: Objection) -> None:
    text = pdf_text(receipt_pdf(filed, compress=False))
    requester = filed.request.requester

    assert requester.nik not in text
    assert squash(requester.address) not in text
    assert squash(requester.phone) not in text


def test_an_upheld_answer_gives_the_reasons_and_the_way_to_the_commission(filed: Objection, atasan: User) -> None:
    answered = objection_decide(objection=filed, actor=atasan, grant=False, reasons="Uji konsekuensi 2026 sah.")
    text = pdf_text(answer_letter_pdf(answered, compress=False))

    assert squash(answered.objection_number) in text
    assert squash(answered.request.registration_number) in text
    assert squash(in_indonesian("The Atasan PPID upholds the decision of the PPID.")) in text
    assert squash(in_indonesian("Reasons (Pasal 36 ayat (3) UU 14/2008)")) in text
    assert squash("Uji konsekuensi 2026 sah.") in text
    dispute = rule_spec(answered.rule_set, DeadlineStep.DISPUTE_FILING)
    assert dispute.working_days == 14
    assert squash(dispute.citation) in text and "Pasal37ayat(2)" in text
    assert squash(answered.signer_name) in text
    assert squash(answered.signer_position) in text


def test_a_granted_answer_gives_the_order_and_its_date(filed: Objection, atasan: User) -> None:
    answered = granted(filed, atasan)
    text = pdf_text(answer_letter_pdf(answered, compress=False))

    assert (
        squash(in_indonesian("The Atasan PPID grants the objection and orders the PPID to provide the following:"))
        in text
    )
    assert squash("Salinan DPT Kecamatan Sumur Bandung tanpa NIK") in text
    assert answered.order_due_on is not None
    assert long_date(answered.order_due_on) in text
    assert squash(in_indonesian("The Atasan PPID upholds the decision of the PPID.")) not in text


def test_store_answer_letter_keeps_the_file_and_changes_nothing_else(filed: Objection, atasan: User) -> None:
    answered = objection_decide(objection=filed, actor=atasan, grant=False, reasons="Sah.")

    content = store_answer_letter(answered)

    stored = Objection.objects.get(pk=answered.pk)
    assert stored.letter_pdf.name.endswith(".pdf")
    with stored.letter_pdf.open("rb") as letter:
        assert letter.read() == content
    assert stored.status == Status.ANSWERED
    assert content.startswith(b"%PDF-") and b"/FlateDecode" in content


def test_the_answer_is_stored_and_mailed_once_the_decision_commits(
    filed: Objection, atasan: User, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        objection_decide(objection=filed, actor=atasan, grant=False, reasons="Sah.")

    stored = Objection.objects.get(pk=filed.pk)
    assert stored.letter_pdf.name
    mail = OutboxMessage.objects.get(dedupe_key=f"objection:{filed.pk}:answered")
    assert mail.to == [filed.request.requester.email]
    assert [a["name"] for a in mail.attachments] == [stored.letter_pdf.name.rsplit("/", 1)[-1]]
    assert filed.objection_number in mail.body


def test_the_receipt_mail_carries_the_pdf_and_is_sent_once(filed: Objection) -> None:
    first = mail_objection_received(filed.pk)
    again = mail_objection_received(filed.pk)

    assert first is not None and again is not None and first.pk == again.pk
    assert first.to == ["siti@example.org"]
    assert filed.objection_number in first.subject
    assert filed.objection_number in first.body and filed.request.registration_number in first.body
    assert len(first.attachments) == 1 and first.attachments[0]["name"].endswith(".pdf")


def test_a_requester_without_e_mail_gets_no_mail(filed: Objection, atasan: User) -> None:
    Requester.objects.filter(pk=filed.request.requester_id).update(email="")
    objection_decide(objection=filed, actor=atasan, grant=False, reasons="Sah.")

    assert mail_objection_received(filed.pk) is None
    assert mail_answered(filed.pk) is None
    assert not OutboxMessage.objects.exists()
