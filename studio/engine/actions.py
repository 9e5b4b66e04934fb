"""Running the actions of a fired rule (docs/language.md), each noting what it did for the trace.

Decisions where the spec is silent:
- ADD_TO_CHAIN's value and SUGGEST_BY_SCENARIO's argument are templates too.
- CAPTURE of a lower slot fills the missing upper slots when the mention
  identifies them unambiguously: "苹果" with no category chosen sets
  category 手机 when 苹果 is in one category only, and only the brand otherwise.
- A turn is product-related (`query_count` + 1) when a CAPTURE found something,
  an ADD_TO_CHAIN ran, or a SUGGEST_* action ran.
- GENERATE sends the persona, the current sales stage, the history (this
  message included) and `suggest.sales_facts`; an exception from the LLM port
  is treated as a failed call, so a broken model never breaks a turn.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable

from studio.dsl import ast
from studio.engine import suggest
from studio.engine.conditions import TurnFacts, not_mentioned_reason, quote
from studio.engine.llm_port import LLMCall, LLMPort, SalesStage, call_raised
from studio.engine.subtypes import suggest_subtypes
from studio.engine.templates import render, unset_note
from studio.i18n import _

if TYPE_CHECKING:
    from studio.engine.rulebase import RuleBase


@dataclass(frozen=True)
class ActionRecord:
    action: str              # as written: 'SET_STAGE "brand_select"'
    notes: tuple[str, ...]   # what happened beyond the obvious: empty placeholders, nothing captured, fallbacks


@dataclass
class ActionRun:
    """The mutable state of running one rule's actions."""
    facts: TurnFacts
    rulebase: "RuleBase"
    llm: LLMPort | None
    on_chunk: Callable[[str], None] | None
    lines: list[str] = field(default_factory=list)
    llm_calls: list[LLMCall] = field(default_factory=list)
    records: list[ActionRecord] = field(default_factory=list)
    product_related: bool = False


def describe_action(action: ast.Action) -> str:
    match action:
        case ast.Respond(template=t):
            return f"RESPOND {quote(t.value)}"
        case ast.SetStage(stage=s):
            return f"SET_STAGE {quote(s.value)}"
        case ast.SetVar(var=var, template=t):
            return f"SET_VAR {var.text} {quote(t.value)}"
        case ast.AddToChain(slot=slot, value=v):
            return f"ADD_TO_CHAIN {slot.text} {quote(v.value)}"
        case ast.Capture(slot=slot):
            return f"CAPTURE {slot.text}"
        case ast.SuggestByScenario(scenario=s):
            return "SUGGEST_BY_SCENARIO" + (f" {quote(s.value)}" if s else "")
        case ast.SetSalesStage(number=n):
            return f"SET_SALES_STAGE {n.value}"
        case ast.Generate(fallback=t):
            return f"GENERATE {quote(t.value)}"
    return {ast.ResetShoppingContext: "RESET_SHOPPING_CONTEXT", ast.SuggestCategories: "SUGGEST_CATEGORIES",
            ast.SuggestSubtypes: "SUGGEST_SUBTYPES", ast.SuggestBrands: "SUGGEST_BRANDS", ast.SuggestSeries: "SUGGEST_SERIES"}[type(action)]


def run_actions(actions: tuple[ast.Action, ...], run: ActionRun) -> None:
    for action in actions:
        notes = _run(action, run)
        run.records.append(ActionRecord(describe_action(action), tuple(notes)))


def _render(template: str, run: ActionRun, notes: list[str]) -> str:
    text, unset = render(template, run.facts.context)
    notes.extend(unset_note(unset))
    return text


def _suggest(result: suggest.Suggestion, run: ActionRun, notes: list[str]) -> None:
    run.lines.extend(result.lines)
    notes.extend(result.notes)
    run.product_related = True


def _run(action: ast.Action, run: ActionRun) -> list[str]:
    context, knowledge = run.facts.context, run.facts.knowledge
    notes: list[str] = []
    match action:
        case ast.Respond(template=t):
            run.lines.append(_render(t.value, run, notes))
        case ast.SetStage(stage=s):
            context.set_stage(s.value)
        case ast.SetVar(var=var, template=t):
            if problem := context.set_var(var.text, _render(t.value, run, notes)):
                notes.append(problem)
            run.facts.forget_mentions()
        case ast.AddToChain(slot=slot, value=v):
            value = _render(v.value, run, notes)
            if value:
                context.choose(slot.text, value)
                run.facts.forget_mentions()
                run.product_related = True
            else:
                notes.append(_("empty value: {slot} not changed").format(slot=slot.text))
        case ast.Capture(slot=slot):
            _capture(slot.text, run, notes)
        case ast.ResetShoppingContext():
            context.reset_shopping()
            run.facts.forget_mentions()
        case ast.SuggestCategories():
            _suggest(suggest.suggest_categories(knowledge), run, notes)
        case ast.SuggestSubtypes():
            _suggest(suggest_subtypes(knowledge, context), run, notes)
        case ast.SuggestBrands():
            _suggest(suggest.suggest_brands(knowledge, context), run, notes)
        case ast.SuggestSeries():
            _suggest(suggest.suggest_series(knowledge, context), run, notes)
        case ast.SuggestByScenario(scenario=s):
            scenario = _render(s.value, run, notes) if s else None
            _suggest(suggest.suggest_by_scenario(knowledge, context, scenario), run, notes)
        case ast.SetSalesStage(number=n):
            context.sales_stage = n.value
            if n.value not in {stage.number for stage in run.rulebase.sales_stages}:
                notes.append(_("sales stage {number} is not declared").format(number=n.value))
        case ast.Generate(fallback=t):
            _generate(_render(t.value, run, notes), run, notes)
    return notes


def _capture(slot: str, run: ActionRun, notes: list[str]) -> None:
    facts, context = run.facts, run.facts.context
    mention = facts.mention(slot)
    if mention is None:
        category, brand = facts.scope(slot)
        # TRANSLATORS: {reason} says what was not mentioned ("no brand of 手机 mentioned").
        notes.append(_("{reason}: nothing captured").format(reason=not_mentioned_reason(slot, category, brand)))
        return
    # TRANSLATORS: {name} is a name from the knowledge, {text} the words of the message that named it.
    notes.append(_("found {name} in {text}").format(name=repr(mention.name), text=repr(mention.matched_text)))
    if slot == "scenario":   # not a link of the chain: it is remembered like a scenario the customer states
        context.usage_scenario = mention.name
        run.product_related = True
        return
    if slot != "category" and context.current_category is None and mention.category:
        context.choose("category", mention.category)
        # TRANSLATORS: {slot} is a DSL slot name (subtype, brand, series).
        notes.append(_("category {category} set too: the only one with this {slot}").format(
            category=repr(mention.category), slot=slot))
    if slot == "series" and context.current_brand is None and mention.brand:
        context.choose("brand", mention.brand)
        notes.append(_("brand {brand} set too: the only one with this series").format(brand=repr(mention.brand)))
    context.choose(slot, mention.name)
    facts.forget_mentions()
    run.product_related = True


def _current_sales_stage(run: ActionRun) -> SalesStage:
    stages = run.rulebase.sales_stages
    return next((s for s in stages if s.number == run.facts.context.sales_stage), stages[0])


def _generate(fallback: str, run: ActionRun, notes: list[str]) -> None:
    context = run.facts.context
    if run.llm is None:
        run.lines.append(fallback)
        notes.append(_("no LLM configured: fallback template used"))
        return
    facts = suggest.sales_facts(run.facts.knowledge, context)
    try:
        text, call = run.llm.generate_reply(dict(run.rulebase.persona), _current_sales_stage(run),
                                            list(context.history), facts, run.on_chunk)
        run.llm_calls.append(call)
        why = call.error or _("the model gave no answer")
    except Exception as error:  # the port's contract is None on failure; be safe anyway
        text, why = None, call_raised(error)
    if text and text.strip():
        run.lines.append(text.strip())
    else:
        run.lines.append(fallback)
        notes.append(_("fallback template used: {why}").format(why=why))
