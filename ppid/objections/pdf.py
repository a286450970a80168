"""Objection letters as PDF on the office's letterhead: the receipt (tanda terima keberatan, Pasal 36
ayat (1) UU 14/2008 with Perki 1/2021) and the Atasan PPID's written answer (Pasal 36 ayat (2)-(3))."""

from __future__ import annotations

from xml.sax.saxutils import escape

from django.core.files.base import ContentFile
from django.utils import translation
from django.utils.translation import gettext as _
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from ppid.objections.models import Objection
from ppid.objections.workflow import Ground, Outcome
from ppid.requests.pdf import (
    CONTENT_WIDTH,
    LETTER_LANGUAGE,
    STYLES,
    _build,
    _date,
    _letterhead,
    _local,
    _p,
    _requester_line,
    _rows,
)
from ppid.workdays.models import DeadlineStep
from ppid.workdays.selectors import NoRuleSet, rule_spec


def _grounds_text(objection: Objection) -> str:
    return "\n".join(str(Ground(letter).label) for letter in objection.grounds)


def _filed_by(objection: Objection) -> str:
    line = _requester_line(objection.request)
    if objection.proxy_name:
        return _("%(name)s, through the proxy %(proxy)s") % {"name": line, "proxy": objection.proxy_name}
    return line


def _rule_line(objection: Objection, step: str, day: str) -> str:
    """The date with the rule that gives it, or the date alone when the rule set lacks the step."""
    try:
        spec = rule_spec(objection.rule_set, step)
    except NoRuleSet:
        return day
    return _("%(date)s, at the latest: %(days)s working days (%(citation)s)") % {
        "date": day,
        "days": spec.working_days,
        "citation": spec.citation,
    }


def _window_line(objection: Objection) -> str:
    line = _rule_line(objection, DeadlineStep.OBJECTION_FILING, _date(objection.filing_due_on))
    if objection.is_late:
        return line + "\n" + _("Filed after the window: the Atasan PPID decides whether to admit it.")
    return line + "\n" + _("Filed within the window.")


def receipt_pdf(objection: Objection, *, compress: bool = True) -> bytes:
    """The receipt (tanda terima) the PPID gives for an objection, with its number and answer deadline."""
    request = objection.request
    office = objection.office
    with translation.override(LETTER_LANGUAGE):
        rows = [
            (_("Objection number"), objection.objection_number),
            (_("Received on"), _local(office, objection.received_at)),
            (_("Received through"), str(objection.get_channel_display())),
            (_("Filed by"), _filed_by(objection)),
            (_("Request number"), request.registration_number),
            (_("Information requested"), request.information_requested),
            (_("Grounds (Pasal 35 ayat (1) UU 14/2008)"), _grounds_text(objection)),
            (_("Reasons for the objection"), objection.reasons),
            (_("Filing window ends"), _window_line(objection)),
            (
                _("Answer of the Atasan PPID due"),
                _rule_line(objection, DeadlineStep.OBJECTION_ANSWER, _date(objection.answer_due_on)),
            ),
        ]
        title = _("Receipt of an objection")
        flowables: list[Flowable] = [
            *_letterhead(office),
            _p(title.upper(), "title"),
            _p(_("Pasal 35-36 UU 14/2008"), "subtitle"),
            Spacer(1, 6 * mm),
            _rows(rows),
            Spacer(1, 6 * mm),
            _p(
                _(
                    "The objection is entered in the objection register and passed to the Atasan PPID, who "
                    "answers it in writing. Keep the objection number; follow it on the tracking page of "
                    "request %(number)s."
                )
                % {"number": request.registration_number}
            ),
            Spacer(1, 3 * mm),
            _p(
                _("Deadlines count working days of %(office)s, in its local time. Rule set: %(rule_set)s.")
                % {"office": office.name, "rule_set": objection.rule_set.name},
                "small",
            ),
        ]
        return _build(flowables, title=f"{title} {objection.objection_number}", compress=compress)


def _decision(objection: Objection) -> list[Flowable]:
    """What the Atasan PPID decided, in the words the law uses for it."""
    if objection.outcome == Outcome.GRANTED:
        due = _date(objection.order_due_on) if objection.order_due_on else ""
        return [
            _p(_("The Atasan PPID grants the objection and orders the PPID to provide the following:")),
            Spacer(1, 2 * mm),
            _rows(
                [
                    (_("To be provided"), objection.order_text),
                    (_("At the latest on"), due),
                    (_("Reasons"), objection.decision_reasons),
                ],
                label_width=45 * mm,
            ),
        ]
    if objection.outcome == Outcome.NOT_ADMITTED:
        return [
            _p(_("The objection was filed after the period of Pasal 36 ayat (1) UU 14/2008 and is not admitted.")),
            Spacer(1, 2 * mm),
            _rows([(_("Reasons"), objection.admission_reasons)], label_width=45 * mm),
        ]
    return [
        _p(_("The Atasan PPID upholds the decision of the PPID.")),
        Spacer(1, 2 * mm),
        _rows([(_("Reasons (Pasal 36 ayat (3) UU 14/2008)"), objection.decision_reasons)], label_width=45 * mm),
    ]


def _dispute_right(objection: Objection) -> str:
    """Pasal 37 ayat (2) UU 14/2008: the requester may go to the Komisi Informasi, within the rule set's period."""
    try:
        spec = rule_spec(objection.rule_set, DeadlineStep.DISPUTE_FILING)
    except NoRuleSet:
        return _(
            "If you are not satisfied with this answer, you may file a dispute with the Komisi Informasi "
            "(Pasal 37 ayat (2) UU 14/2008)."
        )
    return _(
        "If you are not satisfied with this answer, you may file a dispute with the Komisi Informasi within "
        "%(days)s working days of receiving it (%(citation)s)."
    ) % {"days": spec.working_days, "citation": spec.citation}


def _signature(objection: Objection) -> Flowable:
    """The Atasan PPID who answered signs the letter (Pasal 36 ayat (2): a written answer)."""
    indent = CONTENT_WIDTH - 75 * mm
    sign = ParagraphStyle("objection_sign", parent=STYLES["body"], leftIndent=indent)
    bold = ParagraphStyle("objection_sign_bold", parent=STYLES["label"], leftIndent=indent)
    moment = objection.decided_at or objection.admission_decided_at
    issued = _("Issued on %(date)s") % {"date": _local(objection.office, moment)} if moment else ""
    return KeepTogether(
        [
            Spacer(1, 8 * mm),
            Paragraph(escape(issued), sign),
            Paragraph(escape(objection.signer_position or _("Atasan PPID")), bold),
            Spacer(1, 16 * mm),
            Paragraph(f"<u>{escape(objection.signer_name)}</u>", bold),
        ]
    )


def answer_letter_pdf(objection: Objection, *, compress: bool = True) -> bytes:
    """The Atasan PPID's written answer to the requester: upheld with reasons (Pasal 36 ayat (3)) or
    granted with the order and its date, and the way on to the Komisi Informasi (Pasal 37 ayat (2))."""
    request = objection.request
    office = objection.office
    with translation.override(LETTER_LANGUAGE):
        title = _("Answer to an objection")
        flowables: list[Flowable] = [
            *_letterhead(office),
            _p(title.upper(), "title"),
            _p(_("Pasal 36 UU 14/2008"), "subtitle"),
            Spacer(1, 5 * mm),
            _rows(
                [
                    (_("To"), _filed_by(objection)),
                    (_("Objection number"), objection.objection_number),
                    (_("Objection received on"), _local(office, objection.received_at)),
                    (_("Request number"), request.registration_number),
                    (_("Information requested"), request.information_requested),
                    (_("Grounds (Pasal 35 ayat (1) UU 14/2008)"), _grounds_text(objection)),
                ],
                label_width=45 * mm,
            ),
            Spacer(1, 4 * mm),
            _p(_("Having considered your objection, the Atasan PPID answers as follows:")),
            Spacer(1, 2 * mm),
            *_decision(objection),
            Spacer(1, 4 * mm),
            _p(_dispute_right(objection)),
            _signature(objection),
        ]
        return _build(flowables, title=f"{title} {objection.objection_number}", compress=compress)


def store_answer_letter(objection: Objection) -> bytes:
    """Render the answer and keep it in `objection.letter_pdf` (the file only: no status is written)."""
    content = answer_letter_pdf(objection)
    name = "jawaban-keberatan-" + objection.objection_number.replace("/", "-") + ".pdf"
    objection.letter_pdf.save(name, ContentFile(content), save=False)
    Objection.objects.filter(pk=objection.pk).update(letter_pdf=objection.letter_pdf.name)
    return content
