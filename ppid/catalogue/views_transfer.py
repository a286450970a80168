"""Import of an office's existing DIP from a spreadsheet (staff, seed d.3) and the public downloads
of the DIP and the DIK as XLSX and PDF. Views never write status: the import goes through
services.items_import (STYLE.md §2)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from ppid.accounts.permissions import offices_where
from ppid.catalogue.exporting import dik_pdf, dik_xlsx_response, dip_pdf, dip_xlsx_response
from ppid.catalogue.importing import MAX_ROWS, ImportReport, import_spreadsheet, template_xlsx
from ppid.core.spreadsheets import XLSX_TYPE
from ppid.offices.models import Office


class ImportForm(forms.Form):
    office = forms.ModelChoiceField(queryset=Office.objects.none(), label=_("Office"), empty_label=None)
    file = forms.FileField(
        label=_("Spreadsheet (.xlsx)"),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
        ),
    )

    def __init__(self, *args: Any, offices: QuerySet[Office], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["office"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = offices
        self.fields["file"].help_text = gettext(
            "One row per item, with the columns of the template. At most %(max)s rows."
        ) % {"max": MAX_ROWS}


def _arranging_offices(user: Any) -> QuerySet[Office]:
    """Offices whose DIP the user arranges (the PPID, seed d.3): only they import."""
    offices = Office.objects.filter(offices_where(user, "dip:arrange"), is_active=True).order_by("path")
    if not offices.exists():
        raise PermissionDenied
    return offices


@login_required
def import_items(http: HttpRequest) -> HttpResponse:
    """Upload → the validation report (row, column, problem); nothing is imported until the file is clean."""
    offices = _arranging_offices(http.user)
    report: ImportReport | None = None
    if http.method == "POST":
        form = ImportForm(http.POST, http.FILES, offices=offices)
        if form.is_valid():
            office = form.cleaned_data["office"]
            try:
                report = import_spreadsheet(office=office, actor=http.user, upload=form.cleaned_data["file"])
            except ValidationError as error:
                form.add_error("file", error.messages)
            else:
                if report.is_clean:
                    messages.success(
                        http,
                        gettext("Imported and published in the DIP of %(office)s: %(count)s items.")
                        % {"count": len(report.created), "office": office.name},
                    )
                    return redirect("catalogue_transfer:import")
    else:
        form = ImportForm(offices=offices, initial={"office": offices[0]})
    context = {"form": form, "offices": offices, "report": report, "max_rows": MAX_ROWS}
    return render(http, "catalogue/transfer/import.html", context)


@login_required
def import_template(http: HttpRequest) -> HttpResponse:
    """The template XLSX: the expected columns, an example row, and the values each column accepts."""
    offices = _arranging_offices(http.user)
    code = http.GET.get("kantor", "").strip()
    office = offices.filter(code=code).first() if code else offices.first()
    if office is None:
        raise Http404
    response = HttpResponse(template_xlsx(office), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="templat-dip-{office.code}.xlsx"'
    return response


def _pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}.pdf"'
    return response


@require_GET
def dip_download(http: HttpRequest, code: str, fmt: str) -> HttpResponse:
    """An office's DIP, public: anyone may download it without logging in (Pasal 9-11 UU 14/2008)."""
    office = get_object_or_404(Office, code=code, is_active=True)
    if fmt == "xlsx":
        return dip_xlsx_response(office)
    return _pdf_response(dip_pdf(office), f"daftar-informasi-publik-{office.code}")


@require_GET
def dik_download(http: HttpRequest, fmt: str) -> HttpResponse:
    """The DIK, public: nationwide, or with ?kantor=<code> what applies to that office."""
    code = http.GET.get("kantor", "").strip()
    office = get_object_or_404(Office, code=code, is_active=True) if code else None
    if fmt == "xlsx":
        return dik_xlsx_response(office)
    suffix = f"-{office.code}" if office is not None else ""
    return _pdf_response(dik_pdf(office), f"daftar-informasi-dikecualikan{suffix}")
