"""What the DIP staff pages share: fetching what the user may see (404 otherwise), choosing the
office a page shows, and the query string of a filtered list."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from ppid.accounts.permissions import active_memberships, can
from ppid.catalogue.models import InformationItem, RoundEntry, UnitList
from ppid.offices.models import Office


def get_item_for(user: Any, pk: int) -> InformationItem:
    """The item if `user` may see it, else 404 (never reveal that it exists)."""
    item = get_object_or_404(
        InformationItem.objects.select_related("office", "work_unit", "mandatory_item", "exemption", "created_by"),
        pk=pk,
    )
    if not can(user, "dip:view", item):
        raise Http404
    return item


def get_unit_list_for(user: Any, pk: int) -> UnitList:
    unit_list = get_object_or_404(
        UnitList.objects.select_related("round", "round__office", "round__opened_by", "work_unit"), pk=pk
    )
    if not can(user, "dip:view", unit_list):
        raise Http404
    return unit_list


def get_entry_for(user: Any, pk: int) -> RoundEntry:
    entry = get_object_or_404(
        RoundEntry.objects.select_related(
            "unit_list",
            "unit_list__round",
            "unit_list__round__office",
            "unit_list__work_unit",
            "item",
            "item__work_unit",
            "item__mandatory_item",
        ),
        pk=pk,
    )
    if not can(user, "dip:view", entry.unit_list):
        raise Http404
    return entry


def pick_office(raw: str | None, offices: QuerySet[Office], user: Any) -> Office | None:
    """The office a page shows: the one asked for (`?kantor=<id>`) if the user may, else the user's
    own office among `offices`, else the first. None when `offices` is empty."""
    if raw and raw.isdigit():
        chosen = offices.filter(pk=int(raw)).first()
        if chosen is not None:
            return chosen
    own = [m.office_id for m in active_memberships(user)]
    return offices.filter(pk__in=own).first() or offices.first()


def query_without_page(http: HttpRequest) -> str:
    query = http.GET.copy()
    query.pop("page", None)
    return query.urlencode()
