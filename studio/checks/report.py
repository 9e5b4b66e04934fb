"""Building diagnostics: severity from the code, did-you-mean fixes with exact spans."""
from __future__ import annotations

from studio.diagnostics import Diagnostic, Fix, Severity, Span
from studio.dsl import ast
from studio.i18n import _

_SEVERITY = {"E": Severity.ERROR, "W": Severity.WARNING, "I": Severity.INFO}


def report(code: str, message: str, span: Span, file: str) -> Diagnostic:
    """A diagnostic without a suggestion; the severity is the code's letter (docs/diagnostics.md)."""
    return Diagnostic(_SEVERITY[code[0]], code, message, span, file)


def suggest(code: str, message: str, span: Span, file: str, suggestion: str,
            fix_span: Span, replacement: str, title: str | None = None) -> Diagnostic:
    """A diagnostic whose suggestion is offered as a fix replacing `fix_span` (the wrong text)."""
    fix = Fix(file, fix_span, replacement, title or _("Replace with '{suggestion}'").format(suggestion=suggestion))
    return Diagnostic(_SEVERITY[code[0]], code, message, span, file, suggestion, (fix,))


def did_you_mean(code: str, message: str, file: str, wrong: Span, suggestion: str,
                 in_string: bool = True) -> Diagnostic:
    """`message (did you mean 'x'?)` pointing at and replacing exactly the wrong text."""
    replacement = escape(suggestion) if in_string else suggestion
    # TRANSLATORS: {message} is a whole diagnostic message, {suggestion} the name it probably meant.
    message = _("{message} (did you mean '{suggestion}'?)").format(message=message, suggestion=suggestion)
    return suggest(code, message, wrong, file, suggestion, wrong, replacement)


def escape(text: str) -> str:
    """`text` as it must be written between the double quotes of a rule file."""
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def content_span(lit: ast.StringLit) -> Span:
    """The span of a string's content, without its quotes."""
    return lit.span_of(0, len(lit.value))
