"""`rule-studio` itself: which first word opens the studio, the usage, and text that is not valid Unicode.

Every case runs the real command in a subprocess with a timeout: an argument that
wrongly opens the window would otherwise wait forever behind an invisible dialog.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.cli.helpers import REPO, rule_studio

# Runs `main` and says whether Qt was imported: a command-line mistake must be told without Qt.
MAIN_REPORTING_QT = """
import sys
from studio.cli.main import main
try:
    code = main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
print("qt imported" if "PySide6" in sys.modules else "qt not imported")
sys.exit(code)
"""


def headless_env(tmp_path) -> dict:
    env = {key: value for key, value in os.environ.items() if key != "PYTHONIOENCODING"}
    env.update(QT_QPA_PLATFORM="offscreen", LC_ALL="C.UTF-8", PYTHONPATH=str(REPO),
               XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_DATA_HOME=str(tmp_path / "data"))
    return env


def run_main(tmp_path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", MAIN_REPORTING_QT, *args], env=headless_env(tmp_path),
                          cwd=tmp_path, capture_output=True, text=True, encoding="utf-8", timeout=60)


# --- text that is not valid Unicode ------------------------------------------------------------

def test_bytes_that_are_not_utf8_become_replacement_characters_and_the_session_goes_on(tmp_path):
    for io_encoding in (None, "utf-8"):   # the locale's default, and a strict PYTHONIOENCODING
        env = headless_env(tmp_path)
        if io_encoding:
            env["PYTHONIOENCODING"] = io_encoding
        done = subprocess.run([sys.executable, "-m", "studio.cli.main", "chat", "--json"],
                              input=b"\xff\n\xe4\xbd\xa0\xe5\xa5\xbd\n", env=env, cwd=REPO,
                              capture_output=True, timeout=120)
        assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
        turns = [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]
        assert [turn["input"] for turn in turns] == [None, "\ufffd", "你好"]   # the sample's opening first
        assert "想看哪一类商品" in turns[2]["reply"]


def test_a_lone_surrogate_on_the_way_out_is_escaped_not_fatal(tmp_path):
    # A file name that is not UTF-8 reaches Python as a lone surrogate; the message naming it must still print.
    done = subprocess.run([sys.executable, "-m", "studio.cli.main", "check", b"/no/such/\xff"],
                          env=headless_env(tmp_path), cwd=REPO, capture_output=True, timeout=120)
    stderr = done.stderr.decode("utf-8")
    assert done.returncode == 2, stderr
    assert "Traceback" not in stderr
    assert "no such project folder: /no/such/\\udcff" in stderr


# --- the usage ----------------------------------------------------------------------------------

def test_help_says_that_a_project_folder_opens_the_studio():
    result = rule_studio("--help")
    assert result.returncode == 0
    assert "rule-studio [PROJECT]" in result.stdout
    assert "opens the studio" in result.stdout
    for command in ("check", "chat", "test"):
        assert command in result.stdout
    assert "SPEC" not in result.stdout and "§" not in result.stdout


# --- what opens the studio ----------------------------------------------------------------------

def test_an_unknown_command_gets_the_usage_and_exit_2_without_qt(tmp_path):
    done = run_main(tmp_path, "explain", ".", "--json")
    assert done.returncode == 2
    assert "usage: rule-studio" in done.stderr
    assert "unknown command or no such project folder: explain" in done.stderr
    assert done.stdout.strip() == "qt not imported"


def test_a_missing_project_folder_gets_the_usage_and_exit_2_without_qt(tmp_path):
    done = run_main(tmp_path, "no-such-folder")
    assert done.returncode == 2
    assert "usage: rule-studio" in done.stderr
    assert "unknown command or no such project folder: no-such-folder" in done.stderr
    assert done.stdout.strip() == "qt not imported"


def test_a_file_is_not_a_project_folder(tmp_path):
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    done = run_main(tmp_path, "notes.txt")
    assert done.returncode == 2
    assert "no such project folder: notes.txt" in done.stderr


def test_an_option_the_studio_does_not_know_gets_the_usage_and_exit_2_without_qt(tmp_path):
    for args in (["--bogus"], [".", "--json"], ["-x"]):
        done = run_main(tmp_path, *args)
        assert done.returncode == 2, args
        assert "usage: rule-studio" in done.stderr, args
        assert "unrecognized arguments" in done.stderr, args
        assert done.stdout.strip() == "qt not imported", args


def test_a_second_project_folder_is_refused(tmp_path):
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    done = run_main(tmp_path, "one", "two")
    assert done.returncode == 2
    assert "unrecognized arguments: two" in done.stderr


def test_an_unknown_option_of_a_command_still_exits_2(tmp_path):
    done = run_main(tmp_path, "check", "--bogus")
    assert done.returncode == 2
    assert "usage: rule-studio check" in done.stderr


def test_a_reader_that_goes_away_ends_the_command_quietly():
    chat = subprocess.Popen([sys.executable, "-m", "studio.cli.main", "chat", "--json"], cwd=REPO,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    chat.stdout.close()   # as `| head` does once it has what it wants
    _, err = chat.communicate("你好\n我想买个手机\n".encode("utf-8"), timeout=120)
    assert b"Traceback" not in err and b"BrokenPipe" not in err, err.decode("utf-8", "replace")
    assert chat.returncode == 1
