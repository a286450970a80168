"""The Indonesian catalogue is complete and compiled: Bahasa Indonesia is the default language."""

from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parent.parent / "ppid" / "locale" / "id" / "LC_MESSAGES"


def test_every_message_has_an_indonesian_translation() -> None:
    po = polib.pofile(str(LOCALE / "django.po"))
    untranslated = [entry.msgid for entry in po.untranslated_entries()]
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    assert untranslated == []
    assert fuzzy == []


def test_the_compiled_catalogue_matches_the_source() -> None:
    po = {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural.get(0, "") for e in polib.pofile(str(LOCALE / "django.po"))}
    mo = {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural.get(0, "") for e in polib.mofile(str(LOCALE / "django.mo"))}
    assert po == mo


def test_no_guessed_translation_is_left_in_the_catalogue() -> None:
    # msgmerge marks a guess from a similar msgid with "#| msgid"; such guesses are often wrong.
    assert "#| msgid" not in (LOCALE / "django.po").read_text(encoding="utf-8")
