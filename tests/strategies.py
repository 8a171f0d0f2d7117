"""Hypothesis strategies for Alexa requests of every shape: shared by the fuzz and fast-envelope tests.

What a person can ask comes from the interaction models, and where a session can be from the dialog
table (skill/dialog.py), so a new intent, step or question is fuzzed the day it is added.
"""
from __future__ import annotations

import string
from dataclasses import fields

from hypothesis import strategies as st

from conftest import LOCALES, load_model
from skill import dialog, envelopes
from skill.session_state import SessionState

_MODELS = [load_model(locale) for locale in LOCALES]
# Every intent of every locale's model, and the slot each intent with one takes.
INTENTS = sorted({intent["name"] for model in _MODELS for intent in model["intents"]})
SLOT_OF = {intent["name"]: intent["slots"][0]["name"]
           for model in _MODELS for intent in model["intents"] if intent.get("slots")}
# The value each slot resolves to when the model matched: the first value of its slot type (en-US).
RESOLVED = {slot["name"]: next((value["name"]["value"], value["id"]) for t in _MODELS[0]["types"]
                               if t["name"] == slot["type"] for value in t["values"])
            for intent in _MODELS[0]["intents"] for slot in intent.get("slots", [])}
# Where a session can be: the table's states, their steps and the questions they wait on.
STATES = list(dialog.STATES)
STEPS = sorted({state.step for state in dialog.STATES.values()})
QUESTIONS = sorted({state.question for state in dialog.STATES.values() if state.question})
# What older versions of the skill wrote, and never will again.
OLD_STEPS, OLD_QUESTIONS = ["intro", "", "consent"], ["consent", "old", ""]
# Marks attribute values planted by the injection payloads; none may reach the SSML as markup.
INJECTED = "inject.example"

json_scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30)
any_json = st.recursive(json_scalars, lambda inner: st.lists(inner, max_size=4)
                        | st.dictionaries(st.text(max_size=12), inner, max_size=4), max_leaves=12)

markup_payloads = st.sampled_from([
    f'<audio src="https://{INJECTED}/a.mp3"/>', f"<audio src='https://{INJECTED}/b.mp3'>",
    f'</prosody></speak><speak><audio src="https://{INJECTED}/c.mp3"/>', '<break time="77s"/>',
    "]]>", "<![CDATA[", "&", "&amp;", "&lt;break/&gt;", "&#60;", "<", ">", '"', "'", "<speak>", "</speak>",
    f'<prosody rate="{INJECTED}">', "<!-- -->", "<?xml version='1.0'?>", '<say-as interpret-as="expletive">',
])
slot_values = st.one_of(
    st.just(""), st.just("   "), st.text(max_size=40), st.text(min_size=2000, max_size=5000),
    st.text(alphabet=st.characters(min_codepoint=0x80, max_codepoint=0x2FFFF), max_size=40),
    st.lists(st.one_of(markup_payloads, st.text(string.ascii_letters + " ", max_size=8)),
             min_size=1, max_size=6).map("".join),
)
wrong_types = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                        st.text(max_size=10), st.lists(st.integers(), max_size=3),
                        st.dictionaries(st.text(max_size=5), st.integers(), max_size=3))
# Every attribute the session holds, of the wrong type; the step, the question and the replayed speech
# also with values that look right (a real state, a state of an older version, a replay).
_ANY_FIELD = {field.name: wrong_types for field in fields(SessionState)}
stale_attributes = st.fixed_dictionaries({}, optional={
    **_ANY_FIELD,
    "step": st.one_of(st.sampled_from(STEPS + OLD_STEPS), wrong_types),
    "question": st.one_of(st.sampled_from(QUESTIONS + OLD_QUESTIONS), wrong_types),
    "last_speech": st.one_of(st.just("<speak>Welcome back.</speak>"), slot_values, wrong_types),
    "last_reprompt": st.one_of(st.just("<speak>Still here.</speak>"), slot_values, wrong_types),
    "feeling": st.one_of(slot_values, wrong_types),
    "presence": st.one_of(slot_values, wrong_types),
    "presence_id": st.one_of(st.sampled_from(["THE_SKY", "GRANDMOTHER", "NOT_A_VALUE"]), wrong_types),
    "rest": st.one_of(st.sampled_from(["short", "medium", "long", "forever"]), st.integers(), wrong_types),
}).flatmap(lambda known: st.dictionaries(st.text(max_size=10), any_json, max_size=3)
           .map(lambda unknown: {**unknown, **known}))


def slot_dict(name: str, value) -> dict:
    """The slot as Alexa sends it when the words matched a listed value (whatever the words were)."""
    return envelopes.slot(name, value, RESOLVED[name])


@st.composite
def valid_requests(draw) -> dict:
    kind = draw(st.sampled_from(["launch", "intent", "intent", "intent", "ended"]))
    if kind == "launch":
        return envelopes.launch_request()
    if kind == "ended":
        return envelopes.session_ended_request(draw(st.sampled_from(["USER_INITIATED", "EXCEEDED_MAX_REPROMPTS", "ERROR"])))
    name = draw(st.sampled_from(INTENTS))
    slots = {}
    if name in SLOT_OF:
        slots[SLOT_OF[name]] = slot_dict(SLOT_OF[name], draw(st.one_of(st.none(), slot_values)))
    return envelopes.intent_request(name, slots)


def paths(value, prefix=()):
    """Every path into a JSON value (dict keys and list indexes)."""
    if isinstance(value, dict):
        for key, inner in value.items():
            yield prefix + (key,)
            yield from paths(inner, prefix + (key,))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield prefix + (index,)
            yield from paths(inner, prefix + (index,))


