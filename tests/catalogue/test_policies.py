"""The Pembina PPID's policy directions (seed a.2) on the staff pages: issuing, new versions with
their effective dates, downloads with checksums, who may do what, refused uploads."""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from ppid.accounts.models import User
from ppid.accounts.roles import Role
from ppid.catalogue.models import Policy, PolicyVersion
from ppid.catalogue.services import policy_issue
from ppid.offices.models import Office
from tests.catalogue.conftest import SEARCHABLE_PDF
from tests.legal.test_objection_staff_views import logged_in

pytestmark = pytest.mark.django_db

NEW_URL = "/staf/dip/kebijakan/baru/"


@pytest.fixture
def pembina(staff: Callable[..., User], office: Office) -> User:
    return staff(Role.PEMBINA, office)


def issued(office: Office, pembina: User, title: str = "Arah kebijakan layanan informasi 2026") -> Policy:
    version = policy_issue(
        office=office, actor=pembina, title=title, effective_from=datetime.date(2026, 1, 1), text="Pelayanan prima."
    )
    return version.policy


def test_the_pembina_issues_a_policy_and_a_new_version_with_a_document(office: Office, pembina: User) -> None:
    client = logged_in(pembina)
    assert client.get(NEW_URL).status_code == 200
    response = client.post(
        NEW_URL,
        {"kantor": office.pk, "title": "Standar layanan", "effective_from": "2026-02-01", "text": "Isi arahan.",
         "is_public": "on"},
    )  # fmt: skip
    policy = Policy.objects.get(title="Standar layanan")
    assert response.status_code == 302 and response["Location"] == f"/staf/dip/kebijakan/{policy.pk}/"
    document = SimpleUploadedFile("arahan.pdf", SEARCHABLE_PDF, content_type="application/pdf")
    again = client.post(
        f"/staf/dip/kebijakan/{policy.pk}/versi-baru/", {"effective_from": "2026-07-01", "file": document}
    )
    assert again.status_code == 302
    versions = list(policy.versions.order_by("version"))
    assert [(v.version, v.effective_from) for v in versions] == [
        (1, datetime.date(2026, 2, 1)),
        (2, datetime.date(2026, 7, 1)),
    ]
    assert versions[0].text == "Isi arahan." and versions[1].sha256 == hashlib.sha256(SEARCHABLE_PDF).hexdigest()
    page = client.get(f"/staf/dip/kebijakan/{policy.pk}/").content.decode()
    assert "Version 2" in page and versions[1].sha256 in page
    download = client.get(f"/staf/dip/kebijakan/versi/{versions[1].pk}/berkas/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == SEARCHABLE_PDF


@pytest.mark.parametrize("role", [Role.PPID, Role.ATASAN, Role.TIM_PERTIMBANGAN])
def test_only_the_pembina_sets_policy(office: Office, pembina: User, staff: Callable[..., User], role: str) -> None:
    policy = issued(office, pembina)
    client = logged_in(staff(role, office))
    assert client.get(NEW_URL).status_code == 403
    post = {"kantor": office.pk, "title": "Lain", "effective_from": "2026-02-01", "text": "x"}
    assert client.post(NEW_URL, post).status_code == 403
    page = client.get(f"/staf/dip/kebijakan/{policy.pk}/")
    assert page.status_code == 200 and "versi-baru" not in page.content.decode()
    assert (
        client.post(f"/staf/dip/kebijakan/{policy.pk}/versi-baru/", {"effective_from": "2026-03-01", "text": "y"})
    ).status_code == 403
    assert PolicyVersion.objects.count() == 1


def test_a_pembina_of_a_parent_office_reads_but_does_not_issue_for_the_child(
    office: Office, pembina: User, office_jabar: Office, office_jateng: Office, staff: Callable[..., User]
) -> None:
    policy = issued(office, pembina)
    parent = logged_in(staff(Role.PEMBINA, office_jabar))
    assert policy.title in parent.get("/staf/dip/kebijakan/").content.decode()
    new_version = f"/staf/dip/kebijakan/{policy.pk}/versi-baru/"
    assert parent.post(new_version, {"effective_from": "2026-03-01", "text": "y"}).status_code == 403
    assert PolicyVersion.objects.count() == 1
    stranger = logged_in(staff(Role.PEMBINA, office_jateng))
    assert stranger.get(f"/staf/dip/kebijakan/{policy.pk}/").status_code == 404
    assert policy.title not in stranger.get("/staf/dip/kebijakan/").content.decode()
    refused = stranger.post(NEW_URL, {"kantor": office.pk, "title": "Z", "effective_from": "2026-02-01", "text": "z"})
    assert refused.status_code == 200 and not Policy.objects.filter(title="Z").exists()


def test_a_policy_needs_text_or_a_document_and_the_title_is_kept(office: Office, pembina: User) -> None:
    response = logged_in(pembina).post(
        NEW_URL, {"kantor": office.pk, "title": "Judul yang diketik", "effective_from": "2026-02-01"}
    )
    body = response.content.decode()
    assert response.status_code == 200 and "Write the policy or upload its document." in body
    assert 'value="Judul yang diketik"' in body
    assert not Policy.objects.exists()


def test_a_refused_upload_keeps_the_typed_text(office: Office, pembina: User) -> None:
    fake = SimpleUploadedFile("arahan.pdf", b"PK\x03\x04 a zip, not a pdf", content_type="application/pdf")
    response = logged_in(pembina).post(
        NEW_URL,
        {"kantor": office.pk, "title": "Arahan", "effective_from": "2026-02-01", "text": "Teks arahan", "file": fake},
    )
    body = response.content.decode()
    assert response.status_code == 200 and "is not a PDF, JPEG or PNG file" in body and "Teks arahan" in body
    assert not Policy.objects.exists()


def test_policy_pages_need_a_login(office: Office, pembina: User) -> None:
    policy = issued(office, pembina)
    for url in ("/staf/dip/kebijakan/", f"/staf/dip/kebijakan/{policy.pk}/", NEW_URL):
        assert Client().get(url)["Location"].startswith("/masuk/")


def test_the_policy_list_costs_the_same_queries_for_more_policies(office: Office, pembina: User) -> None:
    client = logged_in(pembina)
    issued(office, pembina, "P0")

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/staf/dip/kebijakan/").status_code == 200
        return len(queries)

    few = count()
    for n in range(1, 6):
        issued(office, pembina, f"P{n}")
    assert count() == few
