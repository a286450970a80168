"""The receipt and the written notice as PDF: letterhead, every item of Pasal 22 ayat (7), signer."""

from __future__ import annotations

import datetime
import os
import re
from collections.abc import Callable
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.utils import formats, translation
from django.utils.translation import gettext as _

from ppid.accounts.models import User
from ppid.offices.models import Office
from ppid.requests.models import ExemptionGround, InformationRequest, WrittenNotice
from ppid.requests.pdf import notice_pdf, receipt_pdf, store_notice_pdf
from ppid.requests.services import request_decide
from ppid.requests.workflow import Outcome
from tests.requests.conftest import granted_in_full
from tests.workdays.conftest import frozen_now

WIB = ZoneInfo("Asia/Jakarta")
# Wednesday 4 February 2026, 10:00 WIB: an ordinary working day.
NOW = datetime.datetime(2026, 2, 4, 10, 0, tzinfo=WIB)

_STRING = re.compile(rb"\((?:[^()\\]|\\.)*\)\s*Tj")
_ESCAPE = re.compile(rb"\\([0-7]{1,3}|.)", re.DOTALL)


def _unescape(match: re.Match[bytes]) -> bytes:
    code = match.group(1)
    if code[:1].isdigit():
        return bytes([int(code, 8)])
    return {b"n": b"\n", b"r": b"\r", b"t": b"\t"}.get(code, code)


def pdf_text(content: bytes) -> str:
    """The text drawn by an uncompressed reportlab PDF, with all whitespace removed (lines wrap anywhere)."""
    assert content.startswith(b"%PDF-")
    assert b"/FlateDecode" not in content, "render with compress=False to read the text"
    parts = [_ESCAPE.sub(_unescape, m.group(0)[1 : m.group(0).rindex(b")")]) for m in _STRING.finditer(content)]
    return re.sub(r"\s+", "", b"".join(parts).decode("cp1252"))


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def in_indonesian(msgid: str) -> str:
    with translation.override("id"):
        return _(msgid)


@pytest.fixture
def office_with_letterhead(office: Office) -> Office:
    office.address = "Jl. Cipamokolan No. 63\nBandung 40292"
    office.email = "ppid@kpu-bandungkota.go.id"
    office.phone = "(022) 7563220"
    office.save()
    return office


@pytest.fixture
def registered(office_with_letterhead: Office, submit: Callable[..., InformationRequest]) -> InformationRequest:
    with frozen_now(NOW):
        return submit()


def refused_in_part(request: InformationRequest, ppid_officer: User) -> WrittenNotice:
    data = granted_in_full(
        outcome=Outcome.GRANTED_PART,
        exemption_ground=ExemptionGround.H,
        information_given="Rekapitulasi DPT per kelurahan",
        blacked_out="NIK dan alamat pemilih (kolom 3 dan 5)",
        reasoning="Data pribadi pemilih dilindungi UU 27/2022",
        delivery_format="PDF hasil pindai",
        costs=[("Fotokopi A4", 12, 500), ("Pengiriman pos", 1, 15000)],
        payment_instructions="Bayar tunai di Desk Pelayanan",
    )
    with frozen_now(NOW + datetime.timedelta(days=2)):
        return request_decide(request=request, actor=ppid_officer, data=data)


def test_the_receipt_is_a_pdf_with_the_registration_number_and_the_request(registered: InformationRequest) -> None:
    text = pdf_text(receipt_pdf(registered, compress=False))

    assert squash(registered.registration_number) in text
    assert squash("Siti Rahmawati") in text
    assert squash(registered.information_requested) in text
    assert squash("Penelitian skripsi") in text
    assert squash("KPU Kota Bandung".upper()) in text.upper()
    assert squash("Jl. Cipamokolan No. 63") in text
    assert squash("ppid@kpu-bandungkota.go.id") in text


def test_the_receipt_shows_the_local_time_of_receipt_with_its_zone(registered: InformationRequest) -> None:
    text = pdf_text(receipt_pdf(registered, compress=False))

    assert "10.00WIB" in text
    assert "2026" in text


def test_the_receipt_gives_the_notice_deadline_with_its_rule_and_how_to_track(registered: InformationRequest) -> None:
    text = pdf_text(receipt_pdf(registered, compress=False))

    # Wednesday 4 February + 10 working days, less Imlek and its cuti bersama (16-17 February).
    assert registered.notice_due_on == datetime.date(2026, 2, 20)
    with translation.override("id"):
        assert squash(formats.date_format(registered.notice_due_on, "j F Y")) in text
    assert "Pasal22ayat(7)" in text
    assert "/lacak/" in text


def test_the_receipt_never_shows_the_nik_or_the_address(registered: InformationRequest) -> None:
    text = pdf_text(receipt_pdf(registered, compress=False))

    assert registered.requester.nik not in text
    assert squash(registered.requester.address) not in text
    assert squash(registered.requester.phone) not in text


def test_the_notice_contains_every_item_of_pasal_22_ayat_7(registered: InformationRequest, ppid_officer: User) -> None:
    notice = refused_in_part(registered, ppid_officer)
    text = pdf_text(notice_pdf(notice, compress=False))

    labels = [
        "Whether the information is held",
        "Body that holds the information, if not this body",
        "Acceptance or refusal, with its ground and reasons",
        "Information that will be given",
        "Parts blacked out, and why",
        "Means and format of delivery",
        "Costs and how to pay",
    ]
    for letter, label in zip("abcdefg", labels, strict=True):
        assert f"{letter}.{squash(in_indonesian(label))}" in text, letter
    assert squash(registered.registration_number) in text
    assert squash("Rekapitulasi DPT per kelurahan") in text  # d
    assert squash("NIK dan alamat pemilih (kolom 3 dan 5)") in text  # e
    assert "Pasal17hurufh" in text  # c and e: the ground
    assert squash("Data pribadi pemilih dilindungi UU 27/2022") in text  # c: the reasons
    assert squash("PDF hasil pindai") in text  # f


def test_the_notice_lists_the_costs_with_their_total(registered: InformationRequest, ppid_officer: User) -> None:
    notice = refused_in_part(registered, ppid_officer)
    text = pdf_text(notice_pdf(notice, compress=False))

    assert "FotokopiA4" in text
    assert "Rp500" in text and "Rp6.000" in text
    assert "Rp15.000" in text
    assert "Rp21.000" in text  # the total
    assert squash("Bayar tunai di Desk Pelayanan") in text


def test_a_free_notice_says_rp_0(registered: InformationRequest, ppid_officer: User) -> None:
    with frozen_now(NOW):
        notice = request_decide(request=registered, actor=ppid_officer, data=granted_in_full())
    text = pdf_text(notice_pdf(notice, compress=False))

    assert "Rp0" in text
    assert "Rp21.000" not in text


def test_a_not_held_notice_names_the_body_that_holds_it(registered: InformationRequest, ppid_officer: User) -> None:
    data = granted_in_full(
        outcome=Outcome.NOT_HELD, information_given="", holder_body="Dinas Kependudukan Kota Bandung"
    )
    with frozen_now(NOW):
        notice = request_decide(request=registered, actor=ppid_officer, data=data)
    text = pdf_text(notice_pdf(notice, compress=False))

    assert squash("Dinas Kependudukan Kota Bandung") in text
    with translation.override("id"):
        assert squash(_("The information is not held by %(office)s.") % {"office": registered.office.name}) in text


def test_the_notice_is_signed_by_the_ppid_named_in_it(registered: InformationRequest, ppid_officer: User) -> None:
    notice = refused_in_part(registered, ppid_officer)
    text = pdf_text(notice_pdf(notice, compress=False))

    assert notice.signer_name == str(ppid_officer)
    assert squash(notice.signer_name) in text
    assert squash(notice.signer_position) in text


def test_store_notice_pdf_keeps_the_file_on_the_notice(registered: InformationRequest, ppid_officer: User) -> None:
    notice = refused_in_part(registered, ppid_officer)

    content = store_notice_pdf(notice)

    notice.refresh_from_db()
    assert notice.pdf.name.endswith(".pdf")
    with notice.pdf.open("rb") as stored:
        assert stored.read() == content
    assert content.startswith(b"%PDF-")


def test_pdfs_are_compressed_by_default(registered: InformationRequest) -> None:
    content = receipt_pdf(registered)

    assert content.startswith(b"%PDF-")
    assert b"/FlateDecode" in content


@pytest.mark.skipif(not os.environ.get("PPID_PDF_DIR"), reason="set PPID_PDF_DIR to write the PDFs for a look")
def test_write_the_letters_for_a_visual_check(registered: InformationRequest, ppid_officer: User) -> None:
    folder = Path(os.environ["PPID_PDF_DIR"])
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "receipt.pdf").write_bytes(receipt_pdf(registered))
    (folder / "notice.pdf").write_bytes(notice_pdf(refused_in_part(registered, ppid_officer)))
