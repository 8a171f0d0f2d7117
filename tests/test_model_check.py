import copy
import json

import pytest

from conftest import MODELS
from skill.simulator import model_check
from skill.simulator.cli import main


def test_every_shipped_model_passes_every_check():
    for path, findings in model_check.check_files().items():
        assert findings == [], f"{path.name}:\n" + "\n".join(map(str, findings))


def test_check_models_command_exits_zero_on_the_shipped_models(capsys):
    assert main(["--check-models"]) == 0
    assert "0 finding(s)" in capsys.readouterr().out


@pytest.fixture
def model():
    return copy.deepcopy(json.loads((MODELS / "en-US.json").read_text()))


def _intent(model, name):
    return next(i for i in model["interactionModel"]["languageModel"]["intents"] if i["name"] == name)


def _messages(model, severity="error"):
    return [f"{f.where}: {f.message}" for f in model_check.check_model(model) if f.severity == severity]


@pytest.mark.parametrize("name, complaint", [
    ("compassion", "two words"),
    ("Shared Compassion", "lower-case"),
    ("ask compassion", "may not contain ask"),
    ("alexa compassion", "may not contain alexa"),
    ("the compassion", "article or preposition"),
    ("shared compassion 2", "lower-case"),
])
def test_invocation_name_rules(model, name, complaint):
    model["interactionModel"]["languageModel"]["invocationName"] = name
    assert any(complaint in m for m in _messages(model)), _messages(model)


def test_undefined_slot_type(model):
    _intent(model, "FeelingIntent")["slots"][0]["type"] = "MOOD_TYPE"
    assert any("slot type 'MOOD_TYPE' is not defined" in m for m in _messages(model))


def test_slot_in_sample_not_declared(model):
    _intent(model, "ReadyIntent")["samples"].append("ready with {friend}")
    assert any("{friend} is not a slot of ReadyIntent" in m for m in _messages(model))


def test_same_sample_in_two_intents(model):
    _intent(model, "SkipIntent")["samples"].append("Let's Rest")
    assert any("RestIntent: \"let's rest\": is also a sample of SkipIntent" in m for m in _messages(model))


def test_same_words_with_a_contraction_in_two_intents_is_a_warning(model):
    _intent(model, "SkipIntent")["samples"].append("let us rest")
    assert any("is also a sample of SkipIntent (said the same way)" in m for m in _messages(model, "warning"))


def test_digits_in_samples(model):
    _intent(model, "RestIntent")["samples"].append("rest for 5 minutes")
    assert any("spelled out" in m for m in _messages(model))


def test_empty_and_duplicate_slot_values(model):
    values = model["interactionModel"]["languageModel"]["types"][0]["values"]
    values.append({"id": "BLANK", "name": {"value": " "}})
    values.append({"id": "NERVY", "name": {"value": "nervy", "synonyms": ["nervous"]}})
    messages = _messages(model)
    assert any("empty slot value" in m for m in messages)
    assert any("'nervous' is also listed under 'anxious'" in m for m in messages)


def test_custom_intent_without_samples_and_with_too_few(model):
    _intent(model, "RestIntent")["samples"] = []
    _intent(model, "SkipIntent")["samples"] = ["skip", "next"]
    assert any("RestIntent: a custom intent needs sample utterances" in m for m in _messages(model))
    assert any("SkipIntent: only 2 samples" in m for m in _messages(model, "warning"))
