"""Staff pages of collection rounds and unit lists: who may open, propose, submit, arrange, correct,
return and approve (seed d.2, e.2, d.3, c.3, c.1); other units, other offices and parent offices;
bad input and refused uploads keep what was typed; the staff-home panel; constant query counts."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

import ppid.catalogue.worklist  # noqa: F401  (registers the staff-home panel, as apps.py will)
from ppid.accounts.models import User
from ppid.accounts.roles import Role
from ppid.catalogue.models import CollectionRound, InformationItem, ItemDocument, RoundEntry, UnitList
from ppid.catalogue.services import (
    item_publish_immediately,
    unit_list_add_new,
    unit_list_arrange,
    unit_list_submit,
)
from ppid.catalogue.workflow import Category, EntryKind, ItemStatus, ListStatus, RoundStatus
from ppid.offices.models import Office, WorkUnit
from tests.catalogue.conftest import SEARCHABLE_PDF, item_data
from tests.legal.test_objection_staff_views import logged_in

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with translation.override("en"):
        yield


@pytest.fixture
def other_unit(office: Office, unit: WorkUnit) -> WorkUnit:
    found = office.work_units.filter(is_legal_unit=False).exclude(pk=unit.pk).order_by("name").first()
    assert found is not None
    return found


@pytest.fixture
def other_liaison(staff: Callable[..., User], office: Office, other_unit: WorkUnit) -> User:
    return staff(Role.TIM_PENGHUBUNG, office, work_unit=other_unit)


def pdf(name: str = "dpt.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, SEARCHABLE_PDF, content_type="application/pdf")


def item_post(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "title": "Rekapitulasi DPT per kecamatan",
        "summary": "Jumlah pemilih tetap di setiap kecamatan.",
        "category": Category.BERKALA,
        "on_demand_type": "",
        "mandatory_item": "",
        "responsible_official": "Kepala Subbagian Perencanaan",
        "made_when": "Januari 2024",
        "made_where": "Bandung",
        "format": "PDF",
        "retention_period": "10 tahun",
        "year": 2024,
        "tags": "DPT",
        "note": "",
    }
    data.update(overrides)
    return data


def list_url(unit_list: UnitList, suffix: str = "") -> str:
    return f"/staf/dip/daftar-unit/{unit_list.pk}/{suffix}"


def step(client: Client, unit_list: UnitList, name: str, **data: str) -> Any:
    return client.post(list_url(unit_list, f"aksi/{name}/"), {f"{name}-{k}": v for k, v in data.items()})


def due(days: int = 14) -> str:
    return (timezone.localdate() + datetime.timedelta(days=days)).isoformat()


# --- opening a round (d.2) ---


def test_the_ppid_opens_a_round_and_every_unit_gets_a_list(office: Office, ppid_officer: User) -> None:
    client = logged_in(ppid_officer)
    assert client.get("/staf/dip/penghimpunan/baru/").status_code == 200
    response = client.post("/staf/dip/penghimpunan/baru/", {"kantor": office.pk, "name": "Semester I", "due_on": due()})
    collection = CollectionRound.objects.get(office=office, name="Semester I")
    assert response.status_code == 302 and response["Location"] == f"/staf/dip/penghimpunan/{collection.pk}/"
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert collection.unit_lists.count() == office.work_units.filter(is_active=True).count()
    for unit_list in collection.unit_lists.select_related("work_unit"):
        assert unit_list.work_unit.name in page.content.decode()


def test_a_past_date_is_refused_and_the_name_kept(office: Office, ppid_officer: User) -> None:
    yesterday = (timezone.localdate() - datetime.timedelta(days=3)).isoformat()
    response = logged_in(ppid_officer).post(
        "/staf/dip/penghimpunan/baru/", {"kantor": office.pk, "name": "Semester Lalu", "due_on": yesterday}
    )
    assert response.status_code == 200
    assert "The date for the units cannot be in the past." in response.content.decode()
    assert 'value="Semester Lalu"' in response.content.decode()
    assert not CollectionRound.objects.filter(name="Semester Lalu").exists()


@pytest.mark.parametrize("role", [Role.ATASAN, Role.TIM_PENGHUBUNG, Role.DESK, Role.PEMBINA])
def test_only_the_ppid_may_open_a_round(office: Office, staff: Callable[..., User], unit: WorkUnit, role: str) -> None:
    user = staff(role, office, **({"work_unit": unit} if role == Role.TIM_PENGHUBUNG else {}))
    client = logged_in(user)
    assert client.get("/staf/dip/penghimpunan/baru/").status_code == 403
    post = client.post("/staf/dip/penghimpunan/baru/", {"kantor": office.pk, "name": "X", "due_on": due()})
    assert post.status_code == 403
    assert not CollectionRound.objects.filter(name="X").exists()


def test_a_ppid_cannot_open_a_round_for_another_office(
    office: Office, office_jateng: Office, staff: Callable[..., User]
) -> None:
    jateng_ppid = staff(Role.PPID, office_jateng)
    response = logged_in(jateng_ppid).post(
        "/staf/dip/penghimpunan/baru/", {"kantor": office.pk, "name": "Nyusup", "due_on": due()}
    )
    assert response.status_code == 200  # the office is not a choice: a form error, nothing opened
    assert not CollectionRound.objects.filter(name="Nyusup").exists()


def test_staff_pages_need_a_login(open_round: CollectionRound, unit_list: UnitList) -> None:
    client = Client()
    for url in ("/staf/dip/penghimpunan/", f"/staf/dip/penghimpunan/{open_round.pk}/", list_url(unit_list)):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/masuk/")


def test_rounds_are_seen_by_the_office_and_its_parents_only(
    open_round: CollectionRound,
    unit_list: UnitList,
    office_jabar: Office,
    office_jateng: Office,
    staff: Callable[..., User],
    liaison: User,
) -> None:
    parent = logged_in(staff(Role.PPID, office_jabar))
    stranger = logged_in(staff(Role.PPID, office_jateng))
    assert open_round.name in logged_in(liaison).get("/staf/dip/penghimpunan/").content.decode()
    assert open_round.name in parent.get("/staf/dip/penghimpunan/").content.decode()
    assert open_round.name not in stranger.get("/staf/dip/penghimpunan/").content.decode()
    assert parent.get(f"/staf/dip/penghimpunan/{open_round.pk}/").status_code == 200
    assert stranger.get(f"/staf/dip/penghimpunan/{open_round.pk}/").status_code == 404
    assert stranger.get(list_url(unit_list)).status_code == 404


def test_the_rounds_list_costs_the_same_queries_for_more_rounds(office: Office, ppid_officer: User) -> None:
    from ppid.catalogue.services import round_open

    client = logged_in(ppid_officer)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/staf/dip/penghimpunan/").status_code == 200
        return len(queries)

    round_open(office=office, actor=ppid_officer, name="R1", due_on=timezone.localdate())
    few = count()
    for n in range(2, 6):
        round_open(office=office, actor=ppid_officer, name=f"R{n}", due_on=timezone.localdate())
    assert count() == few


# --- the liaison team proposes (e.2) ---


def test_the_liaison_team_proposes_a_new_item_with_its_document(unit_list: UnitList, liaison: User) -> None:
    client = logged_in(liaison)
    page = client.get(list_url(unit_list)).content.decode()
    assert "Propose a new item" in page and "Submit the list to the PPID" in page
    assert client.get(list_url(unit_list, "usulan-baru/")).status_code == 200
    response = client.post(list_url(unit_list, "usulan-baru/"), {**item_post(), "file": pdf()})
    assert response.status_code == 302
    entry = RoundEntry.objects.get(unit_list=unit_list)
    assert entry.kind == EntryKind.NEW and entry.item.status == ItemStatus.DRAFT
    assert entry.item.work_unit_id == unit_list.work_unit_id
    document = ItemDocument.objects.get(item=entry.item)
    assert document.version == 1 and len(document.sha256) == 64
    assert "Coblong" in InformationItem.objects.get(pk=entry.item.pk).search_text


def test_a_file_that_is_not_a_pdf_is_refused_and_the_typed_values_kept(unit_list: UnitList, liaison: User) -> None:
    fake = SimpleUploadedFile("dpt.pdf", b"MZ\x90\x00 not a pdf at all", content_type="application/pdf")
    response = logged_in(liaison).post(
        list_url(unit_list, "usulan-baru/"), {**item_post(title="Judul yang diketik"), "file": fake}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "is not a PDF, JPEG or PNG file" in body
    assert 'value="Judul yang diketik"' in body
    assert "choose your files again" in body
    assert not RoundEntry.objects.exists()


def test_a_file_over_the_size_limit_is_refused(unit_list: UnitList, liaison: User, settings: Any) -> None:
    settings.MAX_UPLOAD_MB = 0
    response = logged_in(liaison).post(list_url(unit_list, "usulan-baru/"), {**item_post(), "file": pdf()})
    assert response.status_code == 200 and "larger than 0 MB" in response.content.decode()
    assert not RoundEntry.objects.exists()


def test_a_setiap_saat_item_without_its_type_is_refused_with_the_service_message(
    unit_list: UnitList, liaison: User
) -> None:
    response = logged_in(liaison).post(
        list_url(unit_list, "usulan-baru/"), item_post(category=Category.SETIAP_SAAT, summary="Ringkasan diketik")
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Say which type of Pasal 11 ayat (1) it is (a-h)." in body
    assert "Ringkasan diketik" in body
    assert not RoundEntry.objects.exists()


def test_exempt_is_not_a_category_a_unit_can_choose(unit_list: UnitList, liaison: User) -> None:
    client = logged_in(liaison)
    assert 'value="dikecualikan"' not in client.get(list_url(unit_list, "usulan-baru/")).content.decode()
    response = client.post(list_url(unit_list, "usulan-baru/"), item_post(category=Category.DIKECUALIKAN))
    assert response.status_code == 200 and not RoundEntry.objects.exists()


def test_another_units_liaison_team_sees_the_list_but_cannot_act(
    unit_list: UnitList, other_liaison: User, liaison: User, unit: WorkUnit
) -> None:
    client = logged_in(other_liaison)
    page = client.get(list_url(unit_list))
    assert page.status_code == 200
    assert "Propose a new item" not in page.content.decode() and "/aksi/" not in page.content.decode()
    assert client.get(list_url(unit_list, "usulan-baru/")).status_code == 403
    assert client.post(list_url(unit_list, "usulan-baru/"), item_post()).status_code == 403
    assert step(client, unit_list, "submit").status_code == 403
    unit_list.refresh_from_db()
    assert unit_list.status == ListStatus.OPEN and not unit_list.entries.exists()


def test_the_unit_proposes_an_update_that_waits_for_approval(
    publish: Callable[..., InformationItem], office: Office, ppid_officer: User, liaison: User, unit: WorkUnit
) -> None:
    item = publish()
    from ppid.catalogue.services import round_open

    later = round_open(office=office, actor=ppid_officer, name="Semester berikut", due_on=timezone.localdate())
    next_list = later.unit_lists.get(work_unit=unit)
    client = logged_in(liaison)
    assert item.title in client.get(list_url(next_list)).content.decode()  # offered in the update choice
    url = list_url(next_list, f"usulan-pembaruan/?informasi={item.pk}")
    form = client.get(url)
    assert form.status_code == 200 and item.summary in form.content.decode()
    unchanged = client.post(url, item_post(title=item.title, summary=item.summary, **same_values(item)))
    assert "Change at least one value or add a new document version." in unchanged.content.decode()
    response = client.post(url, item_post(title=item.title, summary="Ringkasan baru.", **same_values(item)))
    assert response.status_code == 302
    entry = RoundEntry.objects.get(unit_list=next_list)
    assert entry.kind == EntryKind.UPDATE and entry.proposed == {"summary": "Ringkasan baru."}
    item.refresh_from_db()
    assert item.summary != "Ringkasan baru."  # applied only when the Atasan PPID approves
    page = client.get(list_url(next_list)).content.decode()
    assert "Ringkasan baru." in page


def same_values(item: InformationItem) -> dict[str, Any]:
    return {
        "category": item.category,
        "responsible_official": item.responsible_official,
        "made_when": item.made_when,
        "made_where": item.made_where,
        "format": item.format,
        "retention_period": item.retention_period,
        "year": item.year,
        "tags": item.tags,
    }


def test_a_unit_cannot_propose_an_update_of_another_units_item(
    unit_list: UnitList, liaison: User, office: Office, ppid_officer: User, other_unit: WorkUnit
) -> None:
    theirs = item_publish_immediately(
        office=office, actor=ppid_officer, data=item_data(other_unit, category=Category.SERTA_MERTA)
    )
    response = logged_in(liaison).get(list_url(unit_list, f"usulan-pembaruan/?informasi={theirs.pk}"))
    assert response.status_code == 404


# --- submit, return, arrange (e.2, d.3) ---


def test_the_ppid_returns_with_a_note_and_then_arranges(
    unit_list: UnitList, liaison: User, ppid_officer: User, unit: WorkUnit
) -> None:
    unit_list_add_new(unit_list=unit_list, actor=liaison, data=item_data(unit))
    assert step(logged_in(liaison), unit_list, "submit", note="Lengkap.").status_code == 302
    unit_list.refresh_from_db()
    assert unit_list.status == ListStatus.SUBMITTED
    ppid = logged_in(ppid_officer)
    page = ppid.get(list_url(unit_list)).content.decode()
    assert "Return the list to the unit" in page and "Arranged and stored" in page
    empty = step(ppid, unit_list, "return", note="")
    assert empty.status_code == 200 and "Say what the unit must fix." in empty.content.decode()
    assert step(ppid, unit_list, "return", note="Lampirkan dokumen.").status_code == 302
    unit_list.refresh_from_db()
    assert unit_list.status == ListStatus.OPEN and unit_list.note == "Lampirkan dokumen."
    unit_list_submit(unit_list=unit_list, actor=liaison)
    assert step(ppid, unit_list, "arrange").status_code == 302
    unit_list.refresh_from_db()
    assert unit_list.status == ListStatus.ARRANGED


@pytest.mark.parametrize("who", ["liaison", "atasan", "desk"])
def test_only_the_ppid_arranges(
    unit_list: UnitList, liaison: User, atasan: User, staff: Callable[..., User], office: Office, who: str
) -> None:
    unit_list_submit(unit_list=unit_list, actor=liaison)
    user = {"liaison": liaison, "atasan": atasan, "desk": staff(Role.DESK, office)}[who]
    assert step(logged_in(user), unit_list, "arrange").status_code == 403
    unit_list.refresh_from_db()
    assert unit_list.status == ListStatus.SUBMITTED


def test_a_step_overtaken_by_someone_else_is_a_message_not_an_error(
    unit_list: UnitList, liaison: User, ppid_officer: User
) -> None:
    client = logged_in(liaison)
    assert step(client, unit_list, "submit").status_code == 302
    again = step(client, unit_list, "submit")  # a second tab, the list has moved on
    assert again.status_code == 200 and "this step is not possible any more" in again.content.decode()


def test_the_ppid_edits_a_proposed_item_while_the_list_is_with_it(
    unit_list: UnitList, liaison: User, ppid_officer: User, atasan: User, unit: WorkUnit
) -> None:
    entry = unit_list_add_new(unit_list=unit_list, actor=liaison, data=item_data(unit))
    unit_list_submit(unit_list=unit_list, actor=liaison)
    url = f"/staf/dip/entri/{entry.pk}/ubah/"
    assert logged_in(atasan).get(url).status_code == 403
    assert logged_in(liaison).post(url, item_post(work_unit=unit.pk)).status_code == 403
    ppid = logged_in(ppid_officer)
    assert "Arrange" in ppid.get(list_url(unit_list)).content.decode()
    bad = ppid.post(url, {**_entry_values(entry.item), "title": "", "summary": "Diketik PPID"})
    assert bad.status_code == 200 and "Diketik PPID" in bad.content.decode()
    response = ppid.post(url, {**_entry_values(entry.item), "title": "Judul dirapikan", "note": "Ejaan."})
    assert response.status_code == 302
    entry.item.refresh_from_db()
    assert entry.item.title == "Judul dirapikan"


def _entry_values(item: InformationItem) -> dict[str, Any]:
    return {**item_post(title=item.title, summary=item.summary, **same_values(item)), "work_unit": item.work_unit_id}


# --- correct, return, approve (c.3, c.1) ---


@pytest.fixture
def arranged(unit_list: UnitList, liaison: User, ppid_officer: User, unit: WorkUnit) -> RoundEntry:
    entry = unit_list_add_new(unit_list=unit_list, actor=liaison, data=item_data(unit), upload=pdf())
    unit_list_submit(unit_list=unit_list, actor=liaison)
    unit_list_arrange(unit_list=unit_list, actor=ppid_officer)
    return entry


def test_the_atasan_corrects_an_entry_with_a_note(arranged: RoundEntry, atasan: User, ppid_officer: User) -> None:
    url = f"/staf/dip/entri/{arranged.pk}/koreksi/"
    assert logged_in(ppid_officer).get(url).status_code == 403
    client = logged_in(atasan)
    values = {**_entry_values(arranged.item), "title": "Judul dikoreksi"}
    missing_note = client.post(url, values)
    assert missing_note.status_code == 200
    assert "Say what was corrected and why." in missing_note.content.decode()
    assert 'value="Judul dikoreksi"' in missing_note.content.decode()
    response = client.post(url, {**values, "correction": "Judul terlalu panjang."})
    assert response.status_code == 302
    arranged.refresh_from_db()
    arranged.item.refresh_from_db()
    assert arranged.correction == "Judul terlalu panjang." and arranged.item.title == "Judul dikoreksi"


def test_the_atasan_approves_and_the_items_are_published(
    arranged: RoundEntry, atasan: User, ppid_officer: User, liaison: User
) -> None:
    unit_list = arranged.unit_list
    for user in (ppid_officer, liaison):
        assert step(logged_in(user), unit_list, "approve").status_code == 403
    client = logged_in(atasan)
    page = client.get(list_url(unit_list)).content.decode()
    assert "Approve and publish the list" in page and "Correct" in page
    assert step(client, unit_list, "approve").status_code == 302
    unit_list.refresh_from_db()
    arranged.item.refresh_from_db()
    assert unit_list.status == ListStatus.APPROVED and unit_list.sent_to_advisory_at is not None
    assert arranged.item.status == ItemStatus.PUBLISHED


def test_the_atasan_returns_an_arranged_list(arranged: RoundEntry, atasan: User) -> None:
    assert step(logged_in(atasan), arranged.unit_list, "return", note="Kategori salah.").status_code == 302
    arranged.unit_list.refresh_from_db()
    assert arranged.unit_list.status == ListStatus.OPEN


def test_a_parent_office_reads_the_list_and_cannot_act(
    arranged: RoundEntry, office_jabar: Office, staff: Callable[..., User]
) -> None:
    unit_list = arranged.unit_list
    for role in (Role.PPID, Role.ATASAN):
        client = logged_in(staff(role, office_jabar))
        page = client.get(list_url(unit_list))
        assert page.status_code == 200 and arranged.item.title in page.content.decode()
        assert "/aksi/" not in page.content.decode()
        assert step(client, unit_list, "approve").status_code == 403
        assert step(client, unit_list, "return", note="x").status_code == 403
        assert client.get(f"/staf/dip/entri/{arranged.pk}/koreksi/").status_code == 403
    unit_list.refresh_from_db()
    assert unit_list.status == ListStatus.ARRANGED


def test_the_unit_list_page_costs_the_same_queries_for_more_entries(
    unit_list: UnitList, liaison: User, ppid_officer: User, unit: WorkUnit
) -> None:
    client = logged_in(ppid_officer)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(list_url(unit_list)).status_code == 200
        return len(queries)

    unit_list_add_new(unit_list=unit_list, actor=liaison, data=item_data(unit, title="A"), upload=pdf())
    count()  # the first request fills per-process caches (content types, sessions)
    few = count()
    for n in range(5):
        unit_list_add_new(unit_list=unit_list, actor=liaison, data=item_data(unit, title=f"B{n}"), upload=pdf())
    assert count() == few


# --- the staff home ---


def test_the_staff_home_shows_each_role_what_waits_for_it(
    unit_list: UnitList,
    liaison: User,
    ppid_officer: User,
    atasan: User,
    staff: Callable[..., User],
    office: Office,
    unit: WorkUnit,
) -> None:
    assert unit_list.work_unit.name in logged_in(liaison).get("/staf/").content.decode()
    assert f"/staf/dip/daftar-unit/{unit_list.pk}/" not in logged_in(ppid_officer).get("/staf/").content.decode()
    unit_list_submit(unit_list=unit_list, actor=liaison)
    assert f"/staf/dip/daftar-unit/{unit_list.pk}/" in logged_in(ppid_officer).get("/staf/").content.decode()
    assert f"/staf/dip/daftar-unit/{unit_list.pk}/" not in logged_in(liaison).get("/staf/").content.decode()
    unit_list_arrange(unit_list=unit_list, actor=ppid_officer)
    urgent = item_publish_immediately(
        office=office, actor=ppid_officer, data=item_data(unit, category=Category.SERTA_MERTA, title="Banjir")
    )
    home = logged_in(atasan).get("/staf/").content.decode()
    assert f"/staf/dip/daftar-unit/{unit_list.pk}/" in home and f"/staf/dip/informasi/{urgent.pk}/" in home
    with translation.override("en"):  # logged_in() chooses English
        panel_heading = f"<h3>{translation.gettext('Public information list (DIP)')}</h3>"
    assert panel_heading in home
    assert panel_heading not in logged_in(staff(Role.DESK, office)).get("/staf/").content.decode()


def test_a_closed_round_offers_no_steps(arranged: RoundEntry, atasan: User, liaison: User) -> None:
    CollectionRound.objects.filter(pk=arranged.unit_list.round_id).update(status=RoundStatus.CLOSED)
    page = logged_in(atasan).get(list_url(arranged.unit_list)).content.decode()
    assert "/aksi/" not in page and "the round is closed" in page


def test_a_list_no_longer_open_sends_the_unit_back_and_keeps_a_late_post(unit_list: UnitList, liaison: User) -> None:
    unit_list_submit(unit_list=unit_list, actor=liaison)
    client = logged_in(liaison)
    page = client.get(list_url(unit_list, "usulan-baru/"))
    assert page.status_code == 302 and page["Location"] == list_url(unit_list)
    late = client.post(list_url(unit_list, "usulan-baru/"), item_post(title="Terlambat diketik"))
    assert late.status_code == 200 and 'value="Terlambat diketik"' in late.content.decode()
    assert "this step is not possible any more" in late.content.decode()
    assert not RoundEntry.objects.exists()


def test_the_atasan_corrects_a_proposed_update_which_approval_applies(
    publish: Callable[..., InformationItem],
    office: Office,
    ppid_officer: User,
    liaison: User,
    atasan: User,
    unit: WorkUnit,
) -> None:
    from ppid.catalogue.services import round_open, unit_list_add_update

    item = publish()
    later = round_open(office=office, actor=ppid_officer, name="Semester berikut", due_on=timezone.localdate())
    next_list = later.unit_lists.get(work_unit=unit)
    entry = unit_list_add_update(
        unit_list=next_list, actor=liaison, item=item, changes={"summary": "Usulan unit."}, note="Data baru."
    )
    unit_list_submit(unit_list=next_list, actor=liaison)
    unit_list_arrange(unit_list=next_list, actor=ppid_officer)
    client = logged_in(atasan)
    form = client.get(f"/staf/dip/entri/{entry.pk}/koreksi/").content.decode()
    assert "Usulan unit." in form  # the proposal, not the published text, is what is corrected
    values = {**item_post(title=item.title, **same_values(item)), "work_unit": unit.pk}
    response = client.post(
        f"/staf/dip/entri/{entry.pk}/koreksi/", {**values, "summary": "Usulan dikoreksi.", "correction": "Ringkas."}
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    item.refresh_from_db()
    assert entry.proposed == {"summary": "Usulan dikoreksi."} and item.summary != "Usulan dikoreksi."
    page = client.get(list_url(next_list)).content.decode()
    assert "Usulan dikoreksi." in page and "Ringkas." in page
    assert step(client, next_list, "approve").status_code == 302
    item.refresh_from_db()
    assert item.summary == "Usulan dikoreksi."
