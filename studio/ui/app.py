"""`rule-studio [PROJECT]`: the QApplication, its translations, the main window.

Everything heavy is imported inside `run_studio`, after the QApplication
exists, so that `rule-studio --help` and the CLI sub-commands never pay for Qt,
and launch → window shown stays well under the 1.5 s budget (bench/bench_window.py).
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

TRANSLATIONS = Path(__file__).resolve().parent / "translations"
APP_NAME = "Rule Studio"
ORG_NAME = "RuleStudio"
ORG_DOMAIN = "rule-studio.example"


def install_translations(app, locale=None) -> list:
    """Install Qt's own and Rule Studio's translators for `locale` (default: the system's).

    English needs no translator; for any other language the `.qm` files are
    looked up by Qt's usual fallbacks (zh_CN → zh). Returns the installed
    translators (keep them alive; pass them to `remove_translations`).
    """
    from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

    locale = locale or QLocale.system()
    installed = []
    if locale.language() in (QLocale.Language.English, QLocale.Language.C):
        return installed
    qt_translator = QTranslator(app)
    if qt_translator.load(locale, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_translator)
        installed.append(qt_translator)
    ours = QTranslator(app)
    if ours.load(locale, "rule_studio", "_", str(TRANSLATIONS)):
        app.installTranslator(ours)
        installed.append(ours)
    return installed


def remove_translations(app, translators: list) -> None:
    for translator in translators:
        app.removeTranslator(translator)


_ui_translators: list = []   # the ones `use_ui_language` installed


def use_ui_language(app, language: str) -> None:
    """Qt's and Rule Studio's translators for `language` ("zh" or "en") in place of the ones it installed before."""
    from PySide6.QtCore import QLocale
    remove_translations(app, _ui_translators)
    _ui_translators[:] = install_translations(app, QLocale("zh_CN" if language == "zh" else "en_US"))


def configure_application(app) -> None:
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORG_NAME)
    app.setOrganizationDomain(ORG_DOMAIN)
    app.setApplicationDisplayName(APP_NAME)


def run_studio(project_path: str | Path, qt_args: list[str], language: str | None = None) -> int:
    """Open the studio on `project_path` (in `language`, from `--lang`, when given); returns the exit code.

    The language: `language`, else the one saved in Preferences, else
    RULE_STUDIO_LANG, else the locale; for the window and the core's messages alike.
    """
    started = time.perf_counter()
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "rule-studio", *qt_args])
    configure_application(app)
    settings = QSettings()
    from studio.ui.preferences import start_language
    use_ui_language(app, start_language(settings, language))
    from studio.ui.gc_driver import UiThreadGarbageCollector
    collector = UiThreadGarbageCollector(app)

    from studio.ui.main_window import MainWindow
    from studio.ui.prompts import HeadlessPrompts, Prompts
    prompts = HeadlessPrompts() if is_headless(app) else Prompts()   # with no screen, no dialog may wait
    project = open_project_or_ask(project_path, prompts, settings)
    if project is None:
        return 2
    window = MainWindow(project, settings, prompts)
    window.show()
    if _env_flag("RULE_STUDIO_REPORT_LAUNCH"):
        # bench/bench_window.py reads this line (once the first paint is through), then the window closes.
        def report() -> None:
            print(f"shown {time.perf_counter() - started:.4f} {time.time():.4f}", flush=True)
            window.close()
        QTimer.singleShot(0, report)
    if os.environ.get("RULE_STUDIO_SCREENSHOT"):
        _screenshot_when_checked(window, Path(os.environ["RULE_STUDIO_SCREENSHOT"]))
    code = app.exec()
    collector.stop()
    remove_translations(app, _ui_translators)
    return code


def open_project_or_ask(project_path: str | Path, prompts, settings):
    """The project at `project_path`; when it cannot be opened, the folder the user picks instead
    (Open Folder, or a recent project that still exists); None when they quit."""
    from studio.project import Project, ProjectError
    from studio.ui.main_window import recent_projects
    while True:
        try:
            return Project.open(project_path)
        except ProjectError as exc:
            print(f"rule-studio: {exc}", file=sys.stderr, flush=True)
            recent = [p for p in recent_projects(settings) if Path(p).is_dir()]
            project_path = prompts.choose_project(None, str(exc), recent)
            if project_path is None:
                return None


HEADLESS_PLATFORMS = ("offscreen", "minimal")


def is_headless(app) -> bool:
    """True on a Qt platform without a screen (CI runs `QT_QPA_PLATFORM=offscreen`): no dialog may wait there."""
    return app.platformName() in HEADLESS_PLATFORMS


def _env_flag(name: str) -> bool:
    return os.environ.get(name, "") not in ("", "0")


def _screenshot_when_checked(window, path: Path) -> None:
    """For the docs: once the first check is in, go to the first problem, grab the window, quit."""
    from PySide6.QtCore import QTimer

    def grab() -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        window.grab().save(str(path))
        print(f"screenshot {path}", flush=True)
        window.close()

    def checked(_analysis) -> None:
        window.workspace.analysis_finished.disconnect(checked)
        window.step_problem(1)
        QTimer.singleShot(800, grab)   # let the squiggles and the highlighter paint

    window.workspace.analysis_finished.connect(checked)
