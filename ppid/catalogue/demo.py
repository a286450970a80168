"""Demo DIP for `seed_demo`, through the catalogue's services, at the three demo offices.

Each office's existing list is imported by its PPID (berkala items for the mandatory keys,
setiap-saat items for most Pasal 11 ayat (1) types), with real small PDFs or links as documents,
then dated back to when it was published (demo only; events keep today's date). At KPU Kota
Bandung one mandatory item is missing and one stale, a serta-merta item waits for the Atasan's
review, an item was withdrawn, and a collection round has unit lists in every status. KPU RI has
a policy in two versions. National volumes for benchmarks are in `demo_bulk`.

Safe to run again: a part already seeded (found by its import event, title or name) is skipped.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.text import slugify

from ppid.accounts.models import AccountKind, RoleMembership, User
from ppid.accounts.roles import Role
from ppid.accounts.services import membership_grant
from ppid.catalogue.demo_content import (
    CLOSED_ITEM,
    DEMO_ITEMS,
    POLICY_TITLE,
    POLICY_VERSIONS,
    ROUND_LISTS,
    SECOND_POLICY_TEXT,
    SECOND_POLICY_TITLE,
    SERTA_MERTA,
    STALE_DAYS_AGO,
    STALE_MANDATORY,
    WITHDRAWN,
    WITHDRAWN_REASON,
    DemoItem,
    demo_pdf,
    fill,
)
from ppid.catalogue.models import CollectionRound, InformationItem, ItemDocument, MandatoryItem, Policy, UnitList
from ppid.catalogue.services import (
    ItemData,
    item_add_document,
    item_publish_immediately,
    item_review,
    item_withdraw,
    items_import,
    policy_issue,
    round_open,
    unit_list_add_new,
    unit_list_add_update,
    unit_list_approve,
    unit_list_arrange,
    unit_list_correct,
    unit_list_submit,
)
from ppid.catalogue.services.common import ITEMS_IMPORTED
from ppid.catalogue.workflow import Category, ItemStatus, ListStatus
from ppid.events.models import Event
from ppid.offices.models import Office, WorkUnit
from ppid.requests.demo import DEMO_OFFICES

ROUND_OFFICE = "32.73"  # where the demo collection round runs, with the stale and the missing item
ROUND_PREFIX = "Semester "


def _actor(username: str) -> User:
    return User.objects.get(username=username)


def _unit(office: Office, word: str) -> WorkUnit:
    units = office.work_units.filter(is_active=True).order_by("name")
    unit = units.filter(name__icontains=word).first() or units.filter(is_legal_unit=False).first()
    assert unit is not None, f"{office} has no work unit"
    return unit


def _data(office: Office, template: DemoItem, year: int, unit: WorkUnit | None = None) -> ItemData:
    unit = unit or _unit(office, template.unit)
    mandatory = MandatoryItem.objects.get(key=template.mandatory) if template.mandatory else None
    item_year = int(fill(template.year, office=office.name, year=year))
    return ItemData(
        title=fill(template.title, office=office.name, year=year),
        summary=fill(template.summary, office=office.name, year=year),
        category=template.category,
        work_unit=unit,
        responsible_official=f"Kepala {unit.name}",
        year=item_year,
        on_demand_type=template.on_demand_type,
        mandatory_item=mandatory,
        made_when=str(item_year),
        made_where=office.name,
        format="Tautan" if template.url else "PDF",
        retention_period="10 tahun" if template.category == Category.BERKALA else "5 tahun",
        tags=template.tags,
    )


def _upload(office: Office, template: DemoItem, year: int) -> SimpleUploadedFile | None:
    if not template.document:
        return None
    title = fill(template.title, office=office.name, year=year)
    body = fill(template.document, office=office.name, year=year)
    name = f"{slugify(title)[:60]}.pdf"
    return SimpleUploadedFile(name, demo_pdf(title, body), content_type="application/pdf")


def _seeded() -> QuerySet[InformationItem]:
    """Items made through the services (they record who made them): bulk rows, which have no creator
    and may carry the same titles, never count as the demo already seeded."""
    return InformationItem.objects.filter(created_by__isnull=False)


def _date_back(item: InformationItem, days: int) -> None:
    """Demo only: as if published (and its documents uploaded) `days` ago; its events keep today's date."""
    moment = timezone.now() - datetime.timedelta(days=days)
    day = moment.astimezone(item.office.zoneinfo).date()
    InformationItem.objects.filter(pk=item.pk).update(published_at=moment, refreshed_on=day)
    ItemDocument.objects.filter(item=item).update(uploaded_at=moment, approved_at=moment)


def _seed_list(office: Office, suffix: str, year: int) -> int:
    """The office's existing DIP, imported by its PPID (seed d.3), with documents, dated back."""
    source = f"DIP {office.name} (demo).xlsx"
    # The import's event names its source: unlike the titles, it does not change with the year.
    if Event.objects.for_object(office).filter(event_type=ITEMS_IMPORTED, payload__source=source).exists():
        return 0
    templates = [t for t in (*DEMO_ITEMS, WITHDRAWN, CLOSED_ITEM) if office.code in t.offices]
    ppid = _actor(f"ppid.{suffix}")
    with transaction.atomic():
        rows = [_data(office, template, year) for template in templates]
        items = items_import(office=office, actor=ppid, rows=rows, source_name=source)
        for item, template in zip(items, templates, strict=True):
            upload = _upload(office, template, year)
            if upload is not None or template.url:
                item_add_document(item=item, actor=ppid, upload=upload, url=template.url)
            stale = office.code == ROUND_OFFICE and template.mandatory == STALE_MANDATORY
            _date_back(item, STALE_DAYS_AGO if stale else template.days_ago)
            if template is WITHDRAWN:
                item_withdraw(item=item, actor=ppid, reason=WITHDRAWN_REASON)
    return len(items)


def _seed_serta_merta(year: int) -> int:
    """Serta-merta information published at once by the PPID (Pasal 10), one still awaiting review."""
    created = 0
    suffixes = {code: suffix for suffix, code in DEMO_OFFICES.items()}
    for code, template, reviewed in SERTA_MERTA:
        office = Office.objects.get(code=code)
        data = _data(office, template, year)
        if _seeded().filter(office=office, title=data.title).exists():
            continue
        with transaction.atomic():
            item = item_publish_immediately(
                office=office, actor=_actor(f"ppid.{suffixes[code]}"), data=data, upload=_upload(office, template, year)
            )
            if reviewed:
                item_review(item=item, actor=_actor(f"atasan.{suffixes[code]}"), note="Sudah sesuai; tetap diumumkan.")
        created += 1
    return created


def demo_liaison(office: Office, suffix: str, unit: WorkUnit) -> User:
    """The demo liaison team member of `unit` (seed e.2); units beyond the one of seed_demo's account
    get their own, `penghubung.<office>.<unit>`, with the demo password."""
    found = (
        RoleMembership.objects.filter(
            office=office, role=Role.TIM_PENGHUBUNG, work_unit=unit, user__username__startswith=f"penghubung.{suffix}"
        )
        .select_related("user")
        .first()
    )
    if found is not None:
        return found.user
    from ppid.demo.management.commands.seed_demo import DEMO_PASSWORD  # the command imports this module

    username = f"penghubung.{suffix}.{slugify(unit.name.split()[1])}"
    user, created = User.objects.get_or_create(
        username=username, defaults={"full_name": f"Tim Penghubung {unit.name}", "kind": AccountKind.STAFF}
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.email = f"{username}@demo.ppid.invalid"
        user.save()
    membership_grant(actor=None, user=user, office=office, role=Role.TIM_PENGHUBUNG, work_unit=unit)
    return user


def _seed_round(office: Office, suffix: str, year: int) -> int:
    """A collection round (seed d.2) whose unit lists stand open, submitted, arranged and approved."""
    if CollectionRound.objects.filter(office=office, name__startswith=ROUND_PREFIX).exists():
        return 0
    ppid, atasan = _actor(f"ppid.{suffix}"), _actor(f"atasan.{suffix}")
    today = timezone.now().astimezone(office.zoneinfo).date()
    name = f"{ROUND_PREFIX}{'I' if today.month <= 6 else 'II'} {today.year}"
    with transaction.atomic():
        collection = round_open(office=office, actor=ppid, name=name, due_on=today + datetime.timedelta(days=14))
        for word, (status, template) in ROUND_LISTS.items():
            unit = _unit(office, word)
            unit_list = collection.unit_lists.get(work_unit=unit)
            liaison = demo_liaison(office, suffix, unit)
            entry = unit_list_add_new(
                unit_list=unit_list,
                actor=liaison,
                data=_data(office, template, year, unit=unit),
                upload=_upload(office, template, year),
                note="Diusulkan untuk dimuat dalam DIP semester ini.",
            )
            _propose_update(unit_list, liaison, status)
            if status == ListStatus.OPEN:
                continue
            unit_list_submit(unit_list=unit_list, actor=liaison)
            if status == ListStatus.SUBMITTED:
                continue
            unit_list_arrange(unit_list=unit_list, actor=ppid, note="Sudah ditata dan disimpan.")
            if status == ListStatus.ARRANGED:
                unit_list_correct(
                    entry=entry,
                    actor=atasan,
                    changes={"tags": f"{entry.item.tags}, PSU"},
                    correction="Kata kunci PSU ditambahkan agar mudah dicari.",
                )
                continue
            unit_list_approve(unit_list=unit_list, actor=atasan)
    return len(ROUND_LISTS)


# Updates of published items proposed in the round: (which item of the unit, what is added to its
# summary, the new document version's text). The new version waits for the Atasan PPID's approval.
ROUND_UPDATES: dict[ListStatus, tuple[dict[str, str], str, str]] = {
    ListStatus.OPEN: (
        {"mandatory_item__key": STALE_MANDATORY},
        "Diperbarui dengan laporan yang telah diaudit.",
        "Laporan keuangan yang telah diaudit: opini wajar tanpa pengecualian, dengan catatan atas neraca.",
    ),
    ListStatus.ARRANGED: (
        {"on_demand_type": "e"},
        "Termasuk adendum perpanjangan kerja sama.",
        "Adendum memperpanjang kerja sama pendidikan pemilih pemula selama dua tahun.",
    ),
}


def _propose_update(unit_list: UnitList, liaison: User, status: ListStatus) -> None:
    """The open list refreshes the stale mandatory item; the arranged one extends a published item."""
    if status not in ROUND_UPDATES:
        return
    lookup, addition, document = ROUND_UPDATES[status]
    published = _seeded().filter(work_unit=unit_list.work_unit, status=ItemStatus.PUBLISHED)
    item = published.filter(**lookup).order_by("pk").first()
    if item is not None:
        upload = SimpleUploadedFile(
            f"{slugify(item.title)[:50]}-pembaruan.pdf", demo_pdf(item.title, document), content_type="application/pdf"
        )
        unit_list_add_update(
            unit_list=unit_list,
            actor=liaison,
            item=item,
            changes={"summary": f"{item.summary} {addition}"},
            note="Pembaruan semester ini.",
            upload=upload,
        )


def _seed_policies(office: Office, suffix: str, year: int) -> int:
    """The Pembina PPID's policy directions (seed a.2): one in two versions, one in its first."""
    pembina = _actor(f"pembina.{suffix}")
    created = 0
    if not Policy.objects.filter(office=office, title=POLICY_TITLE).exists():
        with transaction.atomic():
            first = policy_issue(
                office=office,
                actor=pembina,
                title=POLICY_TITLE,
                effective_from=datetime.date(year - 2, 1, 2),
                text=POLICY_VERSIONS[0],
            )
            upload = SimpleUploadedFile(
                "arah-kebijakan-v2.pdf", demo_pdf(POLICY_TITLE, POLICY_VERSIONS[1]), content_type="application/pdf"
            )
            policy_issue(
                office=office,
                actor=pembina,
                title="",
                policy=first.policy,
                effective_from=datetime.date(year, 1, 2),
                text=POLICY_VERSIONS[1],
                upload=upload,
            )
        created += 1
    if not Policy.objects.filter(office=office, title=SECOND_POLICY_TITLE).exists():
        policy_issue(
            office=office,
            actor=pembina,
            title=SECOND_POLICY_TITLE,
            effective_from=datetime.date(year - 1, 7, 1),
            text=SECOND_POLICY_TEXT,
        )
        created += 1
    return created


def seed_catalogue(write: Callable[[str], Any] = print) -> int:
    """The hook for seed_demo (after the demo staff): the demo DIP, round and policies. Returns the
    number of new items, serta-merta items, round lists and policies (0 when run again)."""
    year = timezone.now().year
    created = 0
    for suffix, code in DEMO_OFFICES.items():
        created += _seed_list(Office.objects.get(code=code), suffix, year)
    created += _seed_serta_merta(year)
    round_suffix = next(suffix for suffix, code in DEMO_OFFICES.items() if code == ROUND_OFFICE)
    created += _seed_round(Office.objects.get(code=ROUND_OFFICE), round_suffix, year)
    created += _seed_policies(Office.objects.get(code=DEMO_OFFICES["ri"]), "ri", year)
    demo_items = _seeded().filter(office__code__in=DEMO_OFFICES.values())
    statuses = {s.value: demo_items.filter(status=s).count() for s in ItemStatus}
    lists = {s.value: UnitList.objects.filter(round__office__code=ROUND_OFFICE, status=s).count() for s in ListStatus}
    write(f"Demo DIP: {created} new; items at the demo offices by status: {statuses}; unit lists: {lists}")
    liaisons = User.objects.filter(username__startswith=f"penghubung.{round_suffix}.").order_by("username")
    for user in liaisons:
        write(f"  {user.username:<40} Tim Penghubung ({user.full_name.removeprefix('Tim Penghubung ')})")
    return created
