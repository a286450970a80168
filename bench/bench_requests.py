"""Information requests: submissions per second through `request_submit`, then an officer's worklist,
the request register and the API list at volume (queries per page, ms per page).

The volume is PPID_BENCH_REQUESTS requests in all (default 50,000; PPID_BENCH_REQUESTS=1000000 for
the national figure), topped up with the bulk path of `seed_demo --scale` (no events for those rows).
Runs against the database bench/run.py prepared (PostgreSQL when DATABASE_URL says so).
"""

from __future__ import annotations

import os
import time
from typing import Any

from django.db import connection, reset_queries
from django.test import Client
from django.test.utils import CaptureQueriesContext

SUBMIT_SECONDS = 3.0
SUBMIT_MAX = 1000
PAGE_SECONDS = 2.0
PAGE_MAX = 200
TARGET = int(os.environ.get("PPID_BENCH_REQUESTS", "50000"))

# (figure name, demo account, URL): the officer of a regency, and KPU RI, which monitors all 553 offices.
PAGES = [
    ("worklist_ppid_bandung", "ppid.bandung", "/staf/permohonan/"),
    ("worklist_ppid_ri", "ppid.ri", "/staf/permohonan/"),
    ("worklist_ppid_ri_page20", "ppid.ri", "/staf/permohonan/?page=20"),
    ("register_ppid_bandung", "ppid.bandung", "/staf/permohonan/register/"),
    ("register_ppid_ri", "ppid.ri", "/staf/permohonan/register/"),
    ("register_ppid_ri_page100", "ppid.ri", "/staf/permohonan/register/?page=100"),
    ("api_requests_ppid_ri", "ppid.ri", "/api/v1/requests/"),
    ("api_requests_ppid_ri_overdue", "ppid.ri", "/api/v1/requests/?overdue=true"),
    ("api_requests_ppid_bandung", "ppid.bandung", "/api/v1/requests/"),
]


def bench_submissions() -> list[tuple[str, str]]:
    from ppid.offices.models import Office
    from ppid.requests.models import Channel, DeliveryMethod, ObtainMethod, RequesterKind
    from ppid.requests.services import IntakeData, request_submit

    office = Office.objects.get(code="32.73")

    def intake(index: int) -> IntakeData:
        return IntakeData(
            kind=RequesterKind.INDIVIDUAL,
            name=f"Pemohon Bench {index}",
            address="Jl. Asia Afrika No. 1, Bandung",
            information_requested="Daftar pemilih tetap Kecamatan Sumur Bandung",
            purpose="Penelitian",
            obtain_method=ObtainMethod.SOFT_COPY,
            delivery_method=DeliveryMethod.EMAIL,
            email=f"bench{index}@contoh.invalid",
            nik="3273010101900001",
        )

    request_submit(office=office, data=intake(0), channel=Channel.ONLINE)  # warm caches
    count = 0
    started = time.perf_counter()
    while count < SUBMIT_MAX and time.perf_counter() - started < SUBMIT_SECONDS:
        count += 1
        request_submit(office=office, data=intake(count), channel=Channel.ONLINE)
    elapsed = time.perf_counter() - started
    # Each includes the receipt: its PDF and its e-mail through the outbox (transaction.on_commit).
    return [
        ("request_submit.per_second", f"{count / elapsed:.1f}"),
        ("request_submit.ms_each", f"{1000 * elapsed / count:.2f}"),
    ]


def fill_to_target() -> list[tuple[str, str]]:
    from ppid.requests.demo_bulk import bulk_fill_requests
    from ppid.requests.models import InformationRequest

    missing = TARGET - InformationRequest.objects.count()
    if missing > 0:
        started = time.perf_counter()
        bulk_fill_requests(missing, write=lambda _line: None)
        elapsed = time.perf_counter() - started
        figures = [("bulk_fill.rows", str(missing)), ("bulk_fill.rows_per_second", f"{missing / elapsed:.0f}")]
    else:
        figures = []
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return [*figures, ("requests.total", str(InformationRequest.objects.count()))]


def measure_page(client: Client, name: str, url: str) -> list[tuple[str, str]]:
    first = client.get(url)  # warm caches before counting
    if first.status_code != 200:
        return [(f"{name}.status", f"{first.status_code} (not measured)")]
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    query_count = len(queries)
    count = 0
    started = time.perf_counter()
    while count < PAGE_MAX and time.perf_counter() - started < PAGE_SECONDS:
        response: Any = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        count += 1
    elapsed = time.perf_counter() - started
    return [(f"{name}.queries_per_page", str(query_count)), (f"{name}.ms_per_page", f"{1000 * elapsed / count:.1f}")]


def run() -> list[tuple[str, str]]:
    from django.conf import settings

    from ppid.accounts.models import User

    # The receipt e-mail is still rendered (with its PDF) and stored in the outbox; it is just not printed.
    settings.EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
    figures = bench_submissions()
    figures += fill_to_target()
    clients: dict[str, Client] = {}
    for name, username, url in PAGES:
        if username not in clients:
            clients[username] = Client()
            clients[username].force_login(User.objects.get(username=username))
        figures += measure_page(clients[username], name, url)
    return figures
