"""The dialog table, walked: every state x everything a person can ask x listed, unlisted and empty slot words.

Each request lands straight in its state, as Alexa would bring it back: session attributes holding the
state's step and question, and a presence the model resolved ("the sky"), invited again, so every guard
of the table can hold. The answer must be one Alexa accepts, never the apology, and the session must
end, or stay open and move, only as skill/dialog.py says.
"""
from __future__ import annotations

import uuid
from functools import lru_cache

import pytest

from conftest import LOCALES, load_model
from skill import create_app, dialog, envelopes
from skill.simulator.resolver import InteractionModel
from skill.simulator.validator import assert_valid
from skill.speech import texts_for
from skill.ssml import plain_text

# An intent no model or table knows (a newer model, a typo in the console): the table's "otherwise".
UNKNOWN_INTENT = "SomethingNewIntent"
REQUEST_TYPES = (dialog.LAUNCH,)  # what the table answers that is not an intent
# Every intent of every locale's model, and every intent the table names (a model may lack one).
TABLE_INTENTS = {intent for name in dialog.STATES for intent in dialog.moves_of(name)} - {dialog.OTHERWISE}
MODEL_INTENTS = {locale: {intent["name"] for intent in load_model(locale)["intents"]} for locale in LOCALES}
ASKED = sorted((set().union(*MODEL_INTENTS.values()) | TABLE_INTENTS) - set(REQUEST_TYPES)) + [UNKNOWN_INTENT]

# For each slot: a value the model lists, words it does not list, and a slot left empty.
LISTED, UNLISTED, EMPTY = "listed", "unlisted", "empty"
UNLISTED_WORDS = "the old garden gate"
# What the session carries: a presence the model resolved, invited again at the launch.
PRESENCE = {"presence": "the sky", "presence_id": "THE_SKY", "presence_name": "the sky", "invited": True}
REMEMBERED_USER = "amzn1.ask.account.REMEMBERED"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    """One app for the whole walk (a fresh one per case would cost more than the case)."""
    app = create_app({"TESTING": True, "SKILL_ENV": "development",
                      "DATA_DIR": str(tmp_path_factory.mktemp("walk-data"))})
    return app.test_client()


@lru_cache(maxsize=None)
def model_of(locale: str) -> dict:
    return load_model(locale)


def attributes_for(state_name: str) -> dict:
    state = dialog.STATES[state_name]
    if state_name == "new":
        return {}
    at = {"step": state.step, **({"question": state.question} if state.question else {})}
    return {**at, **PRESENCE}


def someone_new() -> str:
    """A person the store knows nothing about: what one case keeps never changes another."""
    return f"amzn1.ask.account.WALK{uuid.uuid4().hex.upper()}"


def send(client, request: dict, state_name: str, locale: str, user: str | None = None) -> dict:
    user = user or someone_new()
    body = envelopes.envelope(request, locale=locale, session_attributes=attributes_for(state_name),
                              new_session=state_name == "new", user_id=user)
    response = client.post("/alexa", json=body)
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return response.get_json()


def slots_for(locale: str, intent: str, choice: str) -> dict:
    """The intent's slots as Alexa sends them: the words, and the value they resolved to, if any."""
    model = InteractionModel.for_locale(locale)
    language_model = model_of(locale)
    declared = next((i.get("slots", []) for i in language_model["intents"] if i["name"] == intent), [])
    slots = {}
    for slot in declared:
        if choice == EMPTY:
            slots[slot["name"]] = envelopes.slot(slot["name"], None)
            continue
        if choice == LISTED:
            values = next(t for t in language_model["types"] if t["name"] == slot["type"])["values"]
            words = values[0]["name"]["value"]
        else:
            words = UNLISTED_WORDS
        heard = model.resolve_slot(intent, slot["name"], words)
        slots[slot["name"]] = envelopes.slot(slot["name"], words, (heard.canonical, heard.id) if heard.resolved else None)
    return slots


def slot_choices(locale: str, intent: str) -> list[str]:
    has_slots = any(i.get("slots") for i in model_of(locale)["intents"] if i["name"] == intent)
    return [LISTED, UNLISTED, EMPTY] if has_slots else [EMPTY]


def assert_answer_follows_the_table(answer: dict, state_name: str, asked: str, locale: str) -> None:
    """A valid response, never the apology, open with a reprompt or ended, and only where the table leads."""
    request_type = "LaunchRequest" if asked == dialog.LAUNCH else "IntentRequest"
    assert_valid(answer, locale=locale, request_type=request_type)
    response = answer["response"]
    speech = plain_text(response.get("outputSpeech", {}).get("ssml", ""))
    assert texts_for(locale).ERROR not in speech, f"{asked} in {state_name} ({locale}) got the apology"
    options = dialog.alternatives(state_name, asked)
    leads_to = {state_name if option.to == dialog.SAME else option.to for option in options}
    ended = response.get("shouldEndSession") is not False
    if ended:
        assert dialog.END in leads_to, f"{asked} in {state_name} ended the session; the table leads to {leads_to}"
        return
    assert leads_to != {dialog.END}, f"{asked} in {state_name}: the table ends the session; it stayed open"
    assert (response.get("reprompt") or {}).get("outputSpeech"), "an open session has a reprompt"
    attributes = answer.get("sessionAttributes") or {}
    now = dialog.state_named(attributes.get("step"), attributes.get("question"))
    assert now in leads_to, f"{asked} in {state_name} moved to {now}; the table leads to {leads_to}"


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("state_name", list(dialog.STATES))
@pytest.mark.parametrize("intent", ASKED)
def test_every_intent_in_every_state(client, locale, state_name, intent):
    for choice in slot_choices(locale, intent):
        answer = send(client, envelopes.intent_request(intent, slots_for(locale, intent, choice)), state_name, locale)
        assert_answer_follows_the_table(answer, state_name, intent, locale)


@pytest.fixture(scope="module")
def remembered_user(client):
    """Someone who said yes at the close, so a launch finds "the sky" kept for them."""
    answer = send(client, envelopes.intent_request(dialog.YES), "remember", "en-US", user=REMEMBERED_USER)
    assert answer["response"]["shouldEndSession"] is True
    return REMEMBERED_USER


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("state_name", list(dialog.STATES))
@pytest.mark.parametrize("remembered", [False, True], ids=["first-time", "remembered"])
def test_a_launch_in_every_state(client, remembered_user, locale, state_name, remembered):
    answer = send(client, envelopes.launch_request(), state_name, locale, user=remembered_user if remembered else None)
    assert_answer_follows_the_table(answer, state_name, dialog.LAUNCH, locale)
    if state_name == "new":
        to = dialog.state_named(answer["sessionAttributes"].get("step"), answer["sessionAttributes"].get("question"))
        assert to == ("welcome_back" if remembered else "welcome")


@pytest.mark.parametrize("state_name", [name for name in dialog.STATES if name != "new"])
@pytest.mark.parametrize("reason", ["USER_INITIATED", "EXCEEDED_MAX_REPROMPTS", "ERROR"])
def test_session_ended_in_every_state(client, state_name, reason):
    answer = send(client, envelopes.session_ended_request(reason), state_name, "en-US")
    assert_valid(answer, request_type="SessionEndedRequest")
    assert "outputSpeech" not in answer["response"]

