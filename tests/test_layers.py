"""The core never depends on the window: no module outside studio/ui imports Qt or studio.ui."""
import ast
from pathlib import Path

STUDIO = Path(__file__).resolve().parents[1] / "studio"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_no_core_module_imports_qt_or_the_window():
    offenders = {}
    for path in STUDIO.rglob("*.py"):
        relative = path.relative_to(STUDIO)
        if relative.parts[0] == "ui":
            continue
        bad = {name for name in imported_modules(path)
               if name.split(".")[0] in ("PySide6", "shiboken6") or name == "studio.ui" or name.startswith("studio.ui.")}
        bad.discard("studio.ui.app")   # `rule-studio [PROJECT]` opens the window: the one way in, imported lazily
        if bad:
            offenders[str(relative)] = sorted(bad)
    assert offenders == {}
