"""A refusal names the exemption it relies on (Pasal 19 UU 14/2008: a refusal rests on a consequence
test): chosen on the request's decide form among those in force for the office, shown on the request
and printed on the written notice with its Keputusan KPU."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from ppid.accounts.models import User
from ppid.exemptions.models import ConsequenceTest, Exemption
from ppid.exemptions.workflow import ExemptionStatus
from ppid.offices.models import Office
from ppid.requests.models import InformationRequest
from ppid.requests.pdf import notice_pdf
from ppid.requests.services import request_submit
from ppid.requests.workflow import Status
from tests.requests.conftest import build_intake
from tests.requests.test_pdf import pdf_text

pytestmark = pytest.mark.django_db

DECISION = "123/PP.01-Kpt/01/KPU/2026"


def logged_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = "en"
    return client


def decide_url(request: InformationRequest) -> str:
    return f"/staf/permohonan/{request.pk}/aksi/decide/"


def refusal(exemption: Exemption | None, **overrides: Any) -> dict[str, Any]:
    data = {
        "decide-outcome": "refused",
        "decide-exemption_ground": "",
        "decide-exemption": exemption.pk if exemption else "",
        "decide-reasoning": "Memuat NIK dan alamat pemilih: rahasia pribadi.",
        "decide-holder_body": "",
        "decide-information_given": "",
        "decide-blacked_out": "",
        "decide-delivery_method": "email",
        "decide-delivery_format": "",
        "decide-payment_instructions": "",
        "costs-TOTAL_FORMS": "0",
        "costs-INITIAL_FORMS": "0",
        "costs-MIN_NUM_FORMS": "0",
        "costs-MAX_NUM_FORMS": "20",
    }
    data.update(overrides)
    return data


@pytest.fixture
def exemption(decided_exemption_test: Callable[..., ConsequenceTest]) -> Exemption:
    """Decided at KPU RI on Pasal 17 huruf h: it applies at KPU Kota Bandung too."""
    return Exemption.objects.get(test=decided_exemption_test())


@pytest.fixture
def info_request(office: Office) -> InformationRequest:
    return request_submit(office=office, data=build_intake(), channel="online")


def test_the_decide_form_offers_the_exemptions_in_force_for_the_office(
    exemption: Exemption, decided_exemption_test: Callable[..., ConsequenceTest], info_request: InformationRequest,
    ppid_officer: User,
) -> None:  # fmt: skip
    ended = Exemption.objects.get(test=decided_exemption_test())
    Exemption.objects.filter(pk=ended.pk).update(status=ExemptionStatus.EXPIRED)

    page = logged_in(ppid_officer).get(f"/staf/permohonan/{info_request.pk}/")

    form = {name: form for name, _title, form in page.context["forms"]}["decide"]
    assert list(form.fields["exemption"].queryset) == [exemption]
    assert DECISION in page.content.decode()


def test_a_refusal_relies_on_an_exemption_and_takes_its_ground(
    exemption: Exemption, info_request: InformationRequest, ppid_officer: User
) -> None:
    client = logged_in(ppid_officer)

    response = client.post(decide_url(info_request), refusal(exemption))

    assert response.status_code == 302
    info_request.refresh_from_db()
    notice = info_request.notice
    assert (info_request.status, notice.exemption, notice.exemption_ground) == (Status.DECIDED, exemption, "h")
    page = client.get(f"/staf/permohonan/{info_request.pk}/").content.decode()
    assert "Exemption relied on (DIK)" in page and f"Keputusan KPU Nomor {DECISION}" in page
    assert f'href="/dik/{exemption.pk}/"' in page  # the public DIK entry


def test_the_notice_pdf_names_the_keputusan_kpu(
    exemption: Exemption, info_request: InformationRequest, ppid_officer: User
) -> None:
    logged_in(ppid_officer).post(decide_url(info_request), refusal(exemption))
    info_request.refresh_from_db()

    text = pdf_text(notice_pdf(info_request.notice, compress=False))

    assert re.sub(r"\s+", "", f"Keputusan KPU Nomor {DECISION}") in text
    assert re.sub(r"\s+", "", exemption.information) in text


def test_a_notice_without_an_exemption_prints_no_keputusan(
    info_request: InformationRequest, ppid_officer: User
) -> None:
    logged_in(ppid_officer).post(decide_url(info_request), refusal(None, **{"decide-exemption_ground": "h"}))
    info_request.refresh_from_db()

    assert info_request.notice.exemption is None
    assert "KeputusanKPU" not in pdf_text(notice_pdf(info_request.notice, compress=False))


def test_a_grant_cannot_rely_on_an_exemption_and_the_text_is_kept(
    exemption: Exemption, info_request: InformationRequest, ppid_officer: User
) -> None:
    response = logged_in(ppid_officer).post(
        decide_url(info_request),
        refusal(exemption, **{"decide-outcome": "granted_full", "decide-information_given": "Rekap DPT (PDF)"}),
    )

    assert response.status_code == 200
    form = {name: form for name, _title, form in response.context["forms"]}["decide"]
    assert form.errors["exemption"]
    assert "Rekap DPT (PDF)" in response.content.decode()
    info_request.refresh_from_db()
    assert info_request.status != Status.DECIDED


def test_a_ground_other_than_the_exemptions_is_refused(
    exemption: Exemption, info_request: InformationRequest, ppid_officer: User
) -> None:
    response = logged_in(ppid_officer).post(
        decide_url(info_request), refusal(exemption, **{"decide-exemption_ground": "c"})
    )

    form = {name: form for name, _title, form in response.context["forms"]}["decide"]
    assert form.errors["exemption_ground"]


def test_an_exemption_that_ended_cannot_be_chosen(
    exemption: Exemption, info_request: InformationRequest, ppid_officer: User
) -> None:
    Exemption.objects.filter(pk=exemption.pk).update(status=ExemptionStatus.EXPIRED)

    response = logged_in(ppid_officer).post(decide_url(info_request), refusal(exemption))

    form = {name: form for name, _title, form in response.context["forms"]}["decide"]
    assert response.status_code == 200 and form.errors["exemption"]
    assert "Memuat NIK dan alamat pemilih" in response.content.decode()
