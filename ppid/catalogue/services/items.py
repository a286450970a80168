"""DIP items outside the collection rounds: the PPID's own corrections, serta-merta information
published at once, withdrawal, documents, the exemption that closes an item, and the import of
an office's existing list (UU 14/2008 Pasal 9-11; seed d.3)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ppid.accounts.permissions import can
from ppid.catalogue.models import InformationItem, ItemDocument, MandatoryItem
from ppid.catalogue.services.common import (
    ITEM_CHANGED,
    ITEM_CLOSED,
    ITEM_DOCUMENT,
    ITEM_PUBLISHED_AT_ONCE,
    ITEM_REOPENED,
    ITEM_REVIEWED,
    ITEM_WITHDRAWN,
    ITEMS_IMPORTED,
    CatalogueStateError,
    add_document,
    record,
    refresh_search_text,
    require,
)
from ppid.catalogue.workflow import Category, ItemStatus, OnDemandType
from ppid.events.services import snapshot
from ppid.offices.models import Office, WorkUnit

# The fields of an item a person writes (the rest are kept by the services).
EDITABLE = (
    "title",
    "summary",
    "category",
    "on_demand_type",
    "mandatory_item",
    "work_unit",
    "responsible_official",
    "made_when",
    "made_where",
    "format",
    "retention_period",
    "year",
    "tags",
)


@dataclass(frozen=True)
class ItemData:
    title: str
    summary: str
    category: str
    work_unit: WorkUnit
    responsible_official: str
    year: int
    on_demand_type: str = ""
    mandatory_item: MandatoryItem | None = None
    made_when: str = ""
    made_where: str = ""
    format: str = ""
    retention_period: str = ""
    tags: str = ""


def check_item(office: Office, data: ItemData, *, closed: bool = False) -> None:
    """What every item needs (RULES.md §3): a category, and for setiap-saat its Pasal 11(1) type.

    A `closed` item (an exemption closed it) keeps its category; only a new decision reopens it."""
    errors: dict[str, str] = {}
    if not data.title.strip():
        errors["title"] = _("Give the item a title.")
    if not data.summary.strip():
        errors["summary"] = _("Summarise what the information is.")
    if data.category not in Category.values:
        errors["category"] = _("Choose the category.")
    elif closed and data.category != Category.DIKECUALIKAN:
        errors["category"] = _("Information closed by a Keputusan KPU opens again only through a new decision.")
    elif not closed and data.category == Category.DIKECUALIKAN:
        errors["category"] = _("Information becomes exempt only through a consequence test and a Keputusan KPU.")
    if data.category == Category.SETIAP_SAAT and data.on_demand_type not in OnDemandType.values:
        errors["on_demand_type"] = _("Say which type of Pasal 11 ayat (1) it is (a-h).")
    if data.category != Category.SETIAP_SAAT and data.on_demand_type:
        errors["on_demand_type"] = _("Only information available at any time has a Pasal 11 ayat (1) type.")
    if data.work_unit.office_id != office.pk:
        errors["work_unit"] = _("Choose a work unit of this office.")
    if not data.responsible_official.strip():
        errors["responsible_official"] = _("Name the official responsible for the information.")
    if not 1945 <= data.year <= timezone.now().year + 1:
        errors["year"] = _("Give the year the information concerns.")
    for name in EDITABLE:
        limit = getattr(InformationItem._meta.get_field(name), "max_length", None)
        value = getattr(data, name)
        if limit and isinstance(value, str) and len(value.strip()) > limit and name not in errors:
            errors[name] = _("At most %(limit)s characters.") % {"limit": limit}
    if errors:
        raise ValidationError(errors)


def new_item(office: Office, data: ItemData, *, actor: Any, status: ItemStatus) -> InformationItem:
    values = asdict(data)
    values["work_unit"] = data.work_unit
    values["mandatory_item"] = data.mandatory_item
    values = {key: (value.strip() if isinstance(value, str) else value) for key, value in values.items()}
    item = InformationItem.objects.create(office=office, status=status, created_by=actor, **values)
    refresh_search_text(item)
    return item


def item_publish_immediately(
    *, office: Office, actor: Any, data: ItemData, upload: Any = None, url: str = ""
) -> InformationItem:
    """Serta-merta information (a threat to lives or public order) is announced at once, never
    delayed (Pasal 10 UU 14/2008; Perki 1/2021 Pasal 25), and reviewed by the Atasan PPID after."""
    if data.category != Category.SERTA_MERTA:
        raise ValidationError({"category": _("Only serta-merta information is published at once.")})
    check_item(office, data)
    require(actor, "dip:publish_immediately", office)
    with transaction.atomic():
        item = new_item(office, data, actor=actor, status=ItemStatus.PUBLISHED)
        now = timezone.now()
        item.published_at = now
        item.refreshed_on = now.astimezone(office.zoneinfo).date()
        item.awaiting_review = True
        item.save(update_fields=["published_at", "refreshed_on", "awaiting_review"])
        if upload is not None or url:
            add_document(item, actor=actor, upload=upload, url=url, approved=True)
        record(
            item,
            ITEM_PUBLISHED_AT_ONCE,
            actor=actor,
            permission="dip:publish_immediately",
            office=office,
            after={"status": item.status, "category": item.category},
        )
    return item


def item_review(*, item: InformationItem, actor: Any, note: str = "") -> InformationItem:
    """The Atasan PPID reviews serta-merta information published at once."""
    require(actor, "dip:review", item.office)
    with transaction.atomic():
        locked = InformationItem.objects.select_for_update().select_related("office").get(pk=item.pk)
        if not locked.awaiting_review:
            raise CatalogueStateError(_("This item is not waiting for a review."))
        locked.awaiting_review = False
        locked.save(update_fields=["awaiting_review"])
        record(locked, ITEM_REVIEWED, actor=actor, permission="dip:review", office=locked.office, note=note)
    return locked


def item_update(*, item: InformationItem, actor: Any, changes: dict[str, Any], note: str = "") -> InformationItem:
    """The PPID arranges the office's items (seed d.3): corrections, categories, types."""
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValueError(f"Not editable: {sorted(unknown)}")
    require(actor, "dip:arrange", item.office)
    with transaction.atomic():
        locked = InformationItem.objects.select_for_update().select_related("office", "work_unit").get(pk=item.pk)
        if locked.status == ItemStatus.WITHDRAWN:
            raise CatalogueStateError(_("A withdrawn item cannot be changed."))
        before = snapshot(locked, list(changes))
        for name, value in changes.items():
            setattr(locked, name, value.strip() if isinstance(value, str) else value)
        check_item(locked.office, item_data(locked), closed=locked.exemption_id is not None)
        locked.save(update_fields=list(changes))
        refresh_search_text(locked)
        record(
            locked,
            ITEM_CHANGED,
            actor=actor,
            permission="dip:arrange",
            office=locked.office,
            before=before,
            after=snapshot(locked, list(changes)),
            note=note,
        )
    return locked


def item_data(item: InformationItem) -> ItemData:
    return ItemData(**{name: getattr(item, name) for name in EDITABLE})


def item_withdraw(*, item: InformationItem, actor: Any, reason: str) -> InformationItem:
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the item is withdrawn.")})
    require(actor, "dip:arrange", item.office)
    with transaction.atomic():
        locked = InformationItem.objects.select_for_update().select_related("office").get(pk=item.pk)
        if locked.status == ItemStatus.WITHDRAWN:
            raise CatalogueStateError(_("This item was already withdrawn."))
        before = locked.status
        locked.status = ItemStatus.WITHDRAWN
        locked.save(update_fields=["status"])
        record(
            locked,
            ITEM_WITHDRAWN,
            actor=actor,
            permission="dip:arrange",
            office=locked.office,
            before={"status": before},
            after={"status": locked.status},
            note=reason,
        )
    return locked


def item_add_document(
    *, item: InformationItem, actor: Any, upload: Any = None, url: str = "", title: str = ""
) -> ItemDocument:
    """A new document version: by the unit's liaison team while the item is a draft (e.2), or by the PPID (d.3)."""
    if item.status == ItemStatus.WITHDRAWN:
        raise CatalogueStateError(_("A withdrawn item takes no new documents."))
    permission = "dip:submit" if item.status == ItemStatus.DRAFT and can(actor, "dip:submit", item) else "dip:arrange"
    require(actor, permission, item)
    with transaction.atomic():
        locked = InformationItem.objects.select_for_update().select_related("office").get(pk=item.pk)
        published = locked.status == ItemStatus.PUBLISHED
        document = add_document(locked, actor=actor, upload=upload, url=url, title=title, approved=published)
        record(
            locked,
            ITEM_DOCUMENT,
            actor=actor,
            permission=permission,
            office=locked.office,
            after={"version": document.version},
            payload={"sha256": document.sha256},
        )
    return document


def item_close_by_exemption(*, item: InformationItem, exemption: Any, actor: Any) -> InformationItem:
    """A Keputusan KPU that closes information moves its item to the DIK list (Pasal 17; PKPU 22/2023 Pasal 26).

    Called inside the decision's transaction by ppid.exemptions.services; the decision's own
    permission was checked there."""
    locked = InformationItem.objects.select_for_update().select_related("office").get(pk=item.pk)
    before = {"category": locked.category, "on_demand_type": locked.on_demand_type}
    locked.category = Category.DIKECUALIKAN
    locked.on_demand_type = ""
    locked.exemption = exemption
    locked.save(update_fields=["category", "on_demand_type", "exemption"])
    record(
        locked,
        ITEM_CLOSED,
        actor=actor,
        permission="exemption:record_decision",
        office=locked.office,
        before=before,
        after={"category": locked.category},
        payload={"decision": exemption.decision_number},
    )
    return locked


def item_reopen_after_review(*, item: InformationItem, actor: Any, decision_number: str) -> InformationItem:
    """A review that concludes terbuka opens the item again, in the category it had before it was
    closed (as the closing event recorded it). Called inside the decision's transaction."""
    from ppid.events.models import Event

    locked = InformationItem.objects.select_for_update().select_related("office").get(pk=item.pk)
    closed = Event.objects.for_object(locked).filter(event_type=ITEM_CLOSED).order_by("-created_at", "-id").first()
    before = (closed.before if closed is not None else None) or {}
    locked.category = before.get("category") or Category.SETIAP_SAAT
    locked.on_demand_type = before.get("on_demand_type") or ""
    if locked.category == Category.SETIAP_SAAT and not locked.on_demand_type:
        locked.category = Category.BERKALA  # a type must be chosen again by the PPID to list it as setiap saat
    locked.exemption = None
    locked.save(update_fields=["category", "on_demand_type", "exemption"])
    record(
        locked,
        ITEM_REOPENED,
        actor=actor,
        permission="exemption:record_decision",
        office=locked.office,
        before={"category": Category.DIKECUALIKAN},
        after={"category": locked.category},
        payload={"decision": decision_number},
    )
    return locked


def items_import(*, office: Office, actor: Any, rows: list[ItemData], source_name: str) -> list[InformationItem]:
    """The office's existing DIP from a spreadsheet, all or nothing: every row is checked first
    (the caller shows the report), then all are published in one transaction (seed d.3)."""
    require(actor, "dip:arrange", office)
    problems: list[tuple[int, dict[str, list[str]]]] = []
    listed = set(office.dip_items.exclude(status=ItemStatus.WITHDRAWN).values_list("title", "year", "work_unit_id"))
    for number, data in enumerate(rows, start=2):  # row 1 is the header
        try:
            check_item(office, data)
        except ValidationError as error:
            problems.append((number, error.message_dict))
            continue
        key = (data.title.strip(), data.year, data.work_unit.pk)
        if key in listed:
            problems.append((number, {"title": [_("This item is already in the DIP (same title, year and unit).")]}))
        listed.add(key)
    if problems:
        raise ImportRejected(problems)
    now = timezone.now()
    today = now.astimezone(office.zoneinfo).date()
    with transaction.atomic():
        created = [new_item(office, data, actor=actor, status=ItemStatus.PUBLISHED) for data in rows]
        InformationItem.objects.filter(pk__in=[item.pk for item in created]).update(
            published_at=now, refreshed_on=today
        )
        record(
            office,
            ITEMS_IMPORTED,
            actor=actor,
            permission="dip:arrange",
            office=office,
            payload={"rows": len(created), "source": source_name},
        )
    return created


class ImportRejected(ValidationError):
    """Rows that failed the checks, as (spreadsheet row, {field: messages}); nothing was imported."""

    def __init__(self, problems: list[tuple[int, dict[str, list[str]]]]) -> None:
        self.problems = problems
        super().__init__(_("%(count)s rows have problems; nothing was imported.") % {"count": len(problems)})
