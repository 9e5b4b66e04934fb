"""Dialogs open wide enough to read: their rows, fields and notes whole, within the screen."""
from __future__ import annotations

from PySide6.QtWidgets import QStyle

from studio.refactor import find_occurrences
from studio.ui.chat.llm_settings import LLMConfig, LLMSettingsDialog
from studio.ui.knowledge.rename_refs import RenamePreviewDialog
from studio.ui.recovery import RecoveryDialog, RecoveryEntry

LONG_FILE = "rules/after_sales/returns_and_exchanges_for_large_appliances.dsl"


def shown(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def screen_share(dialog) -> int:
    return int(dialog.screen().availableGeometry().width() * 0.9)


def test_recovery_dialog_shows_each_file_whole(qtbot):
    dialog = shown(qtbot, RecoveryDialog([RecoveryEntry(LONG_FILE, "x", 0.0), RecoveryEntry("rules/a.dsl", "a", 0.0)]))
    needed = dialog.list.sizeHintForColumn(0) + 2 * dialog.list.frameWidth()
    assert dialog.list.viewport().width() >= min(needed, screen_share(dialog) - 40)
    assert dialog.width() >= dialog.sizeHint().width()
    assert dialog.width() >= 40 * dialog.fontMetrics().averageCharWidth()    # the note reads as a paragraph


def test_llm_settings_fields_show_their_hints_whole(qtbot):
    dialog = shown(qtbot, LLMSettingsDialog(LLMConfig()))
    margin = 2 * dialog.style().pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth)
    for field in (dialog.url, dialog.api_key, dialog.model):
        assert field.width() >= field.fontMetrics().horizontalAdvance(field.placeholderText()) + margin, field
    assert dialog.width() >= dialog.sizeHint().width()
    assert dialog.width() >= 40 * dialog.fontMetrics().averageCharWidth()


def test_rename_preview_shows_the_line_before_and_after_side_by_side(qtbot):
    text = ('RULE choose_apple\nWHEN USER_MENTION_ANY "苹果|iphone"\nTHEN\n    ADD_TO_CHAIN brand "苹果"\n'
            '    RESPOND "我们有苹果、华为、小米、OPPO、vivo、荣耀、三星、一加、魅族、realme、红米、联想等品牌，'
            '欢迎挑选适合您的手机型号，也可以告诉我您的预算和用途。"\n')
    occurrences = find_occurrences(text, "rules/shop.dsl", "苹果", "Apple")
    assert occurrences
    dialog = shown(qtbot, RenamePreviewDialog("苹果", "Apple", occurrences))
    header = dialog.list.header()
    needed = sum(max(dialog.list.sizeHintForColumn(c), header.sectionSizeHint(c)) for c in range(4))
    assert dialog.list.viewport().width() >= min(needed, screen_share(dialog) - 60)
    # when the lines are longer than the screen, Before and After share the room instead of After being cut
    before, after = header.sectionSize(2), header.sectionSize(3)
    assert after >= min(dialog.list.sizeHintForColumn(3), before) * 0.9
    assert dialog.width() >= dialog.sizeHint().width()
