"""`rule-studio`: open the studio, or run `check`, `chat`, `test` headless (SPEC §5)."""
from __future__ import annotations

import argparse
import sys

from studio.project import SAMPLE_PROJECT


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="rule-studio", description=__doc__)
    commands = parser.add_subparsers(dest="command", metavar="{check,chat,test}")

    check_p = commands.add_parser("check", help="parse and check a project")
    check_p.add_argument("project", nargs="?", default=str(SAMPLE_PROJECT))
    check_p.add_argument("--format", choices=("text", "json"), default="text")
    check_p.add_argument("--fix", action="store_true", help="apply every suggested fix to the rule files")

    chat_p = commands.add_parser("chat", help="talk to the assistant, one turn per stdin line")
    chat_p.add_argument("project", nargs="?", default=str(SAMPLE_PROJECT))
    chat_p.add_argument("--llm", choices=("off", "auto"), default="off")
    chat_p.add_argument("--json", action="store_true", help="one JSON object per turn")

    test_p = commands.add_parser("test", help="replay the conversation tests")
    test_p.add_argument("project", nargs="?", default=str(SAMPLE_PROJECT))
    test_p.add_argument("--format", choices=("text", "json"), default="text")
    test_p.add_argument("-k", dest="pattern", metavar="PATTERN", help="only tests whose name or file matches")
    test_p.add_argument("--coverage", action="store_true", help="report which rules fired and which never did")
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    if not argv or argv[0] not in ("check", "chat", "test", "-h", "--help"):
        return open_studio(argv)
    args = build_parser().parse_args(argv)
    # Each command's modules are imported only when it runs: opening the window should not pay for them.
    if args.command == "check":
        from studio.cli import check_cmd
        return check_cmd.run(args.project, args.format, args.fix)
    if args.command == "chat":
        from studio.cli import chat_cmd
        return chat_cmd.run(args.project, args.llm, args.json, sys.stdin, sys.stdout, sys.stderr)
    from studio.cli import test_cmd
    return test_cmd.run(args.project, args.format, args.pattern, args.coverage, sys.stdout, sys.stderr)


def open_studio(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="rule-studio", description="open the studio on PROJECT")
    parser.add_argument("project", nargs="?", default=str(SAMPLE_PROJECT))
    args, qt_args = parser.parse_known_args(argv)
    from studio.ui.app import run_studio   # Qt is imported only when the window is wanted
    return run_studio(args.project, qt_args)


if __name__ == "__main__":
    sys.exit(main())
