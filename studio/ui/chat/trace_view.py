"""The trace of one turn (docs/language.md): why this rule fired and why the ones before it did not.

Fed with `Trace.to_dict()` (computed in the worker thread). Sections, top-down:
intent (with its source and reason), the rules tried before the one that fired
with each one's first failing condition, the fired rule, the actions run with
their notes, the LLM calls (purpose, latency, error; prompt and raw answer in
the detail pane when selected), the context changes and the engine's notes.
Activating a rule emits ``open_location(file, line, column)``.
"""
from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QPlainTextEdit, QSplitter, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from studio.engine.trace import intent_source_label, llm_purpose_label
from studio.ui import theme

LOCATION_ROLE = Qt.ItemDataRole.UserRole + 1
DETAIL_ROLE = Qt.ItemDataRole.UserRole + 2
SECTION_ROLE = Qt.ItemDataRole.UserRole + 3


def _short(value: Any) -> str:
    if value is None:
        return "∅"
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


class TraceView(QWidget):
    open_location = Signal(str, int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderHidden(True)
        self.tree.setColumnCount(1)
        self.tree.setWordWrap(True)
        self.tree.itemActivated.connect(self._activate)
        self.tree.currentItemChanged.connect(self._show_detail)
        self.detail = QPlainTextEdit(self)
        self.detail.setReadOnly(True)
        self.detail.setFont(theme.editor_font(9))
        self.detail.setPlaceholderText(self.tr("Select an LLM call or an action to see its details."))
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.tree)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([400, 90])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self._trace: dict | None = None
        self._title = ""

    @property
    def trace(self) -> dict | None:
        return self._trace

    def clear(self) -> None:
        self._trace = None
        self.tree.clear()
        self.detail.clear()

    def follow_theme(self) -> None:
        """The trace shown again, its fired rule and warnings in the current theme's colours."""
        if self._trace is not None:
            self.show_trace(self._trace, self._title)

    def show_trace(self, trace: dict, title: str = "") -> None:
        self.clear()
        self._trace, self._title = trace, title
        if title:
            head = self._item(None, title, "title")
            font = head.font(0)
            font.setBold(True)
            head.setFont(0, font)

        intent = trace.get("intent")
        item = self._item(None, self.tr("Intent: {intent} ({source})").format(
            intent=intent or self.tr("none"), source=intent_source_label(trace.get("intent_source", ""))),
            "intent")
        self._item(item, trace.get("intent_reason") or "")

        attempts = trace.get("attempts") or []
        tried = self._item(None, self.tr("Rules tried before it: {n}").format(n=len(attempts)), "attempts")
        evaluated = [a for a in attempts if not a.get("by_index")]
        skipped = [a for a in attempts if a.get("by_index")]
        for attempt in evaluated:
            self._attempt(tried, attempt)
        if skipped:
            group = self._item(tried, self.tr("{n} more ruled out by their intent or stage").format(n=len(skipped)),
                               "skipped")
            group.setForeground(0, theme.CHAT_CAPTION_TEXT)
            for attempt in skipped:
                self._attempt(group, attempt)

        rule = trace.get("rule")
        if rule:
            fired = self._item(None, self.tr("Fired: {rule} ({file}:{line})").format(
                rule=rule["name"], file=rule["file"], line=rule["line"]), "fired")
            fired.setData(0, LOCATION_ROLE, (rule["file"], rule["line"]))
            fired.setForeground(0, theme.TEST_PASSED)
        else:
            fired = self._item(None, self.tr("No rule matched: empty reply"), "fired")
            fired.setForeground(0, theme.TEST_FAILED)
        font = fired.font(0)
        font.setBold(True)
        fired.setFont(0, font)

        actions = trace.get("actions") or []
        acts = self._item(None, self.tr("Actions run: {n}").format(n=len(actions)), "actions")
        for action in actions:
            child = self._item(acts, action["action"])
            for note in action.get("notes") or []:
                self._item(child, f"↳ {note}")

        calls = trace.get("llm_calls") or []
        if calls:
            llm = self._item(None, self.tr("LLM calls: {n}").format(n=len(calls)), "llm")
            for call in calls:
                status = self.tr("error: {error}").format(error=call["error"]) if call.get("error") \
                    else self.tr("answer: {raw}").format(raw=(call.get("raw") or "").strip()[:60])
                purpose = llm_purpose_label(call["purpose"])
                child = self._item(llm, f"{purpose} — {call['latency_ms']:.0f} ms — {status}")
                if call.get("error"):
                    child.setForeground(0, theme.CHAT_WARNING_TEXT)
                detail = self.tr("Prompt:\n{prompt}\n\nRaw answer:\n{raw}").format(
                    prompt=call.get("prompt") or "", raw=call.get("raw") if call.get("raw") is not None else "∅")
                if call.get("error"):
                    detail += "\n\n" + self.tr("Error:\n{error}").format(error=call["error"])
                child.setData(0, DETAIL_ROLE, detail)
                self._item(child, self.tr("prompt: {n} characters").format(n=len(call.get("prompt") or "")))
                self._item(child, self.tr("raw: {raw}").format(raw=_short(call.get("raw"))))

        diff = trace.get("diff") or {}
        changes = self._item(None, self.tr("Context changes: {n}").format(n=len(diff)), "diff")
        for var, (old, new) in diff.items():
            self._item(changes, f"{var}: {_short(old)} → {_short(new)}")

        notes = trace.get("notes") or []
        if notes:
            section = self._item(None, self.tr("Notes: {n}").format(n=len(notes)), "notes")
            for note in notes:
                self._item(section, note)

        self.tree.expandAll()
        for i in range(self.tree.topLevelItemCount()):   # fold the LLM calls' sub-lines and the index-skipped rules
            top = self.tree.topLevelItem(i)
            for j in range(top.childCount()):
                child = top.child(j)
                if top.data(0, SECTION_ROLE) == "llm" or child.data(0, SECTION_ROLE) == "skipped":
                    child.setExpanded(False)

    # --- reading (tests, other panels) -----------------------------------------------------------

    def section(self, name: str) -> QTreeWidgetItem | None:
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item.data(0, SECTION_ROLE) == name:
                return item
        return None

    def section_lines(self, name: str) -> list[str]:
        """The section's own line followed by its children's lines."""
        item = self.section(name)
        if item is None:
            return []
        return [item.text(0)] + [item.child(i).text(0) for i in range(item.childCount())]

    # --- internals ------------------------------------------------------------------------------------

    def _attempt(self, parent: QTreeWidgetItem, attempt: dict) -> QTreeWidgetItem:
        child = self._item(parent, self.tr("✗ {rule} — {condition}: {reason}").format(
            rule=attempt["name"], condition=attempt["condition"], reason=attempt["reason"]))
        child.setData(0, LOCATION_ROLE, (attempt["file"], attempt["line"]))
        child.setToolTip(0, f"{attempt['file']}:{attempt['line']}")
        return child

    def _item(self, parent: QTreeWidgetItem | None, text: str, section: str | None = None) -> QTreeWidgetItem:
        item = QTreeWidgetItem([text])
        item.setToolTip(0, text)
        if section:
            item.setData(0, SECTION_ROLE, section)
        if parent is None:
            self.tree.addTopLevelItem(item)
        else:
            parent.addChild(item)
        return item

    @Slot(QTreeWidgetItem, QTreeWidgetItem)
    def _show_detail(self, current: QTreeWidgetItem | None, _previous=None) -> None:
        detail = None
        item = current
        while item is not None and detail is None:
            detail = item.data(0, DETAIL_ROLE)
            item = item.parent()
        self.detail.setPlainText(detail or (current.text(0) if current else ""))

    @Slot(QTreeWidgetItem, int)
    def _activate(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        location = item.data(0, LOCATION_ROLE)
        if location:
            file, line = location
            self.open_location.emit(file, int(line), 1)
