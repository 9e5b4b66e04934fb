import pytest

from studio import i18n


@pytest.fixture
def chinese():
    """The core speaks Chinese for one test, then English again (the suite's language)."""
    i18n.set_language("zh")
    yield
    i18n.set_language("en")
