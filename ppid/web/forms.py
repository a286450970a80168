from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ppid.offices.models import Office, OfficeLevel


def _province_choices() -> list[tuple[str, object]]:
    provinces = Office.objects.filter(level=OfficeLevel.PROVINSI).order_by("name").values_list("code", "name")
    return [("", _("All provinces")), *[(code, name.removeprefix("KPU Provinsi ")) for code, name in provinces]]


class OfficeFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    level = forms.ChoiceField(label=_("Level"), required=False, choices=[("", _("All levels")), *OfficeLevel.choices])
    province = forms.ChoiceField(label=_("Province"), required=False, choices=())

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["province"].choices = _province_choices()  # type: ignore[attr-defined]
        self.fields["q"].widget.attrs.update({"type": "search", "placeholder": _("Office name or region code")})
