"""What replacing one knowledge by another changes, as lines a person can review before applying it.

`+` adds, `-` removes, `~` changes (naming the fields that differ). Used by
`rule-studio knowledge import --dry-run` and the editor's import preview.
"""
from __future__ import annotations

from studio.knowledge.model import Brand, Category, Knowledge

_CATEGORY_FIELDS = ("description", "icon", "subtypes", "extra")
_BRAND_FIELDS = ("aliases", "scenarios", "price_range", "extra")
_SERIES_FIELDS = ("aliases", "price_range", "scenarios", "attributes", "extra")


def knowledge_changes(before: Knowledge, after: Knowledge) -> list[str]:
    lines: list[str] = []
    for name in before.categories:
        if name not in after.categories:
            lines.append(f"- category {name}")
    for name, category in after.categories.items():
        old = before.categories.get(name)
        if old is None:
            lines.append(f"+ category {name} ({_count(category)})")
        elif old != category:
            lines += _category_changes(old, category)
    if list(before.categories) != list(after.categories) and set(before.categories) == set(after.categories):
        lines.append("~ category order")
    if before.extra != after.extra:
        lines.append("~ top-level keys")
    return lines


def _count(category: Category) -> str:
    series = sum(len(b.series) for b in category.brands.values())
    return f"{len(category.brands)} brands, {series} series"


def _differing(old: object, new: object, fields: tuple[str, ...]) -> list[str]:
    return [name for name in fields if getattr(old, name) != getattr(new, name)]


def _category_changes(old: Category, new: Category) -> list[str]:
    lines = []
    fields = _differing(old, new, _CATEGORY_FIELDS)
    if fields:
        lines.append(f"~ category {new.name}: {', '.join(fields)}")
    for name in old.brands:
        if name not in new.brands:
            lines.append(f"- brand {new.name} › {name}")
    for name, brand in new.brands.items():
        before = old.brands.get(name)
        if before is None:
            lines.append(f"+ brand {new.name} › {name} ({len(brand.series)} series)")
        elif before != brand:
            lines += _brand_changes(new.name, before, brand)
    if list(old.brands) != list(new.brands) and set(old.brands) == set(new.brands):
        lines.append(f"~ category {new.name}: brand order")
    return lines


def _brand_changes(category: str, old: Brand, new: Brand) -> list[str]:
    place = f"{category} › {new.name}"
    lines = []
    fields = _differing(old, new, _BRAND_FIELDS)
    if fields:
        lines.append(f"~ brand {place}: {', '.join(fields)}")
    for name in old.series:
        if name not in new.series:
            lines.append(f"- series {place} › {name}")
    for name in new.series:
        if name not in old.series:
            lines.append(f"+ series {place} › {name}")
            continue
        was, now = old.series_details.get(name), new.series_details.get(name)
        if (was is None) != (now is None):
            lines.append(f"~ series {place} › {name}: " + ("now an object" if now else "now a bare name"))
        elif was != now:
            lines.append(f"~ series {place} › {name}: {', '.join(_differing(was, now, _SERIES_FIELDS))}")
    kept_old = [n for n in old.series if n in new.series]
    if kept_old != [n for n in new.series if n in old.series]:
        lines.append(f"~ brand {place}: series order")
    return lines
