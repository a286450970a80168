"""The e-mails of an objection, put in the outbox once the step that causes them has committed.

Like ppid.requests.mail: they take ids and read the committed rows; a requester without an e-mail
address gets no mail (the desk reaches them by telephone or letter).
"""

from __future__ import annotations

from typing import Any

from django.utils import formats, translation
from django.utils.translation import gettext as _

from ppid.notifications.models import OutboxMessage
from ppid.notifications.services import Attachment, outbox_enqueue, render_text
from ppid.objections.models import Objection
from ppid.objections.pdf import receipt_pdf, store_answer_letter
from ppid.requests.mail import PDF, _absolute
from ppid.requests.pdf import LETTER_LANGUAGE


def _load(objection_id: int) -> Objection:
    return Objection.objects.select_related("office", "rule_set", "request__requester", "request__office").get(
        pk=objection_id
    )


def _day(day: Any) -> str:
    return formats.date_format(day, "j F Y") if day else ""


def _to_requester(
    objection: Objection, kind: str, subject: str, attachment: Attachment, **extra: Any
) -> OutboxMessage | None:
    requester = objection.request.requester
    if not requester.email:
        return None
    with translation.override(LETTER_LANGUAGE):
        context = {
            "objection": objection,
            "request": objection.request,
            "office": objection.office,
            "requester_name": requester.name,
            "answer_due_on": _day(objection.answer_due_on),
            "order_due_on": _day(objection.order_due_on),
            "track_url": _absolute("requests_public:track", "/lacak/"),
            **extra,
        }
        subject_text = subject % {"number": objection.objection_number}
        body = render_text(f"objections/email/{kind}.txt", context)
    return outbox_enqueue(
        to=[requester.email],
        subject=subject_text,
        body=body,
        attachments=[attachment],
        obj=objection,
        office=objection.office,
        dedupe_key=f"objection:{objection.pk}:{kind}",
    )


def _slug(objection: Objection) -> str:
    return objection.objection_number.replace("/", "-")


def mail_objection_received(objection_id: int) -> OutboxMessage | None:
    """The objection number and receipt, at once (Pasal 36 ayat (1) UU 14/2008; Perki 1/2021)."""
    objection = _load(objection_id)
    receipt = Attachment(
        name=f"tanda-terima-keberatan-{_slug(objection)}.pdf", mimetype=PDF, content=receipt_pdf(objection)
    )
    with translation.override(LETTER_LANGUAGE):
        subject = _("Receipt of your objection %(number)s")
    return _to_requester(objection, "received", subject, receipt)


def mail_answered(objection_id: int) -> OutboxMessage | None:
    """The Atasan PPID's written answer goes to the requester as a PDF (Pasal 36 ayat (2) UU 14/2008)."""
    objection = _load(objection_id)
    if not objection.letter_pdf:
        store_answer_letter(objection)
    stored = objection.letter_pdf.name or ""
    letter = Attachment(name=stored.rsplit("/", 1)[-1], mimetype=PDF, path=stored)
    with translation.override(LETTER_LANGUAGE):
        subject = _("Answer to your objection %(number)s")
        outcome = str(objection.get_outcome_display())
    return _to_requester(objection, "answered", subject, letter, outcome=outcome)
