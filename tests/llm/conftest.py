"""Fixtures of the LLM tests: a loopback OpenAI-compatible server and settings pointing at it."""
from __future__ import annotations

import pytest

from tests.llm.fake_openai_server import FakeOpenAIServer
from studio.llm import LazyLLMPort, LLMSettings

TEST_API_KEY = "sk-test-0123456789-SECRET"
TEST_TIMEOUT_S = 1.0


@pytest.fixture
def llm_settings(fake_openai_server: FakeOpenAIServer) -> LLMSettings:
    return LLMSettings(source="openai", model="fake-model", url=fake_openai_server.url,
                       api_key=TEST_API_KEY, timeout_s=TEST_TIMEOUT_S)


@pytest.fixture
def llm_port(llm_settings: LLMSettings) -> LazyLLMPort:
    return LazyLLMPort(llm_settings)
