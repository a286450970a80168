"""What the public may read of the catalogue, the browse filters, and the full-text search.

Published items of the open categories form the DIP anyone may read (UU 14/2008 Pasal 9-11).
Items closed by an exemption (Pasal 17) are listed in the DIK only, through their exemption, and
never take part in a search: their document text is in `search_text`, and a match would reveal
what the closed content says.

On PostgreSQL the search uses the `indonesian` text-search configuration, whose stemmer reduces
"pemilihan", "memilih" and "dipilih" to "pilih", over the stored `search_vector` column and its
GIN index (kept by ppid.catalogue.services.common.refresh_search_vectors). Elsewhere (SQLite in
development and tests) every word of the query must appear in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connections
from django.db.models import F, Q, QuerySet

from ppid.catalogue.models import InformationItem
from ppid.catalogue.services.common import SEARCH_CONFIG
from ppid.catalogue.workflow import Category, ItemStatus
from ppid.offices.models import Office, WorkUnit

# A query is cut to this many characters and, in the fallback, this many words: enough for any
# real question, and it keeps one request from costing the database a long chain of LIKEs.
MAX_QUERY_LENGTH = 200
MAX_FALLBACK_WORDS = 8
WORD = re.compile(r"\w+", re.UNICODE)


def public_items() -> QuerySet[InformationItem]:
    """The DIP as anyone may read it: published items of the open categories (never drafts,
    withdrawn items or dikecualikan items)."""
    return InformationItem.objects.filter(status=ItemStatus.PUBLISHED).exclude(category=Category.DIKECUALIKAN)


def public_items_any_category() -> QuerySet[InformationItem]:
    """Published items including those closed by an exemption: for the item page and the DIK,
    which show a closed item's listing and its exemption but never its documents."""
    return InformationItem.objects.filter(status=ItemStatus.PUBLISHED)


def is_closed(item: InformationItem) -> bool:
    """A closed item (Pasal 17) never exposes its documents, summary or text."""
    return item.category == Category.DIKECUALIKAN


@dataclass(frozen=True)
class ItemFilters:
    """The public browse filters; empty values do not filter."""

    q: str = ""
    category: str = ""
    on_demand_type: str = ""
    office: Office | None = None
    province_code: str = ""
    year: int | None = None
    work_unit: WorkUnit | None = None


def items_filter(queryset: QuerySet[InformationItem], filters: ItemFilters) -> QuerySet[InformationItem]:
    """Narrow `queryset` by the browse filters, then by the search (ordered by relevance) if any."""
    if filters.category:
        queryset = queryset.filter(category=filters.category)
    if filters.on_demand_type:
        queryset = queryset.filter(on_demand_type=filters.on_demand_type)
    if filters.office is not None:
        queryset = queryset.filter(office=filters.office)
    if filters.province_code:
        queryset = queryset.filter(office__province_code=filters.province_code)
    if filters.year is not None:
        queryset = queryset.filter(year=filters.year)
    if filters.work_unit is not None:
        queryset = queryset.filter(work_unit=filters.work_unit)
    if filters.q.strip():
        return items_search(queryset, filters.q)
    return queryset


def items_search(queryset: QuerySet[InformationItem], q: str) -> QuerySet[InformationItem]:
    """Items whose title, summary, tags or latest document text match `q`, best match first.

    PostgreSQL: web-search syntax ("quoted phrase", -excluded, or) over Indonesian stems. Other
    databases: every word must appear, in any case."""
    q = q.strip()[:MAX_QUERY_LENGTH]
    if not q:
        return queryset
    if connections[queryset.db].vendor == "postgresql":
        query = SearchQuery(q, config=SEARCH_CONFIG, search_type="websearch")
        return (
            queryset.filter(search_vector=query)
            .annotate(rank=SearchRank(F("search_vector"), query))
            .order_by("-rank", "-published_at", "-pk")
        )
    required, excluded = search_words(q)
    if not required:
        return queryset.none()
    condition = Q()
    for word in required:
        condition &= Q(search_text__icontains=word)
    for word in excluded:
        condition &= ~Q(search_text__icontains=word)
    return queryset.filter(condition).order_by("-published_at", "-pk")


def search_words(q: str) -> tuple[list[str], list[str]]:
    """The words a fallback search requires and those it excludes ("-word", as in web search).

    Quotes and "or" are PostgreSQL's web-search syntax; the fallback simply requires every word."""
    required: list[str] = []
    excluded: list[str] = []
    for token in q.lower().split():
        target = excluded if token.startswith("-") else required
        for word in WORD.findall(token):
            if word != "or" and word not in required and word not in excluded:
                target.append(word)
    return required[:MAX_FALLBACK_WORDS], excluded[:MAX_FALLBACK_WORDS]
