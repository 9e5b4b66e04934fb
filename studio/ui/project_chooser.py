"""The dialog shown when the project to open cannot be opened: another folder, or a recent project.

Built by `Prompts.choose_project`; `chosen()` is the folder picked (None: quit).
"""
from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QLabel, QListWidget, QPushButton,
                               QVBoxLayout, QWidget)


class ProjectChooser(QDialog):
    def __init__(self, reason: str, recent: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("project-chooser")
        self.setWindowTitle(self.tr("Open a Project"))
        self.setMinimumWidth(520)
        self._chosen: str | None = None

        self.reason_label = QLabel(self.tr("The project cannot be opened: {reason}").format(reason=reason), self)
        self.reason_label.setWordWrap(True)
        self.recent_list = QListWidget(self)
        self.recent_list.addItems(recent)
        self.recent_list.itemDoubleClicked.connect(lambda item: self._choose(item.text()))
        self.recent_list.currentRowChanged.connect(self._update_buttons)

        buttons = QDialogButtonBox(self)
        self.open_button = buttons.addButton(self.tr("Open Recent"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.folder_button = QPushButton(self.tr("Open Folder…"), self)
        buttons.addButton(self.folder_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.tr("Quit"), QDialogButtonBox.ButtonRole.RejectRole)
        self.open_button.clicked.connect(self._open_selected)
        self.folder_button.clicked.connect(self._open_folder)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.reason_label)
        if recent:
            layout.addWidget(QLabel(self.tr("Recent projects:"), self))
            layout.addWidget(self.recent_list)
        else:
            self.recent_list.hide()
        layout.addWidget(buttons)
        if recent:
            self.recent_list.setCurrentRow(0)
        self._update_buttons()

    def chosen(self) -> str | None:
        return self._chosen

    @Slot()
    def _update_buttons(self) -> None:
        self.open_button.setVisible(self.recent_list.count() > 0)
        self.open_button.setEnabled(self.recent_list.currentItem() is not None)
        (self.open_button if self.recent_list.count() else self.folder_button).setDefault(True)

    @Slot()
    def _open_selected(self) -> None:
        item = self.recent_list.currentItem()
        if item is not None:
            self._choose(item.text())

    @Slot()
    def _open_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Open Project Folder"))
        if folder:
            self._choose(folder)

    def _choose(self, folder: str) -> None:
        self._chosen = folder
        self.accept()
