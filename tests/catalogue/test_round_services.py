"""Collection rounds through the services: who may do each step (seed d.2, e.2, d.3, c.3, c.1),
what approval publishes, and the serta-merta, import and withdrawal paths (UU KIP Pasal 9-11)."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from ppid.accounts.models import User
from ppid.accounts.roles import Role
from ppid.catalogue.models import CollectionRound, InformationItem, ItemDocument, UnitList
from ppid.catalogue.services import (
    CatalogueStateError,
    ImportRejected,
    item_add_document,
    item_publish_immediately,
    item_review,
    item_update,
    item_withdraw,
    items_import,
    round_open,
    unit_list_add_new,
    unit_list_add_update,
    unit_list_approve,
    unit_list_arrange,
    unit_list_correct,
    unit_list_return,
    unit_list_submit,
)
from ppid.catalogue.workflow import Category, ItemStatus, ListStatus, RoundStatus
from ppid.events.models import Event
from ppid.offices.models import Office, WorkUnit
from tests.catalogue.conftest import SEARCHABLE_PDF, item_data, searchable_pdf


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


def pdf(name: str = "dokumen.pdf", text: str = "Rekapitulasi suara Coblong") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, searchable_pdf(text), content_type="application/pdf")


def test_opening_a_round_gives_every_active_unit_a_list(office: Office, ppid_officer: User) -> None:
    collection = round_open(
        office=office,
        actor=ppid_officer,
        name="Semester I 2027",
        due_on=timezone.localdate() + datetime.timedelta(days=7),
    )
    assert collection.unit_lists.count() == office.work_units.filter(is_active=True).count()
    assert set(collection.unit_lists.values_list("status", flat=True)) == {ListStatus.OPEN}
    with pytest.raises(ValidationError):  # the same name twice
        round_open(office=office, actor=ppid_officer, name="Semester I 2027", due_on=timezone.localdate())


@pytest.mark.parametrize("role", [Role.ATASAN, Role.TIM_PENGHUBUNG, Role.DESK, Role.PEMBINA])
def test_only_the_ppid_opens_a_round(office: Office, staff: Callable[..., User], unit: WorkUnit, role: str) -> None:
    extra = {"work_unit": unit} if role == Role.TIM_PENGHUBUNG else {}
    with pytest.raises(PermissionDenied):
        round_open(office=office, actor=staff(role, office, **extra), name="X", due_on=timezone.localdate())


def test_a_whole_round_publishes_new_items_and_applies_updates(
    unit_list: UnitList,
    liaison: User,
    ppid_officer: User,
    atasan: User,
    unit: WorkUnit,
    publish: Callable[..., InformationItem],
    office: Office,
) -> None:
    entry = unit_list_add_new(unit_list=unit_list, actor=liaison, data=item_data(unit), upload=pdf())
    assert entry.item.status == ItemStatus.DRAFT and entry.item.documents.get().version == 1
    unit_list_submit(unit_list=unit_list, actor=liaison)
    unit_list_arrange(unit_list=unit_list, actor=ppid_officer, note="Disimpan di arsip digital.")
    corrected = unit_list_correct(
        entry=entry, actor=atasan, changes={"title": "DPT Pemilu 2024 per kecamatan"}, correction="Judul dipersingkat."
    )
    assert corrected.correction == "Judul dipersingkat."
    approved = unit_list_approve(unit_list=unit_list, actor=atasan)

    item = InformationItem.objects.get(pk=entry.item.pk)
    assert (approved.status, item.status, item.title) == (
        ListStatus.APPROVED,
        ItemStatus.PUBLISHED,
        "DPT Pemilu 2024 per kecamatan",
    )
    assert item.refreshed_on == timezone.localdate() and approved.sent_to_advisory_at is not None
    types = set(Event.objects.for_object(approved).values_list("event_type", flat=True))
    assert {
        "dip.list_submitted",
        "dip.list_arranged",
        "dip.list_corrected",
        "dip.list_approved",
        "dip.list_sent_to_advisory",
    } <= types
    collection = CollectionRound.objects.get(pk=unit_list.round_id)
    assert collection.status == RoundStatus.OPEN  # other units' lists are still open

    # The next round: the unit proposes an update of its published item with a new document.
    later = round_open(office=office, actor=ppid_officer, name="Semester I 2027", due_on=timezone.localdate())
    next_list = later.unit_lists.get(work_unit=unit)
    update = unit_list_add_update(
        unit_list=next_list,
        actor=liaison,
        item=item,
        changes={"summary": "Diperbarui: DPT hasil perbaikan."},
        upload=pdf("v2.pdf"),
    )
    item.refresh_from_db()
    assert item.summary != "Diperbarui: DPT hasil perbaikan."  # published values stay until approval
    assert item.documents.count() == 2
    unit_list_submit(unit_list=next_list, actor=liaison)
    unit_list_arrange(unit_list=next_list, actor=ppid_officer)
    unit_list_approve(unit_list=next_list, actor=atasan)
    item.refresh_from_db()
    assert item.summary == "Diperbarui: DPT hasil perbaikan." and update.kind == "update"


def test_each_step_belongs_to_its_role(
    unit_list: UnitList,
    liaison: User,
    ppid_officer: User,
    atasan: User,
    unit: WorkUnit,
    staff: Callable[..., User],
    office: Office,
) -> None:
    other_unit = office.work_units.exclude(pk=unit.pk).filter(is_legal_unit=False).first()
    other_liaison = staff(Role.TIM_PENGHUBUNG, office, work_unit=other_unit)
    with pytest.raises(PermissionDenied):  # e.2: only the unit's own liaison team
        unit_list_add_new(unit_list=unit_list, actor=other_liaison, data=item_data(unit))
    with pytest.raises(PermissionDenied):
        unit_list_add_new(unit_list=unit_list, actor=ppid_officer, data=item_data(unit))
    entry = unit_list_add_new(unit_list=unit_list, actor=liaison, data=item_data(unit))
    with pytest.raises(PermissionDenied):
        unit_list_submit(unit_list=unit_list, actor=ppid_officer)
    unit_list_submit(unit_list=unit_list, actor=liaison)
    for actor in (liaison, atasan):  # d.3: the PPID arranges
        with pytest.raises(PermissionDenied):
            unit_list_arrange(unit_list=unit_list, actor=actor)
    unit_list_arrange(unit_list=unit_list, actor=ppid_officer)
    with pytest.raises(PermissionDenied):  # c.3: the Atasan corrects
        unit_list_correct(entry=entry, actor=ppid_officer, changes={"title": "x"}, correction="x")
    for actor in (ppid_officer, liaison):  # c.1: the Atasan approves
        with pytest.raises(PermissionDenied):
            unit_list_approve(unit_list=unit_list, actor=actor)
    provincial_atasan = staff(Role.ATASAN, Office.objects.get(code="32"))
    with pytest.raises(PermissionDenied):  # a parent office monitors, never approves
        unit_list_approve(unit_list=unit_list, actor=provincial_atasan)


def test_steps_out_of_order_are_refused(unit_list: UnitList, liaison: User, ppid_officer: User, atasan: User) -> None:
    with pytest.raises(CatalogueStateError):
        unit_list_arrange(unit_list=unit_list, actor=ppid_officer)
    with pytest.raises(CatalogueStateError):
        unit_list_approve(unit_list=unit_list, actor=atasan)
    unit_list_submit(unit_list=unit_list, actor=liaison, note="Tidak ada informasi baru.")
    with pytest.raises(CatalogueStateError):
        unit_list_submit(unit_list=unit_list, actor=liaison)


def test_a_list_sent_back_opens_again_with_the_reason(unit_list: UnitList, liaison: User, ppid_officer: User) -> None:
    unit_list_submit(unit_list=unit_list, actor=liaison)
    with pytest.raises(ValidationError):
        unit_list_return(unit_list=unit_list, actor=ppid_officer, note=" ")
    back = unit_list_return(unit_list=unit_list, actor=ppid_officer, note="Lampirkan dokumen DPT.")
    assert back.status == ListStatus.OPEN and back.note == "Lampirkan dokumen DPT."


def test_no_one_makes_information_exempt_through_the_dip(unit_list: UnitList, liaison: User, unit: WorkUnit) -> None:
    with pytest.raises(ValidationError) as error:
        unit_list_add_new(unit_list=unit_list, actor=liaison, data=item_data(unit, category=Category.DIKECUALIKAN))
    assert "consequence test" in str(error.value)


def test_setiap_saat_items_name_their_pasal_11_type(unit_list: UnitList, liaison: User, unit: WorkUnit) -> None:
    with pytest.raises(ValidationError) as error:
        unit_list_add_new(unit_list=unit_list, actor=liaison, data=item_data(unit, category=Category.SETIAP_SAAT))
    assert "on_demand_type" in error.value.message_dict
    entry = unit_list_add_new(
        unit_list=unit_list, actor=liaison, data=item_data(unit, category=Category.SETIAP_SAAT, on_demand_type="g")
    )
    assert entry.item.on_demand_type == "g"


def test_serta_merta_is_published_at_once_and_reviewed_after(
    office: Office, ppid_officer: User, atasan: User, unit: WorkUnit, liaison: User
) -> None:
    data = item_data(unit, category=Category.SERTA_MERTA, title="Peringatan banjir di gudang logistik")
    with pytest.raises(PermissionDenied):
        item_publish_immediately(office=office, actor=liaison, data=data)
    with pytest.raises(ValidationError):
        item_publish_immediately(office=office, actor=ppid_officer, data=item_data(unit))  # not serta-merta
    item = item_publish_immediately(office=office, actor=ppid_officer, data=data, upload=pdf())
    assert (item.status, item.awaiting_review) == (ItemStatus.PUBLISHED, True)
    with pytest.raises(PermissionDenied):
        item_review(item=item, actor=ppid_officer)
    reviewed = item_review(item=item, actor=atasan, note="Sesuai.")
    assert not reviewed.awaiting_review
    with pytest.raises(CatalogueStateError):
        item_review(item=reviewed, actor=atasan)


def test_the_ppid_corrects_documents_and_withdraws(
    publish: Callable[..., InformationItem], ppid_officer: User, liaison: User
) -> None:
    item = publish()
    changed = item_update(item=item, actor=ppid_officer, changes={"tags": "pemilih, DPT, kecamatan"}, note="Tag")
    assert "kecamatan" in changed.search_text
    with pytest.raises(PermissionDenied):  # once published, only the PPID adds versions
        item_add_document(item=item, actor=liaison, upload=pdf())
    document = item_add_document(item=item, actor=ppid_officer, upload=pdf("v2.pdf", "Perbaikan DPT Sukajadi"))
    assert document.version == 2 and len(document.sha256) == 64
    assert "Sukajadi" in InformationItem.objects.get(pk=item.pk).search_text
    with pytest.raises(ValidationError):
        item_withdraw(item=item, actor=ppid_officer, reason="")
    withdrawn = item_withdraw(item=item, actor=ppid_officer, reason="Digantikan dokumen baru.")
    assert withdrawn.status == ItemStatus.WITHDRAWN
    with pytest.raises(CatalogueStateError):
        item_update(item=withdrawn, actor=ppid_officer, changes={"tags": "x"})


def test_documents_are_checked_and_versions_never_overwritten(
    unit_list: UnitList, liaison: User, unit: WorkUnit, ppid_officer: User
) -> None:
    with pytest.raises(ValidationError):
        unit_list_add_new(
            unit_list=unit_list, actor=liaison, data=item_data(unit), upload=SimpleUploadedFile("x.exe", b"MZ\x90\x00")
        )
    assert not InformationItem.objects.exists()  # nothing half-made
    entry = unit_list_add_new(
        unit_list=unit_list, actor=liaison, data=item_data(unit), url="https://jdih.kpu.go.id/dpt"
    )
    item_add_document(item=entry.item, actor=liaison, upload=SimpleUploadedFile("a.pdf", SEARCHABLE_PDF))
    versions = list(ItemDocument.objects.filter(item=entry.item).order_by("version").values_list("version", "url"))
    assert versions == [(1, "https://jdih.kpu.go.id/dpt"), (2, "")]


def test_an_import_is_all_or_nothing(office: Office, ppid_officer: User, unit: WorkUnit, liaison: User) -> None:
    good = item_data(unit, title="Profil KPU Kota Bandung")
    bad = item_data(unit, title="", category=Category.SETIAP_SAAT)
    with pytest.raises(ImportRejected) as rejected:
        items_import(office=office, actor=ppid_officer, rows=[good, bad], source_name="dip-2025.xlsx")
    assert rejected.value.problems[0][0] == 3 and {"title", "on_demand_type"} <= set(rejected.value.problems[0][1])
    assert not InformationItem.objects.exists()
    with pytest.raises(PermissionDenied):
        items_import(office=office, actor=liaison, rows=[good], source_name="x.xlsx")
    created = items_import(office=office, actor=ppid_officer, rows=[good], source_name="dip-2025.xlsx")
    assert [InformationItem.objects.get(pk=i.pk).status for i in created] == [ItemStatus.PUBLISHED]


def test_the_item_data_must_belong_to_the_office(unit_list: UnitList, liaison: User) -> None:
    foreign_unit = Office.objects.get(code="32").work_units.first()
    assert foreign_unit is not None
    with pytest.raises(ValidationError):
        unit_list_add_new(unit_list=unit_list, actor=liaison, data=item_data(foreign_unit))


def test_stale_after_the_refresh_period(publish: Callable[..., InformationItem]) -> None:
    item = publish()
    today = timezone.localdate()
    assert not item.is_stale(today, 6)
    assert item.is_stale(today + datetime.timedelta(days=190), 6)
    assert not item.is_stale(today + datetime.timedelta(days=190), None)  # categories without a period


def test_an_import_refuses_items_already_listed_and_text_too_long(
    office: Office, ppid_officer: User, unit: WorkUnit
) -> None:
    first = item_data(unit, title="Profil KPU Kota Bandung")
    items_import(office=office, actor=ppid_officer, rows=[first], source_name="a.xlsx")
    with pytest.raises(ImportRejected) as rejected:
        items_import(
            office=office,
            actor=ppid_officer,
            rows=[item_data(unit, title="Baru"), first, item_data(unit, title="x" * 301)],
            source_name="b.xlsx",
        )
    assert [(row, sorted(fields)) for row, fields in rejected.value.problems] == [(3, ["title"]), (4, ["title"])]
    assert InformationItem.objects.count() == 1
