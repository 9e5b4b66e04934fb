"""`rule-studio check --format json` on a project with exactly one of each behaviour problem:
each is reported with its witness, each W300 witness replays through the engine, nothing else
is reported."""
import io
import json
from pathlib import Path

import pytest

from studio.cli import check_cmd
from studio.dsl.parser import parse
from studio.engine.assistant import Assistant
from studio.engine.intents import KeywordIntentDetector
from studio.engine.rulebase import RuleBase
from studio.knowledge import load_knowledge

SHOP = '''INTENT product_query KEYWORDS "买|想要|手机"
INTENT cart KEYWORDS "下单|结算"
INTENT order KEYWORDS "付款|下单"

RULE buy_huawei PRIORITY 10 WHEN INTENT_IS product_query AND USER_MENTION_ANY "华为"
THEN RESPOND "华为的手机很受欢迎" SET_STAGE "brand_select"
RULE buy_other PRIORITY 10 WHEN INTENT_IS product_query AND NOT USER_MENTION_ANY "华为"
THEN RESPOND "您想看哪个品牌？" SET_STAGE "cart"
RULE huawei PRIORITY 8 WHEN USER_MENTION_ANY "华为" THEN RESPOND "华为"
RULE buy_while_choosing PRIORITY 5 WHEN INTENT_IS product_query AND CONTEXT_STAGE_IS "brand_select"
THEN RESPOND "为您推荐"
RULE huawei_phone PRIORITY 3 WHEN USER_MENTION_ANY "华为手机" THEN RESPOND "华为手机"
RULE two_stages WHEN CONTEXT_STAGE_IS "cart" AND CONTEXT_STAGE_IS "brand_select" THEN RESPOND "?"
RULE fallback PRIORITY -100 WHEN ALWAYS THEN RESPOND "抱歉"
'''
KNOWLEDGE = {"categories": {"手机": {"brands": {"华为": {"series": ["Mate 70"]}}}}}


def write_project(root: Path, rules: str = SHOP) -> Path:
    (root / "rules").mkdir(parents=True)
    (root / "knowledge").mkdir()
    (root / "rules" / "shop.dsl").write_text(rules, encoding="utf-8")
    (root / "knowledge" / "products.json").write_text(json.dumps(KNOWLEDGE, ensure_ascii=False), encoding="utf-8")
    return root


def check_json(root: Path) -> tuple[int, list[dict]]:
    out, err = io.StringIO(), io.StringIO()
    code = check_cmd.run(str(root), "json", False, out, err)
    return code, json.loads(out.getvalue())


def test_exactly_the_behaviour_problems_are_reported_each_with_its_witness(tmp_path):
    root = write_project(tmp_path)
    code, items = check_json(root)
    assert code == 0
    found = {(item["code"], item["line"]): item for item in items}
    assert sorted(found) == [("W300", 10), ("W300", 12), ("W340", 13), ("W350", 3)]
    assert all("witness" in item for item in items)
    assert found[("W340", 13)]["witness"] is None
    assert found[("W350", 3)]["witness"] == {"message": "下单", "intent": "cart"}
    union = found[("W300", 10)]
    assert "'buy_huawei'" in union["message"] and "'buy_other'" in union["message"]
    assert "'huawei'" in found[("W300", 12)]["message"]


def test_every_w300_witness_replays_through_the_engine(tmp_path):
    root = write_project(tmp_path)
    _, items = check_json(root)
    program = parse(SHOP, "rules/shop.dsl").program
    knowledge, _, _ = load_knowledge([root / "knowledge" / "products.json"], root=root)
    assistant = Assistant(RuleBase.build([program]), knowledge)
    witnesses = [item["witness"] for item in items if item["code"] == "W300"]
    assert len(witnesses) == 2
    for witness in witnesses:
        assert set(witness) == {"intent", "context", "message", "fires"}
        json.dumps(witness)   # plain JSON values, as `chat --set` reads them
        result = assistant.turn(assistant.new_context(**witness["context"]), witness["message"])
        assert (result.intent, result.intent_source, result.rule) == (witness["intent"], "keywords", witness["fires"])


def test_the_w350_witness_is_what_offline_detection_gives(tmp_path):
    root = write_project(tmp_path)
    _, items = check_json(root)
    [w350] = [item for item in items if item["code"] == "W350"]
    detector = KeywordIntentDetector(parse(SHOP, "shop.dsl").program.intents)
    assert detector.detect(w350["witness"]["message"]).intent == w350["witness"]["intent"]


def test_other_diagnostics_have_a_null_witness(tmp_path):
    root = write_project(tmp_path)
    (root / "rules" / "shop.dsl").write_text(SHOP + 'RULE typo WHEN INTENT_IS product_qurey THEN RESPOND "x"\n',
                                            encoding="utf-8")
    code, items = check_json(root)
    assert code == 1
    [e110] = [item for item in items if item["code"] == "E110"]
    assert e110["witness"] is None


MID_FLOW = '''INTENT product_query KEYWORDS "买|手机"
RULE chosen PRIORITY 2 WHEN CONTEXT_HAS current_category AND CONTEXT_HAS budget_range THEN RESPOND "1"
RULE phones WHEN INTENT_IS product_query AND CONTEXT_EQ current_category "手机" AND CONTEXT_HAS budget_range
    AND SALES_STAGE_IS 3 AND CONTEXT_EQ customer_type "1" THEN RESPOND "2"
RULE fallback PRIORITY -100 WHEN ALWAYS THEN RESPOND "3"
'''


@pytest.mark.parametrize("rules", [SHOP, MID_FLOW], ids=["shop", "mid_flow"])
def test_every_w300_witness_replays_through_rule_studio_chat(tmp_path, rules):
    from tests.cli.helpers import rule_studio
    root = write_project(tmp_path, rules)
    _, items = check_json(root)
    assert any(item["code"] == "W300" for item in items)
    for witness in (item["witness"] for item in items if item["code"] == "W300"):
        context = dict(witness["context"])
        args = ["chat", str(root), "--json", "--start", context.pop("current_stage")]
        for var, value in context.items():
            args += ["--set", f"{var}={json.dumps(value, ensure_ascii=False)}"]
        result = rule_studio(*args, stdin=witness["message"] + "\n")
        assert result.returncode == 0, result.stderr
        [turn] = [json.loads(line) for line in result.stdout.splitlines()]
        assert (turn["intent"], turn["rule"]) == (witness["intent"], witness["fires"])
