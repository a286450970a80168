"""After the Atasan PPID answers: the letter PDF is stored and the requester is told."""

from __future__ import annotations


def answer_issued(objection_id: int) -> None:
    """Render and store the answer letter, then mail it to the requester (ppid.objections.pdf, .mail)."""
    from ppid.objections.mail import mail_answered
    from ppid.objections.models import Objection
    from ppid.objections.pdf import store_answer_letter

    objection = Objection.objects.select_related("office", "rule_set", "request__requester").get(pk=objection_id)
    store_answer_letter(objection)
    mail_answered(objection_id)
