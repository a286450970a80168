"""The e-mails of a request, each put in the outbox after the transition that causes it commits.

The services call these with `transaction.on_commit`; they take ids and read the committed rows.
Requesters without an e-mail address get no mail (the desk reaches them by telephone); staff
warnings with no address at all are stored as failed so that someone notices (ppid.notifications).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _

from ppid.notifications.models import OutboxMessage
from ppid.notifications.services import Attachment, outbox_enqueue, render_text
from ppid.requests.models import InformationRequest, WrittenNotice
from ppid.requests.pdf import LETTER_LANGUAGE, receipt_pdf, store_notice_pdf

PDF = "application/pdf"


def _absolute(name: str, fallback: str, **kwargs: Any) -> str:
    try:
        path = reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:  # the page is not mounted (yet): the plain path still guides a reader
        path = fallback
    return settings.PUBLIC_BASE_URL.rstrip("/") + path


def _context(request: InformationRequest, **extra: Any) -> dict[str, Any]:
    with translation.override(LETTER_LANGUAGE):
        due_on = request.due_on
        return {
            "request": request,
            "office": request.office,
            "requester_name": request.requester.name,
            "due_on": formats.date_format(due_on, "j F Y") if due_on else "",
            "track_url": _absolute("requests_public:track", "/lacak/"),
            "staff_url": _absolute("requests_staff:detail", f"/staf/permohonan/{request.pk}/", pk=request.pk),
            **extra,
        }


def _load(request_id: int) -> InformationRequest:
    return InformationRequest.objects.select_related("office", "requester", "rule_set").get(pk=request_id)


def _to_requester(
    request: InformationRequest,
    kind: str,
    subject: str,
    *,
    attachments: Iterable[Attachment] = (),
    **extra: Any,
) -> OutboxMessage | None:
    if not request.requester.email:
        return None
    with translation.override(LETTER_LANGUAGE):
        subject_text = subject % {"number": request.registration_number}
    return outbox_enqueue(
        to=[request.requester.email],
        subject=subject_text,
        body=render_text(f"requests/email/{kind}.txt", _context(request, **extra)),
        attachments=list(attachments),
        obj=request,
        office=request.office,
        dedupe_key=f"request:{request.pk}:{kind}",
    )


def mail_receipt(request_id: int) -> OutboxMessage | None:
    """Pasal 22 ayat (4) UU 14/2008: the registration number and receipt, at once."""
    request = _load(request_id)
    receipt = Attachment(
        name=f"tanda-bukti-{request.registration_number.replace('/', '-')}.pdf",
        mimetype=PDF,
        content=receipt_pdf(request),
    )
    return _to_requester(request, "receipt", _("Receipt of your request %(number)s"), attachments=[receipt])


def mail_incomplete(request_id: int) -> OutboxMessage | None:
    request = _load(request_id)
    with translation.override(LETTER_LANGUAGE):
        until = formats.date_format(request.completion_due_on, "j F Y") if request.completion_due_on else ""
    return _to_requester(request, "incomplete", _("Your request %(number)s is incomplete"), complete_by=until)


def mail_completed(request_id: int) -> OutboxMessage | None:
    request = _load(request_id)
    return _to_requester(request, "completed", _("Your request %(number)s is complete and being processed"))


def mail_extended(request_id: int) -> OutboxMessage | None:
    """Pasal 22 ayat (8) UU 14/2008: the requester is told of the extension and its reason."""
    request = _load(request_id)
    return _to_requester(request, "extended", _("The answer to your request %(number)s is extended"))


def mail_decided(notice_id: int) -> OutboxMessage | None:
    """The written notice goes to the requester as a PDF, also kept on the notice (Pasal 22 ayat (7))."""
    notice = WrittenNotice.objects.select_related("request__office", "request__requester").get(pk=notice_id)
    if not notice.pdf:
        store_notice_pdf(notice)
    stored = notice.pdf.name or ""
    pdf = Attachment(name=stored.rsplit("/", 1)[-1], mimetype=PDF, path=stored)
    request = _load(notice.request_id)
    return _to_requester(
        request,
        "decided",
        _("Written notice on your request %(number)s"),
        attachments=[pdf],
        outcome=notice.get_outcome_display(),
    )


def mail_delivered(request_id: int) -> OutboxMessage | None:
    request = _load(request_id)
    return _to_requester(request, "delivered", _("The information you requested (%(number)s) has been delivered"))


def mail_lapsed(request_id: int) -> OutboxMessage | None:
    request = _load(request_id)
    return _to_requester(request, "lapsed", _("Your request %(number)s was not completed in time"))


def mail_reminder(*, request: InformationRequest, kind: str, recipients: Iterable[str]) -> OutboxMessage:
    """A deadline warning to the staff responsible; one per request, kind and deadline (the dedupe key)."""
    due_on = request.due_on
    assert due_on is not None  # only requests with a running clock are warned
    with translation.override(LETTER_LANGUAGE):
        if kind == "overdue":
            subject = _("Deadline missed: request %(number)s was due on %(day)s")
        else:
            subject = _("Deadline near: request %(number)s is due on %(day)s")
        subject = subject % {"number": request.registration_number, "day": formats.date_format(due_on, "j F Y")}
    return outbox_enqueue(
        to=recipients,
        subject=subject,
        body=render_text("requests/email/reminder.txt", _context(request, kind=kind)),
        obj=request,
        office=request.office,
        dedupe_key=f"reminder:{request.pk}:{kind}:{due_on.isoformat()}",
    )
