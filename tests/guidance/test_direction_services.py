"""Directions (seed a.1, b.1): who issues, who responds, who closes, and when a follow-up is overdue."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from ppid.accounts.models import User
from ppid.events.models import Event
from ppid.guidance.models import Direction, DirectionAddressee
from ppid.guidance.selectors import inbox, issued_visible, overdue_q, with_counts
from ppid.guidance.services import (
    DirectionStateError,
    direction_acknowledge,
    direction_close,
    direction_report,
)
from ppid.guidance.workflow import AddresseeStatus, DirectionScope, IssuerRole
from ppid.offices.models import Office
from tests.guidance.conftest import NOW
from tests.requests.conftest import PDF_BYTES
from tests.workdays.conftest import frozen_now

pytestmark = pytest.mark.django_db


def test_the_pembina_issues_a_direction_to_one_office(issue: Callable[..., Direction], office: Office) -> None:
    direction = issue()
    assert direction.issuer_role == IssuerRole.PEMBINA
    assert list(direction.addressees.values_list("office", "status")) == [(office.pk, AddresseeStatus.SENT)]
    assert Event.objects.for_objects([direction]).get().event_type == "direction.issued"


def test_the_advisory_team_issues_as_tim_pertimbangan(issue: Callable[..., Direction], advisory: User) -> None:
    assert issue(actor=advisory).issuer_role == IssuerRole.TIM_PERTIMBANGAN


def test_the_atasan_cannot_issue(issue: Callable[..., Direction], staff: Callable[..., User], province: Office) -> None:
    from ppid.accounts.roles import Role

    with pytest.raises(PermissionDenied):
        issue(actor=staff(Role.ATASAN, province))


def test_the_ppid_cannot_issue(issue: Callable[..., Direction], ppid_officer: User) -> None:
    with pytest.raises(PermissionDenied):
        issue(actor=ppid_officer)


def test_all_below_addresses_every_descendant_office(issue: Callable[..., Direction], province: Office) -> None:
    direction = issue(scope=DirectionScope.ALL_BELOW, target=None)
    addressed = set(direction.addressees.values_list("office__code", flat=True))
    assert addressed == set(province.descendants().values_list("code", flat=True))
    assert len(addressed) == 27 and province.code not in addressed


def test_one_office_must_be_at_or_below_the_issuing_office(issue: Callable[..., Direction]) -> None:
    with pytest.raises(ValidationError) as error:
        issue(target=Office.objects.get(code="33"))
    assert "target" in error.value.message_dict


def test_a_past_due_date_is_refused(issue: Callable[..., Direction]) -> None:
    with pytest.raises(ValidationError) as error:
        issue(due_on=datetime.date(2026, 3, 1))
    assert "due_on" in error.value.message_dict


def test_the_addressed_ppid_acknowledges_and_reports(issue: Callable[..., Direction], ppid_officer: User) -> None:
    addressee = issue().addressees.get()
    direction_acknowledge(addressee=addressee, actor=ppid_officer)
    upload = SimpleUploadedFile("tindak-lanjut.pdf", PDF_BYTES, content_type="application/pdf")
    report = direction_report(addressee=addressee, actor=ppid_officer, text="DIP telah dimutakhirkan.", document=upload)
    direction_report(addressee=addressee, actor=ppid_officer, text="Diumumkan di laman.")
    addressee.refresh_from_db()
    assert addressee.status == AddresseeStatus.REPORTED
    assert addressee.acknowledged_by == ppid_officer
    assert report.document_sha256 and addressee.reports.count() == 2
    types = list(Event.objects.for_objects([addressee.direction]).values_list("event_type", flat=True))
    assert types.count("direction.reported") == 2 and "direction.acknowledged" in types


def test_a_report_needs_an_acknowledgement_first(issue: Callable[..., Direction], ppid_officer: User) -> None:
    with pytest.raises(DirectionStateError):
        direction_report(addressee=issue().addressees.get(), actor=ppid_officer, text="Sudah.")


def test_a_document_that_is_not_a_pdf_or_image_is_refused(issue: Callable[..., Direction], ppid_officer: User) -> None:
    addressee = direction_acknowledge(addressee=issue().addressees.get(), actor=ppid_officer)
    upload = SimpleUploadedFile("x.exe", b"MZ\x90\x00 not allowed", content_type="application/pdf")
    with pytest.raises(ValidationError) as error:
        direction_report(addressee=addressee, actor=ppid_officer, text="Sudah.", document=upload)
    assert "document" in error.value.message_dict
    assert addressee.reports.count() == 0


def test_the_ppid_of_another_office_cannot_respond(issue: Callable[..., Direction], other_ppid: User) -> None:
    with pytest.raises(PermissionDenied):
        direction_acknowledge(addressee=issue().addressees.get(), actor=other_ppid)


def test_the_issuer_closes_one_addressee(issue: Callable[..., Direction], pembina: User, office: Office) -> None:
    direction = issue(scope=DirectionScope.ALL_BELOW, target=None)
    one = direction.addressees.get(office=office)
    assert direction_close(direction=direction, actor=pembina, note="Cukup.", addressee=one) == 1
    one.refresh_from_db()
    assert one.status == AddresseeStatus.CLOSED and one.close_note == "Cukup."
    assert direction.addressees.filter(status=AddresseeStatus.SENT).count() == 26


def test_the_issuer_closes_every_open_addressee(issue: Callable[..., Direction], pembina: User) -> None:
    direction = issue(scope=DirectionScope.ALL_BELOW, target=None)
    assert direction_close(direction=direction, actor=pembina, note="Selesai.") == 27
    assert not direction.addressees.exclude(status=AddresseeStatus.CLOSED).exists()
    with pytest.raises(DirectionStateError):
        direction_close(direction=direction, actor=pembina, note="Lagi.")


def test_closing_needs_the_issuers_role(
    issue: Callable[..., Direction], advisory: User, ppid_officer: User, pembina: User
) -> None:
    direction = issue()  # issued by the Pembina: the Tim Pertimbangan does not close it
    for actor in (advisory, ppid_officer):
        with pytest.raises(PermissionDenied):
            direction_close(direction=direction, actor=actor, note="")
    assert direction_close(direction=direction, actor=pembina, note="") == 1


def test_overdue_shows_on_both_sides(
    issue: Callable[..., Direction], pembina: User, ppid_officer: User, office: Office
) -> None:
    direction = issue(scope=DirectionScope.ALL_BELOW, target=None)
    direction_close(
        direction=direction, actor=pembina, note="", addressee=direction.addressees.exclude(office=office)[0]
    )
    before, after = datetime.date(2026, 3, 31), datetime.date(2026, 4, 1)
    assert not inbox(ppid_officer).filter(overdue_q(before)).exists()
    assert inbox(ppid_officer).filter(overdue_q(after)).get().direction == direction
    row = with_counts(issued_visible(pembina), after).get()
    assert (row.total, row.open, row.overdue) == (27, 26, 26)  # type: ignore[attr-defined]
    assert with_counts(issued_visible(pembina), before).get().overdue == 0  # type: ignore[attr-defined]
    with frozen_now(NOW.replace(month=4, day=2)):
        assert DirectionAddressee.objects.filter(overdue_q()).count() == 26


def test_kpu_ri_addresses_all_552_offices_in_a_few_queries(
    staff: Callable[..., User], national: Office, django_assert_max_num_queries: Callable[..., object]
) -> None:
    from ppid.accounts.roles import Role
    from ppid.guidance.services import DirectionData, direction_issue

    pembina_ri = staff(Role.PEMBINA, national)
    data = DirectionData(title="Arahan nasional", text="Isi", due_on=datetime.date(2026, 3, 31), scope="all_below")
    with frozen_now(NOW), django_assert_max_num_queries(15):  # type: ignore[operator]
        direction = direction_issue(office=national, actor=pembina_ri, data=data)
    assert direction.addressees.count() == Office.objects.count() - 1 == 552
