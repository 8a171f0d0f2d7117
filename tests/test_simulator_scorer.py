"""The scorer judges by what the skill did at the step, not only by the intent's name."""
import yaml

from skill.simulator import coverage


def _score(tmp_path, *utterances):
    path = tmp_path / "round.yaml"
    path.write_text(yaml.safe_dump({"utterances": list(utterances)}))
    return coverage.score(path, "en-US")


def test_a_presence_is_welcomed_and_the_phrase_follows(tmp_path):
    score = _score(tmp_path, {"say": "my nan", "at": "presence", "means": "PresenceIntent", "value": "grandmother"},
                   {"say": "my cousin", "at": "presence", "means": "PresenceIntent", "value": "cousin"})
    assert score.right == 2, score.misses


def test_the_wrong_value_is_a_miss_even_with_the_right_intent(tmp_path):
    score = _score(tmp_path, {"say": "i feel sad", "at": "feeling", "means": "FeelingIntent", "value": "angry"})
    assert score.right == 0 and "not the value meant" in score.misses[0]


def test_another_intent_that_does_the_same_thing_at_that_step_counts(tmp_path):
    # At the welcome, "yes" and BeginIntent both begin the pause: the person is where they meant.
    score = _score(tmp_path, {"say": "yes", "at": "welcome", "means": "BeginIntent"})
    assert score.right == 1, score.misses


def test_the_same_words_at_another_step_can_miss(tmp_path):
    # A length after the phrase chooses the rest; "skip" at the feeling moves on, "skip" meant as a
    # rest length does not.
    score = _score(tmp_path, {"say": "a short one", "at": "phrase", "means": "RestLengthIntent", "value": "short"},
                   {"say": "skip", "at": "feeling", "means": "RestLengthIntent", "value": "short"})
    assert [v.right for v in score.verdicts] == [True, False]


def test_groups_and_steps_without_a_skill_step_are_judged_by_intent(tmp_path):
    score = _score(tmp_path, {"say": "yes", "at": "no_such_step", "means": "AMAZON.YesIntent"},
                   {"say": "rest", "at": "phrase", "means": "RestIntent"})
    assert score.by_group() == {"AMAZON.YesIntent": (1, 1), "RestIntent": (1, 1)}
    assert [v.by_intent for v in score.verdicts] == [True, False]
    assert "judged by intent only" in score.report()
