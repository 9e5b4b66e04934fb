"""What two rules mean, compared without where they were written: the AST with spans left out."""
from dataclasses import fields, is_dataclass

from studio.dsl import ast

_WHERE = {"span", "priority_span", "offsets", "complete"}


def meaning(node):
    """A nested tuple of the node's kind and parts; `NOT NOT x` is `x` (the form model's one normalisation)."""
    if isinstance(node, ast.Not) and isinstance(node.operand, ast.Not):
        return meaning(node.operand.operand)
    if isinstance(node, ast.Name):
        return node.text
    if isinstance(node, (ast.StringLit, ast.Number)):
        return node.value
    if isinstance(node, tuple):
        return tuple(meaning(item) for item in node)
    if is_dataclass(node):
        return (type(node).__name__,) + tuple(meaning(getattr(node, f.name)) for f in fields(node)
                                              if f.name not in _WHERE)
    return node
