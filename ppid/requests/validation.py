"""Checks on what a requester types or uploads, with messages a citizen understands."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext as _
from lokal.nik import parse_nik
from lokal.wilayah import wilayah_name

# What identity scans and supporting documents may be: images and PDF only.
ALLOWED_UPLOADS = {
    "application/pdf": (b"%PDF-",),
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
}


def validate_nik(value: str) -> str:
    """A NIK is 16 digits with a real province and regency code and a possible birth date (Dukcapil)."""
    # Two-digit years: lokal reads a year up to this year's as 20yy and anything later as 19yy, so a
    # birth date never lies in the future and people born a century ago still pass.
    info = parse_nik(value, reference_date=timezone.localdate())
    if info.nik is None:
        raise ValidationError(_("A NIK has exactly 16 digits."), code="nik_format")
    if info.province is None or info.regency_code is None or wilayah_name(info.regency_code) is None:
        raise ValidationError(
            _("The first digits of this NIK are not a real province and regency code."), code="nik_region"
        )
    if info.birth_date is None:
        raise ValidationError(_("Digits 7 to 12 of this NIK are not a possible birth date."), code="nik_birth_date")
    if not info.valid:
        raise ValidationError(_("This is not a valid NIK."), code="nik_invalid")
    return info.nik


@dataclass(frozen=True)
class CheckedUpload:
    file: UploadedFile[bytes]
    content_type: str
    size: int
    sha256: str


def check_upload(upload: UploadedFile[bytes]) -> CheckedUpload:
    """Size limit (MAX_UPLOAD_MB) and type by content, not by the name the browser sent; with a checksum."""
    limit = settings.MAX_UPLOAD_MB * 1024 * 1024
    size = upload.size or 0
    if size > limit:
        raise ValidationError(
            _("%(name)s is larger than %(limit)s MB.") % {"name": upload.name, "limit": settings.MAX_UPLOAD_MB},
            code="upload_size",
        )
    if size == 0:
        raise ValidationError(_("%(name)s is empty.") % {"name": upload.name}, code="upload_empty")
    upload.seek(0)
    head = upload.read(16)
    content_type = next((ct for ct, magics in ALLOWED_UPLOADS.items() if head.startswith(magics)), None)
    if content_type is None:
        raise ValidationError(_("%(name)s is not a PDF, JPEG or PNG file.") % {"name": upload.name}, code="upload_type")
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return CheckedUpload(file=upload, content_type=content_type, size=size, sha256=digest.hexdigest())
