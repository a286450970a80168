"""The e-mails a request's transitions put in the outbox once they commit (ppid.requests.mail)."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core import mail

from ppid.accounts.models import User
from ppid.notifications.models import OutboxMessage, OutboxStatus
from ppid.requests.models import DeliveryMethod, InformationRequest
from ppid.requests.services import (
    request_complete,
    request_decide,
    request_deliver,
    request_extend,
    request_mark_incomplete,
)
from tests.requests.conftest import build_intake, granted_in_full
from tests.workdays.conftest import frozen_now

WIB = ZoneInfo("Asia/Jakarta")
NOW = datetime.datetime(2026, 2, 4, 10, 0, tzinfo=WIB)

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks: Any) -> Callable[[datetime.datetime], Any]:
    """`with committed(moment):` — run at a frozen moment and let the on-commit mail go out."""

    @contextmanager
    def run(moment: datetime.datetime) -> Iterator[None]:
        with frozen_now(moment), django_capture_on_commit_callbacks(execute=True):
            yield

    return run


def messages_for(request: InformationRequest) -> list[OutboxMessage]:
    return list(OutboxMessage.objects.filter(object_id=str(request.pk)).order_by("pk"))


def test_an_online_request_sends_the_receipt_with_its_pdf(
    submit: Callable[..., InformationRequest], committed: Any
) -> None:
    with committed(NOW):
        request = submit()

    [message] = messages_for(request)
    assert message.status == OutboxStatus.SENT
    assert message.to == ["siti@example.org"]
    assert message.office == request.office
    assert request.registration_number in message.subject
    assert request.registration_number in message.body
    [sent] = mail.outbox
    name, content, mimetype = sent.attachments[0]
    assert name.endswith(".pdf") and mimetype == "application/pdf"
    assert content.startswith(b"%PDF-")


def test_the_receipt_mail_never_carries_the_nik_or_address(
    submit: Callable[..., InformationRequest], committed: Any
) -> None:
    with committed(NOW):
        request = submit()

    [message] = messages_for(request)
    assert request.requester.nik not in message.body
    assert "Asia Afrika" not in message.body


def test_a_requester_without_e_mail_gets_no_mail(submit: Callable[..., InformationRequest], committed: Any) -> None:
    with committed(NOW):
        request = submit(data=build_intake(email=""))

    assert messages_for(request) == []


def test_a_resubmitted_form_sends_one_receipt(submit: Callable[..., InformationRequest], committed: Any) -> None:
    with committed(NOW):
        first = submit(submission_key="abc")
    with committed(NOW):
        second = submit(submission_key="abc")

    assert first.pk == second.pk
    assert len(messages_for(first)) == 1


def test_marking_incomplete_tells_what_is_missing_and_until_when(
    submit: Callable[..., InformationRequest], desk: User, committed: Any
) -> None:
    with frozen_now(NOW):
        request = submit()
    with committed(NOW):
        request_mark_incomplete(request=request, actor=desk, missing="Pindaian KTP yang terbaca")

    [message] = messages_for(request)
    assert "Pindaian KTP yang terbaca" in message.body
    assert "2026" in message.body  # the completion date


def test_completion_extension_decision_and_delivery_each_send_one_mail(
    submit: Callable[..., InformationRequest], desk: User, ppid_officer: User, committed: Any
) -> None:
    with frozen_now(NOW):
        request = submit()
        request = request_mark_incomplete(request=request, actor=desk, missing="KTP")
    later = NOW + datetime.timedelta(days=1)
    with committed(later):
        request = request_complete(request=request, actor=desk)
    with committed(later):
        request = request_extend(request=request, actor=ppid_officer, reason="Dokumen di arsip pusat")
    with committed(later):
        notice = request_decide(request=request, actor=ppid_officer, data=granted_in_full())
    with committed(later):
        request_deliver(request=request, actor=desk, method=DeliveryMethod.EMAIL)

    keys = [m.dedupe_key for m in messages_for(request)]
    assert keys == [f"request:{request.pk}:{kind}" for kind in ("completed", "extended", "decided", "delivered")]
    extended = messages_for(request)[1]
    assert "Dokumen di arsip pusat" in extended.body
    notice.refresh_from_db()
    assert notice.pdf.name.endswith(".pdf")
    [decided] = [m for m in mail.outbox if m.subject == messages_for(request)[2].subject]
    name, content, _mimetype = decided.attachments[0]
    assert name == notice.pdf.name.rsplit("/", 1)[-1]
    with notice.pdf.open("rb") as stored:
        assert content == stored.read()
