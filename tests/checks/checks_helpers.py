"""Helpers of the checker tests (a module of its own, so test files import it by name).

A small knowledge base, checking rule text, and where a diagnostic should point.
"""
from __future__ import annotations

import io
import tracemalloc
from pathlib import Path

from studio.checks import check
from studio.cli import check_cmd
from studio.diagnostics import Diagnostic, Span, apply_fixes
from studio.dsl.parser import parse
from studio.knowledge import Brand, Category, Knowledge

REPO = Path(__file__).resolve().parents[2]


def small_knowledge() -> Knowledge:
    phones = Category("手机", "智能手机", "📱", [], {
        "苹果": Brand("苹果", ["Apple", "iPhone"], ["iPhone 16", "iPhone 16 Pro"], ["摄影"]),
        "华为": Brand("华为", ["HUAWEI"], ["Mate 70", "Pura 70"], ["商务"]),
        "小米": Brand("小米", ["Xiaomi"], ["Xiaomi 15"], ["游戏"]),
        "三星": Brand("三星", ["Samsung"], ["Galaxy S25"]),
    })
    computers = Category("电脑", "笔记本与台式机", "💻", ["笔记本", "台式机"], {
        "联想": Brand("联想", ["Lenovo"], ["ThinkPad X1", "拯救者 Y9000P"], ["办公", "游戏"]),
        "戴尔": Brand("戴尔", ["Dell"], ["XPS 13"]),
        "苹果": Brand("苹果", ["Apple", "Mac"], ["MacBook Air 13"]),
    })
    return Knowledge({"手机": phones, "电脑": computers})


# Every rule base below gets these unless a test says otherwise, so that a test sees only its own code.
PRELUDE = 'INTENT product_query KEYWORDS "买"\nRULE fallback PRIORITY -100 WHEN ALWAYS THEN RESPOND "抱歉"\n'


def run(*sources: str, knowledge: Knowledge | None = None, prelude: bool = True,
        extra_mentions=(), **options) -> list[Diagnostic]:
    """Check rule files `r1.dsl`, `r2.dsl`, ... (the first gets PRELUDE in front)."""
    texts = list(sources)
    if prelude:
        texts[0] = PRELUDE + texts[0]
    programs = []
    for i, text in enumerate(texts, 1):
        result = parse(text, f"r{i}.dsl")
        assert not result.diagnostics, [d.message for d in result.diagnostics]
        programs.append(result.program)
    return check(programs, knowledge or small_knowledge(), extra_mentions, **options)


def codes(diagnostics: list[Diagnostic], *wanted: str) -> list[Diagnostic]:
    """The diagnostics with those codes (I410 is left out unless asked for)."""
    return [d for d in diagnostics if d.code in wanted]


def span_of(source: str, needle: str, nth: int = 0, prelude: bool = True) -> Span:
    """Where the nth occurrence of `needle` is in a file checked by `run` (PRELUDE included)."""
    text = (PRELUDE if prelude else "") + source
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    return Span(start, start + len(needle), line, column, line, column + len(needle))


def fixed(source: str, diagnostic: Diagnostic, prelude: bool = True) -> str:
    """The file text after applying the diagnostic's fixes."""
    text = (PRELUDE if prelude else "") + source
    new_text, applied = apply_fixes(text, list(diagnostic.fixes))
    assert applied == list(diagnostic.fixes)
    return new_text[len(PRELUDE):] if prelude else new_text


# --- whole projects, checked the way `rule-studio check` does -------------------------------------

def write_project(root: Path, rules: dict[str, str], knowledge: str | None = None,
                  knowledge_name: str = "products.json") -> Path:
    """A project folder: `rules/<name>` for each rule text, and a knowledge file (the sample's by default)."""
    (root / "rules").mkdir(parents=True, exist_ok=True)
    (root / "knowledge").mkdir(exist_ok=True)
    for name, text in rules.items():
        (root / "rules" / name).write_text(text, encoding="utf-8")
    if knowledge is None:
        knowledge = (REPO / "knowledge" / "products.json").read_text(encoding="utf-8")
    (root / "knowledge" / knowledge_name).write_text(knowledge, encoding="utf-8")
    return root


def check_project(root: Path, fmt: str = "text") -> tuple[int, str, str]:
    """Exit code, output and errors of `rule-studio check`, written as strict UTF-8 like a terminal's."""
    out, err = _utf8_stream(), _utf8_stream()
    code = check_cmd.run(str(root), fmt, False, out, err)
    return code, _text_of(out), _text_of(err)


def _utf8_stream() -> io.TextIOWrapper:
    return io.TextIOWrapper(io.BytesIO(), encoding="utf-8", newline="\n")


def _text_of(stream: io.TextIOWrapper) -> str:
    stream.flush()
    return stream.buffer.getvalue().decode("utf-8")


def peak_bytes(work) -> tuple[object, int]:
    """What `work()` returns and the most memory it held at once: a measure of the work done, not of time."""
    tracemalloc.start()
    try:
        result = work()
        return result, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def distinct_word(length: int, seed: int = 0) -> str:
    """Letters in an order that does not repeat soon, so that deletion variants do not collapse."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    return "".join(letters[(i * 7 + seed + i // 26) % 26] for i in range(length))
