"""The model against itself, and every intent in every step against the response validator."""
import pytest

from conftest import load_model
from skill.simulator.resolver import BUILT_IN_PHRASES, InteractionModel
from skill.simulator.session import InProcessTarget, Simulator

MODEL = load_model("en-US")
TYPES = {t["name"]: t for t in MODEL["types"]}
# How to reach each step of the practice from nothing.
PATH_TO = {
    "welcome": ["open shared compassion"],
    "pause": ["open shared compassion", "yes"],
    "feeling": ["open shared compassion", "yes", "I'm ready"],
    "presence": ["open shared compassion", "yes", "I'm ready", "I feel anxious"],
    "phrase": ["open shared compassion", "yes", "I'm ready", "I feel anxious", "my grandmother"],
}


def _filled(intent: dict, sample: str) -> str:
    for slot in intent.get("slots", []):
        sample = sample.replace("{" + slot["name"] + "}", TYPES[slot["type"]]["values"][0]["name"]["value"])
    return sample


def _one_way_to_say(intent: dict) -> str:
    if intent["name"] == "AMAZON.FallbackIntent":
        return "play some jazz"
    samples = intent.get("samples") or BUILT_IN_PHRASES[intent["name"]]
    return _filled(intent, samples[0])


@pytest.mark.parametrize("intent", MODEL["intents"], ids=lambda i: i["name"])
def test_every_sample_resolves_to_its_own_intent(intent):
    model = InteractionModel.for_locale("en-US")
    strays = []
    for sample in intent.get("samples", []):
        heard = model.match_intent(_filled(intent, sample))
        if heard.intent != intent["name"]:
            strays.append(f"{sample!r} -> {heard.describe()}")
    assert not strays, "samples another intent takes:\n" + "\n".join(strays)


@pytest.mark.parametrize("step", PATH_TO)
@pytest.mark.parametrize("intent", MODEL["intents"], ids=lambda i: i["name"])
def test_every_intent_in_every_step_gets_a_response_alexa_accepts(app, step, intent):
    simulator = Simulator(InProcessTarget(app=app))
    for words in PATH_TO[step]:
        assert not simulator.say(words).ended
    assert simulator.attributes.get("step") == step
    turn = simulator.say(_one_way_to_say(intent))
    assert turn.intent == intent["name"]
    assert not turn.error and turn.warnings == [], [str(w) for w in turn.warnings]
    assert turn.text, "every intent is answered with speech"
