"""Reads conversation test files; a malformed one is a LoadError naming file and line, never a traceback."""
from __future__ import annotations

from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from studio.conversations.model import EXPECT_KEYS, ConversationTest, LoadError, TurnSpec


def load_test(path: Path, rel: str) -> ConversationTest | LoadError:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return LoadError(rel, 1, 1, f"cannot read the file: {exc}")
    return parse_test(text, rel, default_name=path.stem)


def parse_test(text: str, rel: str, default_name: str = "") -> ConversationTest | LoadError:
    try:
        data = YAML(typ="rt").load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return LoadError(rel, line, col, f"not valid YAML: {exc.problem or exc}")
    except YAMLError as exc:
        return LoadError(rel, 1, 1, f"not valid YAML: {exc}")
    try:
        return _build(data, rel, default_name)
    except _Invalid as exc:
        return LoadError(rel, exc.line, exc.column, exc.message)


class _Invalid(Exception):
    def __init__(self, message: str, node=None, key=None):
        super().__init__(message)
        self.message = message
        self.line, self.column = _position(node, key)


def _position(node, key=None) -> tuple[int, int]:
    lc = getattr(node, "lc", None)
    if lc is None:
        return 1, 1
    try:
        if key is not None:
            if isinstance(key, int):
                line, col = lc.item(key)
            else:
                line, col = lc.key(key)
            return line + 1, col + 1
    except (KeyError, IndexError, TypeError):
        pass
    return (lc.line or 0) + 1, (lc.col or 0) + 1


def _build(data, rel: str, default_name: str) -> ConversationTest:
    if not isinstance(data, dict):
        raise _Invalid("a conversation test is a mapping with `name` and `turns`", data)
    unknown = set(data) - {"name", "turns", "llm", "start"}
    if unknown:
        key = sorted(unknown, key=str)[0]
        raise _Invalid(f"unknown key {key!r}: expected name, turns, llm, start", data, key)
    llm = str(data.get("llm", "off"))
    if llm not in ("off", "auto"):
        raise _Invalid(f"llm must be off or auto, not {llm!r}", data, "llm")
    start = data.get("start") or {}
    if not isinstance(start, dict):
        raise _Invalid("start must be a mapping (stage, context)", data, "start")
    turns_node = data.get("turns")
    if not isinstance(turns_node, list) or not turns_node:
        raise _Invalid("`turns` must be a non-empty list", data, "turns" if "turns" in data else None)
    turns = tuple(_turn(turns_node, i) for i in range(len(turns_node)))
    return ConversationTest(str(data.get("name") or default_name), rel, turns, llm,
                            _plain(start), _position(data)[0])


def _turn(turns_node, index: int) -> TurnSpec:
    node = turns_node[index]
    line = _position(turns_node, index)[0]
    if not isinstance(node, dict) or "user" not in node:
        raise _Invalid(f"turn {index + 1} needs a `user:` message", turns_node, index)
    if not isinstance(node["user"], (str, int, float)):
        raise _Invalid(f"turn {index + 1}: `user` must be text", node, "user")
    extra = set(node) - {"user", "expect"}
    if extra:
        key = sorted(extra, key=str)[0]
        raise _Invalid(f"turn {index + 1}: unknown key {key!r} (expected user, expect)", node, key)
    expect = node.get("expect") or {}
    if not isinstance(expect, dict):
        raise _Invalid(f"turn {index + 1}: `expect` must be a mapping", node, "expect")
    for key in expect:
        if key not in EXPECT_KEYS:
            raise _Invalid(f"turn {index + 1}: unknown expectation {key!r}; known: " + ", ".join(EXPECT_KEYS),
                           expect, key)
    lines = {k: _position(expect, k)[0] for k in expect}
    return TurnSpec(str(node["user"]), _plain(expect), line, lines)


def _plain(value):
    """ruamel's round-trip containers as plain dicts/lists (for comparison and JSON)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value
