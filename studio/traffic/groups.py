"""Group the messages that the rules left unhandled by similarity, largest group first.

A message becomes a set of salient words: NFKC-normalised and lower-cased,
segmented with jieba (Chinese has no spaces between words), with punctuation,
digits-only tokens and a short list of function and question words (的, 了,
吗, 我, 怎么, 可以, ...) left out. Two messages are alike when their word sets
have a Jaccard similarity of at least SIMILARITY, or are equal once
normalised; groups are the connected components of "alike" (single link),
kept in a union-find.

Near-linear: a message with the same salient words as an earlier one joins it
uncompared; the others find candidates in an inverted index word -> messages
and are compared with at most MAX_CANDIDATES_PER_WORD messages per word (the
most frequent ones, which were indexed first). A word shared by
thousands of messages is then no longer compared against all of them; such
a word is too common to say what a message is about anyway.
"""
from __future__ import annotations

import logging
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

SIMILARITY = 0.5
MAX_CANDIDATES_PER_WORD = 200
DEFAULT_GROUPS = 50
DEFAULT_EXAMPLES = 5

FUNCTION_WORDS = frozenset(
    "的 了 吗 呢 吧 啊 呀 哦 嗯 么 嘛 哈 啦 喔 我 你 您 他 她 它 我们 你们 这 那 这个 那个 就 都 也 还 "
    "和 跟 与 或 在 是 有 个 一个 一下 请问 请 麻烦 能 要 会 想 可以 怎么 怎样 如何 什么 才 才能 "
    "a an the is are to of and or i you it can do".split())
_WORD = re.compile(r"\w", re.UNICODE)


@dataclass(frozen=True)
class Group:
    text: str               # the group's most frequent message
    count: int              # turns, all its messages together
    examples: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "count": self.count, "examples": list(self.examples)}


@lru_cache(maxsize=1)
def _segmenter():
    import jieba

    jieba.setLogLevel(logging.WARNING)   # it logs the building of its dictionary on first use
    return jieba


def normalise(message: str) -> str:
    """Full-width forms folded (ＡＢＣ -> abc, ？ -> ?), lower case, runs of space as one."""
    return " ".join(unicodedata.normalize("NFKC", message).lower().split())


def salient_words(message: str) -> frozenset[str]:
    words = set()
    for token in _segmenter().lcut(normalise(message)):
        token = token.strip()
        if not token or not _WORD.search(token) or token.isdigit() or token in FUNCTION_WORDS:
            continue
        words.add(token)
    return frozenset(words)


class _UnionFind:
    def __init__(self, size: int):
        self.parent = list(range(size))

    def find(self, item: int) -> int:
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:   # the smaller index stays the root: the most frequent message heads its group
            self.parent[max(ra, rb)] = min(ra, rb)


def group_messages(counts: Counter | dict[str, int], limit: int = DEFAULT_GROUPS,
                   examples: int = DEFAULT_EXAMPLES) -> list[Group]:
    """The largest `limit` groups of `counts` (message -> turns), each with up to `examples` messages."""
    # Most frequent first, then by text: the order, and so the groups, do not depend on the input's order.
    messages = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    words = [salient_words(text) for text, _ in messages]
    keys = [normalise(text) for text, _ in messages]
    groups = _UnionFind(len(messages))
    by_word: dict[str, list[int]] = {}
    by_key: dict[str, int] = {}
    by_words: dict[frozenset[str], int] = {}
    for index, mine in enumerate(words):
        # A message equal to an earlier one once normalised, or with the same salient words, joins
        # it: whatever is alike to one is alike to the other, so only the first is compared and indexed.
        same = by_key.setdefault(keys[index], index)
        if same == index and mine:
            same = by_words.setdefault(mine, index)
        if same != index:
            groups.union(same, index)
            continue
        compared: set[int] = set()
        for word in mine:
            for other in by_word.get(word, ()):
                if other not in compared:
                    compared.add(other)
                    if groups.find(other) != groups.find(index) and jaccard(mine, words[other]) >= SIMILARITY:
                        groups.union(other, index)
            postings = by_word.setdefault(word, [])
            if len(postings) < MAX_CANDIDATES_PER_WORD:
                postings.append(index)
    members: dict[int, list[int]] = {}
    for index in range(len(messages)):
        members.setdefault(groups.find(index), []).append(index)
    result = [Group(messages[root][0], sum(messages[i][1] for i in indices),
                    tuple(messages[i][0] for i in indices[:examples]))
              for root, indices in members.items()]
    result.sort(key=lambda g: (-g.count, g.text))
    return result[:limit]


def jaccard(a: frozenset[str] | set[str], b: frozenset[str] | set[str]) -> float:
    shared = len(a & b)
    together = len(a) + len(b) - shared
    return shared / together if together else 0.0
