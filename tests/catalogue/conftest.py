"""Fixtures for the DIP, the DIK and the consequence test: people per role at KPU Kota Bandung and
KPU RI, the unit whose liaison team proposes items, and factories that go through the services."""

from __future__ import annotations

import datetime
import io
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from reportlab.pdfgen import canvas

from ppid.accounts.models import User
from ppid.accounts.roles import Role
from ppid.catalogue.models import CollectionRound, InformationItem, UnitList
from ppid.catalogue.services import (
    ItemData,
    round_open,
    unit_list_add_new,
    unit_list_approve,
    unit_list_arrange,
    unit_list_submit,
)
from ppid.catalogue.workflow import Category
from ppid.exemptions.models import ConsequenceTest
from ppid.exemptions.services import (
    StartData,
    Steps,
    consequence_test_classify,
    consequence_test_hand_over,
    consequence_test_record_decision,
    consequence_test_record_steps,
    consequence_test_screen,
    consequence_test_start,
)
from ppid.offices.models import Office, WorkUnit
from tests.requests.conftest import PDF_BYTES, _media_root, atasan, office, ppid_officer, staff  # noqa: F401
from tests.workdays.conftest import frozen_now, national  # noqa: F401


def searchable_pdf(text: str = "Rekapitulasi suara Coblong") -> bytes:
    """A one-page PDF with real text, for the search over document text."""
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 720, text)
    page.save()
    return buffer.getvalue()


SEARCHABLE_PDF = searchable_pdf()


@pytest.fixture
def unit(office: Office) -> WorkUnit:
    """The first work unit of KPU Kota Bandung that is not its legal unit."""
    found = office.work_units.filter(is_legal_unit=False).order_by("name").first()
    assert found is not None
    return found


@pytest.fixture
def liaison(staff: Callable[..., User], office: Office, unit: WorkUnit) -> User:
    return staff(Role.TIM_PENGHUBUNG, office, work_unit=unit)


@pytest.fixture
def ppid_ri(staff: Callable[..., User], national: Office) -> User:
    return staff(Role.PPID, national)


@pytest.fixture
def atasan_ri(staff: Callable[..., User], national: Office) -> User:
    return staff(Role.ATASAN, national)


@pytest.fixture
def advisory_ri(staff: Callable[..., User], national: Office) -> User:
    return staff(Role.TIM_PERTIMBANGAN, national)


@pytest.fixture
def pembina_ri(staff: Callable[..., User], national: Office) -> User:
    return staff(Role.PEMBINA, national)


def item_data(unit: WorkUnit, **overrides: Any) -> ItemData:
    values: dict[str, Any] = {
        "title": "Daftar pemilih tetap Pemilu 2024 per kecamatan",
        "summary": "Rekapitulasi jumlah pemilih tetap di setiap kecamatan Kota Bandung.",
        "category": Category.BERKALA,
        "work_unit": unit,
        "responsible_official": "Kepala Subbagian Perencanaan, Data dan Informasi",
        "year": 2024,
        "format": "PDF",
        "retention_period": "10 tahun",
        "tags": "pemilih, DPT",
    }
    values.update(overrides)
    return ItemData(**values)


@pytest.fixture
def make_item_data(unit: WorkUnit) -> Callable[..., ItemData]:
    return lambda **overrides: item_data(unit, **overrides)


@pytest.fixture
def open_round(office: Office, ppid_officer: User) -> CollectionRound:
    return round_open(
        office=office,
        actor=ppid_officer,
        name="Semester II 2026",
        due_on=timezone.localdate() + datetime.timedelta(days=14),
    )


@pytest.fixture
def unit_list(open_round: CollectionRound, unit: WorkUnit) -> UnitList:
    return open_round.unit_lists.get(work_unit=unit)


@pytest.fixture
def publish(
    unit_list: UnitList, liaison: User, ppid_officer: User, atasan: User, unit: WorkUnit
) -> Callable[..., InformationItem]:
    """`publish(**item fields)`: an item proposed, submitted, arranged and approved through a round
    (one use per test: the round's list is approved at the end)."""

    def make(**overrides: Any) -> InformationItem:
        upload = SimpleUploadedFile("dpt.pdf", SEARCHABLE_PDF, content_type="application/pdf")
        entry = unit_list_add_new(unit_list=unit_list, actor=liaison, data=item_data(unit, **overrides), upload=upload)
        unit_list_submit(unit_list=unit_list, actor=liaison)
        unit_list_arrange(unit_list=unit_list, actor=ppid_officer)
        unit_list_approve(unit_list=unit_list, actor=atasan)
        entry.item.refresh_from_db()
        return entry.item

    return make


FULL_STEPS = Steps(
    material_scope="Salinan KTP pemilih yang dilampirkan pada dokumen pencalonan.",
    potential_harm="Membuka data pribadi pemilih (NIK, alamat) kepada umum.",
    basis_kind="pasal_17",
    pasal17_letter="h",
    pasal17_point="2",
    public_interest="Verifikasi dukungan calon perseorangan.",
    balancing="Kepentingan umum terpenuhi melalui rekapitulasi tanpa data pribadi.",
    conclusion="dikecualikan",
)


@pytest.fixture
def decided_exemption_test(
    national: Office, ppid_ri: User, advisory_ri: User, atasan_ri: User
) -> Callable[..., ConsequenceTest]:
    """`decided_exemption_test(**steps)`: a test at KPU RI run to a Keputusan KPU (dikecualikan by default)."""

    def make(item: InformationItem | None = None, **steps: Any) -> ConsequenceTest:
        test = consequence_test_start(
            origin=national, actor=ppid_ri, data=StartData(information="Salinan KTP pendukung calon", item=item)
        )
        consequence_test_screen(test=test, actor=ppid_ri, note="Memuat data pribadi.")
        values = {**FULL_STEPS.__dict__, **steps}
        consequence_test_record_steps(test=test, actor=ppid_ri, steps=Steps(**values))
        consequence_test_classify(test=test, actor=advisory_ri, note="Dikecualikan berdasarkan Pasal 17 huruf h.")
        consequence_test_hand_over(test=test, actor=advisory_ri)
        return consequence_test_record_decision(
            test=test, actor=atasan_ri, decision_number="123/PP.01-Kpt/01/KPU/2026", decision_date=timezone.localdate()
        )

    return make
