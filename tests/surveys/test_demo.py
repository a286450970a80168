"""The demo satisfaction surveys: invited and answered through the services, one left open, once."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ppid.accounts.models import User
from ppid.events.models import Event
from ppid.notifications.models import OutboxMessage
from ppid.offices.models import Office
from ppid.reports.figures import figures_for, period_for_year
from ppid.requests.workflow import Status
from ppid.surveys.models import SurveyInvitation, SurveyResponse, SurveyScore
from ppid.surveys.selectors import satisfaction
from tests.demo_support import seed

pytestmark = pytest.mark.django_db
DEMO_CODES = ["00", "32", "32.73"]


def counts() -> tuple[int, ...]:
    return (
        SurveyInvitation.objects.count(),
        SurveyResponse.objects.count(),
        SurveyScore.objects.count(),
        OutboxMessage.objects.count(),
        Event.objects.count(),
    )


def test_completed_demo_requests_are_invited_and_all_but_one_answered() -> None:
    output = seed()

    assert "Demo surveys:" in output
    invitations = SurveyInvitation.objects.filter(request__office__code__in=DEMO_CODES).select_related("request")
    assert invitations.count() == 6
    assert {i.request.status for i in invitations} == {Status.DELIVERED, Status.CLOSED}
    unanswered = invitations.filter(answered_at__isnull=True)
    assert [i.request.office.code for i in unanswered] == ["32.73"]
    assert unanswered.get().expires_at > timezone.now()
    for code in DEMO_CODES:
        assert SurveyResponse.objects.filter(office__code=code).exists(), code
    # Scores go from poor to very good, and some respondents left a comment.
    assert set(SurveyScore.objects.values_list("value", flat=True)) >= {2, 3, 4}
    assert SurveyResponse.objects.exclude(comment="").count() >= 3
    # The requesters were invited by mail, as the daily job does, each once.
    for invitation in invitations:
        assert OutboxMessage.objects.filter(dedupe_key=f"request:{invitation.request_id}:survey").count() == 1
        types = set(Event.objects.for_object(invitation.request).values_list("event_type", flat=True))
        assert "survey.invited" in types
        assert ("survey.answered" in types) == (invitation.answered_at is not None)


def test_the_results_page_and_the_dashboard_show_the_seeded_responses() -> None:
    seed()
    bandung = Office.objects.get(code="32.73")
    year = timezone.localdate().year

    figures = figures_for(bandung, period_for_year(year))
    assert figures.satisfaction.responses == 1
    assert figures.satisfaction.ikm is not None and figures.satisfaction.band
    national = satisfaction([bandung.pk, *Office.objects.filter(code__in=["00", "32"]).values_list("pk", flat=True)],
                            period_for_year(year).start, period_for_year(year).end)  # fmt: skip
    assert national.responses == 5
    assert 25 <= (national.ikm or 0) <= 100

    client = Client()
    client.cookies["django_language"] = "en"
    client.force_login(User.objects.get(username="ppid.bandung"))
    page = client.get(reverse("surveys_staff:results"))
    html = page.content.decode()
    assert page.status_code == 200
    assert f"{figures.satisfaction.ikm:.2f}" in html
    assert "Dokumen diterima dalam format PDF" in html  # the comment at Bandung
    dashboard = client.get(reverse("reports:dashboard"), {"office": "32.73"})
    assert dashboard.status_code == 200
    assert str(figures.satisfaction.ikm) in dashboard.content.decode()


def test_seeding_twice_adds_nothing() -> None:
    seed()
    before = counts()

    output = seed()

    assert counts() == before
    assert "Demo surveys: 0 new" in output
