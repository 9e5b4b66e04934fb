"""The SUGGEST_* actions: reply lines built from the knowledge and the context (docs/engine.md).

Each function returns a `Suggestion`: the reply lines and trace notes. When
the context lacks what a suggestion needs (no category for SUGGEST_BRANDS, no
brand for SUGGEST_SERIES, no scenario for SUGGEST_BY_SCENARIO), the lines
ask for it instead, listing the choices the knowledge has, and a note says so.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from studio.engine.context import ConversationContext
from studio.i18n import _, ngettext

if TYPE_CHECKING:
    from studio.knowledge.model import Brand, Knowledge, Series

_LIST = "、"


@dataclass(frozen=True)
class Suggestion:
    lines: tuple[str, ...]
    notes: tuple[str, ...] = ()


def price_text(price_range: tuple[int, int]) -> str:
    return f"{price_range[0]}-{price_range[1]} 元"


def _ask_category(knowledge: "Knowledge", why: str) -> Suggestion:
    names = _LIST.join(name for name, _, _ in knowledge.get_category_options())
    return Suggestion((f"您想先看看哪类产品？我们有：{names}。",), (why,))


def suggest_categories(knowledge: "Knowledge") -> Suggestion:
    options = knowledge.get_category_options()
    if not options:
        return Suggestion(("暂时没有可推荐的商品。",), (_("the knowledge has no categories"),))
    lines = ["我们有这些品类：", *(f"{icon} {name}" + (f"：{description}" if description else "")
                               for name, icon, description in options)]
    return Suggestion(tuple(line.strip() for line in lines))


def _brand_reason(brand: "Brand", context: ConversationContext) -> tuple[int, str]:
    """(rank, reason): brands fitting the scenario and the budget rank first (the scenario weighs more:
    a brand's price range is wide)."""
    return _fit(brand.scenarios, brand.price_range, context, scenario_weight=2, budget_weight=1)


def _fit(scenarios, price_range, context: ConversationContext, *, scenario_weight: int,
         budget_weight: int) -> tuple[int, str]:
    """(rank, reason) of an entry with these scenarios and price range: lower ranks fit better."""
    rank, parts = 0, []
    scenario = context.usage_scenario
    if scenario and scenario in scenarios:
        rank -= scenario_weight
        parts.append(f"适合{scenario}")
    elif scenarios:
        parts.append(f"适合{_LIST.join(scenarios)}")
    if price_range:
        parts.append(f"价位 {price_text(price_range)}")
        budget = context.budget_range
        if budget and budget.overlaps(price_range):
            rank -= budget_weight
            parts.append("符合您的预算")
    return rank, "，".join(parts)


def suggest_brands(knowledge: "Knowledge", context: ConversationContext) -> Suggestion:
    category = context.current_category
    if not category:
        return _ask_category(knowledge, _("SUGGEST_BRANDS needs current_category: asked for it"))
    found = knowledge.categories.get(category)
    if not found or not found.brands:
        return Suggestion((f"{category}暂时没有可推荐的品牌。",), (_("no brands in category {category}").format(category=repr(category)),))
    ranked = sorted(((_brand_reason(b, context), i, b) for i, b in enumerate(found.brands.values())),
                    key=lambda item: (item[0][0], item[1]))
    personal = context.usage_scenario or context.budget_range
    header = f"根据您的需求，推荐这些{category}品牌：" if personal else f"{category}的品牌有："
    lines = [f"{n}. {brand.name}" + (f" — {reason}" if reason else "")
             for n, ((_, reason), _, brand) in enumerate(ranked, start=1)]
    return Suggestion((header, *lines, "您更倾向哪个品牌？"))


def suggest_series(knowledge: "Knowledge", context: ConversationContext) -> Suggestion:
    category, brand = context.current_category, context.current_brand
    if not brand:
        if not category:
            return _ask_category(knowledge, _("SUGGEST_SERIES needs current_brand and current_category: "
                                              "asked for the category"))
        names = _LIST.join(knowledge.get_brands_in_category(category))
        return Suggestion((f"您想看哪个品牌的{category}？有：{names}。",),
                          (_("SUGGEST_SERIES needs current_brand: asked for it"),))
    personal = context.usage_scenario or context.budget_range
    if not category:
        homes = knowledge.categories_of_brand(brand)
        if len(homes) > 1 and personal and any(_has_details(knowledge.get_brand(c, brand)) for c in homes):
            # "预算6000左右，看看华为": what fits the budget, whichever category it is in, tells more than a question.
            return _ranked_series(knowledge, context, brand, homes, f"根据您的需求，推荐这些{brand}系列：")
        if len(homes) != 1:
            why = ngettext("SUGGEST_SERIES: brand {brand} without a category is in {n} category",
                           "SUGGEST_SERIES: brand {brand} without a category is in {n} categories",
                           len(homes)).format(brand=repr(brand), n=len(homes))
            return _ask_category(knowledge, why)
        category = homes[0]
    series = knowledge.get_series_in_brand(category, brand)
    if not series:
        why = _("no series for {brand} in {category}").format(brand=repr(brand), category=repr(category))
        return Suggestion((f"{brand}暂时没有可推荐的{category}系列。",), (why,))
    if not _has_details(knowledge.get_brand(category, brand)):
        return Suggestion((f"{brand}的{category}有这些系列：{_LIST.join(series)}。", "您对哪个系列感兴趣？"))
    header = f"根据您的需求，推荐这些{brand}{category}系列：" if personal else f"{brand}的{category}有这些系列："
    return _ranked_series(knowledge, context, brand, [category], header)


def _has_details(brand: "Brand | None") -> bool:
    """None when the category knows the brand only by an alias of another brand's name."""
    return brand is not None and any(d.price_range or d.scenarios for d in brand.series_details.values())


def _ranked_series(knowledge: "Knowledge", context: ConversationContext, brand: str, categories: list[str],
                   header: str) -> Suggestion:
    """The brand's series in `categories`, those in the budget first, then those fitting the scenario;
    each line names its category when there are several."""
    entries = [(category, name, found.series_details.get(name))
               for category in categories if (found := knowledge.get_brand(category, brand))
               for name in found.series]
    ranked = sorted(((_series_reason(detail, context), i, category, name)
                     for i, (category, name, detail) in enumerate(entries)), key=lambda item: (item[0][0], item[1]))
    where = (lambda category: f"{category} · ") if len(categories) > 1 else (lambda category: "")
    lines = [f"{n}. {where(category)}{name}" + (f" — {reason}" if reason else "")
             for n, ((_, reason), _, category, name) in enumerate(ranked, start=1)]
    return Suggestion((header, *lines, "您对哪个系列感兴趣？"))


def _series_reason(series: "Series | None", context: ConversationContext) -> tuple[int, str]:
    """(rank, reason) of a series: one in the budget ranks first, then one fitting the scenario.

    A series has one price, so the budget weighs more here than for a brand, whose range is wide.
    """
    if series is None:
        return 0, ""
    return _fit(series.scenarios, series.price_range, context, scenario_weight=1, budget_weight=2)


def suggest_by_scenario(knowledge: "Knowledge", context: ConversationContext,
                        scenario: str | None) -> Suggestion:
    """Brand + series for the scenario in the current category, or in every category when none is chosen."""
    scenario = scenario or context.usage_scenario
    if not scenario:
        examples = _LIST.join(knowledge.scenario_words()[:5])
        return Suggestion((f"您主要用来做什么呢？比如：{examples}。",),
                          (_("SUGGEST_BY_SCENARIO needs a scenario (argument or usage_scenario): asked for it"),))
    categories = [context.current_category] if context.current_category else list(knowledge.categories)
    lines = [f"适合{scenario}的推荐："]
    for category in categories:
        for brand, series in knowledge.get_recommendations_by_scenario(category, scenario):
            where = "" if context.current_category else f"{category} · "
            lines.append(f"{where}{brand}：{_LIST.join(series)}" if series else f"{where}{brand}")
    if len(lines) == 1:
        where = context.current_category or "商品"
        if categories:
            why = _("no brand lists scenario {scenario} in {categories}").format(
                scenario=repr(scenario), categories=", ".join(categories))
        else:
            why = _("no brand lists scenario {scenario} in any category").format(scenario=repr(scenario))
        return Suggestion((f"暂时没有特别适合{scenario}的{where}。",), (why,))
    return Suggestion(tuple(lines))


# A prompt has room for a few dozen series, not a catalogue: the rest are counted, not listed.
_FACT_SERIES_OF_BRAND = 40
_FACT_SERIES_PER_BRAND_OF_CATEGORY = 12
_FACT_BRANDS_WITH_SERIES = 20


def _series_texts(brand: "Brand", limit: int = _FACT_SERIES_OF_BRAND) -> list[str]:
    """Each series of `brand` as the model may quote it: its name, with its price when it has one."""
    texts = []
    for name in brand.series[:limit]:
        detail = brand.series_details.get(name)
        texts.append(f"{name}（{price_text(detail.price_range)}）" if detail and detail.price_range else name)
    if len(brand.series) > limit:
        texts.append(f"等{len(brand.series)}个系列")
    return texts


def sales_facts(knowledge: "Knowledge", context: ConversationContext) -> str:
    """What GENERATE tells the model about the products in play: only what the knowledge has."""
    lines = []
    category, brand = context.current_category, context.current_brand
    if context.product_chain:
        lines.append(f"顾客已选：{context.chain_text()}")
    found = knowledge.get_brand(category, brand) if category and brand else None
    if found:
        details = [f"系列：{_LIST.join(_series_texts(found))}"] if found.series else []
        if found.scenarios:
            details.append(f"适合：{_LIST.join(found.scenarios)}")
        if found.price_range:
            details.append(f"价位：{price_text(found.price_range)}")
        lines.append(f"{brand}（{category}）" + "；".join(details))
    elif category in knowledge.categories:
        brands = [f"{b.name}（{price_text(b.price_range)}）" if b.price_range else b.name
                  for b in knowledge.categories[category].brands.values()]
        lines.append(f"{category}的品牌：{_LIST.join(brands)}")
        with_series = [b for b in knowledge.categories[category].brands.values() if b.series]
        lines += [f"{b.name}的系列：{_LIST.join(_series_texts(b, _FACT_SERIES_PER_BRAND_OF_CATEGORY))}"
                  for b in with_series[:_FACT_BRANDS_WITH_SERIES]]
        if len(with_series) > _FACT_BRANDS_WITH_SERIES:
            lines.append(f"另有{len(with_series) - _FACT_BRANDS_WITH_SERIES}个品牌的系列未列出")
    else:
        lines.append("在售品类：" + _LIST.join(name for name, _, _ in knowledge.get_category_options()))
    if context.budget_range:
        lines.append(f"顾客预算：{context.budget_range}")
    if context.usage_scenario:
        lines.append(f"使用场景：{context.usage_scenario}")
    return "\n".join(lines)
