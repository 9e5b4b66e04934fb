"""The dark theme reaches every panel that paints colours of its own, at once, and light comes back.

Each test switches with `use_window_theme` (what Preferences does) and looks at what the widget
paints (a grab of it) or at the brush it paints with.
"""
from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import QColor, QImage

from studio.diagnostics import Severity
from studio.engine.assistant import TurnResult
from studio.ui import theme
from studio.ui.preferences import use_window_theme
from tests.ui.studio_fixtures import make_window, project_dir, prompts, settings, studio_env  # noqa: F401
from tests.ui.test_flow_panel import panel as flow_panel, workspace  # noqa: F401 (fixtures)

RULES = "rules/shop.dsl"


@pytest.fixture(autouse=True)
def light_afterwards():
    yield
    use_window_theme(theme.LIGHT)


def is_dark(colour: QColor) -> bool:
    return QColor(colour).lightnessF() < 0.3


def is_light(colour: QColor) -> bool:
    return QColor(colour).lightnessF() > 0.7


def pixel(widget, point: QPoint) -> QColor:
    return widget.grab().toImage().pixelColor(point)


def icon_colour(icon) -> QColor:
    return icon.pixmap(12, 12).toImage().pixelColor(6, 6)


def test_the_flow_view_paints_a_dark_picture_in_dark_and_keeps_the_users_zoom(flow_panel):
    view = flow_panel.view
    view.zoom_by(1.5)
    zoom = view.zoom()
    corner = QPoint(3, 3)
    assert is_light(pixel(view.viewport(), corner))
    node = flow_panel.nodes["welcome"]

    use_window_theme(theme.DARK)
    assert is_dark(pixel(view.viewport(), corner))
    node = flow_panel.nodes["welcome"]
    assert node.brush().color() == theme.FLOW_START_FILL and is_dark(node.brush().color())
    label = next(iter(flow_panel.edge_labels.values()))
    assert is_dark(label.brush().color()) and is_light(label.childItems()[0].brush().color())
    assert view.zoom() == zoom and view.zoomed

    use_window_theme(theme.LIGHT)
    assert is_light(pixel(view.viewport(), corner))
    assert is_light(flow_panel.nodes["welcome"].brush().color())
    flow_panel.highlight("greet")   # the hover colour of the theme at hand
    assert flow_panel.highlighted() and {rule for _, _, rule in flow_panel.highlighted()} == {"greet"}


def test_the_bar_charts_take_the_dark_bars_and_text(qtbot):
    from studio.ui.bar_chart import BarChart
    chart = BarChart("TRAFFIC_RULE_BAR")
    qtbot.addWidget(chart)
    chart.resize(600, 100)
    chart.set_items([("checkout", 40), ("fallback", 20)], frozenset({"fallback"}))

    def bar_colours() -> list[str]:
        image = QImage(chart.size(), QImage.Format.Format_ARGB32)
        image.fill(theme.BACKGROUND)
        chart.render(image)
        return [image.pixelColor(chart.bar_rect(row).center().toPoint()).name() for row in range(2)]

    light = bar_colours()
    use_window_theme(theme.DARK)
    assert bar_colours() == [theme.TRAFFIC_RULE_BAR.name(), theme.TRAFFIC_WARN_BAR.name()] != light
    use_window_theme(theme.LIGHT)
    assert bar_colours() == light


def test_the_diff_view_recolours_its_lines_text_and_highlighting(qtbot):
    from studio.ui.diff_view import DiffView
    view = DiffView()
    qtbot.addWidget(view)
    view.resize(500, 200)
    view.show_diff(RULES, 'INTENT greeting "打招呼"\n    KEYWORDS "你好"\n'.encode(),
                   'INTENT greeting "打招呼"\n    KEYWORDS "您好"\n'.encode())

    def backgrounds() -> dict:
        return {s.cursor.blockNumber(): s.format.background().color() for s in view.extraSelections()}

    def keyword() -> QColor:
        formats = view.document().firstBlock().layout().formats()
        return QColor(formats[0].format.foreground().color())

    light_keyword = keyword()
    empty = QPoint(view.viewport().width() - 5, view.viewport().height() - 5)   # below the last line
    assert is_light(pixel(view.viewport(), empty))

    use_window_theme(theme.DARK)
    assert backgrounds() == {1: theme.DIFF_REMOVED_BACKGROUND, 2: theme.DIFF_ADDED_BACKGROUND}
    assert all(is_dark(colour) for colour in backgrounds().values())
    assert keyword() == QColor(theme.DARK_TOKEN_STYLES[theme.Keyword.Declaration].color)
    assert is_dark(pixel(view.viewport(), empty))
    assert is_dark(pixel(view.gutter, QPoint(2, view.gutter.height() - 3)))

    use_window_theme(theme.LIGHT)
    assert all(is_light(colour) for colour in backgrounds().values())
    assert keyword() == light_keyword
    assert is_light(pixel(view.viewport(), empty))


def turn(reply: str, rule: str) -> TurnResult:
    return TurnResult("你好", reply, "greeting", "keywords", rule, "welcome", 0, (), {}, None)


def test_the_turn_comparison_colours_the_rows_that_differ_for_the_theme(qtbot):
    from studio.ui.turn_compare import FIELDS, TurnComparison
    from studio.versions.behaviour import Change
    comparison = TurnComparison()
    qtbot.addWidget(comparison)
    comparison.show_change(Change("conversations/a.yaml", 0, turn("你好", "greet"), turn("您好", "greet")))
    reply = FIELDS.index("reply")

    def row_colours() -> tuple[QColor, QColor]:
        return tuple(comparison.table.item(reply, column).background().color() for column in (0, 1))

    assert all(is_light(colour) for colour in row_colours())
    use_window_theme(theme.DARK)
    assert row_colours() == (theme.CHANGE_OLD_BACKGROUND, theme.CHANGE_NEW_BACKGROUND)
    assert all(is_dark(colour) for colour in row_colours())
    assert comparison.cell_text("reply", "new") == "您好"
    use_window_theme(theme.LIGHT)
    assert all(is_light(colour) for colour in row_colours())


def test_the_rule_forms_chips_and_groups_restyle(qtbot):
    from studio.ui.rule_form.chips import Chip
    chip = Chip("手机")
    qtbot.addWidget(chip)
    assert theme.RULE_FORM_CHIP_BACKGROUND.name() in chip.styleSheet()
    use_window_theme(theme.DARK)
    assert theme.RULE_FORM_CHIP_BACKGROUND.name() in chip.styleSheet()
    assert is_dark(theme.RULE_FORM_CHIP_BACKGROUND)


def test_the_panels_of_a_window_follow_the_theme_chosen(qtbot, make_window, project_dir):
    window = make_window(project_dir)
    problems = window.problems_panel
    error_button = problems.severity_buttons[Severity.ERROR]
    light_error = icon_colour(error_button.icon())
    knowledge = window.knowledge_panel.model
    phones = knowledge.index(0, 0)
    series = knowledge.index(0, 0, knowledge.index(0, 0, phones))
    light_series = series.data(Qt.ItemDataRole.ForegroundRole).color()
    banner = window.chat_panel.banner

    use_window_theme(theme.DARK)
    assert icon_colour(error_button.icon()) == theme.SEVERITY_COLORS[Severity.ERROR] != light_error
    assert series.data(Qt.ItemDataRole.ForegroundRole).color() == theme.KNOWLEDGE_SERIES_TEXT != light_series
    assert theme.BANNER_BACKGROUND.name() in banner.styleSheet()
    from studio.ui.tests_panel_model import status_icon, Status
    assert icon_colour(status_icon(Status.PASSED)) == theme.TEST_PASSED
    charts = window.traffic_panel.intent_chart
    assert charts.bar_colour() == theme.TRAFFIC_INTENT_BAR

    use_window_theme(theme.LIGHT)
    assert icon_colour(error_button.icon()) == light_error
    assert theme.BANNER_BACKGROUND.name() in banner.styleSheet()


def test_the_reference_shows_its_example_on_the_themes_code_background(qtbot):
    from studio.ui.help.reference_view import ReferenceView
    view = ReferenceView()
    qtbot.addWidget(view)
    assert view.show_keyword("RULE")
    assert theme.REFERENCE_CODE_BACKGROUND.name() in view.browser.toHtml()
    use_window_theme(theme.DARK)
    assert theme.REFERENCE_CODE_BACKGROUND.name() in view.browser.toHtml()
    assert "#f4f4f4" not in view.browser.toHtml()


def test_both_palettes_name_the_same_colours():
    light, dark = theme._PALETTES[theme.LIGHT], theme._PALETTES[theme.DARK]
    assert set(light) == set(dark)
    assert set(light["MARK_COLORS"]) == set(dark["MARK_COLORS"])
    assert set(light["SEVERITY_COLORS"]) == set(dark["SEVERITY_COLORS"])


def test_the_trace_of_a_turn_colours_its_fired_rule_for_the_theme(qtbot):
    from studio.ui.chat.trace_view import TraceView
    view = TraceView()
    qtbot.addWidget(view)
    view.show_trace({"intent": "greeting", "intent_source": "keywords",
                     "rule": {"name": "greet", "file": "rules/shop.dsl", "line": 7}}, "Turn 1")

    def fired_colour() -> QColor:
        fired = next(view.tree.topLevelItem(i) for i in range(view.tree.topLevelItemCount())
                     if "rules/shop.dsl:7" in view.tree.topLevelItem(i).text(0))
        return fired.foreground(0).color()

    light = fired_colour()
    use_window_theme(theme.DARK)
    assert fired_colour() == theme.TEST_PASSED != light
    assert view.tree.topLevelItem(0).text(0) == "Turn 1"   # the title stays


def test_an_open_editors_squiggles_take_the_dark_severity_colours_where_they_are(qtbot):
    from tests.ui.editor.test_code_editor import TEXT, brand_diagnostic, squiggles
    from studio.ui.editor import CodeEditor
    editor = CodeEditor()
    qtbot.addWidget(editor)
    editor.setPlainText(TEXT)
    editor.set_diagnostics([brand_diagnostic()])
    editor.moveCursor(editor.textCursor().MoveOperation.Start)
    editor.insertPlainText("# 新的一行\n")   # the squiggle moves with its text
    light = squiggles(editor)

    use_window_theme(theme.DARK)
    editor.restyle()   # what Preferences does to every open editor
    assert squiggles(editor) == [("华维", theme.SEVERITY_COLORS[Severity.ERROR])] != light


def test_a_theme_chosen_in_one_window_recolours_the_editors_of_the_others(qtbot, make_window, project_dir, tmp_path):
    from PySide6.QtGui import QPalette
    from tests.ui.studio_fixtures import write_project
    from tests.ui.test_preferences import choose_in_dialog
    first, second = make_window(project_dir), make_window(write_project(tmp_path / "other"))
    other_editor = second.tabs.open_file("rules/shop.dsl").editor
    choose_in_dialog(qtbot, first, theme=theme.DARK)
    assert other_editor.palette().color(QPalette.ColorRole.Base) == theme.BACKGROUND
    assert is_dark(other_editor.palette().color(QPalette.ColorRole.Base))


def test_the_find_matches_shown_take_the_dark_find_colour(qtbot):
    from tests.ui.editor.test_find_replace import TEXT as FIND_TEXT, highlighted
    from PySide6.QtWidgets import QVBoxLayout, QWidget
    from studio.ui.editor import CodeEditor
    page = QWidget()
    layout = QVBoxLayout(page)
    editor = CodeEditor()
    layout.addWidget(editor)
    layout.addWidget(editor.find_bar)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    editor.setPlainText(FIND_TEXT)
    editor.show_find()
    qtbot.keyClicks(editor.find_bar.find_edit, "respond")
    use_window_theme(theme.DARK)
    assert highlighted(editor) == ["RESPOND", "respond", "RESPOND"]   # in the dark find colour
