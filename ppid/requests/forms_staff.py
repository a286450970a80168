"""Forms of the staff pages: desk intake, each workflow action, and the list filters.

Forms only check input and build the service's arguments; every state change is the service's.
"""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ppid.exemptions.models import Exemption
from ppid.exemptions.selectors import applicable_exemptions
from ppid.offices.models import Office, WorkUnit
from ppid.requests.models import (
    AttachmentKind,
    Channel,
    DeliveryMethod,
    ExemptionGround,
    ObtainMethod,
    RateCardItem,
    RequesterKind,
)
from ppid.requests.services import IntakeData, NewAttachment
from ppid.requests.services.handling import NoticeData
from ppid.requests.validation import CheckedUpload, check_upload
from ppid.requests.workflow import Outcome, Status

DESK_CHANNELS = [(c.value, c.label) for c in Channel if c != Channel.ONLINE]
LOCAL_FORMAT = "%Y-%m-%dT%H:%M"


class LocalDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self) -> None:
        super().__init__(format=LOCAL_FORMAT)


def as_office_time(value: datetime.datetime, office: Office) -> datetime.datetime:
    """The wall-clock time typed at the desk, read in the office's own zone (WIB, WITA or WIT)."""
    naive = timezone.make_naive(value) if timezone.is_aware(value) else value
    return naive.replace(tzinfo=office.zoneinfo)


def office_now_local(office: Office) -> str:
    return timezone.now().astimezone(office.zoneinfo).strftime(LOCAL_FORMAT)


def _checked(upload: Any) -> CheckedUpload | None:
    return check_upload(upload) if upload else None


# What the desk may attach, field name → kind. The KTP may follow later (then mark incomplete).
INTAKE_ATTACHMENTS = {
    "ktp_scan": AttachmentKind.KTP,
    "deed_scan": AttachmentKind.DEED,
    "power_of_attorney": AttachmentKind.POWER_OF_ATTORNEY,
    "proxy_ktp_scan": AttachmentKind.PROXY_KTP,
    "supporting": AttachmentKind.SUPPORTING,
}


class DeskIntakeForm(forms.Form):
    """A request received at the desk, by phone, letter or e-mail (Pasal 22 ayat (1)-(2) UU 14/2008)."""

    office = forms.ModelChoiceField(label=_("Office"), queryset=Office.objects.none(), empty_label=None)
    channel = forms.ChoiceField(label=_("Received by"), choices=DESK_CHANNELS)
    received_at = forms.DateTimeField(
        label=_("Received at (office local time)"),
        widget=LocalDateTimeInput(),
        input_formats=[LOCAL_FORMAT, "%Y-%m-%d %H:%M"],
        help_text=_("At most 7 days back; a later recording is noted in the request's history."),
    )
    kind = forms.ChoiceField(label=_("Requester type"), choices=RequesterKind.choices)
    name = forms.CharField(label=_("Name"), max_length=200)
    nik = forms.CharField(label=_("NIK"), max_length=16, required=False)
    legal_number = forms.CharField(label=_("Deed or Kemenkumham number"), max_length=100, required=False)
    proxy_name = forms.CharField(label=_("Proxy's name"), max_length=200, required=False)
    address = forms.CharField(label=_("Address"), widget=forms.Textarea(attrs={"rows": 2}))
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Telephone"), max_length=30, required=False)
    occupation = forms.CharField(label=_("Occupation"), max_length=120, required=False)
    information_requested = forms.CharField(label=_("Information requested"), widget=forms.Textarea(attrs={"rows": 4}))
    purpose = forms.CharField(label=_("Purpose of use"), widget=forms.Textarea(attrs={"rows": 2}))
    obtain_method = forms.ChoiceField(label=_("How to obtain"), choices=ObtainMethod.choices)
    delivery_method = forms.ChoiceField(label=_("How to receive"), choices=DeliveryMethod.choices)
    ktp_scan = forms.FileField(label=_("KTP scan"), required=False)
    deed_scan = forms.FileField(label=_("Deed or Kemenkumham approval"), required=False)
    power_of_attorney = forms.FileField(label=_("Power of attorney"), required=False)
    proxy_ktp_scan = forms.FileField(label=_("Proxy's KTP scan"), required=False)
    supporting = forms.FileField(label=_("Supporting document"), required=False)
    submission_key = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args: Any, offices: QuerySet[Office], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["office"]
        field.queryset = offices
        if len(offices) == 1:
            field.widget = forms.HiddenInput()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in INTAKE_ATTACHMENTS:
            try:
                data[name] = _checked(data.get(name))
            except ValidationError as exc:
                self.add_error(name, exc)
        return data

    def intake_data(self) -> IntakeData:
        d = self.cleaned_data
        attachments = [NewAttachment(kind=kind, upload=d[name]) for name, kind in INTAKE_ATTACHMENTS.items() if d[name]]
        return IntakeData(
            kind=RequesterKind(d["kind"]),
            name=d["name"],
            address=d["address"],
            information_requested=d["information_requested"],
            purpose=d["purpose"],
            obtain_method=d["obtain_method"],
            delivery_method=d["delivery_method"],
            email=d["email"],
            phone=d["phone"],
            nik=d["nik"],
            legal_number=d["legal_number"],
            proxy_name=d["proxy_name"],
            occupation=d["occupation"],
            attachments=attachments,
        )

    def received_moment(self) -> datetime.datetime:
        return as_office_time(self.cleaned_data["received_at"], self.cleaned_data["office"])


class AssignForm(forms.Form):
    work_units = forms.ModelMultipleChoiceField(
        label=_("Work units"), queryset=WorkUnit.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    note = forms.CharField(label=_("Instructions"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, office: Office, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["work_units"]
        field.queryset = WorkUnit.objects.filter(office=office, is_active=True).order_by("name")


class MarkIncompleteForm(forms.Form):
    missing = forms.CharField(label=_("What is missing"), widget=forms.Textarea(attrs={"rows": 3}))


class CompletionForm(forms.Form):
    note = forms.CharField(
        label=_("What the requester supplied"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ExtendForm(forms.Form):
    reason = forms.CharField(label=_("Written reason for the extension"), widget=forms.Textarea(attrs={"rows": 3}))


class ForwardForm(forms.Form):
    to_office = forms.ModelChoiceField(label=_("Forward to KPU office"), queryset=Office.objects.none())
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, office: Office, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["to_office"]
        field.queryset = Office.objects.filter(is_active=True).exclude(pk=office.pk).order_by("path")


class DeliverForm(forms.Form):
    method = forms.ChoiceField(label=_("How it was delivered"), choices=DeliveryMethod.choices)
    delivered_at = forms.DateTimeField(
        label=_("Delivered at (office local time)"),
        widget=LocalDateTimeInput(),
        input_formats=[LOCAL_FORMAT, "%Y-%m-%d %H:%M"],
    )
    proof = forms.FileField(label=_("Proof of delivery"), required=False)
    amount_paid = forms.IntegerField(label=_("Amount paid (Rp)"), min_value=0, initial=0)

    def clean_proof(self) -> CheckedUpload | None:
        return _checked(self.cleaned_data.get("proof"))


class CostLineForm(forms.Form):
    """One cost of the notice (Pasal 22 ayat (7) huruf g): from the rate card, or typed in."""

    rate_item = forms.ModelChoiceField(label=_("Rate card item"), queryset=RateCardItem.objects.none(), required=False)
    description = forms.CharField(label=_("Item"), max_length=200, required=False)
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1, required=False)
    unit_price = forms.IntegerField(label=_("Unit price (Rp)"), min_value=0, required=False)

    def __init__(self, *args: Any, office: Office, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["rate_item"]
        field.queryset = RateCardItem.objects.filter(office=office, is_active=True).order_by("name")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        item: RateCardItem | None = data.get("rate_item")
        if item is not None:
            data["description"] = data.get("description") or f"{item.name} ({item.unit})"
            if data.get("unit_price") is None:
                data["unit_price"] = item.price
        if data.get("description") and not data.get("quantity"):
            self.add_error("quantity", _("Give the quantity."))
        if data.get("quantity") and not data.get("description"):
            self.add_error("description", _("Name the item or choose it from the rate card."))
        return data

    def line(self) -> tuple[str, int, int] | None:
        d = self.cleaned_data
        if not d.get("description"):
            return None
        return (d["description"], d["quantity"], d.get("unit_price") or 0)


CostLineFormSet = forms.formset_factory(CostLineForm, extra=3, max_num=20, validate_max=True)


class ExemptionChoiceField(forms.ModelChoiceField[Exemption]):
    def label_from_instance(self, obj: Exemption) -> str:
        return f"{obj.information} — {obj.ground_label} (Keputusan KPU {obj.decision_number})"


class DecideForm(forms.Form):
    """The written notice: every item of Pasal 22 ayat (7) a-g."""

    outcome = forms.ChoiceField(label=_("Decision"), choices=Outcome.choices)
    exemption_ground = forms.ChoiceField(
        label=_("Pasal 17 ground"), choices=[("", "—"), *ExemptionGround.choices], required=False
    )
    # Pasal 19 UU 14/2008: a refusal rests on a consequence test; the DIK entry it set is named here.
    exemption = ExemptionChoiceField(
        label=_("Exemption relied on (DIK)"),
        queryset=Exemption.objects.none(),
        required=False,
        help_text=_(
            "For a refusal in whole or in part: the exempt information, set by Keputusan KPU, that the "
            "refusal relies on. Its Pasal 17 ground is taken over."
        ),
    )
    reasoning = forms.CharField(label=_("Reasons"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    holder_body = forms.CharField(label=_("Body that holds the information"), max_length=255, required=False)
    information_given = forms.CharField(
        label=_("Information that will be given"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    blacked_out = forms.CharField(
        label=_("Parts blacked out and why"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    delivery_method = forms.ChoiceField(label=_("How it is delivered"), choices=DeliveryMethod.choices)
    delivery_format = forms.CharField(label=_("Format"), max_length=120, required=False)
    payment_instructions = forms.CharField(
        label=_("How to pay"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, office: Office, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        data = args[0] if args else kwargs.get("data")
        self.costs = CostLineFormSet(data, prefix="costs", form_kwargs={"office": office})
        field: Any = self.fields["exemption"]
        field.queryset = applicable_exemptions(office, timezone.now().astimezone(office.zoneinfo).date()).order_by(
            "information", "id"
        )
        field.empty_label = _("— none —")

    def is_valid(self) -> bool:
        return all([super().is_valid(), self.costs.is_valid()])

    def notice_data(self) -> NoticeData:
        d = self.cleaned_data
        lines = [line for form in self.costs.forms if (line := form.line()) is not None]
        return NoticeData(
            outcome=Outcome(d["outcome"]),
            delivery_method=d["delivery_method"],
            reasoning=d["reasoning"],
            holder_body=d["holder_body"],
            exemption_ground=d["exemption_ground"],
            information_given=d["information_given"],
            blacked_out=d["blacked_out"],
            delivery_format=d["delivery_format"],
            payment_instructions=d["payment_instructions"],
            costs=lines,
            exemption_id=d["exemption"].pk if d.get("exemption") else None,
        )


class WorklistFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All open work")), *Status.choices])
    office = forms.ModelChoiceField(label=_("Office"), required=False, queryset=Office.objects.none())
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)

    def __init__(self, *args: Any, offices: QuerySet[Office], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["office"]
        field.queryset = offices
        field.empty_label = _("All my offices")


class RegisterFilterForm(forms.Form):
    date_from = forms.DateField(
        label=_("Received from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(label=_("Received until"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    office = forms.ModelChoiceField(label=_("Office"), required=False, queryset=Office.objects.none())
    descendants = forms.BooleanField(label=_("Include subordinate offices"), required=False, initial=True)
    state = forms.ChoiceField(
        label=_("Requests"),
        required=False,
        choices=[
            ("", _("All")),
            ("pending", _("Pending (not answered yet)")),
            ("decided", _("Decided")),
            ("extended", _("Extended")),
            ("withdrawn", _("Withdrawn")),
            ("lapsed", _("Lapsed")),
            ("forwarded", _("Forwarded")),
        ],
    )
    outcome = forms.ChoiceField(label=_("Decision"), required=False, choices=[("", _("Any")), *Outcome.choices])

    def __init__(self, *args: Any, offices: QuerySet[Office], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["office"]
        field.queryset = offices
        field.empty_label = _("All offices I may read")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", _("The end of the period is before its start."))
        return data
