"""The public full-text search: what it finds on every database, the word-by-word fallback on
SQLite, and on PostgreSQL the Indonesian stemmer and the GIN expression index of migration 0003.

What the `indonesian` configuration does was checked with psql on PostgreSQL 15 first:
to_tsvector('indonesian', 'pemilihan pemilih memilih dipilih pilihan') is 'pilih':1,2,3,4,5;
'laporan' and 'melaporkan' become 'lapor', 'keuangan' 'uang', 'anggaran' 'anggar'; it has no
stop words ('yang' and 'dan' stay)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ppid.accounts.models import User
from ppid.catalogue.models import InformationItem
from ppid.catalogue.search import (
    ItemFilters,
    items_filter,
    items_search,
    public_items,
    search_words,
)
from ppid.catalogue.services import item_add_document, item_withdraw, items_import
from ppid.catalogue.services.common import refresh_search_vectors
from ppid.catalogue.workflow import Category, ItemStatus
from ppid.exemptions.models import ConsequenceTest
from ppid.offices.models import Office, WorkUnit
from tests.catalogue.conftest import item_data, searchable_pdf


def pdf(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("dokumen.pdf", searchable_pdf(text), content_type="application/pdf")


def found(q: str) -> list[str]:
    return [item.title for item in items_filter(public_items(), ItemFilters(q=q))]


@pytest.fixture
def items(office: Office, ppid_officer: User, unit: WorkUnit) -> dict[str, InformationItem]:
    rows = {
        "dpt": item_data(unit, title="Daftar pemilih tetap", summary="Jumlah pemilih per kecamatan.", tags="DPT"),
        "keuangan": item_data(unit, title="Laporan keuangan 2024", summary="Realisasi anggaran sekretariat.", tags=""),
        "sop": item_data(
            unit,
            title="SOP layanan informasi",
            summary="Prosedur kerja petugas.",
            category=Category.SETIAP_SAAT,
            on_demand_type="g",
            tags="",
        ),
    }
    made = items_import(office=office, actor=ppid_officer, rows=list(rows.values()), source_name="dip.xlsx")
    return dict(zip(rows, made, strict=True))


@pytest.fixture
def postgresql(db: None) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the Indonesian text-search configuration and the GIN index exist only on PostgreSQL")


@pytest.fixture
def fallback(db: None) -> None:
    if connection.vendor == "postgresql":
        pytest.skip("PostgreSQL searches with its text-search configuration, not the fallback")


# --- on every database -------------------------------------------------------------------------


def test_it_finds_words_of_the_title_summary_tags_and_document_text(
    items: dict[str, InformationItem], ppid_officer: User
) -> None:
    item_add_document(item=items["sop"], actor=ppid_officer, upload=pdf("Rekapitulasi suara Coblong"))

    assert found("Daftar") == ["Daftar pemilih tetap"]
    assert found("kecamatan") == ["Daftar pemilih tetap"]
    assert found("DPT") == ["Daftar pemilih tetap"]
    assert found("Coblong") == ["SOP layanan informasi"]


def test_it_needs_every_word_in_any_case(items: dict[str, InformationItem]) -> None:
    assert found("LAPORAN Keuangan") == ["Laporan keuangan 2024"]
    assert found("laporan pemilih") == []


def test_it_leaves_out_items_with_a_minus_word(items: dict[str, InformationItem]) -> None:
    assert found("pemilih -kecamatan") == []
    assert found("laporan -kecamatan") == ["Laporan keuangan 2024"]


def test_it_searches_only_what_is_public(
    items: dict[str, InformationItem],
    ppid_officer: User,
    decided_exemption_test: Callable[..., ConsequenceTest],
) -> None:
    item_add_document(item=items["dpt"], actor=ppid_officer, upload=pdf("Salinan KTP pendukung Coblong"))
    item_add_document(item=items["keuangan"], actor=ppid_officer, upload=pdf("Catatan Coblong ditarik"))
    decided_exemption_test(item=items["dpt"])
    item_withdraw(item=items["keuangan"], actor=ppid_officer, reason="Diganti laporan audit.")

    # A closed item's document text must not answer a search: the match alone would reveal it.
    assert found("Coblong") == []
    assert found("pemilih") == []


def test_an_empty_query_does_not_filter_and_punctuation_alone_finds_nothing(items: dict[str, InformationItem]) -> None:
    assert len(found("   ")) == 3
    assert items_search(public_items(), "!!! --").count() == 0


def test_the_page_searches_with_the_query(client: Client, items: dict[str, InformationItem]) -> None:
    response = client.get(reverse("catalogue:dip"), {"q": "keuangan"})

    assert [item.title for item in response.context["page"].object_list] == ["Laporan keuangan 2024"]
    assert response.context["searching"]


def test_it_splits_a_query_into_required_and_excluded_words() -> None:
    assert search_words('"Daftar Pemilih" or DPT -2019, pemilih') == (["daftar", "pemilih", "dpt"], ["2019"])
    assert search_words(" ".join(f"kata{n}" for n in range(20)))[0] == [f"kata{n}" for n in range(8)]


# --- the SQLite fallback -----------------------------------------------------------------------


def test_the_fallback_matches_parts_of_words_but_does_not_stem(
    fallback: None, items: dict[str, InformationItem]
) -> None:
    assert found("milih") == ["Daftar pemilih tetap"]  # a substring of "pemilih"
    assert found("pemilihan") == []  # no stemmer: the longer word is not in the text


# --- PostgreSQL --------------------------------------------------------------------------------


@pytest.mark.postgres_only
def test_the_indonesian_stemmer_finds_other_forms_of_a_word(
    postgresql: None, items: dict[str, InformationItem]
) -> None:
    assert found("pemilihan") == ["Daftar pemilih tetap"]  # pemilihan, pemilih → pilih
    assert found("dipilih") == ["Daftar pemilih tetap"]
    assert found("melaporkan keuangan") == ["Laporan keuangan 2024"]  # lapor, uang
    assert found("penganggaran") == ["Laporan keuangan 2024"]  # anggar


@pytest.mark.postgres_only
def test_it_takes_web_search_phrases_and_or(postgresql: None, items: dict[str, InformationItem]) -> None:
    assert found('"pemilih tetap"') == ["Daftar pemilih tetap"]
    assert found('"tetap pemilih"') == []
    assert sorted(found("anggaran or kecamatan")) == ["Daftar pemilih tetap", "Laporan keuangan 2024"]


@pytest.mark.postgres_only
def test_the_best_match_comes_first(postgresql: None, office: Office, ppid_officer: User, unit: WorkUnit) -> None:
    items_import(
        office=office,
        actor=ppid_officer,
        rows=[
            item_data(unit, title="Rapat koordinasi", summary="Notulen rapat; logistik dibahas singkat.", tags=""),
            item_data(
                unit, title="Logistik pemilu", summary="Distribusi logistik dan gudang logistik.", tags="logistik"
            ),
        ],
        source_name="dip.xlsx",
    )

    assert found("logistik") == ["Logistik pemilu", "Rapat koordinasi"]


@pytest.mark.postgres_only
def test_the_search_uses_the_gin_index_of_the_stored_vector(postgresql: None, office: Office, unit: WorkUnit) -> None:
    now = timezone.now()
    InformationItem.objects.bulk_create(
        InformationItem(
            office=office,
            work_unit=unit,
            title=f"Laporan kegiatan {n}",
            summary="Rapat koordinasi sekretariat.",
            category=Category.BERKALA,
            responsible_official="Sekretaris",
            year=2024,
            status=ItemStatus.PUBLISHED,
            published_at=now,
            search_text=f"Laporan kegiatan {n} rapat koordinasi " + ("pemilihan umum" if n % 500 == 0 else "logistik"),
        )
        for n in range(2000)
    )
    refresh_search_vectors(InformationItem.objects.all())  # bulk_create bypasses the services
    queryset = items_filter(public_items(), ItemFilters(q="pemilihan umum"))
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE catalogue_informationitem")
        # On a small table a sequential scan is cheaper and the planner rightly picks it; with it
        # off, the plan shows whether the query's expression is the one the index holds.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())

    assert "catalogue_item_search_vector" in plan, plan
    assert queryset.count() == 4
