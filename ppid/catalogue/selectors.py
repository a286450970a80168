"""Reads of the DIP for the staff pages, the public pages and the exports (STYLE.md: selectors).

Staleness lives here once: a published item is stale when it was not refreshed within its
category's period (CategoryRule.refresh_months; berkala: at least every 6 months, Pasal 9 UU
14/2008 [verify ayat]). `stale_condition` says it in the database, `is_stale` for one item in
Python; both read the same rules and agree day for day.
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import BooleanField, Case, Count, Max, Q, QuerySet, Value, When
from django.db.models.expressions import Expression

from ppid.accounts.permissions import ROLE_PERMISSIONS, active_memberships, filter_visible, offices_where
from ppid.accounts.roles import Role
from ppid.catalogue.models import CategoryRule, CollectionRound, InformationItem, MandatoryItem, UnitList
from ppid.catalogue.workflow import Category, ItemStatus, ListStatus, OnDemandType, RoundStatus
from ppid.offices.models import Office, WorkUnit

RefreshRules = Mapping[str, int | None]

# --- staleness ---


def refresh_rules() -> dict[str, int | None]:
    """Category → months within which a published item must be refreshed (None: never stale). One query."""
    return dict(CategoryRule.objects.values_list("category", "refresh_months"))


def add_months(day: datetime.date, months: int) -> datetime.date:
    """`day` moved by whole months; the 31st becomes the last day of a shorter month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return datetime.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def stale_cutoff(today: datetime.date, months: int) -> datetime.date:
    """The last refresh date that is already too old today: refreshed on or before it means stale.

    Same rule as InformationItem.is_stale (whole months between the last refresh and today)."""
    return add_months(today, -months)


def stale_condition(today: datetime.date, rules: RefreshRules | None = None, *, prefix: str = "") -> Q:
    """Published items whose category has a refresh period and that were last refreshed on or before
    its cutoff (or never). `prefix` (e.g. "item") applies it to rows that point at an item."""
    rules = refresh_rules() if rules is None else rules
    p = f"{prefix}__" if prefix else ""
    parts = Q(**{f"{p}pk__in": []})
    for category, months in sorted(rules.items()):
        if months is None:
            continue
        cutoff = stale_cutoff(today, months)
        last_too_old = (
            Q(**{f"{p}refreshed_on__lte": cutoff})
            | Q(**{f"{p}refreshed_on__isnull": True, f"{p}published_at__date__lte": cutoff})
            | Q(**{f"{p}refreshed_on__isnull": True, f"{p}published_at__isnull": True})
        )
        parts |= Q(**{f"{p}category": category}) & last_too_old
    return Q(**{f"{p}status": ItemStatus.PUBLISHED}) & parts


def stale_flag(today: datetime.date, rules: RefreshRules | None = None) -> Expression:
    """`stale_condition` as a boolean column, for `.annotate(stale=stale_flag(today, rules))`."""
    return Case(
        When(stale_condition(today, rules), then=Value(True)), default=Value(False), output_field=BooleanField()
    )


def is_stale(item: InformationItem, today: datetime.date, rules: RefreshRules | None = None) -> bool:
    """One item, in Python: the twin of `stale_condition` (pass `rules` when checking many items)."""
    rules = refresh_rules() if rules is None else rules
    return item.is_stale(today, rules.get(item.category))


def office_today(office: Office) -> datetime.date:
    from django.utils import timezone

    return timezone.now().astimezone(office.zoneinfo).date()


# --- staff lists ---


@dataclass(frozen=True)
class ItemFilters:
    category: str = ""
    on_demand_type: str = ""
    work_unit: WorkUnit | None = None
    year: int | None = None
    status: str = ""
    stale: bool = False
    awaiting_review: bool = False


def dip_offices(user: Any) -> QuerySet[Office]:
    """Offices whose DIP the user may read (their own and, as monitoring, those below)."""
    return Office.objects.filter(offices_where(user, "dip:view")).order_by("path")


def office_items(
    user: Any, office: Office, *, filters: ItemFilters, today: datetime.date, rules: RefreshRules
) -> QuerySet[InformationItem]:
    """The office's items for staff (drafts and withdrawn ones too), with `stale` and `latest_version`."""
    items = filter_visible(user, "dip:view", InformationItem.objects.filter(office=office))
    if filters.category:
        items = items.filter(category=filters.category)
    if filters.on_demand_type:
        items = items.filter(on_demand_type=filters.on_demand_type)
    if filters.work_unit is not None:
        items = items.filter(work_unit=filters.work_unit)
    if filters.year is not None:
        items = items.filter(year=filters.year)
    if filters.status:
        items = items.filter(status=filters.status)
    if filters.stale:
        items = items.filter(stale_condition(today, rules))
    if filters.awaiting_review:
        items = items.filter(awaiting_review=True)
    return (
        items.select_related("work_unit", "mandatory_item")
        .annotate(stale=stale_flag(today, rules), latest_version=Max("documents__version"))
        .order_by("category", "title", "id")
    )


def visible_rounds(user: Any) -> QuerySet[CollectionRound]:
    """Collection rounds of the offices the user may read, with how many lists are at each step."""
    counts = {
        f"lists_{status}": Count("unit_lists", filter=Q(unit_lists__status=status)) for status in ListStatus.values
    }
    return (
        filter_visible(user, "dip:view", CollectionRound.objects.all())
        .select_related("office", "opened_by")
        .annotate(lists_total=Count("unit_lists"), **counts)
        .order_by("-opened_at", "-id")
    )


def round_lists(collection: CollectionRound) -> QuerySet[UnitList]:
    return (
        collection.unit_lists.select_related("work_unit")
        .annotate(
            new_entries=Count("entries", filter=Q(entries__kind="new")),
            update_entries=Count("entries", filter=Q(entries__kind="update")),
        )
        .order_by("work_unit__name")
    )


# --- the staff home's worklist ---


def _holds(user: Any, permission: str) -> list[Any]:
    return [m for m in active_memberships(user) if permission in ROLE_PERMISSIONS[Role(m.role)]]


def _office_ids(user: Any, permission: str) -> QuerySet[Office, Any]:
    return Office.objects.filter(offices_where(user, permission)).values("pk")


def waiting_lists_condition(user: Any) -> Q | None:
    """The unit lists waiting for this user's step, or None when no role of theirs takes one:
    the liaison team collects (open lists of its unit, e.2), the PPID arranges (submitted, d.3),
    the Atasan PPID corrects and approves (arranged, c.3 and c.1)."""
    parts: list[Q] = []
    for m in _holds(user, "dip:submit"):
        parts.append(
            Q(status=ListStatus.OPEN, round__status=RoundStatus.OPEN, round__office_id=m.office_id)
            & Q(work_unit_id=m.work_unit_id)
        )
    if _holds(user, "dip:arrange"):
        parts.append(Q(status=ListStatus.SUBMITTED, round__office__in=_office_ids(user, "dip:arrange")))
    if _holds(user, "dip:approve"):
        parts.append(Q(status=ListStatus.ARRANGED, round__office__in=_office_ids(user, "dip:approve")))
    if not parts:
        return None
    condition = parts[0]
    for part in parts[1:]:
        condition |= part
    return condition


def waiting_lists(user: Any) -> QuerySet[UnitList]:
    condition = waiting_lists_condition(user)
    if condition is None:
        return UnitList.objects.none()
    return (
        UnitList.objects.filter(condition)
        .select_related("round", "round__office", "work_unit")
        .order_by("round__due_on", "round__office__path", "work_unit__name", "id")
    )


def items_awaiting_review(user: Any) -> QuerySet[InformationItem]:
    """Serta-merta items published at once that this Atasan PPID still has to review."""
    return (
        InformationItem.objects.filter(awaiting_review=True, office__in=_office_ids(user, "dip:review"))
        .select_related("office")
        .order_by("published_at", "id")
    )


def has_dip_work(user: Any) -> bool:
    return any(_holds(user, permission) for permission in ("dip:submit", "dip:arrange", "dip:approve", "dip:review"))


# --- coverage ---

PRESENT, STALE, MISSING = "present", "stale", "missing"


@dataclass(frozen=True)
class CoverageLine:
    """One yardstick line: a Pasal 11 ayat (1) type or a mandatory item, and the published items for it."""

    key: str
    label: str
    citation: str
    published: int
    stale: int

    @property
    def status(self) -> str:
        if self.published == 0:
            return MISSING
        return STALE if self.stale == self.published else PRESENT


@dataclass(frozen=True)
class Coverage:
    office: Office
    today: datetime.date
    types: list[CoverageLine]
    mandatory: list[CoverageLine]

    def count(self, status: str) -> int:
        return sum(1 for line in (*self.types, *self.mandatory) if line.status == status)


def _counted(rows: Iterable[Mapping[str, Any]], key: str) -> dict[Any, tuple[int, int]]:
    return {row[key]: (row["published"], row["stale"]) for row in rows}


def coverage_for(office: Office, *, today: datetime.date, rules: RefreshRules | None = None) -> Coverage:
    """Which Pasal 11 ayat (1) types a-h and which mandatory items (MandatoryItem: Pasal 9 ayat (2),
    Perki 1/2021 Pasal 11) the office's published DIP has, has only stale, or lacks.

    Two aggregate queries over the office's items (grouped by type and by mandatory item), plus the
    rules and the mandatory list: never one query per item. Exempt items do not count: they are
    not public information."""
    rules = refresh_rules() if rules is None else rules
    public = InformationItem.objects.filter(office=office, status=ItemStatus.PUBLISHED).exclude(
        category=Category.DIKECUALIKAN
    )
    aggregates = {"published": Count("pk"), "stale": Count("pk", filter=stale_condition(today, rules))}
    by_type = _counted(
        public.exclude(on_demand_type="").values("on_demand_type").annotate(**aggregates).order_by(),
        "on_demand_type",
    )
    by_mandatory = _counted(
        public.filter(mandatory_item__isnull=False).values("mandatory_item").annotate(**aggregates).order_by(),
        "mandatory_item",
    )
    types = [
        CoverageLine(
            choice.value, str(choice.label), "Pasal 11 ayat (1) UU 14/2008", *by_type.get(choice.value, (0, 0))
        )
        for choice in OnDemandType
    ]
    mandatory = [
        CoverageLine(m.key, m.title, m.citation, *by_mandatory.get(m.pk, (0, 0)))
        for m in MandatoryItem.objects.filter(is_active=True).order_by("category", "pk")
    ]
    return Coverage(office=office, today=today, types=types, mandatory=mandatory)


def coverage_offices(user: Any) -> QuerySet[Office]:
    """Offices whose coverage the user may see: where they are PPID (arrange) or Atasan PPID (approve),
    and the offices below those (a parent office monitors, it does not act)."""
    roots = list(
        Office.objects.filter(offices_where(user, "dip:arrange") | offices_where(user, "dip:approve")).values_list(
            "pk", "path"
        )
    )
    condition = Q(pk__in=[pk for pk, _path in roots])
    for _pk, path in roots:
        condition |= Q(path__startswith=f"{path}/")
    return Office.objects.filter(condition).order_by("path")
