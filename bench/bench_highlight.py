"""Highlighting benchmark: a 50,000-line rule file in the studio's CodeEditor.

    python bench/bench_highlight.py [--lines 50000] [--runs 5]

The file is the rules of `bench/generate_project.py` (Chinese strings,
multi-line conditions), cut to `--lines` lines. Figures, each the median of
`--runs` runs:

(a) Pygments alone: `RuleDslLexer.get_tokens_unprocessed` over the whole text;
(b) `setPlainText` on a shown CodeEditor (offscreen): until the blocks of the
    first screen are highlighted and painted, then until every block is
    (the highlighter's catch-up slices, with the event loop running between);
(c) one keystroke in the middle of the file once all is highlighted: the
    time of the insertion (Qt re-highlights synchronously) and how many
    blocks Qt asked to re-highlight.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate_project import generate  # noqa: E402

from PySide6.QtGui import QTextCursor  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from studio.dsl.pygments_lexer import RuleDslLexer  # noqa: E402
from studio.ui.editor import CodeEditor  # noqa: E402
from studio.ui.highlighter import DslHighlighter  # noqa: E402

GOAL_FIRST_SCREEN_MS = 300
GOAL_WHOLE_RATIO = 3.0
GOAL_KEYSTROKE_MS = 2.0
KEYSTROKES = 200


class CountingHighlighter(DslHighlighter):
    def __init__(self, document) -> None:
        self.calls = 0
        super().__init__(document)

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt override)
        self.calls += 1
        super().highlightBlock(text)


def rule_text(lines: int) -> str:
    rules = lines // 6 + 100   # the generator writes ~7 lines per rule
    with tempfile.TemporaryDirectory(prefix="bench-highlight-") as tmp:
        generate(Path(tmp), rules, 200)
        text = "".join(p.read_text(encoding="utf-8") for p in sorted((Path(tmp) / "rules").glob("rules_*.dsl")))
    return "\n".join(text.split("\n")[:lines])


def lex_whole(text: str) -> float:
    lexer = RuleDslLexer()
    started = time.perf_counter()
    for _ in lexer.get_tokens_unprocessed(text):
        pass
    return time.perf_counter() - started


def first_screen_done(editor: CodeEditor) -> bool:
    return all(block.userState() >= 0 for block, _, _ in editor.visible_blocks())   # < 0: pending


def open_in_editor(app: QApplication, text: str) -> tuple[float, float, CodeEditor]:
    """(b) on the editor's own highlighter, as the studio opens a file."""
    editor = CodeEditor()
    editor.resize(900, 1000)
    editor.show()
    app.processEvents()
    started = time.perf_counter()
    editor.setPlainText(text)
    while not first_screen_done(editor):
        app.processEvents()
    editor.viewport().repaint()
    first_screen = time.perf_counter() - started
    while editor.highlighter.is_pending():
        app.processEvents()
    return first_screen, time.perf_counter() - started, editor


def count_highlighted_blocks(app: QApplication, editor: CodeEditor) -> None:
    """Swap in a highlighter that counts Qt's calls (kept out of (b): it costs a call per block)."""
    in_view = editor.highlighter.in_view
    editor.highlighter.setDocument(None)
    editor.highlighter = CountingHighlighter(editor.document())
    editor.highlighter.in_view = in_view
    app.processEvents()   # Qt re-highlights the whole document on a new highlighter
    while editor.highlighter.is_pending():
        app.processEvents()


def keystrokes(app: QApplication, editor: CodeEditor) -> tuple[float, float]:
    """Median insertion time in ms and mean blocks re-highlighted per keystroke."""
    middle = editor.document().findBlockByNumber(editor.blockCount() // 2)
    cursor = QTextCursor(middle)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    editor.setTextCursor(cursor)
    editor.highlighter.calls = 0
    times = []
    for i in range(KEYSTROKES):
        started = time.perf_counter()
        editor.textCursor().insertText("好" if i % 2 else "x")
        times.append(time.perf_counter() - started)
        app.processEvents()
    return statistics.median(times) * 1000, editor.highlighter.calls / KEYSTROKES


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=50_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    text = rule_text(args.lines)
    print(f"file: {text.count(chr(10)) + 1} lines, {len(text)} characters")

    lex, first, whole, key, blocks = [], [], [], [], []
    for _ in range(args.runs):
        lex.append(lex_whole(text))
        first_screen, all_blocks, editor = open_in_editor(app, text)
        first.append(first_screen)
        whole.append(all_blocks)
        count_highlighted_blocks(app, editor)
        key_ms, key_blocks = keystrokes(app, editor)
        key.append(key_ms)
        blocks.append(key_blocks)
        editor.close()
        editor.deleteLater()
        app.processEvents()

    lex_s, first_s, whole_s = statistics.median(lex), statistics.median(first), statistics.median(whole)
    key_ms = statistics.median(key)
    print(f"(a) Pygments alone, whole text:          {lex_s * 1000:7.0f} ms")
    print(f"(b) editor, first screen highlighted:    {first_s * 1000:7.0f} ms (goal <= {GOAL_FIRST_SCREEN_MS} ms)")
    print(f"    editor, every block highlighted:     {whole_s * 1000:7.0f} ms "
          f"= {whole_s / lex_s:.1f}x Pygments alone (goal <= {GOAL_WHOLE_RATIO:.0f}x)")
    print(f"(c) keystroke mid-file, median:          {key_ms:7.2f} ms (goal <= {GOAL_KEYSTROKE_MS} ms), "
          f"{statistics.median(blocks):.1f} block(s) re-highlighted")
    ok = (first_s * 1000 <= GOAL_FIRST_SCREEN_MS and whole_s / lex_s <= GOAL_WHOLE_RATIO
          and key_ms <= GOAL_KEYSTROKE_MS)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
