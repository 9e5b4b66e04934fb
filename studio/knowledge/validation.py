"""Why a value is not acceptable in the knowledge, as a reason a person can read.

The loader reports these reasons as K110 diagnostics; the knowledge editor
refuses an edit with the same reason. Names are compared the way mentions
are found (case-, width- and space-insensitive), because two names that
only differ in case could never be told apart in a message.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from studio.i18n import N_, _
from studio.knowledge.mentions import compact_key
from studio.knowledge.model import Knowledge


SURROGATES = re.compile("[\ud800-\udfff]")
NOT_IN_NAMES = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")   # control characters and surrogates


def unwritable(text: str, pattern: re.Pattern = NOT_IN_NAMES) -> str | None:
    """What in `text` cannot be written out as text, e.g. "a lone surrogate (U+DFFF)", or None."""
    found = pattern.search(text)
    if found is None:
        return None
    code = ord(found.group())
    if 0xD800 <= code <= 0xDFFF:
        return _("a lone surrogate (U+{code})").format(code=f"{code:04X}")
    return _("a control character (U+{code})").format(code=f"{code:04X}")


def name_problem(name: object, siblings: Iterable[str] = (), what: str = N_("name")) -> str | None:
    """Reason `name` cannot be used beside `siblings` (the other names of its level), or None.
    `what` is an English word marked with `N_` (translated when a reason is made)."""
    names = UniqueNames(what)
    for sibling in siblings:
        names.add(sibling)
    return names.problem(name)


class UniqueNames:
    """The names of one level, accepted one by one in linear time (a level may hold 1,000 brands).

    `what` names them in reasons: an English word marked with `N_`, translated when a reason is made.
    """

    def __init__(self, what: str) -> None:
        self.what = what
        self._keys: set[str] = set()

    def add(self, name: str) -> None:
        self._keys.add(compact_key(name))

    def problem(self, name: object) -> str | None:
        """Reason `name` is refused, or None after adding it."""
        what = _(self.what)
        if not isinstance(name, str):
            return _("{what} must be a string").format(what=what)
        if not name.strip():
            return _("{what} must not be empty").format(what=what)
        if bad := unwritable(name):
            # TRANSLATORS: {bad} is e.g. "a control character (U+0007)"
            return _("{what} {name!r} holds {bad}: a name must be plain text").format(what=what, name=name, bad=bad)
        if name != name.strip():
            return _("{what} {name!r} must not start or end with spaces").format(what=what, name=name)
        key = compact_key(name)
        if key in self._keys:
            return _("duplicate {what} {name!r}").format(what=what, name=name)
        self._keys.add(key)
        return None


def price_range_problem(value: object) -> str | None:
    """Reason `value` is not a `[min, max]` price range in yuan, or None."""
    if not isinstance(value, (list, tuple)) or len(value) != 2:
        return _("price_range must be [min, max]")
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in value):
        return _("price_range must hold two whole numbers")
    low, high = value
    if low < 0:
        return _("price_range must not be negative")
    if low > high:
        return _("price_range min {low} is greater than max {high}").format(low=low, high=high)
    return None


def attribute_problem(key: str, value: object) -> str | None:
    """Reason `value` cannot be the value of the series attribute `key`, or None."""
    if isinstance(value, bool) or isinstance(value, int):
        return None
    if isinstance(value, float):
        return None if value == value and value not in (float("inf"), float("-inf")) else \
            _("attribute {key!r} must be a finite number").format(key=key)
    if isinstance(value, str):
        bad = unwritable(value, SURROGATES)
        # TRANSLATORS: {bad} is e.g. "a lone surrogate (U+DFFF)"
        return _("attribute {key!r} holds {bad}, which cannot be written as text").format(key=key, bad=bad) \
            if bad else None
    # TRANSLATORS: {type} is a Python type name such as list or dict
    return _("attribute {key!r} must be text, a number or true/false, not {type}").format(
        key=key, type=type(value).__name__)


def series_problems(series: object) -> list[str]:
    """Every problem of one series object's fields (its name is checked with its siblings)."""
    problems: list[str] = []
    for field, what in (("aliases", N_("alias")), ("scenarios", N_("scenario"))):
        problems += names_problems(getattr(series, field), what)
    if series.price_range is not None:
        problem = price_range_problem(series.price_range)
        if problem:
            problems.append(problem)
    keys = UniqueNames(N_("attribute name"))
    for key, value in series.attributes.items():
        problem = keys.problem(key) or attribute_problem(key, value)
        if problem:
            problems.append(problem)
    return problems


def names_problems(names: Iterable[object], what: str) -> list[str]:
    """Reasons for each bad entry of a list of names (empty, not a string, duplicate); `what` as in `UniqueNames`."""
    unique = UniqueNames(what)
    return [problem for problem in map(unique.problem, names) if problem]


def validate(knowledge: Knowledge) -> list[str]:
    """Every problem of an in-memory knowledge tree, each prefixed with its place."""
    problems = [f"categories: {p}" for p in names_problems(knowledge.categories, N_("category"))]
    for key, category in knowledge.categories.items():
        place = category.name
        if key != category.name:
            problems.append(f"{place}: " + _("listed under the key {key!r}").format(key=key))
        problems += [f"{place}: {p}" for p in names_problems(category.subtypes, N_("subtype"))]
        problems += [f"{place}: {p}" for p in names_problems(category.brands, N_("brand"))]
        for brand_key, brand in category.brands.items():
            where = f"{place} › {brand.name}"
            if brand_key != brand.name:
                problems.append(f"{where}: " + _("listed under the key {key!r}").format(key=brand_key))
            for field, what in (("aliases", N_("alias")), ("series", N_("series")), ("scenarios", N_("scenario"))):
                problems += [f"{where}: {p}" for p in names_problems(getattr(brand, field), what)]
            if brand.price_range is not None:
                problem = price_range_problem(brand.price_range)
                if problem:
                    problems.append(f"{where}: {problem}")
            for name, series in brand.series_details.items():
                if name not in brand.series or series.name != name:
                    problems.append(f"{where} › {name}: " + _("details of a series the brand does not list"))
                problems += [f"{where} › {name}: {p}" for p in series_problems(series)]
    return problems
