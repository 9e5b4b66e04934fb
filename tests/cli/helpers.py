"""Run the real `rule-studio` command line in a subprocess, on a copy of the sample project."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def copy_sample(dest: Path) -> Path:
    for folder in ("rules", "knowledge", "conversations"):
        shutil.copytree(REPO / folder, dest / folder)
    return dest


def rule_studio(*args: str, stdin: str = "", env: dict | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    full_env = {**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})}
    return subprocess.run([sys.executable, "-m", "studio.cli.main", *args], input=stdin, text=True,
                          encoding="utf-8", capture_output=True, env=full_env, cwd=REPO, timeout=timeout)
