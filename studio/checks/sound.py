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
    """False when `typed` replaces a Chinese character of `known` with one that sounds different.

    Only same-length names are compared position by position; a missing or
    doubled character, two swapped ones, or a non-Chinese change are typos
    whatever they sound like.
    """
    if len(typed) != len(known) or sorted(typed) == sorted(known):
        return True
    return all(a == b or not (_HAN.match(a) and _HAN.match(b)) or _readings(a) & _readings(b)
               for a, b in zip(typed, known))


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
