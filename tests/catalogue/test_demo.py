"""The demo DIP, collection round, policies, consequence tests and exemptions: every status, the
coverage story at KPU Kota Bandung, real searchable PDFs, through the services, once."""

from __future__ import annotations

import datetime
import hashlib
from typing import Any
from unittest import mock

import pytest
from django.utils import timezone

from ppid.accounts.models import RoleMembership, User
from ppid.catalogue.demo import ROUND_OFFICE, seed_catalogue
from ppid.catalogue.demo_content import CLOSED_ITEM
from ppid.catalogue.models import (
    CollectionRound,
    InformationItem,
    ItemDocument,
    Policy,
    PolicyVersion,
    RoundEntry,
    UnitList,
)
from ppid.catalogue.selectors import MISSING, PRESENT, STALE, coverage_for
from ppid.catalogue.workflow import Category, ItemStatus, ListStatus
from ppid.events.models import Event
from ppid.exemptions.demo import seed_exemptions
from ppid.exemptions.models import ConsequenceOpinion, ConsequenceTest, Exemption
from ppid.exemptions.workflow import Conclusion, ConsequenceStatus, ExemptionStatus
from ppid.offices.models import Office
from tests.demo_support import seed

pytestmark = pytest.mark.django_db
DEMO_CODES = ["00", "32", "32.73"]


@pytest.fixture
def seeded() -> None:
    """Only what the hooks need before them: seed_demo's staff accounts (its requests and legal cases
    take most of its time and do not touch the catalogue)."""
    from ppid.demo.management.commands.seed_demo import Command

    Command()._seed_accounts()
    seed_catalogue(lambda _line: None)
    seed_exemptions(lambda _line: None)


def counts() -> dict[str, int]:
    models: list[Any] = [
        InformationItem, ItemDocument, CollectionRound, UnitList, RoundEntry, Policy, PolicyVersion,
        ConsequenceTest, ConsequenceOpinion, Exemption, Event, User, RoleMembership,
    ]  # fmt: skip
    return {model.__name__: model.objects.count() for model in models}


def test_every_list_item_test_and_exemption_status_exists_and_a_second_run_adds_nothing() -> None:
    output = seed()

    assert "Demo DIP:" in output and "Demo consequence tests:" in output
    lists = UnitList.objects.filter(round__office__code=ROUND_OFFICE)
    assert set(lists.values_list("status", flat=True)) == set(ListStatus)
    assert set(ConsequenceTest.objects.values_list("status", flat=True)) == set(ConsequenceStatus)
    demo_items = InformationItem.objects.filter(office__code__in=DEMO_CODES)
    assert set(demo_items.values_list("status", flat=True)) == set(ItemStatus)
    assert set(Exemption.objects.values_list("status", flat=True)) == set(ExemptionStatus)
    before = counts()

    again = seed()

    assert "Demo DIP: 0 new" in again and "Demo consequence tests: 0 new" in again
    assert counts() == before


def test_bandung_lacks_one_mandatory_item_and_has_one_stale_the_others_are_covered(seeded: None) -> None:
    today = timezone.localdate()

    bandung = coverage_for(Office.objects.get(code="32.73"), today=today)
    by_status = {
        status: [line.key for line in bandung.mandatory if line.status == status] for status in (MISSING, STALE)
    }
    assert by_status == {MISSING: ["peringatan-dini"], STALE: ["laporan-keuangan"]}
    # Most Pasal 11 ayat (1) types are listed; an official's statement at a public meeting (f) is not.
    assert [line.key for line in bandung.types if line.status != PRESENT] == ["f"]
    for code in ("00", "32"):
        coverage = coverage_for(Office.objects.get(code=code), today=today)
        assert all(line.status == PRESENT for line in coverage.mandatory), code


def test_documents_are_real_pdfs_whose_words_the_search_text_holds(seeded: None) -> None:

    documents = ItemDocument.objects.filter(item__office__code="32.73").exclude(file="")
    assert documents.count() >= 10
    for document in documents:
        with document.file.open("rb") as handle:
            data = handle.read()
        assert data.startswith(b"%PDF-")
        assert hashlib.sha256(data).hexdigest() == document.sha256
        assert document.text.strip(), document.original_name
    # "Coblong" is only in the PDF of the voters' list, not in its title, summary or tags.
    voters = InformationItem.objects.get(office__code="32.73", title__startswith="Daftar pemilih tetap")
    assert "Coblong" not in f"{voters.title} {voters.summary} {voters.tags}"
    assert "Coblong" in voters.search_text
    assert InformationItem.objects.filter(office__code="32.73", documents__url__startswith="https://").exists()


def test_the_round_and_serta_merta_items_are_at_the_steps_their_people_act_on(seeded: None) -> None:

    lists = {row.status: row for row in UnitList.objects.filter(round__office__code=ROUND_OFFICE)}
    refresh = lists[ListStatus.OPEN].entries.get(kind="update", item__mandatory_item__key="laporan-keuangan")
    # The audited report waits for the Atasan PPID: not public, not searchable yet.
    pending = refresh.item.documents.get(approved_at__isnull=True)
    assert "wajar tanpa pengecualian" in pending.text
    assert "wajar tanpa pengecualian" not in refresh.item.search_text
    assert lists[ListStatus.ARRANGED].entries.exclude(correction="").exists()
    approved = lists[ListStatus.APPROVED].entries.get()
    assert approved.item.status == ItemStatus.PUBLISHED
    assert Event.objects.for_object(lists[ListStatus.APPROVED]).filter(event_type="dip.list_approved").exists()
    awaiting = InformationItem.objects.get(office__code="32.73", awaiting_review=True)
    assert awaiting.category == Category.SERTA_MERTA and awaiting.status == ItemStatus.PUBLISHED
    reviewed = InformationItem.objects.get(office__code="32", category=Category.SERTA_MERTA)
    assert not reviewed.awaiting_review
    assert Event.objects.for_object(reviewed).filter(event_type="dip.item_reviewed").exists()
    policy = Policy.objects.get(office__code="00", versions__version=2)
    assert list(policy.versions.order_by("version").values_list("version", flat=True)) == [1, 2]


def test_consequence_tests_and_exemptions_tell_the_whole_story(seeded: None) -> None:
    today = timezone.localdate()

    waiting = ConsequenceTest.objects.get(status=ConsequenceStatus.AT_PROVINCE)
    assert waiting.origin_office.code == "32.73" and waiting.office.code == "00"
    forwarded = ConsequenceTest.objects.get(status=ConsequenceStatus.SCREENING)
    assert forwarded.forwarded_by is not None and forwarded.forwarded_by.code == "32"
    closed = InformationItem.objects.get(office__code="00", title=CLOSED_ITEM.title)
    assert closed.category == Category.DIKECUALIKAN
    assert closed.exemption is not None and closed.exemption.national and closed.exemption.valid_until is None
    terbuka = ConsequenceTest.objects.get(status=ConsequenceStatus.DECIDED, conclusion=Conclusion.TERBUKA)
    assert not Exemption.objects.filter(test=terbuka).exists()
    flagged = Exemption.objects.get(review_flagged_at__isnull=False)
    assert flagged.status == ExemptionStatus.ACTIVE
    assert flagged.valid_until is not None and 0 < (flagged.valid_until - today).days <= 60
    expired = Exemption.objects.get(status=ExemptionStatus.EXPIRED)
    assert expired.valid_until is not None and expired.valid_until < today
    assert expired.review_tests.get().status == ConsequenceStatus.IN_TEST  # its review is under way
    revoked = Exemption.objects.get(status=ExemptionStatus.REVOKED)
    assert revoked.review_tests.get().exemption.status == ExemptionStatus.ACTIVE  # replaced by the review's
    unit_opinion = ConsequenceOpinion.objects.get(test__item=closed, kind="unit")
    assert unit_opinion.user is not None
    assert unit_opinion.user.memberships.filter(work_unit=closed.work_unit).exists()  # the item's own unit
    for test in ConsequenceTest.objects.all():
        assert Event.objects.for_object(test).filter(event_type="consequence_test.started").exists(), test


def test_bulk_rows_with_the_same_titles_do_not_stop_the_demo() -> None:
    """`seed_demo --scale` may have run first: its rows share titles like the DIP's own."""
    from ppid.demo.management.commands.seed_demo import Command

    Command()._seed_accounts()
    bandung = Office.objects.get(code="32.73")
    year = timezone.now().year
    InformationItem.objects.create(
        office=bandung,
        title=f"Daftar Informasi Publik KPU Kota Bandung tahun {year}",
        summary="Baris sintetis.",
        category=Category.SETIAP_SAAT,
        on_demand_type="a",
        work_unit=bandung.work_units.order_by("name")[0],
        responsible_official="Kepala Subbagian",
        year=year,
        status=ItemStatus.PUBLISHED,
        published_at=timezone.now(),
    )

    seed_catalogue(lambda _line: None)

    made = InformationItem.objects.filter(office=bandung, created_by__isnull=False)
    assert made.filter(status=ItemStatus.WITHDRAWN).exists()
    assert made.filter(title=f"Daftar Informasi Publik KPU Kota Bandung tahun {year}").exists()


def test_a_seed_run_in_a_later_year_adds_nothing(seeded: None) -> None:
    """Titles name the year ("… tahun 2026"); the seed still knows what it made."""
    before = counts()
    next_year = timezone.now() + datetime.timedelta(days=400)

    with mock.patch("django.utils.timezone.now", return_value=next_year):
        created = seed_catalogue(lambda _line: None)

    assert created == 0
    assert counts() == before
