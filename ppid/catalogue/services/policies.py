"""The Pembina PPID's policy directions (seed a.2): documents in versions with an effective date."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ppid.catalogue.models import Policy, PolicyVersion
from ppid.catalogue.services.common import POLICY_ISSUED, record, require
from ppid.offices.models import Office
from ppid.requests.validation import check_upload


def policy_issue(
    *,
    office: Office,
    actor: Any,
    title: str,
    effective_from: datetime.date,
    text: str = "",
    upload: Any = None,
    is_public: bool = True,
    policy: Policy | None = None,
) -> PolicyVersion:
    """A new policy, or a new version of one; earlier versions stay as they were."""
    require(actor, "policy:set", office)
    if policy is None and not title.strip():
        raise ValidationError({"title": _("Give the policy a title.")})
    if not text.strip() and upload is None:
        raise ValidationError({"text": _("Write the policy or upload its document.")})
    checked = check_upload(upload) if upload is not None else None
    with transaction.atomic():
        if policy is None:
            policy = Policy.objects.create(office=office, title=title.strip(), is_public=is_public)
        elif policy.office_id != office.pk:
            raise ValidationError(_("This policy belongs to another office."))
        latest = policy.versions.order_by("-version").values_list("version", flat=True).first() or 0
        version = PolicyVersion.objects.create(
            policy=policy,
            version=latest + 1,
            effective_from=effective_from,
            text=text.strip(),
            file=upload or "",
            sha256=checked.sha256 if checked else "",
            issued_by=actor,
        )
        record(
            policy,
            POLICY_ISSUED,
            actor=actor,
            permission="policy:set",
            office=office,
            after={"version": version.version, "effective_from": effective_from},
        )
    return version
