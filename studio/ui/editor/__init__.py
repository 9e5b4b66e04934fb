"""The DSL editor and its add-ons (gutter, diagnostics, completion, find / replace)."""
from studio.ui.editor.code_editor import CodeEditor
from studio.ui.editor.completion import CompletionAddon, DslCompletions
from studio.ui.editor.find_replace import FindReplaceBar
from studio.ui.editor.line_numbers import LineNumberArea

__all__ = ["CodeEditor", "CompletionAddon", "DslCompletions", "FindReplaceBar", "LineNumberArea"]
