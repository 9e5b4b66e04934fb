from studio.explore.abstraction import MentionTests


def test_mention_tests_meet_as_the_engine_does_case_folded_substrings_all_and_any():
    tests = MentionTests([("any", "有哪些品牌|Brand"), ("all", "性价比|高"), ("all", ""), ("any", "重来")])
    assert tests.met("请问有哪些品牌") == {0}
    assert tests.met("BRAND list") == {0}
    assert tests.met("性价比要高") == {1}
    assert tests.met("性价比") == frozenset()
    assert tests.met("我想重来，性价比高的") == {1, 3}


def test_among_thousands_only_the_tests_with_an_alternative_in_the_message_are_met():
    many = MentionTests([("any", f"词{i}|别{i}") for i in range(5000)])
    assert many.met("说到词42了") == {4, 42}   # "词4" is in "词42" too
