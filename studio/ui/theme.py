"""Editor colours and fonts, in one place: a light theme and a dark one.

Token colours follow VS Code's "Light+" and "Dark+" so that analysts who know
an editor feel at home; every foreground keeps a contrast ratio ≥ 4.5 on its
background. The module's names hold the current theme: `use_theme("dark")`
rebinds them, so whatever reads `theme.X` when it paints or builds follows
(open editors restyle themselves, and a widget that built something coloured
has a `follow_theme()` that `studio/ui/preferences.py` calls). Each colour is a
named role with a value in both palettes; the HTML replay report keeps its own
light colours (a file for a browser).
"""
from __future__ import annotations

from dataclasses import dataclass

from pygments.token import (Comment, Error, Keyword, Name, Number, Operator, Punctuation,
                            String, _TokenType)
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QIcon, QPainter, QPixmap

from studio.diagnostics import Severity


@dataclass(frozen=True)
class TextStyle:
    color: str | None = None
    background: str | None = None
    bold: bool = False
    italic: bool = False


# A token type without an entry takes its nearest ancestor's style (as Pygments styles do).
TOKEN_STYLES: dict[_TokenType, TextStyle] = {
    Keyword.Declaration: TextStyle("#0000ff", bold=True),
    Keyword: TextStyle("#af00db", bold=True),
    Operator.Word: TextStyle("#0000ff"),
    Name.Builtin: TextStyle("#267f99"),
    Name.Function: TextStyle("#795e26"),
    Name.Class: TextStyle("#001080", bold=True),
    Name.Constant: TextStyle("#0070c1"),
    Name.Tag: TextStyle("#800000"),   # keys of the conversation tests (YAML)
    Name: TextStyle("#001080"),
    String: TextStyle("#a31515"),
    String.Escape: TextStyle("#b35c00", bold=True),
    String.Interpol: TextStyle("#0070c1", background="#eef4fb"),
    String.Delimiter: TextStyle("#5f6b7a", bold=True),
    Number: TextStyle("#098658"),
    Comment: TextStyle("#008000", italic=True),
    Punctuation: TextStyle("#3b3b3b"),
    Error: TextStyle("#cd3131", background="#fde7e9"),
}

TEXT = QColor("#1f1f1f")
BACKGROUND = QColor("#ffffff")
SELECTION = QColor("#add6ff")
CURRENT_LINE = QColor("#f2f6fc")
FIND_MATCH = QColor("#f8e08e")

GUTTER_BACKGROUND = QColor("#f7f7f7")
GUTTER_TEXT = QColor("#8c8c8c")
GUTTER_CURRENT_TEXT = QColor("#1f1f1f")

# Also the colour of a diagnostic's text (the rule form): ≥ 4.5:1 on white and on the window's grey,
# a shade darker than VS Code's markers (#e51400, #bf8803, #1a85ff), which are meant for squiggles only.
SEVERITY_COLORS: dict[Severity, QColor] = {
    Severity.ERROR: QColor("#c50f1f"),
    Severity.WARNING: QColor("#875d00"),
    Severity.INFO: QColor("#0550ae"),
}

# Gutter marks by kind: the diagnostics' severities, and room for coverage later.
MARK_COLORS: dict[str, QColor] = {
    **{severity.value: color for severity, color in SEVERITY_COLORS.items()},
    "covered": QColor("#2ea043"),
    "uncovered": QColor("#d0d7de"),
}

TAB_WIDTH = 4

# Latin monospace first; CJK falls back to a CJK font of matching weight.
_MONOSPACE_FAMILIES = ["JetBrains Mono", "Cascadia Mono", "Consolas", "Menlo", "DejaVu Sans Mono",
                       "Noto Sans Mono", "Noto Sans Mono CJK SC", "Noto Sans CJK SC"]


def editor_font(point_size: int | None = None) -> QFont:
    """The editor's monospace font, at `EDITOR_POINT_SIZE` unless told (needs a QGuiApplication)."""
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setFamilies(_MONOSPACE_FAMILIES + font.families())
    font.setStyleHint(QFont.StyleHint.Monospace)
    font.setFixedPitch(True)
    font.setPointSize(point_size or EDITOR_POINT_SIZE)
    return font


EDITOR_POINT_SIZE = 11   # the editors' font size now (Preferences, Ctrl+= / Ctrl+- / Ctrl+wheel)

# --- Chat tester and Tests panel (studio/ui/chat/, studio/ui/tests_panel.py) ---------------------

CHAT_USER_BUBBLE = QColor("#dbeafe")
CHAT_BOT_BUBBLE = QColor("#f1f3f5")
CHAT_NOTICE_BUBBLE = QColor("#fff4ce")
CHAT_BUBBLE_BORDER = QColor("#d0d7de")
CHAT_SELECTED_BORDER = QColor("#0969da")
CHAT_CAPTION_TEXT = QColor("#57606a")
CHAT_WARNING_TEXT = QColor("#9a6700")
CHAT_PENDING_TEXT = QColor("#6e7781")
CONTEXT_CHANGED_BACKGROUND = QColor("#fff8c5")
CONTEXT_UNSET_TEXT = QColor("#8c959f")
BANNER_BACKGROUND = QColor("#ffebe9")
BANNER_BORDER = QColor("#ff8182")
BANNER_TEXT = QColor("#82071e")

TEST_PASSED = QColor("#1a7f37")   # also text (the trace's fired rule, the Tests panel): ≥ 4.5:1 on white
TEST_FAILED = QColor("#c50f1f")
TEST_ERROR = QColor("#875d00")
TEST_NOT_RUN = QColor("#afb8c1")

# A rule that the last test run never fired: gutter dot and outline mark (visible on the gutter grey).
MARK_COLORS["untested"] = QColor("#8250df")


_dots: dict[tuple[str, bool], QIcon] = {}


def dot_icon(color: QColor, hollow: bool = False) -> QIcon:
    """A small filled (or ringed) dot of `color`: severities, test results (needs a QGuiApplication)."""
    key = (QColor(color).name(), hollow)
    icon = _dots.get(key)
    if icon is None:
        pixmap = QPixmap(12, 12)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QColor(color) if hollow else Qt.PenStyle.NoPen)
        painter.setBrush(Qt.GlobalColor.transparent if hollow else QColor(color))
        painter.drawEllipse(1, 1, 10, 10)
        painter.end()
        icon = _dots[key] = QIcon(pixmap)
    return icon

# --- Flow view (studio/ui/flow_panel.py) --------------------------------------------------------------

FLOW_BACKGROUND = QColor("#fbfcfd")
FLOW_NODE_FILL = QColor("#eef4fb")
FLOW_NODE_BORDER = QColor("#0969da")
FLOW_START_FILL = QColor("#dafbe1")
FLOW_START_BORDER = QColor("#1a7f37")
FLOW_UNREACHED_FILL = QColor("#f3f4f6")
FLOW_UNREACHED_BORDER = QColor("#8c959f")
FLOW_UNREACHED_TEXT = QColor("#57606a")
FLOW_TEXT = QColor("#1f2328")
FLOW_ENTRY_TEXT = QColor("#57606a")
FLOW_EDGE = QColor("#57606a")
FLOW_EDGE_BACK = QColor("#a475f9")          # an edge back to an earlier (or the same) column
FLOW_LABEL_BACKGROUND = QColor("#ffffff")
FLOW_HOVER = QColor("#cf222e")
FLOW_NEVER_REACHED = QColor("#cf222e")

# --- Changes panel (studio/ui/changes_panel.py, diff_view.py, turn_compare.py) ----------------------

DIFF_ADDED_BACKGROUND = QColor("#e6ffec")
DIFF_REMOVED_BACKGROUND = QColor("#ffebe9")
DIFF_ADDED_MARK = QColor("#1a7f37")
DIFF_REMOVED_MARK = QColor("#cf222e")
DIFF_MODIFIED_MARK = QColor("#9a6700")
DIFF_GAP_BACKGROUND = QColor("#eef4fb")     # between two hunks: the lines left out
DIFF_GAP_TEXT = QColor("#57606a")
CHANGE_OLD_BACKGROUND = DIFF_REMOVED_BACKGROUND
CHANGE_NEW_BACKGROUND = DIFF_ADDED_BACKGROUND

# --- Traffic panel (studio/ui/traffic_panel.py, bar_chart.py): the light ones are the HTML report's ------

TRAFFIC_INTENT_BAR = QColor("#3f7fbf")
TRAFFIC_RULE_BAR = QColor("#2f9e6e")
TRAFFIC_WARN_BAR = QColor("#d9822b")   # no intent, the ALWAYS rules
TRAFFIC_WARN_TEXT = QColor("#b44d12")

# --- Rule form (studio/ui/rule_form/): mention words as chips, nested condition groups framed ------------

RULE_FORM_CHIP_BACKGROUND = QColor("#eef4fb")
RULE_FORM_CHIP_BORDER = QColor("#8fb8e8")
RULE_FORM_GROUP_BORDER = QColor("#c8d1dc")

# --- Knowledge tree, DSL reference (studio/ui/knowledge/model.py, studio/ui/help/reference_view.py) ------

KNOWLEDGE_SERIES_TEXT = QColor("#5f6b7a")   # a series under its brand: quieter than the brands
REFERENCE_CODE_BACKGROUND = QColor("#f4f4f4")
REFERENCE_CAPTION_TEXT = QColor("#57606a")

# --- Themes: the light one above, a dark one, and switching between them ---------------------------------

LIGHT, DARK = "light", "dark"
THEMES = (LIGHT, DARK)

# VS Code's "Dark+" token colours, on #1e1e1e.
DARK_TOKEN_STYLES: dict[_TokenType, TextStyle] = {
    Keyword.Declaration: TextStyle("#569cd6", bold=True),
    Keyword: TextStyle("#c586c0", bold=True),
    Operator.Word: TextStyle("#569cd6"),
    Name.Builtin: TextStyle("#4ec9b0"),
    Name.Function: TextStyle("#dcdcaa"),
    Name.Class: TextStyle("#9cdcfe", bold=True),
    Name.Constant: TextStyle("#4fc1ff"),
    Name.Tag: TextStyle("#569cd6"),
    Name: TextStyle("#9cdcfe"),
    String: TextStyle("#ce9178"),
    String.Escape: TextStyle("#d7ba7d", bold=True),
    String.Interpol: TextStyle("#4fc1ff", background="#263445"),
    String.Delimiter: TextStyle("#a0a8b3", bold=True),
    Number: TextStyle("#b5cea8"),
    Comment: TextStyle("#6a9955", italic=True),
    Punctuation: TextStyle("#d4d4d4"),
    Error: TextStyle("#f48771", background="#4b1818"),
}

# Every name a theme rebinds; the light values are the ones assigned above.
_THEMED = ("TOKEN_STYLES", "TEXT", "BACKGROUND", "SELECTION", "CURRENT_LINE", "FIND_MATCH",
           "GUTTER_BACKGROUND", "GUTTER_TEXT", "GUTTER_CURRENT_TEXT",
           "CHAT_USER_BUBBLE", "CHAT_BOT_BUBBLE", "CHAT_NOTICE_BUBBLE", "CHAT_BUBBLE_BORDER",
           "CHAT_CAPTION_TEXT", "CHAT_WARNING_TEXT", "CHAT_PENDING_TEXT",
           "CONTEXT_CHANGED_BACKGROUND", "CONTEXT_UNSET_TEXT",
           "BANNER_BACKGROUND", "BANNER_BORDER", "BANNER_TEXT",
           "DIFF_ADDED_BACKGROUND", "DIFF_REMOVED_BACKGROUND", "DIFF_GAP_BACKGROUND", "DIFF_GAP_TEXT",
           "CHANGE_OLD_BACKGROUND", "CHANGE_NEW_BACKGROUND",
           "RULE_FORM_CHIP_BACKGROUND", "RULE_FORM_CHIP_BORDER", "RULE_FORM_GROUP_BORDER",
           "SEVERITY_COLORS", "MARK_COLORS", "CHAT_SELECTED_BORDER",
           "TEST_PASSED", "TEST_FAILED", "TEST_ERROR", "TEST_NOT_RUN",
           "FLOW_BACKGROUND", "FLOW_NODE_FILL", "FLOW_NODE_BORDER", "FLOW_START_FILL", "FLOW_START_BORDER",
           "FLOW_UNREACHED_FILL", "FLOW_UNREACHED_BORDER", "FLOW_UNREACHED_TEXT", "FLOW_TEXT", "FLOW_ENTRY_TEXT",
           "FLOW_EDGE", "FLOW_EDGE_BACK", "FLOW_LABEL_BACKGROUND", "FLOW_HOVER", "FLOW_NEVER_REACHED",
           "DIFF_ADDED_MARK", "DIFF_REMOVED_MARK", "DIFF_MODIFIED_MARK",
           "TRAFFIC_INTENT_BAR", "TRAFFIC_RULE_BAR", "TRAFFIC_WARN_BAR", "TRAFFIC_WARN_TEXT",
           "KNOWLEDGE_SERIES_TEXT", "REFERENCE_CODE_BACKGROUND", "REFERENCE_CAPTION_TEXT")
_PALETTES: dict[str, dict[str, object]] = {LIGHT: {name: globals()[name] for name in _THEMED}}
_PALETTES[DARK] = {
    "TOKEN_STYLES": DARK_TOKEN_STYLES,
    "TEXT": QColor("#d4d4d4"),
    "BACKGROUND": QColor("#1e1e1e"),
    "SELECTION": QColor("#264f78"),
    "CURRENT_LINE": QColor("#2a2d2e"),
    "FIND_MATCH": QColor("#623315"),
    "GUTTER_BACKGROUND": QColor("#1e1e1e"),
    "GUTTER_TEXT": QColor("#858585"),
    "GUTTER_CURRENT_TEXT": QColor("#c6c6c6"),
    # the chat's bubbles and banners take the window's (light) text: dark fills under it
    "CHAT_USER_BUBBLE": QColor("#1d3b5c"),
    "CHAT_BOT_BUBBLE": QColor("#2d2d30"),
    "CHAT_NOTICE_BUBBLE": QColor("#4a3f14"),
    "CHAT_BUBBLE_BORDER": QColor("#454545"),
    "CHAT_CAPTION_TEXT": QColor("#a0a8b3"),
    "CHAT_WARNING_TEXT": QColor("#e2c08d"),
    "CHAT_PENDING_TEXT": QColor("#8b949e"),
    "CONTEXT_CHANGED_BACKGROUND": QColor("#4a4214"),
    "CONTEXT_UNSET_TEXT": QColor("#8b949e"),
    "BANNER_BACKGROUND": QColor("#4b1818"),
    "BANNER_BORDER": QColor("#be1100"),
    "BANNER_TEXT": QColor("#ffb3ad"),
    "DIFF_ADDED_BACKGROUND": QColor("#1f3d2a"),
    "DIFF_REMOVED_BACKGROUND": QColor("#4b1f23"),
    "DIFF_GAP_BACKGROUND": QColor("#263445"),
    "DIFF_GAP_TEXT": QColor("#a0a8b3"),
    "CHANGE_OLD_BACKGROUND": QColor("#4b1f23"),
    "CHANGE_NEW_BACKGROUND": QColor("#1f3d2a"),
    "RULE_FORM_CHIP_BACKGROUND": QColor("#1d3b5c"),
    "RULE_FORM_CHIP_BORDER": QColor("#3794ff"),
    "RULE_FORM_GROUP_BORDER": QColor("#454545"),
    # VS Code's dark editor markers and GitHub's dark greens and reds: bright enough on #1e1e1e / #252526
    "SEVERITY_COLORS": {Severity.ERROR: QColor("#f48771"), Severity.WARNING: QColor("#cca700"),
                        Severity.INFO: QColor("#3794ff")},
    "MARK_COLORS": {Severity.ERROR.value: QColor("#f48771"), Severity.WARNING.value: QColor("#cca700"),
                    Severity.INFO.value: QColor("#3794ff"), "covered": QColor("#3fb950"),
                    "uncovered": QColor("#5a5a5a"), "untested": QColor("#b392f0")},
    "CHAT_SELECTED_BORDER": QColor("#3794ff"),
    "TEST_PASSED": QColor("#3fb950"),
    "TEST_FAILED": QColor("#f48771"),
    "TEST_ERROR": QColor("#cca700"),
    "TEST_NOT_RUN": QColor("#6e7681"),
    "FLOW_BACKGROUND": QColor("#1e1e1e"),
    "FLOW_NODE_FILL": QColor("#1d3b5c"),
    "FLOW_NODE_BORDER": QColor("#3794ff"),
    "FLOW_START_FILL": QColor("#1f3d2a"),
    "FLOW_START_BORDER": QColor("#3fb950"),
    "FLOW_UNREACHED_FILL": QColor("#2d2d30"),
    "FLOW_UNREACHED_BORDER": QColor("#8b949e"),
    "FLOW_UNREACHED_TEXT": QColor("#a0a8b3"),
    "FLOW_TEXT": QColor("#e6e6e6"),
    "FLOW_ENTRY_TEXT": QColor("#c0c6cc"),
    "FLOW_EDGE": QColor("#a0a8b3"),
    "FLOW_EDGE_BACK": QColor("#b392f0"),
    "FLOW_LABEL_BACKGROUND": QColor("#252526"),
    "FLOW_HOVER": QColor("#ff7b72"),
    "FLOW_NEVER_REACHED": QColor("#ff7b72"),
    "DIFF_ADDED_MARK": QColor("#3fb950"),
    "DIFF_REMOVED_MARK": QColor("#ff7b72"),
    "DIFF_MODIFIED_MARK": QColor("#d29922"),
    "TRAFFIC_INTENT_BAR": QColor("#4f8fd0"),
    "TRAFFIC_RULE_BAR": QColor("#3fae7e"),
    "TRAFFIC_WARN_BAR": QColor("#e0913a"),
    "TRAFFIC_WARN_TEXT": QColor("#f0883e"),
    "KNOWLEDGE_SERIES_TEXT": QColor("#a0a8b3"),
    "REFERENCE_CODE_BACKGROUND": QColor("#2d2d30"),
    "REFERENCE_CAPTION_TEXT": QColor("#a0a8b3"),
}
_current = {"theme": LIGHT}


def use_theme(name: str) -> None:
    """Make `name` ("light" or "dark") the current theme: the module's colours become its colours."""
    if name not in THEMES:
        raise ValueError(name)
    globals().update(_PALETTES[name])
    _current["theme"] = name


def current_theme() -> str:
    return _current["theme"]


def window_palette(name: str):
    """The window's QPalette for a dark theme (Fusion's roles, VS Code's greys); None for light: the style's own."""
    if name != DARK:
        return None
    from PySide6.QtGui import QPalette
    palette = QPalette()
    role, group = QPalette.ColorRole, QPalette.ColorGroup
    colours = {role.Window: "#252526", role.WindowText: "#d4d4d4", role.Base: "#1e1e1e",
               role.AlternateBase: "#2a2d2e", role.ToolTipBase: "#252526", role.ToolTipText: "#d4d4d4",
               role.PlaceholderText: "#8b949e", role.Text: "#d4d4d4", role.Button: "#333337",
               role.ButtonText: "#d4d4d4", role.BrightText: "#ff6b6b", role.Light: "#454545",
               role.Midlight: "#3c3c3c", role.Mid: "#2d2d30", role.Dark: "#1b1b1c", role.Shadow: "#000000",
               role.Highlight: "#264f78", role.HighlightedText: "#ffffff", role.Link: "#3794ff",
               role.LinkVisited: "#c586c0"}
    for colour_role, colour in colours.items():
        palette.setColor(colour_role, QColor(colour))
    for colour_role in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(group.Disabled, colour_role, QColor("#6e6e6e"))
    return palette
