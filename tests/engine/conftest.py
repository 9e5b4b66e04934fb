"""Fixtures of the engine tests (helpers live in engine_helpers.py)."""
import pytest

from tests.engine.engine_helpers import rulebase_of, small_knowledge
from studio.engine.assistant import Assistant
from studio.knowledge import Knowledge


@pytest.fixture
def knowledge() -> Knowledge:
    return small_knowledge()


@pytest.fixture
def assistant_of(knowledge):
    """assistant_of(dsl_text, ..., llm=None) -> Assistant over the small knowledge."""
    def make(*texts: str, llm=None) -> Assistant:
        return Assistant(rulebase_of(*texts), knowledge, llm)
    return make
