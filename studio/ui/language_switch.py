"""Switching the studio's language while it runs (Preferences ▸ Language).

The window builds its texts in code with `tr()` as it is made, and the core
translates a message when it makes it; so a switch sets the core's language,
swaps Qt's translators, and opens a new main window on the same project — every
text made again, the project checked again in the new language. The unsaved
edits come along (each tab's text and the unsaved knowledge), so nothing needs
to be saved first and nothing is written to the project.
"""
from __future__ import annotations

from PySide6.QtWidgets import QApplication

from studio import i18n
from studio.ui.app import use_ui_language


def switch_language(window, language: str):
    """Show the studio in `language` ("zh" or "en"); returns the main window that shows it (a new one)."""
    i18n.set_language(language)
    use_ui_language(QApplication.instance(), language)
    return reopen(window)


def reopen(window):
    """A new main window on `window`'s project with its open tabs, their unsaved text and the unsaved
    knowledge; `window` closes without asking (nothing of it is lost)."""
    window.tabs.flush()
    unsaved = {rel: text for rel, (text, _disk) in window.tabs.dirty_buffers().items()}
    knowledge = window.workspace.knowledge_snapshot()
    current = window.tabs.current_rel()
    project, settings, prompts = window.workspace.project, window.settings, window.prompts
    window.shutdown()   # remembers the layout and the open tabs, which the new window takes up
    new = type(window)(project, settings, prompts)
    new.show()
    window.close()      # after `new` is shown: the last window closing would end the application
    for rel, text in unsaved.items():
        new.tabs.restore_text(rel, text)
    if knowledge is not None:
        new.workspace.restore_knowledge(knowledge)
    page = new.tabs.page(current) if current else None
    if page is not None:
        new.tabs.setCurrentWidget(page)
    return new
