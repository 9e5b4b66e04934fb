"""The `ruledsl` Pygments lexer (docs/language.md), registered as a Pygments plugin.

Used by `pygmentize -l ruledsl` and by the studio's line-by-line highlighter.
Strings never cross lines, so every line ends in the `root` state; the
highlighter still resumes from the previous line's stack, as any RegexLexer
needs, and `get_tokens_unprocessed` returns the stack it ends in.
"""
from __future__ import annotations

from pygments.lexer import RegexLexer, bygroups, words
from pygments.token import (Comment, Error, Keyword, Name, Number, Operator, Punctuation,
                            String, Whitespace, _TokenType)

from studio.dsl.tokens import ACTIONS, CONDITIONS, DECLARATION_PARTS, OPERATORS, RULE_PARTS, TOP_LEVEL

IDENT = r"[^\W\d]\w*"
_BLANK = r"[^\S\n]+"   # whitespace that stays on the line

_DECLARATIONS = TOP_LEVEL + ("END",)
_PARTS = tuple(k for k in DECLARATION_PARTS if k != "END") + RULE_PARTS


class RuleDslLexer(RegexLexer):
    """Lexer for Rule Studio's rule DSL."""

    name = "Rule DSL"
    aliases = ["ruledsl", "rule-dsl"]
    filenames = ["*.dsl"]
    mimetypes = ["text/x-ruledsl"]

    tokens = {
        "root": [
            (r"\s+", Whitespace),
            (r"#.*", Comment.Single),
            (rf"(RULE)({_BLANK})({IDENT})", bygroups(Keyword.Declaration, Whitespace, Name.Class)),
            (rf"(INTENT)({_BLANK})({IDENT})", bygroups(Keyword.Declaration, Whitespace, Name.Constant)),
            (rf"(INTENT_IS)({_BLANK})({IDENT})", bygroups(Name.Builtin, Whitespace, Name.Constant)),
            (words(_DECLARATIONS, suffix=r"\b"), Keyword.Declaration),
            (words(_PARTS, suffix=r"\b"), Keyword),
            (words(OPERATORS, suffix=r"\b"), Operator.Word),
            (words(CONDITIONS, suffix=r"\b"), Name.Builtin),
            (words(ACTIONS, suffix=r"\b"), Name.Function),
            (IDENT, Name),
            (r"-?\d+", Number.Integer),
            # Enter the string state only when the string closes on this line.
            (r'"(?=(?:[^"\\\n]|\\.)*")', String.Double, "string"),
            (r'".*', Error),
            (r"[()]", Punctuation),
        ],
        "string": [
            (r'"', String.Double, "#pop"),
            (r'[^"\\{}|\n]+', String.Double),
            (r'\\[\\"n]', String.Escape),
            (r"\\.", Error),
            (r"\{\{|\}\}", String.Escape),
            (rf"\{{{IDENT}\}}", String.Interpol),
            (r"[{}]", String.Double),
            (r"\|", String.Delimiter),
        ],
    }

    def get_tokens_unprocessed(self, text: str, stack=("root",)):
        """RegexLexer's loop, but the generator returns the state stack it ends in.

        Pygments consumers ignore a generator's return value; the studio's
        highlighter keeps it to lex the next line from there.
        """
        pos = 0
        tokendefs = self._tokens
        statestack = list(stack)
        statetokens = tokendefs[statestack[-1]]
        end = len(text)
        while pos < end:
            for rexmatch, action, new_state in statetokens:
                m = rexmatch(text, pos)
                if m:
                    if type(action) is _TokenType:
                        yield pos, action, m.group()
                    else:
                        yield from action(self, m)
                    pos = m.end()
                    if new_state is not None:
                        _transition(statestack, new_state)
                        statetokens = tokendefs[statestack[-1]]
                    break
            else:
                if text[pos] == "\n":
                    statestack = ["root"]
                    statetokens = tokendefs["root"]
                    yield pos, Whitespace, "\n"
                else:
                    yield pos, Error, text[pos]
                pos += 1
        return tuple(statestack)


def _transition(statestack: list[str], new_state) -> None:
    """Apply a compiled RegexLexer state change (tuple of names/#pop/#push, or an int pop)."""
    if isinstance(new_state, tuple):
        for state in new_state:
            if state == "#pop":
                if len(statestack) > 1:
                    statestack.pop()
            elif state == "#push":
                statestack.append(statestack[-1])
            else:
                statestack.append(state)
    elif isinstance(new_state, int):
        del statestack[max(len(statestack) + new_state, 1):]   # keep at least one state
    else:  # "#push"
        statestack.append(statestack[-1])
