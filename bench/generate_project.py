"""Writes a synthetic but realistic project for benchmarks: N rules, M brands.

`generate(root, rules=5000, brands=200)` creates

    root/rules/00_declarations.dsl   intents (KEYWORDS + EXAMPLES), PERSONA, SALES_STAGEs
    root/rules/rules_0001.dsl ...    500 rules per file
    root/knowledge/products.json     the brands spread over a few categories

The project is consistent (every intent declared, every tested stage set,
brands in the categories the rules choose, an ALWAYS fallback last), so the
checker benchmark measures the normal path, not error reporting.

A bigger rule base is a bigger dialogue: intents (~200 rules each) and
stages (~40 rules each) grow with the rules, so ten times the rules does not
mean ten times the rules per intent or stage — as in a real project.

    python bench/generate_project.py OUT_DIR --rules 5000 --brands 200
"""
from __future__ import annotations

import argparse
import json
import random
from dataclasses import dataclass
from pathlib import Path

RULES_PER_FILE = 500
SEED = 20240601

_CHARS = "安邦博创达锐飞光海华佳金凯蓝朗领美明诺齐锐森盛思泰天拓维微星讯雅跃智卓云峰"
_WORDS = "续航 屏幕 拍照 性能 散热 重量 价格 颜色 内存 存储 快充 音质 降噪 保修 配送 发票 分期 以旧换新 尺寸 接口".split()
_SCENARIOS = ["办公", "游戏", "摄影", "学习", "影音", "运动", "出差", "编程", "直播", "家用"]
_CATEGORIES = [
    ("手机", "📱", []), ("电脑", "💻", ["笔记本", "台式机"]), ("智能设备", "⌚", ["手表", "手环"]),
    ("影音娱乐", "🎧", ["耳机", "音箱"]), ("平板", "📟", []), ("相机", "📷", ["微单", "运动相机"]),
]


@dataclass(frozen=True)
class _Shape:
    intents: list[str]
    keywords: dict[str, list[str]]
    stages: list[str]


def _name(i: int, length: int, salt: int) -> str:
    """A deterministic pseudo-Chinese word, unique per (i, length, salt)."""
    n, out = i * 7919 + salt, []
    for _ in range(length):
        out.append(_CHARS[n % len(_CHARS)])
        n //= len(_CHARS)
    word = "".join(out)
    return word if n == 0 else f"{word}{n}"


def _brand_names(count: int) -> list[str]:
    return [_name(i, 2, 0) for i in range(count)]


def _shape(rules: int) -> _Shape:
    intent_count = max(8, rules // 200)
    stage_count = max(10, rules // 40)
    intents = [f"intent_{i:03d}" for i in range(intent_count)]
    keywords = {name: [_name(i * 5 + k, 3, 101) for k in range(5)] for i, name in enumerate(intents)}
    stages = [f"stage_{i:04d}" for i in range(stage_count)]
    return _Shape(intents, keywords, stages)


def _knowledge(brand_names: list[str], rng: random.Random) -> dict:
    categories = {name: {"description": f"{name}类商品", "icon": icon, "subtypes": subtypes, "brands": {}}
                  for name, icon, subtypes in _CATEGORIES}
    names = list(categories)
    for i, brand in enumerate(brand_names):
        low = rng.randrange(5, 60) * 100
        categories[names[i % len(names)]]["brands"][brand] = {
            "aliases": [f"{brand}牌"],
            "series": [f"{brand}{suffix}" for suffix in ("Pro", "Air", "Max")],
            "scenarios": rng.sample(_SCENARIOS, 2),
            "price_range": [low, low + rng.randrange(10, 100) * 100],
        }
    return {"categories": categories}


def _declarations(shape: _Shape) -> str:
    lines = ["# 合成项目：意图、人设、销售阶段", ""]
    for name in shape.intents:
        words = shape.keywords[name]
        lines += [f'INTENT {name} "合成意图 {name}"',
                  f'    KEYWORDS "{"|".join(words)}"',
                  f'    EXAMPLES "我想问问{words[0]}" "{words[1]}怎么样"', ""]
    lines += ["PERSONA",
              '    salesperson_name "李销售"', '    salesperson_role "业务发展代表"',
              '    company_name "优质数码"', '    company_business "优质数码销售各类数码产品。"',
              '    company_values "帮助每位顾客找到最适合自己的设备。"',
              '    conversation_purpose "了解顾客需求并推荐合适的产品。"', '    conversation_type "在线聊天"',
              "END", ""]
    return "\n".join(lines)


def _rule(i: int, shape: _Shape, brands_by_category: dict[str, list[str]], rng: random.Random) -> str:
    """One rule; most test an intent and a stage, as hand-written dialogue rules do."""
    intent = rng.choice(shape.intents)
    stage = shape.stages[i % len(shape.stages)]
    next_stage = shape.stages[(i + 1) % len(shape.stages)]   # every stage is set by some rule
    words = f"{rng.choice(_WORDS)}|{_name(i, 3, 977)}"
    kind = rng.random()
    priority = rng.randrange(0, 20)
    if kind < 0.55:
        when = f'INTENT_IS {intent}\n    AND CONTEXT_STAGE_IS "{stage}"\n    AND USER_MENTION_ANY "{words}"'
        then = [f'RESPOND "关于{{current_category}}的{words.split("|")[0]}，为您说明。"', f'SET_STAGE "{next_stage}"']
    elif kind < 0.65:
        when = f'INTENT_IS {intent} AND CONTEXT_STAGE_IS "{stage}" AND CONTEXT_HAS current_brand'
        then = ["SUGGEST_SERIES", f'SET_STAGE "{next_stage}"']
    elif kind < 0.75:
        when = f'INTENT_IS {intent} AND CONTEXT_STAGE_IS "{stage}" AND USER_MENTIONS brand'
        then = ["CAPTURE brand", "SUGGEST_SERIES", f'SET_STAGE "{next_stage}"']
    elif kind < 0.85:
        category = rng.choice([c for c, b in brands_by_category.items() if b])
        brand = rng.choice(brands_by_category[category])
        when = (f'INTENT_IS {intent} AND CONTEXT_EQ current_category "{category}"'
                f'\n    AND USER_MENTION_ALL "{words}"')
        then = [f'ADD_TO_CHAIN brand "{brand}"', "SUGGEST_SERIES", f'SET_VAR last_topic "{brand}"']
    elif kind < 0.93:
        other = rng.choice(shape.intents)
        when = (f'(INTENT_IS {intent} OR INTENT_IS {other}) AND CONTEXT_STAGE_IS "{stage}"'
                f'\n    AND NOT USER_MENTION_ANY "{words}"')
        then = ['RESPOND "您的预算是 {budget_range}，场景 {usage_scenario}。"', "SUGGEST_BRANDS"]
    else:
        when = f'INTENT_IS {intent} AND USER_MENTION_ANY "{words}" AND CONTEXT_HAS usage_scenario'
        then = ["SUGGEST_BY_SCENARIO", 'RESPOND "上次聊到：{last_topic}"']
        priority = -5
    body = "\n    ".join(then)
    return f"RULE r{i:06d}\n    PRIORITY {priority}\nWHEN {when}\nTHEN\n    {body}\n"


def _fixed_rules() -> str:
    """The handful of generic rules every project has, whatever its size."""
    return "\n".join([
        "RULE restart_anytime\n    PRIORITY 50\nWHEN USER_MENTION_ANY \"重新开始|重来\"\nTHEN\n"
        "    RESET_SHOPPING_CONTEXT\n    SET_STAGE \"stage_0000\"\n    SUGGEST_CATEGORIES\n",
        "RULE objection\n    PRIORITY -20\nWHEN USER_MENTION_ANY \"太贵|贵了\" OR SALES_STAGE_IS 6\nTHEN\n"
        "    SET_SALES_STAGE 6\n    GENERATE \"理解您的顾虑，{current_brand} 也有更实惠的型号。\"\n",
        "RULE fallback\n    PRIORITY -100\nWHEN ALWAYS\nTHEN\n    RESPOND \"抱歉，我没太明白，您可以说说想买什么。\"\n",
    ])


def generate(root: Path, rules: int, brands: int) -> None:
    """Write a synthetic project with `rules` rules and `brands` brands under `root`."""
    rng = random.Random(SEED)
    root = Path(root)
    (root / "rules").mkdir(parents=True, exist_ok=True)
    (root / "knowledge").mkdir(parents=True, exist_ok=True)
    shape = _shape(rules)
    knowledge = _knowledge(_brand_names(brands), rng)
    brands_by_category = {c: list(v["brands"]) for c, v in knowledge["categories"].items()}
    (root / "knowledge" / "products.json").write_text(
        json.dumps(knowledge, ensure_ascii=False, indent=2), encoding="utf-8")
    (root / "rules" / "00_declarations.dsl").write_text(_declarations(shape), encoding="utf-8")
    generated = max(0, rules - 3)
    for file_no, start in enumerate(range(0, generated, RULES_PER_FILE), start=1):
        chunk = [_rule(i, shape, brands_by_category, rng) for i in range(start, min(start + RULES_PER_FILE, generated))]
        (root / "rules" / f"rules_{file_no:04d}.dsl").write_text("\n".join(chunk), encoding="utf-8")
    (root / "rules" / "zz_generic.dsl").write_text(_fixed_rules(), encoding="utf-8")


_SERIES_SCENARIOS = ["露营", "骑行", "潜水", "钓鱼", "登山"]


def with_series_objects(knowledge) -> None:
    """Make every series of a loaded `Knowledge` an object (the knowledge's second edition) with a Chinese
    alias and a scenario that no brand lists, in place: `--series-objects` of the analysis and explorer
    benchmarks, which then measure those names too."""
    from studio.knowledge import Series
    for _, brand in knowledge.brands():
        for k, name in enumerate(brand.series):
            brand.series_details[name] = Series(name, [f"{brand.name}{'一二三四五'[k % 5]}代"], None,
                                                [_SERIES_SCENARIOS[(len(brand.name) + k) % len(_SERIES_SCENARIOS)]])
    knowledge.changed()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--rules", type=int, default=5000)
    parser.add_argument("--brands", type=int, default=200)
    args = parser.parse_args()
    generate(args.out, args.rules, args.brands)


if __name__ == "__main__":
    main()
