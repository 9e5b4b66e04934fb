"""Recursive-descent parser for rule files (docs/language.md), with panic-mode recovery.

Grammar (newlines are whitespace):

    file      := item*
    item      := intent | persona | stage | rule
    intent    := INTENT ident string? (KEYWORDS string (IN_STAGE string)? | EXAMPLES string+)*
    persona   := PERSONA (ident string)* END
    stage     := SALES_STAGE number string string?
    rule      := RULE ident (PRIORITY number)? WHEN expr THEN action+
    expr      := and (OR and)*
    and       := unary (AND unary)*
    unary     := NOT unary | "(" expr ")" | condition

On an error the parser records an E100 and skips to the next top-level
keyword. A rule cut short is still returned (with `complete=False`) so the
outline and completion keep working on a half-typed file.

A condition nested deeper than `MAX_NESTING`, a number of more than
`MAX_DIGITS` digits and the errors past `MAX_SYNTAX_ERRORS` are refused the
same way (`studio/dsl/limits.py`), so that no later phase meets them.
"""
from __future__ import annotations

import difflib
import gc
from contextlib import contextmanager
from dataclasses import dataclass

from studio.diagnostics import Diagnostic, Fix, Severity, Span
from studio.dsl import ast
from studio.dsl.lexer import tokenize
from studio.dsl.limits import MAX_DIGITS, MAX_NESTING, MAX_SYNTAX_ERRORS, SyntaxErrors, first_errors
from studio.dsl.tokens import ACTIONS, CONDITIONS, TOP_LEVEL, Kind, Token
from studio.i18n import _


@dataclass(frozen=True)
class ParseResult:
    program: ast.Program
    diagnostics: tuple[Diagnostic, ...]


def parse(text: str, file: str = "") -> ParseResult:
    """Parse one rule file; never raises for any input text."""
    with gc_paused():
        tokens, lex_errors = tokenize(text)
        parser = _Parser(tokens, file)
        program = parser.program()
    diagnostics = first_errors(lex_errors, parser.errors)
    return ParseResult(program, tuple(d.in_file(file) for d in diagnostics))


@contextmanager
def gc_paused():
    """Parsing makes a token and a few nodes per word, none of them cyclic; the cyclic
    collector would otherwise rescan the growing tree many times (a third of the time
    on a 50,000-line file)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class _Abort(Exception):
    """Unwinds to the enclosing item after an error has been recorded."""


def _describe(tok: Token) -> str:
    """What was found instead, as the `{found}` of the messages below."""
    if tok.kind is Kind.EOF:
        return _("end of file")
    if tok.kind is Kind.STRING:
        return _("a string")
    if tok.kind is Kind.NUMBER:
        return _("number {number}").format(number=tok.text)
    return repr(tok.text)


def _with_hint(message: str, hint: str | None) -> str:
    """`message`, followed by the did-you-mean when there is one."""
    if not hint:
        return message
    # TRANSLATORS: {message} is a whole syntax error message, {hint} the keyword or slot it probably meant.
    return _("{message} (did you mean {hint}?)").format(message=message, hint=hint)


def _did_you_mean(word: str, choices) -> str | None:
    """The closest choice, compared case-insensitively (keywords are upper case, slots lower)."""
    by_lower = {c.lower(): c for c in choices}
    close = difflib.get_close_matches(word.lower(), list(by_lower), n=1, cutoff=0.6)
    return by_lower[close[0]] if close else None


class _Parser:
    def __init__(self, tokens: list[Token], file: str):
        self.tokens = tokens
        self.i = 0
        self.file = file
        self.errors = SyntaxErrors()
        self.nesting = 0   # parentheses and NOTs open around the current condition

    # ------------------------------------------------------------ token helpers

    @property
    def tok(self) -> Token:
        return self.tokens[self.i]

    def advance(self) -> Token:
        tok = self.tokens[self.i]
        if tok.kind is not Kind.EOF:
            self.i += 1
        return tok

    def at_keyword(self, *words: str) -> bool:
        return self.tok.kind is Kind.KEYWORD and self.tok.text in words

    def previous_end(self, start: Span) -> Span:
        """Span from `start` to the end of the last consumed token."""
        last = self.tokens[self.i - 1] if self.i > 0 else self.tok
        return start.cover(last.span) if last.span.end >= start.start else start

    def error(self, message: str, span: Span | None = None, suggestion: str | None = None,
              replace_span: Span | None = None):
        span = span or self.tok.span
        if span.start == span.end and self.tok.kind is Kind.EOF and self.i > 0:
            span = self.tokens[self.i - 1].span  # point at the last real token, not past the file
        fixes = ()
        if suggestion is not None:
            title = _("Replace with {suggestion}").format(suggestion=suggestion)
            fixes = (Fix(self.file, replace_span or span, suggestion, title),)
        self.errors.add(Diagnostic(Severity.ERROR, "E100", message, span, self.file, suggestion, fixes))
        raise _Abort

    def expect_keyword(self, word: str, message: str) -> Token:
        """`message` (translated, with `{found}`) says where `word` was expected."""
        if self.at_keyword(word):
            return self.advance()
        tok = self.tok
        hint = _did_you_mean(tok.text, [word]) if tok.kind is Kind.IDENT else None
        msg = message.format(found=_describe(tok))
        if hint:
            self.error(_with_hint(msg, hint), tok.span, hint)
        self.error(msg)

    def expect_ident(self, what: str) -> ast.Name:
        tok = self.tok
        if tok.kind is Kind.IDENT:
            self.advance()
            return ast.Name(tok.text, tok.span)
        # TRANSLATORS: {what} is what belongs here (e.g. "a rule name after RULE"), {found} what is there instead.
        self.error(_("expected {what}, found {found}").format(what=what, found=_describe(tok)))

    def expect_string(self, what: str) -> ast.StringLit:
        tok = self.tok
        if tok.kind is Kind.STRING:
            self.advance()
            return ast.StringLit(tok.value, tok.span, tok.offsets)
        self.error(_("expected {what} (a double-quoted string), found {found}").format(what=what,
                                                                                       found=_describe(tok)))

    def expect_number(self, what: str) -> ast.Number:
        tok = self.tok
        if tok.kind is Kind.NUMBER and tok.value is None:
            self.error(_("number too long: {what} has at most {digits} digits").format(what=what, digits=MAX_DIGITS),
                       tok.span)
        if tok.kind is Kind.NUMBER:
            self.advance()
            return ast.Number(tok.value, tok.span)
        self.error(_("expected {what} (an integer), found {found}").format(what=what, found=_describe(tok)))

    def expect_slot(self, allowed: tuple[str, ...]) -> ast.Name:
        name = self.expect_ident(_("a slot ({slots})").format(slots=", ".join(allowed)))
        if name.text not in allowed:
            hint = _did_you_mean(name.text, allowed)
            msg = _("unknown slot {slot}: expected one of {slots}").format(slot=repr(name.text),
                                                                            slots=", ".join(allowed))
            self.error(_with_hint(msg, hint), name.span, hint)
        return name

    def synchronize(self):
        """Skip to the next top-level keyword (panic mode)."""
        while self.tok.kind is not Kind.EOF and not self.at_keyword(*TOP_LEVEL):
            self.advance()

    # ------------------------------------------------------------ file level

    def program(self) -> ast.Program:
        intents, personas, stages, rules = [], [], [], []
        items = {"INTENT": (self.intent, intents), "PERSONA": (self.persona, personas),
                 "SALES_STAGE": (self.sales_stage, stages), "RULE": (self.rule, rules)}
        while self.tok.kind is not Kind.EOF:
            try:
                if not self.at_keyword(*TOP_LEVEL):
                    self.stray_token()
                parse_item, found = items[self.tok.text]
                found.append(parse_item())
                if self.tok.kind is not Kind.EOF and not self.at_keyword(*TOP_LEVEL):
                    self.error(_("unexpected {found}: expected RULE, INTENT, PERSONA or SALES_STAGE").format(
                        found=_describe(self.tok)))
            except _Abort:
                self.synchronize()
        return ast.Program(self.file, tuple(intents), tuple(personas), tuple(stages), tuple(rules))

    def stray_token(self):
        tok = self.tok
        hint = _did_you_mean(tok.text, TOP_LEVEL) if tok.kind is Kind.IDENT else None
        msg = _("unexpected {found}: expected RULE, INTENT, PERSONA or SALES_STAGE").format(found=_describe(tok))
        if hint:
            self.error(_with_hint(msg, hint), tok.span, hint)
        self.error(msg)

    # ------------------------------------------------------------ declarations

    def intent(self) -> ast.IntentDecl:
        start = self.advance().span
        name = self.expect_ident(_("an intent name after INTENT"))
        description = None
        if self.tok.kind is Kind.STRING:
            description = self.expect_string(_("the intent description"))
        keyword_lines, examples = [], []
        while self.at_keyword("KEYWORDS", "EXAMPLES", "IN_STAGE"):
            part = self.advance()
            if part.text == "KEYWORDS":
                keywords = self.expect_string(_("the keyword alternatives after KEYWORDS"))
                stages = None
                if self.at_keyword("IN_STAGE"):
                    stages = self.stage_list()
                keyword_lines.append(ast.KeywordsLine(keywords, stages, self.previous_end(part.span)))
            elif part.text == "IN_STAGE":
                self.error(_("IN_STAGE belongs right after a KEYWORDS string"), part.span)
            else:
                examples.append(self.expect_string(_("an example after EXAMPLES")))
                while self.tok.kind is Kind.STRING:
                    examples.append(self.expect_string(_("an example")))
        return ast.IntentDecl(name, description, tuple(keyword_lines), tuple(examples), self.previous_end(start))

    def stage_list(self) -> ast.StringLit:
        self.advance()
        stages = self.expect_string(_("the stage alternatives after IN_STAGE"))
        if not stages.alternatives():
            self.error(_("IN_STAGE needs at least one stage name"), stages.span)
        return stages

    def persona(self) -> ast.PersonaDecl:
        start = self.advance().span
        fields = []
        while not self.at_keyword("END"):
            tok = self.tok
            if tok.kind is Kind.EOF or self.at_keyword(*TOP_LEVEL):
                self.error(_("PERSONA is not closed: expected END"), start)
            key = self.expect_ident(_("a persona key or END"))
            if key.text not in ast.PERSONA_KEYS:
                hint = _did_you_mean(key.text, ast.PERSONA_KEYS)
                msg = _("unknown persona key {key}: expected one of {keys}").format(
                    key=repr(key.text), keys=", ".join(ast.PERSONA_KEYS))
                self.error(_with_hint(msg, hint), key.span, hint)
            value = self.expect_string(_("the value of {key}").format(key=key.text))
            fields.append(ast.PersonaField(key, value, key.span.cover(value.span)))
        self.advance()
        return ast.PersonaDecl(tuple(fields), self.previous_end(start))

    def sales_stage(self) -> ast.SalesStageDecl:
        start = self.advance().span
        number = self.expect_number(_("the sales stage number"))
        if number.value < 1:
            self.error(_("a sales stage number starts at 1"), number.span)
        title = self.expect_string(_("the sales stage title"))
        description = self.expect_string(_("the description")) if self.tok.kind is Kind.STRING else None
        return ast.SalesStageDecl(number, title, description, self.previous_end(start))

    # ------------------------------------------------------------ rules

    def rule(self) -> ast.Rule:
        start = self.advance().span
        try:
            name = self.expect_ident(_("a rule name after RULE"))
        except _Abort:
            self.synchronize()
            raise
        priority, priority_span, condition, actions = 0, None, None, []
        try:
            if self.at_keyword("PRIORITY"):
                self.advance()
                number = self.expect_number(_("the priority after PRIORITY"))
                priority, priority_span = number.value, number.span
            self.expect_keyword("WHEN", _("expected WHEN after the header of rule {rule}, found {found}").format(
                rule=name.text, found="{found}"))   # {found} is filled in by expect_keyword
            condition = self.expr()
            self.expect_keyword("THEN", _("expected THEN after the condition, found {found}"))
            actions.append(self.action())
            while not self.at_keyword(*TOP_LEVEL) and self.tok.kind is not Kind.EOF:
                actions.append(self.action())
        except _Abort:
            self.synchronize()
            return ast.Rule(name, priority, priority_span, condition, tuple(actions),
                            self.previous_end(start), complete=False)
        return ast.Rule(name, priority, priority_span, condition, tuple(actions), self.previous_end(start))

    def expr(self) -> ast.Expr:
        first = self.and_expr()
        operands = [first]
        while self.at_keyword("OR"):
            self.advance()
            operands.append(self.and_expr())
        if len(operands) == 1:
            return first
        return ast.Or(tuple(operands), first.span.cover(operands[-1].span))

    def and_expr(self) -> ast.Expr:
        first = self.unary()
        operands = [first]
        while self.at_keyword("AND"):
            self.advance()
            operands.append(self.unary())
        if len(operands) == 1:
            return first
        return ast.And(tuple(operands), first.span.cover(operands[-1].span))

    def unary(self) -> ast.Expr:
        if not (self.at_keyword("NOT") or self.tok.kind is Kind.LPAREN):
            return self.condition()
        if self.nesting == MAX_NESTING:
            self.error(_("condition nested too deeply: at most {limit} parentheses and NOTs may be open at once")
                       .format(limit=MAX_NESTING))
        self.nesting += 1
        try:
            return self.nested()
        finally:
            self.nesting -= 1

    def nested(self) -> ast.Expr:
        """A NOT or a parenthesised condition."""
        if self.at_keyword("NOT"):
            start = self.advance().span
            operand = self.unary()
            return ast.Not(operand, start.cover(operand.span))
        start = self.advance().span   # the "("
        inner = self.expr()
        if self.tok.kind is not Kind.RPAREN:
            self.error(_("expected ')' to close the '(' at line {line}, found {found}").format(
                line=start.line, found=_describe(self.tok)))
        self.advance()
        return inner

    def condition(self) -> ast.Condition:
        tok = self.tok
        if tok.kind is not Kind.KEYWORD or tok.text not in CONDITIONS:
            hint = _did_you_mean(tok.text, CONDITIONS) if tok.kind is Kind.IDENT else None
            msg = _("expected a condition, found {found}").format(found=_describe(tok))
            self.error(_with_hint(msg, hint), tok.span, hint)
        start = self.advance().span
        word = tok.text
        if word == "ALWAYS":
            return ast.Always(start)
        if word == "CONVERSATION_START":
            return ast.ConversationStart(start)
        if word == "INTENT_IS":
            name = self.expect_ident(_("an intent name after INTENT_IS"))
            return ast.IntentIs(name, start.cover(name.span))
        if word in ("USER_MENTION_ANY", "USER_MENTION_ALL"):
            text = self.expect_string(_("the alternatives after {keyword}").format(keyword=word))
            node = ast.UserMentionAny if word == "USER_MENTION_ANY" else ast.UserMentionAll
            return node(text, start.cover(text.span))
        if word == "USER_MENTIONS":
            slot = self.expect_slot(ast.MENTION_SLOTS)
            return ast.UserMentions(slot, start.cover(slot.span))
        if word == "CONTEXT_EQ":
            var = self.expect_ident(_("a variable name after CONTEXT_EQ"))
            value = self.expect_string(_("the value {variable} is compared with").format(variable=var.text))
            return ast.ContextEq(var, value, start.cover(value.span))
        if word in ("CONTEXT_HAS", "CONTEXT_NOT_SET"):
            var = self.expect_ident(_("a variable name after {keyword}").format(keyword=word))
            node = ast.ContextHas if word == "CONTEXT_HAS" else ast.ContextNotSet
            return node(var, start.cover(var.span))
        if word == "CONTEXT_STAGE_IS":
            stage = self.expect_string(_("the stage name after CONTEXT_STAGE_IS"))
            return ast.ContextStageIs(stage, start.cover(stage.span))
        number = self.expect_number(_("the sales stage number after SALES_STAGE_IS"))
        return ast.SalesStageIs(number, start.cover(number.span))

    def action(self) -> ast.Action:
        tok = self.tok
        if tok.kind is not Kind.KEYWORD or tok.text not in ACTIONS:
            hint = _did_you_mean(tok.text, ACTIONS) if tok.kind is Kind.IDENT else None
            msg = _("expected an action, found {found}").format(found=_describe(tok))
            self.error(_with_hint(msg, hint), tok.span, hint)
        start = self.advance().span
        word = tok.text
        simple = {
            "RESET_SHOPPING_CONTEXT": ast.ResetShoppingContext,
            "SUGGEST_CATEGORIES": ast.SuggestCategories,
            "SUGGEST_SUBTYPES": ast.SuggestSubtypes,
            "SUGGEST_BRANDS": ast.SuggestBrands,
            "SUGGEST_SERIES": ast.SuggestSeries,
        }
        if word in simple:
            return simple[word](start)
        if word == "RESPOND":
            text = self.expect_string(_("the reply template after RESPOND"))
            return ast.Respond(text, start.cover(text.span))
        if word == "SET_STAGE":
            stage = self.expect_string(_("the stage name after SET_STAGE"))
            return ast.SetStage(stage, start.cover(stage.span))
        if word == "SET_VAR":
            var = self.expect_ident(_("a variable name after SET_VAR"))
            value = self.expect_string(_("the value template of {variable}").format(variable=var.text))
            return ast.SetVar(var, value, start.cover(value.span))
        if word == "ADD_TO_CHAIN":
            slot = self.expect_slot(ast.CHAIN_SLOTS)
            value = self.expect_string(_("the {slot} to add").format(slot=slot.text))
            return ast.AddToChain(slot, value, start.cover(value.span))
        if word == "CAPTURE":   # CAPTURE scenario remembers usage_scenario (docs/engine.md)
            slot = self.expect_slot(ast.MENTION_SLOTS)
            return ast.Capture(slot, start.cover(slot.span))
        if word == "SUGGEST_BY_SCENARIO":
            scenario = self.expect_string(_("the scenario")) if self.tok.kind is Kind.STRING else None
            return ast.SuggestByScenario(scenario, start.cover(scenario.span) if scenario else start)
        if word == "SET_SALES_STAGE":
            number = self.expect_number(_("the sales stage number after SET_SALES_STAGE"))
            return ast.SetSalesStage(number, start.cover(number.span))
        fallback = self.expect_string(_("the fallback template after GENERATE"))
        return ast.Generate(fallback, start.cover(fallback.span))
