"""The writes of the satisfaction survey: invite a requester once, record their answers once.

Survei Kepuasan Masyarakat (PermenPANRB 14/2017 [verify]; RULES.md §9). Respondents are
anonymous: the link in the invitation is the only key, and only its hash is stored.
"""

from __future__ import annotations

import datetime
import hashlib
import secrets
from collections.abc import Mapping

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ppid.events.registry import register_event_type
from ppid.events.services import event_record
from ppid.notifications.services import outbox_enqueue, render_text
from ppid.requests.models import InformationRequest
from ppid.requests.pdf import LETTER_LANGUAGE
from ppid.requests.workflow import Status
from ppid.surveys.models import (
    HIGHEST_SCORE,
    LOWEST_SCORE,
    SurveyElement,
    SurveyInvitation,
    SurveyResponse,
    SurveyScore,
)

SURVEY_INVITED = register_event_type("survey.invited", gettext_lazy("Invited to the satisfaction survey"))
SURVEY_ANSWERED = register_event_type("survey.answered", gettext_lazy("Satisfaction survey answered"))

# Only requests the office has finished with are surveyed: the service is complete.
SURVEYABLE_STATUSES = frozenset({Status.DELIVERED, Status.CLOSED})
# How long the link stays open after it is sent.
VALID_FOR = datetime.timedelta(days=30)
COMMENT_MAX_LENGTH = 2000


class SurveyStateError(Exception):
    """The survey cannot be invited or answered in its current state (used, expired, unknown)."""


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _survey_url(token: str) -> str:
    return settings.PUBLIC_BASE_URL.rstrip("/") + reverse("surveys_public:form", kwargs={"token": token})


def _mail_invitation(request_id: int, token: str) -> None:
    request = InformationRequest.objects.select_related("office", "requester").get(pk=request_id)
    with translation.override(LETTER_LANGUAGE):
        subject = _("Satisfaction survey on your request %(number)s") % {"number": request.registration_number}
    outbox_enqueue(
        to=[request.requester.email],
        subject=subject,
        body=render_text(
            "surveys/email/invitation.txt",
            {
                "request": request,
                "office": request.office,
                "requester_name": request.requester.name,
                "survey_url": _survey_url(token),
                "valid_days": VALID_FOR.days,
            },
        ),
        obj=request,
        office=request.office,
        dedupe_key=f"request:{request.pk}:survey",
    )


@transaction.atomic
def survey_invite(*, request: InformationRequest) -> SurveyInvitation | None:
    """Invite the requester of a delivered or closed request, once; None when they have no e-mail.

    Called by the daily job (the system acts: there is no user to check).
    """
    locked = InformationRequest.objects.select_for_update().select_related("requester", "office").get(pk=request.pk)
    if locked.status not in SURVEYABLE_STATUSES:
        raise SurveyStateError(_("Only requests whose information was delivered are surveyed."))
    if SurveyInvitation.objects.filter(request=locked).exists():
        raise SurveyStateError(_("The requester was already invited to the survey."))
    if not locked.requester.email:
        return None
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    invitation = SurveyInvitation.objects.create(
        request=locked, token_hash=token_hash(token), sent_at=now, expires_at=now + VALID_FOR
    )
    event_record(
        event_type=SURVEY_INVITED,
        obj=locked,
        actor=None,
        office=locked.office,
        after={"expires_at": invitation.expires_at},
    )
    transaction.on_commit(lambda: _mail_invitation(locked.pk, token))
    invitation.token = token
    return invitation


def invitation_for(token: str) -> SurveyInvitation:
    """The open invitation of `token`, or SurveyStateError with a message for the respondent."""
    invitation = SurveyInvitation.objects.select_related("request__office").filter(token_hash=token_hash(token)).first()
    _check_open(invitation)
    assert invitation is not None
    return invitation


def _check_open(invitation: SurveyInvitation | None) -> None:
    if invitation is None:
        raise SurveyStateError(_("This survey link is not valid. Please use the link from the e-mail we sent you."))
    if invitation.answered_at is not None:
        raise SurveyStateError(_("This survey has already been answered. Thank you."))
    if invitation.expires_at <= timezone.now():
        raise SurveyStateError(_("This survey link has expired."))


def _clean_scores(scores: Mapping[str, object], elements: list[SurveyElement]) -> dict[SurveyElement, int]:
    """Every active element needs a whole score from 1 to 4; errors are keyed by element code."""
    cleaned: dict[SurveyElement, int] = {}
    errors: dict[str, str] = {}
    for element in elements:
        raw = scores.get(element.code)
        try:
            value = int(str(raw))
        except ValueError:
            value = 0
        if not LOWEST_SCORE <= value <= HIGHEST_SCORE:
            errors[element.code] = _("Choose a score from 1 to 4.")
        else:
            cleaned[element] = value
    if errors:
        raise ValidationError(errors)
    return cleaned


@transaction.atomic
def survey_submit(*, token: str, scores: Mapping[str, object], comment: str = "") -> SurveyResponse:
    """Record one anonymous response: all active elements scored 1–4, once, before the link expires."""

    invitation = (
        SurveyInvitation.objects.select_for_update()
        .select_related("request")
        .filter(token_hash=token_hash(token))
        .first()
    )
    _check_open(invitation)
    assert invitation is not None
    elements = list(SurveyElement.objects.filter(is_active=True))
    cleaned = _clean_scores(scores, elements)
    comment = comment.strip()
    if len(comment) > COMMENT_MAX_LENGTH:
        raise ValidationError({"comment": _("Please keep the comment under 2000 characters.")})
    now = timezone.now()
    response = SurveyResponse.objects.create(
        invitation=invitation, office_id=invitation.request.office_id, comment=comment, submitted_at=now
    )
    SurveyScore.objects.bulk_create(
        SurveyScore(response=response, element=element, value=value) for element, value in cleaned.items()
    )
    invitation.answered_at = now
    invitation.save(update_fields=["answered_at"])
    # The scores and comment stay out of the request's timeline: the answer is anonymous to the officers.
    event_record(
        event_type=SURVEY_ANSWERED,
        obj=invitation.request,
        actor=None,
        office=invitation.request.office,
    )
    return response
