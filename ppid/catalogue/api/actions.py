"""One POST endpoint per step of a unit's list in a collection round, each calling the one service
function that performs it (seed e.2, d.3, c.3, c.1).

Every action answers with the list's detail (200; 201 for a new entry); a refused step answers 400
(invalid input, field by field), 403 (the role may not), 404 (not visible) or 409 (the list's state
does not allow it, e.g. it was submitted or approved meanwhile).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from ppid.catalogue.api.serializers import (
    CorrectInput,
    ListNoteInput,
    NewItemInput,
    ReturnInput,
    UnitListDetailOutput,
    UpdateInput,
)
from ppid.catalogue.api.views import catalogue_call, unit_list_detail_response, unit_list_for_user
from ppid.catalogue.models import InformationItem, MandatoryItem, UnitList
from ppid.catalogue.services import (
    ItemData,
    unit_list_add_new,
    unit_list_add_update,
    unit_list_approve,
    unit_list_arrange,
    unit_list_correct,
    unit_list_return,
    unit_list_submit,
)
from ppid.catalogue.services.items import EDITABLE
from ppid.objections.api.views import ERROR_RESPONSES
from ppid.offices.models import WorkUnit
from ppid.requests.api.common import BadRequest, checked_upload_or_400

F = TypeVar("F", bound=Callable[..., Response])
RESPONSES = {200: UnitListDetailOutput, **ERROR_RESPONSES}
# Inputs that carry a document are also accepted as multipart/form-data.
MULTIPART = (NewItemInput, UpdateInput)


def _action_schema(
    input_serializer: type[serializers.Serializer[Any]] | None, summary: str, *, created: bool = False
) -> Callable[[F], F]:
    body: Any = input_serializer
    if input_serializer in MULTIPART:
        body = {"application/json": input_serializer, "multipart/form-data": input_serializer}
    responses = {201: UnitListDetailOutput, **ERROR_RESPONSES} if created else RESPONSES
    decorator: Callable[[F], F] = extend_schema(request=body, responses=responses, summary=summary)
    return decorator


def _work_unit(pk: int) -> WorkUnit:
    unit = WorkUnit.objects.filter(pk=pk, is_active=True).first()
    if unit is None:
        raise BadRequest({"work_unit": [_("No such work unit.")]})
    return unit


def _mandatory_item(key: str) -> MandatoryItem | None:
    if not key.strip():
        return None
    found = MandatoryItem.objects.filter(key=key.strip(), is_active=True).first()
    if found is None:
        raise BadRequest({"mandatory_item": [_("No mandatory item has this key.")]})
    return found


def item_changes(data: dict[str, Any]) -> dict[str, Any]:
    """The item fields sent, as the services take them (units and mandatory items as objects)."""
    changes = {name: data[name] for name in EDITABLE if name in data}
    if "work_unit" in changes:
        changes["work_unit"] = _work_unit(changes["work_unit"])
    if "mandatory_item" in changes:
        changes["mandatory_item"] = _mandatory_item(changes["mandatory_item"])
    return changes


class _Action(APIView):
    """Fetch the list (404 unless the caller may read its office's DIP), validate the input, run the service."""

    input_serializer: type[serializers.Serializer[Any]] | None = None

    def _begin(self, request: Request, pk: int) -> tuple[UnitList, dict[str, Any]]:
        found = unit_list_for_user(request.user, pk)
        if self.input_serializer is None:
            return found, {}
        form = self.input_serializer(data=request.data)
        form.is_valid(raise_exception=True)
        return found, dict(form.validated_data)

    def _done(self, request: Request, found: UnitList, *, code: int = status.HTTP_200_OK) -> Response:
        return unit_list_detail_response(request.user, found.pk, code=code)


class NewItemView(_Action):
    input_serializer = NewItemInput

    @_action_schema(
        NewItemInput, "Propose a new item, optionally with its document (the unit's liaison team)", created=True
    )
    def post(self, request: Request, pk: int) -> Response:
        found, data = self._begin(request, pk)
        upload = checked_upload_or_400(data["file"], "file")
        unit = _work_unit(data["work_unit"]) if data["work_unit"] else found.work_unit
        item = ItemData(
            title=data["title"],
            summary=data["summary"],
            category=data["category"],
            work_unit=unit,
            responsible_official=data["responsible_official"],
            year=data["year"],
            on_demand_type=data["on_demand_type"],
            mandatory_item=_mandatory_item(data["mandatory_item"]),
            made_when=data["made_when"],
            made_where=data["made_where"],
            format=data["format"],
            retention_period=data["retention_period"],
            tags=data["tags"],
        )
        catalogue_call(
            unit_list_add_new,
            unit_list=found,
            actor=request.user,
            data=item,
            note=data["note"],
            upload=upload,
            url=data["url"],
        )
        return self._done(request, found, code=status.HTTP_201_CREATED)


class UpdateView(_Action):
    input_serializer = UpdateInput

    @_action_schema(
        UpdateInput, "Propose an update of a published item of the unit: new values and/or a new document", created=True
    )
    def post(self, request: Request, pk: int) -> Response:
        found, data = self._begin(request, pk)
        item = InformationItem.objects.filter(pk=data["item"], office=found.round.office).first()
        if item is None:
            raise BadRequest({"item": [_("No such item in the DIP of this office.")]})
        upload = checked_upload_or_400(data["file"], "file")
        catalogue_call(
            unit_list_add_update,
            unit_list=found,
            actor=request.user,
            item=item,
            changes=item_changes(data),
            note=data["note"],
            upload=upload,
            url=data["url"],
        )
        return self._done(request, found, code=status.HTTP_201_CREATED)


class SubmitView(_Action):
    input_serializer = ListNoteInput

    @_action_schema(ListNoteInput, "Submit the unit's list to the PPID (the liaison team, seed e.2)")
    def post(self, request: Request, pk: int) -> Response:
        found, data = self._begin(request, pk)
        catalogue_call(unit_list_submit, unit_list=found, actor=request.user, note=data["note"])
        return self._done(request, found)


class ReturnView(_Action):
    input_serializer = ReturnInput

    @_action_schema(ReturnInput, "Return the list to the unit with what to fix (the PPID or the Atasan PPID)")
    def post(self, request: Request, pk: int) -> Response:
        found, data = self._begin(request, pk)
        catalogue_call(unit_list_return, unit_list=found, actor=request.user, note=data["note"])
        return self._done(request, found)


class ArrangeView(_Action):
    input_serializer = ListNoteInput

    @_action_schema(ListNoteInput, "The list is arranged and stored: on to the Atasan PPID (the PPID, seed d.3)")
    def post(self, request: Request, pk: int) -> Response:
        found, data = self._begin(request, pk)
        catalogue_call(unit_list_arrange, unit_list=found, actor=request.user, note=data["note"])
        return self._done(request, found)


class CorrectView(_Action):
    input_serializer = CorrectInput

    @_action_schema(CorrectInput, "Correct an entry of the list, saying what and why (the Atasan PPID, seed c.3)")
    def post(self, request: Request, pk: int) -> Response:
        found, data = self._begin(request, pk)
        entry = found.entries.filter(pk=data["entry"]).first()
        if entry is None:
            raise BadRequest({"entry": [_("No such entry in this list.")]})
        catalogue_call(
            unit_list_correct,
            entry=entry,
            actor=request.user,
            changes=item_changes(data),
            correction=data["correction"],
        )
        return self._done(request, found)


class ApproveView(_Action):
    @_action_schema(None, "Approve the list: new items are published, updates applied (the Atasan PPID, seed c.1, c.3)")
    def post(self, request: Request, pk: int) -> Response:
        found, _data = self._begin(request, pk)
        catalogue_call(unit_list_approve, unit_list=found, actor=request.user)
        return self._done(request, found)
