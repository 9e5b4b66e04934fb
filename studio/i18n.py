"""The language of every text the core shows a user: diagnostics, traces, validation, test failures, the CLI.

English is the source language: messages are written in English in the code and
wrapped in `_()`; the catalogs under `studio/locale/` (gettext `.po`, compiled to
`.mo`, both committed) give them in Chinese. `python -m studio.catalogs` extracts,
updates and compiles them (docs/languages.md).

The language is chosen once per process (`--lang`, else `RULE_STUDIO_LANG`, else
the locale) and may be switched later (the studio's Preferences). A message is
translated when it is made, so a switch shows in what is made afterwards: the
studio re-checks the project, and caches of made messages key on `language()`.
"""
from __future__ import annotations

import gettext
import os
from pathlib import Path

DOMAIN = "studio"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
LANGUAGES = ("zh", "en")
CATALOG_LOCALES = {"zh": "zh_CN", "en": "en"}
"""The catalog folder of each language (`studio/locale/<folder>/LC_MESSAGES/studio.mo`)."""

_state: dict = {"language": None, "translation": None}


def resolve(requested: str | None = None, environ: dict | None = None) -> str:
    """`requested` (from `--lang`), else `RULE_STUDIO_LANG`, else the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`).

    Anything that is not Chinese is English. Raises ValueError for a `requested`
    language we do not have; an unknown `RULE_STUDIO_LANG` falls through to the locale.
    """
    if requested is not None:
        language = normalise(requested)
        if language is None:
            raise ValueError(requested)
        return language
    environ = os.environ if environ is None else environ
    chosen = normalise(environ.get("RULE_STUDIO_LANG", ""))
    if chosen is not None:
        return chosen
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(variable, "")
        if value:   # the first one set decides, as in POSIX
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def normalise(name: str) -> str | None:
    """'zh', 'zh_CN', 'zh-CN.UTF-8', 'Chinese' → 'zh'; 'en', 'en_US', 'C' → 'en'; anything else None."""
    lowered = name.strip().lower()
    if lowered.startswith("zh") or lowered == "chinese":
        return "zh"
    if lowered.startswith("en") or lowered in ("c", "posix", "english") or lowered.startswith("c."):
        return "en"
    return None


def set_language(language: str) -> None:
    """Make `language` ('zh' or 'en') the language of every message made from now on."""
    if language not in LANGUAGES:
        raise ValueError(language)
    translation = gettext.translation(DOMAIN, str(LOCALE_DIR), languages=[CATALOG_LOCALES[language]],
                                      fallback=True)
    _state.update(language=language, translation=translation)


def language() -> str:
    """The current language; chosen from the environment the first time it is asked."""
    if _state["language"] is None:
        set_language(resolve())
    return _state["language"]


def _translation() -> gettext.NullTranslations:
    language()
    return _state["translation"]


def _(message: str) -> str:
    """`message` in the current language. Format after translating: `_("{n} rules").format(n=3)`."""
    return _translation().gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form for `count` in the current language (Chinese has one form)."""
    return _translation().ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Marks a message for the catalogs without translating it now: for tables made at import time,
    whose entries are translated with `_()` where they are shown."""
    return message
