"""The entries of a unit's list: a new item or an update proposed by the unit's liaison team (seed
e.2), the PPID's edit of a proposed item (d.3) and the Atasan PPID's correction (c.3)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Field
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ppid.accounts.permissions import can
from ppid.catalogue import forms_staff as f
from ppid.catalogue import services
from ppid.catalogue.models import InformationItem, MandatoryItem, RoundEntry, UnitList
from ppid.catalogue.selectors import office_today
from ppid.catalogue.services.items import EDITABLE
from ppid.catalogue.views_common import get_entry_for, get_unit_list_for
from ppid.catalogue.workflow import Category, EntryKind, ItemStatus, ListStatus, OnDemandType, RoundStatus
from ppid.core.steps import errors_onto_form
from ppid.offices.models import Office

# --- how an entry reads on the list's page ---


@dataclass(frozen=True)
class Change:
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class EntryRow:
    entry: RoundEntry
    changes: list[Change]


def _model_field(name: str) -> Field[Any, Any]:
    field = InformationItem._meta.get_field(name)
    assert isinstance(field, Field)  # EDITABLE names concrete fields, never reverse relations
    return field


def _shown(name: str, value: Any, units: dict[int, str], mandatory: dict[int, str]) -> str:
    if value in (None, ""):
        return "—"
    if name == "category":
        return str(Category(value).label) if value in Category.values else str(value)
    if name == "on_demand_type":
        return str(OnDemandType(value).label) if value in OnDemandType.values else str(value)
    if name == "work_unit":
        return units.get(value, str(value))
    if name == "mandatory_item":
        return mandatory.get(value, str(value))
    return str(value)


def entry_rows(entries: list[RoundEntry], office: Office) -> list[EntryRow]:
    """Each entry with, for an update, the proposed values beside the current ones (foreign keys by
    name: two small look-ups for the whole list, never one per entry)."""
    proposals = [e.proposed for e in entries if e.kind == EntryKind.UPDATE]
    units = dict(office.work_units.values_list("pk", "name")) if any("work_unit" in p for p in proposals) else {}
    wanted = {p["mandatory_item"] for p in proposals if p.get("mandatory_item")}
    wanted |= {e.item.mandatory_item_id for e in entries if e.item.mandatory_item_id and e.kind == EntryKind.UPDATE}
    mandatory = dict(MandatoryItem.objects.filter(pk__in=wanted).values_list("pk", "title")) if wanted else {}
    rows = []
    for entry in entries:
        changes = []
        if entry.kind == EntryKind.UPDATE:
            for name in EDITABLE:
                if name not in entry.proposed:
                    continue
                field = _model_field(name)
                before = _shown(name, getattr(entry.item, field.attname), units, mandatory)
                after = _shown(name, entry.proposed[name], units, mandatory)
                changes.append(Change(str(field.verbose_name), before, after))
        rows.append(EntryRow(entry, changes))
    return rows


# --- the entry pages ---


def _render(http: HttpRequest, form: Any, unit_list: UnitList, *, heading: Promise | str, **extra: Any) -> HttpResponse:
    context = {"form": form, "unit_list": unit_list, "round": unit_list.round, "heading": heading, **extra}
    return render(http, "catalogue/staff/entry_form.html", context)


def _may_propose(http: HttpRequest, unit_list: UnitList) -> bool:
    """Only the unit's own liaison team proposes (seed e.2: 403 for others), and only while its list
    is open: a stale page is sent back to the list with a message (the service checks again)."""
    if not can(http.user, "dip:submit", unit_list):
        raise PermissionDenied
    if http.method != "POST" and (unit_list.round.status != RoundStatus.OPEN or unit_list.status != ListStatus.OPEN):
        messages.error(http, _("This list is no longer open for proposals."))
        return False
    return True


def _save(http: HttpRequest, form: Any, call: Callable[[], object], done: str) -> bool:
    """Run the service call; put its complaints on the form (keeping what was typed)."""
    try:
        call()
    except ValidationError as exc:
        errors_onto_form(form, exc)
    except services.CatalogueStateError as exc:
        form.add_error(None, str(exc))
    else:
        messages.success(http, done)
        return True
    return False


@login_required
def entry_new(http: HttpRequest, pk: int) -> HttpResponse:
    """The liaison team proposes a new item of its unit, with a document or link if it has one."""
    unit_list = get_unit_list_for(http.user, pk)
    if not _may_propose(http, unit_list):
        return redirect("catalogue_staff:unit_list", pk=pk)
    kwargs: dict[str, Any] = {"office": unit_list.round.office, "unit": unit_list.work_unit}
    if http.method == "POST":
        form = f.NewEntryForm(http.POST, http.FILES, **kwargs)
        if form.is_valid():
            call = partial(
                services.unit_list_add_new,
                unit_list=unit_list,
                actor=http.user,
                data=form.item_data(),
                note=form.cleaned_data["note"],
                **form.document_kwargs(),
            )
            if _save(http, form, call, _("The item was added to the list.")):
                return redirect("catalogue_staff:unit_list", pk=pk)
    else:
        form = f.NewEntryForm(initial={"year": office_today(unit_list.round.office).year}, **kwargs)
    return _render(http, form, unit_list, heading=gettext_lazy("Propose a new item"), multipart=True)


@login_required
def entry_update(http: HttpRequest, pk: int) -> HttpResponse:
    """The liaison team proposes new values and/or a new document version for a published item of its
    unit; the item stays as published until the Atasan PPID approves the list."""
    unit_list = get_unit_list_for(http.user, pk)
    if not _may_propose(http, unit_list):
        return redirect("catalogue_staff:unit_list", pk=pk)
    raw = http.GET.get("informasi", "")
    if not raw.isdigit():
        raise Http404
    item = (
        InformationItem.objects.select_related("work_unit", "mandatory_item")
        .filter(pk=int(raw), office=unit_list.round.office, work_unit=unit_list.work_unit, status=ItemStatus.PUBLISHED)
        .first()
    )
    if item is None:
        raise Http404
    current = f.item_values(item)
    earlier = unit_list.entries.filter(item=item, kind=EntryKind.UPDATE).first()
    kwargs: dict[str, Any] = {"office": unit_list.round.office, "unit": unit_list.work_unit}
    if http.method == "POST":
        form = f.UpdateEntryForm(http.POST, http.FILES, **kwargs)
        if form.is_valid():
            changes = form.changes(current)
            if not changes and not form.has_document():
                form.add_error(None, _("Change at least one value or add a new document version."))
            else:
                call = partial(
                    services.unit_list_add_update,
                    unit_list=unit_list,
                    actor=http.user,
                    item=item,
                    changes=changes,
                    note=form.cleaned_data["note"],
                    **form.document_kwargs(),
                )
                if _save(http, form, call, _("The update was added to the list.")):
                    return redirect("catalogue_staff:unit_list", pk=pk)
    else:
        initial = f.item_values(item, earlier.proposed if earlier else None)
        form = f.UpdateEntryForm(initial={**initial, "note": earlier.note if earlier else ""}, **kwargs)
    heading = _("Propose an update of “%(title)s”") % {"title": item.title}
    return _render(http, form, unit_list, heading=heading, item=item, multipart=True)


@login_required
def entry_edit(http: HttpRequest, pk: int) -> HttpResponse:
    """The PPID arranges a proposed item before passing the list on (seed d.3; services.item_update)."""
    entry = get_entry_for(http.user, pk)
    unit_list = entry.unit_list
    if not can(http.user, "dip:arrange", unit_list):
        raise PermissionDenied
    current = f.item_values(entry.item)
    kwargs: dict[str, Any] = {"office": unit_list.round.office}
    if http.method == "POST":
        form = f.ItemEditForm(http.POST, **kwargs)
        if form.is_valid():
            changes = form.changes(current)
            if not changes:
                form.add_error(None, _("Nothing was changed."))
            else:
                call = partial(
                    services.item_update,
                    item=entry.item,
                    actor=http.user,
                    changes=changes,
                    note=form.cleaned_data["note"],
                )
                if _save(http, form, call, _("The item was changed.")):
                    return redirect("catalogue_staff:unit_list", pk=unit_list.pk)
    else:
        form = f.ItemEditForm(initial=current, **kwargs)
    heading = _("Arrange “%(title)s”") % {"title": entry.item.title}
    return _render(http, form, unit_list, heading=heading, item=entry.item)


@login_required
def entry_correct(http: HttpRequest, pk: int) -> HttpResponse:
    """The Atasan PPID corrects an entry and says what and why (seed c.3): a new item is changed
    itself, an update's proposal is changed before it is applied."""
    entry = get_entry_for(http.user, pk)
    unit_list = entry.unit_list
    if not can(http.user, "dip:correct", unit_list):
        raise PermissionDenied
    current = f.item_values(entry.item, entry.proposed if entry.kind == EntryKind.UPDATE else None)
    kwargs: dict[str, Any] = {"office": unit_list.round.office}
    if http.method == "POST":
        form = f.CorrectEntryForm(http.POST, **kwargs)
        if form.is_valid():
            call = partial(
                services.unit_list_correct,
                entry=entry,
                actor=http.user,
                changes=form.changes(current),
                correction=form.cleaned_data["correction"],
            )
            if _save(http, form, call, _("The correction was recorded.")):
                return redirect("catalogue_staff:unit_list", pk=unit_list.pk)
    else:
        form = f.CorrectEntryForm(initial={**current, "correction": entry.correction}, **kwargs)
    heading = _("Correct “%(title)s”") % {"title": entry.item.title}
    return _render(http, form, unit_list, heading=heading, item=entry.item, entry=entry)
