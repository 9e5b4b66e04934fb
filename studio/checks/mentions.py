"""W210 / I400: brands named in free text — `USER_MENTION_*` alternatives and lists in replies.

W210: an alternative of `USER_MENTION_ANY/ALL`, or an item of an inline list
in a `RESPOND` text ("苹果、华维、小米"), that is a near miss of a knowledge
brand (a typo: the rule never matches what users type, the reply names a
brand the shop does not have), or a known brand of another category than
the one the rule has chosen.

I400: a `RESPOND` that lists two or more brands of one category by hand. The
list goes stale as the knowledge changes; `SUGGEST_BRANDS` builds it from
the knowledge (and ranks it by the user's budget and scenario).

Free text is full of ordinary words that look like short brand names (水果
is one character from 苹果), so a word counts as a brand only where brands
are expected: an alternative is one by itself, but in a reply an item is
looked at only inside a list that also holds a known brand, or at least two
near misses. Words the knowledge uses for something else (a category, a
subtype, a series, a scenario) are never near misses of a brand, and a
Chinese character replaced by one that sounds different is another word,
not a typo (sound.py: 华维 is a near miss of 华为, 水果 is not one of 苹果).
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from studio.checks.catalog import BrandName, Catalog
from studio.checks.report import did_you_mean, report, suggest
from studio.checks.scope import Chosen
from studio.checks.sound import substitutions_sound_alike
from studio.checks.text import Piece, inline_lists
from studio.checks.view import LocatedAction, ProjectView
from studio.diagnostics import Diagnostic
from studio.dsl import ast
from studio.i18n import _

# What may surround a list in a reply that is nothing but the list: "苹果、华为、小米等。"
_LIST_DRESSING = re.compile(r"[\s、，,/和等。.!！~～…]*")
_DIGITS = re.compile(r"\d+")
_MAX_NAME_LENGTH = 24   # longer pieces are sentences, not names


@dataclass(frozen=True)
class _Known:
    piece: Piece
    name: BrandName


@dataclass(frozen=True)
class _NearMiss:
    piece: Piece
    suggestion: str


@dataclass(frozen=True)
class _Stranger:
    """The one item of a list of known brands that the knowledge does not have at all."""
    piece: Piece


# Items that say "and more" rather than name a brand: "其他品牌", "更多", "各大厂商".
_GENERIC = re.compile(r"品牌|其他|其它|更多|各种|各大|多款|厂商|之类|系列|型号|产品|等")
_MAX_STRANGER_LENGTH = 12


def mentioned_brands(view: ProjectView) -> Iterator[Diagnostic]:
    """Misspelt brands and brands of another category in alternatives and reply lists (W210)."""
    catalog = view.catalog
    for found in view.of(ast.UserMentionAny, ast.UserMentionAll):
        lit = found.node.text
        for text, start, end in lit.alternatives():
            judged = _judge(catalog, Piece(text, start, end))
            if judged is not None:
                yield from _w210(judged, lit, found.rule.chosen, catalog, found.file)
    for reply, lists in _reply_lists(view):
        for items in lists:
            for judged in items:
                yield from _w210(judged, reply.node.template, reply.chosen, catalog, reply.file)


def hard_coded_brand_lists(view: ProjectView) -> Iterator[Diagnostic]:
    """Replies that list two or more brands of one category by hand (I400)."""
    for reply, lists in _reply_lists(view):
        for items in lists:
            found = _i400(reply.node, items, reply.file)
            if found is not None:
                yield found


def _reply_lists(view: ProjectView) -> list[tuple[LocatedAction, list[list[_Known | _NearMiss]]]]:
    """Every `RESPOND` that holds brand lists, with them (shared by W210 and I400)."""
    def compute():
        found = []
        for reply in view.of(ast.Respond):
            lists = _brand_lists(view.catalog, reply.node.template.value)
            if lists:
                found.append((reply, lists))
        return found
    return view.memo("reply lists", compute)


def _w210(found: _Known | _NearMiss | _Stranger, lit: ast.StringLit, chosen: Chosen, catalog: Catalog,
          file: str) -> Iterator[Diagnostic]:
    if isinstance(found, _Stranger):
        span = lit.span_of(found.piece.start, found.piece.end)
        yield report("W210", _("'{name}' is not a brand in the knowledge, though the other items of this list are")
                     .format(name=found.piece.text), span, file)
    elif isinstance(found, _NearMiss):
        span = lit.span_of(found.piece.start, found.piece.end)
        yield did_you_mean("W210", _("'{name}' is not a brand in the knowledge").format(name=found.piece.text),
                           file, span, found.suggestion)
    elif (isinstance(found, _Known) and chosen.category in catalog.categories
          and chosen.category not in found.name.categories):
        span = lit.span_of(found.piece.start, found.piece.end)
        yield report("W210", _("'{name}' is a brand of {categories}, not of {category}").format(
            name=found.piece.text, categories="、".join(found.name.categories), category=chosen.category),
            span, file)


def _judge(catalog: Catalog, piece: Piece) -> _Known | _NearMiss | None:
    """Whether a piece of text is a brand, a near miss of one, or neither."""
    answer = catalog.remember(("judge", piece.text), lambda: _judge_text(catalog, piece.text))
    if isinstance(answer, BrandName):
        return _Known(piece, answer)
    return _NearMiss(piece, answer) if answer is not None else None


def _judge_text(catalog: Catalog, text: str) -> BrandName | str | None:
    """The brand `text` names, or the brand it is a near miss of (a str), or None."""
    known = catalog.mentioned_brand(text)
    if known is not None:
        return known
    if len(text) > _MAX_NAME_LENGTH or text in catalog.vocabulary:
        return None
    suggestion = catalog.brand_index.closest(text)
    if (suggestion is None or catalog.contains_brand(text)    # "苹果手" mentions 苹果: no typo
            or _DIGITS.findall(text) != _DIGITS.findall(suggestion)   # "X60" is another model than "X70"
            or not substitutions_sound_alike(text, suggestion)):     # 水果 is another word than 苹果
        return None
    return suggestion


def _brand_lists(catalog: Catalog, text: str) -> list[list[_Known | _NearMiss]]:
    """The inline lists of `text` that are lists of brands, as their brand-like items."""
    return catalog.remember(("lists", text), lambda: list(_find_brand_lists(catalog, text)))


def _find_brand_lists(catalog: Catalog, text: str) -> Iterator[list[_Known | _NearMiss | _Stranger]]:
    for items in inline_lists(text):
        judged = [(item, _judge_list_item(catalog, item, i == 0, i == len(items) - 1))
                  for i, item in enumerate(items)]
        found = [f for _, f in judged if f is not None]
        known = sum(isinstance(f, _Known) for f in found)
        if known or len(found) >= 2:
            yield sorted(found + _strangers(catalog, judged, known), key=lambda f: f.piece.start)


def _strangers(catalog: Catalog, judged: list[tuple[Piece, _Known | _NearMiss | None]],
               known: int) -> list[_Stranger]:
    """The one unknown item of a list whose other items, two or more, are all known brands.

    Not the first item: it may carry the words before the list ("我们有…"), which cannot be
    told from a name. The last item loses a trailing 等.
    """
    unknown = [(i, item) for i, (item, found) in enumerate(judged) if found is None]
    if len(unknown) != 1 or known < 2 or known != len(judged) - 1 or unknown[0][0] == 0:
        return []
    item = unknown[0][1]
    text = item.text.split("等", 1)[0].rstrip() if unknown[0][0] == len(judged) - 1 else item.text
    if (not text or len(text) > _MAX_STRANGER_LENGTH or _GENERIC.search(text) or text in catalog.vocabulary
            or catalog.contains_brand(text) or not any(c.isalpha() for c in text)):
        return []
    return [_Stranger(Piece(text, item.start, item.start + len(text)))]


def _judge_list_item(catalog: Catalog, item: Piece, first: bool, last: bool) -> _Known | _NearMiss | None:
    """The first item may be preceded by words ("品牌有苹果"), the last followed ("三星等")."""
    if last and "等" in item.text[1:]:
        cut = item.text.index("等", 1)
        item = Piece(item.text[:cut].rstrip(), item.start, item.start + len(item.text[:cut].rstrip()))
    found = _judge(catalog, item)
    if found is not None:
        return found
    text, longest = item.text, catalog.longest_brand_name
    if first:
        for k in range(max(1, len(text) - longest), len(text) - 1):    # longest suffix first
            if (known := catalog.mentioned_brand(text[k:])) is not None:
                return _Known(Piece(text[k:], item.start + k, item.end), known)
    if last:
        for k in range(min(len(text) - 1, longest), 1, -1):   # longest prefix first
            if (known := catalog.mentioned_brand(text[:k])) is not None:
                return _Known(Piece(text[:k], item.start, item.start + k), known)
    return None


def _i400(action: ast.Respond, items: list[_Known | _NearMiss], file: str) -> Diagnostic | None:
    by_category: dict[str, dict[str, _Known]] = {}
    for found in items:
        if isinstance(found, _Known):
            for category in found.name.categories:
                by_category.setdefault(category, {}).setdefault(found.name.brand, found)
    category, brands = max(by_category.items(), key=lambda kv: len(kv[1]), default=("", {}))
    if len(brands) < 2:
        return None
    listed = list(brands.values())
    lit = action.template
    span = lit.span_of(listed[0].piece.start, listed[-1].piece.end)
    message = _("hard-coded list of {category} brands ({brands}): SUGGEST_BRANDS keeps it in step with the "
                "knowledge").format(category=category, brands="、".join(k.piece.text for k in listed))
    if not _is_only_the_list(lit.value, items):
        return report("I400", message, span, file)
    return suggest("I400", message, span, file, "SUGGEST_BRANDS", action.span, "SUGGEST_BRANDS",
                   _("Replace the reply by SUGGEST_BRANDS"))


def _is_only_the_list(text: str, items: list[_Known | _NearMiss]) -> bool:
    """True when nothing but the brands (and separators, 等, end punctuation) is in `text`."""
    if not all(isinstance(f, _Known) for f in items):
        return False
    rest, last = [], 0
    for found in sorted(items, key=lambda f: f.piece.start):
        rest.append(text[last:found.piece.start])
        last = found.piece.end
    rest.append(text[last:])
    return all(_LIST_DRESSING.fullmatch(part) for part in rest)
