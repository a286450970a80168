"""Running `manage.py seed_demo` in a test, as `make run` does: demo mode on, output returned, and
the e-mails queued on commit written as a real commit would (a test's transaction never commits)."""

from __future__ import annotations

from io import StringIO

from django.core.management import call_command
from django.test import TestCase, override_settings


def seed(*args: str) -> str:
    """seed_demo with `args` (e.g. "--scale", "2"); returns what it printed."""
    out = StringIO()
    with override_settings(DEMO_MODE=True), TestCase.captureOnCommitCallbacks(execute=True):
        call_command("seed_demo", *args, stdout=out)
    return out.getvalue()
