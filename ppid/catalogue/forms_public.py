"""Filters of the public DIP, DIK and policy pages. GET forms: a bad value is reported and ignored,
the rest of the filters still apply."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ppid.catalogue.search import MAX_QUERY_LENGTH, ItemFilters
from ppid.catalogue.workflow import Category, OnDemandType
from ppid.exemptions.workflow import ExemptionStatus
from ppid.offices.models import Office, WorkUnit
from ppid.requests.forms_public import AccessibleForm
from ppid.web.forms import _province_choices as province_choices

# The DIP lists the open categories; exempt information is listed in the DIK.
OPEN_CATEGORIES = [(value, label) for value, label in Category.choices if value != Category.DIKECUALIKAN]
FIRST_YEAR = 1945


def office_field(empty_label: Any) -> forms.ModelChoiceField[Office]:
    return forms.ModelChoiceField(
        label=_("Office"),
        required=False,
        queryset=Office.objects.filter(is_active=True).order_by("path"),
        to_field_name="code",
        empty_label=empty_label,
    )


def search_box(field: forms.Field, placeholder: Any) -> None:
    assert isinstance(field.widget, forms.TextInput)
    field.widget.input_type = "search"
    field.widget.attrs["placeholder"] = placeholder


class ItemFilterForm(AccessibleForm):
    """Browse the DIP: nationwide (by office or province) or within one office (by work unit)."""

    q = forms.CharField(label=_("Search"), required=False, max_length=MAX_QUERY_LENGTH)
    kategori = forms.ChoiceField(
        label=_("Category"), required=False, choices=[("", _("All categories")), *OPEN_CATEGORIES]
    )
    jenis = forms.ChoiceField(
        label=_("Pasal 11 ayat (1) type"), required=False, choices=[("", _("All types")), *OnDemandType.choices]
    )
    kantor = office_field(_("All offices (nationwide)"))
    provinsi = forms.ChoiceField(label=_("Province"), required=False, choices=())
    tahun = forms.IntegerField(label=_("Year"), required=False, min_value=FIRST_YEAR)
    unit = forms.ModelChoiceField(
        label=_("Work unit"), required=False, queryset=WorkUnit.objects.none(), empty_label=_("All work units")
    )

    def __init__(self, *args: Any, office: Office | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.office = office
        if office is None:
            del self.fields["unit"]
            self.fields["provinsi"].choices = province_choices()  # type: ignore[attr-defined]
        else:
            # Within one office the choice is its work units; office and province are fixed.
            del self.fields["kantor"], self.fields["provinsi"]
            unit_field = self.fields["unit"]
            assert isinstance(unit_field, forms.ModelChoiceField)
            unit_field.queryset = office.work_units.filter(is_active=True).order_by("name")
        self.fields["tahun"].max_value = timezone.now().year + 1  # type: ignore[attr-defined]
        self.fields["tahun"].widget.attrs.update({"min": FIRST_YEAR, "max": timezone.now().year + 1})
        search_box(self.fields["q"], _("Words in the title, summary or documents"))

    def filters(self) -> ItemFilters:
        """The valid filters (after is_valid(); an invalid field is left out, not fatal)."""
        data: dict[str, Any] = getattr(self, "cleaned_data", {})
        return ItemFilters(
            q=data.get("q") or "",
            category=data.get("kategori") or "",
            on_demand_type=data.get("jenis") or "",
            office=self.office or data.get("kantor"),
            province_code=data.get("provinsi") or "",
            year=data.get("tahun"),
            work_unit=data.get("unit"),
        )


class ExemptionFilterForm(AccessibleForm):
    """The DIK: nationwide, or what applies to one office (national exemptions apply everywhere)."""

    q = forms.CharField(label=_("Search"), required=False, max_length=MAX_QUERY_LENGTH)
    kantor = office_field(_("All offices (nationwide)"))
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[
            ("", _("In force and expired")),
            *[c for c in ExemptionStatus.choices if c[0] != ExemptionStatus.REVOKED],
        ],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        search_box(self.fields["q"], _("Information or decision number"))


class PolicyFilterForm(AccessibleForm):
    kantor = office_field(_("All offices (nationwide)"))
