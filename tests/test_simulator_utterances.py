"""How many typed utterances, written as people say them, resolve to what they meant.

The list was written before tuning the model's samples; `compassion-sim --score
tests/simulator_utterances.yaml` prints the misses. The floor below guards against a model or
resolver change that quietly makes the skill understand people less well.
"""
from pathlib import Path

import yaml

from conftest import load_model
from skill.simulator import coverage

UTTERANCES = Path(__file__).parent / "simulator_utterances.yaml"
FLOOR_PERCENT = 85


def test_the_list_covers_every_intent_with_at_least_sixty_utterances():
    listed = yaml.safe_load(UTTERANCES.read_text())["utterances"]
    assert len(listed) >= 60
    # The kinds of danger are measured by their own sets (tests/data/danger_round*.yaml).
    safety = {"ImmediateDangerIntent", "MedicalEmergencyIntent", "WorriedForSomeoneIntent", "AbuseIntent",
              "SexualAssaultIntent", "PanicIntent"}
    assert {u["intent"] for u in listed} >= {i["name"] for i in load_model()["intents"]} - safety


def test_people_are_understood():
    score = coverage.score(UTTERANCES, "en-US")
    assert score.percent >= FLOOR_PERCENT, "\n".join([f"{score.right}/{score.total}", *score.misses])
