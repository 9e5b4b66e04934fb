""""Save as test": the chat tester's conversation as a `conversations/<name>.yaml` test (docs/language.md).

`conversation_yaml()` (plain Python) writes the expectations from what
happened in each turn — intent, rule, stage, product chain, and a salient
piece of the reply (`reply_contains`) — with the opening turn, when the
conversation had one, as a first `opening:` item — plus `start:` when the conversation
began mid-flow and `llm: auto` when the LLM answered. A reply that the LLM
wrote is not pinned with `reply_contains` (it differs on every run).
`SaveTestDialog` shows that YAML in a plain text editor, its `name:` following the
file name chosen (until the analyst writes another name there); Save validates it with
`studio.conversations.loader.parse_test` (an invalid text is refused with its
file:line:column message) and writes it atomically.
"""
from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Iterable, Sequence

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QPlainTextEdit,
                               QVBoxLayout, QWidget)

from studio.atomic import write_text_atomic
from studio.conversations.loader import parse_test
from studio.conversations.model import LoadError
from studio.files import reason_of
from studio.ui import theme

_CLAUSE_SPLIT = re.compile(r"[，。！？；：,.!?;:\n、（）()“”\"]+")
_BAD_FILE_CHARS = re.compile(r"[\\/:*?\"<>|\x00-\x1f]+")
MAX_REPLY_PIECE = 24


def salient_piece(reply: str, names: Iterable[str] = ()) -> str:
    """A short piece of `reply` worth checking: a clause naming a knowledge entity, else the first clause.

    Always a substring of the reply ("" for an empty reply).
    """
    clauses = [c.strip() for c in _CLAUSE_SPLIT.split(reply) if c.strip()]
    if not clauses:
        return ""
    known = sorted({n for n in names if n}, key=len, reverse=True)
    for clause in clauses:
        for name in known:
            if name in clause:
                if len(clause) <= MAX_REPLY_PIECE:
                    return clause
                return name
    for clause in clauses:
        if len(clause) >= 4:
            return clause[:MAX_REPLY_PIECE]
    return clauses[0][:MAX_REPLY_PIECE]


def _flow(items) -> CommentedSeq:
    seq = CommentedSeq(items)
    seq.fa.set_flow_style()
    return seq


def _generated(trace: dict) -> bool:
    """The reply came (at least partly) from the model."""
    return any(call["purpose"] == "generate" and not call.get("error") for call in trace.get("llm_calls") or [])


def _expect(payload, names: list[str]) -> CommentedMap:
    result = payload.result
    expect = CommentedMap()
    expect["intent"] = result.intent
    expect["rule"] = result.rule
    expect["stage"] = result.stage
    expect["product_chain"] = _flow([_flow([slot, value]) for slot, value in result.product_chain])
    if not _generated(payload.trace):
        piece = salient_piece(result.reply, names)
        if piece:
            expect["reply_contains"] = piece
    return expect


def conversation_yaml(name: str, turns: Sequence, start_stage: str | None = None,
                      start_variables: dict | None = None, names: Iterable[str] = (), opening=None) -> str:
    """The YAML text of a test for `turns` (`TurnPayload`s, in order), after the `opening` turn's payload."""
    names = list(names)
    doc = CommentedMap()
    doc["name"] = name
    if any(t.llm_used for t in [*turns, *([opening] if opening else [])]):
        doc["llm"] = "auto"
    if start_stage or start_variables:
        start = CommentedMap()
        if start_stage:
            start["stage"] = start_stage
        if start_variables:
            start["context"] = CommentedMap(start_variables)
        doc["start"] = start
    seq = CommentedSeq()
    if opening is not None:
        item = CommentedMap()
        item["opening"] = CommentedMap(expect=_expect(opening, names))
        seq.append(item)
    for payload in turns:
        turn = CommentedMap()
        turn["user"] = payload.result.input
        turn["expect"] = _expect(payload, names)
        seq.append(turn)
    doc["turns"] = seq
    yaml = YAML()
    yaml.allow_unicode = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    out = io.StringIO()
    yaml.dump(doc, out)
    return out.getvalue()


_NAME_LINE = re.compile(r"^name:.*$", re.MULTILINE)


def name_line(name: str) -> str:
    """The top-level `name:` line for `name`, quoted as YAML needs."""
    yaml = YAML()
    yaml.allow_unicode = True
    yaml.width = 4096
    out = io.StringIO()
    yaml.dump({"name": name}, out)
    return out.getvalue().rstrip("\n")


def renamed(text: str, old: str, new: str) -> str:
    """`text` with its top-level `name: old` line saying `new`; unchanged when that line says something else."""
    match = _NAME_LINE.search(text)
    if match is None:
        return text
    try:
        current = YAML(typ="safe").load(match.group(0))
    except YAMLError:   # a half-typed line: it is the analyst's now
        return text
    if not isinstance(current, dict) or current.get("name") != old:
        return text
    return text[:match.start()] + name_line(new) + text[match.end():]


def file_name_for(name: str) -> str:
    """A file name (without folder) for a test called `name`: unsafe characters become '-'."""
    stem = _BAD_FILE_CHARS.sub("-", name.strip()).strip(" .-") or "conversation"
    return stem if stem.endswith((".yaml", ".yml")) else stem + ".yaml"


def free_name(folder: Path, base: str = "conversation") -> str:
    """`base`, or `base-2`, `base-3`… so that `<folder>/<name>.yaml` does not exist yet."""
    name, n = base, 1
    while (folder / file_name_for(name)).exists():
        n += 1
        name = f"{base}-{n}"
    return name


class SaveTestDialog(QDialog):
    """The test's file name and its YAML, editable; Save validates and writes atomically.

    ``saved(rel)`` after a successful write. `confirm_overwrite(rel) -> bool`
    (settable) is asked when the file exists; the default refuses.
    """

    saved = Signal(str)

    def __init__(self, root: Path, name: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("save-test-dialog")
        self.setWindowTitle(self.tr("Save Conversation as Test"))
        self.root = Path(root)
        self.confirm_overwrite = lambda rel: False
        self.file_edit = QLineEdit(file_name_for(name), self)
        self._name = name   # the name the dialog last wrote into the YAML
        self.file_edit.textChanged.connect(self._file_name_changed)
        self.editor = QPlainTextEdit(self)
        self.editor.setFont(theme.editor_font(10))
        self.editor.setPlainText(text)
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.error_label = QLabel(self)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(f"color: {theme.TEST_FAILED.name()};")
        self.error_label.hide()
        form = QFormLayout()
        form.addRow(self.tr("File: conversations/"), self.file_edit)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.accepted.connect(self._save_clicked)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Expectations taken from the conversation; edit them as you like:"), self))
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.resize(640, 560)

    @property
    def rel(self) -> str:
        return "conversations/" + file_name_for(self.file_edit.text())

    def refuse(self, reason: str) -> None:
        self.error_label.setText(reason)
        self.error_label.show()

    @Slot(str)
    def _file_name_changed(self, _text: str) -> None:
        name = Path(file_name_for(self.file_edit.text())).stem
        text = self.editor.toPlainText()
        new_text = renamed(text, self._name, name)
        if new_text != text:
            self.editor.setPlainText(new_text)
        self._name = name

    def _save_clicked(self) -> None:
        self.save()

    def save(self) -> bool:
        """Validate, then write atomically; False (and the reason shown) when refused."""
        rel = self.rel
        text = self.editor.toPlainText()
        parsed = parse_test(text, rel, default_name=Path(rel).stem)
        if isinstance(parsed, LoadError):
            self.refuse(str(parsed))
            return False
        path = self.root / rel
        if path.exists() and not self.confirm_overwrite(rel):
            self.refuse(self.tr("{file} already exists: choose another name").format(file=rel))
            return False
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_text_atomic(path, text if text.endswith("\n") else text + "\n")
        except OSError as exc:
            self.refuse(self.tr("Cannot write {file}: {reason}").format(file=rel, reason=reason_of(exc)))
            return False
        self.error_label.hide()
        self.saved.emit(rel)
        self.accept()
        return True


__all__ = ["SaveTestDialog", "conversation_yaml", "file_name_for", "free_name", "salient_piece"]
