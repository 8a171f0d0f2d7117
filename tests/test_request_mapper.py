"""The skill's request mapper picks exactly the handler ask-sdk's own mapper would, for every request."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from ask_sdk_core.attributes_manager import AttributesManager
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_model import RequestEnvelope
from ask_sdk_runtime.dispatch_components import GenericRequestMapper

from skill import envelopes
from skill.alexa import IntentRequestMapper, build_skill
from skill.handlers import HANDLERS, CrisisLanguageHandler, PracticeHandler

MODEL = Path(__file__).resolve().parent.parent / "interaction_models" / "en-US.json"
SERIALIZER = DefaultSerializer()


def model_intents() -> list[str]:
    language_model = json.loads(MODEL.read_text())["interactionModel"]["languageModel"]
    return [intent["name"] for intent in language_model["intents"]]


def requests() -> list[tuple[str, dict]]:
    """Every intent of the model and of the handlers, with and without crisis words, and every other kind."""
    names = set(model_intents()) | {h.intent_name for h in HANDLERS if issubclass(h, PracticeHandler) and h.intent_name}
    names |= {"AMAZON.StopIntent", "AMAZON.CancelIntent", "AMAZON.NavigateHomeIntent", "SomeIntentNobodyKnows"}
    cases = []
    for name in sorted(names):
        cases.append((name, envelopes.intent_request(name)))
        cases.append((f"{name} + crisis words", envelopes.intent_request(
            name, {"feeling": envelopes.slot("feeling", "I want to end my life")})))
        cases.append((f"{name} + ordinary words", envelopes.intent_request(
            name, {"presence": envelopes.slot("presence", "my grandmother")})))
    cases += [
        ("launch", envelopes.launch_request()),
        ("session ended", envelopes.session_ended_request()),
        ("touch", envelopes.user_event_request(["begin"])),
        ("skill disabled", {"type": "AlexaSkillEvent.SkillDisabled"}),
        ("skill enabled", {"type": "AlexaSkillEvent.SkillEnabled"}),
    ]
    return cases


def handler_input(request: dict) -> HandlerInput:
    body = envelopes.envelope(request)
    request_envelope = SERIALIZER.deserialize(json.dumps(body), RequestEnvelope)
    return HandlerInput(request_envelope=request_envelope,
                        attributes_manager=AttributesManager(request_envelope=request_envelope))


@pytest.fixture(scope="module")
def mappers():
    skill = build_skill({})
    ours = skill.request_dispatcher.request_mappers[0]
    assert isinstance(ours, IntentRequestMapper)
    return GenericRequestMapper(ours.request_handler_chains), ours


@pytest.mark.parametrize("label, request_body", requests(), ids=[label for label, _ in requests()])
def test_same_handler_as_ask_sdk(mappers, label, request_body):
    library, ours = mappers
    expected = library.get_request_handler_chain(handler_input(request_body))
    got = ours.get_request_handler_chain(handler_input(request_body))
    assert got is expected
    assert got is not None


def test_crisis_words_in_any_intent_reach_the_crisis_handler(mappers):
    _, ours = mappers
    chain = ours.get_request_handler_chain(handler_input(envelopes.intent_request(
        "AMAZON.HelpIntent", {"feeling": envelopes.slot("feeling", "I want to end my life")})))
    assert isinstance(chain.request_handler, CrisisLanguageHandler)
