"""Conversation history as prompt text: one line per message, a speaker label first."""
from __future__ import annotations

from typing import Sequence

NO_HISTORY = "（暂无对话）"


def render_history(history: Sequence[tuple[str, str]], *, assistant: str = "助手", user: str = "用户",
                   bullet: str = "") -> str:
    """`history` is (role, text) with role "user" | "assistant"; newlines inside a message are flattened."""
    lines = [f"{bullet}{user if role == 'user' else assistant}：{' '.join(text.split())}"
             for role, text in history]
    return "\n".join(lines) if lines else NO_HISTORY
