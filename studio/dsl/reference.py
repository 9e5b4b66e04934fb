"""The in-app reference of the rule language: every keyword with its form, meaning and an example.

One entry per keyword of the language (`studio.dsl.tokens.KEYWORDS`; a test
keeps the two in step). Descriptions are marked with `N_` and translated with
`_()` where they are shown, so the reference follows the language switch.
Signatures and examples are rule code: they stay as written. Every example
parses on its own and checks cleanly beside the sample project
(tests/i18n/test_reference.py); docs/language.md has the full story.
"""
from __future__ import annotations

from dataclasses import dataclass

from studio.dsl.ast import PERSONA_KEYS
from studio.i18n import N_, _

DECLARATION, RULE_PART, OPERATOR, CONDITION, ACTION = "declaration", "rule", "operator", "condition", "action"
KIND_TITLES = {
    DECLARATION: N_("Declarations"),
    RULE_PART: N_("Rules"),
    OPERATOR: N_("Operators"),
    CONDITION: N_("Conditions"),
    ACTION: N_("Actions"),
}


@dataclass(frozen=True)
class Argument:
    name: str          # as written in the signature
    description: str   # marked with N_


@dataclass(frozen=True)
class Entry:
    keyword: str
    kind: str          # a key of KIND_TITLES
    signature: str     # rule code
    summary: str       # one line, marked with N_
    arguments: tuple[Argument, ...]
    example: str       # rule code that parses on its own

    def kind_title(self) -> str:
        return _(KIND_TITLES[self.kind])

    def summary_text(self) -> str:
        return _(self.summary)

    def argument_texts(self) -> list[tuple[str, str]]:
        """(name, description) in the current language; the persona key list is filled in."""
        return [(a.name, _(a.description).replace("{keys}", ", ".join(PERSONA_KEYS))) for a in self.arguments]

    def matches(self, query: str) -> bool:
        """Every word of `query` occurs (case-insensitively) in the keyword, the signature or the
        texts in the current language; Chinese has no spaces, so a word is any substring there."""
        haystack = " ".join([self.keyword, self.signature, self.kind_title(), self.summary_text(),
                             *(f"{name} {text}" for name, text in self.argument_texts())]).lower()
        return all(word in haystack for word in query.lower().split())


def _arg(name: str, description: str) -> Argument:
    return Argument(name, description)


NAME_OF_INTENT = _arg("name", N_("the intent's name, as INTENT_IS and tests write it"))
ALTERNATIVES = _arg('"a|b"', N_("alternatives separated by |; spaces around them are dropped"))
VARIABLE = _arg("var", N_("a context variable, built in (current_category, budget_range…) or set by SET_VAR"))
STAGE_NAME = _arg('"stage"', N_("a dialogue stage name, such as brand_select"))
SALES_STAGE_NUMBER = _arg("n", N_("a sales stage number, from 1"))
MENTION_SLOT = _arg("slot", N_("category, subtype, brand, series or scenario"))
TEMPLATE = _arg('"template"', N_("text in which {name} is replaced by the context variable name"))
CONDITION_ARG = _arg("condition", N_("a condition, or several combined with AND, OR, NOT and parentheses"))

ENTRIES: tuple[Entry, ...] = (
    # --- declarations ---------------------------------------------------------------------------
    Entry("INTENT", DECLARATION, 'INTENT name "description"?',
          N_("Declares an intent: something a customer may want."),
          (NAME_OF_INTENT, _arg('"description"', N_("optional: what the intent means; an LLM reads it"))),
          'INTENT ask_warranty "用户询问保修"\n    KEYWORDS "保修|质保"\n    EXAMPLES "这个保修多久？"'),
    Entry("KEYWORDS", DECLARATION, 'KEYWORDS "a|b|c"',
          N_("Words that detect the intent without an LLM: the intent with the most hits in a message wins."),
          (ALTERNATIVES,),
          'INTENT ask_delivery "用户询问送货"\n    KEYWORDS "送货|快递|几天到"'),
    Entry("IN_STAGE", DECLARATION, 'KEYWORDS "a|b" IN_STAGE "s|t"',
          N_("Makes the keywords before it count only in these dialogue stages, where they rank first."),
          (_arg('"s|t"', N_("dialogue stages separated by |")),),
          'INTENT more_after_cart "加入购物车后还想选购"\n    KEYWORDS "再看看|还要" IN_STAGE "cart_added"'),
    Entry("EXAMPLES", DECLARATION, 'EXAMPLES "message" "message"…',
          N_("Example messages of the intent, shown to an LLM that detects intents."),
          (_arg('"message"', N_("one or more example messages; EXAMPLES may be repeated")),),
          'INTENT ask_invoice "用户询问发票"\n    KEYWORDS "发票|开票"\n    EXAMPLES "能开发票吗？" "发票怎么开"'),
    Entry("PERSONA", DECLARATION, 'PERSONA key "value"… END',
          N_("Declares who the assistant is: what GENERATE tells the model about the salesperson."),
          (_arg("key", N_("one of {keys}")), _arg('"value"', N_("the value of the key, a string"))),
          'PERSONA\n    salesperson_name "李销售"\n    company_name "优质数码"\nEND'),
    Entry("END", DECLARATION, "END",
          N_("Closes a PERSONA block."), (),
          'PERSONA\n    conversation_type "在线聊天"\nEND'),
    Entry("SALES_STAGE", DECLARATION, 'SALES_STAGE n "title" "description"?',
          N_("Declares a sales stage, one of those the LLM's sales-stage analyzer chooses among."),
          (SALES_STAGE_NUMBER, _arg('"title"', N_("the stage's title")),
           _arg('"description"', N_("optional: what happens in this stage"))),
          'SALES_STAGE 8 "售后跟进" "确认顾客满意，介绍售后服务。"'),
    # --- rules ------------------------------------------------------------------------------------
    Entry("RULE", RULE_PART, "RULE name PRIORITY n? WHEN condition THEN action…",
          N_("Declares a rule: when its condition holds, its actions run; the first rule that holds fires."),
          (_arg("name", N_("unique in the project; traces and tests name the rule by it")),),
          'RULE example_greet\nWHEN INTENT_IS greeting\nTHEN\n    RESPOND "您好！想看看什么？"'),
    Entry("PRIORITY", RULE_PART, "PRIORITY n",
          N_("The rule's priority, 0 by default: higher is tried first, equal ones in source order."),
          (_arg("n", N_("an integer, may be negative")),),
          'RULE example_urgent\n    PRIORITY 50\nWHEN USER_MENTION_ANY "投诉"\nTHEN\n    RESPOND "很抱歉，马上为您处理。"'),
    Entry("WHEN", RULE_PART, "WHEN condition",
          N_("Starts the condition of a rule."), (CONDITION_ARG,),
          'RULE example_when\nWHEN INTENT_IS thanks\nTHEN\n    RESPOND "不客气！"'),
    Entry("THEN", RULE_PART, "THEN action…",
          N_("Starts the actions of a rule: one or more, run in order."),
          (_arg("action", N_("an action; the next RULE or declaration ends the list")),),
          'RULE example_then\nWHEN INTENT_IS restart\nTHEN\n    RESET_SHOPPING_CONTEXT\n'
          '    SET_STAGE "category_select"\n    SUGGEST_CATEGORIES'),
    # --- operators --------------------------------------------------------------------------------
    Entry("AND", OPERATOR, "condition AND condition",
          N_("Holds when both conditions hold; binds tighter than OR."), (CONDITION_ARG,),
          'RULE example_and\nWHEN INTENT_IS product_query AND USER_MENTION_ANY "手机"\nTHEN\n'
          '    ADD_TO_CHAIN category "手机"\n    SUGGEST_BRANDS'),
    Entry("OR", OPERATOR, "condition OR condition",
          N_("Holds when either condition holds; binds loosest."), (CONDITION_ARG,),
          'RULE example_or\nWHEN INTENT_IS objection OR USER_MENTION_ANY "太贵"\nTHEN\n'
          '    GENERATE "理解您的顾虑，我们也有更实惠的选择。"'),
    Entry("NOT", OPERATOR, "NOT condition",
          N_("Holds when the condition does not; binds tightest."), (CONDITION_ARG,),
          'RULE example_not\nWHEN INTENT_IS product_query AND NOT CONTEXT_HAS current_category\nTHEN\n'
          '    SUGGEST_CATEGORIES'),
    # --- conditions -------------------------------------------------------------------------------
    Entry("INTENT_IS", CONDITION, "INTENT_IS name",
          N_("The intent detected in this turn is this one."), (NAME_OF_INTENT,),
          'RULE example_intent_is\nWHEN INTENT_IS greeting\nTHEN\n    RESPOND "您好！"'),
    Entry("USER_MENTION_ANY", CONDITION, 'USER_MENTION_ANY "a|b"',
          N_("The message contains at least one of the alternatives (case-insensitive)."), (ALTERNATIVES,),
          'RULE example_mention_any\nWHEN USER_MENTION_ANY "贵|便宜点"\nTHEN\n    GENERATE "我们也有更实惠的选择。"'),
    Entry("USER_MENTION_ALL", CONDITION, 'USER_MENTION_ALL "a|b"',
          N_("The message contains every one of the alternatives (case-insensitive)."), (ALTERNATIVES,),
          'RULE example_mention_all\nWHEN USER_MENTION_ALL "苹果|手机"\nTHEN\n'
          '    ADD_TO_CHAIN category "手机"\n    ADD_TO_CHAIN brand "苹果"\n    SUGGEST_SERIES'),
    Entry("USER_MENTIONS", CONDITION, "USER_MENTIONS slot",
          N_("The message names something of the knowledge of this kind, within the current choice."),
          (MENTION_SLOT,),
          'RULE example_mentions\nWHEN USER_MENTIONS brand\nTHEN\n    CAPTURE brand\n    SUGGEST_SERIES'),
    Entry("CONTEXT_EQ", CONDITION, 'CONTEXT_EQ var "value"',
          N_("The context variable, as text, equals the value; an unset variable is the empty text."),
          (VARIABLE, _arg('"value"', N_("the text to compare with"))),
          'RULE example_context_eq\nWHEN CONTEXT_EQ current_category "电脑"\nTHEN\n    SUGGEST_SUBTYPES'),
    Entry("CONTEXT_HAS", CONDITION, "CONTEXT_HAS var",
          N_("The context variable is set (it has a value that is not empty)."), (VARIABLE,),
          'RULE example_context_has\nWHEN CONTEXT_HAS budget_range\nTHEN\n    SUGGEST_BRANDS'),
    Entry("CONTEXT_NOT_SET", CONDITION, "CONTEXT_NOT_SET var",
          N_("The context variable is not set."), (VARIABLE,),
          'RULE example_not_set\nWHEN CONTEXT_NOT_SET current_category\nTHEN\n    SUGGEST_CATEGORIES'),
    Entry("CONTEXT_STAGE_IS", CONDITION, 'CONTEXT_STAGE_IS "stage"',
          N_("The dialogue stage (current_stage) is this one."), (STAGE_NAME,),
          'RULE example_stage_is\nWHEN CONTEXT_STAGE_IS "brand_select" AND USER_MENTIONS brand\nTHEN\n'
          '    CAPTURE brand\n    SUGGEST_SERIES'),
    Entry("SALES_STAGE_IS", CONDITION, "SALES_STAGE_IS n",
          N_("The sales stage is this number."), (SALES_STAGE_NUMBER,),
          'RULE example_sales_stage_is\nWHEN SALES_STAGE_IS 6\nTHEN\n    GENERATE "您还有什么顾虑吗？"'),
    Entry("ALWAYS", CONDITION, "ALWAYS",
          N_("Always holds: the condition of a fallback rule at the lowest priority."), (),
          'RULE example_fallback\n    PRIORITY -10\nWHEN ALWAYS\nTHEN\n    RESPOND "请问有什么可以帮您？"'),
    Entry("CONVERSATION_START", CONDITION, "CONVERSATION_START",
          N_("This is the opening turn: the assistant speaks before the customer has said anything."), (),
          'RULE example_opening\n    PRIORITY 70\nWHEN CONVERSATION_START\nTHEN\n'
          '    RESPOND "您好！想看看手机、电脑还是智能设备？"'),
    # --- actions ----------------------------------------------------------------------------------
    Entry("RESPOND", ACTION, 'RESPOND "template"',
          N_("Adds a line to the reply."), (TEMPLATE,),
          'RULE example_respond\nWHEN CONTEXT_HAS current_category\nTHEN\n    RESPOND "好的，为您挑选{current_category}。"'),
    Entry("SET_STAGE", ACTION, 'SET_STAGE "stage"',
          N_("Sets the dialogue stage (current_stage)."), (STAGE_NAME,),
          'RULE example_set_stage\nWHEN USER_MENTION_ANY "有哪些品牌"\nTHEN\n'
          '    SUGGEST_BRANDS\n    SET_STAGE "brand_select"'),
    Entry("SET_VAR", ACTION, 'SET_VAR var "template"',
          N_("Sets a context variable; a new name creates a variable of its own."),
          (VARIABLE, TEMPLATE),
          'RULE example_set_var\nWHEN USER_MENTIONS series\nTHEN\n    CAPTURE series\n'
          '    SET_VAR last_offer "{current_series}"'),
    Entry("ADD_TO_CHAIN", ACTION, 'ADD_TO_CHAIN slot "template"',
          N_("Chooses a product: sets current_<slot>, clears the slots below it and updates the chain."),
          (_arg("slot", N_("category, subtype, brand or series")), TEMPLATE),
          'RULE example_add_to_chain\nWHEN USER_MENTION_ANY "手机"\nTHEN\n'
          '    ADD_TO_CHAIN category "手机"\n    SUGGEST_BRANDS'),
    Entry("CAPTURE", ACTION, "CAPTURE slot",
          N_("Chooses what the message mentions of this kind, as USER_MENTIONS finds it."), (MENTION_SLOT,),
          'RULE example_capture\nWHEN USER_MENTIONS scenario\nTHEN\n    CAPTURE scenario\n    SUGGEST_BY_SCENARIO'),
    Entry("RESET_SHOPPING_CONTEXT", ACTION, "RESET_SHOPPING_CONTEXT",
          N_("Forgets the product being chosen: the chain and the four current_* slots."), (),
          'RULE example_reset\nWHEN USER_MENTION_ANY "重新选"\nTHEN\n    RESET_SHOPPING_CONTEXT\n'
          '    SUGGEST_CATEGORIES'),
    Entry("SUGGEST_CATEGORIES", ACTION, "SUGGEST_CATEGORIES",
          N_("Adds the categories to the reply, with icon and description."), (),
          'RULE example_categories\nWHEN USER_MENTION_ANY "有什么卖"\nTHEN\n    SUGGEST_CATEGORIES'),
    Entry("SUGGEST_SUBTYPES", ACTION, "SUGGEST_SUBTYPES",
          N_("Adds the subtypes of the current category, numbered."), (),
          'RULE example_subtypes\nWHEN CONTEXT_EQ current_category "电脑" AND NOT USER_MENTIONS subtype\nTHEN\n'
          '    SUGGEST_SUBTYPES'),
    Entry("SUGGEST_BRANDS", ACTION, "SUGGEST_BRANDS",
          N_("Adds the brands of the current category, the ones fitting the scenario and budget first."), (),
          'RULE example_brands\nWHEN USER_MENTION_ANY "什么牌子"\nTHEN\n    SUGGEST_BRANDS'),
    Entry("SUGGEST_SERIES", ACTION, "SUGGEST_SERIES",
          N_("Adds the series of the current brand."), (),
          'RULE example_series\nWHEN CONTEXT_HAS current_brand AND USER_MENTION_ANY "型号"\nTHEN\n'
          '    SUGGEST_SERIES'),
    Entry("SUGGEST_BY_SCENARIO", ACTION, 'SUGGEST_BY_SCENARIO "scenario"?',
          N_("Adds brand and series recommendations for a usage scenario."),
          (_arg('"scenario"', N_("optional: the scenario; without it, usage_scenario")),),
          'RULE example_by_scenario\nWHEN USER_MENTION_ANY "办公用"\nTHEN\n    SUGGEST_BY_SCENARIO "办公"'),
    Entry("SET_SALES_STAGE", ACTION, "SET_SALES_STAGE n",
          N_("Sets the sales stage."), (SALES_STAGE_NUMBER,),
          'RULE example_set_sales_stage\nWHEN INTENT_IS confirmation\nTHEN\n    SET_SALES_STAGE 7\n'
          '    RESPOND "好的，为您下单。"'),
    Entry("GENERATE", ACTION, 'GENERATE "fallback template"',
          N_("Asks the LLM for a sales reply from the persona, the stage and the knowledge; "
             "without an LLM the fallback is the reply."),
          (_arg('"fallback template"', N_("the reply when no LLM answers; a template")),),
          'RULE example_generate\nWHEN INTENT_IS objection\nTHEN\n    GENERATE "理解您的顾虑，我们也有更实惠的选择，要看看吗？"'),
)

_BY_KEYWORD = {entry.keyword: entry for entry in ENTRIES}


def entry(keyword: str) -> Entry | None:
    """The entry of `keyword` (exactly as written: keywords are upper case), or None."""
    return _BY_KEYWORD.get(keyword)


def search(query: str) -> list[Entry]:
    """The entries matching every word of `query`, in reference order; all of them for an empty query."""
    return [e for e in ENTRIES if e.matches(query)]
