"""request_submit: online and desk intake, identity checks, numbering, back-dating, rule set."""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from ppid.accounts.models import User
from ppid.accounts.roles import Role
from ppid.events.models import Event
from ppid.offices.models import Office
from ppid.requests.models import AttachmentKind, Channel, InformationRequest, Requester, RequesterKind
from ppid.requests.services import IntakeData, NewAttachment
from ppid.requests.validation import check_upload
from ppid.requests.workflow import Status
from ppid.workdays.models import ElectionStage, ElectionStageKind, RuleSetKind
from tests.requests.conftest import PNG_BYTES
from tests.workdays.conftest import frozen_now

WIB = ZoneInfo("Asia/Jakarta")
WIT = ZoneInfo("Asia/Jayapura")
# Wednesday 4 February 2026, 10:00 WIB: an ordinary working day.
NOW = datetime.datetime(2026, 2, 4, 10, 0, tzinfo=WIB)

Submit = Callable[..., InformationRequest]


def submitted_events(request: InformationRequest) -> list[Event]:
    return list(Event.objects.for_object(request).filter(event_type="request.submitted"))


# --- online and at the desk ------------------------------------------------------------------


def test_anonymous_online_request_is_registered_without_an_account(submit: Submit) -> None:
    with frozen_now(NOW):
        request = submit(actor=AnonymousUser())

    assert request.status == Status.REGISTERED
    assert request.requester.user is None
    assert request.recorded_by is None
    assert request.received_at == NOW
    assert request.clock_started_at == NOW
    [event] = submitted_events(request)
    assert event.actor is None
    assert event.payload["channel"] == Channel.ONLINE
    assert event.payload["backdated"] is False


def test_online_request_by_a_logged_in_requester_links_their_account(submit: Submit, requester_user: User) -> None:
    with frozen_now(NOW):
        request = submit(actor=requester_user)

    assert request.requester.user == requester_user
    assert request.owner_user_id == requester_user.pk


def test_online_request_ignores_a_received_at_sent_by_the_browser(submit: Submit) -> None:
    with frozen_now(NOW):
        request = submit(received_at=NOW - datetime.timedelta(days=3))

    assert request.received_at == NOW


@pytest.mark.parametrize("channel", [Channel.WALK_IN, Channel.PHONE, Channel.LETTER, Channel.EMAIL])
def test_desk_records_a_request_from_every_channel(submit: Submit, desk: User, channel: Channel) -> None:
    with frozen_now(NOW):
        request = submit(channel=channel, actor=desk)

    assert request.channel == channel
    assert request.recorded_by == desk
    assert request.requester.user is None  # the desk's account is not the requester's
    [event] = submitted_events(request)
    assert event.actor == desk
    assert event.actor_role == Role.DESK


def test_desk_channel_needs_request_register_at_that_office(
    submit: Submit, staff: Callable[..., User], office: Office, office_jabar: Office
) -> None:
    desk_of_province = staff(Role.DESK, office_jabar)
    ppid_here = staff(Role.PPID, office)
    with frozen_now(NOW):
        for actor in (desk_of_province, ppid_here, AnonymousUser(), None):
            with pytest.raises(PermissionDenied):
                submit(channel=Channel.WALK_IN, actor=actor)

    assert not InformationRequest.objects.exists()


def test_a_requester_cannot_use_a_desk_channel(submit: Submit, requester_user: User) -> None:
    with frozen_now(NOW), pytest.raises(PermissionDenied):
        submit(channel=Channel.LETTER, actor=requester_user)


# --- identity -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "nik",
    [
        "327301010190001",  # 15 digits
        "9973010101900001",  # no province 99
        "3273013202900001",  # 32 February
        "",  # an individual must give one
    ],
)
def test_an_individual_with_an_invalid_nik_is_refused(
    submit: Submit, intake: Callable[..., IntakeData], nik: str
) -> None:
    with frozen_now(NOW), pytest.raises(ValidationError) as caught:
        submit(data=intake(nik=nik))

    assert set(caught.value.message_dict) == {"nik"}
    assert not InformationRequest.objects.exists()


def test_the_nik_is_stored_normalised(submit: Submit, intake: Callable[..., IntakeData], valid_nik: str) -> None:
    with frozen_now(NOW):
        request = submit(data=intake(nik=f" {valid_nik} "))

    assert request.requester.nik == valid_nik


def test_a_legal_entity_needs_its_deed_or_approval_number(submit: Submit, intake: Callable[..., IntakeData]) -> None:
    data = intake(kind=RequesterKind.LEGAL_ENTITY, nik="", legal_number="  ", name="Perkumpulan Pemilu Bersih")
    with frozen_now(NOW), pytest.raises(ValidationError) as caught:
        submit(data=data)

    assert set(caught.value.message_dict) == {"legal_number"}


def test_a_legal_entity_with_its_number_needs_no_nik(submit: Submit, intake: Callable[..., IntakeData]) -> None:
    data = intake(kind=RequesterKind.LEGAL_ENTITY, nik="", legal_number="AHU-0012345.AH.01.07.2020")
    with frozen_now(NOW):
        request = submit(data=data)

    assert request.requester.legal_number == "AHU-0012345.AH.01.07.2020"
    assert request.requester.nik == ""


def test_a_group_must_name_its_proxy(submit: Submit, intake: Callable[..., IntakeData]) -> None:
    with frozen_now(NOW), pytest.raises(ValidationError) as caught:
        submit(data=intake(kind=RequesterKind.GROUP, nik="", proxy_name=""))

    assert set(caught.value.message_dict) == {"proxy_name"}


def test_a_requester_gives_an_email_or_a_phone(submit: Submit, intake: Callable[..., IntakeData]) -> None:
    with frozen_now(NOW), pytest.raises(ValidationError) as caught:
        submit(data=intake(email="", phone=""))

    assert set(caught.value.message_dict) == {"email"}


@pytest.mark.parametrize("contact", [{"email": ""}, {"phone": ""}])
def test_either_contact_alone_is_enough(
    submit: Submit, intake: Callable[..., IntakeData], contact: dict[str, str]
) -> None:
    with frozen_now(NOW):
        request = submit(data=intake(**contact))

    assert request.pk is not None


def test_every_identity_error_is_reported_at_once(submit: Submit, intake: Callable[..., IntakeData]) -> None:
    data = intake(kind=RequesterKind.GROUP, nik="", proxy_name="", email="", phone="")
    with frozen_now(NOW), pytest.raises(ValidationError) as caught:
        submit(data=data)

    assert set(caught.value.message_dict) == {"proxy_name", "email"}


def test_attachments_are_stored_with_type_size_and_checksum(
    submit: Submit, intake: Callable[..., IntakeData], png_upload: SimpleUploadedFile
) -> None:
    data = intake(attachments=[NewAttachment(kind=AttachmentKind.KTP, upload=check_upload(png_upload))])
    with frozen_now(NOW):
        request = submit(data=data)

    [attachment] = request.attachments.all()
    assert attachment.kind == AttachmentKind.KTP
    assert attachment.content_type == "image/png"
    assert attachment.size == len(PNG_BYTES)
    assert attachment.sha256 == hashlib.sha256(PNG_BYTES).hexdigest()
    with attachment.file.open("rb") as stored:
        assert stored.read() == PNG_BYTES


# --- registration number --------------------------------------------------------------------


def test_registration_numbers_count_per_office_and_year(submit: Submit, office: Office, office_jabar: Office) -> None:
    with frozen_now(NOW):
        first = submit()
        second = submit()
        elsewhere = submit(office=office_jabar)
    with frozen_now(datetime.datetime(2027, 1, 6, 10, 0, tzinfo=WIB)):
        next_year = submit()

    assert first.registration_number == "00001/PPID/32.73/2026"
    assert (first.year, first.sequence) == (2026, 1)
    assert second.registration_number == "00002/PPID/32.73/2026"
    assert elsewhere.registration_number == "00001/PPID/32/2026"
    assert next_year.registration_number == "00001/PPID/32.73/2027"


def test_a_refused_submission_uses_no_number(submit: Submit, intake: Callable[..., IntakeData]) -> None:
    with frozen_now(NOW):
        submit()
        with pytest.raises(ValidationError):
            submit(data=intake(nik="123"))
        after = submit()

    assert after.sequence == 2


def test_the_year_follows_the_office_local_time_on_new_years_eve(submit: Submit, office: Office) -> None:
    papua = Office.objects.filter(time_zone="WIT", is_active=True).order_by("code").first()
    assert papua is not None
    # 31 December 2026, 23:30 in Jakarta, is already 1 January 2027, 01:30 in Jayapura.
    moment = datetime.datetime(2026, 12, 31, 23, 30, tzinfo=WIB)
    with frozen_now(moment):
        east = submit(office=papua)
        west = submit(office=office)

    assert moment.astimezone(WIT).year == 2027
    assert east.year == 2027
    assert east.registration_number == f"00001/PPID/{papua.code}/2027"
    assert west.year == 2026


# --- back-dating at the desk -----------------------------------------------------------------


def test_desk_cannot_record_a_request_received_in_the_future(submit: Submit, desk: User) -> None:
    with frozen_now(NOW), pytest.raises(ValidationError) as caught:
        submit(channel=Channel.LETTER, actor=desk, received_at=NOW + datetime.timedelta(hours=1))

    assert set(caught.value.message_dict) == {"received_at"}


def test_desk_cannot_backdate_more_than_seven_days(submit: Submit, desk: User) -> None:
    with frozen_now(NOW), pytest.raises(ValidationError) as caught:
        submit(channel=Channel.LETTER, actor=desk, received_at=NOW - datetime.timedelta(days=7, minutes=1))

    assert set(caught.value.message_dict) == {"received_at"}
    assert not InformationRequest.objects.exists()


def test_desk_may_backdate_two_days_and_the_event_says_so(submit: Submit, desk: User) -> None:
    received = datetime.datetime(2026, 2, 2, 9, 0, tzinfo=WIB)  # Monday
    with frozen_now(NOW):
        request = submit(channel=Channel.LETTER, actor=desk, received_at=received)

    assert request.received_at == received
    assert request.recorded_at == NOW
    # Day 0 is Monday 2 February; ten working days, skipping Imlek (16-17 February), end Wednesday 18th.
    assert request.notice_due_on == datetime.date(2026, 2, 18)
    [event] = submitted_events(request)
    assert event.payload["backdated"] is True
    assert event.note  # says how long after receipt it was recorded


def test_a_few_minutes_late_is_not_backdating(submit: Submit, desk: User) -> None:
    with frozen_now(NOW):
        request = submit(channel=Channel.WALK_IN, actor=desk, received_at=NOW - datetime.timedelta(minutes=5))

    [event] = submitted_events(request)
    assert event.payload["backdated"] is False


# --- double submission ----------------------------------------------------------------------


def test_the_same_submission_key_returns_the_same_request(submit: Submit) -> None:
    with frozen_now(NOW):
        first = submit(submission_key="form-4b1d")
        again = submit(submission_key="form-4b1d")

    assert again.pk == first.pk
    assert InformationRequest.objects.count() == 1
    assert Requester.objects.count() == 1
    assert len(submitted_events(first)) == 1


def test_different_submission_keys_make_different_requests(submit: Submit) -> None:
    with frozen_now(NOW):
        first = submit(submission_key="form-1")
        second = submit(submission_key="form-2")

    assert first.pk != second.pk


# --- rule set and first deadlines -----------------------------------------------------------


def test_a_normal_request_gets_ten_working_days_and_three_for_the_completeness_check(submit: Submit) -> None:
    with frozen_now(NOW):
        request = submit()

    assert request.rule_set.kind == RuleSetKind.NORMAL
    # Wed 4 Feb + 10 working days, skipping Imlek (cuti bersama Mon 16, holiday Tue 17 February).
    assert request.notice_due_on == datetime.date(2026, 2, 20)
    assert request.completeness_check_due_on == datetime.date(2026, 2, 9)  # + 3: Thu, Fri, Mon
    assert request.due_on == request.notice_due_on


def _stage(kind: str, *, all_offices: bool = False, offices: tuple[Office, ...] = ()) -> ElectionStage:
    stage = ElectionStage.objects.create(
        name=f"Tahapan {kind}",
        kind=kind,
        starts_on=datetime.date(2026, 1, 1),
        ends_on=datetime.date(2026, 6, 30),
        all_offices=all_offices,
    )
    stage.offices.set(offices)
    return stage


@pytest.mark.parametrize(
    "stage_kwargs",
    [
        {"kind": ElectionStageKind.PEMILU, "all_offices": True},
        {"kind": ElectionStageKind.PILKADA, "province": True},  # Jawa Barat covers Kota Bandung below it
        {"kind": ElectionStageKind.PILKADA, "self": True},
    ],
    ids=["pemilu-national", "pilkada-province", "pilkada-office"],
)
def test_during_an_election_stage_covering_the_office_the_election_set_applies(
    submit: Submit, office: Office, office_jabar: Office, stage_kwargs: dict[str, Any]
) -> None:
    covered = (office_jabar,) if stage_kwargs.get("province") else (office,) if stage_kwargs.get("self") else ()
    _stage(stage_kwargs["kind"], all_offices=stage_kwargs.get("all_offices", False), offices=covered)
    with frozen_now(NOW):
        request = submit()

    assert request.rule_set.kind == RuleSetKind.ELECTION
    assert request.notice_due_on == datetime.date(2026, 2, 9)  # Wed 4 Feb + 3 working days


def test_a_pilkada_in_another_province_does_not_apply(submit: Submit, office_jateng: Office) -> None:
    _stage(ElectionStageKind.PILKADA, offices=(office_jateng,))
    with frozen_now(NOW):
        here = submit()
        there = submit(office=office_jateng)

    assert here.rule_set.kind == RuleSetKind.NORMAL
    assert here.notice_due_on == datetime.date(2026, 2, 20)
    assert there.rule_set.kind == RuleSetKind.ELECTION


def test_a_stage_that_has_ended_does_not_apply(submit: Submit) -> None:
    _stage(ElectionStageKind.PEMILU, all_offices=True)
    with frozen_now(datetime.datetime(2026, 7, 1, 10, 0, tzinfo=WIB)):
        request = submit()

    assert request.rule_set.kind == RuleSetKind.NORMAL
