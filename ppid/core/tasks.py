from __future__ import annotations

import socket

from celery import shared_task

from ppid.offices.models import Office


@shared_task(name="ppid.core.ping")
def ping(token: str) -> dict[str, object]:
    """Health check for the worker: echoes the token with the worker's host and its view of the database."""
    return {"token": token, "host": socket.gethostname(), "offices": Office.objects.count()}
