"""What replacing one knowledge by another changes, as lines a person can review before applying it.

`+` adds, `-` removes, `~` changes (naming the fields that differ). Used by
`rule-studio knowledge import --dry-run` and the editor's import preview. The
signs, names and field names (the file's keys) stay as they are in any language.
"""
from __future__ import annotations

from studio.i18n import _, ngettext
from studio.knowledge.model import Brand, Category, Knowledge

_CATEGORY_FIELDS = ("description", "icon", "subtypes", "extra")
_BRAND_FIELDS = ("aliases", "scenarios", "price_range", "extra")
_SERIES_FIELDS = ("aliases", "price_range", "scenarios", "attributes", "extra")


def knowledge_changes(before: Knowledge, after: Knowledge) -> list[str]:
    lines: list[str] = []
    for name in before.categories:
        if name not in after.categories:
            lines.append(_("- category {name}").format(name=name))
    for name, category in after.categories.items():
        old = before.categories.get(name)
        if old is None:
            lines.append(_added_category(category))
        elif old != category:
            lines += _category_changes(old, category)
    if list(before.categories) != list(after.categories) and set(before.categories) == set(after.categories):
        lines.append(_("~ category order"))
    if before.extra != after.extra:
        lines.append(_("~ top-level keys"))
    return lines


def _added_category(category: Category) -> str:
    brands, series = len(category.brands), sum(len(b.series) for b in category.brands.values())
    return ngettext("+ category {name} ({brands} brand, {series} series)",
                    "+ category {name} ({brands} brands, {series} series)", brands).format(
        name=category.name, brands=brands, series=series)


def _differing(old: object, new: object, fields: tuple[str, ...]) -> list[str]:
    return [name for name in fields if getattr(old, name) != getattr(new, name)]


def _category_changes(old: Category, new: Category) -> list[str]:
    lines = []
    fields = _differing(old, new, _CATEGORY_FIELDS)
    if fields:
        lines.append(_("~ category {name}: {fields}").format(name=new.name, fields=", ".join(fields)))
    for name in old.brands:
        if name not in new.brands:
            lines.append(_("- brand {place}").format(place=f"{new.name} › {name}"))
    for name, brand in new.brands.items():
        before = old.brands.get(name)
        if before is None:
            lines.append(_("+ brand {place} ({series} series)").format(place=f"{new.name} › {name}",
                                                                      series=len(brand.series)))
        elif before != brand:
            lines += _brand_changes(new.name, before, brand)
    if list(old.brands) != list(new.brands) and set(old.brands) == set(new.brands):
        lines.append(_("~ category {name}: brand order").format(name=new.name))
    return lines


def _brand_changes(category: str, old: Brand, new: Brand) -> list[str]:
    place = f"{category} › {new.name}"
    lines = []
    fields = _differing(old, new, _BRAND_FIELDS)
    if fields:
        lines.append(_("~ brand {place}: {fields}").format(place=place, fields=", ".join(fields)))
    for name in old.series:
        if name not in new.series:
            lines.append(_("- series {place}").format(place=f"{place} › {name}"))
    for name in new.series:
        if name not in old.series:
            lines.append(_("+ series {place}").format(place=f"{place} › {name}"))
            continue
        was, now = old.series_details.get(name), new.series_details.get(name)
        if (was is None) != (now is None):
            lines.append((_("~ series {place}: now an object") if now else _("~ series {place}: now a bare name"))
                         .format(place=f"{place} › {name}"))
        elif was != now:
            lines.append(_("~ series {place}: {fields}").format(
                place=f"{place} › {name}", fields=", ".join(_differing(was, now, _SERIES_FIELDS))))
    kept_old = [n for n in old.series if n in new.series]
    if kept_old != [n for n in new.series if n in old.series]:
        lines.append(_("~ brand {place}: series order").format(place=place))
    return lines
