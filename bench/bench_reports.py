"""Reports: the national roll-up (`figures_for(KPU RI, year, rollup=True)`) and the province grid
(`on_time_by_province`) over PPID_BENCH_REQUESTS requests (default 50,000; 1,000,000 for the
national target of at most 2 s on PostgreSQL). Prints ms per call and queries per call.

Part of `make bench` (bench/run.py), or alone on the database DATABASE_URL names:
    DATABASE_URL=postgres://... PPID_BENCH_REQUESTS=1000000 python bench/bench_reports.py
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

TARGET_SECONDS = 2.0
REPEAT = 3


def measure(name: str, call: Callable[[], Any]) -> list[tuple[str, str]]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    call()  # warm caches (and the database's buffers) before timing
    best = float("inf")
    queries = 0
    for _ in range(REPEAT):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            call()
            best = min(best, time.perf_counter() - started)
        queries = len(captured.captured_queries)
    verdict = "ok" if best <= TARGET_SECONDS else f"over the {TARGET_SECONDS:.0f} s target"
    return [(f"{name}.ms", f"{1000 * best:.0f} ({verdict})"), (f"{name}.queries", str(queries))]


def run() -> list[tuple[str, str]]:
    from bench_requests import fill_to_target
    from django.db import connection
    from django.utils import timezone

    from ppid.offices.models import Office
    from ppid.reports.figures import figures_for, on_time_by_province, period_for_year

    figures = fill_to_target()
    national = Office.objects.get(level="ri")
    period = period_for_year(timezone.localdate().year)
    figures += [("database", connection.vendor)]
    figures += measure("figures_national_rollup", lambda: figures_for(national, period, rollup=True))
    figures += measure("on_time_by_province", lambda: on_time_by_province(period))
    result = figures_for(national, period, rollup=True).requests
    figures += [
        ("national.received", str(result.received)),
        ("national.decided", str(result.decided)),
        ("national.median_days", str(result.median_days)),
        ("national.p90_days", str(result.p90_days)),
        ("national.on_time_rate", f"{result.on_time_rate:.3f}" if result.on_time_rate is not None else "-"),
    ]
    return figures


if __name__ == "__main__":
    bench_dir = Path(__file__).resolve().parent
    sys.path[:0] = [str(bench_dir.parent), str(bench_dir)]
    os.chdir(bench_dir.parent)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ppid.settings")
    os.environ.setdefault("DEBUG", "false")
    os.environ.setdefault("DEMO_MODE", "true")
    import django

    django.setup()
    from django.core.management import call_command

    from ppid.accounts.models import User

    call_command("migrate", "--noinput", verbosity=0)
    if not User.objects.exists():  # the migrations create the offices; seed_demo the people
        call_command("seed_demo", "--scale", os.environ.get("BENCH_SCALE", "2000"), verbosity=0)
    for figure_name, figure in run():
        print(f"{figure_name}: {figure}", flush=True)
