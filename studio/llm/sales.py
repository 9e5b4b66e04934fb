"""The SalesGPT pair: a stage analyzer and a persona-driven reply generator.

Prompts are our own plain strings (persona, history and facts are inserted as
text, never as a template), so braces written by users cannot break a call.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Callable, Collection, Sequence

from studio.engine.llm_port import LLMCall, SalesStage
from studio.i18n import _
from studio.llm.client import ChatClient
from studio.llm.transcript import render_history

END_OF_TURN = "<END_OF_TURN>"
# An answer to "which stage number" is a few characters; a long one is not read.
MAX_STAGE_ANSWER_CHARS = 200
# The prompt asks for a short reply; a model that runs on is cut off and the fallback used.
MAX_REPLY_CHARS = 8000

_INTEGER = re.compile(r"\d+")
_DEFAULT_SALESPERSON = "销售顾问"


# ---------------------------------------------------------------- stage analyzer

def build_stage_prompt(history: Sequence[tuple[str, str]], stages: Sequence[SalesStage],
                       current: int) -> tuple[str, str]:
    numbers = "、".join(str(stage.number) for stage in stages)
    current_stage = next((s for s in stages if s.number == current), None)
    system = "\n".join([
        "你是一名销售助理，帮助销售代表判断销售对话接下来应该处于哪个阶段。",
        "",
        "销售阶段：",
        *(f"{stage.number}. {_stage_line(stage)}" for stage in stages),
        "",
        f"当前阶段：{current_stage.number}. {current_stage.title}" if current_stage else "当前阶段：（未确定）",
        "",
        "请根据对话历史，确定销售代表接下来应处于的阶段。",
        f"只回答一个阶段编号（{numbers} 之一），不要回答其他任何内容。",
        f"如果还没有对话历史，回答 {stages[0].number if stages else 1}。",
    ])
    user = "对话历史：\n===\n" + render_history(history, assistant="销售") + "\n==="
    return system, user


def parse_stage_answer(answer: str, numbers: Collection[int]) -> tuple[int | None, str | None]:
    """(stage, error): the first integer in the answer that is a declared stage number."""
    integers = [int(text) for text in _INTEGER.findall(answer)]
    for value in integers:
        if value in numbers:
            return value, None
    if integers:
        # TRANSLATORS: {numbers} lists the declared sales stage numbers.
        return None, _("stage {number} is not declared ({numbers})").format(
            number=integers[0], numbers=", ".join(map(str, sorted(numbers))))
    return None, _("unusable answer: no stage number")


def analyze_sales_stage(client: ChatClient, history: Sequence[tuple[str, str]],
                        stages: Sequence[SalesStage], current: int,
                        timeout_s: float | None = None) -> tuple[int | None, LLMCall]:
    system, user = build_stage_prompt(history, stages, current)
    call = client.ask("sales_stage", system, user, timeout_s=timeout_s, max_chars=MAX_STAGE_ANSWER_CHARS)
    if call.raw is None or call.error is not None:
        return None, call
    stage, error = parse_stage_answer(call.raw, {s.number for s in stages})
    return stage, call if error is None else replace(call, error=error)


def _stage_line(stage: SalesStage) -> str:
    return f"{stage.title}：{stage.description}" if stage.description else stage.title


# ---------------------------------------------------------------- reply generator

def build_reply_prompt(persona: dict[str, str], stage: SalesStage, history: Sequence[tuple[str, str]],
                       facts: str) -> tuple[str, str]:
    name = persona.get("salesperson_name") or _DEFAULT_SALESPERSON
    about = [
        f"你叫{name}" + (f"，是一名{persona['salesperson_role']}" if persona.get("salesperson_role") else "") + "。",
        *_persona_lines(persona),
    ]
    system = "\n".join([
        *about,
        "",
        f"当前销售阶段：{_stage_line(stage)}",
        "",
        "可以介绍的商品资料（品牌、系列、价格）：",
        facts.strip() or "（暂无）",
        "只能介绍上面资料里的品牌、系列和价格，不要编造其他商品、型号或价格；资料里没有的，就如实说明并询问顾客需求。",
        "",
        "保持回复简短，吸引顾客的注意力；不要列清单，只回应顾客。",
        "你必须根据对话历史和当前销售阶段来回复。",
        f"每次只生成一条回复，直接输出回复内容，不要加说话人前缀；说完后以 {END_OF_TURN} 结尾，把机会留给顾客。",
    ])
    user = "对话历史：\n" + render_history(history, assistant=name) + f"\n\n请以{name}的身份给出下一条回复。"
    return system, user


def _persona_lines(persona: dict[str, str]) -> list[str]:
    labelled = (
        ("company_name", "你在{}工作。"),
        ("company_business", "公司业务：{}"),
        ("company_values", "公司价值观：{}"),
        ("conversation_purpose", "你联系顾客的目的：{}"),
        ("conversation_type", "你联系顾客的方式：{}"),
    )
    # str.format on our own labels only: the persona value is an argument, its braces stay literal.
    return [label.format(persona[key]) for key, label in labelled if persona.get(key)]


class EndOfTurnFilter:
    """Passes streamed text on, minus `<END_OF_TURN>` and whatever follows it.

    The marker can be split across chunks ("…<END" + "_OF_TURN>"), so a tail
    that could still become the marker is held back until the next chunk.
    Text after the marker would be the model writing the customer's turn.
    """

    def __init__(self) -> None:
        self._held = ""
        self._ended = False

    def feed(self, delta: str) -> str:
        if self._ended:
            return ""
        text = self._held + delta
        if (at := text.find(END_OF_TURN)) >= 0:
            self._ended, self._held = True, ""
            return text[:at]
        keep = _marker_prefix_length(text)
        self._held = text[len(text) - keep:] if keep else ""
        return text[:len(text) - keep]

    def finish(self) -> str:
        """The held-back tail once the stream ends: it never became the marker, so it is text."""
        held, self._held = self._held, ""
        return held


def _marker_prefix_length(text: str) -> int:
    """Length of the longest end of `text` that is a proper prefix of the marker."""
    for length in range(min(len(text), len(END_OF_TURN) - 1), 0, -1):
        if END_OF_TURN.startswith(text[-length:]):
            return length
    return 0


def reply_text(raw: str) -> str:
    """The reply the user sees: the answer up to the marker, trimmed."""
    return raw.split(END_OF_TURN, 1)[0].strip()


def generate_reply(client: ChatClient, persona: dict[str, str], stage: SalesStage,
                   history: Sequence[tuple[str, str]], facts: str,
                   on_chunk: Callable[[str], None] | None = None,
                   timeout_s: float | None = None) -> tuple[str | None, LLMCall]:
    system, user = build_reply_prompt(persona, stage, history, facts)
    limits = {"timeout_s": timeout_s, "max_chars": MAX_REPLY_CHARS}
    if on_chunk is None:
        call = client.ask("generate", system, user, **limits)
    else:
        marker_filter = EndOfTurnFilter()

        def forward(delta: str) -> None:
            if text := marker_filter.feed(delta):
                on_chunk(text)

        call = client.ask("generate", system, user, on_delta=forward, **limits)
        if call.raw is not None and call.error is None and (tail := marker_filter.finish()):
            on_chunk(tail)
    if call.raw is None or call.error is not None:
        return None, call
    reply = reply_text(call.raw)
    if not reply:
        return None, replace(call, error=_("empty reply"))
    return reply, call
