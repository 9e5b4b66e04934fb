"""Coverage in the editors: a gutter mark on every rule the last full test run never fired.

The Tests panel reports what fired (`coverage_changed`); the main window hands it to
`CoverageMarks`, which keeps the marks in every open editor.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, Slot

UNTESTED = "untested"


def never_fired_lines(analysis, fired: dict[str, int] | None, rel: str) -> list[int]:
    """The lines of the rules of `rel` that the last full run never fired ([] before any run)."""
    if fired is None or analysis is None:
        return []
    lines = []
    for program in analysis.programs:
        if program.file == rel:
            lines += [rule.span.line for rule in program.rules if not fired.get(rule.name.text)]
    return lines


class CoverageMarks(QObject):
    """Keeps a gutter mark ("untested") on the rules the last test run never fired, in every open editor.

    A diagnostic's mark on the same line wins. Re-applied after each analysis
    (the editor's own diagnostics replace all marks) and when a tab opens.
    """

    def __init__(self, workspace, tabs, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.tabs = tabs
        self.fired: dict[str, int] | None = None
        workspace.analysis_finished.connect(self.refresh)
        tabs.currentChanged.connect(self.refresh)

    @Slot(object)
    def set_coverage(self, fired) -> None:
        self.fired = None if fired is None else dict(fired)
        self.refresh()

    @Slot()
    def refresh(self, *_args) -> None:
        for page in self.tabs.pages():
            gutter = page.editor.line_numbers
            marks = {line: kind for line, kind in gutter.line_marks().items() if kind != UNTESTED}
            for line in never_fired_lines(self.workspace.analysis, self.fired, page.rel):
                marks.setdefault(line, UNTESTED)
            if marks != gutter.line_marks():
                gutter.set_line_marks(marks)




__all__ = ["UNTESTED", "CoverageMarks", "never_fired_lines"]
