"""Shared steps of the catalogue's services: events, permission checks, documents, search text."""

from __future__ import annotations

import io
from typing import Any

from django.contrib.postgres.search import SearchVector
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connections
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ppid.accounts.permissions import acting_role, can
from ppid.catalogue.models import InformationItem, ItemDocument
from ppid.catalogue.workflow import ItemStatus
from ppid.events.registry import register_event_type
from ppid.events.services import event_record
from ppid.requests.validation import check_upload

ITEM_PROPOSED = register_event_type("dip.item_proposed", gettext_lazy("Item proposed for the DIP"))
ITEM_UPDATE_PROPOSED = register_event_type("dip.update_proposed", gettext_lazy("Update of a DIP item proposed"))
ITEM_CHANGED = register_event_type("dip.item_changed", gettext_lazy("DIP item changed"))
ITEM_PUBLISHED = register_event_type("dip.item_published", gettext_lazy("DIP item published"))
ITEM_PUBLISHED_AT_ONCE = register_event_type(
    "dip.item_published_at_once", gettext_lazy("Serta-merta information published at once")
)
ITEM_REVIEWED = register_event_type("dip.item_reviewed", gettext_lazy("Serta-merta item reviewed"))
ITEM_REFRESHED = register_event_type("dip.item_refreshed", gettext_lazy("DIP item refreshed"))
ITEM_WITHDRAWN = register_event_type("dip.item_withdrawn", gettext_lazy("DIP item withdrawn"))
ITEM_CLOSED = register_event_type("dip.item_closed", gettext_lazy("DIP item closed by an exemption"))
ITEM_REOPENED = register_event_type("dip.item_reopened", gettext_lazy("DIP item open again after a review"))
ITEM_DOCUMENT = register_event_type("dip.document_added", gettext_lazy("Document version added"))
ITEMS_IMPORTED = register_event_type("dip.items_imported", gettext_lazy("DIP items imported from a spreadsheet"))
ROUND_OPENED = register_event_type("dip.round_opened", gettext_lazy("Collection round opened"))
ROUND_CLOSED = register_event_type("dip.round_closed", gettext_lazy("Collection round closed"))
LIST_SUBMITTED = register_event_type("dip.list_submitted", gettext_lazy("Unit list submitted to the PPID"))
LIST_RETURNED = register_event_type("dip.list_returned", gettext_lazy("Unit list returned to the unit"))
LIST_ARRANGED = register_event_type("dip.list_arranged", gettext_lazy("Unit list arranged by the PPID"))
LIST_CORRECTED = register_event_type("dip.list_corrected", gettext_lazy("Unit list corrected by the Atasan PPID"))
LIST_APPROVED = register_event_type("dip.list_approved", gettext_lazy("Unit list approved and published"))
LIST_SENT = register_event_type("dip.list_sent_to_advisory", gettext_lazy("Unit list sent to the advisory team"))
POLICY_ISSUED = register_event_type("dip.policy_issued", gettext_lazy("Policy direction issued"))


# PostgreSQL's Indonesian text-search configuration (stems "pemilihan" and "dipilih" to "pilih").
SEARCH_CONFIG = "indonesian"


class CatalogueStateError(Exception):
    """The list or item is not in a state that allows this step (often: someone else changed it first)."""


def require(actor: Any, permission: str, obj: Any, message: str = "") -> None:
    if not can(actor, permission, obj):
        raise PermissionDenied(message or _("You may not take this step in the DIP."))


def record(obj: Any, event_type: str, *, actor: Any, permission: str, office: Any, **kwargs: Any) -> None:
    event_record(
        event_type=event_type,
        obj=obj,
        actor=actor,
        actor_role=acting_role(actor, permission, obj) if actor is not None else "",
        office=office,
        **kwargs,
    )


def pdf_text(data: bytes) -> str:
    """The text of a PDF for the search, or "" when it has none (a scan) or cannot be read."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        return "\n".join((page.extract_text() or "") for page in reader.pages[:200])[:200_000]
    except (PyPdfError, ValueError, KeyError, OSError):
        return ""


def add_document(
    item: InformationItem, *, actor: Any, upload: Any = None, url: str = "", title: str = "", approved: bool = False
) -> ItemDocument:
    """A new version of the item's document: a checked file (size, type by content, checksum) or a link.

    `approved` versions are public at once (the PPID's own, seed d.3); a version proposed in a
    collection round waits for the Atasan PPID's approval of the list (seed c.1)."""
    if upload is None and not url.strip():
        raise ValidationError({"file": _("Upload a file or give a link.")})
    latest = item.documents.order_by("-version").values_list("version", flat=True).first() or 0
    document = ItemDocument(
        item=item,
        version=latest + 1,
        title=title.strip(),
        url=url.strip(),
        uploaded_by=actor,
        approved_at=timezone.now() if approved else None,
    )
    if upload is not None:
        checked = check_upload(upload)
        document.file = upload
        document.original_name = upload.name or ""
        document.content_type = checked.content_type
        document.size = checked.size
        document.sha256 = checked.sha256
        if checked.content_type == "application/pdf":
            upload.seek(0)
            document.text = pdf_text(upload.read())
            upload.seek(0)
    document.save()
    refresh_search_text(item)
    return document


def refresh_search_text(item: InformationItem) -> None:
    """Title, summary, tags and the latest document's text: what the full-text search reads."""
    # The public searches published items: a version still waiting for approval is not read yet.
    documents = (
        item.documents.all() if item.status == ItemStatus.DRAFT else item.documents.filter(approved_at__isnull=False)
    )
    latest = documents.order_by("-version").values_list("text", flat=True).first() or ""
    item.search_text = "\n".join(part for part in (item.title, item.summary, item.tags, latest) if part)
    rows = InformationItem.objects.filter(pk=item.pk)
    rows.update(search_text=item.search_text)
    refresh_search_vectors(rows)


def refresh_search_vectors(rows: QuerySet[InformationItem]) -> None:
    """Store the tsvector of `rows`' search text (PostgreSQL): one UPDATE, for one item or a batch."""
    if connections[rows.db].vendor == "postgresql":
        rows.update(search_vector=SearchVector("search_text", config=SEARCH_CONFIG))
