"""Every intent of the model, in every state of the practice, gets a well-formed reply."""
import json

import pytest

from conftest import Conversation, load_model
from skill import envelopes
from skill.handlers import HANDLERS
from skill.simulator.validator import assert_valid

MODEL = load_model("en-US")
INTENTS = [intent["name"] for intent in MODEL["intents"]]

# How to reach each state of the practice from a fresh launch.
STATES = {
    "new session": [],
    "welcome": [("launch",)],
    "pause": [("launch",), ("AMAZON.YesIntent",)],
    "feeling": [("launch",), ("AMAZON.YesIntent",), ("ReadyIntent",)],
    "presence": [("launch",), ("AMAZON.YesIntent",), ("ReadyIntent",), ("FeelingIntent", "anxious")],
    "remember?": [("launch",), ("AMAZON.YesIntent",), ("ReadyIntent",), ("FeelingIntent", "anxious"),
                  ("PresenceIntent", "the sky")],
    "phrase": [("launch",), ("AMAZON.YesIntent",), ("ReadyIntent",), ("FeelingIntent", "anxious"),
               ("PresenceIntent", "the sky"), ("AMAZON.NoIntent",)],
    "welcome back": [("launch",), ("AMAZON.YesIntent",), ("ReadyIntent",), ("FeelingIntent", "anxious"),
                     ("PresenceIntent", "the sky"), ("AMAZON.YesIntent",), ("launch",)],
}
# For each slot: a listed value, a value the model does not list, and nothing at all.
SLOT_VALUES = ["listed", "unlisted words here", None]


def reach(conversation: Conversation, state: str) -> None:
    for turn in STATES[state]:
        if turn[0] == "launch":
            conversation.launch()
        else:
            slots = {s["name"]: turn[1] for s in _slots(turn[0])}
            conversation.intent(turn[0], **slots)


def _slots(intent_name):
    return next(i for i in MODEL["intents"] if i["name"] == intent_name).get("slots", [])


def _listed_value(slot):
    slot_type = next(t for t in MODEL["types"] if t["name"] == slot["type"])
    return slot_type["values"][0]["name"]["value"]


@pytest.mark.parametrize("state", list(STATES))
@pytest.mark.parametrize("intent", INTENTS)
def test_every_intent_in_every_state(client, state, intent):
    slots = _slots(intent)
    for choice in (SLOT_VALUES if slots else [None]):
        conversation = Conversation(client)
        reach(conversation, state)
        values = {s["name"]: (_listed_value(s) if choice == "listed" else choice) for s in slots}
        body = conversation.intent(intent, **values)
        assert_valid(body, request_type="IntentRequest")
        assert body["response"]["shouldEndSession"] in (True, False)
        if body["response"]["shouldEndSession"] is False:
            assert body["response"]["reprompt"], "an open session has a reprompt"


@pytest.mark.parametrize("state", [s for s in STATES if s != "new session"])
@pytest.mark.parametrize("reason", ["USER_INITIATED", "EXCEEDED_MAX_REPROMPTS", "ERROR"])
def test_session_ended_in_every_state(client, state, reason):
    conversation = Conversation(client)
    reach(conversation, state)
    body = conversation.send(envelopes.session_ended_request(reason), new_session=False)
    assert_valid(body, request_type="SessionEndedRequest")
    assert "outputSpeech" not in body["response"]


@pytest.mark.parametrize("state", list(STATES))
def test_an_intent_the_code_does_not_know_is_re_asked_gently(client, state):
    conversation = Conversation(client)
    reach(conversation, state)
    body = conversation.send(envelopes.intent_request("SomethingNewIntent"))
    assert_valid(body, request_type="IntentRequest")
    assert body["response"]["shouldEndSession"] is False


def test_every_intent_in_the_model_has_a_real_handler(app):
    """Each intent is answered by a handler written for it, not by the catch-all ones."""
    from ask_sdk_core.handler_input import HandlerInput
    from ask_sdk_model import RequestEnvelope

    skill = app.extensions["alexa_skill"]
    generic = {"UnexpectedIntentHandler", "SilentEventHandler"}
    for intent in INTENTS:
        body = envelopes.envelope(envelopes.intent_request(intent))
        request_envelope = skill.serializer.deserialize(json.dumps(body), RequestEnvelope)
        handler_input = HandlerInput(request_envelope=request_envelope)
        chosen = next(h for h in (cls() for cls in HANDLERS) if h.can_handle(handler_input))
        assert type(chosen).__name__ not in generic, f"{intent} has no handler of its own"
