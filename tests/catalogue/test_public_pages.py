"""The public DIP, DIK and policy pages: anyone may read them, only published information shows,
closed (dikecualikan) content and documents never do, and lists cost the same queries at any size."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ppid.accounts.models import User
from ppid.accounts.roles import Role
from ppid.catalogue.models import InformationItem, Policy, UnitList
from ppid.catalogue.services import (
    item_add_document,
    item_publish_immediately,
    item_withdraw,
    items_import,
    policy_issue,
    unit_list_add_new,
)
from ppid.catalogue.workflow import Category
from ppid.exemptions.models import ConsequenceTest, Exemption
from ppid.exemptions.workflow import ExemptionStatus
from ppid.offices.models import Office, WorkUnit
from tests.catalogue.conftest import SEARCHABLE_PDF, item_data, searchable_pdf
from tests.workdays.conftest import frozen_now

DIP = reverse("catalogue:dip")
DIK = reverse("catalogue:dik")
POLICIES = reverse("catalogue:policies")


@pytest.fixture
def visitor(db: None) -> Client:
    """An anonymous visitor who chose English (the portal speaks Indonesian until one does)."""
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def imported(staff: Callable[..., User]) -> Callable[..., list[InformationItem]]:
    """`imported(office, *rows)`: published items of `office` (one per dict of fields) through the import service."""

    def make(office: Office, *rows: dict[str, Any]) -> list[InformationItem]:
        unit = office.work_units.filter(is_legal_unit=False).order_by("name").first()
        assert unit is not None
        return items_import(
            office=office,
            actor=staff(Role.PPID, office),
            rows=[item_data(unit, **row) for row in rows],
            source_name="dip.xlsx",
        )

    return make


def pdf(name: str = "laporan.pdf", text: str = "Rekapitulasi suara Coblong") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, searchable_pdf(text), content_type="application/pdf")


def page_items(response: Any) -> list[InformationItem]:
    return list(response.context["page"].object_list)


# --- what is public ----------------------------------------------------------------------------


def test_it_shows_a_published_item_and_its_document_to_anonymous_visitors(
    visitor: Client, publish: Callable[..., InformationItem]
) -> None:
    item = publish()
    document = item.documents.get()

    listing = visitor.get(DIP)
    page = visitor.get(reverse("catalogue:item", args=[item.pk]))

    assert listing.status_code == 200 and page_items(listing) == [item]
    assert reverse("catalogue:document", args=[document.pk]) in listing.text
    assert page.status_code == 200
    assert item.summary in page.text and document.sha256 in page.text


def test_it_never_shows_drafts_or_withdrawn_items_or_their_documents(
    visitor: Client,
    unit_list: UnitList,
    liaison: User,
    ppid_officer: User,
    office: Office,
    imported: Callable[..., list[InformationItem]],
) -> None:
    draft = unit_list_add_new(
        unit_list=unit_list, actor=liaison, data=item_data(unit_list.work_unit, title="Konsep draf"), upload=pdf()
    ).item
    (withdrawn,) = imported(office, {"title": "Ditarik kembali"})
    item_add_document(item=withdrawn, actor=ppid_officer, upload=pdf())
    item_withdraw(item=withdrawn, actor=ppid_officer, reason="Salah unggah.")

    listing = visitor.get(DIP, {"q": "Coblong"})

    assert page_items(listing) == []
    for item in (draft, withdrawn):
        assert visitor.get(reverse("catalogue:item", args=[item.pk])).status_code == 404
        document = item.documents.get()
        assert visitor.get(reverse("catalogue:document", args=[document.pk])).status_code == 404


def test_it_answers_404_for_an_unknown_or_inactive_office(visitor: Client) -> None:
    Office.objects.filter(code="32.73").update(is_active=False)

    assert visitor.get(reverse("catalogue:office", args=["99.99"])).status_code == 404
    assert visitor.get(reverse("catalogue:office", args=["32.73"])).status_code == 404


def test_its_pages_show_no_staff_names(
    visitor: Client, publish: Callable[..., InformationItem], liaison: User, ppid_officer: User, atasan: User
) -> None:
    item = publish()
    pages = [visitor.get(DIP).text, visitor.get(reverse("catalogue:item", args=[item.pk])).text]

    for user in (liaison, ppid_officer, atasan):
        assert all(user.username not in text for text in pages)


def test_the_main_navigation_links_to_the_dip(visitor: Client) -> None:
    assert f'href="{DIP}"' in visitor.get(reverse("web:home")).text


# --- documents ---------------------------------------------------------------------------------


def test_it_downloads_the_latest_version_with_its_original_name_and_type(
    visitor: Client, office: Office, ppid_officer: User, imported: Callable[..., list[InformationItem]]
) -> None:
    (item,) = imported(office, {})
    first = item_add_document(item=item, actor=ppid_officer, upload=pdf("dpt-v1.pdf", "Versi pertama"))
    latest = item_add_document(item=item, actor=ppid_officer, upload=pdf("dpt-v2.pdf", "Versi kedua"))

    response = visitor.get(reverse("catalogue:document", args=[latest.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="dpt-v2.pdf"'
    content = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    with latest.file.open("rb") as stored:
        assert content == stored.read()
    # The older version is listed with its checksum, never offered.
    assert visitor.get(reverse("catalogue:document", args=[first.pk])).status_code == 404
    page = visitor.get(reverse("catalogue:item", args=[item.pk])).text
    assert first.sha256 in page and latest.sha256 in page
    assert reverse("catalogue:document", args=[first.pk]) not in page


def test_a_link_document_redirects_to_its_address(
    visitor: Client, office: Office, ppid_officer: User, imported: Callable[..., list[InformationItem]]
) -> None:
    (item,) = imported(office, {})
    link = item_add_document(item=item, actor=ppid_officer, url="https://jdih.kpu.go.id/data/pkpu-22-2023.pdf")

    response = visitor.get(reverse("catalogue:document", args=[link.pk]))

    assert response.status_code == 302 and response["Location"] == "https://jdih.kpu.go.id/data/pkpu-22-2023.pdf"


def test_a_missing_file_is_a_404_not_a_server_error(
    visitor: Client, office: Office, ppid_officer: User, imported: Callable[..., list[InformationItem]]
) -> None:
    (item,) = imported(office, {})
    document = item_add_document(item=item, actor=ppid_officer, upload=pdf())
    document.file.storage.delete(str(document.file.name))

    assert visitor.get(reverse("catalogue:document", args=[document.pk])).status_code == 404


# --- closed information and the DIK ------------------------------------------------------------


def test_a_closed_item_leaves_the_dip_and_never_exposes_its_content(
    visitor: Client, publish: Callable[..., InformationItem], decided_exemption_test: Callable[..., ConsequenceTest]
) -> None:
    item = publish(summary="Salinan KTP pendukung calon perseorangan beserta NIK.")
    document = item.documents.get()
    decided_exemption_test(item=item)
    exemption = Exemption.objects.get(items=item)

    page = visitor.get(reverse("catalogue:item", args=[item.pk]))

    assert page_items(visitor.get(DIP)) == []
    assert page.status_code == 200 and page.context["closed"]
    assert exemption.decision_number in page.text and "Pasal 17 huruf h 2" in page.text
    assert item.summary not in page.text and document.sha256 not in page.text
    assert reverse("catalogue:document", args=[document.pk]) not in page.text
    assert visitor.get(reverse("catalogue:document", args=[document.pk])).status_code == 404


def test_the_dik_says_what_is_closed_why_and_until_when(
    visitor: Client, publish: Callable[..., InformationItem], decided_exemption_test: Callable[..., ConsequenceTest]
) -> None:
    item = publish()
    until = timezone.localdate() + datetime.timedelta(days=365)
    decided_exemption_test(item=item, duration_until=until)
    exemption = Exemption.objects.get(items=item)

    listing = visitor.get(DIK)
    detail = visitor.get(reverse("catalogue:exemption", args=[exemption.pk]))

    assert list(listing.context["page"].object_list) == [exemption]
    for text in (listing.text, detail.text):
        assert exemption.information in text and exemption.ground_label in text
        assert exemption.decision_number in text and f"{until.day} {until:%B %Y}" in text
    assert "Every KPU office" in detail.text and exemption.consequence in detail.text
    assert item.title in detail.text and reverse("catalogue:item", args=[item.pk]) in detail.text


def test_the_dik_of_an_office_holds_national_exemptions_and_those_of_its_province_only(
    visitor: Client, decided_exemption_test: Callable[..., ConsequenceTest], office_jabar: Office, office_jateng: Office
) -> None:
    national = Exemption.objects.get(test=decided_exemption_test())
    jabar = Exemption.objects.get(test=decided_exemption_test())
    jateng = Exemption.objects.get(test=decided_exemption_test())
    # Delegated tests (PKPU 4/2025 [verify]) decide for one province and the offices below it.
    Exemption.objects.filter(pk=jabar.pk).update(national=False, office=office_jabar)
    Exemption.objects.filter(pk=jateng.pk).update(national=False, office=office_jateng)

    for_bandung = visitor.get(DIK, {"kantor": "32.73"})
    nationwide = visitor.get(DIK)

    assert set(for_bandung.context["page"].object_list) == {national, jabar}
    assert set(nationwide.context["page"].object_list) == {national, jabar, jateng}


def test_a_revoked_exemption_is_not_public_and_an_expired_one_says_so(
    visitor: Client, decided_exemption_test: Callable[..., ConsequenceTest]
) -> None:
    revoked = Exemption.objects.get(test=decided_exemption_test())
    expired = Exemption.objects.get(test=decided_exemption_test())
    Exemption.objects.filter(pk=revoked.pk).update(status=ExemptionStatus.REVOKED)
    Exemption.objects.filter(pk=expired.pk).update(status=ExemptionStatus.EXPIRED)

    assert list(visitor.get(DIK).context["page"].object_list) == [expired]
    assert list(visitor.get(DIK, {"status": "active"}).context["page"].object_list) == []
    assert visitor.get(reverse("catalogue:exemption", args=[revoked.pk])).status_code == 404
    assert "reviewed by a new consequence test" in visitor.get(reverse("catalogue:exemption", args=[expired.pk])).text


# --- browsing ----------------------------------------------------------------------------------


@pytest.fixture
def catalogue(
    office: Office, office_jabar: Office, imported: Callable[..., list[InformationItem]]
) -> dict[str, InformationItem]:
    """Items of Bandung and of KPU Provinsi Jawa Barat, of every open category."""
    berkala, setiap_saat = imported(
        office,
        {"title": "Laporan keuangan 2024", "year": 2024},
        {"title": "Keputusan penetapan DPT", "category": Category.SETIAP_SAAT, "on_demand_type": "b", "year": 2025},
    )
    (provinsi,) = imported(office_jabar, {"title": "Profil KPU Provinsi Jawa Barat", "year": 2025})
    return {"berkala": berkala, "setiap_saat": setiap_saat, "provinsi": provinsi}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, {"berkala", "setiap_saat", "provinsi"}),
        ({"kategori": "setiap_saat"}, {"setiap_saat"}),
        ({"jenis": "b"}, {"setiap_saat"}),
        ({"tahun": "2025"}, {"setiap_saat", "provinsi"}),
        ({"provinsi": "32"}, {"berkala", "setiap_saat", "provinsi"}),
        ({"provinsi": "33"}, set()),
        ({"q": "keuangan"}, {"berkala"}),
    ],
)
def test_it_filters_the_nationwide_dip(
    visitor: Client, catalogue: dict[str, InformationItem], params: dict[str, str], expected: set[str]
) -> None:
    response = visitor.get(DIP, params)

    assert response.status_code == 200
    assert set(page_items(response)) == {catalogue[key] for key in expected}


def test_the_nationwide_dip_shows_the_province_of_a_kabkota_office(
    visitor: Client, catalogue: dict[str, InformationItem]
) -> None:
    assert "KPU Provinsi Jawa Barat" in visitor.get(DIP, {"q": "keuangan"}).text


def test_choosing_an_office_leads_to_its_own_page_with_the_other_filters(
    visitor: Client, catalogue: dict[str, InformationItem]
) -> None:
    response = visitor.get(DIP, {"kantor": "32.73", "kategori": "berkala", "provinsi": "32", "page": "2"})
    htmx = visitor.get(DIP, {"kantor": "32.73"}, headers={"hx-request": "true"})

    assert response.status_code == 302
    assert response["Location"] == reverse("catalogue:office", args=["32.73"]) + "?kategori=berkala"
    assert htmx["HX-Redirect"] == reverse("catalogue:office", args=["32.73"])


def test_an_office_page_lists_only_its_items_and_filters_by_its_units(
    visitor: Client, office: Office, catalogue: dict[str, InformationItem], unit: WorkUnit
) -> None:
    url = reverse("catalogue:office", args=[office.code])
    other_unit = office.work_units.exclude(pk=unit.pk).first()
    assert other_unit is not None

    assert set(page_items(visitor.get(url))) == {catalogue["berkala"], catalogue["setiap_saat"]}
    assert set(page_items(visitor.get(url, {"unit": unit.pk}))) == {catalogue["berkala"], catalogue["setiap_saat"]}
    assert page_items(visitor.get(url, {"unit": other_unit.pk})) == []
    # A unit of another office is not a choice here.
    foreign = catalogue["provinsi"].work_unit
    assert visitor.get(url, {"unit": foreign.pk}).context["form"].errors["unit"]


def test_a_bad_filter_value_is_reported_and_the_others_still_apply(
    visitor: Client, catalogue: dict[str, InformationItem]
) -> None:
    response = visitor.get(DIP, {"tahun": "dua ribu", "kategori": "setiap_saat"})

    assert response.status_code == 200
    assert response.context["form"].errors["tahun"]
    assert page_items(response) == [catalogue["setiap_saat"]]


def test_htmx_gets_only_the_results(visitor: Client, catalogue: dict[str, InformationItem]) -> None:
    response = visitor.get(DIP, {"kategori": "berkala"}, headers={"hx-request": "true"})

    assert response.status_code == 200 and b"<html" not in response.content
    assert "Laporan keuangan 2024" in response.text


def test_it_pages_through_many_items(
    visitor: Client, office: Office, imported: Callable[..., list[InformationItem]]
) -> None:
    imported(office, *({"title": f"Laporan kegiatan {n:02}"} for n in range(30)))

    first = visitor.get(reverse("catalogue:office", args=["32.73"]))
    second = visitor.get(reverse("catalogue:office", args=["32.73"]), {"page": "2"})

    assert first.context["total"] == 30 and len(page_items(first)) == 25 and len(page_items(second)) == 5
    assert 'rel="next"' in first.text


def test_stale_periodic_items_are_marked_as_needing_an_update(
    visitor: Client, office: Office, imported: Callable[..., list[InformationItem]]
) -> None:
    with frozen_now(timezone.now() - datetime.timedelta(days=250)):
        (old,) = imported(office, {"title": "Profil lama"})
    fresh, on_demand = imported(
        office,
        {"title": "Profil baru"},
        {"title": "SOP layanan", "category": Category.SETIAP_SAAT, "on_demand_type": "g"},
    )
    with frozen_now(timezone.now() - datetime.timedelta(days=250)):
        InformationItem.objects.filter(pk=on_demand.pk).update(refreshed_on=timezone.localdate())

    listing = visitor.get(reverse("catalogue:office", args=["32.73"]))
    page = visitor.get(reverse("catalogue:item", args=[old.pk]))

    flags = {item.pk: getattr(item, "stale", None) for item in page_items(listing)}
    assert flags == {old.pk: True, fresh.pk: False, on_demand.pk: False}
    assert listing.text.count("needs updating") == 1
    assert page.context["stale"] and "Needs updating" in page.text


def test_a_serta_merta_item_is_public_at_once(
    visitor: Client, office: Office, ppid_officer: User, unit: WorkUnit
) -> None:
    item = item_publish_immediately(
        office=office,
        actor=ppid_officer,
        data=item_data(unit, title="Peringatan banjir di gudang logistik", category=Category.SERTA_MERTA),
    )

    assert page_items(visitor.get(DIP, {"kategori": "serta_merta"})) == [item]


# --- policies ----------------------------------------------------------------------------------


def test_only_public_policies_are_shown_with_their_versions(
    visitor: Client, national: Office, pembina_ri: User
) -> None:
    today = timezone.localdate()
    first = policy_issue(
        office=national,
        actor=pembina_ri,
        title="Arah kebijakan layanan informasi",
        effective_from=today,
        text="Layanan daring diutamakan.",
    )
    policy_issue(
        office=national,
        actor=pembina_ri,
        title="",
        policy=first.policy,
        effective_from=today + datetime.timedelta(days=30),
        upload=SimpleUploadedFile("arah.pdf", SEARCHABLE_PDF, content_type="application/pdf"),
    )
    internal = policy_issue(
        office=national,
        actor=pembina_ri,
        title="Catatan internal",
        effective_from=today,
        text="Rahasia dapur.",
        is_public=False,
    )

    listing = visitor.get(POLICIES)
    detail = visitor.get(reverse("catalogue:policy", args=[first.policy.pk]))
    download = visitor.get(reverse("catalogue:policy_file", args=[first.policy.pk, 2]))
    downloaded = b"".join(download.streaming_content)  # type: ignore[attr-defined]  # read to the end: the file closes

    assert list(listing.context["page"].object_list) == [first.policy]
    assert detail.context["current"] == first and "Layanan daring diutamakan." in detail.text
    assert "not yet in force" in detail.text
    assert (
        download.status_code == 200 and download["Content-Type"] == "application/pdf" and downloaded.startswith(b"%PDF")
    )
    assert visitor.get(reverse("catalogue:policy", args=[internal.policy.pk])).status_code == 404
    assert visitor.get(reverse("catalogue:policy_file", args=[first.policy.pk, 1])).status_code == 404  # text only


# --- query counts ------------------------------------------------------------------------------


def _queries(client: Client, url: str, params: dict[str, str] | None = None) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params or {}).status_code == 200
    return len(queries)


def _pages(office: Office, exemption: Exemption, policy_pk: int) -> list[tuple[str, dict[str, str]]]:
    office_url = reverse("catalogue:office", args=[office.code])
    return [
        (DIP, {}),
        (DIP, {"q": "laporan", "kategori": "berkala", "tahun": "2024", "provinsi": "32"}),
        (office_url, {}),
        (office_url, {"q": "laporan"}),
        (DIK, {"kantor": office.code}),
        (reverse("catalogue:exemption", args=[exemption.pk]), {}),
        (POLICIES, {}),
        (reverse("catalogue:policy", args=[policy_pk]), {}),
    ]


def test_the_pages_cost_the_same_queries_for_few_or_many_rows(
    visitor: Client,
    office: Office,
    office_jabar: Office,
    ppid_officer: User,
    national: Office,
    pembina_ri: User,
    imported: Callable[..., list[InformationItem]],
    decided_exemption_test: Callable[..., ConsequenceTest],
) -> None:
    def add(count: int) -> None:
        # Titles differ between the two rounds: the import refuses an item already listed.
        items = imported(office, *({"title": f"Laporan kegiatan {count}-{n}"} for n in range(count)))
        imported(office_jabar, *({"title": f"Laporan provinsi {count}-{n}"} for n in range(count)))
        for item in items:
            item_add_document(item=item, actor=ppid_officer, upload=pdf())
        for n in range(count):
            closed = imported(office, {"title": f"Salinan KTP {count}-{n}"})[0]
            decided_exemption_test(item=closed)
            policy_issue(
                office=national,
                actor=pembina_ri,
                title=f"Kebijakan {closed.pk}",
                effective_from=timezone.localdate(),
                text="Isi.",
            )

    add(2)
    exemption = Exemption.objects.order_by("pk").first()
    policy = Policy.objects.order_by("pk").first()
    assert exemption is not None and policy is not None
    few = [_queries(visitor, url, params) for url, params in _pages(office, exemption, policy.pk)]
    add(12)
    many = [_queries(visitor, url, params) for url, params in _pages(office, exemption, policy.pk)]

    assert few == many
    assert max(many) <= 8, many
