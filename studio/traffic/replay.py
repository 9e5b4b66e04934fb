"""Replay customer logs through the offline engine and count what the rules did.

One fresh context per conversation; a conversation's turns run in file order,
even when its lines are interleaved with other conversations' lines.

Scale: the conversations are split into partitions by a stable hash of their
id. Each partition streams every log file itself and replays only its own
conversations, so a worker holds one line at a time, the contexts of its open
conversations and the counts, whatever the size of the log. A JSON line whose
id can be read from its bytes (`raw_partition_of`) is parsed only by its own
partition, which reports its errors; every partition parses the other lines,
and partition 0 reports theirs. Turns are taken with `quick_turn` (no trace:
nobody reads it here). Partitions run in-process (one), in worker processes
(`workers`), or on a Dask cluster (`scheduler`, see `dask_run`); the counts
are merged afterwards, and do not depend on how many partitions there were.

Bounds that keep memory flat:
- at most MAX_OPEN_CONVERSATIONS contexts per partition: the one unused
  longest is dropped; should its conversation come back, it is reported in the
  errors and goes on from a fresh context;
- unhandled messages are counted exactly up to MAX_DISTINCT_UNHANDLED distinct
  texts per partition; past that the rarest are dropped (the no-intent and
  fallback totals stay exact);
- the first MAX_ERRORS errors are kept.
"""
from __future__ import annotations

import hashlib
import os
import re
import zlib
from collections import Counter, OrderedDict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

from studio import i18n
from studio.dsl import ast
from studio.i18n import _
from studio.traffic.readers import LogError, LogMessage, read_log

MAX_OPEN_CONVERSATIONS = 20_000
MAX_DISTINCT_UNHANDLED = 50_000
MAX_ERRORS = 1_000
PROGRESS_EVERY = 500   # turns between two progress reports of a partition

Progress = Callable[[int], None]   # called with the turns replayed since the last call
Cancelled = Callable[[], bool]     # asked before each line of the logs: True stops the replay


class ReplayCancelled(Exception):
    """`cancelled()` said stop: the replay ended before the end of the logs."""


@dataclass
class ReplayCounts:
    turns: int = 0
    conversations: int = 0
    no_intent: int = 0
    fallback: int = 0
    empty_reply: int = 0
    by_intent: Counter = field(default_factory=Counter)   # intent name, "" for none -> turns
    by_rule: Counter = field(default_factory=Counter)     # rule name -> turns it answered (opening turns too)
    unhandled: Counter = field(default_factory=Counter)   # message -> turns with no intent or a fallback
    # message -> (conversation, file, line) of a turn where it was unhandled: the place to replay it from
    unhandled_at: dict[str, tuple[str, str, int]] = field(default_factory=dict)
    errors: list[LogError] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)        # every rule of the project, in file order
    fallback_rules: list[str] = field(default_factory=list)   # the rules whose condition is ALWAYS

    def merge(self, other: "ReplayCounts") -> None:
        for name in ("turns", "conversations", "no_intent", "fallback", "empty_reply"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.by_intent.update(other.by_intent)
        self.by_rule.update(other.by_rule)
        self.unhandled.update(other.unhandled)
        for text, where in other.unhandled_at.items():
            self.unhandled_at.setdefault(text, where)
        self.errors = self.errors + other.errors
        self.rules = self.rules or other.rules
        self.fallback_rules = self.fallback_rules or other.fallback_rules

    @property
    def never_fired(self) -> list[str]:
        return [name for name in self.rules if name not in self.by_rule]


def partition_of(conversation: str, partitions: int) -> int:
    """The partition of a conversation id: the same in every process and on every run."""
    return zlib.crc32(conversation.encode("utf-8", "surrogatepass")) % partitions


_RAW_CONVERSATION = re.compile(rb'"conversation"[ \t\r\n]*:[ \t\r\n]*"([^"\\]*)"')


def raw_partition_of(raw: bytes, partitions: int) -> int | None:
    """The partition of a JSON line's message, read from its bytes without parsing it; None when not sure.

    Sure only of the plain case: no backslash (so no escapes: every quote opens or closes a string)
    and one `"conversation` in the line (so no other id key, nested or repeated): then, if the line
    is a message, that key is its id and the quoted bytes after it are the id as written.
    """
    if b"\\" in raw or raw.count(b'"conversation') != 1 or (found := _RAW_CONVERSATION.search(raw)) is None:
        return None
    try:
        conversation = found.group(1).decode("utf-8")   # as the reader decodes it when these are UTF-8
    except UnicodeDecodeError:
        return None
    return partition_of(conversation.strip(), partitions)


class _LineClaims:
    """Which lines of one file a partition passes over unparsed (another partition's, by their raw id),
    and whether an error is this partition's to report."""

    def __init__(self, index: int, partitions: int):
        self.index, self.partitions = index, partitions
        self.claimed = 0   # the last line read as this partition's: its errors are reported here

    def skip(self, number: int, raw: bytes) -> bool:
        owner = raw_partition_of(raw, self.partitions)
        if owner == self.index:
            self.claimed = number
        return owner is not None and owner != self.index

    def reports(self, error: LogError) -> bool:
        return self.index == 0 or (error.line > 0 and error.line == self.claimed)


class _Engine:
    """The project's offline assistant and what a turn needs to know about its rules."""

    def __init__(self, project):
        from studio.engine.assistant import Assistant
        from studio.engine.rulebase import RuleBase
        from studio.project import Analysis, Project

        # An Analysis made already (the studio's, with its unsaved edits) is replayed as it is.
        analysis = project if isinstance(project, Analysis) else Project.open(project).analyze()
        rulebase = RuleBase.build(analysis.programs)
        self.assistant = Assistant(rulebase, analysis.knowledge)
        self.fallback_rules = frozenset(e.name for e in rulebase.rules if isinstance(e.rule.condition, ast.Always))
        in_files = sorted(rulebase.rules, key=lambda e: e.order)
        self.rules = list(dict.fromkeys(e.name for e in in_files))


class _Conversations:
    """The contexts of the open conversations of one partition, the least recently used dropped first."""

    def __init__(self, assistant, limit: int):
        self.assistant = assistant
        self.limit = limit
        self.open: OrderedDict[str, object] = OrderedDict()
        self.seen: set[bytes] = set()   # 8-byte digests: a conversation is counted once, in little memory

    def context_for(self, message: LogMessage, counts: ReplayCounts):
        context = self.open.get(message.conversation)
        if context is not None:
            self.open.move_to_end(message.conversation)
            return context
        digest = hashlib.blake2b(message.conversation.encode("utf-8", "surrogatepass"), digest_size=8).digest()
        if digest in self.seen:
            # TRANSLATORS: {conversation} is the id from the log, quoted; {limit} a number.
            text = _("conversation {conversation} comes back after more than {limit} other conversations: "
                     "replayed on from a fresh context")
            _add_error(counts, LogError(message.file, message.line,
                                        text.format(conversation=repr(message.conversation), limit=f"{self.limit:,}")))
        else:
            self.seen.add(digest)
            counts.conversations += 1
        context = self.open[message.conversation] = self.assistant.new_context()
        if self.assistant.rulebase.uses_opening:   # the assistant speaks first, as in `chat`: not a logged
            opened = self.assistant.quick_opening(context)   # turn, but its rule did answer (never "never fired")
            if opened.rule:
                counts.by_rule[opened.rule] += 1
        if len(self.open) > self.limit:
            self.open.popitem(last=False)
        return context


def _add_error(counts: ReplayCounts, error: LogError) -> None:
    if len(counts.errors) < MAX_ERRORS:
        counts.errors.append(error)


def _count_unhandled(counts: ReplayCounts, message: LogMessage) -> None:
    text = message.text
    counts.unhandled[text] += 1
    if text not in counts.unhandled_at:
        counts.unhandled_at[text] = (message.conversation, message.file, message.line)
    if len(counts.unhandled) > 2 * MAX_DISTINCT_UNHANDLED:
        counts.unhandled = Counter(dict(counts.unhandled.most_common(MAX_DISTINCT_UNHANDLED)))
        counts.unhandled_at = {text: counts.unhandled_at[text] for text in counts.unhandled}


def replay_partition(project, logs: Sequence[str], index: int = 0, partitions: int = 1,
                     progress: Progress | None = None, max_open: int = MAX_OPEN_CONVERSATIONS,
                     cancelled: Cancelled | None = None) -> ReplayCounts:
    """Replay the conversations of partition `index` of `partitions`. Each error of the files is
    reported by one partition: the one a line's raw id gives it to, else partition 0.

    `project` is a folder, or an `Analysis` already made. Raises `ReplayCancelled`
    as soon as `cancelled()` answers True (it is asked before every line).
    """
    engine = _Engine(project)
    counts = ReplayCounts(rules=engine.rules, fallback_rules=sorted(engine.fallback_rules))
    conversations = _Conversations(engine.assistant, max_open)
    since_report = 0
    for log in logs:
        claims = _LineClaims(index, partitions)
        for item in read_log(log, skip=claims.skip if partitions > 1 else None):
            if cancelled is not None and cancelled():
                raise ReplayCancelled()
            if isinstance(item, LogError):
                if claims.reports(item):
                    _add_error(counts, item)
                continue
            if partitions > 1 and claims.claimed != item.line and partition_of(item.conversation, partitions) != index:
                continue
            context = conversations.context_for(item, counts)
            result = engine.assistant.quick_turn(context, item.text)   # no trace: nobody reads it
            _count_turn(counts, result, item, engine.fallback_rules)
            since_report += 1
            if progress is not None and since_report >= PROGRESS_EVERY:
                progress(since_report)
                since_report = 0
    if progress is not None and since_report:
        progress(since_report)
    return counts


def _count_turn(counts: ReplayCounts, result, message: LogMessage, fallback_rules: frozenset[str]) -> None:
    counts.turns += 1
    counts.by_intent[result.intent or ""] += 1
    if result.rule is not None:
        counts.by_rule[result.rule] += 1
    fallback = result.rule is None or result.rule in fallback_rules
    counts.fallback += fallback
    counts.no_intent += result.intent is None
    counts.empty_reply += not result.reply
    if fallback or result.intent is None:
        _count_unhandled(counts, message)


# ------------------------------------------------------------ running the partitions

def default_workers() -> int:
    return os.cpu_count() or 1


def replay(project: str | Path, logs: Sequence[str | Path], workers: int = 1,
           progress: Progress | None = None, scheduler: str | None = None,
           scheduler_timeout_s: float = 30) -> ReplayCounts:
    """Every conversation of `logs` replayed on `project`, merged into one count.

    `workers` > 1 runs that many partitions in worker processes; `scheduler`
    (a Dask scheduler address) runs them on that cluster instead, `workers`
    partitions or, when 0, one per thread of the cluster.
    """
    project, logs = str(project), [str(log) for log in logs]
    if scheduler is not None:
        from studio.traffic.dask_run import replay_on_dask
        parts = replay_on_dask(scheduler, project, logs, workers, scheduler_timeout_s)
    elif workers <= 1:
        parts = [replay_partition(project, logs, 0, 1, progress)]
    else:
        parts = _replay_in_processes(project, logs, workers, progress)
    total = ReplayCounts()
    for part in parts:
        total.merge(part)
    order = {log: position for position, log in enumerate(logs)}
    total.errors = sorted(total.errors, key=lambda e: (order.get(e.file, len(order)), e.line))[:MAX_ERRORS]
    return total


def _replay_in_processes(project: str, logs: list[str], workers: int,
                         progress: Progress | None) -> list[ReplayCounts]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, wait, FIRST_COMPLETED
    from contextlib import nullcontext

    # spawn: a worker starts clean, whatever threads (a progress bar's) the caller runs
    context = multiprocessing.get_context("spawn")
    # the manager is one more process to start: only when someone follows the progress
    with (context.Manager() if progress is not None else nullcontext()) as manager, \
            ProcessPoolExecutor(workers, mp_context=context) as pool:
        queue = manager.Queue() if manager is not None else None
        futures = [pool.submit(_partition_job, project, logs, index, workers, queue, i18n.language())
                   for index in range(workers)]
        pending = set(futures)
        while pending:
            _, pending = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
            _drain(queue, progress)
        _drain(queue, progress)
        return [future.result() for future in futures]


def _partition_job(project: str, logs: list[str], index: int, partitions: int, queue,
                   language: str) -> ReplayCounts:
    i18n.set_language(language)   # a spawned worker chooses from its environment: the errors speak the caller's
    return replay_partition(project, logs, index, partitions, queue.put if queue is not None else None)


def _drain(queue, progress: Progress | None) -> None:
    if queue is None or progress is None:
        return
    while not queue.empty():
        progress(queue.get())
