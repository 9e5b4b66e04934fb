"""The rule form panel: follows the rule under the editor's cursor and writes each change into its text.

- Following: a short moment after the cursor moves or the text changes, the
  current rule file is parsed and the rule holding the cursor is shown as a
  form (name, priority, the condition's rows and groups, the actions). A rule
  cut short by a syntax error is left to the text.
- Writing: each finished change renders the rule (`studio.authoring.render`)
  and replaces the rule's text only (`replace_rule`: comments inside it are
  kept), as one edit block of the editor's document, so one Ctrl+Z undoes it.
- Diagnostics of the newest analysis that fall in the rule are shown on the
  row, the action or (for the rule as a whole) under the name.
- A new rule (the "New rule" button, or `open_new_rule(prefill)` from the
  chat tester) is edited here before it exists in any file; Insert puts it
  above the fallback by priority (or above the rule at the cursor), as one
  undoable edit, and emits `rule_inserted(file, line, name)`.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QApplication, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit,
                               QPushButton, QScrollArea, QVBoxLayout, QWidget)

from studio.authoring import (Row, Vocabulary, build_vocabulary, fallback_rule, from_rule, insert_at, insert_rule,
                              new_rule, render, replace_rule, rule_at, suggested_priority, unique_name)
from studio.dsl import ast
from studio.dsl.parser import parse
from studio.ui import theme
from studio.ui.editor_tabs import utf16_offset
from studio.ui.rule_form.actions import ActionList
from studio.ui.rule_form.conditions import GroupWidget, diagnostics_label, fresh_args, show_diagnostics
from studio.ui.rule_form.document import apply_edit, cursor_offset
from studio.ui.rule_form.fields import PriorityField, identifier_validator
from studio.ui.rule_form.focus import next_in_chain, tab_chain
from studio.ui.rule_form.labels import KindLabels
from studio.ui.rule_form.lifetime import discard

FOLLOW_MS = 150
PRIORITY_LIMIT = 1_000_000_000
TOGGLE_SHORTCUT = "Ctrl+Shift+G"


@dataclass(frozen=True)
class Prefill:
    """What a new rule starts with (every part optional); `studio.new_rule_hints.NewRuleHints` fits too."""
    intent: str | None = None
    stage: str | None = None
    mentions: tuple[str, ...] = ()
    priority: int | None = None
    name: str | None = None
    file: str | None = None


class RuleFormPanel(QWidget):
    rule_inserted = Signal(str, int, str)   # file, line, rule name

    def __init__(self, workspace, tabs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rule-form")
        self.setWindowTitle(self.tr("Rule Form"))
        self.toggle_action = QAction(self.tr("Rule Form / Text"), self)
        self.toggle_action.setShortcut(QKeySequence(TOGGLE_SHORTCUT))
        self.toggle_action.triggered.connect(self.toggle)
        self.workspace = workspace
        self.tabs = tabs
        self.dock = None
        self.rel = ""                       # the file of the rule shown ("" for a new rule)
        self.form = None                    # the RuleForm shown, or None
        self.span: tuple[int, int] | None = None   # where the rule's text runs in `_text_seen`
        self._text_seen: str | None = None  # the file text the span belongs to
        self.new_file: str | None = None    # a new rule, not inserted yet, goes into this file
        self.vocabulary = Vocabulary()
        self._shown = True                  # in view (a dock behind another tab is not)
        self.group_widget: GroupWidget | None = None
        self._follow_timer = QTimer(self, singleShot=True, interval=FOLLOW_MS)
        self._follow_timer.timeout.connect(self.follow)
        self._build()
        self.follow_theme()
        tabs.cursor_moved.connect(self._schedule_follow)
        tabs.current_file_changed.connect(self._schedule_follow)
        workspace.rules_changed.connect(self._schedule_follow)
        workspace.analysis_finished.connect(self._analysis_finished)
        if workspace.analysis is not None:
            self._analysis_finished(workspace.analysis)

    # --- building ----------------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.title = QLabel(self)
        self.title.setObjectName("rule-form-title")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.new_button = QPushButton(self.tr("New Rule"), self)
        self.new_button.setToolTip(self.tr("Create a rule from scratch; insert it above the fallback"))
        self.new_button.clicked.connect(lambda: self.open_new_rule(Prefill()))
        self.text_button = QPushButton(self.tr("Edit as Text"), self)
        self.text_button.setToolTip(self.tr("Go to the rule's text in the editor ({key})").format(key=TOGGLE_SHORTCUT))
        self.text_button.clicked.connect(self.show_text)
        top.addWidget(self.title, 1)
        top.addWidget(self.new_button)
        top.addWidget(self.text_button)
        layout.addLayout(top)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        layout.addWidget(self.message)

        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.body = QWidget(self.scroll)
        body = QVBoxLayout(self.body)
        header = QFormLayout()
        self.name_edit = QLineEdit(self.body)
        self.name_edit.setObjectName("rule-name")
        self.name_edit.setValidator(identifier_validator(self.name_edit))
        self.name_edit.editingFinished.connect(self._name_edited)
        self.priority_spin = PriorityField(PRIORITY_LIMIT, KindLabels(self).none(), self.body)
        self.priority_spin.setObjectName("rule-priority")
        self.priority_spin.setToolTip(self.tr("Higher goes first; rules of equal priority in text order. "
                                              "Empty: no PRIORITY line (counts as 0)"))
        self.priority_spin.valueChanged.connect(self._priority_changed)
        header.addRow(self.tr("Name"), self.name_edit)
        header.addRow(self.tr("Priority"), self.priority_spin)
        body.addLayout(header)
        self.rule_diagnostics = diagnostics_label(self.body)
        body.addWidget(self.rule_diagnostics)
        body.addWidget(self._heading(self.tr("When")))
        self.condition_box = QVBoxLayout()
        body.addLayout(self.condition_box)
        body.addWidget(self._heading(self.tr("Then")))
        self.action_list = ActionList(self.vocabulary, self.body)
        self.action_list.changed.connect(self._changed)
        body.addWidget(self.action_list)
        self.preview = QPlainTextEdit(self.body)
        self.preview.setObjectName("rule-preview")
        self.preview.setReadOnly(True)
        self.preview.setFont(theme.editor_font())
        self.preview.setMaximumHeight(140)
        body.addWidget(self.preview)
        body.addStretch(1)
        self.scroll.setWidget(self.body)
        layout.addWidget(self.scroll, 1)

        self.insert_bar = QWidget(self)
        bar = QHBoxLayout(self.insert_bar)
        bar.setContentsMargins(0, 0, 0, 0)
        self.insert_button = QPushButton(self.tr("Insert"), self.insert_bar)
        self.insert_button.setObjectName("insert-rule")
        self.insert_button.setToolTip(self.tr("Insert among the rules by priority, above the fallback"))
        self.insert_button.clicked.connect(lambda: self.insert_new_rule())
        self.insert_here_button = QPushButton(self.tr("Insert at Cursor"), self.insert_bar)
        self.insert_here_button.setToolTip(self.tr("Insert above the rule at the editor's cursor"))
        self.insert_here_button.clicked.connect(lambda: self.insert_new_rule(at_cursor=True))
        self.cancel_button = QPushButton(self.tr("Cancel"), self.insert_bar)
        self.cancel_button.clicked.connect(self.cancel_new_rule)
        bar.addStretch(1)
        for button in (self.insert_button, self.insert_here_button, self.cancel_button):
            bar.addWidget(button)
        layout.addWidget(self.insert_bar)
        self._show_nothing(self.tr("Put the cursor in a rule to edit it here, or create a new rule."))

    def _heading(self, text: str) -> QLabel:
        label = QLabel(text, self.body)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        return label

    # --- showing ---------------------------------------------------------------------------------

    def _show_nothing(self, message: str) -> None:
        self.form = None
        self.span = None
        self.title.setText(self.tr("Rule Form"))
        self.message.setText(message)
        self.message.show()
        self.scroll.hide()
        self.insert_bar.hide()
        self.text_button.setEnabled(False)

    def _show_form(self) -> None:
        """Build the fields for `self.form`."""
        form = self.form
        new = self.is_new
        self.message.hide()
        self.scroll.show()
        self.insert_bar.setVisible(new)
        self.preview.setVisible(new)
        self.text_button.setEnabled(not new)
        self.title.setText(self.tr("New rule → {file}").format(file=self.new_file) if new
                           else self.tr("Rule {name} — {file}").format(name=form.name, file=self.rel))
        self.name_edit.setText(form.name)
        self.priority_spin.set_priority(form.priority)
        if self.group_widget is not None:
            discard(self.group_widget, self.condition_box)
        self.group_widget = GroupWidget(form.condition, self.vocabulary, parent=self.body)
        self.group_widget.setObjectName("condition")
        self.group_widget.changed.connect(self._changed)
        self.condition_box.addWidget(self.group_widget)
        self.action_list.vocabulary = self.vocabulary
        self.action_list.set_actions(form.actions)
        show_diagnostics(self.rule_diagnostics, [])
        self._update_preview()

    def _update_preview(self) -> None:
        if self.is_new and self.form is not None:
            self.preview.setPlainText(render(self.form))

    @property
    def is_new(self) -> bool:
        return self.new_file is not None

    # --- following the editor ----------------------------------------------------------------------

    @Slot()
    def _schedule_follow(self, *_args) -> None:
        self._follow_timer.start()

    @Slot()
    def follow(self) -> None:
        """Show the rule under the current editor's cursor (unless a new rule is being made)."""
        self._follow_timer.stop()
        if self.is_new or not self._shown:
            return   # hidden (or behind another tab), it parses nothing: shown, it follows the cursor again
        rel, editor = self.tabs.current_rel(), self.tabs.current_editor()
        if editor is None or not rel.endswith(".dsl"):
            self._show_nothing(self.tr("Open a rule file: the form shows the rule under the cursor."))
            return
        text = editor.toPlainText()
        offset = cursor_offset(editor, text)
        if rel == self.rel and text == self._text_seen and self.form is not None \
                and self.span[0] <= offset <= self.span[1]:
            return   # still the same rule, and its text is what the form last wrote or read
        rule = rule_at(parse(text, rel).program.rules, offset)
        if rule is None:
            self._show_nothing(self.tr("Put the cursor in a rule to edit it here, or create a new rule."))
            self.rel, self._text_seen = rel, text
            return
        form = from_rule(rule)
        if form is None:
            self._show_nothing(self.tr("Rule {name} has a syntax error: fix it in the text "
                                       "(see Problems).").format(name=rule.name.text))
            self.rel, self._text_seen = rel, text
            return
        same = rel == self.rel and self.form is not None and form == self.form
        self.rel, self.span, self._text_seen = rel, (rule.span.start, rule.span.end), text
        if not same:
            self.form = form
            self._show_form()
        self._show_diagnostics()

    # --- writing back ------------------------------------------------------------------------------

    @Slot()
    def _changed(self) -> None:
        if self.form is None:
            return
        if self.is_new:
            self._update_preview()
            return
        editor = self.tabs.editor(self.rel)
        text = editor.toPlainText() if editor is not None else None
        if text is None or text != self._text_seen:
            self.follow()   # the text changed under the form: show it as it is now
            return
        edit, start, end = replace_rule(text, self.span[0], self.span[1], render(self.form))
        apply_edit(editor, text, edit)
        self._text_seen = editor.toPlainText()
        self.span = (start, end)
        self.title.setText(self.tr("Rule {name} — {file}").format(name=self.form.name, file=self.rel))

    @Slot()
    def _name_edited(self) -> None:
        name = self.name_edit.text().strip()
        if self.form is not None and name and name != self.form.name:
            self.form.name = name
            self._changed()

    @Slot(int)
    def _priority_changed(self, _value: int) -> None:
        priority = self.priority_spin.priority()
        if self.form is not None and priority != self.form.priority:
            self.form.priority = priority
            self._changed()

    # --- diagnostics -------------------------------------------------------------------------------

    @Slot(object)
    def _analysis_finished(self, analysis) -> None:
        self.vocabulary = build_vocabulary(analysis.programs, self.workspace.knowledge)
        # the open form offers the new choices in its fields, in place: what is being typed stays
        if self.group_widget is not None:
            self.group_widget.set_vocabulary(self.vocabulary)
        self.action_list.set_vocabulary(self.vocabulary)
        self._show_diagnostics()

    def follow_theme(self) -> None:
        """The message and the diagnostics in the current theme's colours."""
        self.message.setStyleSheet(f"color: {theme.CHAT_CAPTION_TEXT.name()};")
        self._show_diagnostics()

    def _show_diagnostics(self) -> None:
        analysis = self.workspace.analysis
        if analysis is None or self.form is None or self.is_new or self.group_widget is None:
            return
        if analysis.rule_texts.get(self.rel) != self._text_seen:
            return   # for an older text: the next analysis brings them
        # the analysis parsed this very text: its program is the one the form was read from
        rule = next((r for program in analysis.programs if program.file == self.rel for r in program.rules
                     if r.span.start == self.span[0]), None)
        if rule is None or not rule.complete:   # the form's text does not parse (an empty field): say why, on top
            show_diagnostics(self.rule_diagnostics, [d for d in analysis.diagnostics if d.file == self.rel
                                                     and self.span[0] <= d.span.start <= self.span[1]])
            return
        rows = list(self.group_widget.row_widgets())
        leaves = list(ast.leaves(rule.condition))
        per_row = [[] for _ in rows]
        per_action = [[] for _ in self.form.actions]
        whole = []
        for d in analysis.diagnostics:
            if d.file != self.rel or not (rule.span.start <= d.span.start <= rule.span.end):
                continue
            row = _holding(leaves, d.span.start) if len(leaves) == len(rows) else None
            action = _holding(rule.actions, d.span.start) if len(rule.actions) == len(per_action) else None
            if row is not None:
                per_row[row].append(d)
            elif action is not None:
                per_action[action].append(d)
            else:
                whole.append(d)
        for widget, found in zip(rows, per_row):
            widget.set_diagnostics(found)
        self.action_list.set_diagnostics(per_action)
        show_diagnostics(self.rule_diagnostics, whole)

    # --- new rules ---------------------------------------------------------------------------------

    def _programs(self) -> list[ast.Program]:
        texts = self.workspace.rule_texts()
        analysis = self.workspace.analysis
        if analysis is not None and analysis.rule_texts == texts:   # the analysis parsed these very texts
            by_file = {program.file: program for program in analysis.programs}
            return [by_file[rel] for rel in texts]
        return [parse(text, rel).program for rel, text in texts.items()]

    def open_new_rule(self, prefill=None) -> None:
        """Show a new rule, not in any file yet, prefilled from `prefill` (see `Prefill`)."""
        programs = self._programs()
        intent = getattr(prefill, "intent", None)
        priority = getattr(prefill, "priority", None)
        taken = [rule.name.text for program in programs for rule in program.rules]
        fallback = fallback_rule(programs)
        self.new_file = (getattr(prefill, "file", None) or (fallback[0] if fallback else None)
                         or (self.tabs.current_rel() if self.tabs.current_rel().endswith(".dsl") else None)
                         or next(iter(self.workspace.rule_file_rels()), "rules/rules.dsl"))
        self.form = new_rule(getattr(prefill, "name", None) or unique_name(f"{intent}_rule" if intent else "new_rule",
                                                                           taken),
                             suggested_priority(programs) if priority is None else priority,
                             intent, getattr(prefill, "stage", None), tuple(getattr(prefill, "mentions", ()) or ()))
        if [row.kind for row in self.form.rows()] == ["ALWAYS"] and self.vocabulary.words.get("intents"):
            # nothing prefilled: start from an intent, not from a rule that would take every message
            self.form.condition.items = [Row("INTENT_IS", fresh_args("INTENT_IS", self.vocabulary))]
        self.rel, self.span, self._text_seen = "", None, None
        self._show_form()
        self.reveal()
        self.name_edit.setFocus()

    def insert_new_rule(self, at_cursor: bool = False) -> tuple[str, int, str] | None:
        """Insert the new rule (by priority, or above the rule at the cursor) as one undoable edit of its file's
        tab; returns (file, line, name), or None when no new rule is open."""
        if not self.is_new or self.form is None:
            return None
        current = self.tabs.current_rel()
        rel = current if at_cursor and current.endswith(".dsl") else self.new_file
        offset = cursor_offset(self.tabs.current_editor(), self.tabs.current_editor().toPlainText()) \
            if rel == current and at_cursor else 0
        page = self.tabs.open_file(rel, focus=False)
        if page is None:
            return None
        text = page.editor.toPlainText()
        taken = [rule.name.text for program in self._programs() for rule in program.rules]
        if self.form.name in taken:
            self.form.name = unique_name(self.form.name, taken)
        rendered = render(self.form)
        rules = parse(text, rel).program.rules
        if at_cursor:
            edit, at = insert_at(text, rules, offset, rendered)
        else:
            edit, at = insert_rule(text, rules, rendered, self.form.priority or 0)
        apply_edit(page.editor, text, edit)
        new_text = page.editor.toPlainText()
        line = new_text.count("\n", 0, at) + 1
        self.new_file = None
        self.rel, self.span, self._text_seen = rel, (at, at + len(rendered)), new_text
        self.tabs.setCurrentWidget(page)
        cursor = page.editor.textCursor()
        cursor.setPosition(utf16_offset(new_text, at))
        page.editor.setTextCursor(cursor)
        page.editor.centerCursor()
        self.tabs.flush()
        self._show_form()
        name = self.form.name
        self.rule_inserted.emit(rel, line, name)
        return rel, line, name

    @Slot()
    def cancel_new_rule(self) -> None:
        self.new_file = None
        self.form = None
        self.rel, self._text_seen = "", None
        self.follow()

    # --- text / form ---------------------------------------------------------------------------------

    def reveal(self) -> None:
        if self.dock is not None:
            self.dock.show()
            self.dock.raise_()

    @Slot()
    def show_text(self) -> None:
        """Back to the rule's text in the editor."""
        editor = self.tabs.editor(self.rel) if self.rel else self.tabs.current_editor()
        if editor is None:
            return
        if self.span is not None and self._text_seen == editor.toPlainText():
            self.tabs.setCurrentWidget(self.tabs.page(self.rel))
            cursor = editor.textCursor()
            cursor.setPosition(utf16_offset(self._text_seen, self.span[0]))
            editor.setTextCursor(cursor)
        editor.setFocus()

    @Slot()
    def toggle(self) -> None:
        """Ctrl+Shift+G: from the text to the form of the rule under the cursor, and back."""
        focus = self.window().focusWidget() if self.window() else None
        if focus is not None and self.isAncestorOf(focus) and self.isVisible():
            self.show_text()
            return
        self.reveal()
        self.follow()
        if self.form is not None:
            self.name_edit.setFocus()
        else:
            self.setFocus()

    def focusNextPrevChild(self, forward: bool) -> bool:  # noqa: N802 (Qt override)
        """Tab and Shift+Tab go through the form in reading order (see studio/ui/rule_form/focus.py)."""
        target = next_in_chain(tab_chain(self.layout()), QApplication.focusWidget(), forward)
        if target is None:
            return super().focusNextPrevChild(forward)
        target.setFocus(Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason)
        if self.body.isAncestorOf(target):
            self.scroll.ensureWidgetVisible(target)
        return True

    @Slot(bool)
    def set_shown(self, shown: bool) -> None:
        """The dock came into view (shown, or its tab chosen) or went out of it."""
        self._shown = shown
        if shown:
            self._schedule_follow()


def _holding(nodes, offset: int) -> int | None:
    return next((i for i, node in enumerate(nodes) if node.span.start <= offset < max(node.span.end,
                                                                                   node.span.start + 1)), None)


def install_rule_form(window) -> RuleFormPanel:
    """Dock the form on the right (tabbed with the chat) and add View ▸ Rule Form / Text (Ctrl+Shift+G)."""
    panel = RuleFormPanel(window.workspace, window.tabs, window)
    panel.dock = window.add_panel("rule-form-dock", panel.windowTitle(), panel, Qt.DockWidgetArea.RightDockWidgetArea,
                                  tabify_with=getattr(window, "chat_dock", None))
    panel.dock.visibilityChanged.connect(panel.set_shown)
    if getattr(window, "chat_dock", None) is not None:
        window.chat_dock.raise_()   # the chat stays in front; Ctrl+Shift+G brings the form
        panel.set_shown(not panel.visibleRegion().isEmpty())
    action = panel.toggle_action
    window.addAction(action)

    def into_view_menu() -> None:   # the menus are made after the panels
        menu = getattr(window, "view_menu", None)
        if menu is not None:
            menu.addAction(action)
    QTimer.singleShot(0, into_view_menu)
    return panel
