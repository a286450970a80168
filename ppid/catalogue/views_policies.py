"""The Pembina PPID's policy directions (seed a.2): the list, issuing a policy, its versions with
their effective dates, a new version, and the documents."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Max
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ppid.accounts.permissions import can, can_anywhere, filter_visible, offices_where
from ppid.catalogue import forms_staff as f
from ppid.catalogue import selectors, services
from ppid.catalogue.models import Policy, PolicyVersion
from ppid.core.steps import errors_onto_form
from ppid.offices.models import Office

POLICIES_PER_PAGE = 50


def _get_policy_for(user: Any, pk: int) -> Policy:
    policy = get_object_or_404(Policy.objects.select_related("office"), pk=pk)
    if not can(user, "dip:view", policy):
        raise Http404
    return policy


@login_required
def policy_list(http: HttpRequest) -> HttpResponse:
    if not can_anywhere(http.user, "dip:view"):
        raise PermissionDenied
    policies = (
        filter_visible(http.user, "dip:view", Policy.objects.all())
        .select_related("office")
        .annotate(version_count=Count("versions"), latest_effective=Max("versions__effective_from"))
        .order_by("office__path", "title", "id")
    )
    page = Paginator(policies, POLICIES_PER_PAGE).get_page(http.GET.get("page"))
    context = {"page": page, "policies": page.object_list, "can_issue": can_anywhere(http.user, "policy:set")}
    return render(http, "catalogue/staff/policies.html", context)


@login_required
def policy_new(http: HttpRequest) -> HttpResponse:
    """A new policy direction with its first version (seed a.2: the Pembina PPID)."""
    offices = Office.objects.filter(offices_where(http.user, "policy:set")).order_by("path")
    if not offices:
        raise PermissionDenied
    if http.method == "POST":
        form = f.PolicyIssueForm(http.POST, http.FILES, offices=offices)
        if form.is_valid():
            d = form.cleaned_data
            try:
                version = services.policy_issue(
                    office=d["kantor"],
                    actor=http.user,
                    title=d["title"],
                    effective_from=d["effective_from"],
                    text=d["text"],
                    upload=d["file"] or None,
                    is_public=d["is_public"],
                )
            except ValidationError as exc:
                errors_onto_form(form, exc)
            else:
                messages.success(http, _("Policy issued."))
                return redirect("catalogue_staff:policy", pk=version.policy_id)
    else:
        form = f.PolicyIssueForm(
            offices=offices, initial={"kantor": offices[0], "effective_from": selectors.office_today(offices[0])}
        )
    return render(http, "catalogue/staff/policy_new.html", {"form": form})


def _render_policy(http: HttpRequest, policy: Policy, form: f.PolicyVersionForm | None = None) -> HttpResponse:
    may_issue = can(http.user, "policy:set", policy.office)
    if form is None and may_issue:
        form = f.PolicyVersionForm(initial={"effective_from": selectors.office_today(policy.office)})
    context = {
        "policy": policy,
        "versions": policy.versions.select_related("issued_by"),
        "form": form,
    }
    return render(http, "catalogue/staff/policy_detail.html", context)


@login_required
def policy_detail(http: HttpRequest, pk: int) -> HttpResponse:
    return _render_policy(http, _get_policy_for(http.user, pk))


@login_required
@require_POST
def policy_new_version(http: HttpRequest, pk: int) -> HttpResponse:
    """A new version; the earlier ones stay as they were, each with its own effective date."""
    policy = _get_policy_for(http.user, pk)
    if not can(http.user, "policy:set", policy.office):
        raise PermissionDenied
    form = f.PolicyVersionForm(http.POST, http.FILES)
    if form.is_valid():
        d = form.cleaned_data
        try:
            version = services.policy_issue(
                office=policy.office,
                actor=http.user,
                title=policy.title,
                effective_from=d["effective_from"],
                text=d["text"],
                upload=d["file"] or None,
                policy=policy,
            )
        except ValidationError as exc:
            errors_onto_form(form, exc)
        else:
            messages.success(http, _("Version %(number)s issued.") % {"number": version.version})
            return redirect("catalogue_staff:policy", pk=pk)
    return _render_policy(http, policy, form)


@login_required
def policy_download(http: HttpRequest, pk: int) -> FileResponse:
    version = get_object_or_404(PolicyVersion.objects.select_related("policy", "policy__office"), pk=pk)
    if not can(http.user, "dip:view", version.policy) or not version.file:
        raise Http404
    name = (version.file.name or "").rsplit("/", 1)[-1]
    return FileResponse(version.file.open("rb"), as_attachment=True, filename=name)
