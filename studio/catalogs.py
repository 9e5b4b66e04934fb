"""The message catalogs of the core: extract, update, compile and check them with Babel.

    python -m studio.catalogs update    # sources → studio/locale/studio.pot → each language's .po
    python -m studio.catalogs compile   # each .po → its .mo (what `studio.i18n` reads at run time)
    python -m studio.catalogs check     # what tests/i18n asserts: nothing missing, fuzzy or stale

English is the source language, so the English catalog's translations are the
messages themselves (written by `update`); the Chinese one is translated by hand,
and `update` marks a message whose English changed as fuzzy until it is looked at.
Babel is a development tool here: the installed studio needs only the `.mo` files.
"""
from __future__ import annotations

import io
import sys
from datetime import datetime, timezone
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from studio.i18n import CATALOG_LOCALES, DOMAIN, LOCALE_DIR

PACKAGE = Path(__file__).resolve().parent
TEMPLATE = LOCALE_DIR / f"{DOMAIN}.pot"
# Fixed dates keep the headers, and so `git diff`, quiet when only messages change.
STAMP = datetime(2026, 11, 30, tzinfo=timezone.utc)
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
# The window's texts go through Qt's own catalogs (studio/ui/translations); the catalogs tool is not a message.
METHODS = [("ui/**", "ignore"), ("catalogs.py", "ignore"), ("**.py", "python")]


def catalog_path(language: str, suffix: str = ".po") -> Path:
    return LOCALE_DIR / CATALOG_LOCALES[language] / "LC_MESSAGES" / f"{DOMAIN}{suffix}"


def extract() -> Catalog:
    """Every message of the core's sources, with the places that use it."""
    template = Catalog(project="rule-studio", domain=DOMAIN, charset="utf-8", creation_date=STAMP,
                       revision_date=STAMP)
    for filename, line, message, comments, context in extract_from_dir(
            str(PACKAGE), method_map=METHODS, keywords=KEYWORDS, comment_tags=("TRANSLATORS:",),
            strip_comment_tags=True):
        template.add(message, None, [(f"studio/{filename}", line)], auto_comments=comments, context=context)
    return template


def read(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=locale, domain=DOMAIN)


def write(path: Path, catalog: Catalog) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, sort_output=True, omit_header=False, include_previous=True)
    path.write_bytes(buffer.getvalue())


def update() -> None:
    template = extract()
    write(TEMPLATE, template)
    for language, locale in CATALOG_LOCALES.items():
        path = catalog_path(language)
        catalog = read(path, locale) if path.exists() else Catalog(
            locale=locale, domain=DOMAIN, charset="utf-8", creation_date=STAMP, revision_date=STAMP)
        catalog.update(template, update_header_comment=False)
        if language == "en":   # the source language translates every message to itself
            for message in catalog:
                if message.id:
                    message.string = message.id
                    message.flags.discard("fuzzy")
        catalog.obsolete.clear()   # a message the code no longer says is gone from the catalog too
        write(path, catalog)


def compiled(language: str) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, read(catalog_path(language), CATALOG_LOCALES[language]))
    return buffer.getvalue()


def compile_all() -> None:
    for language in CATALOG_LOCALES:
        catalog_path(language, ".mo").write_bytes(compiled(language))


def problems() -> list[str]:
    """Why the catalogs are not ready to ship: untranslated, fuzzy, missing or stale entries."""
    found = []
    wanted = {message.id for message in extract() if message.id}
    for language, locale in CATALOG_LOCALES.items():
        path = catalog_path(language)
        if not path.exists():
            found.append(f"{path}: missing")
            continue
        catalog = read(path, locale)
        have = {message.id for message in catalog if message.id}
        found += [f"{path}: not in the catalog: {_show(m)}" for m in sorted(wanted - have, key=str)]
        found += [f"{path}: no longer in the code: {_show(m)}" for m in sorted(have - wanted, key=str)]
        for message in catalog:
            if not message.id:
                continue
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            if not all(strings):
                found.append(f"{path}: untranslated: {_show(message.id)}")
            if message.fuzzy:
                found.append(f"{path}: fuzzy: {_show(message.id)}")
        mo = catalog_path(language, ".mo")
        if not mo.exists() or mo.read_bytes() != compiled(language):
            found.append(f"{mo}: not compiled from the .po (python -m studio.catalogs compile)")
    return found


def _show(message_id) -> str:
    return repr(message_id[0] if isinstance(message_id, tuple) else message_id)


def main(argv: list[str]) -> int:
    action = argv[0] if argv else "check"
    if action == "update":
        update()
    elif action == "compile":
        compile_all()
    elif action == "check":
        found = problems()
        print("\n".join(found) or "the catalogs are complete")
        return 1 if found else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
