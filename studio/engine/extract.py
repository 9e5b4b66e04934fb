"""Budget and usage-scenario extraction from a user's (Chinese) message.

A budget is a `Budget(low, high)` in yuan; `low` 0 means "up to", `high`
None means "from ... up". Phrases and what they give:

| phrase                                 | budget            |
|----------------------------------------|-------------------|
| 3000到5000, 3000-5000, 三千至五千, 三到五千 | 3000-5000         |
| 五千以内, 5000以下, 不超过5000, 最多5k     | 0-5000            |
| 5000以上, 至少五千, 不低于5000            | 5000-None         |
| 两千多, 2500多                          | 2000-3000, 2500-2600 (up to the next unit of the last digit) |
| 4000左右, 预算一万, 大概1.5万, 5000块, 1.5万 | around: ±1/8, rounded to 100 (500 from 4000 up): 3500-4500 |

Numbers may be Arabic (5000, 1.5万, 1万5, 5k, 1w) or Chinese (五千, 一万五,
两千, 三千五). A number glued to Latin letters ("Y9000P") is a model name,
not money; so is "4800万像素" (a unit-bearing number followed by what it
counts); amounts under 100 yuan are ignored.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from studio.knowledge.model import Knowledge

MIN_AMOUNT = 100


@dataclass(frozen=True)
class Budget:
    """A price band in yuan; renders as "3000-5000元", "5000元以内", "5000元以上"."""
    low: int
    high: int | None

    def __str__(self) -> str:
        if self.high is None:
            return f"{self.low}元以上"
        if self.low == 0:
            return f"{self.high}元以内"
        return f"{self.low}-{self.high}元"

    def to_json(self) -> list[int | None]:
        return [self.low, self.high]

    @staticmethod
    def from_json(value: object) -> "Budget | None":
        """From `[low, high]` (as `to_json` writes) or a phrase such as "3000-5000元"."""
        if isinstance(value, Budget):
            return value
        if isinstance(value, (list, tuple)) and len(value) == 2:
            low, high = value
            return Budget(int(low or 0), None if high is None else int(high))
        if isinstance(value, str):
            return extract_budget(value)
        return None

    def overlaps(self, price_range: tuple[int, int]) -> bool:
        low, high = price_range
        return high >= self.low and (self.high is None or low <= self.high)


@dataclass(frozen=True)
class _Amount:
    value: int
    unit: int   # the unit written last ("千" → 1000), 1 when none: "三到五千" scales the 三


_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
           "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_ARABIC_UNITS = {"万": 10000, "w": 10000, "千": 1000, "k": 1000, "百": 100}

_ARABIC = r"(?<![A-Za-z\d.])\d+(?:\.\d+)?(?:\s*(?:万|千|百|[kKwW](?![A-Za-z]))\d*)?(?![A-Za-z\d.])"
_NUMERAL = "零〇一二两三四五六七八九十百千万"
_CHINESE = rf"[{_NUMERAL}]+"
# Every pattern starts a number only where a run of numerals starts: what
# follows a number is never a numeral, so a start inside the run could only
# match where the run's own start already did, and trying each one made a
# long run of numerals quadratic.
_NUM = rf"(?:{_ARABIC}|(?<![{_NUMERAL}]){_CHINESE})"
_YUAN = r"(?:元|块钱|块|rmb|RMB)?"
# A bare "1.5万" / "三千" is money in a shopping chat, unless it counts something else.
_WITH_UNIT = (r"(?:(?<![A-Za-z\d.])\d+(?:\.\d+)?\s*(?:万|千|[kKwW](?![A-Za-z]))\d*(?![A-Za-z\d.])"
              # The whole run, when it holds a 千 or 万; a lookahead (never backtracked into) finds
              # the unit, or each 千 would be tried again when a counted thing follows.
              rf"|(?<![{_NUMERAL}])(?=[{_NUMERAL}]*[千万])[{_NUMERAL}]+(?![{_NUMERAL}]))"
              r"(?!\s*(?:像素|毫安|mAh|人|次|年|公里|小时|分钟|台|个|部|条|张|字))")

_RANGE = re.compile(rf"(?P<a>{_NUM}){_YUAN}\s*(?:到|至|-|~|～|—|－)\s*(?P<b>{_NUM})")
_UP_TO = re.compile(rf"(?:不超过|不要超过|别超过|不高于|最多|(?<!不)低于|不到)\s*(?P<a>{_NUM})"
                    rf"|(?P<b>{_NUM}){_YUAN}\s*(?:以内|以下|之内|内)")
_FROM = re.compile(rf"(?:至少|不低于|起码|高于)\s*(?P<a>{_NUM})|(?P<b>{_NUM}){_YUAN}\s*(?:以上|起)")
_MORE = re.compile(rf"(?P<a>{_NUM})多")
_AROUND = re.compile(rf"(?P<a>{_NUM}){_YUAN}\s*(?:左右|上下|附近)"
                     rf"|(?:预算|大概|大约|差不多|价位|价格在|花)\s*(?:(?:是|在|为|有)\s*)?(?P<b>{_NUM})"
                     rf"|(?P<c>{_NUM})\s*(?:元|块钱|块)"
                     rf"|(?P<d>{_WITH_UNIT})")


def _chinese_amount(text: str) -> _Amount:
    total = section = digit = 0
    last_unit = 1
    for char in text:
        if char in _DIGITS:
            digit = _DIGITS[char]
        elif char in _SMALL_UNITS:
            last_unit = _SMALL_UNITS[char]
            section += (digit or (1 if last_unit == 10 else 0)) * last_unit
            digit = 0
        else:  # 万
            total += (section + digit) * 10000
            section = digit = 0
            last_unit = 10000
    if len(text) > 1 and text[-1] in _DIGITS and text[-2] in "十百千万":
        digit *= last_unit // 10   # "三千五" is 3500, "一万五" is 15000
    return _Amount(total + section + digit, last_unit)


def _arabic_amount(text: str) -> _Amount:
    match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([万千百kKwW])?(\d*)", text)
    assert match, text
    number, unit_char, tail = match.groups()
    unit = _ARABIC_UNITS[unit_char.lower()] if unit_char else 1
    value = float(number) * unit
    if tail:
        value += int(tail) * (unit // 10) if len(tail) == 1 else int(tail)  # "1万5" is 15000
    return _Amount(round(value), unit)


def parse_amount(text: str) -> int | None:
    """The value of one number written in Arabic or Chinese ("1.5万", "三千五"), or None."""
    text = text.strip()
    if re.fullmatch(_CHINESE, text):
        return _chinese_amount(text).value
    if re.fullmatch(r"\d+(?:\.\d+)?\s*(?:[万千百kKwW])?\d*", text):
        return _arabic_amount(text).value
    return None


def _amount(text: str) -> _Amount:
    return _chinese_amount(text) if re.fullmatch(_CHINESE, text) else _arabic_amount(text)


def _group(match: re.Match) -> _Amount:
    return _amount(next(g for g in match.groups() if g))


def _step_above(value: int) -> int:
    """The unit of the last non-zero digit: 2000 → 1000, 2500 → 100."""
    unit = 1
    while value and value % (unit * 10) == 0:
        unit *= 10
    return unit


def _around(value: int) -> Budget:
    step = 500 if value >= 4000 else 100
    delta = max(step, round(value / 8 / step) * step)
    return Budget(max(0, value - delta), value + delta)


def _plausible(budget: Budget) -> Budget | None:
    highest = budget.high if budget.high is not None else budget.low
    return budget if highest >= MIN_AMOUNT and (budget.high is None or budget.low <= budget.high) else None


def extract_budget(message: str) -> Budget | None:
    """The budget a message states, or None; the most specific phrase wins (see the table above)."""
    if match := _RANGE.search(message):
        a, b = _amount(match["a"]), _amount(match["b"])
        low = a.value * b.unit if a.unit == 1 and b.unit > 1 and a.value * b.unit <= b.value else a.value
        if budget := _plausible(Budget(min(low, b.value), max(low, b.value))):
            return budget
    if match := _UP_TO.search(message):
        if budget := _plausible(Budget(0, _group(match).value)):
            return budget
    if match := _FROM.search(message):
        if budget := _plausible(Budget(_group(match).value, None)):
            return budget
    if match := _MORE.search(message):
        value = _group(match).value
        if budget := _plausible(Budget(value, value + _step_above(value))):
            return budget
    if match := _AROUND.search(message):
        value = _group(match).value
        if value >= MIN_AMOUNT:
            return _around(value)
    return None


def extract_scenario(message: str, knowledge: "Knowledge", category: str | None = None) -> str | None:
    """The usage scenario (a word that the knowledge lists) the message mentions, or None.

    Looked up inside `category` first, then anywhere: a customer who says 游戏
    before choosing a category still means it.
    """
    mention = knowledge.find_mention(message, "scenario", category=category)
    if mention is None and category is not None:
        mention = knowledge.find_mention(message, "scenario")
    return mention.name if mention else None
