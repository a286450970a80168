"""Every admin list opens for a superuser, and the read-only admins never offer to add, change or
delete: records with a status change only through their service functions."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.db.models import Model
from django.test import Client
from django.urls import reverse

from ppid.accounts.roles import Role
from ppid.core.readonly_admin import ReadOnlyAdmin
from ppid.notifications.services import outbox_enqueue
from ppid.offices.models import Office
from tests.factories import RoleMembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client: Client, admin_user: object) -> Client:
    """A superuser who is also the system administrator of KPU RI: some lists need that role."""
    RoleMembershipFactory(user=admin_user, office=Office.objects.get(code="00"), role=Role.SYSADMIN)
    # The outbox admin opens only when there is a message its reader may see.
    outbox_enqueue(to=["warga@example.org"], subject="Uji", body="Uji", office=None, dedupe_key="admin-pages")
    client.force_login(admin_user)  # type: ignore[arg-type]
    return client


REGISTERED = sorted(admin.site._registry.items(), key=lambda pair: pair[0]._meta.label)


def _url(model: type[Model], view: str) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}")


@pytest.mark.parametrize(("model", "model_admin"), REGISTERED, ids=[m._meta.label for m, _a in REGISTERED])
def test_every_admin_list_opens(admin_client: Client, model: type[Model], model_admin: admin.ModelAdmin) -> None:  # type: ignore[type-arg]
    assert admin_client.get(_url(model, "changelist")).status_code == 200


READ_ONLY = [(m, a) for m, a in REGISTERED if isinstance(a, ReadOnlyAdmin)]


@pytest.mark.parametrize(("model", "model_admin"), READ_ONLY, ids=[m._meta.label for m, _a in READ_ONLY])
def test_read_only_admins_refuse_to_add(
    admin_client: Client,
    model: type[Model],
    model_admin: ReadOnlyAdmin,
) -> None:
    assert admin_client.get(_url(model, "add")).status_code == 403
    request = admin_client.get(_url(model, "changelist")).wsgi_request
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)


def test_the_status_bearing_models_are_read_only() -> None:
    labels = {model._meta.label for model, _admin in READ_ONLY}
    assert {
        "requests.InformationRequest",
        "objections.Objection",
        "disputes.Dispute",
        "events.Event",
        "annual.AnnualReport",
        "guidance.Direction",
        "guidance.WorkPlan",
        "exemptions.ConsequenceTest",
    } <= labels
