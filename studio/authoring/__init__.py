"""Rule authoring without typing: a form model of one rule, its rendering as hand-written DSL text,
the text edits that put it back into a file, and what there is to choose from.

Plain Python (no Qt); the guided form (`studio/ui/rule_form/`) and the decision
table only edit the model and apply the edits made here.
"""
from studio.authoring.edit import TextEdit, insert_at, insert_rule, replace_rule, rule_at, rule_edit
from studio.authoring.format import render, render_action, render_condition, render_row
from studio.authoring.kinds import ACTION_ARGS, CONDITION_ARGS, Arg, args_of
from studio.authoring.model import (ActionItem, Group, Row, RuleForm, alternatives, from_rule, joined,
                                    new_action, new_row, new_rule)
from studio.authoring.placement import fallback_rule, suggested_priority, unique_name
from studio.authoring.vocabulary import Vocabulary, build_vocabulary

__all__ = ["ACTION_ARGS", "CONDITION_ARGS", "ActionItem", "Arg", "Group", "Row", "RuleForm", "TextEdit",
           "Vocabulary", "alternatives", "args_of", "build_vocabulary", "fallback_rule", "from_rule", "insert_at", "insert_rule",
           "joined", "new_action", "new_row", "new_rule", "render", "render_action", "render_condition",
           "render_row", "replace_rule", "rule_at", "rule_edit", "suggested_priority", "unique_name"]
