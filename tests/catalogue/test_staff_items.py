"""Staff pages of DIP items: the office's filtered list (constant query count), an item with its
documents and history, the PPID's edit, new document version and withdrawal (seed d.3), serta-merta
information published at once and the Atasan PPID's review (Pasal 10 UU 14/2008)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ppid.accounts.models import User
from ppid.accounts.roles import Role
from ppid.catalogue.models import InformationItem, ItemDocument
from ppid.catalogue.services import item_publish_immediately, items_import
from ppid.catalogue.workflow import Category, ItemStatus
from ppid.events.models import Event
from ppid.offices.models import Office, WorkUnit
from tests.catalogue.conftest import SEARCHABLE_PDF, item_data
from tests.catalogue.test_staff_rounds import item_post, same_values
from tests.legal.test_objection_staff_views import logged_in
from tests.workdays.conftest import frozen_now

pytestmark = pytest.mark.django_db

LIST_URL = "/staf/dip/"


def detail_url(item: InformationItem, suffix: str = "") -> str:
    return f"/staf/dip/informasi/{item.pk}/{suffix}"


def pdf(name: str = "dokumen.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, SEARCHABLE_PDF, content_type="application/pdf")


def imported(office: Office, actor: User, unit: WorkUnit, *titles: str, **fields: Any) -> list[InformationItem]:
    """Published items straight from an 'existing DIP' import (services.items_import)."""
    return items_import(
        office=office, actor=actor, rows=[item_data(unit, title=t, **fields) for t in titles], source_name="t.xlsx"
    )


@pytest.fixture
def serta_merta(office: Office, ppid_officer: User, unit: WorkUnit) -> InformationItem:
    return item_publish_immediately(
        office=office,
        actor=ppid_officer,
        data=item_data(unit, category=Category.SERTA_MERTA, title="Peringatan banjir di TPS"),
        upload=pdf(),
    )


# --- the list ---


def test_the_list_shows_the_offices_items_and_filters_them(
    office: Office, ppid_officer: User, unit: WorkUnit, serta_merta: InformationItem
) -> None:
    imported(office, ppid_officer, unit, "Laporan keuangan 2024")
    imported(office, ppid_officer, unit, "SOP layanan", category=Category.SETIAP_SAAT, on_demand_type="g")
    client = logged_in(ppid_officer)
    page = client.get(LIST_URL).content.decode()
    assert "Laporan keuangan 2024" in page and "SOP layanan" in page and "Peringatan banjir" in page
    only_g = client.get(LIST_URL, {"on_demand_type": "g"}).content.decode()
    assert "SOP layanan" in only_g and "Laporan keuangan 2024" not in only_g
    review = client.get(LIST_URL, {"awaiting_review": "on"}).content.decode()
    assert "Peringatan banjir" in review and "SOP layanan" not in review
    berkala = client.get(LIST_URL, {"category": Category.BERKALA, "year": 2024}).content.decode()
    assert "Laporan keuangan 2024" in berkala and "Peringatan banjir" not in berkala
    assert "Laporan keuangan 2024" not in client.get(LIST_URL, {"year": 2023}).content.decode()


def test_stale_berkala_items_are_marked_and_filtered(office: Office, ppid_officer: User, unit: WorkUnit) -> None:
    with frozen_now(datetime.datetime(2025, 1, 10, 3, tzinfo=datetime.UTC)):
        imported(office, ppid_officer, unit, "Profil lama")
    with frozen_now(datetime.datetime(2025, 6, 1, 3, tzinfo=datetime.UTC)):
        imported(office, ppid_officer, unit, "Profil baru")
    client = logged_in(ppid_officer)
    with frozen_now(datetime.datetime(2025, 7, 15, 3, tzinfo=datetime.UTC)):
        stale_only = client.get(LIST_URL, {"stale": "on"}).content.decode()
        everything = client.get(LIST_URL).content.decode()
    assert "Profil lama" in stale_only and "Profil baru" not in stale_only
    assert everything.count(">Due for refresh<") == 1  # the badge, not the filter's label


def test_the_list_costs_the_same_queries_for_more_items(office: Office, ppid_officer: User, unit: WorkUnit) -> None:
    client = logged_in(ppid_officer)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(LIST_URL, {"category": Category.BERKALA}).status_code == 200
        return len(queries)

    imported(office, ppid_officer, unit, "A", "B")
    few = count()
    imported(office, ppid_officer, unit, *[f"C{n}" for n in range(12)])
    assert count() == few


def test_a_parent_office_picks_a_child_office_and_others_see_only_their_own(
    office: Office,
    office_jabar: Office,
    office_jateng: Office,
    staff: Callable[..., User],
    ppid_officer: User,
    unit: WorkUnit,
) -> None:
    imported(office, ppid_officer, unit, "Daftar TPS Bandung")
    parent = logged_in(staff(Role.PPID, office_jabar))
    assert "Daftar TPS Bandung" in parent.get(LIST_URL, {"kantor": office.pk}).content.decode()
    stranger = logged_in(staff(Role.PPID, office_jateng))
    assert "Daftar TPS Bandung" not in stranger.get(LIST_URL, {"kantor": office.pk}).content.decode()


def test_someone_without_a_dip_role_gets_403(staff: Callable[..., User], office: Office) -> None:
    assert logged_in(staff(Role.SYSADMIN, office)).get(LIST_URL).status_code == 403
    assert Client().get(LIST_URL).status_code == 302


# --- one item ---


def test_the_item_page_shows_documents_with_checksums_and_history(
    serta_merta: InformationItem, ppid_officer: User
) -> None:
    document = ItemDocument.objects.get(item=serta_merta)
    client = logged_in(ppid_officer)
    page = client.get(detail_url(serta_merta)).content.decode()
    assert document.sha256 in page and "Serta-merta information published at once" in page
    download = client.get(detail_url(serta_merta, f"dokumen/{document.pk}/"))
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")


def test_items_of_other_offices_are_404_and_parents_only_read(
    serta_merta: InformationItem, office_jabar: Office, office_jateng: Office, staff: Callable[..., User]
) -> None:
    document = ItemDocument.objects.get(item=serta_merta)
    stranger = logged_in(staff(Role.PPID, office_jateng))
    assert stranger.get(detail_url(serta_merta)).status_code == 404
    assert stranger.get(detail_url(serta_merta, f"dokumen/{document.pk}/")).status_code == 404
    parent = logged_in(staff(Role.ATASAN, office_jabar))
    page = parent.get(detail_url(serta_merta)).content.decode()
    assert serta_merta.title in page and "/aksi/" not in page and "/ubah/" not in page
    assert parent.post(detail_url(serta_merta, "aksi/review/"), {"review-note": "ok"}).status_code == 403
    serta_merta.refresh_from_db()
    assert serta_merta.awaiting_review


def test_the_ppid_edits_an_item_and_bad_input_is_kept(
    office: Office, ppid_officer: User, atasan: User, unit: WorkUnit
) -> None:
    (item,) = imported(office, ppid_officer, unit, "Daftar calon")
    assert logged_in(atasan).get(detail_url(item, "ubah/")).status_code == 403
    client = logged_in(ppid_officer)
    values = {**item_post(title=item.title, summary=item.summary, **same_values(item)), "work_unit": unit.pk}
    bad = client.post(detail_url(item, "ubah/"), {**values, "category": Category.SETIAP_SAAT, "tags": "diketik"})
    assert bad.status_code == 200
    assert "Say which type of Pasal 11 ayat (1) it is (a-h)." in bad.content.decode()
    assert 'value="diketik"' in bad.content.decode()
    ok = client.post(detail_url(item, "ubah/"), {**values, "title": "Daftar calon tetap", "note": "Lebih tepat."})
    assert ok.status_code == 302
    item.refresh_from_db()
    assert item.title == "Daftar calon tetap"
    event = Event.objects.filter(event_type="dip.item_changed").get()
    assert event.before == {"title": "Daftar calon"} and event.note == "Lebih tepat."


def test_the_ppid_adds_a_document_version_and_a_bad_file_is_refused(
    office: Office, ppid_officer: User, liaison: User, unit: WorkUnit
) -> None:
    (item,) = imported(office, ppid_officer, unit, "Rencana kerja")
    url = detail_url(item, "aksi/add-document/")
    assert logged_in(liaison).post(url, {"add-document-file": pdf()}).status_code == 403  # published: not the unit's
    client = logged_in(ppid_officer)
    png_named_pdf = SimpleUploadedFile("x.pdf", b"GIF89a not allowed", content_type="application/pdf")
    bad = client.post(url, {"add-document-file": png_named_pdf, "add-document-document_title": "Surat 12/2026"})
    assert bad.status_code == 200 and "is not a PDF, JPEG or PNG file" in bad.content.decode()
    assert 'value="Surat 12/2026"' in bad.content.decode()
    nothing = client.post(url, {"add-document-document_title": "Tanpa berkas"})
    assert nothing.status_code == 200 and "Upload a file or give a link." in nothing.content.decode()
    assert client.post(url, {"add-document-file": pdf()}).status_code == 302
    assert client.post(url, {"add-document-url": "https://jdih.kpu.go.id/x"}).status_code == 302
    versions = list(item.documents.order_by("version").values_list("version", "url"))
    assert versions == [(1, ""), (2, "https://jdih.kpu.go.id/x")]


def test_withdrawal_needs_a_reason_and_the_ppid(
    office: Office, ppid_officer: User, liaison: User, unit: WorkUnit
) -> None:
    (item,) = imported(office, ppid_officer, unit, "Data lama")
    url = detail_url(item, "aksi/withdraw/")
    assert logged_in(liaison).post(url, {"withdraw-reason": "x"}).status_code == 403
    client = logged_in(ppid_officer)
    assert "Say why the item is withdrawn." in client.post(url, {"withdraw-reason": ""}).content.decode()
    assert client.post(url, {"withdraw-reason": "Diganti data baru."}).status_code == 302
    item.refresh_from_db()
    assert item.status == ItemStatus.WITHDRAWN
    assert "/aksi/withdraw/" not in client.get(detail_url(item)).content.decode()


# --- serta-merta at once, reviewed after ---


def test_the_ppid_publishes_serta_merta_at_once_and_the_atasan_reviews(
    office: Office, ppid_officer: User, atasan: User, unit: WorkUnit
) -> None:
    client = logged_in(ppid_officer)
    assert client.get("/staf/dip/serta-merta/baru/").status_code == 200
    post = {**item_post(title="Evakuasi gudang logistik"), "kantor": office.pk, "work_unit": unit.pk, "file": pdf()}
    del post["category"], post["on_demand_type"]
    response = client.post("/staf/dip/serta-merta/baru/", post)
    item = InformationItem.objects.get(title="Evakuasi gudang logistik")
    assert response.status_code == 302 and response["Location"] == detail_url(item)
    assert item.category == Category.SERTA_MERTA and item.status == ItemStatus.PUBLISHED and item.awaiting_review
    assert "/aksi/review/" not in client.get(detail_url(item)).content.decode()
    assert client.post(detail_url(item, "aksi/review/"), {"review-note": "x"}).status_code == 403
    reviewer = logged_in(atasan)
    assert "/aksi/review/" in reviewer.get(detail_url(item)).content.decode()
    assert reviewer.post(detail_url(item, "aksi/review/"), {"review-note": "Sudah tepat."}).status_code == 302
    item.refresh_from_db()
    assert not item.awaiting_review


@pytest.mark.parametrize("role", [Role.ATASAN, Role.TIM_PENGHUBUNG, Role.PEMBINA])
def test_only_the_ppid_publishes_at_once(office: Office, staff: Callable[..., User], unit: WorkUnit, role: str) -> None:
    user = staff(role, office, **({"work_unit": unit} if role == Role.TIM_PENGHUBUNG else {}))
    client = logged_in(user)
    assert client.get("/staf/dip/serta-merta/baru/").status_code == 403
    post = {**item_post(), "kantor": office.pk, "work_unit": unit.pk}
    assert client.post("/staf/dip/serta-merta/baru/", post).status_code == 403
    assert not InformationItem.objects.exists()


def test_a_refused_upload_keeps_the_serta_merta_text(office: Office, ppid_officer: User, unit: WorkUnit) -> None:
    fake = SimpleUploadedFile("x.pdf", b"<html>not a pdf</html>", content_type="application/pdf")
    post = {**item_post(summary="Jalan menuju TPS 12 terendam."), "kantor": office.pk, "work_unit": unit.pk}
    response = logged_in(ppid_officer).post("/staf/dip/serta-merta/baru/", {**post, "file": fake})
    assert response.status_code == 200 and "Jalan menuju TPS 12 terendam." in response.content.decode()
    assert not InformationItem.objects.exists()


def test_the_published_at_once_time_is_the_offices(office: Office, ppid_officer: User, unit: WorkUnit) -> None:
    moment = datetime.datetime(2026, 3, 2, 20, 30, tzinfo=datetime.UTC)  # 3 March 03:30 in Bandung (WIB)
    with frozen_now(moment):
        item = item_publish_immediately(
            office=office, actor=ppid_officer, data=item_data(unit, category=Category.SERTA_MERTA)
        )
        page = logged_in(ppid_officer).get(detail_url(item)).content.decode()
    assert item.refreshed_on == datetime.date(2026, 3, 3)
    assert "3 March 2026, 03:30" in page
    assert timezone.now() != moment
