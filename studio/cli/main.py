"""`rule-studio`: open the studio on a project folder, or run a command headless (docs/cli.md)."""
from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from studio import i18n
from studio.cli.arguments import speak_our_language
from studio.i18n import N_, _
from studio.project import SAMPLE_PROJECT

# Shown in the chosen language: marked here, translated when the parser is built (after `--lang` is read).
DESCRIPTION = N_("""\
rule-studio [PROJECT] opens the studio on the project folder PROJECT (default:
the sample project that comes with Rule Studio). A project is a folder with
rules/*.dsl, knowledge/*.json|yaml and conversations/*.yaml. The commands below
run headless. Exit codes: 0 = fine, 1 = errors found / a test failed,
2 = cannot run (bad arguments, no such project folder, unreadable files).""")

EPILOG = N_("Each command has its own --help. The full contract: docs/cli.md; the rule language: docs/language.md.")


@dataclass(frozen=True)
class Command:
    help: str   # marked with N_
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]
    takes_project: bool = True   # a first positional PROJECT; False when the command's positionals are other files


# Each command's modules are imported only when it runs: opening the window should not pay for them.

def _check_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--fix", action="store_true", help=_("apply every suggested fix to the rule files"))


def _run_check(args: argparse.Namespace) -> int:
    from studio.cli import check_cmd
    return check_cmd.run(args.project, args.format, args.fix)


def _chat_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--llm", choices=("off", "auto"), default="off",
                        help=_("auto: use the LLM configured in the environment (docs/llm.md)"))
    parser.add_argument("--json", action="store_true", help=_("one JSON object per turn"))
    parser.add_argument("--start", metavar="STAGE", help=_("start mid-flow, in this dialogue stage"))
    parser.add_argument("--set", dest="sets", metavar="VAR=VALUE", action="append", default=[],
                        help=_("start with this context variable set (VALUE is read as JSON when it parses, "
                               "else as text; product_chain takes [[slot, value], ...]); repeatable"))
    parser.add_argument("--trace", action="store_true",
                        help=_("with --json: add each turn's trace (intent reason, rules tried, actions, LLM calls)"))


def _run_chat(args: argparse.Namespace) -> int:
    from studio.cli import chat_cmd
    return chat_cmd.run(args.project, args.llm, args.json, sys.stdin, sys.stdout, sys.stderr,
                        start=args.start, sets=tuple(args.sets), trace=args.trace)


def _test_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("-k", dest="pattern", metavar="PATTERN", help=_("only tests whose name or file matches"))
    parser.add_argument("--coverage", action="store_true", help=_("report which rules fired and which never did"))
    parser.add_argument("--record", action="store_true",
                        help=_("run the tests with `llm: auto` against the configured LLM (docs/llm.md) and record "
                               "its answers beside each test (conversations/NAME.cassette.json); without --record, "
                               "a test with a cassette replays it offline"))


def _run_test(args: argparse.Namespace) -> int:
    from studio.cli import test_cmd
    return test_cmd.run(args.project, args.format, args.pattern, args.coverage, sys.stdout, sys.stderr,
                        record=args.record)


def _explore_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--depth", type=int, default=8, metavar="N",
                        help=_("the longest conversation to try, in turns (1 to 20; default 8)"))
    parser.add_argument("--json", action="store_true", help=_("print one JSON object"))
    parser.add_argument("--write-tests", dest="tests_dir", metavar="DIR",
                        help=_("write a conversation test into DIR for each reached rule that no existing test fires"))


def _run_explore(args: argparse.Namespace) -> int:
    from studio.cli import explore_cmd
    return explore_cmd.run(args.project, args.depth, args.json, args.tests_dir, sys.stdout, sys.stderr)


def _diff_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--against", metavar="REV|DIR",
                        help=_("the version to compare with: a git revision of the repository that holds PROJECT "
                               "(default HEAD), or another project folder"))
    parser.add_argument("--logs", nargs="+", default=[], metavar="FILE",
                        help=_("also replay the conversations of these chat logs (JSON Lines, CSV or Excel); "
                               "give PROJECT before --logs"))
    parser.add_argument("--json", action="store_true", help=_("print one JSON object"))


def _run_diff(args: argparse.Namespace) -> int:
    from studio.cli import diff_cmd
    return diff_cmd.run(args.project, args.against, args.logs, args.json, sys.stdout, sys.stderr)


def _replay_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("logs", nargs="+", metavar="LOG", help=_("customer logs: .jsonl, .csv or .xlsx"))
    parser.add_argument("--project", default=str(SAMPLE_PROJECT),
                        help=_("the project folder (default: the sample project)"))
    parser.add_argument("--workers", type=int, metavar="N",
                        help=_("worker processes (default: the number of CPUs, 1 for logs under 2 MB); "
                               "with --scheduler, partitions (default: one per thread of the cluster)"))
    parser.add_argument("--json", action="store_true", help=_("print one JSON object"))
    parser.add_argument("--html", metavar="REPORT", help=_("also write a self-contained HTML report to REPORT"))
    parser.add_argument("--scheduler", metavar="ADDRESS",
                        help=_("run on the Dask cluster of this scheduler (pip install 'rule-studio[scale]')"))


def _run_replay(args: argparse.Namespace) -> int:
    from studio.cli import replay_cmd
    return replay_cmd.run(args.logs, args.project, args.workers, args.json, args.html, args.scheduler,
                          sys.stdout, sys.stderr)


def _knowledge_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", metavar="{export,import}", required=True)
    export = actions.add_parser("export", prog="rule-studio knowledge export",
                                help=_("write the knowledge to OUT (.csv, .xlsx, .json, .yaml)"))
    export.add_argument("project", nargs="?", default=str(SAMPLE_PROJECT),
                        help=_("the project folder (default: the sample project)"))
    export.add_argument("out", metavar="OUT", help=_("the file to write; its suffix names the format"))
    load = actions.add_parser("import", prog="rule-studio knowledge import",
                              help=_("replace the knowledge by IN's (.csv, .xlsx, .json, .yaml)"))
    load.add_argument("project", nargs="?", default=str(SAMPLE_PROJECT),
                      help=_("the project folder (default: the sample project)"))
    load.add_argument("input", metavar="IN", help=_("the file to read; every row is checked before anything "
                                                     "changes"))
    load.add_argument("--dry-run", action="store_true", help=_("print what would change, write nothing"))


def _run_knowledge(args: argparse.Namespace) -> int:
    from studio.cli import knowledge_cmd
    if args.action == "export":
        return knowledge_cmd.export(args.project, args.out, sys.stdout, sys.stderr)
    return knowledge_cmd.import_(args.project, args.input, args.dry_run, sys.stdout, sys.stderr)


# The one list of commands: a first word that is not one of these names a project folder to open.
COMMANDS: dict[str, Command] = {
    "check": Command(N_("parse and check a project"), _check_arguments, _run_check),
    "chat": Command(N_("talk to the assistant, one turn per stdin line"), _chat_arguments, _run_chat),
    "test": Command(N_("replay the conversation tests"), _test_arguments, _run_test),
    "explore": Command(N_("find a shortest conversation that fires each rule"), _explore_arguments, _run_explore),
    "replay": Command(N_("replay customer logs; count what the rules did and missed"), _replay_arguments, _run_replay,
                      takes_project=False),
    "diff": Command(N_("which conversations behave differently since a git revision or another folder"),
                    _diff_arguments, _run_diff),
    "knowledge": Command(N_("export the knowledge to CSV, Excel, JSON or YAML, or import it from one"),
                         _knowledge_arguments, _run_knowledge, takes_project=False),
}

# TRANSLATORS: the second line is indented to sit under the first after argparse's "usage: "; {commands}
# is the list of commands, kept as it is.
USAGE = N_("rule-studio [PROJECT] [Qt options]\n"
           "       rule-studio {commands} [PROJECT] [options]")

# Options that QApplication reads itself (Qt's QGuiApplication / QApplication documentation),
# handed to it untouched; those in the first set take a value (`-platform offscreen` or `-platform=offscreen`),
# and Qt takes each with two dashes too.
QT_OPTIONS_WITH_VALUE = frozenset({
    "-platform", "-platformpluginpath", "-platformtheme", "-plugin", "-qmljsdebugger", "-qwindowgeometry",
    "-qwindowicon", "-qwindowtitle", "-session", "-display", "-geometry", "-style", "-stylesheet",
})
QT_FLAGS = frozenset({"-reverse", "-widgetcount", "-nograb", "-dograb", "-sync"})


def top_level_parser() -> argparse.ArgumentParser:
    usage = _(USAGE).format(commands="{" + ",".join(COMMANDS) + "}")
    return argparse.ArgumentParser(prog="rule-studio", usage=usage, description=_(DESCRIPTION), epilog=_(EPILOG),
                                   formatter_class=argparse.RawDescriptionHelpFormatter)


def build_parser() -> tuple[argparse.ArgumentParser, dict[str, argparse.ArgumentParser]]:
    """The `rule-studio` parser and one sub-parser per command."""
    parser = top_level_parser()
    commands = parser.add_subparsers(dest="command", metavar="{" + ",".join(COMMANDS) + "}")
    parsers = {}
    for name, command in COMMANDS.items():
        sub = commands.add_parser(name, prog=f"rule-studio {name}", help=_(command.help),
                                  description=_(command.help))
        if command.takes_project:
            sub.add_argument("project", nargs="?", default=str(SAMPLE_PROJECT),
                             help=_("the project folder (default: the sample project)"))
        command.add_arguments(sub)
        parsers[name] = sub
    return parser, parsers


def use_utf8_streams() -> None:
    """UTF-8 in and out whatever the locale, and never a crash over text that is not valid Unicode.

    Bytes on stdin that are not UTF-8 become U+FFFD; a lone surrogate that reaches
    an output stream (a file name that is not UTF-8, say) is written as `\\udcff`.
    """
    if hasattr(sys.stdin, "reconfigure"):
        sys.stdin.reconfigure(encoding="utf-8", errors="replace")
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="backslashreplace")


def take_language(argv: list[str]) -> tuple[str | None, list[str]]:
    """(the value of `--lang X` / `--lang=X` wherever it is given, the other arguments).

    A global option, so that `rule-studio --lang zh check` and `rule-studio check --lang zh` agree."""
    rest, language = [], None
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--":
            rest.extend(argv[i:])
            break
        if arg == "--lang":
            if i + 1 >= len(argv):
                raise ValueError("")
            language = argv[i + 1]
            i += 2
            continue
        if arg.startswith("--lang="):
            language = arg.split("=", 1)[1]
        else:
            rest.append(arg)
        i += 1
    return language, rest


LANGUAGE_OPTION: dict[str, str | None] = {"value": None}
"""`--lang` as given, or None: the studio needs to know, because it beats the language saved in its Preferences."""


def choose_language(argv: list[str]) -> list[str]:
    """Sets the messages' language from `--lang`, else RULE_STUDIO_LANG, else the locale; the other arguments."""
    try:
        requested, argv = take_language(argv)
        i18n.set_language(i18n.resolve(requested))
        LANGUAGE_OPTION["value"] = requested
    except ValueError as error:
        top_level_parser().error(_("--lang takes zh or en, not {value!r}").format(value=str(error)))
    return argv


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    use_utf8_streams()
    speak_our_language()
    argv = choose_language(argv)
    if argv and (argv[0] in COMMANDS or argv[0] in ("-h", "--help")):
        parser, parsers = build_parser()
        args, extras = parser.parse_known_args(argv)
        if extras:   # reported with the usage of the command they were given to, in argparse's own words
            parsers[args.command].error(_("unrecognized arguments: %s") % " ".join(extras))
        try:
            return COMMANDS[args.command].run(args)
        except BrokenPipeError:   # `rule-studio chat --json | head`: the reader has gone, as a Unix tool ends
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())   # no second error at exit's flush
            return 1
    return open_studio(argv)


def split_qt_options(argv: list[str]) -> tuple[list[str], list[str]]:
    """(our arguments, the options meant for QApplication)."""
    ours, qt_args = [], []
    i = 0
    while i < len(argv):
        arg = argv[i]
        name = arg.split("=", 1)[0]
        if name.startswith("--"):   # Qt reads `--platform` as `-platform`
            name = name[1:]
        if name in QT_OPTIONS_WITH_VALUE:
            takes_next = "=" not in arg and i + 1 < len(argv)
            qt_args.extend(argv[i:i + 1 + takes_next])
            i += 1 + takes_next
            continue
        (qt_args if name in QT_FLAGS else ours).append(arg)
        i += 1
    return ours, qt_args


def open_studio(argv: list[str]) -> int:
    """`rule-studio [PROJECT] [Qt options]`: anything else is a mistake, told before Qt is even imported."""
    ours, qt_args = split_qt_options(argv)
    parser = top_level_parser()
    parser.add_argument("project", nargs="?", default=str(SAMPLE_PROJECT))
    args, extras = parser.parse_known_args(ours)
    if not Path(args.project).expanduser().is_dir():   # told first: `explain . --json` is about `explain`
        parser.error(_("unknown command or no such project folder: {project} (commands: {commands})").format(
            project=args.project, commands=", ".join(COMMANDS)))
    if extras:
        parser.error(_("unrecognized arguments: %s") % " ".join(extras))
    from studio.ui.app import run_studio   # Qt is imported only when the window is wanted
    return run_studio(args.project, qt_args, LANGUAGE_OPTION["value"])


if __name__ == "__main__":
    sys.exit(main())
