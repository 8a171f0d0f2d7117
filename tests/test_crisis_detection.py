"""The crisis-language detector against the labelled evaluation set (tests/data/crisis_evaluation.yaml).

The set was written before the detector's phrase list and is never copied into it.
The bar (issue 4): every explicit phrase caught, at least 90% of the vague ones, at most 2% false alarms.
"""
from pathlib import Path

import pytest
import yaml

from skill.safety import assess, is_heavy
from skill.safety.detector import EXPLICIT, normalise

EVALUATION = yaml.safe_load((Path(__file__).parent / "data" / "crisis_evaluation.yaml").read_text())
ORDINARY = [(group, u) for group, utterances in EVALUATION["ordinary"].items() for u in utterances]


def test_the_evaluation_set_is_big_enough():
    assert len(EVALUATION["explicit"]) + len(EVALUATION["vague"]) >= 60
    assert len(ORDINARY) >= 150


def test_recall_and_false_alarms_meet_the_bar(capsys):
    explicit_caught = [u for u in EVALUATION["explicit"] if assess(u).is_crisis]
    vague_caught = [u for u in EVALUATION["vague"] if assess(u).is_crisis]
    false_alarms = [(group, u) for group, u in ORDINARY if assess(u).is_crisis]
    explicit_recall = len(explicit_caught) / len(EVALUATION["explicit"])
    vague_recall = len(vague_caught) / len(EVALUATION["vague"])
    false_alarm_rate = len(false_alarms) / len(ORDINARY)
    with capsys.disabled():
        print(f"\ncrisis detector: explicit recall {len(explicit_caught)}/{len(EVALUATION['explicit'])} "
              f"= {explicit_recall:.1%}; vague recall {len(vague_caught)}/{len(EVALUATION['vague'])} "
              f"= {vague_recall:.1%}; false alarms {len(false_alarms)}/{len(ORDINARY)} = {false_alarm_rate:.1%}")
    missed = sorted(set(EVALUATION["explicit"]) - set(explicit_caught))
    assert explicit_recall == 1.0, missed
    assert vague_recall >= 0.90, sorted(set(EVALUATION["vague"]) - set(vague_caught))
    assert false_alarm_rate <= 0.02, false_alarms


def test_explicit_statements_are_told_apart_from_vague_ones():
    assert assess("I want to kill myself").kind == EXPLICIT
    assert assess("I don't want to wake up tomorrow").kind == "vague"


@pytest.mark.parametrize("said", [
    "I'm dying to see her", "this is killing me at work", "I could murder a curry",
    "I'm dead tired", "I cut myself shaving", "I'm not suicidal, just sad",
])
def test_idioms_and_denials_are_not_crises(said):
    assert not assess(said).is_crisis


def test_an_idiom_guard_does_not_hide_a_wish_to_die_about_living():
    assert not assess("I'd rather die than sing karaoke").is_crisis
    assert assess("I'd rather die than live like this").kind == EXPLICIT


def test_a_bounded_absence_is_not_a_crisis_but_an_open_one_is():
    assert not assess("I won't be here tomorrow, I'm at my sister's").is_crisis
    assert assess("I won't be here much longer").is_crisis


def test_a_denial_does_not_hide_what_else_is_said():
    assert assess("I'm not suicidal but I don't want to wake up").is_crisis


def test_spoken_forms_are_normalised():
    assert normalise("I DON'T wanna be here anymore!") == "i do not want to be here anymore"
    assert normalise("I dont want to wake up") == "i do not want to wake up"
    assert normalise("life's not worth it") == "life is not worth it"
    assert assess("I dont wanna be here any more").is_crisis


@pytest.mark.parametrize("said", ["hopeless", "I feel worthless", "empty", "numb", "exhausted"])
def test_heavy_feelings_are_heavy_but_not_crises(said):
    assert is_heavy(said) and not assess(said).is_crisis


def test_heavy_by_slot_id_and_light_feelings_are_not_heavy():
    assert is_heavy("knackered", "EXHAUSTED")
    assert not is_heavy("anxious", "ANXIOUS")
    assert not is_heavy("")
