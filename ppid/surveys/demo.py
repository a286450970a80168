"""Demo satisfaction surveys for `seed_demo`, through the survey services (PermenPANRB 14/2017 [verify]).

The requesters of the demo requests that were delivered or closed at the three demo offices are
invited, as the daily job does, and answer from the link in their invitation e-mail, with scores
from poor to very good; one invitation at KPU Kota Bandung is left unanswered.

Safe to run again: a request already invited is skipped.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import transaction

from ppid.requests.demo import DEMO_OFFICES
from ppid.requests.models import InformationRequest
from ppid.surveys.models import SurveyElement, SurveyInvitation, SurveyResponse
from ppid.surveys.services import survey_invite, survey_submit

# Scores (1–4) in the order of the survey's elements (persyaratan … sarana), with the comment.
ANSWERS: tuple[tuple[tuple[int, ...], str], ...] = (
    ((4, 4, 4, 4, 4, 4, 4, 3, 4), "Pelayanan cepat dan petugas sangat membantu. Terima kasih."),
    ((3, 3, 2, 4, 3, 3, 4, 3, 3), "Informasi lengkap, tetapi waktu tunggu hampir sampai batas akhir."),
    ((4, 3, 3, 4, 4, 4, 4, 3, 3), ""),
    ((2, 2, 2, 4, 3, 3, 3, 2, 2), "Formulir daring sulit ditemukan dan balasan surel lambat."),
    ((3, 4, 4, 4, 3, 4, 4, 4, 3), "Dokumen diterima dalam format PDF yang rapi. Ruang layanan nyaman."),
)
# (office code, demo request scenario, answer index; None: invited, not answered)
SURVEYED: tuple[tuple[str, str, int | None], ...] = (
    (DEMO_OFFICES["ri"], "delivered", 0),
    (DEMO_OFFICES["ri"], "closed", 1),
    (DEMO_OFFICES["jabar"], "delivered", 2),
    (DEMO_OFFICES["jabar"], "closed", 3),
    (DEMO_OFFICES["bandung"], "closed", 4),
    (DEMO_OFFICES["bandung"], "delivered", None),
)


def _invite(request: InformationRequest) -> str | None:
    """Invite the requester and return the token of the link in their e-mail (None without e-mail)."""
    invitation = survey_invite(request=request)
    return invitation.token if invitation is not None else None


def _scores(index: int) -> dict[str, int]:
    values, _comment = ANSWERS[index]
    codes = SurveyElement.objects.filter(is_active=True).values_list("code", flat=True)
    return {code: values[position % len(values)] for position, code in enumerate(codes)}


def seed_surveys(write: Callable[[str], Any] = print) -> int:
    """The hook for seed_demo (after the demo requests): invitations, answered but one. Returns the
    number of new invitations (0 when run again)."""
    created = 0
    for code, scenario, answer in SURVEYED:
        request = InformationRequest.objects.filter(submission_key=f"demo:{code}:{scenario}").first()
        if request is None or SurveyInvitation.objects.filter(request=request).exists():
            continue
        with transaction.atomic():
            token = _invite(request)
            if token is not None and answer is not None:
                survey_submit(token=token, scores=_scores(answer), comment=ANSWERS[answer][1])
        created += 1
    codes = list(DEMO_OFFICES.values())
    invited = SurveyInvitation.objects.filter(request__office__code__in=codes).count()
    answered = SurveyResponse.objects.filter(office__code__in=codes).count()
    write(f"Demo surveys: {created} new; at the demo offices {invited} invited, {answered} answered")
    return created
