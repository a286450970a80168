"""The event table only grows: Python refuses changes, and so does the database underneath."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from ppid.events.models import AppendOnlyError, Event
from ppid.events.registry import register_event_type
from ppid.events.services import event_record
from ppid.offices.models import Office

pytestmark = pytest.mark.django_db

TEST_EVENT = register_event_type("test.happened", "Something happened in a test")


@pytest.fixture
def event(office_jabar: Office) -> Event:
    return event_record(
        event_type=TEST_EVENT, obj=office_jabar, actor=None, office=office_jabar,
        before={"name": "Lama"}, after={"name": "Baru"}, note="catatan",
    )  # fmt: skip


def test_it_records_an_event_with_its_object(event: Event, office_jabar: Office) -> None:
    stored = Event.objects.get(pk=event.pk)

    assert stored.event_type == TEST_EVENT
    assert stored.object_id == str(office_jabar.pk)
    assert stored.object_repr == office_jabar.name
    assert stored.office == office_jabar
    assert list(Event.objects.for_object(office_jabar)) == [stored]


def test_it_refuses_to_save_an_existing_event(event: Event) -> None:
    event.note = "diubah"

    with pytest.raises(AppendOnlyError):
        event.save()
    assert Event.objects.get(pk=event.pk).note == "catatan"


def test_it_refuses_to_delete_an_event(event: Event) -> None:
    with pytest.raises(AppendOnlyError):
        event.delete()
    assert Event.objects.filter(pk=event.pk).exists()


def test_it_refuses_a_queryset_update(event: Event) -> None:
    with pytest.raises(AppendOnlyError):
        Event.objects.filter(pk=event.pk).update(note="diubah")


def test_it_refuses_a_queryset_delete(event: Event) -> None:
    with pytest.raises(AppendOnlyError):
        Event.objects.all().delete()
    assert Event.objects.filter(pk=event.pk).exists()


def test_it_refuses_a_bulk_update(event: Event) -> None:
    event.note = "diubah"

    with pytest.raises(AppendOnlyError):
        Event.objects.bulk_update([event], ["note"])


def test_it_refuses_a_raw_sql_update_in_the_database(event: Event) -> None:
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE events_event SET note = %s WHERE id = %s", ["diubah", event.pk])

    assert Event.objects.get(pk=event.pk).note == "catatan"


def test_it_refuses_a_raw_sql_delete_in_the_database(event: Event) -> None:
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM events_event")

    assert Event.objects.filter(pk=event.pk).exists()


@pytest.mark.postgres_only
def test_it_refuses_truncate_on_postgresql(event: Event) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("TRUNCATE triggers exist only on PostgreSQL")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        # Check the deferred foreign keys first, or PostgreSQL refuses TRUNCATE for that reason instead.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("TRUNCATE events_event CASCADE")

    assert Event.objects.filter(pk=event.pk).exists()


def test_it_still_lets_the_database_insert_events(event: Event, office_jabar: Office) -> None:
    event_record(event_type=TEST_EVENT, obj=office_jabar, actor=None, office=office_jabar)

    assert Event.objects.filter(event_type=TEST_EVENT).count() == 2


def test_it_refuses_an_unregistered_event_type(office_jabar: Office) -> None:
    with pytest.raises(ValueError, match="Unregistered event type"):
        event_record(event_type="test.never_registered", obj=office_jabar, actor=None)
    assert not Event.objects.filter(event_type="test.never_registered").exists()


def test_it_refuses_to_register_an_undotted_event_type() -> None:
    with pytest.raises(ValueError, match="dotted"):
        register_event_type("happened", "Happened")


def test_it_lists_changed_fields_for_the_timeline(event: Event) -> None:
    # Field names as the model words them, in the active language (Indonesian by default).
    assert event.changes() == [("nama", "Lama", "Baru")]


def test_it_lists_fields_added_or_removed_and_skips_unchanged_ones(office_jabar: Office) -> None:
    event = event_record(
        event_type=TEST_EVENT, obj=office_jabar, actor=None,
        before={"phone": "022", "email": "lama@kpu.go.id", "website": ""},
        after={"phone": "022", "address": "Jl. Garut 11", "website": ""},
    )  # fmt: skip

    assert event.changes() == [("alamat", None, "Jl. Garut 11"), ("surel publik", "lama@kpu.go.id", None)]


def test_it_lists_no_changes_without_before_and_after(office_jabar: Office) -> None:
    event = event_record(event_type=TEST_EVENT, obj=None, actor=None, office=office_jabar)

    assert event.changes() == []
    assert event.object_id == ""


def test_it_stores_dates_as_text_a_reader_can_follow(office_jabar: Office) -> None:
    import datetime

    event = event_record(
        event_type=TEST_EVENT, obj=office_jabar, actor=None,
        before={"opens_at": datetime.time(8, 0)}, after={"opens_at": datetime.time(7, 30)},
    )  # fmt: skip

    assert Event.objects.get(pk=event.pk).changes() == [("jam buka", "08:00:00", "07:30:00")]


def test_it_labels_events_with_their_registered_label(event: Event) -> None:
    assert event.label == "Something happened in a test"


def test_it_shows_choice_labels_rather_than_codes(office_jabar: Office) -> None:
    event = event_record(
        event_type=TEST_EVENT, obj=office_jabar, actor=None, before={"level": "kabkota"}, after={"level": "provinsi"}
    )

    assert event.changes() == [("tingkat", "KPU Kabupaten/Kota", "KPU Provinsi")]
