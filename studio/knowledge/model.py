"""The product knowledge tree (docs/knowledge.md) and its `ProductKnowledge` query API.

The classes are plain mutable dataclasses because the knowledge editor edits
them in place. Whoever mutates a `Knowledge` calls `changed()` afterwards, so
the cached mention index is rebuilt on the next lookup. Keys of the file that
the model does not know are kept in `extra`, so saving loses nothing.
"""
from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass, field

from studio.knowledge.mentions import Mention, MentionIndex, fold


AttributeValue = str | int | float | bool


@dataclass
class Series:
    """A series written as an object: its name with aliases, price, scenarios and free attributes."""
    name: str
    aliases: list[str] = field(default_factory=list)
    price_range: tuple[int, int] | None = None
    scenarios: list[str] = field(default_factory=list)
    attributes: dict[str, AttributeValue] = field(default_factory=dict)
    extra: dict = field(default_factory=dict)

    def copy(self) -> "Series":
        return Series(self.name, list(self.aliases), self.price_range, list(self.scenarios),
                      dict(self.attributes), copy.deepcopy(self.extra))


@dataclass
class Brand:
    """`series` lists every series name in order; `series_details` holds the series written as
    objects (a bare name has no entry), so each entry keeps its form when the file is saved."""
    name: str
    aliases: list[str] = field(default_factory=list)
    series: list[str] = field(default_factory=list)
    scenarios: list[str] = field(default_factory=list)
    price_range: tuple[int, int] | None = None
    extra: dict = field(default_factory=dict)
    series_details: dict[str, Series] = field(default_factory=dict)

    def series_detail(self, name: str) -> Series | None:
        return self.series_details.get(name)

    def series_spellings(self, name: str) -> list[str]:
        """Every way a message names the series `name`: the name, then its aliases."""
        detail = self.series_details.get(name)
        return [name, *(detail.aliases if detail else ())]

    def all_scenarios(self) -> list[str]:
        """The brand's scenarios, then those its series list: for a mention, all are the category's."""
        return [*self.scenarios, *(s for d in self.series_details.values() for s in d.scenarios)]

    def copy(self) -> "Brand":
        return Brand(self.name, list(self.aliases), list(self.series), list(self.scenarios), self.price_range,
                     copy.deepcopy(self.extra), {n: s.copy() for n, s in self.series_details.items()})


@dataclass(eq=False)
class Category:
    name: str
    description: str = ""
    icon: str = ""
    subtypes: list[str] = field(default_factory=list)
    brands: dict[str, Brand] = field(default_factory=dict)
    extra: dict = field(default_factory=dict)

    def __eq__(self, other: object) -> bool:
        # Order matters (it is the order users see and files keep); dict equality ignores it.
        if not isinstance(other, Category):
            return NotImplemented
        return ((self.name, self.description, self.icon, self.subtypes, list(self.brands.items()), self.extra)
                == (other.name, other.description, other.icon, other.subtypes, list(other.brands.items()),
                    other.extra))


@dataclass(frozen=True)
class SearchHit:
    """One `search_products` result: `kind` is category, subtype, brand, alias or series;
    `path` leads to it (category, then brand, then series)."""
    kind: str
    name: str
    path: tuple[str, ...]


def _unique(items: Iterator[str]) -> list[str]:
    return list(dict.fromkeys(items))


@dataclass(eq=False)
class Knowledge:
    categories: dict[str, Category] = field(default_factory=dict)
    extra: dict = field(default_factory=dict)
    version: int = 0
    _index: MentionIndex | None = field(default=None, init=False, repr=False)

    def __eq__(self, other: object) -> bool:
        """Same categories in the same order, same extra keys (the version does not count)."""
        if not isinstance(other, Knowledge):
            return NotImplemented
        return list(self.categories.items()) == list(other.categories.items()) and self.extra == other.extra

    def changed(self) -> None:
        """Call after any in-place edit: lookups rebuild their index lazily."""
        self.version += 1

    def copy(self) -> "Knowledge":
        """A deep copy (without the cached index)."""
        return Knowledge(
            {name: Category(c.name, c.description, c.icon, list(c.subtypes),
                            {key: b.copy() for key, b in c.brands.items()},
                            copy.deepcopy(c.extra))
             for name, c in self.categories.items()},
            copy.deepcopy(self.extra))

    # --- the ProductKnowledge query API ---------------------------------

    def get_category_options(self) -> list[tuple[str, str, str]]:
        """(name, icon, description) of every category, in file order."""
        return [(c.name, c.icon, c.description) for c in self.categories.values()]

    def get_brands_in_category(self, category: str) -> list[str]:
        found = self.categories.get(category)
        return list(found.brands) if found else []

    def get_series_in_brand(self, category: str, brand: str) -> list[str]:
        found = self.get_brand(category, brand)
        return list(found.series) if found else []

    def get_recommendations_by_scenario(self, category: str, scenario: str) -> list[tuple[str, list[str]]]:
        """(brand, series) of the category's brands that list `scenario` (case-insensitive): all
        the series of a brand that lists it, else those of its series objects that list it."""
        found = self.categories.get(category)
        if not found:
            return []
        wanted = fold(scenario.strip())

        def fits(scenarios: list[str]) -> bool:
            return any(fold(s) == wanted for s in scenarios)

        found_brands = []
        for b in found.brands.values():
            fitting = [name for name in b.series if (d := b.series_details.get(name)) and fits(d.scenarios)]
            if fits(b.scenarios):
                found_brands.append((b.name, list(b.series)))
            elif fitting:
                found_brands.append((b.name, fitting))
        return found_brands

    def search_products(self, keyword: str) -> list[SearchHit]:
        """Categories, subtypes, brands, aliases and series whose name contains `keyword`."""
        needle = fold(keyword.strip())
        if not needle:
            return []
        hits: list[SearchHit] = []

        def visit(kind: str, name: str, path: tuple[str, ...]) -> None:
            if needle in fold(name):
                hits.append(SearchHit(kind, name, path))

        for c in self.categories.values():
            visit("category", c.name, (c.name,))
            for subtype in c.subtypes:
                visit("subtype", subtype, (c.name, subtype))
            for b in c.brands.values():
                visit("brand", b.name, (c.name, b.name))
                for alias in b.aliases:
                    visit("alias", alias, (c.name, b.name))
                for series in b.series:
                    visit("series", series, (c.name, b.name, series))
                    detail = b.series_details.get(series)
                    for alias in detail.aliases if detail else ():
                        visit("alias", alias, (c.name, b.name, series))
        return hits

    # --- helpers for the checker, the engine and the editor ------------------

    def get_brand(self, category: str, brand: str) -> Brand | None:
        found = self.categories.get(category)
        return found.brands.get(brand) if found else None

    def brands(self) -> Iterator[tuple[str, Brand]]:
        """Every (category name, brand), a brand once per category it appears in."""
        for c in self.categories.values():
            for b in c.brands.values():
                yield c.name, b

    def brand_names(self) -> list[str]:
        return _unique(b.name for _, b in self.brands())

    def series_names(self) -> list[str]:
        return _unique(s for _, b in self.brands() for s in b.series)

    def scenario_words(self) -> list[str]:
        """The scenarios of every brand and series."""
        return _unique(s for _, b in self.brands() for s in b.all_scenarios())

    def subtype_names(self) -> list[str]:
        return _unique(s for c in self.categories.values() for s in c.subtypes)

    def categories_of_brand(self, name: str) -> list[str]:
        """Categories holding a brand called `name` (its name or an alias, case-insensitive)."""
        return _unique(t.category for t in self.mention_index().exact("brand", name))

    def resolve_brand(self, name: str, category: str | None = None) -> str | None:
        """The canonical brand name for a name or alias (case-insensitive), inside `category` if given."""
        for target in self.mention_index().exact("brand", name):
            if category is None or target.category == category:
                return target.name
        return None

    # --- mention lookup (see mentions.py) --------------------------------------

    def mention_index(self) -> MentionIndex:
        if self._index is None or self._index.version != self.version:
            self._index = MentionIndex(self, self.version)
        return self._index

    def find_mentions(self, text: str, slot: str, category: str | None = None,
                      brand: str | None = None) -> list[Mention]:
        return self.mention_index().find_all(text, slot, category, brand)

    def find_mention(self, text: str, slot: str, category: str | None = None,
                     brand: str | None = None) -> Mention | None:
        found = self.find_mentions(text, slot, category, brand)
        return found[0] if found else None
