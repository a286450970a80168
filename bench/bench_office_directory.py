"""Office directory, offices API and staff home: SQL queries per request and requests per second.

Uses Django's test client in-process (no network), against the database bench/run.py prepared.
Each page is timed for at most SECONDS (and MAX_REQUESTS), so the module stays within seconds.
"""

from __future__ import annotations

import time

from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext

SECONDS = 1.5
MAX_REQUESTS = 2000
STAFF_USERNAME = "ppid.jabar"  # a seed_demo account: PPID at KPU Provinsi Jawa Barat

PUBLIC_PAGES = [
    ("office_directory", "/kantor/"),
    ("office_directory_kabkota_jabar", "/kantor/?level=kabkota&province=32"),
    ("office_directory_page10", "/kantor/?page=10"),
    ("office_directory_htmx_search", "/kantor/?q=Bandung"),
    ("api_offices", "/api/v1/offices/"),
]


def _get(client: Client, url: str, **headers: str) -> None:
    response = client.get(url, headers=headers)
    if response.status_code != 200:
        raise AssertionError(f"GET {url} answered {response.status_code}, not 200")


def measure(client: Client, name: str, url: str, **headers: str) -> list[tuple[str, str]]:
    _get(client, url, **headers)  # warm caches (templates, URL resolver) before counting
    # Each request starts by emptying the query log, so the capture must start from an empty one.
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        _get(client, url, **headers)
    # Count now: the captured list is a slice of the live query log, which later requests empty.
    query_count = len(queries)
    count = 0
    started = time.perf_counter()
    deadline = started + SECONDS
    while count < MAX_REQUESTS and time.perf_counter() < deadline:
        _get(client, url, **headers)
        count += 1
    elapsed = time.perf_counter() - started
    return [
        (f"{name}.queries_per_request", str(query_count)),
        (f"{name}.requests_per_second", f"{count / elapsed:.1f}"),
        (f"{name}.ms_per_request", f"{1000 * elapsed / count:.2f}"),
    ]


def run() -> list[tuple[str, str]]:
    from ppid.accounts.models import User

    figures: list[tuple[str, str]] = []
    anonymous = Client()
    for name, url in PUBLIC_PAGES:
        headers = {"HX-Request": "true"} if name.endswith("_htmx_search") else {}
        figures += measure(anonymous, name, url, **headers)

    staff = Client()
    staff.force_login(User.objects.get(username=STAFF_USERNAME))
    figures += measure(staff, "staff_home", "/staf/")
    return figures
