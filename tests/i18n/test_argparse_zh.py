"""argparse's own words (usage, group titles, -h, its error messages) follow `--lang` like ours do.

In English the help and the errors stay byte for byte what argparse itself prints.
"""
from __future__ import annotations

import argparse
import gettext

import pytest

from studio import i18n
from studio.cli.main import build_parser
from tests.i18n.cli_helpers import run_main

ARGPARSE_ENGLISH = ("usage:", "positional arguments", "options:", "show this help message and exit", "error:",
                    "the following arguments are required", "invalid choice", "invalid int value", "argument ")




def assert_no_argparse_english(text: str) -> None:
    left = [word for word in ARGPARSE_ENGLISH if word in text]
    assert not left, (left, text)


@pytest.mark.parametrize("argv", [("--help",), ("chat", "--help"), ("knowledge", "--help"),
                                  ("knowledge", "import", "--help"), ("replay", "-h")])
def test_help_in_chinese_has_no_argparse_english(capsys, argv):
    code, out, _ = run_main(capsys, "--lang", "zh", *argv)

    assert code == 0
    assert_no_argparse_english(out)
    assert out.startswith("用法：rule-studio")
    # argparse puts an ASCII colon after a group's title itself
    assert "位置参数:" in out and "选项:" in out and "-h, --help" in out and "显示此帮助信息并退出" in out


@pytest.mark.parametrize("argv, told", [
    (("knowledge",), "缺少以下参数：{export,import}"),
    (("replay",), "缺少以下参数：LOG"),
    (("test", "--format", "xml"), "参数 --format：无效的选项：'xml'（可选：'text', 'json'）"),
    (("explore", "--depth", "x"), "参数 --depth：无效的 int 值：'x'"),
    (("chat", "--start"), "参数 --start：需要一个参数值"),
])
def test_argparse_errors_in_chinese_keep_the_names_and_values(capsys, argv, told):
    code, out, err = run_main(capsys, "--lang", "zh", *argv)

    assert code == 2 and out == ""
    assert_no_argparse_english(err)
    assert err.startswith("用法：rule-studio")
    assert f"rule-studio {argv[0]}：错误：{told}\n" in err


def argparse_own_help(argv: list[str]) -> str:
    """The help argparse prints with its own texts (gettext's default domain), for the parser of `argv`."""
    saved = argparse._
    argparse._ = gettext.gettext
    try:
        parser, parsers = build_parser()
        if not argv:
            return parser.format_help()
        if argv[0] == "knowledge" and len(argv) > 1:
            actions = parsers["knowledge"]._subparsers._group_actions[0]
            return actions.choices[argv[1]].format_help()
        return parsers[argv[0]].format_help()
    finally:
        argparse._ = saved


@pytest.mark.parametrize("argv", [[], ["check"], ["chat"], ["knowledge"], ["knowledge", "export"], ["replay"]])
def test_english_help_is_argparse_own_byte_for_byte(capsys, argv):
    code, out, _ = run_main(capsys, "--lang", "en", *argv, "--help")

    assert code == 0
    i18n.set_language("en")
    assert out == argparse_own_help(argv)
    assert "usage: rule-studio" in out and "show this help message and exit" in out


def test_english_errors_are_argparse_own_words(capsys):
    _, _, err = run_main(capsys, "--lang", "en", "test", "--format", "xml")
    _, _, missing = run_main(capsys, "--lang", "en", "replay")

    assert err.endswith("rule-studio test: error: argument --format: invalid choice: 'xml' "
                        "(choose from 'text', 'json')\n")
    assert missing.startswith("usage: rule-studio replay")
    assert missing.endswith("rule-studio replay: error: the following arguments are required: LOG\n")


def test_the_top_level_usage_is_chinese_too(capsys):
    _, out, _ = run_main(capsys, "--lang", "zh", "--help")
    _, _, err = run_main(capsys, "--lang", "en", "no-such-folder")

    assert out.startswith("用法：rule-studio [PROJECT] [Qt 选项]\n"
                          "      rule-studio {check,chat,test,explore,replay,diff,knowledge} [PROJECT] [选项]\n")
    assert err.startswith("usage: rule-studio [PROJECT] [Qt options]\n"
                          "       rule-studio {check,chat,test,explore,replay,diff,knowledge} [PROJECT] [options]\n")
