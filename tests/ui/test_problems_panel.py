"""The Problems panel: a checked table model, severity / text filters, go-to and one-click fixes."""
from __future__ import annotations

from PySide6.QtCore import Qt

from studio.diagnostics import Diagnostic, Fix, Severity, Span
from studio.ui.problems_panel import (CODE_COLUMN, FIX_COLUMN, LINE_COLUMN, SEVERITY_COLUMN, ProblemsModel,
                                      ProblemsPanel)


def _diag(severity, code, message, file, line, fix=None):
    span = Span(0, 2, line, 5, line, 7)
    fixes = (Fix(file, span, fix, f"Replace with {fix}"),) if fix else ()
    return Diagnostic(severity, code, message, span, file, fix, fixes)


DIAGNOSTICS = [
    _diag(Severity.ERROR, "E200", "unknown brand '华维'", "rules/a.dsl", 12, fix="华为"),
    _diag(Severity.WARNING, "W330", "no ALWAYS fallback rule", "rules/b.dsl", 1),
    _diag(Severity.INFO, "I410", "knowledge brand '三星' is never mentioned", "knowledge/products.json", 30),
    _diag(Severity.ERROR, "E110", "undeclared intent 'buy'", "rules/b.dsl", 4),
]


def test_model_passes_qtmodeltester(qapp, qtmodeltester):
    model = ProblemsModel()
    model.set_diagnostics(DIAGNOSTICS)
    qtmodeltester.check(model)
    model.set_diagnostics([])
    qtmodeltester.check(model)


def test_filter_proxy_passes_qtmodeltester(qtbot, qtmodeltester):
    panel = ProblemsPanel()
    qtbot.addWidget(panel)
    panel.set_diagnostics(DIAGNOSTICS)
    qtmodeltester.check(panel.proxy)


def test_severity_toggles_show_counts_and_filter(qtbot):
    panel = ProblemsPanel()
    qtbot.addWidget(panel)
    panel.set_diagnostics(DIAGNOSTICS)
    assert panel.severity_buttons[Severity.ERROR].text().endswith("2")
    assert panel.severity_buttons[Severity.WARNING].text().endswith("1")
    assert panel.row_count() == 4
    panel.severity_buttons[Severity.ERROR].click()
    assert {d.severity for d in panel.shown_diagnostics()} == {Severity.WARNING, Severity.INFO}
    panel.severity_buttons[Severity.INFO].click()
    assert [d.code for d in panel.shown_diagnostics()] == ["W330"]


def test_text_filter_matches_file_code_and_message(qtbot):
    panel = ProblemsPanel()
    qtbot.addWidget(panel)
    panel.set_diagnostics(DIAGNOSTICS)
    qtbot.keyClicks(panel.filter_edit, "b.dsl")
    assert sorted(d.code for d in panel.shown_diagnostics()) == ["E110", "W330"]
    panel.filter_edit.setText("华维")
    assert [d.code for d in panel.shown_diagnostics()] == ["E200"]
    panel.filter_edit.setText("i410")
    assert [d.code for d in panel.shown_diagnostics()] == ["I410"]


def test_sorting_by_severity_then_place_and_by_line(qtbot):
    panel = ProblemsPanel()
    qtbot.addWidget(panel)
    panel.set_diagnostics(DIAGNOSTICS)
    panel.view.sortByColumn(SEVERITY_COLUMN, Qt.SortOrder.AscendingOrder)
    assert [d.code for d in panel.shown_diagnostics()] == ["E200", "E110", "W330", "I410"]
    panel.view.sortByColumn(LINE_COLUMN, Qt.SortOrder.DescendingOrder)
    assert [d.span.line for d in panel.shown_diagnostics()] == [30, 12, 4, 1]
    panel.view.sortByColumn(CODE_COLUMN, Qt.SortOrder.AscendingOrder)
    assert [d.code for d in panel.shown_diagnostics()] == ["E110", "E200", "I410", "W330"]


def test_double_click_opens_the_place(qtbot):
    panel = ProblemsPanel()
    qtbot.addWidget(panel)
    panel.show()
    panel.set_diagnostics(DIAGNOSTICS)
    panel.view.sortByColumn(SEVERITY_COLUMN, Qt.SortOrder.AscendingOrder)
    index = panel.proxy.index(1, 2)
    rect = panel.view.visualRect(index)
    with qtbot.waitSignal(panel.open_location) as signal:
        # A real double-click is press, release, then the double-click event.
        qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(panel.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert signal.args == ["rules/b.dsl", 4, 5]


def test_fix_column_click_and_fix_button_request_the_fix(qtbot):
    panel = ProblemsPanel()
    qtbot.addWidget(panel)
    panel.show()
    panel.set_diagnostics(DIAGNOSTICS)
    panel.view.sortByColumn(SEVERITY_COLUMN, Qt.SortOrder.AscendingOrder)
    fix_cell = panel.proxy.index(0, FIX_COLUMN)
    assert "华为" in fix_cell.data()
    assert panel.proxy.index(1, FIX_COLUMN).data() == ""
    with qtbot.waitSignal(panel.fix_requested) as signal:
        qtbot.mouseClick(panel.view.viewport(), Qt.MouseButton.LeftButton,
                         pos=panel.view.visualRect(fix_cell).center())
    assert signal.args[0].code == "E200"
    assert panel.fix_button.isEnabled()
    with qtbot.waitSignal(panel.fix_requested):
        panel.fix_button.click()
    panel.view.setCurrentIndex(panel.proxy.index(1, 0))   # no fix on that row
    assert not panel.fix_button.isEnabled()


def test_selection_survives_a_new_analysis(qtbot):
    panel = ProblemsPanel()
    qtbot.addWidget(panel)
    panel.set_diagnostics(DIAGNOSTICS)
    panel.view.sortByColumn(SEVERITY_COLUMN, Qt.SortOrder.AscendingOrder)
    panel.view.setCurrentIndex(panel.proxy.index(2, 0))
    assert panel.current_diagnostic().code == "W330"
    panel.set_diagnostics(list(reversed(DIAGNOSTICS)))
    assert panel.current_diagnostic().code == "W330"
