"""What loading refuses so that nothing after it meets a pathological knowledge file: data nested
deeper than `MAX_NESTING` (K100) and names no text can carry (K110, the name left out)."""
import io
import json
from pathlib import Path

import pytest

from studio.cli import chat_cmd
from studio.knowledge import Brand, Category, load_knowledge
from studio.knowledge.nesting import MAX_NESTING
from tests.checks.checks_helpers import REPO, check_project, write_project

SAMPLE = (REPO / "knowledge" / "products.json").read_text(encoding="utf-8")
RULES = {"x.dsl": 'RULE menu WHEN ALWAYS THEN SUGGEST_CATEGORIES\n'}


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def where(diagnostic) -> tuple:
    return diagnostic.code, diagnostic.span.line, diagnostic.span.column


# --- nesting ----------------------------------------------------------------------------------

def json_nested(levels: int) -> tuple[str, int]:
    """Knowledge whose extra key `deep` holds lists `levels` deep (the whole file one more),
    and the column of the opener one level too deep, if any."""
    prefix = '{"categories": {"手机": {}},\n "deep": '
    text = prefix + "[" * levels + "]" * levels + "}\n"
    return text, len(' "deep": ') + MAX_NESTING   # the root object is the first level


@pytest.mark.parametrize("levels", [MAX_NESTING, 495, 990, 5000, 100_000])
def test_json_nested_too_deeply_is_a_k100_at_the_first_level_too_many(tmp_path, levels):
    text, column = json_nested(levels)
    knowledge, diagnostics, documents = load_knowledge([write(tmp_path / "k.json", text)])
    assert [where(d) for d in diagnostics] == [("K100", 2, column)]
    assert "nested too deeply" in diagnostics[0].message and str(MAX_NESTING) in diagnostics[0].message
    assert knowledge.categories == {} and not documents[0].can_save


def test_json_nested_up_to_the_limit_loads_copies_and_saves(tmp_path):
    text, _ = json_nested(MAX_NESTING - 1)
    path = write(tmp_path / "k.json", text)
    knowledge, diagnostics, documents = load_knowledge([path])
    assert diagnostics == [] and list(knowledge.copy().categories) == ["手机"]
    knowledge.categories["手机"].icon = "📱"
    documents[0].save(knowledge)
    assert json.loads(path.read_text("utf-8"))["deep"] == json.loads(text)["deep"]


def test_brackets_inside_json_strings_are_no_nesting(tmp_path):
    text = '{"categories": {"手机": {"description": "' + "[{" * 500 + '\\"]"}}}\n'
    knowledge, diagnostics, _ = load_knowledge([write(tmp_path / "k.json", text)])
    assert diagnostics == [] and knowledge.categories["手机"].description.startswith("[{[{")


def yaml_flow_nested(levels: int) -> str:
    return "categories:\n  手机: {}\ndeep: " + "[" * levels + "]" * levels + "\n"


def yaml_block_nested(levels: int) -> str:
    """`deep:` then `levels` mappings, each indented one step more (the root makes one level more)."""
    lines = ["categories:", "  手机: {}", "deep:"]
    lines += ["  " * level + "k:" for level in range(1, levels + 1)]
    lines.append("  " * (levels + 1) + "end")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("levels", [MAX_NESTING, 250, 400])
def test_yaml_flow_nested_too_deeply_is_a_k100_at_the_first_level_too_many(tmp_path, levels):
    text = yaml_flow_nested(levels)
    knowledge, diagnostics, documents = load_knowledge([write(tmp_path / "k.yaml", text)])
    assert [where(d) for d in diagnostics] == [("K100", 3, len("deep: ") + MAX_NESTING)]
    assert "nested too deeply" in diagnostics[0].message
    assert knowledge.categories == {} and not documents[0].can_save


@pytest.mark.parametrize("levels", [MAX_NESTING, 250, 400, 700])   # 700 levels of indent: 0.5 MB
def test_yaml_block_nested_too_deeply_is_a_k100_at_the_first_level_too_many(tmp_path, levels):
    text = yaml_block_nested(levels)
    knowledge, diagnostics, _ = load_knowledge([write(tmp_path / "k.yaml", text)])
    assert [d.code for d in diagnostics] == ["K100"] and "nested too deeply" in diagnostics[0].message
    # The root mapping is level 1, the one on line 4 level 2: the one at level 101 starts on line 103.
    assert (diagnostics[0].span.line, diagnostics[0].span.column) == (3 + MAX_NESTING, 2 * MAX_NESTING + 1)
    assert knowledge.categories == {}


def test_yaml_nested_up_to_the_limit_loads(tmp_path):
    for text in (yaml_flow_nested(MAX_NESTING - 1), yaml_block_nested(MAX_NESTING - 1)):
        knowledge, diagnostics, _ = load_knowledge([write(tmp_path / "k.yaml", text)])
        assert diagnostics == [] and list(knowledge.copy().categories) == ["手机"]


def test_yaml_nested_too_deeply_through_an_alias_is_a_k100_in_the_aliased_lists(tmp_path):
    # 60 levels under `shared`, listed 60 levels down under `deep`: 121 levels in the data.
    text = ("categories:\n  手机: {}\nshared: &shared " + "[" * 60 + "]" * 60 + "\n"
            "deep: " + "[" * 59 + "*shared" + "]" * 59 + "\n")
    knowledge, diagnostics, _ = load_knowledge([write(tmp_path / "k.yaml", text)])
    assert [d.code for d in diagnostics] == ["K100"] and "nested too deeply" in diagnostics[0].message
    assert diagnostics[0].span.line == 3   # in the lists the alias brings in
    assert knowledge.categories == {}


def test_yaml_aliases_shared_many_times_are_walked_once(tmp_path):
    # Each level lists the one before nine times: 9**30 paths, but only 31 distinct lists.
    lines = ["categories:", "  手机: {}", "l0: &l0 [1]"]
    lines += [f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]" for i in range(1, 31)]
    knowledge, diagnostics, _ = load_knowledge([write(tmp_path / "k.yaml", "\n".join(lines) + "\n")])
    assert diagnostics == [] and list(knowledge.categories) == ["手机"]


def test_check_reports_deep_knowledge_instead_of_a_traceback(tmp_path):
    text, column = json_nested(990)
    code, out, err = check_project(write_project(tmp_path, RULES, text))
    assert code == 1 and err == ""
    assert f"knowledge/products.json:2:{column}: error K100 " in out


# --- names no text can carry --------------------------------------------------------------------

BAD_NAMES = [("lone surrogate", "\\udfff"), ("control character", "\\u0007"), ("control character", "a\\nb")]


@pytest.mark.parametrize("what, escaped", BAD_NAMES)
def test_a_json_name_with_a_lone_surrogate_or_a_control_character_is_k110_and_left_out(tmp_path, what, escaped):
    text = ('{"categories": {\n'
            f'  "{escaped}": {{}},\n'
            '  "手机": {"subtypes": ["' + escaped + '", "旗舰"], "brands": {\n'
            f'    "{escaped}": {{}},\n'
            '    "华为": {"aliases": ["HUAWEI", "' + escaped + '"], "series": ["' + escaped + '", "Mate 70"],\n'
            '             "scenarios": ["' + escaped + '"]}}}}}\n')
    knowledge, diagnostics, _ = load_knowledge([write(tmp_path / "k.json", text)])
    assert [(d.code, d.span.line) for d in diagnostics] == [("K110", line) for line in (2, 3, 4, 5, 5, 6)]
    assert all(what in d.message for d in diagnostics)
    assert all(d.message.isascii() or "\\" in d.message for d in diagnostics)
    assert not any(0xD800 <= ord(ch) <= 0xDFFF or ch in "\x07\n" for d in diagnostics for ch in d.message)
    assert list(knowledge.categories) == ["手机"]
    phones = knowledge.categories["手机"]
    assert phones.subtypes == ["旗舰"] and list(phones.brands) == ["华为"]
    huawei = phones.brands["华为"]
    assert (huawei.aliases, huawei.series, huawei.scenarios) == (["HUAWEI"], ["Mate 70"], [])


def test_a_description_with_a_lone_surrogate_is_k110_and_read_as_empty(tmp_path):
    text = '{"categories": {"手机": {"description": "智能\\udfff手机", "icon": "\\ud83d"}}}\n'
    knowledge, diagnostics, _ = load_knowledge([write(tmp_path / "k.json", text)])
    assert [d.code for d in diagnostics] == ["K110", "K110"]
    assert (knowledge.categories["手机"].description, knowledge.categories["手机"].icon) == ("", "")


def test_a_yaml_name_with_a_lone_surrogate_is_k110_at_its_place(tmp_path):
    text = 'categories:\n  手机:\n    brands:\n      "\\udfff": {}\n      华为:\n        series: ["\\udfff"]\n'
    knowledge, diagnostics, _ = load_knowledge([write(tmp_path / "k.yaml", text)])
    assert [where(d) for d in diagnostics] == [("K110", 4, 7), ("K110", 6, 18)]
    assert list(knowledge.categories["手机"].brands) == ["华为"]
    assert knowledge.categories["手机"].brands["华为"].series == []


def test_a_left_out_name_survives_a_save_of_another_edit(tmp_path):
    text = '{"categories": {"手机": {"brands": {"华为": {"aliases": ["\\udfff"]}}}}}\n'
    path = write(tmp_path / "k.json", text)
    knowledge, _, documents = load_knowledge([path])
    knowledge.categories["手机"].icon = "📱"
    documents[0].save(knowledge)
    saved = json.loads(path.read_text("utf-8"))
    assert saved["categories"]["手机"]["brands"]["华为"]["aliases"] == ["\udfff"]
    assert saved["categories"]["手机"]["icon"] == "📱"


@pytest.mark.parametrize("place", ["category", "brand", "alias", "series"])
def test_check_and_chat_run_on_knowledge_with_a_lone_surrogate_name(tmp_path, place):
    replacements = {"category": ('"手机": {', '"\\udfff": {'), "brand": ('"华为": {', '"\\udfff": {'),
                    "alias": ('"aliases": ["HUAWEI"]', '"aliases": ["HUAWEI", "\\udfff"]'),
                    "series": ('"iPhone 15"', '"iPhone 15", "\\udfff"')}
    old, new = replacements[place]
    project = write_project(tmp_path, RULES, SAMPLE.replace(old, new, 1))
    code, out, err = check_project(project)
    assert code == 1 and err == "" and " K110 " in out and "lone surrogate" in out
    stdout = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")   # strict, as a terminal's
    assert chat_cmd.run(str(project), "off", False, io.StringIO("你好\n"), stdout, io.StringIO()) == 0
    stdout.flush()
    assert "智能设备" in stdout.buffer.getvalue().decode("utf-8")
