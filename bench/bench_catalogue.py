"""Public DIP search at national volume: milliseconds per search (median and p95) through
ppid.catalogue.search, the code the public /dip/ page calls, and queries and milliseconds per page
for /dip/?q=… through the test client.

The volume is PPID_BENCH_ITEMS items in all (default 50,000 for SQLite; PPID_BENCH_ITEMS=200000 for
the national figure on PostgreSQL), topped up with `demo_bulk.bulk_fill_items` (no events for those
rows). Runs against the database bench/run.py prepared, or on its own: `python bench/bench_catalogue.py`
(same set-up as bench/run.py, this module only).
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext

TARGET = int(os.environ.get("PPID_BENCH_ITEMS", "50000"))
SECONDS = 2.0  # per query, after one warm-up run
MAX_RUNS = 50
PER_PAGE = 25
# (figure name, query): a word most items hold, a word about one item in a thousand holds, two
# words, and words no item holds.
SEARCHES = [
    ("common_word", "pemilih"),
    ("rare_word", "erupsi"),
    ("two_words", "laporan keuangan"),
    ("no_match", "kapal selam"),
]
# (figure name, URL) of the public page; page 40 of a common word sorts every match by rank.
PAGES = [
    ("dip_nationwide", "/dip/"),
    *((f"dip_search_{name}", f"/dip/?{urlencode({'q': q})}") for name, q in SEARCHES),
    ("dip_search_common_word_page40", f"/dip/?{urlencode({'q': 'pemilih', 'page': 40})}"),
]

Figures = list[tuple[str, str]]


def fill_to_target() -> Figures:
    from ppid.catalogue.demo_bulk import bulk_fill_items, bulk_items
    from ppid.catalogue.models import InformationItem

    hand_made = InformationItem.objects.count() - bulk_items().count()
    figures: Figures = []
    started = time.perf_counter()
    added = bulk_fill_items(max(TARGET - hand_made, 0), write=lambda _line: None)
    if added:
        elapsed = time.perf_counter() - started
        figures += [("bulk_fill.items", str(added)), ("bulk_fill.items_per_second", f"{added / elapsed:.0f}")]
    if connection.vendor == "postgresql":
        started = time.perf_counter()
        with connection.cursor() as cursor:
            # As autovacuum would in production: the GIN index's pending list merged, and statistics for
            # every table (without those of the offices, the planner ran the index scan once per office).
            cursor.execute("VACUUM ANALYZE catalogue_informationitem")
            cursor.execute("VACUUM ANALYZE catalogue_itemdocument")
            cursor.execute("ANALYZE")
        figures.append(("vacuum_analyze.seconds", f"{time.perf_counter() - started:.1f}"))
    return [*figures, ("items.total", str(InformationItem.objects.count()))]


def _stats(name: str, samples: list[float]) -> Figures:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return [(f"{name}.ms_median", f"{statistics.median(ordered):.1f}"), (f"{name}.ms_p95", f"{p95:.1f}")]


def _repeat(action: Any) -> list[float]:
    """ms per run of `action`, after a warm-up run, for at most SECONDS or MAX_RUNS runs."""
    action()
    samples: list[float] = []
    deadline = time.perf_counter() + SECONDS
    while len(samples) < MAX_RUNS and (not samples or time.perf_counter() < deadline):
        started = time.perf_counter()
        action()
        samples.append(1000 * (time.perf_counter() - started))
    return samples


def bench_search(name: str, q: str) -> Figures:
    """What the page asks the database for a search: how many match, and the first page by relevance."""
    from ppid.catalogue.search import ItemFilters, items_filter, public_items

    def matches() -> Any:
        return items_filter(public_items().defer("search_text", "summary"), ItemFilters(q=q))

    count = matches().count()
    figures: Figures = [(f"search.{name}.matches", str(count))]
    figures += _stats(f"search.{name}.count", _repeat(lambda: matches().count()))
    figures += _stats(f"search.{name}.first_page", _repeat(lambda: list(matches()[:PER_PAGE])))
    figures += _stats(f"search.{name}.count_and_page", _repeat(lambda: (matches().count(), list(matches()[:PER_PAGE]))))
    return figures


def uses_search_index() -> Figures:
    """PostgreSQL only: does the plan of a search read a GIN index of the items table?"""
    if connection.vendor != "postgresql":
        return []
    from ppid.catalogue.search import ItemFilters, items_filter, public_items

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'catalogue_informationitem' AND indexdef ILIKE '%USING gin%'"
        )
        gin = [row[0] for row in cursor.fetchall()]
    plan = items_filter(public_items(), ItemFilters(q="erupsi")).explain()
    used = [name for name in gin if name in plan]
    return [("search.plan_uses_gin_index", ", ".join(used) if used else f"NO ({plan.splitlines()[0]})")]


def measure_page(client: Client, name: str, url: str) -> Figures:
    first = client.get(url)  # warm caches before counting
    if first.status_code != 200:
        return [(f"{name}.status", f"{first.status_code} (not measured)")]
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    query_count = len(queries)

    def get() -> None:
        response: Any = client.get(url)
        assert response.status_code == 200, (url, response.status_code)

    return [(f"{name}.queries_per_page", str(query_count)), *_stats(name, _repeat(get))]


def run() -> Figures:
    figures = fill_to_target()
    figures += uses_search_index()
    for name, q in SEARCHES:
        figures += bench_search(name, q)
    client = Client()  # the public page: no login
    for name, url in PAGES:
        figures += measure_page(client, name, url)
    return figures


def main() -> int:
    """This module alone, on the database bench/run.py would prepare (DATABASE_URL or a temporary SQLite)."""
    import tempfile

    bench_dir = Path(__file__).resolve().parent
    sys.path[:0] = [str(bench_dir.parent), str(bench_dir)]
    os.chdir(bench_dir.parent)
    import run as runner  # bench/run.py

    with tempfile.TemporaryDirectory(prefix="ppid-bench-") as tmp:
        runner.setup_django(Path(tmp))
        from django.conf import settings

        database = settings.DATABASES["default"]
        print(f"# database: {database['ENGINE'].rsplit('.', 1)[-1]} {database['NAME']}", flush=True)
        runner.prepare_database()
        started = time.perf_counter()
        for figure_name, figure in run():
            print(f"{figure_name}: {figure}", flush=True)
        print(f"# bench_catalogue took {time.perf_counter() - started:.1f}s", flush=True)
        connection.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
