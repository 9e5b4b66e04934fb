"""The DSL reference in the window: a search box, the entries by kind, the chosen entry rendered.

The content is `studio.dsl.reference` (Qt-free, translated with gettext); this
module only shows it. Searching matches keywords and the words of the texts in
the current language.
"""
from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, Qt, Slot
from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import (QLineEdit, QListWidget, QListWidgetItem, QSplitter, QTextBrowser, QVBoxLayout,
                               QWidget)

from studio.dsl import reference
from studio.ui import theme

KEYWORD_ROLE = Qt.ItemDataRole.UserRole + 1


class ReferenceView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dsl-reference")
        self.search_edit = QLineEdit(self)
        self.search_edit.setObjectName("reference-search")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(self.filter)
        self.list = QListWidget(self)
        self.list.setObjectName("reference-entries")
        self.list.currentItemChanged.connect(self._current_changed)
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("reference-entry")
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(lambda url: self.show_keyword(url.toString()))

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.list)
        splitter.addWidget(self.browser)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 5)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.search_edit)
        layout.addWidget(splitter, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.search_edit.setPlaceholderText(self.tr("Search keywords and descriptions"))
        current = self.current_keyword()
        self._fill()
        self.filter(self.search_edit.text())
        if current:
            self.show_keyword(current)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _fill(self) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        kind = None
        for entry in reference.ENTRIES:
            if entry.kind != kind:
                kind = entry.kind
                header = QListWidgetItem(entry.kind_title(), self.list)
                header.setFlags(Qt.ItemFlag.ItemIsEnabled)   # a title: shown plainly, never chosen
                font = header.font()
                font.setBold(True)
                header.setFont(font)
            item = QListWidgetItem(entry.keyword, self.list)
            item.setData(KEYWORD_ROLE, entry.keyword)
            item.setToolTip(entry.summary_text())
        self.list.blockSignals(False)

    # --- the public face -----------------------------------------------------------------------

    @Slot(str)
    def filter(self, text: str) -> None:
        """Show the entries matching `text` (and the titles of their kinds); keep a shown one chosen."""
        matching = {entry.keyword for entry in reference.search(text)}
        header = None
        header_used = False
        for row in range(self.list.count()):
            item = self.list.item(row)
            keyword = item.data(KEYWORD_ROLE)
            if keyword is None:
                if header is not None:
                    header.setHidden(not header_used)
                header, header_used = item, False
                continue
            item.setHidden(keyword not in matching)
            header_used = header_used or keyword in matching
        if header is not None:
            header.setHidden(not header_used)
        current = self.list.currentItem()
        if current is None or current.isHidden():
            shown = self.shown_keywords()
            if shown:
                self.show_keyword(shown[0])
            else:
                self.list.setCurrentItem(None)
                self.browser.setHtml("<p>" + escape(self.tr("No entry matches “{text}”.").format(text=text)) + "</p>")

    def shown_keywords(self) -> list[str]:
        return [self.list.item(row).data(KEYWORD_ROLE) for row in range(self.list.count())
                if self.list.item(row).data(KEYWORD_ROLE) and not self.list.item(row).isHidden()]

    def current_keyword(self) -> str:
        item = self.list.currentItem()
        return item.data(KEYWORD_ROLE) if item is not None else ""

    def show_keyword(self, keyword: str) -> bool:
        """Choose the entry of `keyword`, clearing a search that hides it; False when there is none."""
        if reference.entry(keyword) is None:
            return False
        if keyword not in self.shown_keywords():
            self.search_edit.clear()
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(KEYWORD_ROLE) == keyword:
                self.list.setCurrentItem(item)
                self.list.scrollToItem(item)
                self._render(keyword)   # also when it was chosen already
                return True
        return False

    def _current_changed(self, current: QListWidgetItem | None, _previous=None) -> None:
        if current is not None and current.data(KEYWORD_ROLE):
            self._render(current.data(KEYWORD_ROLE))

    def follow_theme(self) -> None:
        """The entry shown again, in the current theme's caption and code colours."""
        if self.current_keyword():
            self._render(self.current_keyword())

    def _render(self, keyword: str) -> None:
        self.browser.setHtml(self.entry_html(reference.entry(keyword)))

    def entry_html(self, entry: reference.Entry) -> str:
        # the family the editor's font resolves to: rich text takes one family, not a fallback list
        code = f"font-family: '{escape(QFontInfo(theme.editor_font()).family())}';"
        arguments_title, example_title = self.tr("Arguments"), self.tr("Example")
        parts = [f"<h2 style=\"{code}\">{escape(entry.keyword)}</h2>",
                 f"<p style=\"color: {theme.REFERENCE_CAPTION_TEXT.name()};\">{escape(entry.kind_title())}</p>",
                 f"<pre style=\"{code}\">{escape(entry.signature)}</pre>",
                 f"<p>{escape(entry.summary_text())}</p>"]
        arguments = entry.argument_texts()
        if arguments:
            parts.append(f"<h3>{escape(arguments_title)}</h3><table cellspacing=\"4\">")
            for name, text in arguments:
                parts.append(f"<tr><td style=\"{code}\"><b>{escape(name)}</b></td><td>{escape(text)}</td></tr>")
            parts.append("</table>")
        example_background = theme.REFERENCE_CODE_BACKGROUND.name()
        parts.append(f"<h3>{escape(example_title)}</h3>"
                     f"<pre style=\"{code} background: {example_background};\">{escape(entry.example)}</pre>")
        return "".join(parts)
