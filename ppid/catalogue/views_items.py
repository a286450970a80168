"""The office's DIP items for staff: the filtered list, an item with its documents and history and
its steps (the PPID's edit, new document version and withdrawal, seed d.3; the Atasan PPID's
review of serta-merta information), and serta-merta information published at once (Pasal 10
UU 14/2008; Perki 1/2021 Pasal 25)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ppid.accounts.permissions import can, offices_where
from ppid.catalogue import forms_staff as f
from ppid.catalogue import selectors, services
from ppid.catalogue.models import InformationItem, ItemDocument
from ppid.catalogue.views_common import get_item_for, pick_office, query_without_page
from ppid.catalogue.workflow import Category, ItemStatus
from ppid.events.models import Event
from ppid.offices.models import Office

ITEMS_PER_PAGE = 50


@login_required
def item_list(http: HttpRequest) -> HttpResponse:
    """One office's DIP as staff see it: drafts, withdrawn and stale items too, filtered."""
    offices = selectors.dip_offices(http.user)
    office = pick_office(http.GET.get("kantor"), offices, http.user)
    if office is None:
        raise PermissionDenied
    form = f.ItemFilterForm(http.GET or None, offices=offices, office=office, initial={"kantor": office})
    today = selectors.office_today(office)
    rules = selectors.refresh_rules()
    rows = selectors.office_items(http.user, office, filters=form.filters(), today=today, rules=rules)
    page = Paginator(rows, ITEMS_PER_PAGE).get_page(http.GET.get("page"))
    context = {
        "office": office,
        "form": form,
        "page": page,
        "items": page.object_list,
        "query": query_without_page(http),
        "many_offices": len(offices) > 1,
        "can_publish_now": can(http.user, "dip:publish_immediately", office),
        "can_see_coverage": selectors.coverage_offices(http.user).filter(pk=office.pk).exists(),
    }
    return render(http, "catalogue/staff/item_list.html", context)


def _may_add_document(user: Any, item: InformationItem) -> bool:
    # The unit's liaison team while its item is a draft (e.2); the PPID at any time (d.3).
    return can(user, "dip:arrange", item) or (item.status == ItemStatus.DRAFT and can(user, "dip:submit", item))


@dataclass(frozen=True)
class ItemStep:
    title: Promise
    done: Promise
    form_class: type[forms.Form]
    allowed: Callable[[Any, InformationItem], bool]
    shown: Callable[[InformationItem], bool]
    perform: Callable[[InformationItem, Any, dict[str, Any]], object]


STEPS: dict[str, ItemStep] = {
    "add-document": ItemStep(
        gettext_lazy("Add a document version"), gettext_lazy("document version added"), f.AddDocumentForm,
        _may_add_document, lambda i: i.status != ItemStatus.WITHDRAWN,
        lambda i, u, d: services.item_add_document(
            item=i, actor=u, upload=d["file"] or None, url=d["url"] or "", title=d["document_title"]
        ),
    ),
    "review": ItemStep(
        gettext_lazy("Review the serta-merta information"), gettext_lazy("serta-merta information reviewed"),
        f.ReviewForm, lambda u, i: can(u, "dip:review", i.office), lambda i: i.awaiting_review,
        lambda i, u, d: services.item_review(item=i, actor=u, note=d["note"]),
    ),
    "withdraw": ItemStep(
        gettext_lazy("Withdraw the item"), gettext_lazy("item withdrawn"), f.WithdrawForm,
        lambda u, i: can(u, "dip:arrange", i), lambda i: i.status != ItemStatus.WITHDRAWN,
        lambda i, u, d: services.item_withdraw(item=i, actor=u, reason=d["reason"]),
    ),
}  # fmt: skip


def _editable(user: Any, item: InformationItem) -> bool:
    # services.item_update re-checks the whole item, and an exempt item's category is set only by
    # a Keputusan KPU (Pasal 19 UU 14/2008): such items are not edited here.
    return (
        item.status != ItemStatus.WITHDRAWN
        and item.category != Category.DIKECUALIKAN
        and can(user, "dip:arrange", item)
    )


def _render_item(http: HttpRequest, item: InformationItem, bound: dict[str, forms.Form] | None = None) -> HttpResponse:
    bound = bound or {}
    user = http.user
    shown = {name for name, step in STEPS.items() if step.shown(item) and step.allowed(user, item)} | set(bound)
    step_forms = [
        (name, step.title, bound.get(name) or step.form_class(prefix=name))
        for name, step in STEPS.items()
        if name in shown
    ]
    context = {
        "item": item,
        "stale": selectors.is_stale(item, selectors.office_today(item.office)),
        "documents": item.documents.select_related("uploaded_by"),
        "entries": item.entries.select_related("unit_list__round", "unit_list").order_by("-created_at"),
        "events": Event.objects.for_object(item).select_related("actor", "office"),
        "forms": step_forms,
        "can_edit": _editable(user, item),
    }
    return render(http, "catalogue/staff/item_detail.html", context)


@login_required
def item_detail(http: HttpRequest, pk: int) -> HttpResponse:
    return _render_item(http, get_item_for(http.user, pk))


@login_required
@require_POST
def item_step(http: HttpRequest, pk: int, name: str) -> HttpResponse:
    """POST one step: 403 without the right, errors re-render with the input kept, then back to the item."""
    item = get_item_for(http.user, pk)
    step = STEPS.get(name)
    if step is None:
        raise Http404
    if not step.allowed(http.user, item):
        raise PermissionDenied
    form = step.form_class(http.POST, http.FILES, prefix=name)
    if form.is_valid():
        try:
            step.perform(item, http.user, form.cleaned_data)
        except ValidationError as exc:
            f.add_service_errors(form, exc)
        except services.CatalogueStateError as exc:
            messages.error(http, str(exc))
            item = get_item_for(http.user, pk)
        else:
            messages.success(http, _("Saved: %(step)s.") % {"step": step.done})
            return redirect("catalogue_staff:item", pk=pk)
    return _render_item(http, item, {name: form})


@login_required
def item_edit(http: HttpRequest, pk: int) -> HttpResponse:
    """The PPID arranges an item of the office's DIP (seed d.3)."""
    item = get_item_for(http.user, pk)
    if not _editable(http.user, item):
        raise PermissionDenied
    current = f.item_values(item)
    if http.method == "POST":
        form = f.ItemEditForm(http.POST, office=item.office)
        if form.is_valid():
            changes = form.changes(current)
            if not changes:
                form.add_error(None, _("Nothing was changed."))
            else:
                try:
                    services.item_update(item=item, actor=http.user, changes=changes, note=form.cleaned_data["note"])
                except ValidationError as exc:
                    f.add_service_errors(form, exc)
                except services.CatalogueStateError as exc:
                    form.add_error(None, str(exc))
                else:
                    messages.success(http, _("The item was changed."))
                    return redirect("catalogue_staff:item", pk=pk)
    else:
        form = f.ItemEditForm(initial=current, office=item.office)
    return render(http, "catalogue/staff/item_edit.html", {"item": item, "form": form})


@login_required
def document_download(http: HttpRequest, pk: int, document_pk: int) -> HttpResponseBase:
    """Any version, for staff who may see the item (the public pages offer published ones only)."""
    item = get_item_for(http.user, pk)
    document = get_object_or_404(ItemDocument, pk=document_pk, item=item)
    if not document.file:
        return redirect(document.url)
    name = document.original_name or (document.file.name or "").rsplit("/", 1)[-1]
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=name)


@login_required
def publish_now(http: HttpRequest) -> HttpResponse:
    """The PPID announces serta-merta information at once; the Atasan PPID reviews it after."""
    offices = Office.objects.filter(offices_where(http.user, "dip:publish_immediately")).order_by("path")
    data = http.POST if http.method == "POST" else http.GET
    office = pick_office(data.get("kantor"), offices, http.user)
    if office is None:
        raise PermissionDenied
    if http.method == "POST":
        form = f.PublishNowForm(http.POST, http.FILES, office=office)
        if form.is_valid():
            try:
                item = services.item_publish_immediately(
                    office=office, actor=http.user, data=form.item_data(), **form.document_kwargs()
                )
            except ValidationError as exc:
                f.add_service_errors(form, exc)
            else:
                messages.success(http, _("Published at once; the Atasan PPID will review it."))
                return redirect("catalogue_staff:item", pk=item.pk)
    else:
        form = f.PublishNowForm(office=office, initial={"year": selectors.office_today(office).year})
    context = {"form": form, "office": office, "offices": offices if len(offices) > 1 else None}
    return render(http, "catalogue/staff/publish_now.html", context)
