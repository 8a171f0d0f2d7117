"""The danger detector's second reader (skill/safety/learned.py): a linear model asked only when no phrase matched."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from skill.safety import assess, learned
from skill.ssml import plain_text

from conftest import Conversation
from skill.safety.detector import DANGER_KINDS, LEARNED, _without_idioms, normalise

ROOT = Path(__file__).resolve().parent.parent
TRAIN = ROOT / "scripts" / "train_danger_model.py"


def words(text: str) -> str:
    return _without_idioms(normalise(text))


def test_the_model_file_was_trained_on_the_data_and_features_as_they_are_now():
    # A new round, a changed phrase file or feature: make danger-model, or the detector runs on stale weights.
    done = subprocess.run([sys.executable, str(TRAIN), "--check"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_the_model_knows_every_kind_and_safe_and_has_a_threshold_for_each_kind():
    model = json.loads(learned.MODEL_FILE.read_text(encoding="utf-8"))
    assert model["classes"] == [learned.SAFE, *DANGER_KINDS]
    assert set(model["thresholds"]) == set(DANGER_KINDS)
    assert all(0.3 <= t < 1 for t in model["thresholds"].values())


def test_probabilities_are_a_distribution_over_safe_and_the_kinds():
    chances = learned.probabilities(words("i feel a bit flat today"))
    assert set(chances) == {learned.SAFE, *DANGER_KINDS}
    assert sum(chances.values()) == pytest.approx(1.0)
    assert max(chances, key=chances.get) == learned.SAFE


def test_a_concept_counts_for_a_member_no_sentence_used():
    # "a razor" is one of the means in danger_language.yaml's words: it is the concept, not only a word.
    assert "@means" in learned.features(words("i have a razor here"))
    assert "@high_place" in learned.features(words("i am up on the viaduct"))
    assert "@speaker" in learned.features(words("i am up on the viaduct"))
    assert "@no_speaker" in learned.features(words("the dog is asleep"))


@pytest.mark.parametrize("text", [
    "i'm not suicidal i'm just tired",    # a denial is taken out before either reader sees it
    "he beat me at chess again",          # so is an idiom
    "that film killed me",
])
def test_what_the_phrases_take_out_the_model_never_sees(text):
    assert assess(text).kind is None


def test_the_model_speaks_only_where_no_phrase_matched(monkeypatch):
    caught = assess("i'm on the ledge and i'm going to jump")
    assert caught.kind == "immediate" and caught.family != LEARNED
    monkeypatch.setattr(learned, "likely_kind", lambda _words: pytest.fail("asked after a phrase matched"))
    assess.cache_clear()
    try:
        assert assess("i'm on the ledge and i'm going to jump").kind == "immediate"
    finally:
        assess.cache_clear()


def test_a_kind_only_the_model_found_is_said_with_its_family(monkeypatch):
    monkeypatch.setattr(learned, "likely_kind", lambda _words: "violence")
    assess.cache_clear()
    try:
        found = assess("a sentence no phrase knows about")
        assert (found.kind, found.family) == ("violence", LEARNED)
    finally:
        assess.cache_clear()


def test_below_its_threshold_the_model_says_nothing(monkeypatch):
    model = dict(learned._model(), thresholds={kind: 1.01 for kind in DANGER_KINDS})
    monkeypatch.setattr(learned, "_model", lambda: model)
    assert learned.likely_kind(words("my dad threatens me with his belt")) is None


def test_violence_only_the_model_found_is_sexual_when_its_words_are():
    found = assess("my manager cornered me in the storeroom and put his hands up my shirt")
    assert (found.kind, found.family) == ("violence", "sexual")


def test_what_only_the_model_hears_in_a_slot_is_met_as_the_phrases_meet_sexual_assault(client, locale):
    # No phrase knows the first words; both arrive in the feeling slot, as words Alexa did not resolve.
    def answer(words: str, user_id: str) -> tuple[str, str]:
        conversation = Conversation(client, locale=locale, user_id=user_id)
        for said in ("open shared compassion", "yes", "i'm ready"):
            conversation.say(said)
        conversation.intent("FeelingIntent", feeling=words)
        return conversation.attributes["step"], plain_text(conversation.speech, show_pauses=False)

    step, text = answer("my manager cornered me in the storeroom and put his hands up my shirt", "amzn1.ask.account.MODEL")
    assert assess("someone sexually assaulted me at the party").family == "sexual"
    assert (step, text) == answer("someone sexually assaulted me at the party", "amzn1.ask.account.PHRASE")
    assert step == "violence" and "Thank you for naming it" not in text
