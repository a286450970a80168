"""Benchmarks: `make bench`.

Sets Django up on a throw-away SQLite database (or DATABASE_URL when set), migrates, fills demo
volumes with `seed_demo --scale 2000`, then runs every bench/bench_*.py module that exposes
`run() -> list[tuple[str, str]]` and prints each figure as `name: figure`. Each benchmark bounds
its own running time. Exits non-zero when a benchmark module fails (after running the others).
"""

from __future__ import annotations

import importlib
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
SCALE = int(os.environ.get("BENCH_SCALE", "2000"))

Figures = list[tuple[str, str]]


def discover() -> list[tuple[str, Callable[[], Figures]]]:
    """(module name, run) for every bench_*.py here that has a run() function, in name order."""
    found = []
    for path in sorted(BENCH_DIR.glob("bench_*.py")):
        module = importlib.import_module(path.stem)
        run = getattr(module, "run", None)
        if callable(run):
            found.append((path.stem, run))
        else:
            print(f"# {path.name}: no run() function, skipped", flush=True)
    return found


def setup_django(tmp: Path) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ppid.settings")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp / 'bench.sqlite3'}")
    # Measure the site as deployed would run it: no debug pages, no query log kept per request.
    os.environ.setdefault("DEBUG", "false")
    os.environ.setdefault("DEMO_MODE", "true")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()


def prepare_database() -> None:
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("migrate", "--noinput", verbosity=0)
    call_command("seed_demo", "--scale", str(SCALE), verbosity=0)
    print(f"# database ready (migrate + seed_demo --scale {SCALE}) in {time.perf_counter() - started:.1f}s", flush=True)


def main() -> int:
    sys.path[:0] = [str(ROOT), str(BENCH_DIR)]
    os.chdir(ROOT)
    with tempfile.TemporaryDirectory(prefix="ppid-bench-") as tmp:
        setup_django(Path(tmp))
        from django.conf import settings

        database = settings.DATABASES["default"]
        print(f"# database: {database['ENGINE'].rsplit('.', 1)[-1]} {database['NAME']}", flush=True)
        prepare_database()
        failures = 0
        for name, run in discover():
            print(f"# {name}", flush=True)
            started = time.perf_counter()
            try:
                figures = run()
            except Exception:
                failures += 1
                print(f"# {name} FAILED:", flush=True)
                traceback.print_exc()
                continue
            for figure_name, figure in figures:
                print(f"{figure_name}: {figure}", flush=True)
            print(f"# {name} took {time.perf_counter() - started:.1f}s", flush=True)
        from django.db import connections

        connections.close_all()
    if failures:
        print(f"# {failures} benchmark module(s) failed", flush=True)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
