"""Preferences (Edit ▸ Preferences…, Ctrl+,): the language, the editors' font size, a light or dark theme.

All three are remembered in the window's QSettings. The font size also
follows Ctrl+= / Ctrl+- / Ctrl+0 and Ctrl+wheel over an editor; a size or a
theme applies at once to every open editor (colours, highlighting, gutter),
to every panel that paints colours of its own (its `follow_theme()`), and to
what opens later (it reads `studio.ui.theme`). A new language
reopens the window in it (`language_switch.py`).

The language at launch: `--lang`, else the language chosen here (unless
Automatic), else RULE_STUDIO_LANG, else the locale (`start_language`).
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QApplication, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel,
                               QSpinBox, QVBoxLayout, QWidget)

from studio import i18n
from studio.ui import theme
from studio.ui.sizing import open_wide_enough, readable_width

AUTOMATIC = "auto"
LANGUAGE_CHOICES = (AUTOMATIC, "zh", "en")
DEFAULT_FONT_SIZE = 11
MIN_FONT_SIZE, MAX_FONT_SIZE = 6, 40
WHEEL_NOTCH = 120   # a mouse wheel's notch in `angleDelta()`: one point of font size
_KEYS = {"language": "preferences/language", "font_size": "preferences/editor_font_size",
         "theme": "preferences/theme"}

_launch: dict[str, str | None] = {"language": None}   # this process's --lang


@dataclass(frozen=True)
class Preferences:
    language: str = AUTOMATIC   # AUTOMATIC, "zh" or "en"
    font_size: int = DEFAULT_FONT_SIZE
    theme: str = theme.LIGHT

    @staticmethod
    def load(settings: QSettings) -> "Preferences":
        """What `settings` remembers; anything missing or unreadable is the default."""
        language = str(settings.value(_KEYS["language"], AUTOMATIC))
        chosen_theme = str(settings.value(_KEYS["theme"], theme.LIGHT))
        try:
            font_size = int(settings.value(_KEYS["font_size"], DEFAULT_FONT_SIZE))
        except (TypeError, ValueError):
            font_size = DEFAULT_FONT_SIZE
        return Preferences(language if language in LANGUAGE_CHOICES else AUTOMATIC, clamp_font_size(font_size),
                           chosen_theme if chosen_theme in theme.THEMES else theme.LIGHT)

    def save(self, settings: QSettings) -> None:
        for field, key in _KEYS.items():
            settings.setValue(key, getattr(self, field))


def clamp_font_size(size: int) -> int:
    return max(MIN_FONT_SIZE, min(MAX_FONT_SIZE, size))


def start_language(settings: QSettings, requested: str | None) -> str:
    """The language to start in, set for the core's messages: `requested` (`--lang`), else the saved
    choice unless Automatic, else RULE_STUDIO_LANG, else the locale."""
    _launch["language"] = i18n.normalise(requested) if requested else None
    saved = Preferences.load(settings).language
    language = _launch["language"] or (saved if saved != AUTOMATIC else i18n.resolve())
    i18n.set_language(language)
    return language


def language_for(choice: str) -> str:
    """The language a choice of the dialog means now: Automatic follows `--lang`, RULE_STUDIO_LANG, the locale."""
    return choice if choice != AUTOMATIC else (_launch["language"] or i18n.resolve())


_standard_style: dict = {}   # the application's own style and palette, to go back to from dark


def use_window_theme(name: str) -> None:
    """The editors' colours (`theme.use_theme`) and the application's: a dark Fusion palette for dark."""
    app = QApplication.instance()
    theme.use_theme(name)
    palette = theme.window_palette(name)
    if palette is not None:
        if not _standard_style:
            _standard_style.update(style=app.style().name(), palette=app.palette())
        app.setStyle("Fusion")
        app.setPalette(palette)
    elif _standard_style:
        app.setStyle(_standard_style.pop("style"))
        app.setPalette(_standard_style.pop("palette"))
    follow_theme_everywhere()


def follow_theme_everywhere() -> None:
    """Every widget that paints colours of its own from `theme` (it has a `follow_theme()` method:
    the Flow view, the charts, the diffs...) takes the current theme's, in every window and dialog."""
    for widget in QApplication.allWidgets():
        follow = getattr(widget, "follow_theme", None)
        if callable(follow):
            follow()


class PreferencesDialog(QDialog):
    """Language, editor font size, theme; `preferences()` is what the user chose."""

    def __init__(self, preferences: Preferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preferences-dialog")
        self.setWindowTitle(self.tr("Preferences"))
        self.language_box = QComboBox(self)
        self.language_box.addItem(self.tr("Automatic (--lang, RULE_STUDIO_LANG or the system's language)"),
                                  AUTOMATIC)
        self.language_box.addItem("中文", "zh")       # each language in its own words
        self.language_box.addItem("English", "en")
        self.font_size_box = QSpinBox(self)
        self.font_size_box.setRange(MIN_FONT_SIZE, MAX_FONT_SIZE)
        self.font_size_box.setSuffix(self.tr(" pt"))
        self.theme_box = QComboBox(self)
        self.theme_box.addItem(self.tr("Light"), theme.LIGHT)
        self.theme_box.addItem(self.tr("Dark"), theme.DARK)
        note = QLabel(self.tr("A new language reopens the window on the same project; unsaved edits stay "
                              "unsaved and come along."), self)
        note.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(self.tr("&Language:"), self.language_box)
        form.addRow(self.tr("Editor &font size:"), self.font_size_box)
        form.addRow(self.tr("&Theme:"), self.theme_box)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self.set_preferences(preferences)
        open_wide_enough(self, minimum_width=readable_width(self))

    def set_preferences(self, preferences: Preferences) -> None:
        self.language_box.setCurrentIndex(max(0, self.language_box.findData(preferences.language)))
        self.font_size_box.setValue(preferences.font_size)
        self.theme_box.setCurrentIndex(max(0, self.theme_box.findData(preferences.theme)))

    def preferences(self) -> Preferences:
        return Preferences(self.language_box.currentData(), self.font_size_box.value(),
                           self.theme_box.currentData())


class PreferencesController(QObject):
    """The window's Preferences: its actions, the dialog, and applying a choice to the window's editors."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.preferences = Preferences.load(window.settings)
        self.dialog: PreferencesDialog | None = None
        self._wheel_turned = 0   # Ctrl+wheel since the last step: a touchpad sends a notch in many small parts
        self._create_actions()
        theme.EDITOR_POINT_SIZE = self.preferences.font_size
        if self.preferences.theme != theme.current_theme():
            use_window_theme(self.preferences.theme)
        self.restyle_editors()
        window.tabs.currentChanged.connect(self._watch_current_editor)

    def _create_actions(self) -> None:
        window = self.window
        self.preferences_action = self._action(self.tr("Prefere&nces…"), self.show_dialog, "Ctrl+,")
        self.preferences_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        window.edit_menu.addSeparator()
        window.edit_menu.addAction(self.preferences_action)
        self.zoom_in_action = self._action(self.tr("&Larger Editor Font"), lambda: self.change_font_size(1),
                                           "Ctrl+=", "Ctrl++")
        self.zoom_out_action = self._action(self.tr("&Smaller Editor Font"), lambda: self.change_font_size(-1),
                                            "Ctrl+-")
        self.zoom_reset_action = self._action(self.tr("Editor Font &Default Size"), self.reset_font_size, "Ctrl+0")
        window.view_menu.addSeparator()
        for action in (self.zoom_in_action, self.zoom_out_action, self.zoom_reset_action):
            window.view_menu.addAction(action)

    def _action(self, text: str, slot, *keys: str) -> QAction:
        action = QAction(text, self.window)
        action.setShortcuts([QKeySequence(key) for key in keys])
        action.triggered.connect(slot)
        self.window.addAction(action)   # its keys work wherever the focus is in the window
        return action

    # --- the dialog ------------------------------------------------------------------------------

    @Slot()
    def show_dialog(self) -> PreferencesDialog:
        """Open the dialog (window-modal, not blocking); OK applies what it shows."""
        if self.dialog is None:
            self.dialog = PreferencesDialog(self.preferences, self.window)
            self.dialog.accepted.connect(lambda: self.apply(self.dialog.preferences()))
        self.dialog.set_preferences(self.preferences)
        self.dialog.open()
        return self.dialog

    def apply(self, preferences: Preferences):
        """Make `preferences` the current ones and remember them; returns the main window that shows
        them (a new one when the language changed)."""
        old, self.preferences = self.preferences, preferences
        preferences.save(self.window.settings)
        if (preferences.font_size, preferences.theme) != (old.font_size, old.theme):
            theme.EDITOR_POINT_SIZE = preferences.font_size
            if preferences.theme != theme.current_theme():
                use_window_theme(preferences.theme)   # recolours the editors of every window too
            self.restyle_editors(colours=False)
        language = language_for(preferences.language)
        if language != i18n.language():
            from studio.ui.language_switch import switch_language
            return switch_language(self.window, language)
        return self.window

    # --- the font size ---------------------------------------------------------------------------

    def change_font_size(self, step: int) -> None:
        self.set_font_size(self.preferences.font_size + step)

    @Slot()
    def reset_font_size(self) -> None:
        self.set_font_size(DEFAULT_FONT_SIZE)

    def set_font_size(self, size: int) -> None:
        size = clamp_font_size(size)
        if size != self.preferences.font_size:
            self.apply(replace(self.preferences, font_size=size))

    def restyle_editors(self, colours: bool = True) -> None:
        for page in self.window.tabs.pages():
            page.editor.restyle(colours)
            self._watch_wheel(page.editor)

    # --- Ctrl+wheel over an editor -----------------------------------------------------------------

    @Slot(int)
    def _watch_current_editor(self, _index: int) -> None:
        editor = self.window.tabs.current_editor()   # a tab shows (and takes the wheel) once it is current
        if editor is not None:
            self._watch_wheel(editor)

    def _watch_wheel(self, editor) -> None:
        viewport = editor.viewport()
        if not viewport.property("font-size-wheel"):
            viewport.setProperty("font-size-wheel", True)
            viewport.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Wheel and event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self._wheel_turned += event.angleDelta().y()
            steps = int(self._wheel_turned / WHEEL_NOTCH)   # toward zero: the rest waits for more
            if steps:
                self._wheel_turned -= steps * WHEEL_NOTCH
                self.change_font_size(steps)
            return True   # Ctrl+wheel zooms, it does not scroll
        return super().eventFilter(watched, event)


def install(window) -> PreferencesController:
    """Edit ▸ Preferences…, View ▸ the font size actions; the saved preferences applied to `window`."""
    return PreferencesController(window)
