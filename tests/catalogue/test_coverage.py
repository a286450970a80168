"""The coverage check and the staleness rule: hand-built items, counted against what a person would
count (Pasal 11 ayat (1) a-h; the mandatory berkala items; 6-month refresh of berkala items,
Pasal 9 UU 14/2008 [verify ayat]), the database rule equal to the Python one, and the page's rights."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ppid.accounts.models import User
from ppid.accounts.roles import Role
from ppid.catalogue.models import CategoryRule, InformationItem, MandatoryItem
from ppid.catalogue.selectors import (
    MISSING,
    PRESENT,
    STALE,
    add_months,
    coverage_for,
    coverage_offices,
    is_stale,
    refresh_rules,
    stale_condition,
)
from ppid.catalogue.workflow import Category, ItemStatus
from ppid.offices.models import Office, WorkUnit
from tests.legal.test_objection_staff_views import logged_in
from tests.workdays.conftest import frozen_now

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 8, 31)
# Noon in Bandung on TODAY: the coverage page reads "today" in the office's own zone.
NOON = datetime.datetime(2026, 8, 31, 5, tzinfo=datetime.UTC)


def make(office: Office, unit: WorkUnit, *, refreshed: datetime.date | None, **fields: Any) -> InformationItem:
    """An item written straight to the table, as the services would have left it."""
    values: dict[str, Any] = {
        "title": "Item",
        "summary": "Ringkasan",
        "category": Category.BERKALA,
        "work_unit": unit,
        "responsible_official": "Sekretaris",
        "year": 2026,
        "status": ItemStatus.PUBLISHED,
        "refreshed_on": refreshed,
        "published_at": timezone.now() if refreshed else None,
    }
    values.update(fields)
    return InformationItem.objects.create(office=office, **values)


def mandatory(key: str) -> MandatoryItem:
    return MandatoryItem.objects.get(key=key)


@pytest.fixture
def hand_built(office: Office, unit: WorkUnit, office_jateng: Office) -> None:
    """profil: fresh (2 months); kinerja: stale only (exactly 6 months); laporan-keuangan: one stale, one
    fresh; program-kegiatan: a draft only; pengadaan: withdrawn only; peringatan-dini: closed (DIK).
    Types: a fresh, g published (setiap saat has no refresh period), b draft only, h in another office."""
    fresh, six_months, older = datetime.date(2026, 6, 30), datetime.date(2026, 2, 28), datetime.date(2025, 1, 1)
    make(office, unit, refreshed=fresh, mandatory_item=mandatory("profil"))
    make(office, unit, refreshed=six_months, mandatory_item=mandatory("kinerja"))
    make(office, unit, refreshed=older, mandatory_item=mandatory("laporan-keuangan"))
    make(office, unit, refreshed=fresh, mandatory_item=mandatory("laporan-keuangan"))
    make(office, unit, refreshed=None, status=ItemStatus.DRAFT, mandatory_item=mandatory("program-kegiatan"))
    make(office, unit, refreshed=fresh, status=ItemStatus.WITHDRAWN, mandatory_item=mandatory("pengadaan"))
    make(office, unit, refreshed=fresh, category=Category.DIKECUALIKAN, mandatory_item=mandatory("peringatan-dini"))
    make(office, unit, refreshed=fresh, category=Category.SETIAP_SAAT, on_demand_type="a")
    make(office, unit, refreshed=older, category=Category.SETIAP_SAAT, on_demand_type="g")
    make(office, unit, refreshed=None, status=ItemStatus.DRAFT, category=Category.SETIAP_SAAT, on_demand_type="b")
    jateng_unit = office_jateng.work_units.first()
    assert jateng_unit is not None
    make(office_jateng, jateng_unit, refreshed=fresh, category=Category.SETIAP_SAAT, on_demand_type="h")
    make(office_jateng, jateng_unit, refreshed=fresh, mandatory_item=mandatory("kinerja"))


def statuses(lines: list[Any]) -> dict[str, tuple[str, int, int]]:
    return {line.key: (line.status, line.published, line.stale) for line in lines}


def test_coverage_counts_present_stale_and_missing(office: Office, hand_built: None) -> None:
    result = coverage_for(office, today=TODAY)
    types = statuses(result.types)
    assert types["a"] == (PRESENT, 1, 0)
    assert types["g"] == (PRESENT, 1, 0)  # setiap saat items have no refresh period
    assert types["b"] == (MISSING, 0, 0)  # a draft is not in the DIP yet
    assert types["h"] == (MISSING, 0, 0)  # Jawa Tengah's item does not count for Bandung
    assert [key for key, (status, *_n) in types.items() if status == MISSING] == ["b", "c", "d", "e", "f", "h"]
    items = statuses(result.mandatory)
    assert items["profil"] == (PRESENT, 1, 0)
    assert items["kinerja"] == (STALE, 1, 1)  # 28 Feb → 31 Aug is six whole months
    assert items["laporan-keuangan"] == (PRESENT, 2, 1)
    assert items["program-kegiatan"] == (MISSING, 0, 0)
    assert items["pengadaan"] == (MISSING, 0, 0)
    assert items["peringatan-dini"] == (MISSING, 0, 0)  # closed information is not public
    assert (result.count(PRESENT), result.count(STALE), result.count(MISSING)) == (4, 1, 13)


def test_a_day_earlier_the_six_months_are_not_yet_over(office: Office, hand_built: None) -> None:
    items = statuses(coverage_for(office, today=datetime.date(2026, 8, 27)).mandatory)
    assert items["kinerja"] == (PRESENT, 1, 0)


def test_a_refresh_period_for_setiap_saat_makes_its_old_items_stale(office: Office, hand_built: None) -> None:
    CategoryRule.objects.filter(category=Category.SETIAP_SAAT).update(refresh_months=12)
    types = statuses(coverage_for(office, today=TODAY).types)
    assert types["g"] == (STALE, 1, 1) and types["a"] == (PRESENT, 1, 0)


def test_coverage_is_a_few_queries_whatever_the_number_of_items(office: Office, unit: WorkUnit) -> None:
    make(office, unit, refreshed=TODAY, mandatory_item=mandatory("profil"))
    with CaptureQueriesContext(connection) as few:
        coverage_for(office, today=TODAY)
    for n in range(15):
        make(office, unit, refreshed=TODAY, category=Category.SETIAP_SAAT, on_demand_type="abcdefgh"[n % 8])
    with CaptureQueriesContext(connection) as many:
        coverage_for(office, today=TODAY)
    assert len(few) == len(many) <= 4


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (datetime.date(2026, 8, 31), -6, datetime.date(2026, 2, 28)),
        (datetime.date(2028, 8, 31), -6, datetime.date(2028, 2, 29)),
        (datetime.date(2026, 3, 15), -6, datetime.date(2025, 9, 15)),
        (datetime.date(2026, 1, 31), 1, datetime.date(2026, 2, 28)),
        (datetime.date(2026, 12, 1), 1, datetime.date(2027, 1, 1)),
    ],
)
def test_add_months_keeps_the_day_or_takes_the_months_last(
    day: datetime.date, months: int, expected: datetime.date
) -> None:
    assert add_months(day, months) == expected


@pytest.mark.parametrize("today", [datetime.date(2026, 8, 31), datetime.date(2026, 3, 1), datetime.date(2028, 2, 29)])
def test_the_database_rule_agrees_with_the_python_rule_day_for_day(
    office: Office, unit: WorkUnit, today: datetime.date
) -> None:
    start = today - datetime.timedelta(days=200)
    for offset in range(200):  # every day around the cutoff
        make(office, unit, refreshed=start + datetime.timedelta(days=offset))
    make(office, unit, refreshed=None)  # published without a date: stale
    rules = refresh_rules()
    in_database = set(InformationItem.objects.filter(stale_condition(today, rules)).values_list("pk", flat=True))
    in_python = {item.pk for item in InformationItem.objects.all() if is_stale(item, today, rules)}
    assert in_database == in_python
    assert 0 < len(in_database) < InformationItem.objects.count()


# --- the page ---


def coverage_page(user: User, **params: Any) -> Any:
    return logged_in(user).get("/staf/dip/cakupan/", params)


def test_the_ppid_and_the_atasan_see_their_offices_coverage(
    office: Office, hand_built: None, ppid_officer: User, atasan: User
) -> None:
    with frozen_now(NOON):
        for user in (ppid_officer, atasan):
            response = coverage_page(user)
            body = response.content.decode()
            assert response.status_code == 200 and office.name in body
            assert 'data-key="kinerja" data-status="stale"' in body
            assert 'data-key="profil" data-status="present"' in body
            assert 'data-key="b" data-status="missing"' in body


@pytest.mark.parametrize("role", [Role.TIM_PENGHUBUNG, Role.DESK, Role.TIM_PERTIMBANGAN])
def test_other_roles_do_not_get_the_coverage_page(
    office: Office, staff: Callable[..., User], unit: WorkUnit, role: str
) -> None:
    user = staff(role, office, **({"work_unit": unit} if role == Role.TIM_PENGHUBUNG else {}))
    assert coverage_page(user).status_code == 403


def test_a_parent_office_picks_a_child_and_a_stranger_cannot(
    office: Office,
    office_jabar: Office,
    office_jateng: Office,
    staff: Callable[..., User],
    hand_built: None,
) -> None:
    parent = staff(Role.ATASAN, office_jabar)
    assert office in coverage_offices(parent) and office_jateng not in coverage_offices(parent)
    with frozen_now(NOON):
        body = coverage_page(parent, kantor=office.pk).content.decode()
        assert 'data-key="kinerja" data-status="stale"' in body and office.name in body
        stranger = coverage_page(staff(Role.PPID, office_jateng), kantor=office.pk).content.decode()
    assert office_jateng.name in stranger and 'data-key="h" data-status="present"' in stranger
    assert 'data-key="kinerja" data-status="present"' in stranger  # Jawa Tengah's own, not Bandung's


def test_the_page_costs_the_same_queries_for_more_items(office: Office, unit: WorkUnit, ppid_officer: User) -> None:
    client = logged_in(ppid_officer)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/staf/dip/cakupan/").status_code == 200
        return len(queries)

    make(office, unit, refreshed=TODAY, mandatory_item=mandatory("profil"))
    few = count()
    for key in ("kinerja", "pengadaan", "pengaduan", "profil"):
        make(office, unit, refreshed=TODAY, mandatory_item=mandatory(key))
    assert count() == few


def test_without_any_refresh_period_nothing_is_stale(office: Office, unit: WorkUnit) -> None:
    CategoryRule.objects.update(refresh_months=None)
    make(office, unit, refreshed=datetime.date(2020, 1, 1), mandatory_item=mandatory("profil"))
    assert statuses(coverage_for(office, today=TODAY).mandatory)["profil"] == (PRESENT, 1, 0)
    assert not InformationItem.objects.filter(stale_condition(TODAY)).exists()
