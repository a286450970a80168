"""Receiving a request online or at the desk, and giving it its registration number at once."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ppid.accounts.permissions import can
from ppid.offices.models import Office
from ppid.requests import mail
from ppid.requests.models import (
    AttachmentKind,
    Channel,
    InformationRequest,
    RegistrationCounter,
    RequestAttachment,
    Requester,
    RequesterKind,
)
from ppid.requests.services.common import REQUEST_SUBMITTED, due_after, record
from ppid.requests.validation import CheckedUpload, validate_nik
from ppid.workdays.models import DeadlineStep
from ppid.workdays.selectors import rule_set_for

# How far back the desk may date a request it received earlier (a letter opened late, a phone
# call written up the next morning). Anything older needs the PPID's correction, not intake.
MAX_BACKDATE = datetime.timedelta(days=7)


@dataclass
class NewAttachment:
    kind: AttachmentKind
    upload: CheckedUpload


@dataclass
class IntakeData:
    """What RULES.md §4 says a request records."""

    kind: RequesterKind
    name: str
    address: str
    information_requested: str
    purpose: str
    obtain_method: str
    delivery_method: str
    email: str = ""
    phone: str = ""
    nik: str = ""
    legal_number: str = ""
    proxy_name: str = ""
    occupation: str = ""
    attachments: list[NewAttachment] = field(default_factory=list)


def _check_identity(data: IntakeData) -> None:
    errors: dict[str, str] = {}
    if data.kind == RequesterKind.INDIVIDUAL:
        try:
            data.nik = validate_nik(data.nik)
        except ValidationError as exc:
            errors["nik"] = exc.messages[0]
    if data.kind == RequesterKind.LEGAL_ENTITY and not data.legal_number.strip():
        errors["legal_number"] = _("A legal entity gives its deed or Kemenkumham approval number.")
    if data.kind == RequesterKind.GROUP and not data.proxy_name.strip():
        errors["proxy_name"] = _("A group names the proxy who acts for it.")
    if not data.email and not data.phone:
        errors["email"] = _("Give an e-mail address or a telephone number so that we can answer you.")
    if errors:
        raise ValidationError(errors)


def _received_at(channel: str, received_at: datetime.datetime | None, now: datetime.datetime) -> datetime.datetime:
    if channel == Channel.ONLINE or received_at is None:
        return now
    if received_at > now:
        raise ValidationError({"received_at": _("The moment of receipt cannot be in the future.")})
    if now - received_at > MAX_BACKDATE:
        raise ValidationError(
            {"received_at": _("A request cannot be recorded more than 7 days after it was received.")}
        )
    return received_at


def next_sequence(office: Office, year: int, series: str = "request") -> int:
    """The next number of the office's register (`series`) for `year`: unique and gapless.

    The counter row is locked until the transaction ends, so concurrent submissions queue here;
    a submission that fails rolls its number back with it (Pasal 22 ayat (4): a number at once).
    """
    RegistrationCounter.objects.bulk_create(
        [RegistrationCounter(office=office, series=series, year=year, last_sequence=0)], ignore_conflicts=True
    )
    counter = RegistrationCounter.objects.select_for_update().get(office=office, series=series, year=year)
    counter.last_sequence += 1
    counter.save(update_fields=["last_sequence"])
    return counter.last_sequence


def _already_submitted(submission_key: str | None, office: Office, actor: Any) -> InformationRequest | None:
    """The request this form already created, if the key was used before by the same submitter.

    A key is only ever honoured for the same office and the same account (or none): a key copied
    from someone else's page can never return their request and its personal data.
    """
    if not submission_key:
        return None
    existing = InformationRequest.objects.select_related("requester").filter(submission_key=submission_key).first()
    if existing is None:
        return None
    same_account = existing.requester.user_id == (actor.pk if getattr(actor, "is_authenticated", False) else None)
    same_recorder = existing.recorded_by_id == (actor.pk if getattr(actor, "is_authenticated", False) else None)
    if existing.office_id != office.pk or not (same_account or same_recorder):
        raise ValidationError(_("This form was already used. Open the form again to make a new request."))
    return existing


def registration_number(office: Office, year: int, sequence: int) -> str:
    return f"{sequence:05d}/PPID/{office.code}/{year}"


def request_submit(
    *,
    office: Office,
    data: IntakeData,
    channel: Channel | str,
    actor: Any = None,
    received_at: datetime.datetime | None = None,
    submission_key: str | None = None,
) -> InformationRequest:
    """Register a request (Pasal 22 UU 14/2008) and start its clocks.

    Online (`channel=online`) anyone may submit, with or without an account; any other channel is
    the desk recording what it received (seed f), possibly dated earlier (audited). The same
    `submission_key` twice returns the first request instead of making a second one.
    """
    existing = _already_submitted(submission_key, office, actor)
    if existing is not None:
        return existing
    if channel != Channel.ONLINE and not can(actor, "request:register", office):
        raise PermissionDenied(_("Only the service desk of this office records requests it received."))
    _check_identity(data)
    now = timezone.now()
    moment = _received_at(channel, received_at, now)
    rule_set = rule_set_for(office, moment)
    try:
        with transaction.atomic():
            return _create(office, data, channel, actor, moment, now, rule_set, submission_key)
    except IntegrityError:
        # Two identical submissions raced past the first check: the other one won; return it.
        existing = _already_submitted(submission_key, office, actor)
        if existing is not None:
            return existing
        raise


def _create(
    office: Office,
    data: IntakeData,
    channel: str,
    actor: Any,
    moment: datetime.datetime,
    now: datetime.datetime,
    rule_set: Any,
    submission_key: str | None,
) -> InformationRequest:
    user = actor if channel == Channel.ONLINE and getattr(actor, "is_authenticated", False) else None
    requester = Requester.objects.create(
        kind=data.kind,
        name=data.name,
        nik=data.nik,
        legal_number=data.legal_number,
        proxy_name=data.proxy_name,
        address=data.address,
        email=data.email,
        phone=data.phone,
        occupation=data.occupation,
        user=user,
    )
    year = moment.astimezone(office.zoneinfo).year
    sequence = next_sequence(office, year)
    request = InformationRequest(
        office=office,
        year=year,
        sequence=sequence,
        registration_number=registration_number(office, year, sequence),
        requester=requester,
        channel=channel,
        information_requested=data.information_requested,
        purpose=data.purpose,
        obtain_method=data.obtain_method,
        delivery_method=data.delivery_method,
        received_at=moment,
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
        rule_set=rule_set,
        clock_started_at=moment,
        submission_key=submission_key or None,
    )
    request.notice_due_on = due_after(request, moment, DeadlineStep.REQUEST_NOTICE)
    request.completeness_check_due_on = due_after(request, moment, DeadlineStep.COMPLETENESS_NOTICE)
    request.save()
    for attachment in data.attachments:
        attach(request, attachment)
    backdated = now - moment > datetime.timedelta(minutes=settings.REQUEST_BACKDATE_GRACE_MINUTES)
    record(
        request,
        REQUEST_SUBMITTED,
        actor=actor,
        permission="request:register",
        after={"status": request.status, "notice_due_on": request.notice_due_on, "rule_set": rule_set.name},
        payload={"channel": channel, "received_at": moment, "backdated": backdated},
        note=_("Recorded %(delay)s after receipt.") % {"delay": str(now - moment).split(".")[0]} if backdated else "",
    )
    transaction.on_commit(lambda: mail.mail_receipt(request.pk), robust=True)
    return request


def attach(request: InformationRequest, attachment: NewAttachment) -> RequestAttachment:
    upload = attachment.upload
    return RequestAttachment.objects.create(
        request=request,
        kind=attachment.kind,
        file=upload.file,
        original_name=(upload.file.name or "")[:255],
        content_type=upload.content_type,
        size=upload.size,
        sha256=upload.sha256,
    )
