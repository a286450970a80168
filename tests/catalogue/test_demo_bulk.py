"""National DIP volumes for benchmarks: published items over every office, searchable, bulk-inserted
in batches (the queries do not grow with the rows), and only the missing rows added on a rerun."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ppid.catalogue.demo_bulk import DEMO_CODES, RARE_SENTENCE, bulk_fill_items, bulk_items
from ppid.catalogue.models import InformationItem, ItemDocument
from ppid.catalogue.workflow import Category, ItemStatus, OnDemandType
from ppid.events.models import Event
from ppid.offices.models import Office

pytestmark = pytest.mark.django_db


def quiet(_line: str) -> None:
    pass


def test_it_makes_published_searchable_items_over_every_office() -> None:
    assert bulk_fill_items(2000, write=quiet) == 2000

    items = InformationItem.objects.all()
    assert items.count() == bulk_items().count() == 2000
    assert not items.exclude(status=ItemStatus.PUBLISHED).exists()
    assert items.values("office").distinct().count() == Office.objects.filter(is_active=True).count()
    assert not items.filter(search_text="").exists()
    assert set(items.values_list("category", flat=True)) == {
        Category.BERKALA,
        Category.SETIAP_SAAT,
        Category.SERTA_MERTA,
    }
    assert set(items.exclude(on_demand_type="").values_list("on_demand_type", flat=True)) == set(OnDemandType)
    assert not items.filter(category=Category.SETIAP_SAAT, on_demand_type="").exists()
    assert items.values("year").distinct().count() >= 4
    assert not items.filter(published_at__gt=timezone.now()).exists()
    assert Event.objects.count() == 0  # said in the output: no events for bulk rows


def test_items_and_their_documents_agree_with_what_the_services_would_write() -> None:
    bulk_fill_items(1000, write=quiet)

    for item in InformationItem.objects.select_related("work_unit").prefetch_related("documents")[:300]:
        assert item.work_unit.office_id == item.office_id
        assert item.search_text.startswith(f"{item.title}\n{item.summary}\n{item.tags}")
        documents = list(item.documents.all())
        if documents:
            assert item.search_text.endswith(documents[0].text)
        assert item.refreshed_on is not None and item.published_at is not None
        assert item.refreshed_on >= item.published_at.astimezone(item.office.zoneinfo).date()
    assert not ItemDocument.objects.filter(approved_at__isnull=True).exists()  # public with their items
    document = ItemDocument.objects.first()
    assert document is not None
    with document.file.open("rb") as handle:
        assert handle.read().startswith(b"%PDF-")
    rare = InformationItem.objects.filter(search_text__icontains="erupsi")
    assert rare.count() < 20 and all(RARE_SENTENCE in item.summary for item in rare)


def test_bulk_items_never_fill_the_coverage_of_the_hand_made_demo_offices() -> None:
    bulk_fill_items(2000, write=quiet)

    demo = bulk_items().filter(office__code__in=DEMO_CODES)
    assert demo.exists()
    assert not demo.filter(mandatory_item__isnull=False).exists()
    assert bulk_items().filter(mandatory_item__isnull=False).exists()


def test_a_second_run_adds_only_what_is_missing() -> None:
    bulk_fill_items(600, write=quiet)
    lines: list[str] = []

    assert bulk_fill_items(600, write=lines.append) == 0
    assert bulk_fill_items(900, write=quiet) == 300
    assert bulk_items().count() == 900
    assert "none added" in lines[0]


def test_the_queries_do_not_grow_with_the_number_of_items() -> None:
    def run(total: int) -> tuple[int, int, int]:
        with CaptureQueriesContext(connection) as captured:
            bulk_fill_items(total, batch_size=1000, write=quiet)
        sql = [query["sql"] for query in captured.captured_queries]
        inserts = sum(1 for text in sql if text.startswith("INSERT"))
        # PostgreSQL stores each batch's search vectors with one UPDATE (refresh_search_vectors).
        updates = sum(1 for text in sql if text.startswith("UPDATE"))
        return len(sql) - inserts - updates, inserts, updates

    small_other, _small_inserts, small_updates = run(300)  # 300 items: one batch
    large_other, large_inserts, large_updates = run(300 + 2000)  # 2,000 more items: two batches
    assert large_updates == small_updates * 2 == (2 if connection.vendor == "postgresql" else 0)

    # Besides a fixed handful of reads, each batch costs one transaction (a savepoint and its release
    # inside the test's transaction) and its INSERTs, which Django splits by the database's parameter
    # limit (on SQLite some 45 rows each; on PostgreSQL one statement per batch).
    assert large_other == small_other + 2
    assert large_inserts <= 2000 / 20
