"""What the guided form offers to choose from, for each argument's `choices` (studio/authoring/kinds.py).

Built on the editor's completion vocabulary (`studio/vocabulary.py`, plain
Python): declared intents, the stages that rules set or test, the context
variables, the rule names and the knowledge's names. Added here: the sales
stages with their titles (the declared ones, else the default seven), each
intent's description, and the words a mention may pick (the knowledge's names
and aliases, the intents' keywords and the alternatives rules already use).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from studio.authoring.kinds import SLOT_CHOICES, SLOTS, args_of
from studio.dsl import ast
from studio.engine.stages import DEFAULT_SALES_STAGES
from studio.explore.vocabulary import knowledge_names
from studio.knowledge import Knowledge
from studio.vocabulary import vocabulary as completion_words


@dataclass
class Vocabulary:
    words: dict[str, list[str]] = field(default_factory=dict)
    sales_stages: list[tuple[int, str]] = field(default_factory=list)
    intent_descriptions: dict[str, str] = field(default_factory=dict)

    def choices(self, kind: str, index: int, args: list | tuple = ()) -> list:
        """The values offered for argument `index` of a condition or action kind, given its other arguments."""
        specs = args_of(kind)
        if index >= len(specs):
            return []
        key = specs[index].choices
        if key in SLOTS:
            return list(SLOTS[key])
        if key == "sales_stages":
            return [number for number, _ in self.sales_stages]
        if key == "slot_values":
            slot = args[0] if args else ""
            return list(self.words.get(SLOT_CHOICES.get(slot, ""), []))
        if key == "values":
            return _unique(self.words.get(k, []) for k in ("stages", "categories", "subtypes", "brands",
                                                           "series", "scenarios"))
        return list(self.words.get(key, []))

    def sales_stage_title(self, number: int) -> str:
        return next((title for n, title in self.sales_stages if n == number), "")


def build_vocabulary(programs: list[ast.Program], knowledge: Knowledge | None) -> Vocabulary:
    words = completion_words(programs, knowledge)
    declared = {}
    descriptions = {}
    keywords = []
    for program in programs:
        for stage in program.sales_stages:
            declared.setdefault(stage.number.value, stage.title.value)
        for intent in program.intents:
            if intent.description is not None:
                descriptions.setdefault(intent.name.text, intent.description.value)
            keywords += intent.all_keywords()
    stages = sorted(declared.items()) or [(s.number, s.title) for s in DEFAULT_SALES_STAGES]
    mention = list(knowledge_names(knowledge)) if knowledge is not None else []
    words["mention_words"] = _unique([mention, keywords, _mention_alternatives(programs)])
    words["templates"] = []
    return Vocabulary(words, stages, descriptions)


def _mention_alternatives(programs: list[ast.Program]):
    """Each alternative of every USER_MENTION_ANY / USER_MENTION_ALL (one chip each)."""
    for program in programs:
        for rule in program.rules:
            if rule.condition is None:
                continue
            for leaf in ast.leaves(rule.condition):
                if isinstance(leaf, (ast.UserMentionAny, ast.UserMentionAll)):
                    yield from (alt for alt, _, _ in leaf.text.alternatives())


def _unique(groups) -> list[str]:
    return list(dict.fromkeys(word for group in groups for word in group if word))
