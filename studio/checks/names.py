"""E200 / E201 / E202 / W220 / W230: knowledge names in the places typed to hold one.

Those places are `ADD_TO_CHAIN <slot> "x"` and `CONTEXT_EQ current_<slot>
"x"`. The engine stores the value as written and looks it up exactly, so a
name the knowledge does not have means a product chain that leads nowhere
(`SUGGEST_SERIES` on an unknown brand lists nothing) or a condition that is
never true. Brand aliases are known names; a case-only difference is not (it
gets a did-you-mean with the knowledge's spelling).

`ADD_TO_CHAIN`'s value is a template (the engine renders it): one with a
`{var}` in it is left to W320.

Subtypes have no code of their own: an unknown subtype is
reported as E201, since a subtype is part of a category.

W230: a scenario that no brand or series lists, in `SUGGEST_BY_SCENARIO "x"`
or `CONTEXT_EQ usage_scenario "x"`. A warning, not an error: the suggestion
still answers (it says nothing fits), but it never recommends anything.
"""
from __future__ import annotations

from collections.abc import Iterator

from studio.checks.catalog import Catalog
from studio.checks.report import content_span, did_you_mean, report
from studio.checks.scope import Chosen
from studio.checks.similarity import NameIndex
from studio.checks.text import placeholders
from studio.checks.view import ProjectView
from studio.diagnostics import Diagnostic
from studio.dsl import ast
from studio.i18n import _

_CONTEXT_SLOTS = {"current_category": "category", "current_subtype": "subtype",
                  "current_brand": "brand", "current_series": "series"}


def typed_names(view: ProjectView) -> Iterator[Diagnostic]:
    """Unknown categories, subtypes, brands and series where a name is expected (E200-E202),
    and brands outside the category the rule has chosen (W220)."""
    catalog = view.catalog
    for found in view.of(ast.ContextEq):
        slot = _CONTEXT_SLOTS.get(found.node.var.text)
        if slot is not None:
            yield from _check(catalog, slot, found.node.value, found.rule.chosen, found.file)
    for found in view.of(ast.AddToChain):
        yield from _check(catalog, found.node.slot.text, found.node.value, found.chosen, found.file)


def unknown_scenarios(view: ProjectView) -> Iterator[Diagnostic]:
    """Scenarios that no brand or series of the knowledge lists (W230)."""
    catalog = view.catalog
    places = [(found.node.scenario, found.file) for found in view.of(ast.SuggestByScenario)
              if found.node.scenario is not None]
    places += [(found.node.value, found.file) for found in view.of(ast.ContextEq)
               if found.node.var.text == "usage_scenario"]
    known = set(catalog.scenarios)
    for lit, file in places:
        if lit.value in known or placeholders(lit.value):
            continue
        listed = "、".join(catalog.scenarios[:8]) + ("…" if len(catalog.scenarios) > 8 else "")
        if listed:
            message = _("no brand or series lists the scenario '{scenario}' (the knowledge's scenarios: {scenarios})")
        else:
            message = _("no brand or series lists the scenario '{scenario}' (the knowledge lists no scenarios)")
        message = message.format(scenario=lit.value, scenarios=listed)
        suggestion = catalog.scenario_index.closest(lit.value)
        if suggestion is None:
            yield report("W230", message, content_span(lit), file)
        else:
            yield did_you_mean("W230", message, file, content_span(lit), suggestion)


def _check(catalog: Catalog, slot: str, lit: ast.StringLit, chosen: Chosen, file: str) -> Iterator[Diagnostic]:
    if placeholders(lit.value):    # ADD_TO_CHAIN's value is a template: known only when it runs
        return
    found = _CHECKERS[slot](catalog, lit, chosen)
    if found is not None:
        yield found.in_file(file)


def _unknown(code: str, message: str, lit: ast.StringLit, index: NameIndex) -> Diagnostic:
    """`message` (translated) has `{name}` for the unknown name."""
    message = message.format(name=lit.value)
    suggestion = index.closest(lit.value)
    if suggestion is None:
        return report(code, message, content_span(lit), "")
    return did_you_mean(code, message, "", content_span(lit), suggestion)


def _category(catalog: Catalog, lit: ast.StringLit, chosen: Chosen) -> Diagnostic | None:
    name = lit.value
    if name in catalog.categories:
        return None
    return _unknown("E201", _("unknown category '{name}'"), lit, catalog.category_index)


def _subtype(catalog: Catalog, lit: ast.StringLit, chosen: Chosen) -> Diagnostic | None:
    name = lit.value
    subtypes_here = catalog.categories.get(chosen.category or "")
    if name in (subtypes_here if subtypes_here is not None else catalog.subtypes()):
        return None
    owners = [c for c, subtypes in catalog.categories.items() if name in subtypes]
    if owners:
        return report("E201", _("'{name}' is a subtype of {owners}, not of {category}").format(
            name=name, owners="、".join(owners), category=chosen.category), content_span(lit), "")
    return _unknown("E201", _("unknown subtype '{name}'"), lit, catalog.subtype_index)


def _brand(catalog: Catalog, lit: ast.StringLit, chosen: Chosen) -> Diagnostic | None:
    name = lit.value
    known = catalog.brand(name)
    if known is None:
        return _unknown("E200", _("unknown brand '{name}'"), lit, catalog.brand_index)
    if chosen.category in catalog.categories and chosen.category not in known.categories:
        return report("W220", _("'{name}' is a brand of {categories}, not of {category}").format(
            name=name, categories="、".join(known.categories), category=chosen.category), content_span(lit), "")
    return None


def _series(catalog: Catalog, lit: ast.StringLit, chosen: Chosen) -> Diagnostic | None:
    name = lit.value
    brand = catalog.brand(chosen.brand or "")
    owners = catalog.series_owners.get(name)
    if owners is None and name in catalog.series_aliases:
        # The engine stores the value as written: an alias would name a series the knowledge does not list.
        canonical = catalog.series_aliases[name]
        return did_you_mean("E202", _("'{name}' is an alias of the series '{series}', not its name").format(
            name=name, series=canonical), "", content_span(lit), canonical)
    if owners is None:
        index = catalog.series_index_of(brand.brand) if brand else catalog.series_index
        return _unknown("E202", _("unknown series '{name}'"), lit, index)
    if brand is not None and all(b != brand.brand for _, b in owners):
        return report("E202", _("'{name}' is a series of {brands}, not of {brand}").format(
            name=name, brands="、".join(dict.fromkeys(b for _, b in owners)), brand=brand.brand),
            content_span(lit), "")
    return None


_CHECKERS = {"category": _category, "subtype": _subtype, "brand": _brand, "series": _series}
