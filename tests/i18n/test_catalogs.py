"""The catalogs ship complete: every message of the core is in both languages, none is fuzzy,
and the compiled `.mo` files are those of the `.po` files."""
import pytest

from studio import catalogs, i18n


def test_every_message_of_the_core_is_translated_and_compiled():
    assert catalogs.problems() == []


@pytest.mark.parametrize("value, expected", [("zh", "zh"), ("zh_CN.UTF-8", "zh"), ("en_US", "en"), ("C", "en")])
def test_lang_names_the_language(value, expected):
    assert i18n.resolve(value, environ={}) == expected


def test_an_unknown_lang_is_refused():
    with pytest.raises(ValueError):
        i18n.resolve("fr", environ={})


def test_rule_studio_lang_comes_before_the_locale_and_the_locale_before_english():
    assert i18n.resolve(None, {"RULE_STUDIO_LANG": "zh", "LANG": "en_US.UTF-8"}) == "zh"
    assert i18n.resolve(None, {"RULE_STUDIO_LANG": "klingon", "LANG": "zh_CN.UTF-8"}) == "zh"
    assert i18n.resolve(None, {"LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"}) == "en"
    assert i18n.resolve(None, {}) == "en"
