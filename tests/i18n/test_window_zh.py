"""Issue 16's promise for the window: in Chinese, no text of the studio is English only.

A Chinese analyst reads menus, dock titles, buttons, labels, tooltips, table headers and the cells
the studio writes (chat captions, the trace, problems). A text passes when it has a CJK character or
when every English word in it is something that stays English by design: a code or DSL keyword
(upper case), a name from the project's files, a file name, "LLM", a number or a shortcut.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QModelIndex, Qt
from PySide6.QtGui import QAction, QHelpEvent, QTextCursor
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QApplication, QComboBox, QDialogButtonBox,
                               QDockWidget, QFileDialog, QGroupBox, QHeaderView, QLabel, QLineEdit, QMenu, QTabBar,
                               QToolTip, QWidget)

from studio import i18n
from studio.ui import theme
from studio.ui.app import use_ui_language
from studio.ui.preferences import DEFAULT_FONT_SIZE, use_window_theme
from tests.ui.studio_fixtures import (copy_sample, make_window, prompts, settings, studio_env,  # noqa: F401
                                      wait_analysis)

CJK = re.compile("[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
HAN_RUN = re.compile("[\u4e00-\u9fff]+")
WORD = re.compile(r"[A-Za-z][A-Za-z_']*")
# A path or a file name (rules/ecommerce.dsl:145, products.json) is the user's, whatever its words.
PATH = re.compile(r"\S*/\S*|\S+\.(?:dsl|json|yaml|yml|csv|xlsx|jsonl)\b")
# English that stays English in Chinese: the product's name, "LLM", the language's own name in the
# language chooser, file suffixes, git's HEAD, key names of shortcuts, milliseconds.
ALLOWED_WORDS = {"Rule", "Studio", "LLM", "English", "dsl", "json", "yaml", "yml", "csv", "xlsx", "jsonl", "HEAD",
                 "Ctrl", "Shift", "Alt", "Del", "Esc", "Enter", "Return", "ms", "http", "v"}
MAX_ROWS = 80


def project_names(root: Path) -> set[str]:
    """Every word the project's files use outside their comments: rule, intent, stage and variable
    names, knowledge names (brands like OPPO, series like iPhone 16), JSON/YAML keys, DSL keywords."""
    words = {root.name}   # the window's title names the project's folder
    for path in root.rglob("*"):
        if path.suffix in (".dsl", ".json", ".yaml", ".yml"):
            for line in path.read_text(encoding="utf-8").splitlines():
                words.update(WORD.findall(line.split("#", 1)[0]))
    return words


def columns_of(model, parent: QModelIndex) -> int:
    try:
        return model.columnCount(parent)
    except TypeError:   # a list model keeps columnCount() private to Python: one column
        return 1


class EnglishFinder:
    """Collects the texts of a widget tree that a Chinese reader would find English only."""

    def __init__(self, names: set[str]) -> None:
        self.names = names | ALLOWED_WORDS
        self.found: dict[str, str] = {}

    def english_only(self, text: str) -> bool:
        if not text or CJK.search(text):
            return False
        words = WORD.findall(PATH.sub(" ", text))
        # upper case: codes and DSL keywords; with an underscore: variable, rule, intent and stage names
        return any(not (word.isupper() or "_" in word or word in self.names) for word in words)

    def wrong(self, text: str) -> bool:
        return self.english_only(text)

    def text(self, where: str, text) -> None:
        text = str(text or "").replace("&", "")
        if self.wrong(text):
            self.found.setdefault(text, where)

    def action(self, where: str, action: QAction) -> None:
        if action.isSeparator():
            return
        self.text(f"{where} action", action.text())
        self.text(f"{where} action tooltip", action.toolTip())
        self.text(f"{where} action status tip", action.statusTip())
        if action.menu() is not None:
            self.menu(f"{where} › {action.text()}", action.menu())

    def menu(self, where: str, menu: QMenu) -> None:
        menu.aboutToShow.emit()   # menus filled when shown (Open Recent, View)
        for action in menu.actions():
            self.action(where, action)

    def model(self, where: str, model, parent=QModelIndex(), depth: int = 0) -> None:
        columns = columns_of(model, parent)
        if depth == 0:
            for column in range(columns):
                self.text(f"{where} header", model.headerData(column, Qt.Orientation.Horizontal))
        if depth > 3:
            return
        for row in range(min(model.rowCount(parent), MAX_ROWS)):
            for column in range(columns):
                index = model.index(row, column, parent)
                self.text(f"{where} cell", model.data(index, Qt.ItemDataRole.DisplayRole))
                self.text(f"{where} cell tooltip", model.data(index, Qt.ItemDataRole.ToolTipRole))
            self.model(where, model, model.index(row, 0, parent), depth + 1)

    def widget_tree(self, root: QWidget, models: bool = True) -> None:
        for widget in [root, *root.findChildren(QWidget)]:
            where = f"{type(widget).__name__} {widget.objectName()}".strip()
            self.text(f"{where} tooltip", widget.toolTip())
            if isinstance(widget, QDockWidget) or widget.isWindow():
                self.text(f"{where} title", widget.windowTitle())
            if isinstance(widget, (QLabel, QAbstractButton)):
                self.text(where, widget.text())
            if isinstance(widget, QGroupBox):
                self.text(where, widget.title())
            if isinstance(widget, QLineEdit):
                self.text(f"{where} placeholder", widget.placeholderText())
            if isinstance(widget, QComboBox):
                for i in range(widget.count()):
                    self.text(f"{where} item", widget.itemText(i))
            if isinstance(widget, QTabBar):
                for i in range(widget.count()):
                    self.text(f"{where} tab", widget.tabText(i))
            if models and isinstance(widget, QAbstractItemView) and not isinstance(widget, QHeaderView) \
                    and widget.model():
                self.model(where, widget.model())
            for action in QWidget.actions(widget):
                self.action(where, action)


class ChineseFinder(EnglishFinder):
    """Collects the texts that show Chinese an English reader would not expect: Chinese that is
    neither from the project's files nor something the user typed."""

    def __init__(self, user_text: str) -> None:
        super().__init__(set())
        self.user_text = user_text

    def wrong(self, text: str) -> bool:
        return any(run not in self.user_text for run in HAN_RUN.findall(text))


@pytest.fixture
def chinese_studio(qapp):
    """The window's and the core's texts in Chinese for one test; English, light and the default size after."""
    use_ui_language(qapp, "zh")
    i18n.set_language("zh")
    yield
    use_ui_language(qapp, "en")
    i18n.set_language("en")
    use_window_theme(theme.LIGHT)
    theme.EDITOR_POINT_SIZE = DEFAULT_FONT_SIZE


@pytest.fixture
def chinese_window(chinese_studio, make_window, tmp_path):
    root = copy_sample(tmp_path / "sample")
    return make_window(root), root


def talk(qtbot, window, *lines: str) -> None:
    chat = window.chat_panel
    for line in lines:
        with qtbot.waitSignal(chat.turn_completed, timeout=10000):
            chat.send(line)


def test_no_text_of_the_window_is_english_only_in_chinese(chinese_window, qtbot):
    window, root = chinese_window
    talk(qtbot, window, "我想买个手机", "华为", "可以分期吗")
    finder = EnglishFinder(project_names(root))

    for action in window.menuBar().actions():
        finder.action("menu", action)
    finder.widget_tree(window)

    assert finder.found == {}, "\n".join(f"{where}: {text!r}" for text, where in finder.found.items())


FAILING_TEST = """name: 走错的对话
turns:
  - user: 我想买个手机
    expect: {rule: list_series, stage: nowhere}
"""
LOG = '{"conversation": "a", "text": "我想买个手机"}\nnot json\n{"conversation": "b", "text": "火星来的"}\n'


def test_test_results_and_a_replayed_log_have_no_english_only_text(chinese_studio, qtbot, make_window, tmp_path):
    root = copy_sample(tmp_path / "sample")
    (root / "conversations" / "wrong.yaml").write_text(FAILING_TEST, encoding="utf-8")
    (root / "conversations" / "broken.yaml").write_text("name: x\nturns: [\n", encoding="utf-8")
    log = tmp_path / "chat.jsonl"
    log.write_text(LOG, encoding="utf-8")
    window = make_window(root)
    with qtbot.waitSignal(window.tests_panel.run_finished, timeout=30000):
        window.run_tests_action.trigger()
    tests = window.tests_panel
    tests.view.setCurrentIndex(tests.model.index([e.file for e in tests.model.entries()].index(
        "conversations/wrong.yaml"), 0))
    failure = tests.failures.topLevelItem(0)
    tests.failures.setCurrentItem(failure.child(0) if failure.childCount() else failure)   # its trace shows
    with qtbot.waitSignal(window.traffic_panel.runner.run_finished, timeout=30000):
        assert window.traffic_panel.open_logs([str(log)])

    finder = EnglishFinder(project_names(root) | {"wrong", "broken", "chat", "jsonl"})
    finder.widget_tree(window.tests_dock)
    finder.widget_tree(window.traffic_panel.dock)
    assert finder.found == {}, "\n".join(f"{where}: {text!r}" for text, where in finder.found.items())


def test_the_trace_names_the_intent_source_and_the_llm_purpose_in_chinese(chinese_window, qtbot):
    window, _root = chinese_window
    talk(qtbot, window, "我想买个手机")

    [intent_line, *_reason] = window.chat_panel.trace_view.section_lines("intent")
    assert intent_line == "意图：product_query（关键词）"
    attempts = window.chat_panel.trace_view.section_lines("attempts")
    assert attempts[1] == "✗ laptop_by_nickname — USER_MENTION_ANY \"轻薄本|游戏本|笔记本电脑\"：消息未提及其中任何一个"
    messages = window.chat_panel.model
    caption = messages.index(messages.rowCount() - 1, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert caption == "product_query（关键词）→ choose_category"


def test_the_file_dialog_qt_draws_itself_is_chinese(chinese_window, qtbot, tmp_path):
    """Without a desktop's own dialog Qt draws one; Qt's Chinese catalog misses some of its texts."""
    folder = tmp_path / "dialog"
    (folder / "logs").mkdir(parents=True)   # one folder, whose type the dialog shows
    dialog = QFileDialog(None, "打开", str(folder))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    dialog.show()
    files = dialog.findChild(QAbstractItemView, "listView")
    qtbot.waitUntil(lambda: files.model().rowCount(files.rootIndex()) > 0)

    finder = EnglishFinder(set(folder.parts))
    finder.widget_tree(dialog, models=False)   # the file system's names are the user's
    model, shown = files.model(), files.rootIndex()
    for column in range(model.columnCount(shown)):
        finder.text("file list header", model.headerData(column, Qt.Orientation.Horizontal))
    finder.text("file type", model.index(0, 2, shown).data())   # "logs": a folder
    assert finder.found == {}
    assert dialog.findChild(QLabel, "lookInLabel").text() == "查找范围(&L)："
    assert model.index(0, 2, shown).data() == "文件夹"


def test_the_knowledge_import_and_export_filter_is_chinese(chinese_window):
    window, _root = chinese_window

    assert window.knowledge_panel.file_filter() == "知识库 (*.csv *.xlsx *.json *.yaml *.yml)"


TYPO_RULE = '\nRULE typo_brand PRIORITY 5\nWHEN USER_MENTION_ANY "华维手机"\nTHEN ADD_TO_CHAIN brand "华维"\n'


def test_a_typo_is_told_in_chinese_in_problems_and_in_its_squiggle_tooltip(chinese_window, qtbot):
    window, root = chinese_window
    editor = window.tabs.current_editor()
    editor.moveCursor(QTextCursor.MoveOperation.End)
    editor.insertPlainText(TYPO_RULE)
    window.workspace.analyze_now()
    qtbot.waitUntil(lambda: any(d.code == "E200" for d in window.problems_panel.model.diagnostics()), timeout=10000)

    finder = EnglishFinder(project_names(root) | {"typo_brand"})
    finder.widget_tree(window.problems_dock)
    assert finder.found == {}, finder.found
    cursor = editor.textCursor()
    cursor.setPosition(editor.toPlainText().rindex("华维") + 1)
    point = editor.cursorRect(cursor).center()
    # What Qt sends when the mouse rests there (QTest cannot hover for a tooltip).
    QApplication.sendEvent(editor.viewport(), QHelpEvent(QEvent.Type.ToolTip, point,
                                                         editor.viewport().mapToGlobal(point)))
    qtbot.waitUntil(QToolTip.isVisible)
    assert QToolTip.text() == "错误 E200：未知品牌“华维”（是否想写“华为”？）（华为）"


def project_bytes(root: Path) -> dict:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_preferences_english_turns_the_whole_window_english_without_touching_the_project(chinese_window, qtbot):
    from studio.ui.main_window import MainWindow
    window, root = chinese_window
    before = project_bytes(root)
    window.preferences.preferences_action.trigger()
    dialog = window.preferences.dialog
    dialog.language_box.setCurrentIndex(dialog.language_box.findData("en"))
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    english = MainWindow.windows[-1]
    try:
        assert english is not window
        wait_analysis(qtbot, english)
        said = ("我想买个手机", "华为", "可以分期吗")
        talk(qtbot, english, *said)
        project_text = "".join(path.read_text(encoding="utf-8") for path in root.rglob("*") if path.is_file())
        messages = english.chat_panel.model   # the assistant's replies are the assistant's, in its language
        replies = [str(messages.index(row, 0).data()) for row in range(messages.rowCount())]
        finder = ChineseFinder(project_text + "".join(said) + "".join(replies))
        for action in english.menuBar().actions():
            finder.action("menu", action)
        finder.widget_tree(english)

        assert finder.found == {}, "\n".join(f"{where}: {text!r}" for text, where in finder.found.items())
        assert english.chat_panel.trace_view.section_lines("intent")[0] == "Intent: confirmation (keywords)"
    finally:
        english.shutdown()
    assert project_bytes(root) == before


def test_a_file_operation_that_fails_says_why_in_chinese(chinese_window):
    from studio.ui.workspace import WorkspaceError
    window, root = chinese_window
    (root / "rules" / "gone.dsl").write_text("", encoding="utf-8")
    (root / "rules" / "gone.dsl").unlink()   # removed behind the studio's back

    with pytest.raises(WorkspaceError) as refused:
        window.workspace.rename_rule_file("rules/gone.dsl", "new_name")
    assert str(refused.value) == "文件或文件夹不存在"
