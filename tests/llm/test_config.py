import os
import subprocess
import sys
from pathlib import Path

import pytest

from studio.llm import LazyLLMPort, build_llm
from studio.llm.config import (
    DEFAULT_TIMEOUT_S, LLMConfigError, LLMSettings, lazyllm_home_problem, normalize_url, quiet_lazyllm_env,
    settings_from_env,
)

KEY = "sk-config-0123456789"
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("given, expected", [
    ("http://127.0.0.1:11434", "http://127.0.0.1:11434/v1/"),
    ("http://127.0.0.1:11434/", "http://127.0.0.1:11434/v1/"),
    ("http://127.0.0.1:11434/v1", "http://127.0.0.1:11434/v1/"),
    ("  http://host/api/v3/ ", "http://host/api/v3/"),
    ("http://host/v1/chat/completions/", "http://host/v1/chat/completions"),
])
def test_url_gets_the_trailing_slash_and_v1_on_a_bare_host(given, expected):
    assert normalize_url(given) == expected


def test_nothing_configured_means_no_llm():
    assert settings_from_env({}) is None
    assert settings_from_env({"RULE_STUDIO_LLM_MODEL": "m", "HOME": "/x"}) is None


def test_local_server_needs_no_key_and_defaults_to_openai_source():
    settings = settings_from_env({"RULE_STUDIO_LLM_URL": "http://127.0.0.1:11434",
                                  "RULE_STUDIO_LLM_MODEL": "qwen2.5", "RULE_STUDIO_LLM_TIMEOUT": "7.5"})
    assert settings == LLMSettings(source="openai", model="qwen2.5", url="http://127.0.0.1:11434/v1/",
                                   api_key=None, timeout_s=7.5)
    assert settings.request_timeout == (5.0, 7.5)


def test_rule_studio_key_wins_over_lazyllm_key():
    settings = settings_from_env({"RULE_STUDIO_LLM_SOURCE": "QWEN", "RULE_STUDIO_LLM_API_KEY": KEY,
                                  "LAZYLLM_QWEN_API_KEY": "other"})
    assert (settings.source, settings.api_key, settings.url) == ("qwen", KEY, None)


def test_lazyllm_environment_first_source_with_a_key_and_its_model_name():
    settings = settings_from_env({"LAZYLLM_GLM_API_KEY": KEY, "LAZYLLM_GLM_MODEL_NAME": "glm-4"})
    assert (settings.source, settings.model, settings.api_key) == ("glm", "glm-4", KEY)
    assert settings.timeout_s == DEFAULT_TIMEOUT_S and settings.max_retries == 1


def test_lazyllm_default_source_with_default_key():
    settings = settings_from_env({"LAZYLLM_DEFAULT_SOURCE": "deepseek", "LAZYLLM_DEFAULT_KEY": KEY,
                                  "LAZYLLM_QWEN_API_KEY": "ignored"})
    assert (settings.source, settings.api_key) == ("deepseek", KEY)


@pytest.mark.parametrize("environ, says", [
    ({"RULE_STUDIO_LLM_SOURCE": "qwen"}, "LAZYLLM_QWEN_API_KEY"),
    ({"RULE_STUDIO_LLM_SOURCE": "gpt"}, "not a lazyllm source"),
    ({"LAZYLLM_DEFAULT_SOURCE": "nope", "LAZYLLM_DEFAULT_KEY": KEY}, "LAZYLLM_DEFAULT_SOURCE"),
    ({"RULE_STUDIO_LLM_URL": "http://h:1", "RULE_STUDIO_LLM_TIMEOUT": "soon"}, "RULE_STUDIO_LLM_TIMEOUT"),
    ({"RULE_STUDIO_LLM_URL": "http://h:1", "RULE_STUDIO_LLM_TIMEOUT": "-1"}, "positive"),
])
def test_unusable_configuration_says_why(environ, says):
    with pytest.raises(LLMConfigError, match=says):
        settings_from_env(environ)


@pytest.mark.parametrize("timeout", ["inf", "Infinity", "-inf", "nan", "1e999", "0", "-0.5"])
def test_a_timeout_that_is_not_a_finite_positive_number_is_refused(timeout):
    with pytest.raises(LLMConfigError, match="RULE_STUDIO_LLM_TIMEOUT=.* finite positive number of seconds"):
        settings_from_env({"RULE_STUDIO_LLM_URL": "http://h:1", "RULE_STUDIO_LLM_TIMEOUT": timeout})


@pytest.mark.parametrize("timeout", [float("inf"), float("nan"), 0.0, -1.0])
def test_settings_built_in_code_refuse_an_unusable_timeout_too(timeout):
    """The chat panel builds settings from its own dialog, not from the environment."""
    with pytest.raises(LLMConfigError, match="timeout"):
        LLMSettings(source="openai", url="http://h:1/v1/", timeout_s=timeout)


def test_chat_with_an_infinite_timeout_is_a_configuration_error_not_a_failing_session(tmp_path):
    env = {**os.environ, "RULE_STUDIO_LLM_URL": "http://127.0.0.1:9/v1/", "RULE_STUDIO_LLM_TIMEOUT": "inf",
           "LAZYLLM_HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "studio.cli.main", "chat", "--llm", "auto", "--json"],
                          input="你好\n", capture_output=True, text=True, env=env, cwd=ROOT, timeout=60)
    assert done.returncode == 2 and done.stdout == ""
    assert "RULE_STUDIO_LLM_TIMEOUT='inf'" in done.stderr and "Traceback" not in done.stderr


def test_api_key_is_masked_in_repr_and_str():
    settings = LLMSettings(source="qwen", api_key=KEY)
    assert KEY not in repr(settings) and KEY not in str(settings) and KEY not in f"{settings}"
    assert "'***'" in repr(settings)
    assert KEY not in repr(LazyLLMPort(settings))


def test_quiet_defaults_never_override_the_user():
    environ = {"LAZYLLM_LOG_LEVEL": "DEBUG"}
    quiet_lazyllm_env(environ)
    assert environ["LAZYLLM_LOG_LEVEL"] == "DEBUG"
    assert environ["LAZYLLM_TRACE_ENABLED"] == "0" and environ["LAZYLLM_DISABLE_SYSTEM_PROMPT"] == "1"


def test_config_json_in_lazyllm_home_is_reported_before_it_crashes_the_import(tmp_path):
    assert lazyllm_home_problem({"LAZYLLM_HOME": str(tmp_path)}) is None
    (tmp_path / "config.json").write_text("{}")
    assert "config.json" in lazyllm_home_problem({"LAZYLLM_HOME": str(tmp_path)})


def test_build_llm_modes():
    environ = {"RULE_STUDIO_LLM_URL": "http://127.0.0.1:1/v1/"}
    assert build_llm("off", environ) is None
    assert build_llm("auto", {}) is None
    assert isinstance(build_llm("auto", environ), LazyLLMPort)
    with pytest.raises(ValueError, match="off, auto"):
        build_llm("on", environ)


def test_importing_and_building_the_port_does_not_import_lazyllm():
    code = ("import sys, studio.llm as l; "
            "l.build_llm('auto', {'RULE_STUDIO_LLM_URL': 'http://127.0.0.1:1'}); "
            "sys.exit('lazyllm' in sys.modules)")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0
