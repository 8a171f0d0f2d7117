"""The model against itself: every sample utterance resolves to its own intent.

(Every intent in every step against the response validator: test_every_state.py.)
"""
import pytest

from conftest import load_model
from skill.simulator.resolver import InteractionModel

MODEL = load_model("en-US")
TYPES = {t["name"]: t for t in MODEL["types"]}


def _filled(intent: dict, sample: str) -> str:
    for slot in intent.get("slots", []):
        sample = sample.replace("{" + slot["name"] + "}", TYPES[slot["type"]]["values"][0]["name"]["value"])
    return sample


@pytest.mark.parametrize("intent", MODEL["intents"], ids=lambda i: i["name"])
def test_every_sample_resolves_to_its_own_intent(intent):
    model = InteractionModel.for_locale("en-US")
    strays = []
    for sample in intent.get("samples", []):
        heard = model.match_intent(_filled(intent, sample))
        if heard.intent != intent["name"]:
            strays.append(f"{sample!r} -> {heard.describe()}")
    assert not strays, "samples another intent takes:\n" + "\n".join(strays)
