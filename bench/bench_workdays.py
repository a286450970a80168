"""Benchmark: the working-day engine against naive day stepping, and recomputing 1 M open deadlines.

Figures for the scalar engine (one Python call per deadline) and for the numpy batch path
(`Calendar.add_working_days_many` / `deadlines_many`, how bulk recomputation runs), each against
the same naive day-stepping reference on the same inputs. Every path's answers are checked
against the others before a figure is reported. Batch timings are the best of a few runs (the
arrays are small enough that one run is a few milliseconds and timer noise would dominate).

`run()` returns (name, figure) pairs; `python bench/bench_workdays.py` prints them.
"""

from __future__ import annotations

import datetime
import os
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

N_ENGINE = 300_000
N_NAIVE = 20_000
N_RECOMPUTE = 1_000_000
BATCH_REPEATS = 5


def _best_of(repeats: int, work: Callable[[], object]) -> float:
    """The shortest of `repeats` timings of `work()`, in seconds."""
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return best


def _setup() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ppid.settings")
    import django

    django.setup()


def run() -> list[tuple[str, str]]:
    import numpy as np

    from ppid.workdays.batch import epoch_microseconds
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

    # The batch path on the same inputs, as the arrays a bulk caller holds (date ordinals, n).
    ordinals = np.array([day.toordinal() for day, _n in inputs], dtype=np.int64)
    counts = np.array([n for _day, n in inputs], dtype=np.int64)
    many = calendar.add_working_days_many
    batch_results = many(ordinals, counts)
    if batch_results.tolist() != [day.toordinal() for day in engine_results]:
        raise AssertionError("batch and scalar engine disagree")
    batch_rate = N_ENGINE / _best_of(BATCH_REPEATS, lambda: many(ordinals, counts))

    def batch_from_dates() -> list[datetime.date]:
        result = many(np.fromiter((day.toordinal() for day, _n in inputs), np.int64, N_ENGINE), counts)
        return list(map(datetime.date.fromordinal, result.tolist()))

    batch_dates_rate = N_ENGINE / _best_of(BATCH_REPEATS, batch_from_dates)

    long_inputs = [(day, 100) for day, _n in inputs[:N_NAIVE]]
    start = time.perf_counter()
    long_engine = [add(day, n) for day, n in long_inputs]
    long_engine_rate = N_NAIVE / (time.perf_counter() - start)
    start = time.perf_counter()
    long_naive = [naive_add(day, n) for day, n in long_inputs]
    long_naive_rate = N_NAIVE / (time.perf_counter() - start)
    if long_naive != long_engine:
        raise AssertionError("engine and naive reference disagree")
    long_ordinals = ordinals[:N_NAIVE]
    if many(long_ordinals, 100).tolist() != [day.toordinal() for day in long_engine]:
        raise AssertionError("batch and scalar engine disagree")
    long_batch_rate = N_NAIVE / _best_of(BATCH_REPEATS, lambda: many(long_ordinals, 100))

    zone = datetime.timezone(datetime.timedelta(hours=7))
    moments = [
        datetime.datetime.combine(day, datetime.time(rng.randint(0, 23), rng.randint(0, 59)), tzinfo=zone)
        for day, _n in inputs[: N_RECOMPUTE // 10]
    ] * 10
    deadline = calendar.deadline
    start = time.perf_counter()
    scalar_deadlines = [deadline(moment, 10) for moment in moments]
    recompute_seconds = time.perf_counter() - start

    # Bulk recompute: day 0 from the receipt instants (zone offset, office hours, next working
    # day, all vectorised), then 10 working days. Timed from the aware datetimes (conversion to
    # epoch microseconds included) and from the int64 epoch array a query can return directly.
    calendar.deadlines_many(epoch_microseconds(moments[:10]), 10)  # build the tables once
    start = time.perf_counter()
    batch_deadlines = calendar.deadlines_many(epoch_microseconds(moments), 10)
    batch_recompute_seconds = time.perf_counter() - start
    if batch_deadlines.tolist() != [day.toordinal() for day in scalar_deadlines]:
        raise AssertionError("batch and scalar deadlines disagree")
    instants = epoch_microseconds(moments)
    batch_epoch_seconds = _best_of(BATCH_REPEATS, lambda: calendar.deadlines_many(instants, 10))

    return [
        ("engine add_working_days (scalar)", f"{engine_rate:,.0f}/s"),
        ("naive day stepping", f"{naive_rate:,.0f}/s"),
        ("engine speed-up over naive (scalar)", f"{engine_rate / naive_rate:,.0f}x"),
        ("engine add_working_days_many (batch, ordinal arrays)", f"{batch_rate:,.0f}/s"),
        ("batch speed-up over naive", f"{batch_rate / naive_rate:,.0f}x"),
        ("batch incl. date -> ordinal -> date conversion", f"{batch_dates_rate:,.0f}/s"),
        ("engine, N = 100 (KI settlement, scalar)", f"{long_engine_rate:,.0f}/s"),
        ("naive, N = 100", f"{long_naive_rate:,.0f}/s"),
        ("engine speed-up over naive, N = 100 (scalar)", f"{long_engine_rate / long_naive_rate:,.0f}x"),
        ("batch, N = 100", f"{long_batch_rate:,.0f}/s"),
        ("batch speed-up over naive, N = 100", f"{long_batch_rate / long_naive_rate:,.0f}x"),
        ("recompute 1,000,000 open deadlines (scalar: day 0 + 10 working days)", f"{recompute_seconds:.2f} s"),
        (
            "recompute 1,000,000 open deadlines (batch from aware datetimes: day 0 + 10 wd)",
            f"{batch_recompute_seconds:.2f} s",
        ),
        (
            "recompute 1,000,000 open deadlines (batch from UTC epoch-µs array: day 0 + 10 wd)",
            f"{batch_epoch_seconds:.3f} s",
        ),
    ]


if __name__ == "__main__":
    _setup()
    for name, figure in run():
        print(f"{name:<84} {figure}")
