"""Text edits that put a rule's form back into its file, touching nothing outside the rule.

`rule_edit` replaces the text of one rule (its span: from `RULE` to its last
token) with a new rendering. The form has no place for comments, so a comment
inside the rule is kept this way:

- a comment line stays right above the line that followed it, and an
  end-of-line comment stays at the end of its line, when that line is still in
  the new text (same code, in the same order);
- otherwise the comment moves above the `RULE` line, in its original order,
  so no comment is ever lost.

Comments above and below the rule (and one at the end of its last line) are
outside the span and stay as they are. Blank lines inside a rule are dropped.

`insert_rule` adds a new rule among the rules of a file by priority, above the
comment lines that belong to the rule it goes before: in a file kept in
descending priority, before the first rule of lower priority (so it stays
sorted); in another, right above the `ALWAYS` fallback; never below the
fallback, where it could not fire. Offsets are Python string indices (code points), like spans.
"""
from __future__ import annotations

from dataclasses import dataclass

from studio.authoring.placement import fallback_of
from studio.dsl import ast


@dataclass(frozen=True)
class TextEdit:
    """Replace `text[start:end]` by `new_text`."""
    start: int
    end: int
    new_text: str

    def apply(self, text: str) -> str:
        return text[:self.start] + self.new_text + text[self.end:]

    @property
    def is_noop(self) -> bool:
        return self.start == self.end and not self.new_text


def rule_edit(file_text: str, start: int, end: int, rendered: str) -> TextEdit:
    """The smallest edit that turns the rule at `file_text[start:end]` into `rendered`, keeping its comments."""
    return replace_rule(file_text, start, end, rendered)[0]


def replace_rule(file_text: str, start: int, end: int, rendered: str) -> tuple[TextEdit, int, int]:
    """`rule_edit`, and where the rule's text runs once the edit is applied (comments moved above it are
    before that start)."""
    old = file_text[start:end]
    above, body = with_comments(old, rendered, _indent_before(file_text, start))
    return _trimmed(start, old, above + body), start + len(above), start + len(above) + len(body)


def with_comments(old: str, rendered: str, indent: str = "") -> tuple[str, str]:
    """`rendered` with the comments of the rule text `old` put back (see the module's docstring): the comment
    lines that go above the rule, and the rule's text with the comments that stay in it."""
    new_lines = rendered.split("\n")
    before: dict[int, list[str]] = {}
    trailing: dict[int, str] = {}
    above: list[str] = []
    search_from = 0
    for code, comment_lines, end_comment in _commented_lines(old):
        at = next((k for k in range(search_from, len(new_lines)) if new_lines[k].strip() == code), None)
        if at is None:
            above += [line.strip() for line in comment_lines] + ([end_comment.strip()] if end_comment else [])
            continue
        before.setdefault(at, []).extend(comment_lines)
        if end_comment:
            trailing[at] = end_comment
        search_from = at + 1
    out = []
    for k, line in enumerate(new_lines):
        out.extend(before.get(k, ()))
        out.append(line + trailing.get(k, ""))
    return "".join(comment + "\n" + indent for comment in above), "\n".join(out)


def _commented_lines(text: str):
    """(code of a line, comment lines just above it, its end-of-line comment) for each code line that has any."""
    pending: list[str] = []
    for line in text.split("\n"):
        code, comment = split_comment(line)
        if not code.strip():
            if comment:
                pending.append(line)
            continue
        if pending or comment:
            yield code.strip(), pending, line[len(code.rstrip()):] if comment else ""
        pending = []


def split_comment(line: str) -> tuple[str, str]:
    """A line's code and its `#` comment (a `#` inside a string is not one)."""
    in_string = escaped = False
    for i, ch in enumerate(line):
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch == "#":
            return line[:i], line[i:]
    return line, ""


def _indent_before(text: str, offset: int) -> str:
    line_start = text.rfind("\n", 0, offset) + 1
    lead = text[line_start:offset]
    return lead if not lead.strip() else ""


def _trimmed(start: int, old: str, new: str) -> TextEdit:
    """The edit reduced to the part that differs (the editor's cursor and undo then touch only that)."""
    prefix = 0
    limit = min(len(old), len(new))
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[len(old) - 1 - suffix] == new[len(new) - 1 - suffix]:
        suffix += 1
    return TextEdit(start + prefix, start + len(old) - suffix, new[prefix:len(new) - suffix])


# ---------------------------------------------------------------- new rules

def insert_rule(file_text: str, rules: tuple[ast.Rule, ...] | list[ast.Rule], rendered: str,
                priority: int) -> tuple[TextEdit, int]:
    """The edit that inserts the rule text `rendered` of the given priority among `rules` (those of the
    file), and the offset at which the rule's `RULE` starts once the edit is applied."""
    anchor = _anchor(list(rules), priority)
    if anchor is None:
        return _append(file_text, rendered)
    return _above(file_text, anchor, rendered)


def _anchor(rules: list[ast.Rule], priority: int) -> ast.Rule | None:
    """The rule to insert above (None: at the end of the file).

    In a file kept in descending priority, the first rule of lower priority, so that it stays sorted, but never
    below the fallback (its lowest `WHEN ALWAYS` rule) when the priority is not lower than the fallback's:
    there it could never fire. In any other file, right above that fallback; without one (or below it),
    after the last rule of at least that priority (rules of equal priority are tried in text order)."""
    fallback = fallback_of(rules)
    if fallback is not None and fallback.priority > priority:
        fallback = None
    if all(a.priority >= b.priority for a, b in zip(rules, rules[1:])):
        anchor = next((rule for rule in rules if rule.priority < priority), None)
        if fallback is not None and (anchor is None or anchor.span.start > fallback.span.start):
            return fallback
        return anchor
    if fallback is not None:
        return fallback
    last = max((i for i, rule in enumerate(rules) if rule.priority >= priority), default=-1)
    return rules[last + 1] if last + 1 < len(rules) else None


def insert_at(file_text: str, rules, offset: int, rendered: str) -> tuple[TextEdit, int]:
    """Insert at the cursor: above the rule holding `offset` (and the comment lines right above it), else at the
    start of the cursor's line; followed by a blank line. Returns the edit and where `RULE` starts after it."""
    inside = rule_at(rules, offset)
    if inside is not None:
        return _above(file_text, inside, rendered)
    at = file_text.rfind("\n", 0, offset) + 1
    return TextEdit(at, at, rendered + "\n\n"), at


def _above(file_text: str, rule: ast.Rule, rendered: str) -> tuple[TextEdit, int]:
    """Insert above `rule` and the comment lines right above it, a blank line between, none when `RULE`
    shares its line with other text."""
    at = _attached_comments_start(file_text, rule.span.start)
    gap = "\n" if file_text[file_text.rfind("\n", 0, at) + 1:at].strip() else "\n\n"
    return TextEdit(at, at, rendered + gap), at


def _append(file_text: str, rendered: str) -> tuple[TextEdit, int]:
    if not file_text.strip():
        lead = ""
    elif file_text.endswith("\n\n"):
        lead = ""
    elif file_text.endswith("\n"):
        lead = "\n"
    else:
        lead = "\n\n"
    end = len(file_text)
    return TextEdit(end, end, lead + rendered + "\n"), end + len(lead)


def _attached_comments_start(text: str, offset: int) -> int:
    """Start of the comment lines directly above the line at `offset` (no blank line between), else the line."""
    line_start = text.rfind("\n", 0, offset) + 1
    at = line_start
    while at > 0:
        prev_start = text.rfind("\n", 0, at - 1) + 1
        if not text[prev_start:at - 1].lstrip().startswith("#"):
            break
        at = prev_start
    return at if at < line_start else (line_start if not text[line_start:offset].strip() else offset)


def rule_at(rules, offset: int) -> ast.Rule | None:
    """The rule whose text holds `offset` (its span, ends included)."""
    return next((rule for rule in rules if rule.span.start <= offset <= rule.span.end), None)
