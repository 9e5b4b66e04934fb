"""Whether a near miss of a Chinese name sounds like it: what tells a typo from another word.

Chinese is typed through pinyin input methods, so a misspelt brand name is
almost always a homophone or near-homophone of the name: 华维 for 华为,
小咪 for 小米, 三腥 for 三星. 水果 is one character from 苹果 as well, but
sounds nothing like it: another word, not a typo.

Readings come from pypinyin (every reading of a polyphone counts) and are
compared without tones, with the sounds that speakers and fuzzy-pinyin input
methods confuse folded together: zh/z, ch/c, sh/s, n/l, and -ng/-n.
"""
from __future__ import annotations

import re
from functools import cache

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def substitutions_sound_alike(typed: str, known: str) -> bool:
    """Whether a cheapest edit of `known` into `typed` replaces Chinese characters only by ones that sound alike.

    Missing, extra or swapped characters and changes to non-Chinese
    characters are typos whatever they sound like; among the cheapest edits
    (optimal string alignment) the one with the fewest unlike-sounding
    replacements is taken.
    """
    # cost[i][j]: (edits, unlike-sounding replacements) turning known[:j] into typed[:i]
    cost = [[(i + j, 0) if not (i and j) else None for j in range(len(known) + 1)] for i in range(len(typed) + 1)]
    for i in range(1, len(typed) + 1):
        for j in range(1, len(known) + 1):
            a, b = typed[i - 1], known[j - 1]
            edits, unlike = cost[i - 1][j - 1]
            options = [(edits, unlike) if a == b else (edits + 1, unlike + (not _sound_alike(a, b))),
                       (cost[i - 1][j][0] + 1, cost[i - 1][j][1]),
                       (cost[i][j - 1][0] + 1, cost[i][j - 1][1])]
            if i > 1 and j > 1 and a == known[j - 2] and typed[i - 2] == b:
                options.append((cost[i - 2][j - 2][0] + 1, cost[i - 2][j - 2][1]))
            cost[i][j] = min(options)
    return cost[-1][-1][1] == 0


def _sound_alike(a: str, b: str) -> bool:
    return not (_HAN.match(a) and _HAN.match(b)) or bool(_readings(a) & _readings(b))


@cache
def _readings(char: str) -> frozenset[str]:
    from pypinyin import Style, pinyin   # a dictionary of ~40,000 characters: loaded on first use
    return frozenset(_fold(reading) for reading in pinyin(char, style=Style.NORMAL, heteronym=True)[0])


def _fold(reading: str) -> str:
    for retroflex in ("zh", "ch", "sh"):
        if reading.startswith(retroflex):
            reading = reading[0] + reading[2:]
            break
    if reading.startswith("n"):
        reading = "l" + reading[1:]
    if reading.endswith("ng") and len(reading) > 2:
        reading = reading[:-1]
    return reading
