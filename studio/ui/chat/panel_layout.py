"""The chat tester's widgets and how they sit, as Qt Designer's `setupUi` would make them.

Top-down: a toolbar (reset, start from…, LLM on/off, LLM settings, save as
test), a status line, a red banner while the rules have errors, then a
splitter with the conversation (bubbles, "Create a rule for this message",
input line), the live context and the trace of the selected turn.

`build(panel)` makes them attributes of the `ChatPanel` (`panel.view`,
`panel.input`, `panel.llm_action`…); the panel wires them to what they do.
Their texts are the panel's (translation context "ChatPanel", as its `tr`).
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QLabel, QLineEdit, QListView, QPushButton,
                               QSplitter, QToolBar, QVBoxLayout, QWidget)

from studio.ui.chat.context_view import ContextView
from studio.ui.chat.create_rule import CreateRuleFromTurn
from studio.ui.chat.messages import BubbleDelegate, ChatMessagesModel
from studio.ui.chat.trace_view import TraceView


def build(panel) -> None:
    """Make the toolbar's actions and the panel's widgets, laid out; nothing connected yet."""
    panel.reset_action = QAction(QCoreApplication.translate("ChatPanel", "Reset"), panel)
    panel.reset_action.setToolTip(QCoreApplication.translate(
        "ChatPanel", "Start the conversation again (from the chosen start)"))
    panel.start_action = QAction(QCoreApplication.translate("ChatPanel", "Start From…"), panel)
    panel.start_action.setToolTip(QCoreApplication.translate(
        "ChatPanel", "Start mid-flow: choose a stage and set context variables"))
    panel.llm_action = QAction(QCoreApplication.translate("ChatPanel", "LLM"), panel)
    panel.llm_action.setCheckable(True)
    panel.llm_action.setToolTip(QCoreApplication.translate(
        "ChatPanel", "Let the LLM detect intents, follow the sales stage and write "
                     "GENERATE replies (off: keywords and fallback templates)"))
    panel.llm_settings_action = QAction(QCoreApplication.translate("ChatPanel", "LLM Settings…"), panel)
    panel.save_test_action = QAction(QCoreApplication.translate("ChatPanel", "Save as Test…"), panel)
    panel.save_test_action.setToolTip(QCoreApplication.translate(
        "ChatPanel", "Write this conversation as a conversation test"))

    panel.toolbar = QToolBar(panel)
    panel.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    for action in (panel.reset_action, panel.start_action, None, panel.llm_action, panel.llm_settings_action, None,
                   panel.save_test_action):
        panel.toolbar.addSeparator() if action is None else panel.toolbar.addAction(action)

    panel.status_label = QLabel(panel)
    panel.status_label.setWordWrap(True)
    panel.banner = QLabel(panel)
    panel.banner.setObjectName("chat-error-banner")
    panel.banner.setWordWrap(True)
    panel.banner.hide()

    panel.model = ChatMessagesModel(panel)
    panel.view = QListView(panel)
    panel.view.setObjectName("chat-messages")
    panel.view.setModel(panel.model)
    panel.view.setItemDelegate(BubbleDelegate(panel.view))
    panel.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    panel.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    panel.view.setResizeMode(QListView.ResizeMode.Adjust)
    panel.view.setUniformItemSizes(False)
    panel.view.setWordWrap(True)

    panel.input = QLineEdit(panel)
    panel.input.setObjectName("chat-input")
    panel.input.setPlaceholderText(QCoreApplication.translate("ChatPanel", "Type a customer message and press Enter"))
    panel.send_button = QPushButton(QCoreApplication.translate("ChatPanel", "Send"), panel)
    input_row = QHBoxLayout()
    input_row.setContentsMargins(0, 0, 0, 0)
    input_row.addWidget(panel.input, 1)
    input_row.addWidget(panel.send_button)

    chat = QWidget(panel)
    chat_layout = QVBoxLayout(chat)
    chat_layout.setContentsMargins(0, 0, 0, 0)
    chat_layout.setSpacing(3)
    chat_layout.addWidget(panel.view, 1)
    panel.create_rule = CreateRuleFromTurn(panel)   # "Create a rule for this message" (create_rule.py)
    chat_layout.addWidget(panel.create_rule.button)
    chat_layout.addLayout(input_row)

    panel.context_view = ContextView(panel)
    panel.trace_title = QLabel(QCoreApplication.translate("ChatPanel", "Trace"), panel)
    panel.trace_view = TraceView(panel)
    context_box = _titled(panel, QCoreApplication.translate("ChatPanel", "Context"), panel.context_view)
    trace_box = QWidget(panel)
    trace_layout = QVBoxLayout(trace_box)
    trace_layout.setContentsMargins(0, 0, 0, 0)
    trace_layout.setSpacing(2)
    trace_layout.addWidget(panel.trace_title)
    trace_layout.addWidget(panel.trace_view, 1)
    _bold(panel.trace_title)

    panel.splitter = QSplitter(Qt.Orientation.Vertical, panel)
    panel.splitter.addWidget(chat)
    panel.splitter.addWidget(context_box)
    panel.splitter.addWidget(trace_box)
    panel.splitter.setStretchFactor(0, 5)
    panel.splitter.setStretchFactor(1, 2)
    panel.splitter.setStretchFactor(2, 3)
    panel.splitter.setChildrenCollapsible(False)

    layout = QVBoxLayout(panel)
    layout.setContentsMargins(2, 2, 2, 2)
    layout.setSpacing(3)
    layout.addWidget(panel.toolbar)
    layout.addWidget(panel.status_label)
    layout.addWidget(panel.banner)
    layout.addWidget(panel.splitter, 1)


def _titled(panel, title: str, widget: QWidget) -> QWidget:
    box = QWidget(panel)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    label = QLabel(title, box)
    _bold(label)
    layout.addWidget(label)
    layout.addWidget(widget, 1)
    return box


def _bold(label: QLabel) -> None:
    font = label.font()
    font.setBold(True)
    label.setFont(font)
