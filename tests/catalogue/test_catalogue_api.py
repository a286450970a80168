"""/api/v1/dip/… and /api/v1/dik/: the public DIP with search and documents, the DIK, collection
rounds and one POST per step of a unit's list; errors 400/403/404/409; the schema."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from ppid.accounts.models import User
from ppid.accounts.roles import Role
from ppid.catalogue.models import CollectionRound, InformationItem, UnitList
from ppid.catalogue.services import item_add_document, item_withdraw, items_import, round_open, unit_list_add_new
from ppid.catalogue.workflow import Category, EntryKind, ItemStatus, ListStatus
from ppid.exemptions.models import ConsequenceTest
from ppid.offices.models import Office, WorkUnit
from tests.catalogue.conftest import SEARCHABLE_PDF, item_data
from tests.requests.conftest import PDF_BYTES

pytestmark = pytest.mark.django_db

ITEMS = "/api/v1/dip/items/"
ROUNDS = "/api/v1/dip/rounds/"


def as_user(user: User | None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def list_url(unit_list: UnitList, action: str = "") -> str:
    return f"/api/v1/dip/unit-lists/{unit_list.pk}/" + (f"{action}/" if action else "")


@pytest.fixture
def imported(office: Office, unit: WorkUnit, ppid_officer: User) -> Callable[..., list[InformationItem]]:
    def make(*overrides: dict[str, Any]) -> list[InformationItem]:
        rows = [item_data(unit, **values) for values in overrides]
        return items_import(office=office, actor=ppid_officer, rows=rows, source_name="test")

    return make


# --- the public DIP ---


def test_anyone_lists_the_published_open_items_only(
    imported: Callable[..., list[InformationItem]],
    ppid_officer: User,
    unit: WorkUnit,
    office: Office,
    open_round: CollectionRound,
    staff: Callable[..., User],
    publish: Callable[..., InformationItem],
    decided_exemption_test: Callable[..., ConsequenceTest],
) -> None:
    kept, withdrawn = imported({"title": "Laporan keuangan 2024"}, {"title": "Ditarik"})
    item_withdraw(item=withdrawn, actor=ppid_officer, reason="Salah.")
    closed = publish(title="Salinan KTP pendukung")
    decided_exemption_test(item=closed)
    other_unit = office.work_units.exclude(pk=unit.pk).filter(is_legal_unit=False).first()
    assert other_unit is not None
    unit_list_add_new(
        unit_list=open_round.unit_lists.get(work_unit=other_unit),
        actor=staff(Role.TIM_PENGHUBUNG, office, work_unit=other_unit),
        data=item_data(other_unit, title="Draf"),
    )
    assert InformationItem.objects.count() == 4

    response = as_user(None).get(ITEMS)

    assert response.status_code == 200
    assert [row["title"] for row in response.json()["results"]] == ["Laporan keuangan 2024"]
    row = response.json()["results"][0]
    assert row["id"] == kept.pk and row["office"] == "32.73"
    assert row["work_unit"] == {"id": unit.pk, "name": unit.name}
    assert row["category"] == Category.BERKALA and row["tags"] == ["pemilih", "DPT"]


def test_the_list_filters_by_category_type_office_year_unit_and_text(
    imported: Callable[..., list[InformationItem]],
    publish: Callable[..., InformationItem],
    office: Office,
    unit: WorkUnit,
) -> None:
    imported(
        {"title": "Laporan keuangan 2023", "year": 2023},
        {"title": "SOP layanan", "category": Category.SETIAP_SAAT, "on_demand_type": "g"},
    )
    other_unit = office.work_units.exclude(pk=unit.pk).filter(is_legal_unit=False).first()
    assert other_unit is not None
    publish(title="Rekapitulasi hasil")  # its PDF says "Rekapitulasi suara Coblong"
    client = as_user(None)

    def titles(**params: Any) -> list[str]:
        response = client.get(ITEMS, params)
        assert response.status_code == 200, response.json()
        return sorted(row["title"] for row in response.json()["results"])

    assert titles(category="setiap_saat") == ["SOP layanan"]
    assert titles(type="g") == ["SOP layanan"]
    assert titles(year=2023) == ["Laporan keuangan 2023"]
    assert titles(office="32.73", unit=unit.pk) == ["Laporan keuangan 2023", "Rekapitulasi hasil", "SOP layanan"]
    assert titles(unit=other_unit.pk) == []
    assert titles(office="33") == []
    assert titles(province="32") == ["Laporan keuangan 2023", "Rekapitulasi hasil", "SOP layanan"]
    assert titles(q="coblong") == ["Rekapitulasi hasil"]  # found in the document's text
    assert titles(q="laporan -2023") == []
    assert client.get(ITEMS, {"office": "99"}).status_code == 400
    assert client.get(ITEMS, {"unit": 999999}).status_code == 400
    assert client.get(ITEMS, {"category": "dikecualikan"}).status_code == 400


def test_the_list_costs_the_same_queries_for_more_items(imported: Callable[..., list[InformationItem]]) -> None:
    counts = []
    for first, count in ((0, 2), (2, 10)):
        imported(*({"title": f"Laporan {n}"} for n in range(first, first + count)))
        with CaptureQueriesContext(connection) as queries:
            response = as_user(None).get(ITEMS)
        assert response.status_code == 200
        counts.append(len(queries))
    assert response.json()["count"] == 12
    assert counts[0] == counts[1]


def test_an_item_shows_its_document_versions_and_only_the_latest_downloads(
    publish: Callable[..., InformationItem], ppid_officer: User
) -> None:
    item = publish()
    item_add_document(
        item=item, actor=ppid_officer, upload=SimpleUploadedFile("dpt-v2.pdf", PDF_BYTES, "application/pdf")
    )
    client = as_user(None)

    data = client.get(f"{ITEMS}{item.pk}/").json()

    assert data["closed"] is False and data["exemption"] is None and data["summary"] == item.summary
    newest, older = data["documents"]
    assert (newest["version"], newest["original_name"], older["version"]) == (2, "dpt-v2.pdf", 1)
    assert len(newest["sha256"]) == 64 and older["download_url"] is None
    download = client.get(newest["download_url"])
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith('attachment; filename="dpt-v2.pdf"')
    assert b"".join(download.streaming_content) == PDF_BYTES  # type: ignore[attr-defined]
    assert client.get(f"/api/v1/dip/documents/{older['id']}/download/").status_code == 404


def test_a_link_document_redirects(publish: Callable[..., InformationItem], ppid_officer: User) -> None:
    item = publish()
    document = item_add_document(item=item, actor=ppid_officer, url="https://jdih.kpu.go.id/dpt-2024")

    response = as_user(None).get(f"/api/v1/dip/documents/{document.pk}/download/")

    assert response.status_code == 302 and response["Location"] == "https://jdih.kpu.go.id/dpt-2024"


def test_a_draft_is_hidden_from_the_public_and_shown_to_staff_without_downloads(
    unit_list: UnitList, liaison: User, unit: WorkUnit, ppid_officer: User, staff: Callable[..., User]
) -> None:
    upload = SimpleUploadedFile("draf.pdf", SEARCHABLE_PDF, "application/pdf")
    entry = unit_list_add_new(unit_list=unit_list, actor=liaison, data=item_data(unit, title="Draf"), upload=upload)
    url = f"{ITEMS}{entry.item.pk}/"
    [document] = entry.item.documents.all()

    assert as_user(None).get(url).status_code == 404
    assert as_user(staff(Role.PPID, Office.objects.get(code="33"))).get(url).status_code == 404
    data = as_user(ppid_officer).get(url).json()
    assert data["status"] == ItemStatus.DRAFT and data["documents"][0]["download_url"] is None
    assert as_user(None).get(f"/api/v1/dip/documents/{document.pk}/download/").status_code == 404


def test_a_closed_item_shows_its_exemption_and_never_its_content(
    publish: Callable[..., InformationItem], decided_exemption_test: Callable[..., ConsequenceTest]
) -> None:
    item = publish(title="Salinan KTP pendukung")
    [document] = item.documents.all()
    decided_exemption_test(item=item)
    client = as_user(None)

    data = client.get(f"{ITEMS}{item.pk}/").json()

    assert data["closed"] is True and data["category"] == Category.DIKECUALIKAN
    assert data["summary"] is None and data["tags"] is None and data["documents"] == []
    assert data["exemption"]["decision_number"] == "123/PP.01-Kpt/01/KPU/2026"
    assert data["exemption"]["ground_label"] == "Pasal 17 huruf h 2 UU 14/2008"
    assert client.get(f"/api/v1/dip/documents/{document.pk}/download/").status_code == 404
    assert client.get(ITEMS, {"q": "Coblong"}).json()["results"] == []  # the closed text is never searched


def test_anyone_reads_the_dik(decided_exemption_test: Callable[..., ConsequenceTest]) -> None:
    decided_exemption_test()
    client = as_user(None)

    [row] = client.get("/api/v1/dik/").json()["results"]

    assert row["information"] == "Salinan KTP pendukung calon" and row["national"] is True
    assert (row["office"], row["in_force"], row["pasal17_letter"]) == ("00", True, "h")
    assert len(client.get("/api/v1/dik/", {"kantor": "32.73"}).json()["results"]) == 1
    assert client.get("/api/v1/dik/", {"kantor": "99"}).status_code == 400


def test_the_dik_costs_the_same_queries_for_more_exemptions(
    decided_exemption_test: Callable[..., ConsequenceTest],
) -> None:
    counts = []
    for count in (1, 4):
        for _n in range(count):
            decided_exemption_test()
        with CaptureQueriesContext(connection) as queries:
            response = as_user(None).get("/api/v1/dik/", {"kantor": "32.73"})
        assert response.status_code == 200
        counts.append(len(queries))
    assert response.json()["count"] == 5 and counts[0] == counts[1]


# --- rounds and unit lists (staff) ---


def test_the_ppid_opens_a_round_with_a_list_per_unit(ppid_officer: User, office: Office) -> None:
    due = (timezone.localdate() + datetime.timedelta(days=10)).isoformat()

    response = as_user(ppid_officer).post(ROUNDS, {"office": "32.73", "name": "Semester I 2027", "due_on": due})

    assert response.status_code == 201
    data = response.json()
    assert data["name"] == "Semester I 2027" and data["status"] == "open"
    assert data["lists_total"] == office.work_units.filter(is_active=True).count() == len(data["unit_lists"])
    assert {row["status"] for row in data["unit_lists"]} == {ListStatus.OPEN}


def test_opening_a_round_is_refused_field_by_field_and_by_role(ppid_officer: User, liaison: User) -> None:
    past = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    future = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()

    response = as_user(ppid_officer).post(ROUNDS, {"office": "32.73", "name": "X", "due_on": past})
    assert response.status_code == 400 and set(response.json()) == {"due_on"}
    response = as_user(ppid_officer).post(ROUNDS, {"office": "99", "name": "X", "due_on": future})
    assert response.status_code == 400 and set(response.json()) == {"office"}
    assert as_user(liaison).post(ROUNDS, {"office": "32.73", "name": "X", "due_on": future}).status_code == 403
    assert as_user(None).post(ROUNDS, {"office": "32.73", "name": "X", "due_on": future}).status_code in (401, 403)
    assert not CollectionRound.objects.exists()


def test_rounds_are_listed_for_their_office_and_its_parents_only(
    open_round: CollectionRound, staff: Callable[..., User], liaison: User
) -> None:
    jabar, jateng = Office.objects.get(code="32"), Office.objects.get(code="33")
    url = f"{ROUNDS}{open_round.pk}/"

    assert [row["id"] for row in as_user(liaison).get(ROUNDS).json()["results"]] == [open_round.pk]
    assert [row["id"] for row in as_user(staff(Role.ATASAN, jabar)).get(ROUNDS).json()["results"]] == [open_round.pk]
    outsider = staff(Role.PPID, jateng)
    assert as_user(outsider).get(ROUNDS).json()["results"] == []
    assert as_user(outsider).get(url).status_code == 404
    assert as_user(None).get(ROUNDS).status_code in (401, 403)
    assert as_user(liaison).get(ROUNDS, {"office": "32.73", "status": "closed"}).json()["results"] == []


def test_the_round_list_costs_the_same_queries_for_more_rounds(ppid_officer: User, office: Office) -> None:
    counts = []
    for names in (["A", "B"], ["C", "D", "E", "F", "G"]):
        for name in names:
            round_open(office=office, actor=ppid_officer, name=name, due_on=timezone.localdate())
        with CaptureQueriesContext(connection) as queries:
            response = as_user(ppid_officer).get(ROUNDS)
        assert response.status_code == 200
        counts.append(len(queries))
    assert response.json()["count"] == 7 and counts[0] == counts[1]


def test_a_unit_list_goes_through_every_step(
    unit_list: UnitList,
    liaison: User,
    ppid_officer: User,
    atasan: User,
    unit: WorkUnit,
    imported: Callable[..., list[InformationItem]],
) -> None:
    [published] = imported({"title": "Laporan kinerja 2024"})
    as_liaison, as_ppid, as_atasan = as_user(liaison), as_user(ppid_officer), as_user(atasan)

    response = as_liaison.post(
        list_url(unit_list, "new-item"),
        {
            "title": "Rekapitulasi DPT",
            "summary": "Per kecamatan.",
            "category": "berkala",
            "responsible_official": "Kasubbag Perencanaan",
            "year": 2024,
            "tags": "DPT",
            "file": SimpleUploadedFile("dpt.pdf", SEARCHABLE_PDF, "application/pdf"),
        },
        format="multipart",
    )
    assert response.status_code == 201, response.json()
    [entry] = response.json()["entries"]
    assert entry["kind"] == EntryKind.NEW and entry["item"]["work_unit"]["id"] == unit.pk
    new_item = InformationItem.objects.get(pk=entry["item"]["id"])
    assert new_item.status == ItemStatus.DRAFT and new_item.documents.count() == 1

    response = as_liaison.post(
        list_url(unit_list, "update"), {"item": published.pk, "retention_period": "5 tahun", "note": "Diperbarui"}
    )
    assert response.status_code == 201, response.json()
    update = response.json()["entries"][1]
    assert update["kind"] == EntryKind.UPDATE and update["proposed"] == {"retention_period": "5 tahun"}

    assert as_ppid.post(list_url(unit_list, "arrange")).status_code == 409  # still open
    assert as_liaison.post(list_url(unit_list, "submit"), {"note": "Lengkap"}).json()["status"] == "submitted"
    assert as_liaison.post(list_url(unit_list, "arrange")).status_code == 403
    response = as_ppid.post(list_url(unit_list, "return"), {"note": ""})
    assert response.status_code == 400 and set(response.json()) == {"note"}
    assert as_ppid.post(list_url(unit_list, "arrange")).json()["status"] == "arranged"

    response = as_atasan.post(list_url(unit_list, "correct"), {"entry": 999999, "correction": "x"})
    assert response.status_code == 400 and set(response.json()) == {"entry"}
    response = as_atasan.post(
        list_url(unit_list, "correct"),
        {"entry": entry["id"], "title": "Rekapitulasi DPT Pemilu 2024", "correction": "Judul dilengkapi."},
    )
    assert response.status_code == 200
    assert response.json()["entries"][0]["correction"] == "Judul dilengkapi."
    assert as_ppid.post(list_url(unit_list, "approve")).status_code == 403

    response = as_atasan.post(list_url(unit_list, "approve"))
    assert response.status_code == 200 and response.json()["status"] == "approved"
    new_item.refresh_from_db()
    published.refresh_from_db()
    assert (new_item.status, new_item.title) == (ItemStatus.PUBLISHED, "Rekapitulasi DPT Pemilu 2024")
    assert published.retention_period == "5 tahun"
    assert as_liaison.post(list_url(unit_list, "submit")).status_code == 409  # the round moved on


def test_a_list_refuses_bad_input_and_other_units(
    unit_list: UnitList, liaison: User, staff: Callable[..., User], office: Office, unit: WorkUnit
) -> None:
    other_unit = office.work_units.exclude(pk=unit.pk).filter(is_legal_unit=False).first()
    assert other_unit is not None
    other_liaison = staff(Role.TIM_PENGHUBUNG, office, work_unit=other_unit)
    body = {"title": "T", "summary": "S", "category": "setiap_saat", "responsible_official": "R", "year": 2024}

    response = as_user(liaison).post(list_url(unit_list, "new-item"), body)
    assert response.status_code == 400 and set(response.json()) == {"on_demand_type"}  # the service's check
    response = as_user(liaison).post(
        list_url(unit_list, "new-item"),
        {**body, "on_demand_type": "c", "file": SimpleUploadedFile("x.pdf", b"MZ not a pdf")},
        format="multipart",
    )
    assert response.status_code == 400 and set(response.json()) == {"file"}
    response = as_user(liaison).post(
        list_url(unit_list, "new-item"), {**body, "on_demand_type": "c", "title": "x" * 301}
    )
    assert response.status_code == 400 and set(response.json()) == {"title"}
    assert as_user(other_liaison).get(list_url(unit_list)).status_code == 200  # reads the office's DIP
    assert (
        as_user(other_liaison).post(list_url(unit_list, "new-item"), {**body, "on_demand_type": "c"}).status_code == 403
    )
    outsider = staff(Role.TIM_PENGHUBUNG, Office.objects.get(code="33"))
    assert as_user(outsider).post(list_url(unit_list, "submit")).status_code == 404
    assert as_user(liaison).post("/api/v1/dip/unit-lists/999999/submit/").status_code == 404
    assert not unit_list.entries.exists()


def test_the_schema_has_every_catalogue_path() -> None:
    paths = APIClient().get("/api/schema/", {"format": "json"}).json()["paths"]

    expected = [
        "/api/v1/dip/items/",
        "/api/v1/dip/items/{id}/",
        "/api/v1/dip/documents/{id}/download/",
        "/api/v1/dik/",
        "/api/v1/dip/rounds/",
        "/api/v1/dip/rounds/{id}/",
        "/api/v1/dip/unit-lists/{id}/",
        *(
            f"/api/v1/dip/unit-lists/{{id}}/{action}/"
            for action in ("new-item", "update", "submit", "return", "arrange", "correct", "approve")
        ),
    ]
    for path in expected:
        assert path in paths, path
    assert "post" in paths["/api/v1/dip/rounds/"] and "get" in paths["/api/v1/dip/rounds/"]
    new_item = paths["/api/v1/dip/unit-lists/{id}/new-item/"]["post"]
    assert "multipart/form-data" in new_item["requestBody"]["content"]
    assert set(new_item["responses"]) >= {"201", "400", "403", "404", "409"}
