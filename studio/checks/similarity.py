"""Did-you-mean: the known name closest to a misspelt one.

Names are compared by characters (a Chinese character is one edit, so
`华维` is one substitution from `华为`) after case folding (so `lenvo` is one
edit from `Lenovo`, and `iphone 16` none from `iPhone 16`). The distance is
the optimal-string-alignment form of Damerau-Levenshtein: insert, delete,
substitute, swap two neighbours.

How far a near miss may be depends on the length of the known name, so that
short names do not attract every two-character word:

| known name | Chinese (any CJK character) | Latin |
|---|---|---|
| 1 character    | 0 | 0 |
| 2 characters   | 1 | 0 |
| 3–4 characters | 1 | 1 |
| 5 characters   | 2 | 1 |
| 6+ characters  | 2 | 2 |

(Two edits in a four-character Chinese name change half of it: that is
another word, not a typo.)

A `NameIndex` answers "closest known name" in roughly constant time per
query, whatever the number of names: it stores every known name under each
of its deletion variants (the SymSpell idea), so a query only looks up its
own few deletion variants instead of measuring its distance to every name.

A name has about n²/2 deletion variants, so only names of up to
`_INDEXED_LENGTH` characters are stored that way. Longer known names (rare:
no product name runs that long) are kept by length and compared directly,
with a distance that only looks at the cells within the limit of the
diagonal, so a long word costs work in proportion to its length. A word
longer than the longest known name plus the allowed edits is answered
without any work at all.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

_MAX_EDITS = 2
_INDEXED_LENGTH = 32    # names up to this long are stored under their deletion variants (≤ 529 each)
_MAX_CACHED = 100_000   # answers kept per index: a project's distinct words, with room to spare


def fold(text: str) -> str:
    """The form names are compared in: case-folded, inner whitespace kept."""
    return text.casefold()


def has_cjk(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" for ch in text)


def allowed_edits(name: str) -> int:
    """How many edits away from `name` a word may be and still be called a near miss."""
    n = len(name)
    if has_cjk(name):
        return 0 if n < 2 else 1 if n <= 4 else 2
    return 0 if n <= 2 else 1 if n <= 5 else 2


def distance(a: str, b: str, limit: int = _MAX_EDITS) -> int:
    """Optimal-string-alignment distance of `a` and `b`; any value above `limit` is returned as limit + 1.

    Only cells within `limit` of the diagonal are computed (any other one is
    above the limit anyway), so the work grows with the length, not its square.
    """
    n, m = len(a), len(b)
    over = limit + 1
    if abs(n - m) > limit:
        return over
    if a == b:
        return 0
    # Three rows reused in turn; a row is read only within one cell of its band, which is kept current.
    previous2 = [over] * (m + 2)
    previous = [j if j <= limit else over for j in range(m + 1)] + [over]
    current = [over] * (m + 2)
    for i in range(1, n + 1):
        low, high = max(1, i - limit), min(m, i + limit)
        current[low - 1] = i if low == 1 else over
        current[high + 1] = over
        ca = a[i - 1]
        for j in range(low, high + 1):
            cb = b[j - 1]
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb and previous2[j - 2] + 1 < value:
                value = previous2[j - 2] + 1
            current[j] = value
        if min(current[low - 1:high + 1]) > limit:
            return over
        previous2, previous, current = previous, current, previous2
    return min(previous[m], over)


def _deletions(word: str, edits: int) -> set[str]:
    """`word` with up to `edits` characters removed, in every way."""
    out = {word}
    layer = {word}
    for _ in range(edits):
        layer = {w[:i] + w[i + 1:] for w in layer for i in range(len(w))}
        out |= layer
    return out


class NameIndex:
    """Known names, answering exact look-ups and near-miss queries.

    Every name is kept as written; `closest` returns it as written, so a fix
    puts the knowledge's own spelling into the rule.
    """

    def __init__(self, names: Iterable[str]):
        self._written: dict[str, str] = {}      # folded -> first spelling seen
        self._order: dict[str, int] = {}        # folded -> rank, for stable ties
        self._ranked: list[str] = []             # rank -> folded
        self._by_deletion: dict[str, list[str]] = {}
        self._long_by_length: dict[int, list[str]] = {}   # names too long to store by deletions
        self._longest = 0
        for name in names:
            folded = fold(name)
            if not folded or folded in self._written:
                continue
            self._written[folded] = name
            self._order[folded] = len(self._ranked)
            self._ranked.append(folded)
            self._longest = max(self._longest, len(folded))
            if len(folded) > _INDEXED_LENGTH:
                self._long_by_length.setdefault(len(folded), []).append(folded)
                continue
            for variant in _deletions(folded, allowed_edits(name)):
                self._by_deletion.setdefault(variant, []).append(folded)
        self._cache: dict[str, str | None] = {}

    def closest(self, word: str) -> str | None:
        """The known name nearest to `word` within its allowed edits (a case-only
        difference counts as nearest of all), or None. Exact matches return themselves."""
        folded = fold(word.strip())
        if folded in self._cache:
            return self._cache[folded]
        found = self._search(folded)
        if len(self._cache) >= _MAX_CACHED:
            self._cache.clear()
        self._cache[folded] = found
        return found

    def _search(self, folded: str) -> str | None:
        if len(folded) < 2 or folded.isdigit():
            return None
        if folded in self._written:
            return self._written[folded]
        if len(folded) > self._longest + _MAX_EDITS:   # no known name is within reach
            return None
        best: tuple[int, int, int] | None = None
        for candidate in self._candidates(folded):
            limit = allowed_edits(self._written[candidate])
            edits = distance(folded, candidate, limit)
            if edits > limit:
                continue
            rank = (edits, abs(len(candidate) - len(folded)), self._order[candidate])
            if best is None or rank < best:
                best = rank
        if best is None:
            return None
        return self._written[self._ranked[best[2]]]

    def _candidates(self, folded: str) -> Iterator[str]:
        """Known names that may be within reach of `folded` (each checked by `distance` after)."""
        if len(folded) <= _INDEXED_LENGTH + _MAX_EDITS:   # so at most ~600 variants of its own
            for variant in _deletions(folded, _MAX_EDITS):
                yield from self._by_deletion.get(variant, ())
        if self._long_by_length and len(folded) > _INDEXED_LENGTH - _MAX_EDITS:
            for length in range(len(folded) - _MAX_EDITS, len(folded) + _MAX_EDITS + 1):
                yield from self._long_by_length.get(length, ())
