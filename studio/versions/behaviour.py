"""What a change does: replay the same conversations offline on two versions, find the first turn that differs.

The conversations come from both versions, so that a test that was deleted,
or a rule that only the old rules could reach, is still replayed: every
conversation test of either version (from its `start:` context), the
explorer's shortest conversation for every rule either version can reach,
and the conversations of the given logs. Each runs on a fresh context with the
real engine and no LLM, turn by turn on both versions at once; it stops at the
first turn whose reply, rule, intent, stage or product chain differ. A test
with `llm: auto` answers from the LLM cassette each version holds for it, when
it has one (docs/llm.md): offline still, and a request a version's cassette
lacks is a failed LLM call there.
"""
from __future__ import annotations

import json
import multiprocessing
import tempfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from studio.conversations.loader import load_test
from studio.conversations.model import ConversationTest, LoadError
from studio.conversations.runner import start_values
from studio.diagnostics import Severity
from studio.dsl.parser import parse
from studio.engine.assistant import Assistant, TurnResult
from studio.engine.context import ConversationContext
from studio.engine.rulebase import RuleBase
from studio.explore.search import explore_programs
from studio.i18n import N_, _
from studio.knowledge import Knowledge, load_knowledge
from studio.llm.cassette import Cassette, CassetteError, ReplayPort, cassette_path
from studio.project import Project, ProjectError
from studio.versions.logs import LogConversation
from studio.versions.sources import FileChange, Snapshot, VersionError, changed_files, write_snapshot

COMPARED = ("intent", "rule", "stage", "product_chain", "reply")   # the order a review lists them in
OPENING_TURN = -1   # `turn` of a difference in the assistant's opening turn, before the first message
SHOWN_PARSE_ERRORS = 5


# How a reader sees a conversation's source; `source` itself is a value the JSON keeps.
SOURCE_LABELS = {"test": N_("test:{name}"), "explore": N_("explore:{name}"), "log": N_("log:{name}")}


def source_label(source: str) -> str:
    """"test:x.yaml" as the reader's words for where the conversation comes from, then its name."""
    kind, colon, name = source.partition(":")
    return _(SOURCE_LABELS[kind]).format(name=name) if colon and kind in SOURCE_LABELS else source


@dataclass(frozen=True)
class Conversation:
    source: str                      # "test:FILE", "explore:RULE" or "log:FILE:ID"
    messages: tuple[str, ...]
    start: dict = field(default_factory=dict)   # `ConversationContext.from_dict` values
    cassette: str | None = None   # a test with `llm: auto`: its cassette, "conversations/x.cassette.json"

    def key(self) -> tuple:
        """Two conversations with the same start, messages and cassette behave alike: one replay is enough."""
        return self.messages, json.dumps(self.start, sort_keys=True, ensure_ascii=False, default=str), self.cassette


@dataclass
class Version:
    label: str
    snapshot: Snapshot
    programs: list
    knowledge: Knowledge
    tests: list[ConversationTest]
    assistant: Assistant
    cassettes: dict[str, Cassette] = field(default_factory=dict)   # by path, as `Conversation.cassette`

    def assistant_for(self, conversation: Conversation) -> Assistant:
        """The offline assistant, or one answering from this version's cassette of the conversation."""
        cassette = self.cassettes.get(conversation.cassette) if conversation.cassette else None
        if cassette is None:
            return self.assistant
        return Assistant(self.assistant.rulebase, self.knowledge, ReplayPort(cassette))

    def behaviour_inputs(self) -> tuple:
        """What the engine's behaviour depends on: the rule and knowledge files."""
        return tuple(sorted((rel, data) for rel, data in self.snapshot.files.items()
                            if not rel.startswith("conversations/")))


@dataclass(frozen=True)
class Change:
    source: str
    turn: int              # 0-based index of the first turn that differs; OPENING_TURN (-1): the opening
    old: TurnResult
    new: TurnResult
    messages: tuple[str, ...] = ()   # the conversation's messages and start: what a replay of it needs
    start: dict = field(default_factory=dict, compare=False)

    @property
    def differences(self) -> list[str]:
        """The compared fields that differ, in review order."""
        old, new = self.old.to_json(), self.new.to_json()
        return [key for key in COMPARED if old[key] != new[key]]

    def to_json(self) -> dict:
        return {"source": self.source, "turn": self.turn, "input": self.new.input,
                "old": self.old.to_json(), "new": self.new.to_json()}


@dataclass
class BehaviourDiff:
    against: str              # the old version, for people
    commit: str | None        # its commit id, when it is a git revision
    files: list[FileChange]
    changed: list[Change]
    unchanged: int


def load_version(root: Path, snapshot: Snapshot) -> Version:
    """Parse the version laid out in `root`; VersionError when a file of it does not parse."""
    try:
        project = Project.open(root)
        texts = project.read_rule_texts()
    except ProjectError as exc:
        raise VersionError(f"{snapshot.label}: {exc}") from exc
    problems: list[str] = []
    programs = []
    for rel in sorted(texts):
        result = parse(texts[rel], rel)
        programs.append(result.program)
        problems += [d.format_text() for d in result.diagnostics if d.severity is Severity.ERROR]
    knowledge, diagnostics, _documents = load_knowledge(project.knowledge_files, root=project.root)
    problems += [d.format_text() for d in diagnostics if d.code == "K100"]   # a file that cannot be read at all
    tests = []
    for path in project.conversation_files:
        loaded = load_test(path, project.relative(path))
        if isinstance(loaded, LoadError):
            problems.append(str(loaded))
        else:
            tests.append(loaded)
    cassettes = {}
    for rel, data in snapshot.cassettes.items():
        try:
            cassettes[rel] = Cassette.from_text(data.decode("utf-8"))
        except (UnicodeDecodeError, CassetteError) as exc:
            where = f"{rel}:{exc.line}:{exc.column}" if isinstance(exc, CassetteError) else rel
            problems.append(f"{where}: {exc}")
    if problems:
        shown = "\n  ".join(problems[:SHOWN_PARSE_ERRORS])
        hidden = len(problems) - SHOWN_PARSE_ERRORS
        more = "\n  " + _("... and {count} more").format(count=hidden) if hidden > 0 else ""
        # TRANSLATORS: {problems} are the first errors found, one a line.
        raise VersionError(_("{version} does not parse (see `rule-studio check`):\n  {problems}").format(
            version=snapshot.label, problems=shown) + more)
    assistant = Assistant(RuleBase.build(programs), knowledge)
    return Version(snapshot.label, snapshot, programs, knowledge, tests, assistant, cassettes)


def load_snapshot(snapshot: Snapshot, folder: Path | None = None) -> Version:
    """A version read from its folder on disk, or, for a git revision, from a private temporary copy."""
    if folder is not None:
        return load_version(folder, snapshot)
    with tempfile.TemporaryDirectory(prefix="rule-studio-diff-") as tmp:
        write_snapshot(snapshot, Path(tmp))
        return load_version(Path(tmp), snapshot)


def test_conversations(version: Version) -> list[Conversation]:
    return [Conversation(f"test:{Path(test.file).name}", tuple(turn.user for turn in test.turns),
                         start_values(test.start), cassette_of(test))
            for test in version.tests]


def cassette_of(test: ConversationTest) -> str | None:
    """Where a test with `llm: auto` keeps its recorded LLM answers, relative to the project."""
    return cassette_path(PurePosixPath(test.file)).as_posix() if test.llm == "auto" else None


def explored_rules(programs: list, knowledge: Knowledge) -> dict[str, tuple[str, ...] | None]:
    """The explorer's shortest conversation (fresh context) for every rule, None for one it cannot reach."""
    return explore_programs(programs, knowledge).rules


def as_conversations(rules: dict[str, tuple[str, ...] | None]) -> list[Conversation]:
    return [Conversation(f"explore:{rule}", tuple(messages)) for rule, messages in rules.items() if messages]


def explore_both(old: Version, new: Version) -> tuple[list[Conversation], list[Conversation]]:
    """The explorer's conversations of each version.

    Versions whose rules and knowledge are the same are explored once. Otherwise
    the two explorations, each seconds long on a real project, are independent:
    the old version is explored in a second process while this one explores the
    new. Should that process fail to start or to answer, the old version is
    explored here instead, which also reports any error of its own.
    """
    if old.behaviour_inputs() == new.behaviour_inputs():
        explored = as_conversations(explored_rules(new.programs, new.knowledge))
        return explored, explored
    old_rules = None
    try:
        # "spawn": a fresh interpreter, safe whatever threads this process runs (the studio's workers).
        with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
            future = pool.submit(explored_rules, old.programs, old.knowledge)
            new_rules = explored_rules(new.programs, new.knowledge)
            try:
                old_rules = future.result()
            except Exception:   # the process, not the exploration: redone below, where errors show
                old_rules = None
    except OSError:   # no process could be started at all
        new_rules = explored_rules(new.programs, new.knowledge)
    if old_rules is None:
        old_rules = explored_rules(old.programs, old.knowledge)
    return as_conversations(old_rules), as_conversations(new_rules)


def log_conversations(logs: list[LogConversation]) -> list[Conversation]:
    return [Conversation(f"log:{log.file}:{log.id}", log.messages) for log in logs if log.messages]


def unique(conversations: list[Conversation]) -> list[Conversation]:
    """The first of each set of conversations with the same start and messages."""
    seen: dict[tuple, Conversation] = {}
    for conversation in conversations:
        seen.setdefault(conversation.key(), conversation)
    return list(seen.values())


def conversations_of(old: Version, new: Version, logs: list[LogConversation] = ()) -> list[Conversation]:
    """Tests of the new then the old version, the explorer's of each, then the logs'."""
    explored_old, explored_new = explore_both(old, new)
    return unique(test_conversations(new) + test_conversations(old) + explored_new + explored_old
                  + log_conversations(list(logs)))


def first_difference(conversation: Conversation, old: Version, new: Version) -> Change | None:
    """Replay both versions side by side and stop at the first turn whose compared fields differ."""
    old_context = ConversationContext.from_dict(conversation.start)
    new_context = ConversationContext.from_dict(conversation.start)
    old_assistant, new_assistant = old.assistant_for(conversation), new.assistant_for(conversation)
    if not conversation.start and (old_assistant.rulebase.uses_opening or new_assistant.rulebase.uses_opening):
        # A fresh conversation starts with the assistant's opening turn, where a version has one.
        old_turn, new_turn = opening_turn(old_assistant, old_context), opening_turn(new_assistant, new_context)
        if differ(old_turn, new_turn):
            return Change(conversation.source, OPENING_TURN, old_turn, new_turn, conversation.messages,
                          dict(conversation.start))
    for index, message in enumerate(conversation.messages):
        old_turn = old_assistant.turn(old_context, message)
        new_turn = new_assistant.turn(new_context, message)
        if differ(old_turn, new_turn):
            return Change(conversation.source, index, old_turn, new_turn, conversation.messages,
                          dict(conversation.start))
    return None


def opening_turn(assistant: Assistant, context: ConversationContext) -> TurnResult:
    """The assistant's opening turn; a version without one says nothing (an opening with no rules,
    taken on a copy: its conversation goes on untouched)."""
    if assistant.rulebase.uses_opening:
        return assistant.opening(context)
    silent = Assistant(RuleBase.build([]), assistant.knowledge)
    return silent.opening(ConversationContext.from_dict(context.snapshot()))


def differ(old_turn: TurnResult, new_turn: TurnResult) -> bool:
    old_json, new_json = old_turn.to_json(), new_turn.to_json()
    return any(old_json[key] != new_json[key] for key in COMPARED)


def diff_versions(old: Version, new: Version, logs: list[LogConversation] = ()) -> BehaviourDiff:
    changed, unchanged = [], 0
    for conversation in conversations_of(old, new, logs):
        change = first_difference(conversation, old, new)
        if change is None:
            unchanged += 1
        else:
            changed.append(change)
    return BehaviourDiff(old.label, old.snapshot.commit, changed_files(old.snapshot, new.snapshot), changed,
                         unchanged)
