"""A real Celery worker, fed through Redis, runs the ping task against its own migrated database."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from celery.result import allow_join_result

from ppid.celery import app as celery_app
from ppid.core.tasks import ping

pytestmark = pytest.mark.celery_worker

ROOT = Path(__file__).resolve().parents[2]
REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379
BROKER_URL = f"redis://{REDIS_HOST}:{REDIS_PORT}/15"


def _redis_reachable() -> bool:
    try:
        with socket.create_connection((REDIS_HOST, REDIS_PORT), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


@pytest.fixture(scope="module")
def redis_broker() -> str:
    if not _redis_reachable():
        message = f"Redis is not reachable on {REDIS_HOST}:{REDIS_PORT}"
        if os.environ.get("PPID_REQUIRE_REDIS") == "1":
            pytest.fail(f"{message}, and PPID_REQUIRE_REDIS=1 requires it.")
        pytest.skip(f"{message}; start Redis (or set PPID_REQUIRE_REDIS=1 to make this a failure).")
    return BROKER_URL


def _worker_env(database: Path, broker: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("CELERY_", "DATABASE_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="ppid.settings",
        PPID_PROFILE="test",
        DATABASE_URL=f"sqlite:///{database}",
        CELERY_BROKER_URL=broker,
        CELERY_RESULT_BACKEND=broker,
    )
    return env


@pytest.fixture(scope="module")
def worker(redis_broker: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[subprocess.Popen[bytes]]:
    """A worker process with its own SQLite database, migrated (so holding the 553 offices) first."""
    database = tmp_path_factory.mktemp("celery-worker") / "worker.sqlite3"
    env = _worker_env(database, redis_broker)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input", "-v0"], cwd=ROOT, env=env, check=True, timeout=300
    )
    log = (database.parent / "worker.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "ppid", "worker", "--pool=solo", "--concurrency=1", "-l", "warning",
         "--without-gossip", "--without-mingle", "--without-heartbeat", "-n", f"ppid-test-{os.getpid()}@%h"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        yield process
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        log.close()


@pytest.fixture
def app_on_redis(redis_broker: str) -> Iterator[None]:
    """Point this process's Celery app at Redis for one test, then back to eager."""
    keys = ["broker_url", "result_backend", "task_always_eager"]
    saved = {key: celery_app.conf[key] for key in keys}
    celery_app.conf.update(broker_url=redis_broker, result_backend=redis_broker, task_always_eager=False)
    _forget_cached_connections()
    try:
        yield
    finally:
        celery_app.conf.update(saved)
        _forget_cached_connections()


def _forget_cached_connections() -> None:
    # The app builds its result backend (per thread) and its broker pools once, from the conf of that
    # moment; an eager task run earlier in this process has already built them for "no broker".
    celery_app._local.__dict__.pop("backend", None)
    if celery_app._pool is not None:
        celery_app._pool.force_close_all()
        celery_app._pool = None
    amqp = celery_app.__dict__.get("amqp")
    if amqp is not None:
        amqp._producer_pool = None


def test_it_runs_ping_on_a_real_worker(worker: subprocess.Popen[bytes], app_on_redis: None) -> None:
    result = ping.delay("token-xyz")

    # Eager tasks run in threads elsewhere in the suite (concurrency tests) toggle Celery's
    # process-wide "inside a task" flag without a lock and can leave it set; this is no task.
    with allow_join_result():
        reply = result.get(timeout=60)

    assert worker.poll() is None, "the worker died"
    assert reply["token"] == "token-xyz"
    assert reply["offices"] == 553
    assert not result.backend.__class__.__name__.startswith("Disabled")


@pytest.mark.django_db
def test_it_runs_ping_inline_when_no_broker_is_configured() -> None:
    assert celery_app.conf.task_always_eager is True

    reply = ping.delay("inline").get(timeout=5)

    assert reply["token"] == "inline"
