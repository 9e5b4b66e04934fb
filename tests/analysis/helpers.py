"""Helpers of the analysis tests: rule files to programs, the analysis, and replaying a witness
through the real engine (the whole rule base, offline, as `rule-studio chat --start/--set` does)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from studio.analysis.coverage import Analyzer, Findings
from studio.dsl import ast
from studio.dsl.parser import parse
from studio.engine.assistant import Assistant, TurnResult
from studio.engine.llm_port import LLMCall
from studio.engine.rulebase import RuleBase
from studio.knowledge import Brand, Category, Knowledge, Series

INTENTS = '''INTENT greeting KEYWORDS "你好|您好"
INTENT product_query KEYWORDS "买|想要|推荐|手机"
INTENT objection KEYWORDS "太贵|便宜点"
'''


def knowledge() -> Knowledge:
    return Knowledge({
        "手机": Category("手机", "智能手机", "📱", [], {
            "苹果": Brand("苹果", ["Apple", "iPhone"], ["iPhone 16", "iPhone 16 Pro"], ["摄影"]),
            "华为": Brand("华为", ["HUAWEI"], ["Mate 70", "Pura 70"], ["商务"]),
        }),
        "电脑": Category("电脑", "笔记本与台式机", "💻", ["笔记本", "台式机"], {
            "联想": Brand("联想", ["Lenovo"], ["ThinkPad X1", "拯救者 Y9000P"], ["办公", "游戏"]),
        }),
    })


def series_knowledge() -> Knowledge:
    """`knowledge()` where two series are objects (docs/knowledge.md): Mate 70 with the aliases M70 and
    大黄蜂, ThinkPad X1 with 小黑; each lists a scenario that no brand lists (拍照, 出差)."""
    kb = knowledge()
    huawei = kb.categories["手机"].brands["华为"]
    huawei.series_details["Mate 70"] = Series("Mate 70", ["M70", "大黄蜂"], (5000, 7000), ["拍照"])
    lenovo = kb.categories["电脑"].brands["联想"]
    lenovo.series_details["ThinkPad X1"] = Series("ThinkPad X1", ["小黑"], None, ["出差", "办公"])
    kb.changed()
    return kb


def programs(*texts: str, intents: str = INTENTS) -> list[ast.Program]:
    """Rule files `r1.dsl`, `r2.dsl`, ...; the first gets the intents in front."""
    out = []
    for number, text in enumerate(texts, 1):
        result = parse((intents if number == 1 else "") + text, f"r{number}.dsl")
        assert not result.diagnostics, [d.message for d in result.diagnostics]
        out.append(result.program)
    return out


def analyse(*texts: str, intents: str = INTENTS, kb: Knowledge | None = None) -> Findings:
    return Analyzer().run(programs(*texts, intents=intents), kb or knowledge())


def covered_names(findings: Findings) -> dict[str, list[str]]:
    """Covered rule -> the rules named as covering it."""
    return {c.rule.name: [r.name for r in c.by] for c in findings.covered}


def replay(progs: list[ast.Program], witness: dict[str, Any], kb: Knowledge | None = None) -> TurnResult:
    """One offline turn of the whole project in the witness's situation."""
    assistant = Assistant(RuleBase.build(progs), kb or knowledge())
    context = assistant.new_context(**witness["context"])
    return assistant.turn(context, witness["message"])


@dataclass
class IntentPort:
    """An LLM port that detects the intent the test sets (the situations a language model can make)."""
    intent: str | None = None
    asked: list[str] = field(default_factory=list)

    def _call(self, purpose: str) -> LLMCall:
        return LLMCall(purpose, "", None, 0.0, "scripted")

    def classify_intent(self, message, intents, context):
        self.asked.append(message)
        return self.intent, self._call("intent")

    def analyze_sales_stage(self, history, stages, current):
        return None, self._call("sales_stage")

    def generate_reply(self, persona, stage, history, facts, on_chunk=None):
        return None, self._call("generate")
