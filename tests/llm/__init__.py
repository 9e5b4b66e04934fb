"""Makes the LLM tests the package `llm`: their module names (`llm.test_config`...) cannot clash with
same-named test files elsewhere, and `from llm.fake_openai_server import ...` works from any conftest."""
