"""Small projects written on the fly for the explorer's tests."""
from __future__ import annotations

import json
from pathlib import Path

from studio.cli.explore_cmd import load
from studio.project import Analysis

KNOWLEDGE = {"categories": {
    "手机": {"description": "智能手机", "icon": "📱", "subtypes": [], "brands": {
        "苹果": {"aliases": ["Apple"], "series": ["iPhone 16", "iPhone 15"], "scenarios": ["摄影"],
                 "price_range": [4000, 9000]},
        "华为": {"aliases": [], "series": ["Mate 70"], "scenarios": ["商务"], "price_range": [2500, 8000]}}},
    "电脑": {"description": "电脑", "icon": "💻", "subtypes": ["笔记本"], "brands": {
        "联想": {"aliases": [], "series": ["ThinkPad X1"], "scenarios": ["办公"], "price_range": [3000, 12000]}}},
}}

# The knowledge's second edition: Mate 70 is a series object with an alias, and the only scenario is its own.
SERIES_KNOWLEDGE = {"categories": {
    "手机": {"description": "智能手机", "icon": "📱", "subtypes": [], "brands": {
        "华为": {"aliases": [], "series": [{"name": "Mate 70", "aliases": ["大黄蜂"], "scenarios": ["拍照"]}],
                 "scenarios": [], "price_range": [2500, 8000]}}}}}

INTENTS = """
INTENT greeting "打招呼"
    KEYWORDS "你好"
INTENT product_query "问商品"
    KEYWORDS "买|手机"
INTENT budget_talk "预算"
    KEYWORDS "预算|左右"
"""


def write_project(root: Path, rules: str, knowledge: dict | None = None) -> Path:
    (root / "rules").mkdir(parents=True)
    (root / "knowledge").mkdir()
    (root / "rules" / "shop.dsl").write_text(rules, encoding="utf-8")
    (root / "knowledge" / "products.json").write_text(
        json.dumps(KNOWLEDGE if knowledge is None else knowledge, ensure_ascii=False), encoding="utf-8")
    return root


def analysed(root: Path, rules: str, knowledge: dict | None = None) -> Analysis:
    return load(str(write_project(root, rules, knowledge)))
