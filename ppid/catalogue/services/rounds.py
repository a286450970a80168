"""Collection rounds: the PPID gathers the units' information (d.2); each unit's liaison team
submits new and updated items (e.2); the PPID arranges and stores them (d.3); the Atasan PPID
corrects each unit's list and approves it (c.3, c.1); approved items are published and the result
goes to the advisory team (c.3)."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ppid.accounts.permissions import can
from ppid.catalogue.models import CollectionRound, InformationItem, RoundEntry, UnitList
from ppid.catalogue.services.common import (
    ITEM_PROPOSED,
    ITEM_PUBLISHED,
    ITEM_REFRESHED,
    ITEM_UPDATE_PROPOSED,
    LIST_APPROVED,
    LIST_ARRANGED,
    LIST_CORRECTED,
    LIST_RETURNED,
    LIST_SENT,
    LIST_SUBMITTED,
    ROUND_CLOSED,
    ROUND_OPENED,
    CatalogueStateError,
    add_document,
    record,
    refresh_search_text,
    require,
)
from ppid.catalogue.services.items import EDITABLE, ItemData, check_item, item_data, new_item
from ppid.catalogue.workflow import (
    EntryKind,
    ItemStatus,
    ListStatus,
    RoundStatus,
    list_allowed_from,
    list_target_of,
)
from ppid.offices.models import Office


def round_open(*, office: Office, actor: Any, name: str, due_on: datetime.date) -> CollectionRound:
    """The PPID opens a round for the office; every active work unit gets its own list (seed d.2)."""
    require(actor, "collection:open", office)
    if not name.strip():
        raise ValidationError({"name": _("Name the round, e.g. “Semester II 2026”.")})
    if due_on < timezone.now().astimezone(office.zoneinfo).date():
        raise ValidationError({"due_on": _("The date for the units cannot be in the past.")})
    if CollectionRound.objects.filter(office=office, name=name.strip()).exists():
        raise ValidationError({"name": _("This office already has a round with that name.")})
    with transaction.atomic():
        collection = CollectionRound.objects.create(office=office, name=name.strip(), due_on=due_on, opened_by=actor)
        units = office.work_units.filter(is_active=True)
        UnitList.objects.bulk_create([UnitList(round=collection, work_unit=unit) for unit in units])
        record(
            collection,
            ROUND_OPENED,
            actor=actor,
            permission="collection:open",
            office=office,
            after={"name": collection.name, "due_on": due_on, "units": units.count()},
        )
    return collection


def _lock_list(unit_list: UnitList, action: str) -> UnitList:
    locked = (
        UnitList.objects.select_for_update().select_related("round", "round__office", "work_unit").get(pk=unit_list.pk)
    )
    if locked.round.status != RoundStatus.OPEN or locked.status not in list_allowed_from(action):
        raise CatalogueStateError(
            _("The list of %(unit)s is now “%(status)s”; this step is not possible any more. Reload the page.")
            % {"unit": locked.work_unit.name, "status": ListStatus(locked.status).label}
        )
    return locked


def unit_list_add_new(
    *, unit_list: UnitList, actor: Any, data: ItemData, note: str = "", upload: Any = None, url: str = ""
) -> RoundEntry:
    """The unit's liaison team proposes a new item, with its document (seed e.2)."""
    with transaction.atomic():
        locked = _lock_list(unit_list, "unit_list_add_entry")
        require(actor, "dip:submit", locked)
        if data.work_unit.pk != locked.work_unit_id:
            raise ValidationError({"work_unit": _("A unit proposes items of its own unit.")})
        check_item(locked.office, data)
        item = new_item(locked.office, data, actor=actor, status=ItemStatus.DRAFT)
        if upload is not None or url:
            add_document(item, actor=actor, upload=upload, url=url)
        entry = RoundEntry.objects.create(unit_list=locked, item=item, kind=EntryKind.NEW, note=note.strip())
        record(
            item,
            ITEM_PROPOSED,
            actor=actor,
            permission="dip:submit",
            office=locked.office,
            payload={"round": locked.round.name},
            note=note,
        )
    return entry


def unit_list_add_update(
    *,
    unit_list: UnitList,
    actor: Any,
    item: InformationItem,
    changes: dict[str, Any],
    note: str = "",
    upload: Any = None,
    url: str = "",
) -> RoundEntry:
    """The unit proposes an update of one of its published items: new values and/or a new document
    version. The item stays as published until the list is approved (Pasal 9: refreshed)."""
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValueError(f"Not editable: {sorted(unknown)}")
    with transaction.atomic():
        locked = _lock_list(unit_list, "unit_list_add_entry")
        require(actor, "dip:submit", locked)
        if item.work_unit_id != locked.work_unit_id or item.status != ItemStatus.PUBLISHED:
            raise ValidationError(_("A unit updates published items of its own unit."))
        proposed = {name: getattr(value, "pk", value) for name, value in changes.items()}
        preview = item_data(item)
        for name, value in changes.items():
            object.__setattr__(preview, name, value)
        check_item(locked.office, preview)
        if upload is not None or url:
            add_document(item, actor=actor, upload=upload, url=url)
        entry, _created = RoundEntry.objects.update_or_create(
            unit_list=locked, item=item, defaults={"kind": EntryKind.UPDATE, "proposed": proposed, "note": note.strip()}
        )
        record(
            item,
            ITEM_UPDATE_PROPOSED,
            actor=actor,
            permission="dip:submit",
            office=locked.office,
            after=proposed,
            payload={"round": locked.round.name},
            note=note,
        )
    return entry


def _transition(
    unit_list: UnitList, action: str, *, actor: Any, permission: str, event: str, note: str = ""
) -> UnitList:
    with transaction.atomic():
        locked = _lock_list(unit_list, action)
        require(actor, permission, locked)
        before = locked.status
        locked.status = list_target_of(action)
        stamp = {"unit_list_submit": "submitted_at", "unit_list_arrange": "arranged_at"}.get(action)
        fields = ["status", "note"]
        if stamp:
            setattr(locked, stamp, timezone.now())
            fields.append(stamp)
        locked.note = note.strip() or locked.note
        locked.save(update_fields=fields)
        record(
            locked,
            event,
            actor=actor,
            permission=permission,
            office=locked.office,
            before={"status": before},
            after={"status": locked.status},
            note=note,
        )
    return locked


def unit_list_submit(*, unit_list: UnitList, actor: Any, note: str = "") -> UnitList:
    """The liaison team hands its unit's list to the PPID (seed e.2); an empty list says “nothing new”."""
    return _transition(
        unit_list, "unit_list_submit", actor=actor, permission="dip:submit", event=LIST_SUBMITTED, note=note
    )


def unit_list_return(*, unit_list: UnitList, actor: Any, note: str) -> UnitList:
    """The PPID (or the Atasan) sends a list back to the unit with what to fix."""
    if not note.strip():
        raise ValidationError({"note": _("Say what the unit must fix.")})
    permission = "dip:arrange" if _may_arrange(actor, unit_list) else "dip:correct"
    return _transition(
        unit_list, "unit_list_return", actor=actor, permission=permission, event=LIST_RETURNED, note=note
    )


def _may_arrange(actor: Any, unit_list: UnitList) -> bool:
    return can(actor, "dip:arrange", unit_list.round.office)


def unit_list_arrange(*, unit_list: UnitList, actor: Any, note: str = "") -> UnitList:
    """The PPID has arranged and stored the unit's items (seed d.3): on to the Atasan PPID."""
    return _transition(
        unit_list, "unit_list_arrange", actor=actor, permission="dip:arrange", event=LIST_ARRANGED, note=note
    )


def unit_list_correct(*, entry: RoundEntry, actor: Any, changes: dict[str, Any], correction: str) -> RoundEntry:
    """The Atasan PPID corrects an entry of a unit's list, and says what and why (seed c.3)."""
    if not correction.strip():
        raise ValidationError({"correction": _("Say what was corrected and why.")})
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValueError(f"Not editable: {sorted(unknown)}")
    with transaction.atomic():
        locked = _lock_list(entry.unit_list, "unit_list_correct")
        require(actor, "dip:correct", locked.office)
        entry = RoundEntry.objects.select_for_update().select_related("item").get(pk=entry.pk)
        if entry.kind == EntryKind.NEW:
            for name, value in changes.items():
                setattr(entry.item, name, value.strip() if isinstance(value, str) else value)
            check_item(locked.office, item_data(entry.item))
            entry.item.save(update_fields=list(changes))
            refresh_search_text(entry.item)
        else:
            entry.proposed = {**entry.proposed, **{name: getattr(v, "pk", v) for name, v in changes.items()}}
        entry.correction = correction.strip()
        entry.save(update_fields=["proposed", "correction"])
        record(
            locked,
            LIST_CORRECTED,
            actor=actor,
            permission="dip:correct",
            office=locked.office,
            after={"item": entry.item.title, "fields": sorted(changes)},
            note=correction,
        )
    return entry


def _attname(name: str) -> str:
    """The column a proposed value goes to: foreign keys were stored by id (work_unit → work_unit_id)."""
    field = InformationItem._meta.get_field(name)
    return str(getattr(field, "attname", name))


def _apply_update(item: InformationItem, proposed: dict[str, Any]) -> None:
    for name, value in proposed.items():
        setattr(item, _attname(name), value)


def unit_list_approve(*, unit_list: UnitList, actor: Any) -> UnitList:
    """The Atasan PPID approves the unit's list (seed c.1): new items are published, updates applied,
    every item counts as refreshed today; the result goes to the advisory team (c.3). The round
    closes when its last list is approved."""
    with transaction.atomic():
        locked = _lock_list(unit_list, "unit_list_approve")
        require(actor, "dip:approve", locked.office)
        now = timezone.now()
        today = now.astimezone(locked.office.zoneinfo).date()
        for entry in locked.entries.select_related("item").order_by("id"):
            item = entry.item
            if entry.kind == EntryKind.NEW:
                item.status = ItemStatus.PUBLISHED
                item.published_at = now
                item.refreshed_on = today
                item.save(update_fields=["status", "published_at", "refreshed_on"])
                record(
                    item,
                    ITEM_PUBLISHED,
                    actor=actor,
                    permission="dip:approve",
                    office=locked.office,
                    after={"status": item.status},
                    payload={"round": locked.round.name},
                )
            else:
                _apply_update(item, entry.proposed)
                item.refreshed_on = today
                item.save(update_fields=[*entry.proposed, "refreshed_on"])
                record(
                    item,
                    ITEM_REFRESHED,
                    actor=actor,
                    permission="dip:approve",
                    office=locked.office,
                    after=entry.proposed,
                    payload={"round": locked.round.name},
                )
            # The versions the unit proposed with the entry become public with it.
            item.documents.filter(approved_at__isnull=True).update(approved_at=now)
            refresh_search_text(item)
        locked.status = list_target_of("unit_list_approve")
        locked.approved_at = now
        locked.sent_to_advisory_at = now
        locked.save(update_fields=["status", "approved_at", "sent_to_advisory_at"])
        record(
            locked,
            LIST_APPROVED,
            actor=actor,
            permission="dip:approve",
            office=locked.office,
            after={"status": locked.status, "entries": locked.entries.count()},
        )
        record(locked, LIST_SENT, actor=actor, permission="dip:send_to_advisory", office=locked.office)
        collection = locked.round
        if not collection.unit_lists.exclude(status=ListStatus.APPROVED).exists():
            collection.status = RoundStatus.CLOSED
            collection.closed_at = now
            collection.save(update_fields=["status", "closed_at"])
            record(collection, ROUND_CLOSED, actor=actor, permission="dip:approve", office=locked.office)
    return locked
