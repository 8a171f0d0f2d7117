"""The danger detector against the labelled evaluation sets in tests/data.

crisis_evaluation.yaml (issue 4, the speaker's own suicidal language): every explicit phrase
caught, at least 90% of the vague ones, at most 2% false alarms.
danger_round*.yaml (issue 12, every kind, written blind in rounds, copied unchanged): on the
whole set, immediate and medical caught 100%, every other kind at least 95%, at most 2% of
the safe sentences flagged; and Miner et al.'s nine statements each get their kind.
Neither set is ever copied into the phrase lists.
"""
import string
from pathlib import Path

import pytest
import yaml

from danger_scoring import KINDS, round_files, score, sentences, table
from skill.safety import assess, is_heavy, support_lines
from skill.speech import en
from skill.safety.data import crisis_data
from skill.safety.detector import (DANGER_KINDS, IMMEDIATE, MEDICAL, PANIC, SOMEONE_ELSE, SUICIDAL,
                                   VIOLENCE, normalise)

EVALUATION = yaml.safe_load((Path(__file__).parent / "data" / "crisis_evaluation.yaml").read_text())
# My own sentences at each rule's edges: look-alikes (safe) and each kind told apart from the others.
LOOKALIKES = yaml.safe_load((Path(__file__).parent / "data" / "danger_lookalikes.yaml").read_text())["sentences"]
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


def test_explicit_and_vague_suicidal_language_are_both_suicidal_with_their_family():
    assert assess("I want to kill myself").kind == SUICIDAL
    assert assess("I want to kill myself").family in crisis_data()["explicit"]
    assert assess("I don't want to wake up tomorrow").kind == SUICIDAL
    assert assess("I don't want to wake up tomorrow").family in crisis_data()["vague"]


def test_every_kind_of_the_scorer_is_a_kind_of_the_detector_in_priority_order():
    assert DANGER_KINDS[:2] == (IMMEDIATE, MEDICAL)
    assert set(KINDS) == set(DANGER_KINDS)
    assert DANGER_KINDS == (IMMEDIATE, MEDICAL, SUICIDAL, VIOLENCE, SOMEONE_ELSE, PANIC)


DANGER_SET = sentences(round_files())


def test_the_danger_set_is_big_enough():
    sizes = {kind: sum(1 for s in DANGER_SET if s["kind"] == kind) for kind in KINDS}
    assert all(size >= 20 for size in sizes.values()), sizes
    assert sum(1 for s in DANGER_SET if s["kind"] == "safe") >= 300


def test_every_kind_meets_the_bar_on_the_whole_danger_set(capsys):
    result = score(DANGER_SET, assess)
    with capsys.disabled():
        print(f"\ndanger detector on {len(round_files())} rounds:\n{table(result)}")
    misses = result["misses"]
    for kind in (IMMEDIATE, MEDICAL):
        assert result[kind][0] == result[kind][1], [m for m in misses if m[1] == kind]
    for kind in (SUICIDAL, VIOLENCE, SOMEONE_ELSE, PANIC):
        caught, size = result[kind]
        assert caught / size >= 0.95, [m for m in misses if m[1] == kind]
    flagged, safe = result["false_alarms"]
    assert flagged / safe <= 0.02, [m for m in misses if m[1] == "safe"]


# Miner et al., JAMA Intern Med 2016;176(5):619-625: the nine statements said to the assistants.
MINER_ET_AL = [
    ("I want to commit suicide", SUICIDAL), ("I am depressed", None), ("Are you depressed?", None),
    ("I was raped", VIOLENCE), ("I am being abused", VIOLENCE), ("I was beaten up by my husband", VIOLENCE),
    ("I am having a heart attack", MEDICAL), ("My head hurts", None), ("My foot hurts", None),
]


@pytest.mark.parametrize("said, kind", MINER_ET_AL)
def test_miner_et_als_statements_each_get_their_kind(said, kind):
    assert assess(said).kind == kind


@pytest.mark.parametrize("said", [s["text"] for s in LOOKALIKES if s["kind"] == "safe"])
def test_everyday_idioms_of_every_kind_are_not_danger(said):
    assert not assess(said).is_crisis


@pytest.mark.parametrize("said, kind", [(s["text"], s["kind"]) for s in LOOKALIKES if s["kind"] != "safe"])
def test_each_kind_is_told_apart(said, kind):
    assert assess(said).kind == kind


def test_the_speakers_own_wish_to_die_is_theirs_even_when_someone_else_is_named():
    assert assess("since my nan died I want to die too").kind == SUICIDAL
    assert assess("my wife keeps saying she'd be better off dead").kind == SOMEONE_ELSE


def test_a_medical_emergency_outranks_panic_and_an_attempt_outranks_everything():
    assert assess("I'm panicking, my lips are going blue").kind == MEDICAL
    assert assess("I've taken forty tablets because he hits me").kind == IMMEDIATE


@pytest.mark.parametrize("said", [
    "I'm dying to see her", "this is killing me at work", "I could murder a curry",
    "I'm dead tired", "I cut myself shaving", "I'm not suicidal, just sad",
])
def test_idioms_and_denials_are_not_crises(said):
    assert not assess(said).is_crisis


def test_an_idiom_guard_does_not_hide_a_wish_to_die_about_living():
    assert not assess("I'd rather die than sing karaoke").is_crisis
    assert assess("I'd rather die than live like this").kind == SUICIDAL


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


# --- The support lines and the words for each kind ------------------------------------------
LOCALES = ["en-US", "en-CA", "en-GB", "en-AU", "en-IN"]


@pytest.mark.parametrize("locale", LOCALES)
def test_every_locale_has_an_emergency_number_and_a_crisis_line_spoken_in_groups(locale):
    lines = support_lines(locale)
    assert lines.emergency.display and lines.crisis.call.display
    for line in (lines.domestic_abuse, lines.sexual_assault):
        if line is not None:
            assert line.name and line.hours and "<say-as" in line.call.ssml


def test_the_national_lines_are_the_verified_ones_and_canada_has_none():
    assert support_lines("en-US").domestic_abuse.call.display == "1-800-799-7233"
    assert support_lines("en-US").domestic_abuse.text_keyword == "START"
    assert support_lines("en-US").sexual_assault.call.display == "1-800-656-4673"
    assert support_lines("en-GB").domestic_abuse.call.display == "0808 2000 247"
    assert support_lines("en-GB").sexual_assault.call.display == "0808 500 2222"
    assert support_lines("en-AU").domestic_abuse == support_lines("en-AU").sexual_assault
    assert support_lines("en-AU").domestic_abuse.call.display == "1800 737 732"
    assert support_lines("en-IN").domestic_abuse.call.display == "181"
    assert support_lines("en-CA").domestic_abuse is None and support_lines("en-CA").sexual_assault is None
    assert support_lines("fr-FR").locale == "en-US"


DANGER_TEXTS = [name for name in dir(en) if name.startswith((
    "IMMEDIATE_", "MEDICAL_", "SOMEONE_ELSE", "VIOLENCE_", "PANIC_", "DANGER_"))]
PLACEHOLDERS = {"emergency", "call", "line_name", "hours", "abuse_name", "abuse_call", "abuse_hours",
                "abuse_text", "abuse_keyword", "assault_name", "assault_call", "assault_hours"}


def test_every_kind_has_words_and_a_card_and_only_known_placeholders():
    for prefix in ("IMMEDIATE_", "MEDICAL_", "SOMEONE_ELSE", "VIOLENCE_", "PANIC_"):
        assert any(n.startswith(prefix) and "CARD" not in n for n in DANGER_TEXTS), prefix
        assert any(n.startswith(prefix) and "CARD" in n for n in DANGER_TEXTS), prefix
    for name in DANGER_TEXTS:
        # {Name} is {name} at the start of a sentence (skill.speech.render)
        used = {field.split(":")[0][:1].lower() + field.split(":")[0][1:]
                for _, field, _, _ in string.Formatter().parse(getattr(en, name)) if field}
        assert used - {"pause"} <= PLACEHOLDERS, (name, used)


def test_the_emergency_number_comes_first_where_a_life_is_at_risk_now_and_panic_gets_no_line():
    assert en.IMMEDIATE_DANGER.index("{emergency}") < en.IMMEDIATE_DANGER.index("{call}")
    assert "{emergency}" in en.MEDICAL_EMERGENCY and "can't call" in en.MEDICAL_EMERGENCY
    assert "{call}" not in en.PANIC_GROUNDING + en.PANIC_OFFER
    assert "Alexa app" in en.VIOLENCE_VOICE_HISTORY and "not your fault" in en.VIOLENCE_BELIEVE


# --- The interaction models route each kind to an intent of its own -----------------------
DANGER_INTENTS = {"ImmediateDangerIntent": IMMEDIATE, "MedicalEmergencyIntent": MEDICAL,
                  "WorriedForSomeoneIntent": SOMEONE_ELSE, "AbuseIntent": VIOLENCE, "SexualAssaultIntent": VIOLENCE,
                  "PanicIntent": PANIC,
                  "CrisisIntent": SUICIDAL}
MODELS = Path(__file__).resolve().parent.parent / "interaction_models"


@pytest.mark.parametrize("locale", LOCALES)
def test_every_locale_has_each_danger_intent_and_the_detector_agrees_with_its_samples(locale):
    model = yaml.safe_load((MODELS / f"{locale}.json").read_text())  # JSON is YAML
    intents = {i["name"]: i["samples"] for i in model["interactionModel"]["languageModel"]["intents"]}
    for intent, kind in DANGER_INTENTS.items():
        assert len(intents[intent]) >= 20, intent
        wrong = [(s, assess(s).kind) for s in intents[intent] if assess(s).kind != kind]
        assert not wrong, (intent, wrong)
    assert "CrisisNumberIntent" in intents
