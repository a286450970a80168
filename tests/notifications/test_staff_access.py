"""Who sees the outbox and may send a message again: the PPID and administrators of the office."""

from __future__ import annotations

import smtplib
from collections.abc import Callable
from typing import Any
from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from ppid.accounts.models import User
from ppid.accounts.roles import Role
from ppid.events.models import Event
from ppid.notifications.models import OutboxMessage, OutboxStatus
from ppid.notifications.services import MAX_ATTEMPTS, outbox_enqueue, outbox_retry, outbox_visible_to
from ppid.offices.models import Office

pytestmark = pytest.mark.django_db


def failed_message(office: Office | None, subject: str = "Pengingat tenggat") -> OutboxMessage:
    message = outbox_enqueue(to=["ppid@example.org"], subject=subject, body="…", office=office)
    OutboxMessage.objects.filter(pk=message.pk).update(
        status=OutboxStatus.FAILED, attempts=MAX_ATTEMPTS, last_error="SMTPServerDisconnected"
    )
    message.refresh_from_db()
    return message


@pytest.fixture
def messages(office: Office, office_jateng: Office) -> dict[str, OutboxMessage]:
    return {
        "bandung": failed_message(office, "Bandung"),
        "jateng": failed_message(office_jateng, "Jateng"),
        "system": failed_message(None, "Sistem"),
    }


def visible(user: Any) -> set[str]:
    return set(outbox_visible_to(user).values_list("subject", flat=True))


def test_the_ppid_sees_the_messages_of_their_office_only(
    messages: dict[str, OutboxMessage], ppid_officer: User
) -> None:
    assert visible(ppid_officer) == {"Bandung"}


def test_the_parent_office_ppid_monitors_its_children(
    messages: dict[str, OutboxMessage], staff: Callable[..., User], office_jabar: Office
) -> None:
    assert visible(staff(Role.PPID, office_jabar)) == {"Bandung"}


def test_a_national_sysadmin_sees_every_message(
    messages: dict[str, OutboxMessage], staff: Callable[..., User], office_ri: Office
) -> None:
    assert visible(staff(Role.SYSADMIN, office_ri)) == {"Bandung", "Jateng", "Sistem"}


def test_the_desk_and_outsiders_see_none(messages: dict[str, OutboxMessage], desk: User, requester_user: User) -> None:
    assert visible(desk) == set()
    assert visible(requester_user) == set()


def test_retry_sends_a_failed_message_again_and_records_who_did_it(
    messages: dict[str, OutboxMessage], ppid_officer: User
) -> None:
    message = messages["bandung"]

    assert outbox_retry(messages=[message], actor=ppid_officer) == 1

    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT
    assert len(mail.outbox) == 1
    [event] = Event.objects.for_object(message)
    assert event.event_type == "outbox.retried"
    assert event.actor == ppid_officer
    assert event.before == {"status": "failed", "attempts": MAX_ATTEMPTS}


def test_a_retry_that_fails_again_starts_a_fresh_series_of_attempts(
    messages: dict[str, OutboxMessage], ppid_officer: User
) -> None:
    message = messages["bandung"]
    with mock.patch("django.core.mail.EmailMessage.send", side_effect=smtplib.SMTPException("down")):
        outbox_retry(messages=[message], actor=ppid_officer)

    message.refresh_from_db()
    assert message.status == OutboxStatus.QUEUED
    assert message.attempts == 1
    assert "down" in message.last_error


def test_retry_of_another_office_s_message_is_refused(messages: dict[str, OutboxMessage], ppid_officer: User) -> None:
    with pytest.raises(PermissionDenied):
        outbox_retry(messages=[messages["bandung"], messages["jateng"]], actor=ppid_officer)

    assert OutboxMessage.objects.filter(status=OutboxStatus.FAILED).count() == 3


@pytest.fixture
def ppid_admin_client(ppid_officer: User) -> Client:
    ppid_officer.is_staff = True
    ppid_officer.save()
    client = Client()
    client.force_login(ppid_officer)
    return client


def test_the_admin_lists_failures_filtered_by_status(
    messages: dict[str, OutboxMessage], ppid_admin_client: Client
) -> None:
    url = reverse("admin:notifications_outboxmessage_changelist")

    response = ppid_admin_client.get(url, {"status__exact": "failed"})

    assert response.status_code == 200
    content = response.content.decode()
    assert "Bandung" in content
    assert "Jateng" not in content


def test_the_admin_hides_other_offices_messages(messages: dict[str, OutboxMessage], ppid_admin_client: Client) -> None:
    url = reverse("admin:notifications_outboxmessage_change", args=[messages["jateng"].pk])

    response = ppid_admin_client.get(url)

    assert response.status_code in (302, 403, 404)


def test_the_admin_action_retries_through_the_service(
    messages: dict[str, OutboxMessage], ppid_admin_client: Client
) -> None:
    url = reverse("admin:notifications_outboxmessage_changelist")
    message = messages["bandung"]

    response = ppid_admin_client.post(url, {"action": "retry_now", "_selected_action": [message.pk]})

    assert response.status_code == 302
    message.refresh_from_db()
    assert message.status == OutboxStatus.SENT
    assert Event.objects.for_object(message).filter(event_type="outbox.retried").count() == 1


def test_the_desk_cannot_open_the_outbox_admin(messages: dict[str, OutboxMessage], desk: User) -> None:
    desk.is_staff = True
    desk.save()
    client = Client()
    client.force_login(desk)

    response = client.get(reverse("admin:notifications_outboxmessage_changelist"))

    assert response.status_code == 403


def test_messages_are_never_deleted_from_the_admin(
    messages: dict[str, OutboxMessage], ppid_admin_client: Client
) -> None:
    url = reverse("admin:notifications_outboxmessage_delete", args=[messages["bandung"].pk])

    response = ppid_admin_client.post(url, {"post": "yes"})

    assert response.status_code == 403
    assert OutboxMessage.objects.filter(pk=messages["bandung"].pk).exists()
