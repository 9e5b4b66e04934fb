"""A long customer message costs work in proportion to its length, in every step of an offline turn."""
from pathlib import Path

import pytest

from studio.engine.assistant import Assistant
from studio.engine.rulebase import RuleBase
from studio.project import Project
from tests.work import python_lines_run

ROOT = Path(__file__).resolve().parents[2]

SENTENCE = "我想买个手机，预算五千左右，华为或者苹果，4000以内也行，主要拍照和游戏，iPhone 16 Pro 怎么样？"


@pytest.fixture(scope="module")
def assistant() -> Assistant:
    analysis = Project.open(str(ROOT)).analyze()
    return Assistant(RuleBase.build(analysis.programs), analysis.knowledge)


@pytest.mark.parametrize("unit", ["手机", "五千", "华为 ", "游戏", SENTENCE], ids=["category", "numeral", "brand", "scenario", "sentence"])
def test_a_turn_does_work_linear_in_the_message_length(assistant, unit):
    def work(repeats: int) -> int:
        return python_lines_run(lambda: assistant.turn(assistant.new_context(), unit * repeats))

    work(1)   # indexes are built once per knowledge version, not per message
    small, large = work(100), work(800)
    assert large < 10 * small, (small, large)
