"""Forms of the public pages: the online request, tracking and the requester's own actions.

Forms only check what a citizen typed or uploaded; every change goes through ppid.requests.services.
"""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ppid.offices.models import Office
from ppid.requests.models import AttachmentKind, DeliveryMethod, ObtainMethod, RequesterKind
from ppid.requests.services import IntakeData, NewAttachment
from ppid.requests.validation import CheckedUpload, check_upload, validate_nik

# Browsers never keep a chosen file when a form comes back with errors: say so wherever it matters.
CHOOSE_AGAIN = gettext_lazy("Choose the file again.")

# The identity documents each requester type gives (RULES.md §4), with the field that holds each.
IDENTITY_UPLOADS: dict[str, tuple[tuple[str, AttachmentKind], ...]] = {
    RequesterKind.INDIVIDUAL: (("ktp_scan", AttachmentKind.KTP),),
    RequesterKind.LEGAL_ENTITY: (("deed_scan", AttachmentKind.DEED),),
    RequesterKind.GROUP: (
        ("power_of_attorney", AttachmentKind.POWER_OF_ATTORNEY),
        ("proxy_ktp", AttachmentKind.PROXY_KTP),
    ),
}
FILE_FIELDS = ("ktp_scan", "deed_scan", "power_of_attorney", "proxy_ktp", "attachments")


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; cleans to a list (possibly empty)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class AccessibleForm(forms.Form):
    """Links each field to its error message (aria-describedby) so screen readers announce it."""

    def full_clean(self) -> None:
        super().full_clean()
        self.describe_errors()

    def describe_errors(self) -> None:
        for name in self.errors:
            if name not in self.fields:
                continue
            bound = self[name]
            ids = [f"{bound.auto_id}_error"]
            if self.fields[name].help_text:
                ids.append(f"{bound.auto_id}_helptext")
            self.fields[name].widget.attrs["aria-describedby"] = " ".join(ids)

    @property
    def files_lost(self) -> bool:
        """Whether files were sent with a form that came back with errors (the browser forgets them)."""
        return bool(self.is_bound and self.errors and self.files)


class OfficeChoiceForm(forms.Form):
    kantor = forms.ModelChoiceField(
        label=gettext_lazy("KPU office you are asking"),
        queryset=Office.objects.filter(is_active=True).order_by("path"),
        to_field_name="code",
        empty_label=gettext_lazy("Choose an office"),
        help_text=gettext_lazy("Ask the office that holds the information; if unsure, ask KPU RI."),
    )


def _checked(upload: UploadedFile[bytes]) -> CheckedUpload:
    try:
        return check_upload(upload)
    except ValidationError as exc:
        raise ValidationError(f"{exc.messages[0]} {CHOOSE_AGAIN}", code=exc.code) from exc


class RequestForm(AccessibleForm):
    """RULES.md §4: who asks, what for, and how they want to receive it."""

    submission_key = forms.CharField(widget=forms.HiddenInput, max_length=64)
    kind = forms.ChoiceField(
        label=gettext_lazy("You are asking as"), choices=RequesterKind.choices, widget=forms.RadioSelect
    )
    name = forms.CharField(
        label=gettext_lazy("Name"),
        max_length=200,
        help_text=gettext_lazy("Your full name, or the name of the legal entity or group."),
    )
    # Individual
    nik = forms.CharField(
        label=gettext_lazy("NIK"),
        required=False,
        max_length=20,
        help_text=gettext_lazy("The 16 digits of your KTP. Required for individuals."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    ktp_scan = forms.FileField(
        label=gettext_lazy("KTP scan"),
        required=False,
        help_text=gettext_lazy("PDF, JPEG or PNG. Required for individuals."),
    )
    # Legal entity
    legal_number = forms.CharField(
        label=gettext_lazy("Deed or Kemenkumham approval number"),
        required=False,
        max_length=100,
        help_text=gettext_lazy("Required for legal entities."),
    )
    deed_scan = forms.FileField(
        label=gettext_lazy("Deed or approval scan"),
        required=False,
        help_text=gettext_lazy("PDF, JPEG or PNG. Required for legal entities."),
    )
    # Group or proxy
    proxy_name = forms.CharField(
        label=gettext_lazy("Proxy's name"),
        required=False,
        max_length=200,
        help_text=gettext_lazy("The person acting for the group. Required for groups."),
    )
    power_of_attorney = forms.FileField(
        label=gettext_lazy("Power of attorney"),
        required=False,
        help_text=gettext_lazy("PDF, JPEG or PNG. Required for groups."),
    )
    proxy_ktp = forms.FileField(
        label=gettext_lazy("Proxy's KTP scan"),
        required=False,
        help_text=gettext_lazy("PDF, JPEG or PNG. Required for groups."),
    )
    # Contact
    address = forms.CharField(label=gettext_lazy("Address"), widget=forms.Textarea(attrs={"rows": 3}))
    email = forms.EmailField(
        label=gettext_lazy("E-mail"),
        required=False,
        help_text=gettext_lazy("Give an e-mail address, a telephone number, or both."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=gettext_lazy("Telephone"),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    occupation = forms.CharField(label=gettext_lazy("Occupation"), required=False, max_length=120)
    # The request
    information_requested = forms.CharField(
        label=gettext_lazy("Information requested"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy("Describe the information as precisely as you can: subject, period, place."),
    )
    purpose = forms.CharField(label=gettext_lazy("Purpose of use"), widget=forms.Textarea(attrs={"rows": 3}))
    obtain_method = forms.ChoiceField(
        label=gettext_lazy("How do you want to obtain the information?"),
        choices=ObtainMethod.choices,
        widget=forms.RadioSelect,
    )
    delivery_method = forms.ChoiceField(
        label=gettext_lazy("How do you want to receive it?"), choices=DeliveryMethod.choices, widget=forms.RadioSelect
    )
    attachments = MultipleFileField(
        label=gettext_lazy("Supporting documents"),
        required=False,
        help_text=gettext_lazy("Optional. PDF, JPEG or PNG; you may choose several files."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("submission_key", uuid.uuid4().hex)
        self.checked: dict[str, CheckedUpload] = {}
        self.checked_attachments: list[CheckedUpload] = []

    def clean_nik(self) -> str:
        value: str = self.cleaned_data.get("nik", "").strip()
        if value and self.data.get("kind") == RequesterKind.INDIVIDUAL:
            return validate_nik(value)
        return value

    def clean_attachments(self) -> list[UploadedFile[bytes]]:
        uploads: list[UploadedFile[bytes]] = self.cleaned_data.get("attachments") or []
        self.checked_attachments = [_checked(upload) for upload in uploads]
        return uploads

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("kind")
        for name in ("ktp_scan", "deed_scan", "power_of_attorney", "proxy_ktp"):
            upload = data.get(name)
            if upload:
                try:
                    self.checked[name] = _checked(upload)
                except ValidationError as exc:
                    self.add_error(name, exc)
        if kind == RequesterKind.INDIVIDUAL and not data.get("nik") and "nik" not in self.errors:
            self.add_error("nik", _("Give your NIK: the 16 digits on your KTP."))
        if kind == RequesterKind.LEGAL_ENTITY and not data.get("legal_number", "").strip():
            self.add_error("legal_number", _("A legal entity gives its deed or Kemenkumham approval number."))
        if kind == RequesterKind.GROUP and not data.get("proxy_name", "").strip():
            self.add_error("proxy_name", _("A group names the proxy who acts for it."))
        for name, _kind in IDENTITY_UPLOADS.get(str(kind), ()):
            if not data.get(name) and name not in self.errors:
                self.add_error(name, _("Attach this document (PDF, JPEG or PNG)."))
        if not data.get("email") and not data.get("phone", "").strip() and "email" not in self.errors:
            self.add_error("email", _("Give an e-mail address or a telephone number so that we can answer you."))
        return data

    def to_intake(self) -> IntakeData:
        data = self.cleaned_data
        kind = RequesterKind(data["kind"])
        attachments = [NewAttachment(kind=k, upload=self.checked[name]) for name, k in IDENTITY_UPLOADS[kind]]
        attachments += [NewAttachment(kind=AttachmentKind.SUPPORTING, upload=c) for c in self.checked_attachments]
        return IntakeData(
            kind=kind,
            name=data["name"].strip(),
            address=data["address"].strip(),
            information_requested=data["information_requested"].strip(),
            purpose=data["purpose"].strip(),
            obtain_method=data["obtain_method"],
            delivery_method=data["delivery_method"],
            email=data.get("email", ""),
            phone=data.get("phone", "").strip(),
            # Only the identity of the chosen type is kept: no stray NIK on a legal entity's record.
            nik=data.get("nik", "") if kind == RequesterKind.INDIVIDUAL else "",
            legal_number=data.get("legal_number", "").strip() if kind == RequesterKind.LEGAL_ENTITY else "",
            proxy_name=data.get("proxy_name", "").strip() if kind == RequesterKind.GROUP else "",
            occupation=data.get("occupation", "").strip(),
            attachments=attachments,
        )


class TrackForm(AccessibleForm):
    number = forms.CharField(
        label=gettext_lazy("Registration number"),
        max_length=40,
        help_text=gettext_lazy("As on your receipt, e.g. 00012/PPID/32.73/2026."),
    )
    factor = forms.CharField(
        label=gettext_lazy("Your e-mail address or the last 4 digits of your telephone number"),
        max_length=254,
        help_text=gettext_lazy("The one you gave with the request."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    def clean_number(self) -> str:
        return str(self.cleaned_data["number"]).strip().upper()

    def clean_factor(self) -> str:
        return str(self.cleaned_data["factor"]).strip()


# What a requester may send when completing: identity papers or supporting documents, never answers.
COMPLETION_KINDS = [(k.value, k.label) for k in AttachmentKind if k != AttachmentKind.ANSWER]


class CompleteForm(AccessibleForm):
    documents = MultipleFileField(
        label=gettext_lazy("Missing documents"),
        required=False,
        help_text=gettext_lazy("PDF, JPEG or PNG; you may choose several files."),
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("What the documents are"), choices=COMPLETION_KINDS, initial=AttachmentKind.SUPPORTING
    )
    note = forms.CharField(
        label=gettext_lazy("Note for the officer"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.checked_documents: list[CheckedUpload] = []

    def clean_documents(self) -> list[UploadedFile[bytes]]:
        uploads: list[UploadedFile[bytes]] = self.cleaned_data.get("documents") or []
        self.checked_documents = [_checked(upload) for upload in uploads]
        return uploads

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("documents") and not data.get("note", "").strip() and "documents" not in self.errors:
            self.add_error("documents", _("Attach the missing documents or write what you are adding."))
        return data

    def new_attachments(self) -> list[NewAttachment]:
        kind = AttachmentKind(self.cleaned_data["kind"])
        return [NewAttachment(kind=kind, upload=checked) for checked in self.checked_documents]


class WithdrawForm(AccessibleForm):
    confirm = forms.BooleanField(
        label=gettext_lazy("Yes, withdraw this request. It will not be processed any further."),
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
