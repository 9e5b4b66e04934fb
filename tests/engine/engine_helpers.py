"""Engine test helpers: a small knowledge, rule bases from DSL text, a scripted LLM port."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Sequence

from studio.dsl.parser import parse
from studio.engine.llm_port import IntentContext, LLMCall, SalesStage
from studio.engine.rulebase import RuleBase
from studio.knowledge import Brand, Category, Knowledge


def small_knowledge() -> Knowledge:
    return Knowledge({
        "手机": Category("手机", "智能手机", "📱", [], {
            "苹果": Brand("苹果", ["Apple", "iPhone"], ["iPhone 16", "iPhone 16 Pro"], ["摄影", "办公"], (5000, 12000)),
            "小米": Brand("小米", ["Xiaomi"], ["Xiaomi 15", "Redmi K80"], ["游戏"], (1000, 6000)),
        }),
        "电脑": Category("电脑", "笔记本与台式机", "💻", ["笔记本", "台式机"], {
            "联想": Brand("联想", ["Lenovo"], ["ThinkPad X1", "拯救者 Y9000P"], ["办公", "游戏"], (3500, 15000)),
            "苹果": Brand("苹果", ["Mac"], ["MacBook Air"], ["设计"], (8000, 20000)),
        }),
    })


def rulebase_of(*texts: str) -> RuleBase:
    programs = []
    for number, text in enumerate(texts):
        result = parse(text, f"f{number}.dsl")
        assert not result.diagnostics, result.diagnostics
        programs.append(result.program)
    return RuleBase.build(programs)


@dataclass
class ScriptedLLM:
    """An LLMPort whose answers are set by the test; records what it was asked."""
    intent: str | None = None
    sales_stage: int | None = None
    reply: str | None = None
    chunks: Sequence[str] = ()
    asked: list[tuple[str, object]] = field(default_factory=list)

    def _call(self, purpose: str, raw: str | None) -> LLMCall:
        return LLMCall(purpose, f"<{purpose} prompt>", raw, 1.0, None if raw is not None else "HTTP 500")

    def classify_intent(self, message, intents, context: IntentContext):
        self.asked.append(("intent", context))
        return self.intent, self._call("intent", self.intent)

    def analyze_sales_stage(self, history, stages: Sequence[SalesStage], current: int):
        self.asked.append(("sales_stage", current))
        return self.sales_stage, self._call("sales_stage", None if self.sales_stage is None else str(self.sales_stage))

    def generate_reply(self, persona, stage, history, facts, on_chunk: Callable[[str], None] | None = None):
        self.asked.append(("generate", (persona, stage, list(history), facts)))
        for chunk in self.chunks:
            if on_chunk:
                on_chunk(chunk)
        return self.reply, self._call("generate", self.reply)
