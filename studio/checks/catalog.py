"""What the knowledge names, arranged for the checks' questions.

"Is this a brand? Of which categories? What did the author mean instead?"
are asked thousands of times per check run, so the answers are indexed once
per distinct knowledge content (`catalog_of` caches on the names
themselves, not on the object, because the knowledge editor mutates it in
place).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, TypeVar

from studio.checks.similarity import NameIndex, fold

if TYPE_CHECKING:
    from studio.knowledge import Knowledge

T = TypeVar("T")
_MAX_ANSWERS = 200_000
_UNKNOWN = object()

# (category, subtypes, ((brand, aliases, series), ...)) per category: all the checks read.
_Content = tuple[tuple[str, tuple[str, ...], tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]], ...]


@dataclass(frozen=True)
class BrandName:
    """A brand name or alias as written in the knowledge, and what it stands for."""
    written: str
    brand: str
    categories: tuple[str, ...]


@dataclass
class Catalog:
    categories: dict[str, tuple[str, ...]] = field(default_factory=dict)   # category -> subtypes
    brand_names: dict[str, BrandName] = field(default_factory=dict)       # name or alias -> brand
    brand_keys: dict[str, BrandName] = field(default_factory=dict)        # mention_key(name or alias) -> brand
    series_owners: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # series -> (category, brand)
    series_by_brand: dict[str, list[str]] = field(default_factory=dict)   # brand -> its series
    longest_brand_name: int = 0
    vocabulary: set[str] = field(default_factory=set)   # every knowledge word that is not a brand
    scenarios: tuple[str, ...] = ()   # of every brand and series, in knowledge order
    series_aliases: dict[str, str] = field(default_factory=dict)   # alias of a series object -> its series
    _series_indexes: dict[str, NameIndex] = field(default_factory=dict)
    _answers: dict[object, object] = field(default_factory=dict)

    # The did-you-mean indexes are built on first use: most checks of a clean project need none.
    @cached_property
    def category_index(self) -> NameIndex:
        return NameIndex(self.categories)

    @cached_property
    def subtype_index(self) -> NameIndex:
        return NameIndex(self.subtypes())

    @cached_property
    def brand_index(self) -> NameIndex:
        return NameIndex(self.brand_names)

    @cached_property
    def series_index(self) -> NameIndex:
        return NameIndex(self.series_owners)

    @cached_property
    def scenario_index(self) -> NameIndex:
        return NameIndex(self.scenarios)

    def remember(self, key: object, compute: Callable[[], T]) -> T:
        """`compute()` once per key for as long as the knowledge is unchanged: the rule
        texts of a project barely change between two checks (the studio checks on save)."""
        answer = self._answers.get(key, _UNKNOWN)
        if answer is _UNKNOWN:
            if len(self._answers) >= _MAX_ANSWERS:
                self._answers.clear()
            answer = self._answers[key] = compute()
        return answer

    def brand(self, written: str) -> BrandName | None:
        return self.brand_names.get(written)

    def mentioned_brand(self, text: str) -> BrandName | None:
        """The brand that `text` names the way a user's message would (any case, any spacing)."""
        return self.brand_keys.get(mention_key(text))

    def contains_brand(self, text: str) -> bool:
        """Whether a brand name or alias occurs inside `text` (as a user's message would match it)."""
        key = mention_key(text)
        return any(key[i:i + n] in self.brand_keys
                   for n in range(2, min(len(key), self.longest_brand_name) + 1)
                   for i in range(len(key) - n + 1))

    def subtypes(self) -> list[str]:
        return list(dict.fromkeys(s for subtypes in self.categories.values() for s in subtypes))

    def series_index_of(self, brand: str) -> NameIndex:
        if brand not in self._series_indexes:
            self._series_indexes[brand] = NameIndex(self.series_by_brand.get(brand, ()))
        return self._series_indexes[brand]


def mention_key(text: str) -> str:
    """Messages match names case-insensitively and ignoring white space (docs/knowledge.md)."""
    return "".join(fold(text).split())


def catalog_of(knowledge: Knowledge) -> Catalog:
    return _build(_content(knowledge), tuple(_scenarios(knowledge)), tuple(_series_aliases(knowledge)))


def _series_aliases(knowledge: Knowledge):
    for category in knowledge.categories.values():
        for brand in category.brands.values():
            for series in brand.series_details.values():
                yield from ((alias, series.name) for alias in series.aliases)


def _content(knowledge: Knowledge) -> _Content:
    return tuple(
        (c.name, tuple(c.subtypes),
         tuple((b.name, tuple(b.aliases), tuple(b.series)) for b in c.brands.values()))
        for c in knowledge.categories.values())


def _scenarios(knowledge: Knowledge):
    for category in knowledge.categories.values():
        for brand in category.brands.values():
            yield from brand.scenarios
            for series in brand.series_details.values():
                yield from series.scenarios


@lru_cache(maxsize=4)
def _build(content: _Content, scenarios: tuple[str, ...], series_aliases: tuple[tuple[str, str], ...] = ()
           ) -> Catalog:
    catalog = Catalog()
    for alias, series in series_aliases:
        catalog.series_aliases.setdefault(alias, series)
    owners: dict[str, list[str]] = {}   # name or alias -> categories
    canonical: dict[str, str] = {}
    for category, subtypes, brands in content:
        catalog.categories[category] = subtypes
        for brand, aliases, series in brands:
            for written in (brand, *aliases):
                canonical.setdefault(written, brand)
                owners.setdefault(written, [])
                if category not in owners[written]:
                    owners[written].append(category)
            for name in series:
                catalog.series_owners.setdefault(name, []).append((category, brand))
                catalog.series_by_brand.setdefault(brand, []).append(name)
    catalog.brand_names = {w: BrandName(w, canonical[w], tuple(cs)) for w, cs in owners.items()}
    for written, name in catalog.brand_names.items():
        catalog.brand_keys.setdefault(mention_key(written), name)
        catalog.longest_brand_name = max(catalog.longest_brand_name, len(written))
    catalog.vocabulary = ({c for c, _, _ in content} | set(catalog.subtypes())
                          | set(catalog.series_owners) | set(catalog.series_aliases) | set(scenarios)) - set(owners)
    catalog.scenarios = tuple(dict.fromkeys(scenarios))
    return catalog
