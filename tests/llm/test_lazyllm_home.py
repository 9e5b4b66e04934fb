"""The test session's own lazyllm home (tests/conftest.py) does not outlive the session."""
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_a_test_session_leaves_no_lazyllm_folder_in_the_temporary_folder(tmp_path):
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    env = {name: value for name, value in os.environ.items() if not name.startswith(("LAZYLLM_", "PYTEST_"))}
    env.update(TMPDIR=str(temporary), QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         "tests/llm/test_client.py::test_answer_and_prompt_are_recorded"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert not list(temporary.glob("rule-studio-lazyllm-*"))
