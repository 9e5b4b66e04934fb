"""The guided rule form: a panel beside the rule editor that shows the rule under the cursor as fields
and writes every change back into the rule's text (studio/authoring does the model and the text).

`install_rule_form(window)` docks it and gives the View menu its toggle (Ctrl+Shift+G);
`window.rule_form.open_new_rule(prefill)` opens a new rule for the chat tester.
"""
from studio.ui.rule_form.panel import Prefill, RuleFormPanel, install_rule_form

__all__ = ["Prefill", "RuleFormPanel", "install_rule_form"]
