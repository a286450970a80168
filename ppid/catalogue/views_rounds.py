"""Collection rounds: the list, opening one (the PPID gathers the units' information, seed d.2),
and a round's page with each unit's list and where it stands."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from ppid.accounts.permissions import can, can_anywhere, offices_where
from ppid.catalogue import forms_staff as f
from ppid.catalogue import selectors, services
from ppid.catalogue.models import CollectionRound
from ppid.core.steps import errors_onto_form
from ppid.events.models import Event
from ppid.offices.models import Office

ROUNDS_PER_PAGE = 25


@login_required
def round_list(http: HttpRequest) -> HttpResponse:
    """Every collection round of the offices the user may read, the newest first."""
    if not can_anywhere(http.user, "dip:view"):
        raise PermissionDenied
    page = Paginator(selectors.visible_rounds(http.user), ROUNDS_PER_PAGE).get_page(http.GET.get("page"))
    context = {
        "page": page,
        "rounds": page.object_list,
        "can_open": can_anywhere(http.user, "collection:open"),
    }
    return render(http, "catalogue/staff/rounds.html", context)


@login_required
def round_open(http: HttpRequest) -> HttpResponse:
    """The PPID opens a round for the office; each active work unit gets its list (seed d.2)."""
    offices = Office.objects.filter(offices_where(http.user, "collection:open")).order_by("path")
    if not offices:
        raise PermissionDenied
    if http.method == "POST":
        form = f.RoundOpenForm(http.POST, offices=offices)
        if form.is_valid():
            d = form.cleaned_data
            try:
                collection = services.round_open(
                    office=d["kantor"], actor=http.user, name=d["name"], due_on=d["due_on"]
                )
            except ValidationError as exc:
                errors_onto_form(form, exc)
            else:
                messages.success(http, _("Collection round “%(name)s” opened.") % {"name": collection.name})
                return redirect("catalogue_staff:round", pk=collection.pk)
    else:
        first = offices[0]
        form = f.RoundOpenForm(
            offices=offices,
            initial={"kantor": first, "due_on": selectors.office_today(first) + datetime.timedelta(days=14)},
        )
    return render(http, "catalogue/staff/round_open.html", {"form": form})


@login_required
def round_detail(http: HttpRequest, pk: int) -> HttpResponse:
    collection = get_object_or_404(CollectionRound.objects.select_related("office", "opened_by"), pk=pk)
    if not can(http.user, "dip:view", collection):
        raise Http404
    context = {
        "round": collection,
        "lists": selectors.round_lists(collection),
        "events": Event.objects.for_object(collection).select_related("actor", "office"),
    }
    return render(http, "catalogue/staff/round_detail.html", context)
