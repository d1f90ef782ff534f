"""Every user-visible message has a Norwegian translation, in bokmål and in nynorsk
(issue 10, deliver 4: "a test fails when a template or message has no translation").

The messages are extracted the way Django does it for translators (``makemessages``:
xgettext over the Python code and Django's template lexer over the templates), from a
copy of the package so the committed catalogue is not touched; GNU gettext's
``msgattrib`` then lists what is untranslated or only fuzzily matched in each Norwegian
catalogue (``nb`` bokmål, ``nn`` nynorsk).
``make gettext`` (part of ``make test``) installs Debian's gettext when it is missing.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
TOOLS = ("xgettext", "msgmerge", "msguniq", "msgattrib")
#: The languages besides English (the source language) and their names in the messages.
CATALOGUES = {"nb": "bokmål", "nn": "nynorsk"}


def _msgids(po_text: str) -> list[str]:
    ids = []
    for block in po_text.split("\n\n"):
        match = re.search(r'^msgid ((?:".*"\n?)+)', block, re.M)
        if match:
            text = "".join(re.findall(r'"(.*)"', match.group(1)))
            if text:
                ids.append(text)
    return ids


@pytest.mark.parametrize("locale", sorted(CATALOGUES))
def test_every_message_has_a_norwegian_translation(tmp_path, locale):
    missing_tools = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing_tools:
        pytest.fail(f"GNU gettext is missing ({', '.join(missing_tools)}): run `make gettext`")
    copy = tmp_path / "src"
    shutil.copytree(
        REPO / "src", copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo", "*.egg-info")
    )
    env = {
        **os.environ,
        "PYTHONPATH": str(copy),
        "HELDIGITAL_DATA_DIR": str(tmp_path / "data"),
    }
    env.pop("DATABASE_URL", None)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "django",
            "makemessages",
            "--locale",
            locale,
            "--no-obsolete",
            "--settings",
            "heldigital.platform.settings",
        ],
        cwd=copy,
        env=env,
        check=True,
        capture_output=True,
        timeout=600,
    )
    catalogue = copy / "heldigital" / "locale" / locale / "LC_MESSAGES" / "django.po"
    untranslated = subprocess.run(
        ["msgattrib", "--untranslated", "--no-obsolete", str(catalogue)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    fuzzy = subprocess.run(
        ["msgattrib", "--only-fuzzy", "--no-obsolete", str(catalogue)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    total = len(_msgids(catalogue.read_text(encoding="utf-8")))
    problems = [f"untranslated: {m}" for m in _msgids(untranslated)]
    problems += [f"no exact translation (fuzzy): {m}" for m in _msgids(fuzzy)]
    language = CATALOGUES[locale]
    print(f"\n{language} catalogue: {total} messages, {len(problems)} without a translation")
    assert total > 1000, "the extraction found too few messages: is makemessages working?"
    assert not problems, (
        f"messages without a {language} translation (add them to "
        f"src/heldigital/locale/{locale}/LC_MESSAGES/django.po and compile it):\n"
        + "\n".join(problems)
    )


@pytest.mark.parametrize("locale", sorted(CATALOGUES))
def test_the_compiled_catalogue_matches_its_source(tmp_path, locale):
    """The ``.mo`` the platform loads says what the ``.po`` says (nobody forgot to compile)."""
    import gettext

    if shutil.which("msgfmt") is None:
        pytest.fail("GNU gettext is missing (msgfmt): run `make gettext`")
    messages = REPO / "src" / "heldigital" / "locale" / locale / "LC_MESSAGES"
    fresh = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "--check", "-o", str(fresh), str(messages / "django.po")], check=True)
    with (messages / "django.mo").open("rb") as committed, fresh.open("rb") as compiled:
        assert gettext.GNUTranslations(committed)._catalog == (
            gettext.GNUTranslations(compiled)._catalog
        ), f"{locale}/LC_MESSAGES/django.mo is out of date: msgfmt -o django.mo django.po"


#: Words that are bokmål and never nynorsk: a nynorsk message that has one was copied
#: from the bokmål catalogue instead of translated (nynorsk: ikkje, kva, kven, kvar,
#: korleis, kvifor, nokon, noko, frå, eg, tilbod, anskaffing, verksemd, oppdragsgjevar,
#: kunngjering, vart, viss, enno, teneste).
BOKMAL_ONLY = re.compile(
    r"\b(ikke|hva|hvem|hvor|hvordan|hvorfor|noen|noe|fra|jeg|tilbud|tilbudet|tilbudene"
    r"|anskaffelse|anskaffelsen|anskaffelser|virksomhet|virksomheten|oppdragsgiver"
    r"|oppdragsgiveren|kunngjøring|kunngjøringen|kunngjøringer|ble|hvis|ennå|hensikt"
    r"|tjeneste|tjenesten|tjenester)\b",
    re.IGNORECASE,
)
#: Norwegian names kept as they are written (a law, a complaints board).
PROPER_NAMES = re.compile(r"Klagenemnda for offentlige anskaffelser")


def test_the_nynorsk_catalogue_is_nynorsk():
    """A message in the nynorsk catalogue is not bokmål pasted in to silence the test above."""
    catalogue = REPO / "src" / "heldigital" / "locale" / "nn" / "LC_MESSAGES" / "django.po"
    copied = []
    for block in catalogue.read_text(encoding="utf-8").split("\n\n"):
        for match in re.finditer(r'^msgstr(?:\[\d\])? ((?:".*"\n?)+)', block, re.M):
            text = PROPER_NAMES.sub("", "".join(re.findall(r'"(.*)"', match.group(1))))
            if BOKMAL_ONLY.search(text):
                copied.append(text)
    assert not copied, "bokmål in the nynorsk catalogue:\n" + "\n".join(copied)
