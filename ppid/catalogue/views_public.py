"""The public catalogue: the DIP nationwide and per office, item pages and document downloads, the
DIK, and the patron's public policies. Anyone may read these without logging in (UU 14/2008
Pasal 9-11, 17; PKPU 22/2023 Pasal 26); the content of exempt information never appears here.

Reads only. Visibility is decided once, in ppid.catalogue.search (public_items) and
ppid.exemptions.selectors (public_exemptions): everything else is a 404.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from django.core.paginator import Paginator
from django.db.models import Max, OuterRef, Q, QuerySet, Subquery
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django_htmx.http import HttpResponseClientRedirect

from ppid.catalogue.forms_public import ExemptionFilterForm, ItemFilterForm, PolicyFilterForm
from ppid.catalogue.models import ItemDocument, Policy, PolicyVersion
from ppid.catalogue.search import is_closed, items_filter, public_items, public_items_any_category
from ppid.catalogue.selectors import is_stale, office_today, stale_flag
from ppid.exemptions.models import Exemption
from ppid.exemptions.selectors import applying_to, public_exemptions
from ppid.offices.models import Office

PER_PAGE = 25
# Columns a list never shows: the extracted text can be 200,000 characters per item.
LIST_DEFERRED = ("search_text", "tags", "made_when", "made_where", "retention_period")


def _query_without_page(request: HttpRequest, *drop: str) -> str:
    query = request.GET.copy()
    for name in ("page", *drop):
        query.pop(name, None)
    return query.urlencode()


def _page(request: HttpRequest, queryset: QuerySet[Any]) -> Any:
    return Paginator(queryset, PER_PAGE).get_page(request.GET.get("page"))


# --- the DIP -----------------------------------------------------------------------------------


def dip(request: HttpRequest) -> HttpResponse:
    """The DIP of every KPU office; choosing an office leads to that office's own page."""
    code = request.GET.get("kantor", "").strip()
    if code and Office.objects.filter(code=code, is_active=True).exists():
        target = reverse("catalogue:office", args=[code])
        rest = _query_without_page(request, "kantor", "provinsi")
        url = f"{target}?{rest}" if rest else target
        # HTMX swaps only the results: have the browser load the office's whole page instead.
        return HttpResponseClientRedirect(url) if getattr(request, "htmx", False) else redirect(url)
    return _item_list(request, office=None)


def dip_office(request: HttpRequest, code: str) -> HttpResponse:
    office = get_object_or_404(Office.objects.select_related("parent"), code=code, is_active=True)
    return _item_list(request, office=office)


def _item_list(request: HttpRequest, *, office: Office | None) -> HttpResponse:
    form = ItemFilterForm(request.GET or None, office=office)
    if form.is_bound:
        form.is_valid()  # invalid fields are reported and left out of the filters
    filters = form.filters()
    today = office_today(office) if office is not None else timezone.localdate()
    latest_document = (
        ItemDocument.objects.filter(item=OuterRef("pk"), approved_at__isnull=False)
        .order_by("-version")
        .values("pk")[:1]
    )
    # An office's DIP reads by category like the official list; nationwide, the newest first.
    ordering = ("category", "on_demand_type", "title", "pk") if office is not None else ("-published_at", "-pk")
    items = items_filter(
        public_items()
        .select_related("office__parent", "work_unit")
        .defer(*LIST_DEFERRED)
        .annotate(stale=stale_flag(today), latest_document=Subquery(latest_document))
        .order_by(*ordering),
        filters,
    )
    context = {
        "form": form,
        "office": office,
        "page": _page(request, items),
        "query": _query_without_page(request),
        "searching": bool(filters.q.strip()),
    }
    context["total"] = context["page"].paginator.count
    partial = getattr(request, "htmx", False)
    template = "catalogue/public/_item_results.html" if partial else "catalogue/public/dip_list.html"
    return render(request, template, context)


def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One item: its DIP columns and documents; a closed item shows only that it is closed and why."""
    item = get_object_or_404(
        public_items_any_category().select_related("office__parent", "work_unit", "exemption", "mandatory_item"),
        pk=pk,
    )
    closed = is_closed(item)
    documents: list[ItemDocument] = []
    if not closed:
        documents = list(item.documents.filter(approved_at__isnull=False).defer("text").order_by("-version"))
    context = {
        "item": item,
        "closed": closed,
        "exemption": item.exemption if closed else None,
        "latest": documents[0] if documents else None,
        "older": documents[1:],
        "stale": is_stale(item, office_today(item.office)),
    }
    return render(request, "catalogue/public/item_detail.html", context)


def document_download(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The latest document of a public item, as an attachment with its original name (or the link).

    Older versions stay listed with their checksum but are not offered; documents of drafts,
    withdrawn items and closed (dikecualikan) items do not exist for the public."""
    document = get_object_or_404(ItemDocument.objects.defer("text").filter(item__in=public_items()), pk=pk)
    if document.approved_at is None:
        raise Http404
    latest = ItemDocument.objects.filter(item_id=document.item_id, approved_at__isnull=False).aggregate(
        latest=Max("version")
    )["latest"]
    if document.version != latest:
        raise Http404
    if not document.file:
        return HttpResponseRedirect(document.url)
    return _attachment(document.file, name=document.original_name, content_type=document.content_type)


def _attachment(file: FieldFile, *, name: str, content_type: str | None) -> FileResponse:
    try:
        handle = file.open("rb")
    except OSError:
        # The row outlived its file (restore, storage fault): a missing page, not a server error.
        raise Http404 from None
    return FileResponse(
        handle,
        as_attachment=True,
        filename=name or PurePath(file.name or "").name,
        # None lets Django guess from the file name; the checked type of an upload is preferred.
        content_type=content_type or None,
    )


# --- the DIK -----------------------------------------------------------------------------------


def dik(request: HttpRequest) -> HttpResponse:
    """The list of exempt information: what is closed, on what ground, by which decision, until when."""
    form = ExemptionFilterForm(request.GET or None)
    if form.is_bound:
        form.is_valid()
    data: dict[str, Any] = getattr(form, "cleaned_data", {})
    exemptions = public_exemptions().order_by("-decision_date", "-pk")
    office: Office | None = data.get("kantor")
    if office is not None:
        exemptions = exemptions.filter(applying_to(office))
    if data.get("status"):
        exemptions = exemptions.filter(status=data["status"])
    if data.get("q"):
        words = data["q"].split()[:8]
        for word in words:
            exemptions = exemptions.filter(Q(information__icontains=word) | Q(decision_number__icontains=word))
    page = _page(request, exemptions)
    context = {
        "form": form,
        "office": office,
        "page": page,
        "total": page.paginator.count,
        "query": _query_without_page(request),
        "today": timezone.localdate(),
    }
    return render(request, "catalogue/public/dik_list.html", context)


def exemption_detail(request: HttpRequest, pk: int) -> HttpResponse:
    exemption: Exemption = get_object_or_404(public_exemptions(), pk=pk)
    items = (
        public_items_any_category()
        .filter(exemption=exemption)
        .select_related("office", "work_unit")
        .only("pk", "title", "year", "office__name", "office__code", "work_unit__name")
        .order_by("office__path", "title", "pk")
    )
    context = {"exemption": exemption, "items": items, "today": timezone.localdate()}
    return render(request, "catalogue/public/exemption_detail.html", context)


# --- policies ----------------------------------------------------------------------------------


def public_policies() -> QuerySet[Policy]:
    """Policy directions the Pembina PPID published on the portal (seed a.2)."""
    return Policy.objects.filter(is_public=True)


def policies(request: HttpRequest) -> HttpResponse:
    form = PolicyFilterForm(request.GET or None)
    if form.is_bound:
        form.is_valid()
    office: Office | None = getattr(form, "cleaned_data", {}).get("kantor")
    today = timezone.localdate()
    rows = (
        public_policies()
        .select_related("office")
        .annotate(
            latest_version=Max("versions__version"),
            in_force_from=Max("versions__effective_from", filter=Q(versions__effective_from__lte=today)),
        )
        .order_by("office__path", "title", "pk")
    )
    if office is not None:
        rows = rows.filter(office=office)
    page = _page(request, rows)
    context = {"form": form, "page": page, "total": page.paginator.count, "query": _query_without_page(request)}
    return render(request, "catalogue/public/policy_list.html", context)


def policy_detail(request: HttpRequest, pk: int) -> HttpResponse:
    policy = get_object_or_404(public_policies().select_related("office"), pk=pk)
    versions = list(policy.versions.order_by("-version"))
    today = timezone.localdate()
    current = next((version for version in versions if version.effective_from <= today), None)
    context = {"policy": policy, "versions": versions, "current": current, "today": today}
    return render(request, "catalogue/public/policy_detail.html", context)


def policy_download(request: HttpRequest, pk: int, version: int) -> FileResponse:
    found: PolicyVersion = get_object_or_404(
        PolicyVersion.objects.filter(policy__in=public_policies()).exclude(file=""), policy_id=pk, version=version
    )
    return _attachment(found.file, name="", content_type=None)
