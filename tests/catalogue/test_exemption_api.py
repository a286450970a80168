"""/api/v1/consequence-tests/…: asking for a test, who sees it, one POST per step up to the
Keputusan KPU (PKPU 22/2023 Pasal 24-26; seed b.2, b.3, d.4, d.6); errors 400/403/404/409; the schema."""

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
from ppid.catalogue.models import InformationItem
from ppid.catalogue.workflow import Category
from ppid.exemptions.models import ConsequenceTest, Exemption
from ppid.exemptions.services import StartData, consequence_test_start
from ppid.exemptions.workflow import ConsequenceStatus
from ppid.offices.models import Office
from tests.catalogue.conftest import FULL_STEPS
from tests.requests.conftest import PDF_BYTES

pytestmark = pytest.mark.django_db

TESTS = "/api/v1/consequence-tests/"


def as_user(user: User | None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def url(test: ConsequenceTest | int, action: str = "") -> str:
    pk = test if isinstance(test, int) else test.pk
    return f"{TESTS}{pk}/" + (f"{action}/" if action else "")


@pytest.fixture
def jabar(db: None) -> Office:
    return Office.objects.get(code="32")


@pytest.fixture
def asked_by_bandung(ppid_officer: User) -> ConsequenceTest:
    """KPU Kota Bandung's PPID asked KPU RI; it waits for KPU Provinsi Jawa Barat."""
    response = as_user(ppid_officer).post(
        TESTS, {"origin": "32.73", "information": "Berita acara pleno", "trigger": "on_request"}
    )
    assert response.status_code == 201, response.json()
    return ConsequenceTest.objects.get(pk=response.json()["id"])


def test_a_kabkota_asks_and_its_provinsi_forwards(
    asked_by_bandung: ConsequenceTest, ppid_officer: User, staff: Callable[..., User], jabar: Office
) -> None:
    data = as_user(ppid_officer).get(url(asked_by_bandung)).json()
    assert (data["status"], data["office"], data["origin_office"]) == (ConsequenceStatus.AT_PROVINCE, "00", "32.73")
    assert data["timeline"][0]["event_type"] == "consequence_test.started"

    assert as_user(ppid_officer).post(url(asked_by_bandung, "forward")).status_code == 403  # not its own
    jateng_ppid = staff(Role.PPID, Office.objects.get(code="33"))
    assert as_user(jateng_ppid).post(url(asked_by_bandung, "forward")).status_code == 404  # cannot even see it

    response = as_user(staff(Role.PPID, jabar)).post(url(asked_by_bandung, "forward"), {"note": "Diteruskan."})
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["forwarded_by"]) == (ConsequenceStatus.SCREENING, "32")


def test_tests_are_seen_by_kpu_ri_and_by_the_asking_office_and_its_parents(
    asked_by_bandung: ConsequenceTest,
    ppid_officer: User,
    ppid_ri: User,
    liaison: User,
    staff: Callable[..., User],
    jabar: Office,
    office: Office,
) -> None:
    def ids(user: User) -> list[int]:
        response = as_user(user).get(TESTS)
        assert response.status_code == 200
        return [row["id"] for row in response.json()["results"]]

    for user in (ppid_officer, ppid_ri, liaison, staff(Role.ATASAN, jabar)):
        assert ids(user) == [asked_by_bandung.pk]
        assert as_user(user).get(url(asked_by_bandung)).status_code == 200
    for user in (staff(Role.PPID, Office.objects.get(code="33")), staff(Role.DESK, office)):
        assert ids(user) == []
        assert as_user(user).get(url(asked_by_bandung)).status_code == 404
    assert as_user(None).get(TESTS).status_code in (401, 403)
    assert as_user(ppid_ri).get(TESTS, {"origin": "32.73", "status": "at_province"}).json()["count"] == 1
    assert as_user(ppid_ri).get(TESTS, {"origin": "32"}).json()["count"] == 0
    assert as_user(ppid_ri).get(TESTS, {"origin": "99"}).status_code == 400


def test_the_list_costs_the_same_queries_for_more_tests(national: Office, ppid_ri: User) -> None:
    counts = []
    for count in (2, 6):
        for n in range(count):
            consequence_test_start(origin=national, actor=ppid_ri, data=StartData(information=f"Informasi {n}"))
        with CaptureQueriesContext(connection) as queries:
            response = as_user(ppid_ri).get(TESTS)
        assert response.status_code == 200
        counts.append(len(queries))
    assert response.json()["count"] == 8 and counts[0] == counts[1]


def test_kpu_ri_runs_a_test_to_the_keputusan_kpu_that_closes_the_item(
    national: Office,
    ppid_ri: User,
    advisory_ri: User,
    pembina_ri: User,
    atasan_ri: User,
    publish: Callable[..., InformationItem],
) -> None:
    item = publish(title="Salinan KTP pendukung calon perseorangan")
    as_ppid, as_advisory, as_atasan = as_user(ppid_ri), as_user(advisory_ri), as_user(atasan_ri)
    response = as_ppid.post(TESTS, {"origin": "00", "information": "Salinan KTP pendukung", "item": item.pk})
    assert response.status_code == 201 and response.json()["status"] == ConsequenceStatus.SCREENING
    test = response.json()["id"]

    response = as_ppid.post(url(test, "screen"), {"note": ""})
    assert response.status_code == 400 and set(response.json()) == {"note"}
    assert as_ppid.post(url(test, "screen"), {"note": "Memuat data pribadi."}).json()["status"] == "in_test"
    assert as_advisory.post(url(test, "steps"), {"material_scope": "x"}).status_code == 403  # d.6: the PPID writes

    response = as_advisory.post(url(test, "classify"), {"note": "x"})
    assert response.status_code == 400 and "material_scope" in response.json()  # every step of Pasal 25(3)
    steps = {name: value for name, value in FULL_STEPS.__dict__.items() if value not in ("", None)}
    response = as_ppid.post(url(test, "steps"), steps)
    assert response.status_code == 200 and response.json()["potential_harm"] == FULL_STEPS.potential_harm

    response = as_user(pembina_ri).post(url(test, "opinions"), {"kind": "patron", "opinion": "Setuju.", "agrees": True})
    assert response.status_code == 201 and response.json()["opinions"][0]["kind"] == "patron"
    response = as_ppid.post(url(test, "opinions"), {"kind": "expert", "opinion": "Sesuai UU PDP.", "name": ""})
    assert response.status_code == 400 and set(response.json()) == {"name"}
    assert as_atasan.post(url(test, "opinions"), {"kind": "advisory", "opinion": "x"}).status_code == 403

    assert as_advisory.post(url(test, "hand-over")).status_code == 409  # not classified yet
    assert as_advisory.post(url(test, "classify"), {"note": "Dikecualikan."}).json()["status"] == "classified"
    assert as_ppid.post(url(test, "hand-over")).status_code == 403  # b.3: the advisory team
    assert as_advisory.post(url(test, "hand-over")).json()["status"] == "handed_over"

    wrong = {"decision_number": "1", "decision_date": "2026-01-01", "decision_file": SimpleUploadedFile("k.pdf", b"MZ")}
    response = as_atasan.post(url(test, "decision"), wrong, format="multipart")
    assert response.status_code == 400 and set(response.json()) == {"decision_file"}
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    response = as_atasan.post(url(test, "decision"), {"decision_number": "1", "decision_date": tomorrow})
    assert response.status_code == 400 and set(response.json()) == {"decision_date"}
    assert as_advisory.post(url(test, "decision"), {"decision_number": "1", "decision_date": "2026-01-01"}).status_code == 403  # fmt: skip

    response = as_atasan.post(
        url(test, "decision"),
        {
            "decision_number": "77/PP.01-Kpt/01/KPU/2026",
            "decision_date": timezone.localdate().isoformat(),
            "decision_file": SimpleUploadedFile("keputusan.pdf", PDF_BYTES, "application/pdf"),
        },
        format="multipart",
    )
    assert response.status_code == 200, response.json()
    data = response.json()
    assert data["status"] == ConsequenceStatus.DECIDED and data["exemption"]["national"] is True
    assert data["exemption"]["decision_number"] == "77/PP.01-Kpt/01/KPU/2026"
    exemption = Exemption.objects.get(pk=data["exemption_id"])
    assert exemption.decision_file.name.endswith(".pdf")
    item.refresh_from_db()
    assert item.category == Category.DIKECUALIKAN and item.exemption == exemption
    assert as_atasan.post(url(test, "decision"), {"decision_number": "2", "decision_date": "2026-01-01"}).status_code == 409  # fmt: skip
    assert [row["event_type"] for row in data["timeline"]][-1] == "consequence_test.decided"


def test_a_review_test_names_the_exemption_whose_duration_ends(
    ppid_ri: User, decided_exemption_test: Callable[..., ConsequenceTest]
) -> None:
    exemption = Exemption.objects.get(test=decided_exemption_test())
    client = as_user(ppid_ri)

    response = client.post(TESTS, {"origin": "00", "information": exemption.information, "reviews": 424242})
    assert response.status_code == 400 and set(response.json()) == {"reviews"}
    response = client.post(TESTS, {"origin": "00", "information": exemption.information, "reviews": exemption.pk})
    assert response.status_code == 201 and response.json()["reviews"] == exemption.pk
    decided = client.get(url(exemption.test)).json()
    assert decided["decision_number"] == "123/PP.01-Kpt/01/KPU/2026" and decided["exemption_id"] == exemption.pk


def test_a_dismissal_needs_reasons_and_then_nothing_more_happens(national: Office, ppid_ri: User) -> None:
    test = consequence_test_start(origin=national, actor=ppid_ri, data=StartData(information="Jadwal tahapan"))

    assert as_user(ppid_ri).post(url(test, "dismiss"), {"note": ""}).status_code == 400
    response = as_user(ppid_ri).post(url(test, "dismiss"), {"note": "Informasi berkala, terbuka."})
    assert response.status_code == 200 and response.json()["status"] == ConsequenceStatus.DISMISSED
    assert as_user(ppid_ri).post(url(test, "screen"), {"note": "x"}).status_code == 409


def test_asking_is_refused_field_by_field_and_by_role(
    ppid_officer: User, liaison: User, staff: Callable[..., User], office: Office
) -> None:
    client = as_user(ppid_officer)

    response = client.post(TESTS, {"origin": "99", "information": "x"})
    assert response.status_code == 400 and set(response.json()) == {"origin"}
    response = client.post(TESTS, {"origin": "32.73", "information": ""})
    assert response.status_code == 400 and set(response.json()) == {"information"}
    response = client.post(TESTS, {"origin": "32.73", "information": "x", "request": "424242"})
    assert response.status_code == 400 and set(response.json()) == {"request"}
    response = client.post(TESTS, {"origin": "32.73", "information": "x", "item": 424242})
    assert response.status_code == 400 and set(response.json()) == {"item"}
    # A liaison team asks with its first assessment (kajian awal), never without.
    assert as_user(liaison).post(TESTS, {"origin": "32.73", "information": "x"}).status_code == 403
    body: dict[str, Any] = {"origin": "32.73", "information": "Salinan KTP", "first_assessment": "Memuat NIK."}
    assert as_user(liaison).post(TESTS, body).status_code == 201
    assert as_user(staff(Role.DESK, office)).post(TESTS, body).status_code == 403
    assert as_user(ppid_officer).post(TESTS, {**body, "origin": "33"}).status_code == 403  # another office
    assert ConsequenceTest.objects.count() == 1


def test_the_schema_has_every_consequence_test_path() -> None:
    paths = APIClient().get("/api/schema/", {"format": "json"}).json()["paths"]

    assert {"get", "post"} <= set(paths["/api/v1/consequence-tests/"])
    assert "/api/v1/consequence-tests/{id}/" in paths
    for action in ("forward", "screen", "dismiss", "steps", "opinions", "classify", "hand-over", "decision"):
        path = f"/api/v1/consequence-tests/{{id}}/{action}/"
        assert path in paths, path
        assert set(paths[path]["post"]["responses"]) >= {"400", "403", "404", "409"}, path
    decision = paths["/api/v1/consequence-tests/{id}/decision/"]["post"]["requestBody"]["content"]
    assert "multipart/form-data" in decision
