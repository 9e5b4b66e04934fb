import pytest

from tests.llm.fake_openai_server import garbage, http_error, reply, slow
from studio.dsl.parser import parse
from studio.engine.llm_port import IntentContext
from studio.llm.intents import build_intent_prompt, parse_intent_answer

RULES = '''
INTENT product_query "用户询问、挑选商品"
    KEYWORDS "买|推荐"
    EXAMPLES "我想买个手机" "有什么笔记本推荐"
INTENT confirmation "用户确认、同意或要求继续"
    EXAMPLES "好的" "就这个 {型号}"
INTENT cart_operation
'''
INTENTS = parse(RULES, "t.dsl").program.intents
NAMES = [intent.name.text for intent in INTENTS]
CONTEXT = IntentContext(stage="brand_select", product_chain="电脑 -> 笔记本 -> 苹果",
                        recent=[("user", "我想买电脑"), ("assistant", "好的，您想买电脑。"), ("user", "继续")])


@pytest.mark.parametrize("answer, expected", [
    ("product_query", "product_query"),
    ("  confirmation\n", "confirmation"),
    ('"confirmation"', "confirmation"),
    ("「confirmation」。", "confirmation"),
    ("意图：cart_operation", "cart_operation"),
    ("**Intent: Product_Query**", "product_query"),
    ("用户想继续当前流程，所以是 confirmation。", "confirmation"),
    ("The intent is `product_query`.", "product_query"),
])
def test_declared_intent_is_read_from_tolerated_answers(answer, expected):
    assert parse_intent_answer(answer, NAMES) == (expected, None)


@pytest.mark.parametrize("answer, error", [
    ("shopping_cart", "undeclared intent 'shopping_cart'"),
    ("意图：refund。", "undeclared intent 'refund'"),
    ("I am not sure what you mean.", "unusable answer"),
    ("", "unusable answer"),
    ("product_query 或 confirmation", "unusable answer: names several intents (product_query, confirmation)"),
])
def test_other_answers_are_refused_with_the_reason(answer, error):
    assert parse_intent_answer(answer, NAMES) == (None, error)


def test_a_name_inside_a_longer_word_does_not_count():
    assert parse_intent_answer("product_query_v2", ["query", "product_query"])[0] is None
    assert parse_intent_answer("是product_query", ["query", "product_query"]) == ("product_query", None)


@pytest.mark.parametrize("answer", ["none", "None.", "无"])
def test_none_means_no_intent_fits_and_is_not_an_error(answer):
    assert parse_intent_answer(answer, NAMES) == (None, None)


def test_prompt_shows_intents_stage_chain_and_history_once():
    system, user = build_intent_prompt("继续", INTENTS, CONTEXT)
    for expected in ("product_query：用户询问、挑选商品", "「我想买个手机」；「有什么笔记本推荐」", "- cart_operation",
                     "当前对话阶段：brand_select", "当前已选产品链：电脑 -> 笔记本 -> 苹果",
                     "- 用户：我想买电脑", "- 助手：好的，您想买电脑。", "none"):
        assert expected in system
    assert "- 用户：继续" not in system and user == "用户最新消息：继续"


def test_prompt_for_an_empty_context():
    system, _ = build_intent_prompt("你好", INTENTS, IntentContext(stage="", product_chain="", recent=()))
    assert "（尚未选择）" in system and "（暂无对话）" in system


def test_model_sees_the_context_and_its_declared_answer_is_taken(llm_port, fake_openai_server):
    fake_openai_server.script(reply("confirmation"))
    intent, call = llm_port.classify_intent("继续", INTENTS, CONTEXT)
    assert (intent, call.error, call.purpose) == ("confirmation", None, "intent")
    prompt = fake_openai_server.last.prompt_text
    assert "brand_select" in prompt and "电脑 -> 笔记本 -> 苹果" in prompt and "好的，您想买电脑。" in prompt
    assert "「就这个 {型号}」" in prompt   # braces of user-authored examples arrive literally
    assert call.prompt == prompt.replace("\n用户最新消息", "\n\n用户最新消息")


def test_undeclared_intent_from_the_model_is_refused(llm_port, fake_openai_server):
    fake_openai_server.script(reply("shopping_cart"))
    intent, call = llm_port.classify_intent("继续", INTENTS, CONTEXT)
    assert intent is None and call.raw == "shopping_cart" and call.error == "undeclared intent 'shopping_cart'"


@pytest.mark.parametrize("answer, says", [(garbage(), "invalid JSON"), (http_error(500), "HTTP status 500")])
def test_broken_answers_give_no_intent(llm_port, fake_openai_server, answer, says):
    fake_openai_server.script(answer)
    intent, call = llm_port.classify_intent("继续", INTENTS, CONTEXT)
    assert intent is None and call.raw is None and says in call.error


def test_hung_model_gives_no_intent_at_the_timeout(llm_port, fake_openai_server, llm_settings):
    fake_openai_server.script(slow("confirmation", 5))
    intent, call = llm_port.classify_intent("继续", INTENTS, CONTEXT)
    assert intent is None and call.error == f"timed out: no complete answer within {llm_settings.timeout_s:g} s"


def test_the_same_words_are_classified_by_their_stage(llm_port, fake_openai_server):
    fake_openai_server.respond_with(
        lambda body: reply("cart_operation" if "当前对话阶段：cart_added" in str(body) else "product_query"))
    in_cart = IntentContext(stage="cart_added", product_chain="手机 -> 苹果", recent=())
    assert llm_port.classify_intent("继续", INTENTS, in_cart)[0] == "cart_operation"
    assert llm_port.classify_intent("继续", INTENTS, CONTEXT)[0] == "product_query"


@pytest.mark.timeout(60)   # reading 5 MB for intent names took minutes
def test_a_five_megabyte_answer_is_garbage_not_an_intent(llm_port, fake_openai_server):
    fake_openai_server.script(reply("confirmation " * 400_000))
    intent, call = llm_port.classify_intent("继续", INTENTS, CONTEXT, timeout_s=10)   # 5 MB take a while
    assert intent is None and call.error.startswith("answer too long: 5200000 characters")
    assert len(call.raw) < 1000   # the trace keeps the start only


def test_a_long_declared_intent_name_still_fits_the_answer_cap(llm_port, fake_openai_server):
    long_name = "intent_" + "x" * 1500
    intents = parse(f"INTENT {long_name}\nINTENT other", "t.dsl").program.intents
    fake_openai_server.script(reply(f"意图：{long_name}"))
    assert llm_port.classify_intent("继续", intents, CONTEXT)[0] == long_name
