"""Turning the parsed data of one knowledge file into a `Knowledge`, checking its structure.

Every problem becomes a diagnostic at the offending key or value, and the
reader goes on: a bad entry is left out of the model (a bad list item) or
read as absent (a bad field), never the whole file. Unknown keys are kept in
`extra`; one that looks like a misspelt known key gets a K140 warning.

A name holding a lone surrogate (JSON can write one as `\\udfff`) or a control
character is refused like an empty one: no file, terminal or screen can
carry it, so nothing after loading should meet it. Descriptions and icons
may hold line breaks, but no lone surrogate either.
"""
from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping

from studio.diagnostics import Diagnostic, Severity, Span
from studio.i18n import N_, _
from studio.knowledge.mentions import compact_key
from studio.knowledge.model import Brand, Category, Knowledge, Series
from studio.knowledge.validation import (NOT_IN_NAMES, SURROGATES, UniqueNames, attribute_problem,
                                         price_range_problem, unwritable)

CATEGORY_KEYS = ("description", "icon", "subtypes", "brands")
BRAND_KEYS = ("aliases", "series", "scenarios", "price_range")
SERIES_KEYS = ("name", "aliases", "price_range", "scenarios", "attributes")
NAME_LISTS = {"subtypes": N_("subtype"), "aliases": N_("alias"), "series": N_("series"), "scenarios": N_("scenario")}

Locate = Callable[[tuple, bool], Span]

def _escaped(text: str) -> str:
    """`text` with what cannot be written out shown as `\\uXXXX`, for a message."""
    return NOT_IN_NAMES.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class TreeReader:
    def __init__(self, locate: Locate) -> None:
        self._locate = locate
        self.diagnostics: list[Diagnostic] = []
        self.writable = True  # False when saving would have to replace what could not be read

    def read(self, root: object) -> Knowledge:
        knowledge = Knowledge()
        if not isinstance(root, Mapping):
            self._report(_("the file must hold an object with a `categories` key"), ())
            self.writable = False
            return knowledge
        knowledge.extra = {k: v for k, v in root.items() if k != "categories"}
        if "categories" not in root:
            self._report(_("missing the `categories` key"), ())
            return knowledge
        categories = root["categories"]
        if not isinstance(categories, Mapping):
            self._report(_("`categories` must be an object (category name → category)"), ("categories",))
            self.writable = False
            return knowledge
        names = UniqueNames(N_("category"))
        for name, node in categories.items():
            category = self._category(name, node, ("categories", name), names)
            if category:
                knowledge.categories[name] = category
        return knowledge

    def _category(self, name: object, node: object, path: tuple, names: UniqueNames) -> Category | None:
        problem = names.problem(name)
        if problem:
            self._report(problem, path, key=True)
            return None
        if not isinstance(node, Mapping):
            self._report(_("category {name!r} must be an object").format(name=name), path)
            return None
        category = Category(name, self._text(node, path, "description"), self._text(node, path, "icon"),
                            self._names(node, path, "subtypes"),
                            extra=self._extra(node, path, CATEGORY_KEYS))
        brands = node.get("brands", {})
        if not isinstance(brands, Mapping):
            self._report(_("`brands` must be an object (brand name → brand)"), path + ("brands",))
            return category
        brand_names = UniqueNames(N_("brand"))
        for brand_name, brand_node in brands.items():
            brand = self._brand(brand_name, brand_node, path + ("brands", brand_name), brand_names)
            if brand:
                category.brands[brand_name] = brand
        self._check_aliases(category, brands, path + ("brands",))
        return category

    def _brand(self, name: object, node: object, path: tuple, names: UniqueNames) -> Brand | None:
        problem = names.problem(name)
        if problem:
            self._report(problem, path, key=True)
            return None
        if not isinstance(node, Mapping):
            self._report(_("brand {name!r} must be an object").format(name=name), path, names_brand=True)
            return None
        aliases = self._names(node, path, "aliases")
        series, details = self._series(node, path)
        return Brand(name, aliases, series, self._names(node, path, "scenarios"), self._price_range(node, path),
                     self._extra(node, path, BRAND_KEYS), details)

    def _price_range(self, node: Mapping, path: tuple) -> tuple[int, int] | None:
        price_range = node.get("price_range")
        if price_range is None:
            return None
        problem = price_range_problem(price_range)
        if problem:
            self._report(problem, path + ("price_range",))
            return None
        return (price_range[0], price_range[1])

    def _series(self, node: Mapping, path: tuple) -> tuple[list[str], dict[str, Series]]:
        """The series names of a brand, and the details of those written as objects."""
        items = node.get("series", [])
        if not isinstance(items, list):
            self._report(_("`series` must be a list of names or series objects"), path + ("series",))
            return [], {}
        names: list[str] = []
        details: dict[str, Series] = {}
        places: dict[str, int] = {}   # series object name -> its index in the list
        unique = UniqueNames(N_("series"))
        for index, item in enumerate(items):
            where = path + ("series", index)
            if isinstance(item, Mapping):
                series = self._series_object(item, where, unique)
                if series:
                    names.append(series.name)
                    details[series.name] = series
                    places[series.name] = index
                continue
            problem = (_("series must be a name or an object with a `name`") if not isinstance(item, str)
                       else unique.problem(item))
            if problem:
                self._report(problem, where)
            else:
                names.append(item)
        self._check_series_aliases(names, details, places, path + ("series",))
        return names, details

    def _check_series_aliases(self, names: list[str], details: dict[str, Series], places: dict[str, int],
                              path: tuple) -> None:
        """K130: an alias that also names another series of the brand makes mentions ambiguous."""
        owners = {compact_key(name): name for name in names}
        for name, series in details.items():
            for index, alias in enumerate(series.aliases):
                owner = owners.setdefault(compact_key(alias), name)
                if owner != name:
                    self._report(_("alias {alias!r} of series {name!r} also names the series {owner!r}, "
                                   "so a mention of it is ambiguous").format(alias=alias, name=name, owner=owner),
                                 path + (places[name], "aliases", index), code="K130", severity=Severity.WARNING)

    def _series_object(self, node: Mapping, path: tuple, unique: UniqueNames) -> Series | None:
        if "name" not in node:
            self._report(_("a series object needs a `name`"), path)
            return None
        problem = unique.problem(node["name"])
        if problem:
            self._report(problem, path + ("name",))
            return None
        return Series(node["name"], self._names(node, path, "aliases"), self._price_range(node, path),
                      self._names(node, path, "scenarios"), self._attributes(node, path),
                      self._extra(node, path, SERIES_KEYS))

    def _attributes(self, node: Mapping, path: tuple) -> dict:
        """The valid attributes of a series object; each bad one is reported at its key or value."""
        attributes = node.get("attributes", {})
        if not isinstance(attributes, Mapping):
            self._report(_("`attributes` must be an object (name → text or number)"), path + ("attributes",))
            return {}
        valid: dict = {}
        keys = UniqueNames(N_("attribute name"))
        for key, value in attributes.items():
            problem = keys.problem(key)
            if problem:
                self._report(problem, path + ("attributes", key), key=True)
                continue
            problem = attribute_problem(key, value)
            if problem:
                self._report(problem, path + ("attributes", key))
            else:
                valid[key] = value
        return valid

    def _text(self, node: Mapping, path: tuple, key: str) -> str:
        value = node.get(key, "")
        if not isinstance(value, str):
            self._report(_("`{key}` must be a string").format(key=key), path + (key,))
            return ""
        bad = unwritable(value, SURROGATES)
        if bad:
            self._report(_("`{key}` holds {bad}, which cannot be written as text").format(key=key, bad=bad),
                         path + (key,))
            return ""
        return value

    def _names(self, node: Mapping, path: tuple, key: str) -> list[str]:
        """The valid names of a list field; each bad item is reported at its position."""
        items = node.get(key, [])
        if not isinstance(items, list):
            self._report(_("`{key}` must be a list of strings").format(key=key), path + (key,))
            return []
        names: list[str] = []
        unique = UniqueNames(NAME_LISTS[key])
        for index, item in enumerate(items):
            problem = unique.problem(item)
            if problem:
                self._report(problem, path + (key, index))
            else:
                names.append(item)
        return names

    def _extra(self, node: Mapping, path: tuple, known: tuple[str, ...]) -> dict:
        extra = {k: v for k, v in node.items() if k not in known}
        for key in extra:
            close = difflib.get_close_matches(key, known, n=1, cutoff=0.75) if isinstance(key, str) else []
            if close:
                self._report(_("unknown key `{key}` is kept as is; did you mean `{known}`?").format(
                                 key=_escaped(key), known=close[0]),
                             path + (key,), key=True, code="K140", severity=Severity.WARNING,
                             suggestion=close[0])
        return extra

    def _check_aliases(self, category: Category, raw_brands: Mapping, path: tuple) -> None:
        """K130: a name or alias that two brands of one category share makes mentions ambiguous."""
        owners = {compact_key(b.name): b.name for b in category.brands.values()}
        for brand in category.brands.values():
            aliases = raw_brands[brand.name].get("aliases")
            for index, alias in enumerate(aliases if isinstance(aliases, list) else []):
                if not isinstance(alias, str) or not alias.strip() or unwritable(alias):
                    continue   # reported and left out already
                owner = owners.setdefault(compact_key(alias), brand.name)
                if owner != brand.name:
                    self._report(_("alias {alias!r} of {brand!r} also names {owner!r} in {category!r}, "
                                   "so a mention of it is ambiguous").format(
                                     alias=alias, brand=brand.name, owner=owner, category=category.name),
                                 path + (brand.name, "aliases", index), code="K130", severity=Severity.WARNING,
                                 names_brand=True)

    def _report(self, message: str, path: tuple, key: bool = False, code: str = "K110",
                severity: Severity = Severity.ERROR, suggestion: str | None = None,
                names_brand: bool = False) -> None:
        if not names_brand:
            message = _naming_the_place(message, path)
        self.diagnostics.append(Diagnostic(severity, code, message, self._locate(path, key), suggestion=suggestion))


def _naming_the_place(message: str, path: tuple) -> str:
    """A problem inside a category or a brand (subtypes, a price range, a series, an alias) says
    which: in the Problems panel the message is all there is to tell two categories' problems apart."""
    if len(path) < 3 or path[0] != "categories":
        return message
    category = path[1]
    if path[2] != "brands":   # the category's own fields
        return _("category {category!r}: {message}").format(category=category, message=message)
    if len(path) <= 4:   # the brands object itself, or a brand's name (whose problem names it)
        return message if len(path) == 4 else _("category {category!r}: {message}").format(
            category=category, message=message)
    brand = path[3]
    if repr(brand) in message:   # the problem's own words name it already (the name of a series, say)
        return message
    return _("brand {brand!r} of {category!r}: {message}").format(brand=brand, category=category, message=message)

