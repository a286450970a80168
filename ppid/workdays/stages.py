"""Tahapan Pemilu/Pemilihan: while a stage runs, the election rule set (Perki 1/2019) governs its offices."""

from __future__ import annotations

import datetime
from collections.abc import Collection
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ppid.accounts.roles import Role
from ppid.events.registry import register_event_type
from ppid.events.services import event_record, snapshot
from ppid.offices.models import Office
from ppid.workdays.models import ElectionStage, RuleSet
from ppid.workdays.recompute import deadlines_recompute
from ppid.workdays.selectors import national_office
from ppid.workdays.services import _apply, _check_fields, _require

ELECTION_STAGE_CREATED = register_event_type("election_stage.created", gettext_lazy("Election stage added"))
ELECTION_STAGE_UPDATED = register_event_type("election_stage.updated", gettext_lazy("Election stage corrected"))
ELECTION_STAGE_REMOVED = register_event_type("election_stage.removed", gettext_lazy("Election stage removed"))
ELECTION_STAGE_FIELDS = ["name", "kind", "starts_on", "ends_on", "all_offices", "rule_set"]


def _stage_offices(stage: ElectionStage) -> list[int] | None:
    if stage.all_offices:
        return None
    ids: set[int] = set()
    for office in stage.offices.all():
        ids.add(office.pk)
        ids.update(office.descendants().values_list("pk", flat=True))
    return sorted(ids)


def election_stage_create(
    *,
    actor: Any,
    name: str,
    kind: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    all_offices: bool = False,
    offices: Collection[Office] = (),
    rule_set: RuleSet | None = None,
) -> ElectionStage:
    """Record a tahapan Pemilu/Pemilihan: the election rule set governs the offices it covers meanwhile."""
    national = national_office()
    _require(actor, national)
    stage = ElectionStage(
        name=name, kind=kind, starts_on=starts_on, ends_on=ends_on, all_offices=all_offices, rule_set=rule_set
    )
    stage.full_clean()
    with transaction.atomic():
        stage.save()
        stage.offices.set(offices)
        event_record(
            event_type=ELECTION_STAGE_CREATED,
            obj=stage,
            actor=actor,
            actor_role=Role.SYSADMIN,
            office=national,
            after={**snapshot(stage, ELECTION_STAGE_FIELDS), "offices": sorted(o.code for o in offices)},
        )
        deadlines_recompute(
            affected_office_ids=_stage_offices(stage),
            reason=_("Election stage added: %(name)s") % {"name": name},
            actor=actor,
        )
    return stage


def election_stage_update(
    *,
    actor: Any,
    stage: ElectionStage,
    changes: dict[str, Any],
    offices: Collection[Office] | None = None,
    note: str = "",
) -> ElectionStage:
    _check_fields(changes, ELECTION_STAGE_FIELDS)
    national = national_office()
    _require(actor, national)
    with transaction.atomic():
        locked = ElectionStage.objects.select_for_update().get(pk=stage.pk)
        affected_before = _stage_offices(locked)
        before, after = _apply(locked, changes)
        old_codes = sorted(locked.offices.values_list("code", flat=True))
        if offices is not None:
            before["offices"], after["offices"] = old_codes, sorted(o.code for o in offices)
        if before == after:
            return locked
        locked.full_clean()
        if changes:
            locked.save(update_fields=list(changes))
        if offices is not None:
            locked.offices.set(offices)
        event_record(
            event_type=ELECTION_STAGE_UPDATED,
            obj=locked,
            actor=actor,
            actor_role=Role.SYSADMIN,
            office=national,
            before=before,
            after=after,
            note=note,
        )
        affected_after = _stage_offices(locked)
        affected = (
            None if affected_before is None or affected_after is None else sorted({*affected_before, *affected_after})
        )
        deadlines_recompute(
            affected_office_ids=affected,
            reason=_("Election stage corrected: %(name)s") % {"name": locked.name},
            actor=actor,
        )
    return locked


def election_stage_remove(*, actor: Any, stage: ElectionStage, note: str = "") -> None:
    national = national_office()
    _require(actor, national)
    with transaction.atomic():
        locked = ElectionStage.objects.select_for_update().get(pk=stage.pk)
        affected = _stage_offices(locked)
        event_record(
            event_type=ELECTION_STAGE_REMOVED,
            obj=locked,
            actor=actor,
            actor_role=Role.SYSADMIN,
            office=national,
            before=snapshot(locked, ELECTION_STAGE_FIELDS),
            note=note,
        )
        locked.delete()
        deadlines_recompute(
            affected_office_ids=affected,
            reason=_("Election stage removed: %(name)s") % {"name": locked.name},
            actor=actor,
        )
