"""Seed the two rule sets of RULES.md §7. Values marked [verify] are data an administrator corrects."""

import datetime

from django.db import migrations

VERIFY = "[verify] From secondary sources (KPU/KI web pages); check against the regulation text."

NORMAL = (
    "UU KIP (normal)",
    "normal",
    "Undang-Undang No. 14 Tahun 2008 tentang Keterbukaan Informasi Publik",
    datetime.date(2010, 4, 30),
    [
        ("request_notice", 10, "Pasal 22 ayat (7) UU 14/2008", False, ""),
        (
            "request_extension",
            7,
            "Pasal 22 ayat (8) UU 14/2008",
            False,
            "Once, with a written reason; added after the original deadline.",
        ),
        ("completeness_notice", 3, "KPU practice (PKPU 22/2023) [verify]", True, VERIFY),
        ("completeness_completion", 3, "KPU practice (PKPU 22/2023) [verify]", True, VERIFY),
        ("objection_filing", 30, "Pasal 36 ayat (1) UU 14/2008", False, ""),
        ("objection_answer", 30, "Pasal 36 ayat (2) UU 14/2008", False, ""),
        ("dispute_filing", 14, "Pasal 37 ayat (2) UU 14/2008", False, ""),
        ("ki_settlement", 100, "Pasal 38 ayat (2) UU 14/2008", False, ""),
    ],
)
ELECTION = (
    "Perki 1/2019 (election stages)",
    "election",
    "Peraturan Komisi Informasi No. 1 Tahun 2019 (informasi Pemilu dan Pemilihan)",
    None,
    [
        ("request_notice", 3, "Pasal 12 Perki 1/2019 [verify]", True, VERIFY),
        ("request_extension", 2, "Pasal 12 Perki 1/2019 [verify]", True, VERIFY),
        ("completeness_notice", 3, "KPU practice (PKPU 22/2023) [verify]", True, VERIFY),
        ("completeness_completion", 3, "KPU practice (PKPU 22/2023) [verify]", True, VERIFY),
        ("objection_filing", 30, "Perki 1/2019 [verify]", True, VERIFY),
        ("objection_answer", 3, "Pasal 14 Perki 1/2019 [verify]", True, VERIFY),
        (
            "dispute_filing",
            14,
            "Perki 1/2019 [verify]",
            True,
            "[verify] No source found for this period during election stages; 14 (as UU KIP Pasal 37(2)) is a placeholder.",
        ),
        ("ki_settlement", 14, "Perki 1/2019 [verify]", True, VERIFY),
    ],
)


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    RuleSet = apps.get_model("workdays", "RuleSet")
    DeadlineRule = apps.get_model("workdays", "DeadlineRule")
    for name, kind, citation, valid_from, rules in (NORMAL, ELECTION):
        rule_set, _ = RuleSet.objects.get_or_create(
            name=name, defaults={"kind": kind, "citation": citation, "valid_from": valid_from}
        )
        for step, days, article, verify, note in rules:
            DeadlineRule.objects.get_or_create(
                rule_set=rule_set,
                step=step,
                defaults={"working_days": days, "citation": article, "needs_verification": verify, "note": note},
            )


def backwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    apps.get_model("workdays", "RuleSet").objects.filter(name__in=[NORMAL[0], ELECTION[0]]).delete()


class Migration(migrations.Migration):
    dependencies = [("workdays", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
