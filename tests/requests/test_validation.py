"""validate_nik and check_upload: what a requester types and uploads."""

from __future__ import annotations

import datetime
import hashlib
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from ppid.requests.validation import check_upload, validate_nik
from tests.requests.conftest import PDF_BYTES, PNG_BYTES
from tests.workdays.conftest import frozen_now

# Wednesday 4 February 2026: the birth-date checks depend on "today".
TODAY = datetime.datetime(2026, 2, 4, 10, 0, tzinfo=ZoneInfo("Asia/Jakarta"))
JPEG_BYTES = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"


# --- NIK ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("3273010101900001", "3273010101900001"),  # man born 1 January 1990 in Kota Bandung
        ("3273014101900001", "3273014101900001"),  # woman: day + 40
        ("3273017101900001", "3273017101900001"),  # woman born 31 January
        (" 3273010101900001 ", "3273010101900001"),
        ("3273-0101-0190-0001", "3273010101900001"),
        ("3273010302260001", "3273010302260001"),  # born yesterday
    ],
)
def test_a_valid_nik_is_returned_as_16_digits(value: str, expected: str) -> None:
    with frozen_now(TODAY):
        assert validate_nik(value) == expected


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("327301010190001", "nik_format"),  # 15 digits
        ("32730101019000012", "nik_format"),  # 17 digits
        ("32730101019A0001", "nik_format"),
        ("", "nik_format"),
        ("9973010101900001", "nik_region"),  # no province 99
        ("3299010101900001", "nik_region"),  # Jawa Barat has no regency 99
        ("0000000000000000", "nik_region"),
        ("3273013202900001", "nik_birth_date"),  # 32 February
        ("3273010113900001", "nik_birth_date"),  # month 13
        ("3273010001900001", "nik_birth_date"),  # day 0
        ("3273017201900001", "nik_birth_date"),  # a woman's 32 January
        ("3273010101900000", "nik_invalid"),  # serial 0000
    ],
)
def test_an_impossible_nik_is_refused_with_its_reason(value: str, code: str) -> None:
    with frozen_now(TODAY), pytest.raises(ValidationError) as caught:
        validate_nik(value)

    assert caught.value.code == code
    assert caught.value.messages  # a sentence the requester can act on


def test_a_nik_of_someone_born_a_century_ago_later_in_the_year_is_valid() -> None:
    with frozen_now(TODAY):
        assert validate_nik("3273010503260001") == "3273010503260001"


# --- uploads ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "content_type"),
    [(PDF_BYTES, "application/pdf"), (PNG_BYTES, "image/png"), (JPEG_BYTES, "image/jpeg")],
)
def test_pdf_png_and_jpeg_are_accepted_with_a_checksum(content: bytes, content_type: str) -> None:
    upload = SimpleUploadedFile("dokumen", content, content_type="application/octet-stream")
    checked = check_upload(upload)

    assert checked.content_type == content_type
    assert checked.size == len(content)
    assert checked.sha256 == hashlib.sha256(content).hexdigest()
    assert checked.file is upload
    assert upload.tell() == 0  # ready to be stored from the start


def test_the_type_comes_from_the_content_not_the_name() -> None:
    disguised = SimpleUploadedFile("ktp.pdf", PNG_BYTES, content_type="application/pdf")

    assert check_upload(disguised).content_type == "image/png"


@pytest.mark.parametrize(
    "content",
    [b"MZ\x90\x00 an executable", b"<html><script>alert(1)</script>", b"PK\x03\x04 a zip or docx", b"%PD"],
)
def test_other_files_are_refused_even_when_named_pdf(content: bytes) -> None:
    upload = SimpleUploadedFile("ktp.pdf", content, content_type="application/pdf")
    with pytest.raises(ValidationError) as caught:
        check_upload(upload)

    assert caught.value.code == "upload_type"
    assert "ktp.pdf" in caught.value.messages[0]


def test_an_empty_file_is_refused() -> None:
    with pytest.raises(ValidationError) as caught:
        check_upload(SimpleUploadedFile("kosong.pdf", b"", content_type="application/pdf"))

    assert caught.value.code == "upload_empty"


def test_a_file_over_the_size_limit_is_refused(settings: Any) -> None:
    settings.MAX_UPLOAD_MB = 1
    limit = 1024 * 1024
    at_limit = SimpleUploadedFile("pas.pdf", PDF_BYTES + b"0" * (limit - len(PDF_BYTES)))
    too_big = SimpleUploadedFile("besar.pdf", PDF_BYTES + b"0" * (limit - len(PDF_BYTES) + 1))

    assert check_upload(at_limit).size == limit
    with pytest.raises(ValidationError) as caught:
        check_upload(too_big)
    assert caught.value.code == "upload_size"
