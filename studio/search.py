"""Find in Files: every line of a project's rules, knowledge files and conversation tests that matches.

Plain text, case-insensitive by default; `case_sensitive` and `regex` as asked.
The search is bounded: it stops at `limit` hits and says so (`truncated`), so a
one-letter query over a large project costs a bounded amount of work and a
results list that can still be read. Text given in `buffers` (the studio's open
editors, unsaved edits included) is searched instead of the file on disk.

It returns data only; the window words it (a bad pattern, a file not read).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from studio.files import read_project_text, reason_of
from studio.project import Project

DEFAULT_LIMIT = 2000
MAX_LINE_PREVIEW = 240   # characters of a long line shown around its match


@dataclass(frozen=True)
class Hit:
    file: str      # relative to the project root, e.g. "rules/shop.dsl"
    line: int      # 1-based
    column: int    # 1-based, in characters (code points)
    length: int    # of the match, in characters
    text: str      # the line (cut around the match when long); `preview_column` is the match in it
    preview_column: int


@dataclass
class SearchResult:
    hits: list[Hit] = field(default_factory=list)
    truncated: bool = False          # stopped at the limit: there are more
    files_searched: int = 0
    unreadable: list[tuple[str, str]] = field(default_factory=list)   # (file, reason)
    pattern_error: str | None = None  # the regular expression does not compile: why

    def files(self) -> list[str]:
        """The files with hits, in the order searched."""
        return list(dict.fromkeys(hit.file for hit in self.hits))


def searchable_files(project: Project) -> list[str]:
    """The project files Find in Files looks in: rules, then knowledge, then conversation tests."""
    paths = [*project.rule_files, *project.knowledge_files, *project.conversation_files]
    return [project.relative(path) for path in paths]


def compile_query(query: str, case_sensitive: bool = False, regex: bool = False) -> re.Pattern:
    """The query as a pattern; raises `re.error` for a regular expression that does not compile."""
    flags = 0 if case_sensitive else re.IGNORECASE
    return re.compile(query if regex else re.escape(query), flags)


def search_project(project: Project, query: str, *, case_sensitive: bool = False, regex: bool = False,
                   buffers: dict[str, str] | None = None, limit: int = DEFAULT_LIMIT) -> SearchResult:
    """Every match of `query` in the project's files (see the module's docstring)."""
    result = SearchResult()
    if not query:
        return result
    try:
        pattern = compile_query(query, case_sensitive, regex)
    except re.error as exc:
        result.pattern_error = str(exc)
        return result
    buffers = buffers or {}
    on_disk = searchable_files(project)
    extra = sorted(set(buffers) - set(on_disk))   # a new file open in a tab, not yet on disk
    for rel in [*on_disk, *extra]:
        text = buffers.get(rel)
        if text is None:
            try:
                text = read_project_text(project.root / rel, errors="replace")
            except OSError as exc:
                result.unreadable.append((rel, reason_of(exc)))
                continue
        result.files_searched += 1
        if _search_text(rel, text, pattern, result, limit):
            result.truncated = True
            break
    return result


def _search_text(rel: str, text: str, pattern: re.Pattern, result: SearchResult, limit: int) -> bool:
    """Add the hits of one file; True when the limit was reached with more to find."""
    hits = result.hits
    for number, line in enumerate(text.split("\n"), start=1):
        for match in pattern.finditer(line):
            if match.start() == match.end():
                continue   # an empty match (`^`, `x*`) marks no text
            if len(hits) >= limit:
                return True
            text, preview_column = _preview(line, match.start(), match.end())
            hits.append(Hit(rel, number, match.start() + 1, match.end() - match.start(), text, preview_column))
    return False


def _preview(line: str, start: int, end: int) -> tuple[str, int]:
    """The line to show (a long one cut around the match, marked with …), and the match's 1-based column in it."""
    stripped = line.lstrip()
    indent = len(line) - len(stripped)
    if len(stripped) <= MAX_LINE_PREVIEW:
        return stripped, start - indent + 1
    left = max(indent, start - MAX_LINE_PREVIEW // 3)
    right = min(len(line), max(end, left + MAX_LINE_PREVIEW))
    prefix = "…" if left > indent else ""
    return prefix + line[left:right] + ("…" if right < len(line) else ""), start - left + 1 + len(prefix)
