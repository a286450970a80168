"""Benchmark: the working-day engine against naive day stepping, and recomputing 1 M open deadlines.

`run()` returns (name, figure) pairs; `python bench/bench_workdays.py` prints them.
"""

from __future__ import annotations

import datetime
import os
import random
import sys
import time
from pathlib import Path

N_ENGINE = 300_000
N_NAIVE = 20_000
N_RECOMPUTE = 1_000_000


def _setup() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ppid.settings")
    import django

    django.setup()


def run() -> list[tuple[str, str]]:
    from ppid.workdays.engine import Calendar, DayKind, DayNote
    from ppid.workdays.library import library_days, library_years

    notes = [DayNote(d.date, DayKind(d.kind), d.name) for y in library_years() for d in library_days(y)]
    calendar = Calendar.build(notes, zone="Asia/Jakarta")
    off = {n.date for n in notes}

    def naive_add(day: datetime.date, n: int) -> datetime.date:
        one = datetime.timedelta(days=1)
        while n:
            day += one
            if day.weekday() < 5 and day not in off:
                n -= 1
        return day

    rng = random.Random(2026)
    first = datetime.date(2011, 1, 1).toordinal()
    last = datetime.date(2026, 12, 31).toordinal()
    steps = [10, 7, 3, 30, 14, 100]
    inputs = [(datetime.date.fromordinal(rng.randint(first, last)), rng.choice(steps)) for _ in range(N_ENGINE)]

    add = calendar.add_working_days
    start = time.perf_counter()
    engine_results = [add(day, n) for day, n in inputs]
    engine_rate = N_ENGINE / (time.perf_counter() - start)

    start = time.perf_counter()
    naive_results = [naive_add(day, n) for day, n in inputs[:N_NAIVE]]
    naive_rate = N_NAIVE / (time.perf_counter() - start)
    if naive_results != engine_results[:N_NAIVE]:
        raise AssertionError("engine and naive reference disagree")

    long_inputs = [(day, 100) for day, _n in inputs[:N_NAIVE]]
    start = time.perf_counter()
    long_engine = [add(day, n) for day, n in long_inputs]
    long_engine_rate = N_NAIVE / (time.perf_counter() - start)
    start = time.perf_counter()
    long_naive = [naive_add(day, n) for day, n in long_inputs]
    long_naive_rate = N_NAIVE / (time.perf_counter() - start)
    if long_naive != long_engine:
        raise AssertionError("engine and naive reference disagree")

    zone = datetime.timezone(datetime.timedelta(hours=7))
    moments = [
        datetime.datetime.combine(day, datetime.time(rng.randint(0, 23), rng.randint(0, 59)), tzinfo=zone)
        for day, _n in inputs[: N_RECOMPUTE // 10]
    ] * 10
    deadline = calendar.deadline
    start = time.perf_counter()
    for moment in moments:
        deadline(moment, 10)
    recompute_seconds = time.perf_counter() - start

    return [
        ("engine add_working_days", f"{engine_rate:,.0f}/s"),
        ("naive day stepping", f"{naive_rate:,.0f}/s"),
        ("engine speed-up over naive", f"{engine_rate / naive_rate:,.0f}x"),
        ("engine, N = 100 (KI settlement)", f"{long_engine_rate:,.0f}/s"),
        ("naive, N = 100", f"{long_naive_rate:,.0f}/s"),
        ("engine speed-up over naive, N = 100", f"{long_engine_rate / long_naive_rate:,.0f}x"),
        ("recompute 1,000,000 open deadlines (day 0 + 10 working days)", f"{recompute_seconds:.2f} s"),
    ]


if __name__ == "__main__":
    _setup()
    for name, figure in run():
        print(f"{name:<64} {figure}")
