"""The office's DIP items for staff: the filtered list, an item with its documents and history and
its steps (the PPID's edit, new document version and withdrawal, seed d.3; the Atasan PPID's
review of serta-merta information), and serta-merta information published at once (Pasal 10
UU 14/2008; Perki 1/2021 Pasal 25)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ppid.accounts.permissions import can, offices_where
from ppid.catalogue import forms_staff as f
from ppid.catalogue import selectors, services
from ppid.catalogue.models import InformationItem, ItemDocument
from ppid.catalogue.views_common import get_item_for, pick_office, query_without_page
from ppid.catalogue.workflow import Category, ItemStatus
from ppid.core.steps import Step, StepPage, errors_onto_form, holds, run_step, step_forms
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


STEPS: dict[str, Step[InformationItem]] = {
    "add-document": Step(
        "", _may_add_document, f.AddDocumentForm,
        lambda i, u, form: services.item_add_document(
            item=i, actor=u, upload=form.cleaned_data["file"] or None, url=form.cleaned_data["url"] or "",
            title=form.cleaned_data["document_title"],
        ),
        gettext_lazy("Add a document version"), gettext_lazy("document version added"),
        shown=lambda i: i.status != ItemStatus.WITHDRAWN,
    ),
    "review": Step(
        "", lambda u, i: can(u, "dip:review", i.office), f.ReviewForm,
        lambda i, u, form: services.item_review(item=i, actor=u, note=form.cleaned_data["note"]),
        gettext_lazy("Review the serta-merta information"), gettext_lazy("serta-merta information reviewed"),
        shown=lambda i: i.awaiting_review,
    ),
    "withdraw": Step(
        "", holds("dip:arrange"), f.WithdrawForm,
        lambda i, u, form: services.item_withdraw(item=i, actor=u, reason=form.cleaned_data["reason"]),
        gettext_lazy("Withdraw the item"), gettext_lazy("item withdrawn"),
        shown=lambda i: i.status != ItemStatus.WITHDRAWN,
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
    user = http.user
    context = {
        "item": item,
        "stale": selectors.is_stale(item, selectors.office_today(item.office)),
        "documents": item.documents.select_related("uploaded_by"),
        "entries": item.entries.select_related("unit_list__round", "unit_list").order_by("-created_at"),
        "events": Event.objects.for_object(item).select_related("actor", "office"),
        "forms": [(name, step.title, form) for name, step, form in step_forms(PAGE, user, item, bound)],
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
    return run_step(http, get_item_for(http.user, pk), name, PAGE)


PAGE = StepPage(
    steps=STEPS,
    make_form=lambda name, item, user, data, files: STEPS[name].form_class(data, files, prefix=name),
    render=_render_item,
    reload=get_item_for,
    detail_url="catalogue_staff:item",
    state_errors=(services.CatalogueStateError,),
)


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
                    errors_onto_form(form, exc)
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
                errors_onto_form(form, exc)
            else:
                messages.success(http, _("Published at once; the Atasan PPID will review it."))
                return redirect("catalogue_staff:item", pk=item.pk)
    else:
        form = f.PublishNowForm(office=office, initial={"year": selectors.office_today(office).year})
    context = {"form": form, "office": office, "offices": offices if len(offices) > 1 else None}
    return render(http, "catalogue/staff/publish_now.html", context)
