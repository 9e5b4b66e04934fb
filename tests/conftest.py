"""Shared test set-up: Qt without a display, lazyllm kept quiet and out of $HOME."""
import os
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LAZYLLM_HOME", tempfile.mkdtemp(prefix="rule-studio-lazyllm-"))
os.environ.setdefault("LAZYLLM_TRACE_ENABLED", "0")

# The loopback OpenAI-compatible server and the lazyllm sandbox, for every test package.
from tests.llm.fake_openai_server import fake_openai_server, lazyllm_sandbox  # noqa: E402,F401 (fixtures)
