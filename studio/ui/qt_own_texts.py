"""Texts of Qt's own widgets that Qt's Chinese catalog (qtbase_zh_CN.qm) lacks.

Qt 6 changed them (its file dialog's labels gained an `&`, the file types moved to
QAbstractFileIconProvider) and the Chinese catalog it ships still has only the old ones, so the
file dialog Qt draws itself (no desktop dialog, as under a bare X server) showed them in English.
Listed here in Qt's own contexts they land in our catalog (pyside6-lupdate reads this file), and our
translator, installed after Qt's, is asked first. Nothing imports this module: lupdate is its reader.
"""
from PySide6.QtCore import QT_TRANSLATE_NOOP

MISSING_FROM_QT = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Drive"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Folder"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "File"),
)
