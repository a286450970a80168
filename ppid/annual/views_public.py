"""Public pages: published annual reports with their downloads (no personal data: figures only)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from ppid.annual.layout import FIGURE_GROUPS, figure_rows, narrative_sections
from ppid.annual.models import AnnualReport
from ppid.annual.pdf import pdf_filename
from ppid.annual.selectors import PER_PAGE, published_reports
from ppid.annual.xlsx import annual_report_xlsx, xlsx_filename
from ppid.core.spreadsheets import XLSX_TYPE
from ppid.offices.models import Office


def public_list(http: HttpRequest) -> HttpResponse:
    """Published reports, newest first, filtered by office (?kantor=<code>) and year (?tahun=)."""
    office_code = http.GET.get("kantor", "").strip()
    year_text = http.GET.get("tahun", "").strip()
    year = int(year_text) if year_text.isdigit() else None
    office = Office.objects.filter(code=office_code).only("code", "name").first() if office_code else None
    rows = published_reports(office_code=office_code, year=year).order_by("-year", "office__path")
    page = Paginator(rows, PER_PAGE).get_page(http.GET.get("page"))
    query = urlencode({key: value for key, value in (("kantor", office_code), ("tahun", year or "")) if value})
    context = {"rows": page.object_list, "page": page, "query": query, "office": office, "year": year}
    return render(http, "annual/public/list.html", context)


def _published(pk: int) -> AnnualReport:
    return get_object_or_404(published_reports(), pk=pk)


def public_detail(http: HttpRequest, pk: int) -> HttpResponse:
    report = _published(pk)
    figures = [(str(heading), list(figure_rows(report.figures, group))) for group, heading in FIGURE_GROUPS.items()]
    context = {"report": report, "sections": narrative_sections(report), "figures": figures}
    return render(http, "annual/public/detail.html", context)


def public_pdf(http: HttpRequest, pk: int) -> FileResponse:
    report = _published(pk)
    # FileResponse closes the stored file once it is sent.
    return FileResponse(
        report.pdf.open("rb"), as_attachment=True, filename=pdf_filename(report), content_type="application/pdf"
    )


def public_xlsx(http: HttpRequest, pk: int) -> HttpResponse:
    report = _published(pk)
    response = HttpResponse(annual_report_xlsx(report), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{xlsx_filename(report)}"'
    return response
