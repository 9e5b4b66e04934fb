"""SUGGEST_SUBTYPES: the subtypes of the current category as reply lines (docs/language.md, Actions).

Without a category the lines ask for one, listing the categories, as
SUGGEST_BRANDS does; a category without subtypes says so and a trace note
tells why.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from studio.engine.context import ConversationContext
from studio.engine.suggest import Suggestion
from studio.i18n import _

if TYPE_CHECKING:
    from studio.knowledge.model import Knowledge

_LIST = "、"


def suggest_subtypes(knowledge: "Knowledge", context: ConversationContext) -> Suggestion:
    category = context.current_category
    if not category:
        names = _LIST.join(name for name, _, _ in knowledge.get_category_options())
        return Suggestion((f"您想先看看哪类产品？我们有：{names}。",),
                          (_("SUGGEST_SUBTYPES needs current_category: asked for it"),))
    found = knowledge.categories.get(category)
    if found is None or not found.subtypes:
        return Suggestion((f"{category}没有再细分的类型。",),
                          (_("no subtypes in category {category}").format(category=repr(category)),))
    lines = [f"{n}. {subtype}" for n, subtype in enumerate(found.subtypes, start=1)]
    return Suggestion((f"{category}有这些类型：", *lines, "您想看哪一种？"))
