"""About Rule Studio: the installed version, where the documentation is, and what it runs on."""
from __future__ import annotations

import platform
from html import escape
from importlib import metadata
from pathlib import Path

import PySide6
from PySide6.QtCore import QUrl, qVersion
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

import studio

DISTRIBUTION = "rule-studio"


def version() -> str:
    """The installed package's version (its metadata), or "unknown" when run from an uninstalled tree."""
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return "unknown"


def docs_url() -> str:
    """The documentation: the project's URL when pyproject declares one, else its docs/ folder."""
    try:
        for entry in metadata.metadata(DISTRIBUTION).get_all("Project-URL") or []:
            label, _, url = entry.partition(",")
            if label.strip().lower() in ("documentation", "docs", "homepage", "repository", "source"):
                return url.strip()
    except metadata.PackageNotFoundError:
        pass
    docs = Path(studio.__file__).resolve().parent.parent / "docs"
    return QUrl.fromLocalFile(str(docs)).toString() if docs.is_dir() else ""


def runtime_versions() -> dict[str, str]:
    return {"Qt": qVersion(), "PySide6": PySide6.__version__, "Python": platform.python_version()}


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("about-dialog")
        self.setWindowTitle(self.tr("About Rule Studio"))
        self.label = QLabel(self)
        self.label.setObjectName("about-text")
        self.label.setWordWrap(True)
        self.label.setOpenExternalLinks(True)
        self.label.setText(self.text_html())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def text_html(self) -> str:
        lines = [f"<h2>Rule Studio {escape(version())}</h2>",
                 "<p>" + escape(self.tr("Write, check and test the rules of a sales assistant.")) + "</p>"]
        url = docs_url()
        if url:
            lines.append("<p>" + escape(self.tr("Documentation:")) + f" <a href=\"{escape(url)}\">{escape(url)}</a></p>")
        runtime = ", ".join(f"{name} {escape(number)}" for name, number in runtime_versions().items())
        lines.append("<p>" + escape(self.tr("Runs on {runtime}.")).format(runtime=runtime) + "</p>")
        return "".join(lines)
