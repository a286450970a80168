"""The demo annual reports: published, submitted and draft, through the services, once."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ppid.accounts.models import User
from ppid.annual.models import AnnualReport
from ppid.annual.workflow import NARRATIVE_FIELDS, Status
from ppid.events.models import Event
from tests.demo_support import seed

pytestmark = pytest.mark.django_db


def counts() -> tuple[int, ...]:
    return AnnualReport.objects.count(), Event.objects.count()


def test_a_report_in_each_state_at_the_demo_offices() -> None:
    output = seed()

    assert "Demo annual reports:" in output
    year = timezone.localdate().year
    reports = {r.office.code: r for r in AnnualReport.objects.select_related("office")}
    assert {code: (r.year, r.status) for code, r in reports.items()} == {
        "00": (year - 1, Status.PUBLISHED),
        "32": (year, Status.SUBMITTED),
        "32.73": (year, Status.DRAFT),
    }
    published, submitted, draft = reports["00"], reports["32"], reports["32.73"]
    assert published.rollup and submitted.rollup and not draft.rollup
    for report in (published, submitted):
        assert all(getattr(report, name).strip() for name in NARRATIVE_FIELDS)
        assert report.figures["year"] == report.year
    assert any(not getattr(draft, name).strip() for name in NARRATIVE_FIELDS)
    assert draft.general_policy and not draft.figures
    # Published: approved by the Atasan PPID, with its PDF, reading last year's evaluated work plan.
    assert published.approved_by == User.objects.get(username="atasan.ri")
    assert published.pdf
    with published.pdf.open("rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    assert published.figures["workplan"]["status"] == "evaluated"
    # Submitted in the year of the demo requests: its frozen figures count them (Jawa Barat and Bandung).
    assert submitted.figures["workplan"]["status"] == "active"
    assert submitted.approved_at is None
    types = set(Event.objects.for_object(published).values_list("event_type", flat=True))
    assert {"annual_report.created", "annual_report.submitted", "annual_report.approved"} <= types
    assert "annual_report.published" in types


def test_the_submitted_report_counts_the_demo_requests_and_waits_for_the_atasan() -> None:
    seed()
    submitted = AnnualReport.objects.get(office__code="32")

    assert submitted.figures["requests"]["received"] > 0
    client = Client()
    client.cookies["django_language"] = "en"
    client.force_login(User.objects.get(username="atasan.jabar"))
    page = client.get(reverse("annual:staff_detail", args=[submitted.pk]))
    assert page.status_code == 200
    assert reverse("annual:staff_step", args=[submitted.pk, "approve"]) in page.content.decode()
    public = Client().get(reverse("annual:public_list"))
    assert str(AnnualReport.objects.get(office__code="00").year) in public.content.decode()


def test_seeding_twice_adds_nothing() -> None:
    seed()
    before = counts()

    output = seed()

    assert counts() == before
    assert "Demo annual reports: 0 new" in output
