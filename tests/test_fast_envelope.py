"""The fast envelope reader gives exactly the objects ask-sdk-core's own deserializer gives."""
from __future__ import annotations

import json

import pytest
from ask_sdk_core.exceptions import AskSdkException
from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_model import RequestEnvelope
from hypothesis import given
from hypothesis import strategies as st

from skill import envelopes
from skill.fast_envelope import EnvelopeReader, ResponseWriter

from strategies import STEPS, any_json, paths, stale_attributes, valid_requests, wrong_types

SERIALIZER = DefaultSerializer()


def library(envelope: dict):
    try:
        return SERIALIZER.deserialize(json.dumps(envelope), RequestEnvelope)
    except AskSdkException as error:
        return type(error)


def fast(envelope: dict):
    try:
        return EnvelopeReader().read(envelope, SERIALIZER)
    except AskSdkException as error:
        return type(error)


def assert_same(envelope: dict) -> None:
    expected, got = library(envelope), fast(envelope)
    assert type(got) is type(expected)
    assert got == expected  # the models compare their whole __dict__, nested objects included
    if isinstance(expected, RequestEnvelope):
        assert SERIALIZER.serialize(got) == SERIALIZER.serialize(expected)
        assert type(got.request) is type(expected.request)


def test_every_kind_of_request_we_build():
    slot = envelopes.slot("feeling", "anxious", ("anxious", "ANXIOUS"))
    for request in (envelopes.launch_request(), envelopes.session_ended_request("ERROR"),
                    envelopes.intent_request("FeelingIntent", {"feeling": slot}, dialog_state="STARTED"),
                    {"type": "Alexa.Presentation.APL.UserEvent", "arguments": ["a", 1], "source": {"id": "x"}},
                    {"type": "AlexaSkillEvent.SkillDisabled"}):
        assert_same(envelopes.envelope(request, session_attributes={"step": "pause", "n": [1, {"a": None}]},
                                       supported_interfaces={"Alexa.Presentation.APL": {"runtime": {"maxVersion": "1.9"}}}))


@pytest.mark.parametrize("timestamp", ["2026-01-02T03:04:05Z", "2026-01-02T03:04:05.123Z",
                                       "2026-01-02T03:04:05.123456Z", "2026-01-02T03:04:05+01:00",
                                       "2026-01-02 03:04:05", "yesterday", "", "2026-13-40T99:99:99Z"])
def test_timestamps_of_every_shape(timestamp):
    body = envelopes.envelope(envelopes.launch_request())
    body["request"]["timestamp"] = timestamp
    assert_same(body)


@given(request=valid_requests(), attributes=stale_attributes)
def test_valid_envelopes(request, attributes):
    assert_same(envelopes.envelope(request, session_attributes=attributes))


@given(request=valid_requests(), data=st.data())
def test_envelopes_with_a_field_missing_changed_or_added(request, data):
    body = envelopes.envelope(request, session_attributes={"step": data.draw(st.sampled_from(STEPS))})
    path = data.draw(st.sampled_from(sorted(paths(body), key=str)))
    parent = body
    for key in path[:-1]:
        parent = parent[key]
    action = data.draw(st.sampled_from(["delete", "change", "add"]))
    if action == "delete":
        del parent[path[-1]]
    elif action == "change":
        parent[path[-1]] = data.draw(st.one_of(wrong_types, any_json))
    elif isinstance(parent, dict):
        parent[data.draw(st.text(max_size=12))] = data.draw(any_json)
    assert_same(body)


@pytest.fixture(scope="module")
def alexa_skill(tmp_path_factory):
    from skill import create_app

    app = create_app({"TESTING": True, "SKILL_ENV": "development",
                      "DATA_DIR": str(tmp_path_factory.mktemp("writer-data"))})
    return app.extensions["alexa_skill"]


@given(request=valid_requests(), attributes=stale_attributes)
def test_responses_are_written_as_the_library_writes_them(alexa_skill, request, attributes):
    envelope = EnvelopeReader().read(envelopes.envelope(request, session_attributes=attributes), SERIALIZER)
    response = alexa_skill.invoke(request_envelope=envelope, context=None)
    assert ResponseWriter().write(response, SERIALIZER) == SERIALIZER.serialize(response)
