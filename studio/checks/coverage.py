"""I410: knowledge brands that no rule and no conversation test mentions.

Such a brand is only reachable through `SUGGEST_BRANDS` / `CAPTURE` — often
fine, but also how a brand added to the knowledge and forgotten in the
dialogue shows up. A brand counts as mentioned when its name or one of its
aliases occurs, in any case, anywhere in a string, a rule or intent name of
any rule file, or in the text of a conversation test.

The knowledge package owns positions in knowledge files: `check` takes a
`knowledge_locator(category, brand) -> (file, span)`; without one the
diagnostic points at file `knowledge`, line 1, column 1.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from operator import attrgetter

from studio.checks.report import report
from studio.checks.similarity import fold
from studio.checks.view import ProjectView
from studio.diagnostics import Diagnostic, Span
from studio.dsl import ast
from studio.i18n import _

FALLBACK_FILE = "knowledge"


def unmentioned_brands(view: ProjectView) -> Iterator[Diagnostic]:
    """Brands of the knowledge that nothing in the project names (I410)."""
    names = {fold(n) for n in view.catalog.brand_names}
    mentioned = _found_in(fold("\n".join(_texts(view))), names)
    for category in view.knowledge.categories.values():
        for brand in category.brands.values():
            if any(fold(n) in mentioned for n in (brand.name, *brand.aliases)):
                continue
            file, span = (view.knowledge_locator(category.name, brand.name) if view.knowledge_locator
                          else (FALLBACK_FILE, Span.point()))
            yield report("I410", _("brand '{brand}' ({category}) is not mentioned by any rule or test").format(
                brand=brand.name, category=category.name), span, file)


def _texts(view: ProjectView) -> Iterator[str]:
    for program in view.programs:
        for node in (*program.intents, *program.sales_stages,
                     *(f for persona in program.personas for f in persona.fields)):
            for value in vars(node).values():
                for item in value if isinstance(value, tuple) else (value,):
                    if isinstance(item, (ast.StringLit, ast.Name)):
                        yield item.value if isinstance(item, ast.StringLit) else item.text
    yield from (located.rule.name.text for located in view.rules)
    for kind, found in view.by_kind.items():
        for field, text_of in _text_fields(kind):   # one comprehension per kind and field: fast
            values = map(attrgetter("node." + field), found)
            yield from [text_of(value) for value in values if value is not None]
    yield from view.extra_mentions


@lru_cache(maxsize=None)
def _text_fields(kind: type) -> tuple[tuple[str, Callable[[object], str]], ...]:
    """The fields of a condition or action class that hold a string or a name, with
    how to read their text (from the class's annotations)."""
    fields = []
    for name, annotation in kind.__annotations__.items():
        if "StringLit" in str(annotation):
            fields.append((name, attrgetter("value")))
        elif "Name" in str(annotation):
            fields.append((name, attrgetter("text")))
    return tuple(fields)


def _found_in(text: str, names: set[str]) -> set[str]:
    """The names that occur in `text`.

    One regex pass over the text with the names as a trie-shaped pattern
    (longest match first); a match also stands for the names inside it
    ("redmi" holds "mi"). A name starting inside a match and ending after it
    is missed, which costs at most a spurious info.
    """
    if not names or not text:
        return set()
    pattern, inside = _scanner(tuple(sorted(names)))
    found = set(pattern.findall(text))
    return found.union(*(inside[name] for name in found))


@lru_cache(maxsize=4)
def _scanner(names: tuple[str, ...]) -> tuple[re.Pattern, dict[str, set[str]]]:
    known = set(names)
    inside = {name: {name[i:j] for i in range(len(name)) for j in range(i + 1, len(name) + 1)} & known
              for name in names}
    return re.compile(_trie_pattern(names)), inside


def _trie_pattern(words: Iterable[str]) -> str:
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _pattern(trie)


def _pattern(node: dict) -> str:
    ends_here = "" in node
    branches = [re.escape(ch) + _pattern(child) for ch, child in node.items() if ch != ""]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends_here:
        return "(?:" + body + ")?" if len(branches) == 1 else body + "?"
    return body
