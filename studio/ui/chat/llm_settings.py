"""Which model the chat tester talks to: source, model, URL, timeout — and a key for this session only.

`LLMConfig` is what the user chose. `to_settings()` turns it into the
`studio.llm.LLMSettings` the worker builds its port from:

- nothing chosen (source "" and no URL): the environment decides, exactly as
  `rule-studio chat --llm auto` does (`settings_from_env`);
- a URL: any OpenAI-compatible server (source `openai` unless another is chosen);
- a source: its official endpoint; the key is the one typed in, else
  `RULE_STUDIO_LLM_API_KEY` / `LAZYLLM_<SOURCE>_API_KEY` from the environment.

The API key lives in memory only: `save()` writes source, model, URL and
timeout to QSettings and never the key (`LLMConfig.__repr__` masks it too).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from typing import Mapping

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QDoubleSpinBox, QFormLayout, QLabel,
                               QLineEdit, QVBoxLayout, QWidget)

from studio.llm.config import (DEFAULT_TIMEOUT_S, KNOWN_SOURCES, LLMConfigError, LLMSettings, normalize_url,
                               settings_from_env)
from studio.ui.sizing import READABLE_CHARS, open_wide_enough, readable_width

SETTINGS_PREFIX = "chat/llm/"
REMEMBERED = ("source", "model", "url", "timeout_s")   # never the key


@dataclass(frozen=True, repr=False)
class LLMConfig:
    source: str = ""                  # "" = from the environment (or "openai" with a URL)
    model: str = ""
    url: str = ""
    timeout_s: float = DEFAULT_TIMEOUT_S
    api_key: str = field(default="", compare=False)   # session only

    def __repr__(self) -> str:
        return (f"LLMConfig(source={self.source!r}, model={self.model!r}, url={self.url!r}, "
                f"timeout_s={self.timeout_s!r}, api_key={'***' if self.api_key else ''!r})")

    @staticmethod
    def load(settings: QSettings | None, api_key: str = "") -> "LLMConfig":
        if settings is None:
            return LLMConfig(api_key=api_key)
        try:
            timeout = float(settings.value(SETTINGS_PREFIX + "timeout_s", DEFAULT_TIMEOUT_S))
        except (TypeError, ValueError):
            timeout = DEFAULT_TIMEOUT_S
        return LLMConfig(str(settings.value(SETTINGS_PREFIX + "source", "") or ""),
                         str(settings.value(SETTINGS_PREFIX + "model", "") or ""),
                         str(settings.value(SETTINGS_PREFIX + "url", "") or ""),
                         timeout if timeout > 0 else DEFAULT_TIMEOUT_S, api_key)

    def save(self, settings: QSettings | None) -> None:
        """Remember everything but the key."""
        if settings is None:
            return
        for name in REMEMBERED:
            settings.setValue(SETTINGS_PREFIX + name, getattr(self, name))
        settings.remove(SETTINGS_PREFIX + "api_key")   # in case an old version ever stored one
        settings.sync()

    def with_key(self, api_key: str) -> "LLMConfig":
        return replace(self, api_key=api_key)

    def to_settings(self, environ: Mapping[str, str] | None = None) -> LLMSettings | None:
        """The model to call, None when nothing is configured; LLMConfigError when it cannot work."""
        env = os.environ if environ is None else environ
        source = self.source.strip().lower()
        url = self.url.strip()
        if not source and not url:
            found = settings_from_env(env)
            if found is None:
                return None
            return replace(found, model=self.model.strip() or found.model, timeout_s=self.timeout_s,
                           api_key=self.api_key or found.api_key)
        source = source or "openai"
        if source not in KNOWN_SOURCES:
            raise LLMConfigError(f"'{source}' is not a lazyllm source; known: {', '.join(KNOWN_SOURCES)}")
        key = (self.api_key.strip() or env.get("RULE_STUDIO_LLM_API_KEY", "").strip()
               or env.get(f"LAZYLLM_{source.upper()}_API_KEY", "").strip())
        if not key and not url:
            raise LLMConfigError(f"source '{source}' needs an API key: type one in the LLM settings "
                                 f"(kept for this session only) or set LAZYLLM_{source.upper()}_API_KEY")
        return LLMSettings(source=source, model=self.model.strip() or None,
                           url=normalize_url(url) if url else None, api_key=key or None,
                           timeout_s=self.timeout_s)

    def describe(self) -> str:
        """For the status line: never the key."""
        where = self.url or self.source or "environment"
        return f"{where}{' · ' + self.model if self.model else ''}"


def min_width_for(edit: QLineEdit, *texts: str) -> int:
    """A line edit's width that shows the longest of `texts` whole (with its frame and padding),
    up to a line of READABLE_CHARS: a longer URL scrolls rather than widening the dialog past the screen."""
    metrics = edit.fontMetrics()
    padding = 4 * metrics.averageCharWidth()
    return min(max(metrics.horizontalAdvance(t) for t in texts), READABLE_CHARS * metrics.averageCharWidth()) + padding


class LLMSettingsDialog(QDialog):
    """Source, model, URL, timeout and a session-only API key."""

    def __init__(self, config: LLMConfig, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("llm-settings-dialog")
        self.setWindowTitle(self.tr("LLM Settings"))
        self.source = QComboBox(self)
        self.source.addItem(self.tr("(from the environment)"), "")
        for name in KNOWN_SOURCES:
            self.source.addItem(name, name)
        self.source.setCurrentIndex(max(0, self.source.findData(config.source)))
        self.model = QLineEdit(config.model, self)
        self.model.setPlaceholderText(self.tr("the source's default"))
        self.url = QLineEdit(config.url, self)
        self.url.setPlaceholderText("http://127.0.0.1:11434/v1/")
        self.api_key = QLineEdit(config.api_key, self)
        self.api_key.setEchoMode(QLineEdit.EchoMode.Password)
        self.api_key.setPlaceholderText(self.tr("kept in memory for this session, never saved"))
        self.timeout = QDoubleSpinBox(self)
        self.timeout.setRange(0.5, 600.0)
        self.timeout.setDecimals(1)
        self.timeout.setSuffix(" s")
        self.timeout.setValue(config.timeout_s)
        form = QFormLayout()
        form.addRow(self.tr("Source:"), self.source)
        form.addRow(self.tr("Model:"), self.model)
        form.addRow(self.tr("URL:"), self.url)
        form.addRow(self.tr("API key:"), self.api_key)
        form.addRow(self.tr("Timeout:"), self.timeout)
        note = QLabel(self.tr("The key is used for this session only: it is never written to the settings, "
                              "the project or a log. Leave everything empty to use the environment "
                              "(RULE_STUDIO_LLM_*, LAZYLLM_<SOURCE>_API_KEY)."), self)
        note.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        for edit in (self.model, self.url, self.api_key):   # hints and URLs read whole
            edit.setMinimumWidth(min_width_for(edit, edit.placeholderText(), edit.text()))
        open_wide_enough(self, minimum_width=readable_width(self))

    def config(self) -> LLMConfig:
        return LLMConfig(self.source.currentData() or "", self.model.text().strip(), self.url.text().strip(),
                         float(self.timeout.value()), self.api_key.text().strip())
