"""Intent classification by the model, with the conversation context in the prompt (docs/llm.md).

lazyllm's IntentClassifier is not used: an answer that is not exactly an
intent name silently becomes the first intent, so a fallback cannot be told
from a real answer (and the intent source needs exactly that distinction), and its
history slot sticks to the first turn's history. A plain prompt plus our own
tolerant reading of the answer is simpler and records why an answer failed.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Sequence

from studio.dsl.ast import IntentDecl
from studio.engine.llm_port import IntentContext, LLMCall
from studio.i18n import N_, _
from studio.llm.client import ChatClient
from studio.llm.transcript import render_history

# Room for a short sentence around the name ("用户想继续当前流程，所以是 confirmation。");
# anything longer is not an answer to "name one intent" and is not read at all.
ANSWER_SLACK_CHARS = 200

NONE_ANSWERS = frozenset({"none", "null", "无", "没有", "无意图", "都不是"})
UNUSABLE = N_("unusable answer")   # shown through _()

_IDENTIFIER = re.compile(r"[^\W\d]\w*")
_LABEL = re.compile(r"^(?:意图(?:名称)?|intent(?:\s*name)?)\s*(?:[:：]|是|为)\s*", re.IGNORECASE)
_WRAPPING = " \t\r\n\"'`*“”‘’「」『』《》【】()（）[]<>。.,，!！?？:：;；"


def build_intent_prompt(message: str, intents: Sequence[IntentDecl],
                        context: IntentContext) -> tuple[str, str]:
    """(system, user) text: the declared intents, then the stage, chain and recent messages."""
    recent = list(context.recent)
    if recent and recent[-1] == ("user", message):
        recent.pop()   # the engine adds the message to the history first; show it once
    system = "\n".join([
        "你是电商导购助手的意图识别模块。请结合对话上下文，判断用户最新一条消息属于下面哪一个意图。",
        "",
        "可选意图：",
        *(_describe(intent) for intent in intents),
        "",
        f"当前对话阶段：{context.stage or '（未设置）'}",
        f"当前已选产品链：{context.product_chain or '（尚未选择）'}",
        "最近对话：",
        render_history(recent, bullet="- "),
        "",
        "只回答一个意图名称，必须与上面列出的名称完全一致，不要解释。",
        "如果没有任何意图符合，回答 none。",
    ])
    return system, f"用户最新消息：{message}"


def _describe(intent: IntentDecl) -> str:
    line = f"- {intent.name.text}"
    if intent.description is not None and intent.description.value:
        line += f"：{intent.description.value}"
    if intent.examples:
        line += "\n  例如：" + "；".join(f"「{example.value}」" for example in intent.examples)
    return line


def parse_intent_answer(answer: str, declared: Sequence[str]) -> tuple[str | None, str | None]:
    """(intent, error): a declared name, or None with why not; (None, None) when the model said none.

    Tolerates quotes, punctuation, a "意图：" label, case, and a sentence that
    names exactly one declared intent.
    """
    cleaned = _LABEL.sub("", answer.strip(_WRAPPING)).strip(_WRAPPING)
    by_folded = {name.casefold(): name for name in declared}
    if cleaned.casefold() in by_folded:
        return by_folded[cleaned.casefold()], None
    if cleaned.casefold() in NONE_ANSWERS:
        return None, None
    named = _names_in(answer, declared)
    if len(named) == 1:
        return named[0], None
    if named:
        return None, _("unusable answer: names several intents ({intents})").format(intents=", ".join(named))
    if _IDENTIFIER.fullmatch(cleaned):
        return None, _("undeclared intent '{intent}'").format(intent=cleaned)
    return None, _(UNUSABLE)


def _names_in(text: str, declared: Sequence[str]) -> list[str]:
    """Declared names standing alone in `text` (not inside a longer ASCII word), longest first."""
    taken: list[tuple[int, int]] = []
    found: list[str] = []
    for name in sorted(declared, key=len, reverse=True):
        pattern = re.compile(rf"(?<![A-Za-z0-9_]){re.escape(name)}(?![A-Za-z0-9_])", re.IGNORECASE)
        for match in pattern.finditer(text):
            if any(match.start() < end and start < match.end() for start, end in taken):
                continue
            taken.append(match.span())
            if name not in found:
                found.append(name)
    return found


def classify_intent(client: ChatClient, message: str, intents: Sequence[IntentDecl],
                    context: IntentContext, timeout_s: float | None = None) -> tuple[str | None, LLMCall]:
    system, user = build_intent_prompt(message, intents, context)
    longest = max((len(intent.name.text) for intent in intents), default=0)
    call = client.ask("intent", system, user, timeout_s=timeout_s, max_chars=longest + ANSWER_SLACK_CHARS)
    if call.raw is None or call.error is not None:
        return None, call
    intent, error = parse_intent_answer(call.raw, [intent.name.text for intent in intents])
    return intent, call if error is None else replace(call, error=error)
