"""Data and helpers shared by the knowledge editor tests (a module of its own: every
test directory has a `conftest`, so `from conftest import ...` would be ambiguous)."""
from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

KNOWLEDGE = {
    "version": 2,
    "categories": {
        "手机": {
            "description": "智能手机",
            "icon": "📱",
            "subtypes": [],
            "brands": {
                "苹果": {"aliases": ["Apple", "iPhone"], "series": ["iPhone 16", "iPhone 16 Pro"],
                         "scenarios": ["摄影", "办公"], "price_range": [5000, 12000]},
                "华为": {"aliases": ["HUAWEI"], "series": ["Mate 70", "Pura 70"],
                         "scenarios": ["商务"], "price_range": [2500, 13000], "note": "kept"},
                "小米": {"series": ["Xiaomi 15"], "scenarios": ["游戏"], "price_range": [1000, 6000]},
            },
        },
        "电脑": {
            "description": "笔记本与台式机",
            "icon": "💻",
            "subtypes": ["笔记本", "台式机"],
            "brands": {
                "联想": {"series": ["ThinkPad X1", "拯救者 Y9000P"], "scenarios": ["办公", "游戏"],
                         "price_range": [3500, 15000]},
                "华为": {"series": ["MateBook X Pro"], "price_range": [5000, 12000]},
            },
        },
    },
}

RULES = '''INTENT product_query "用户询问商品"
    KEYWORDS "买|推荐|手机"

RULE choose_apple
WHEN USER_MENTION_ANY "苹果|苹果手机|iphone"
THEN
    ADD_TO_CHAIN brand "苹果"
    RESPOND "我们有苹果、华为、小米等品牌。"

RULE apple_series
WHEN CONTEXT_EQ current_brand "苹果"
THEN
    SUGGEST_SERIES

RULE fallback
WHEN ALWAYS
THEN
    RESPOND "您好，想看看苹果派吗？"
'''


def write_json_text() -> str:
    return json.dumps(KNOWLEDGE, ensure_ascii=False, indent=2)


def snapshot(knowledge) -> list:
    """Everything the editor can change, order included (dict equality ignores order)."""
    return [(c.name, c.description, c.icon, list(c.subtypes), dict(c.extra),
             [(b.name, list(b.aliases), list(b.series), list(b.scenarios), b.price_range, dict(b.extra))
              for b in c.brands.values()], list(c.brands))
            for c in knowledge.categories.values()] + [list(knowledge.categories), dict(knowledge.extra)]


def type_text(widget, text: str) -> None:
    """Type `text` into `widget` as key events (QTest.keyClicks only knows ASCII)."""
    from PySide6.QtCore import QCoreApplication, QEvent, Qt
    from PySide6.QtGui import QKeyEvent

    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QCoreApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))
