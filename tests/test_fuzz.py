"""Property-based fuzzing of POST /alexa (hypothesis).

Whatever a client sends, the endpoint answers with a 4xx and a reason or with a valid Alexa response,
never a 5xx; nothing a user says is ever spoken back as markup. The normal test run uses the "ci"
profile (a few dozen examples per property); `make fuzz` runs the "fuzz" profile, over 10,000 cases.
"""
from __future__ import annotations

import json

import pytest
from hypothesis import given, note, settings
from hypothesis import strategies as st

from skill import create_app, envelopes

from response_check import problems, ssml_elements, speeches
from strategies import (INJECTED, SLOT_OF, STEPS, any_json, paths, slot_dict, slot_values, stale_attributes,
                        valid_requests, wrong_types)


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    app = create_app({"TESTING": True, "SKILL_ENV": "development",
                      "DATA_DIR": str(tmp_path_factory.mktemp("fuzz-data"))})
    return app.test_client()


def post(client, body: bytes | str):
    return client.post("/alexa", data=body, headers={"Content-Type": "application/json"})


def check_answer(response) -> dict | None:
    """The common property: a 4xx with a JSON reason, or a 200 that is a valid Alexa response."""
    assert response.status_code < 500, response.get_data(as_text=True)[:500]
    if response.status_code != 200:
        assert 400 <= response.status_code < 500
        assert response.get_json()["error"]
        return None
    body = response.get_json()
    assert problems(body) == [], json.dumps(body)[:2000]
    return body


# --- the properties -----------------------------------------------------------------------------

@given(body=any_json)
def test_arbitrary_json_is_never_a_server_error(client, body):
    check_answer(post(client, json.dumps(body)))


@given(body=st.binary(max_size=300))
def test_arbitrary_bytes_are_never_a_server_error(client, body):
    check_answer(post(client, body))


@given(request=valid_requests(), cut=st.floats(min_value=0, max_value=1, exclude_max=True))
def test_truncated_envelopes_are_refused(client, request, cut):
    raw = json.dumps(envelopes.envelope(request)).encode()
    response = post(client, raw[:int(len(raw) * cut)])
    check_answer(response)
    assert response.status_code == 400


@given(padding=st.integers(min_value=64 * 1024, max_value=200 * 1024))
@settings(max_examples=20)
def test_oversized_bodies_are_413(client, padding):
    body = envelopes.envelope(envelopes.launch_request())
    body["padding"] = "x" * padding
    response = post(client, json.dumps(body))
    assert response.status_code == 413
    assert response.get_json()["error"]


@given(request=valid_requests(), data=st.data())
def test_envelope_with_a_field_missing_or_of_the_wrong_type(client, request, data):
    body = envelopes.envelope(request, session_attributes={"step": data.draw(st.sampled_from(STEPS))})
    path = data.draw(st.sampled_from(sorted(paths(body), key=str)))
    parent = body
    for key in path[:-1]:
        parent = parent[key]
    if data.draw(st.booleans()):
        del parent[path[-1]]
    else:
        parent[path[-1]] = data.draw(wrong_types)
    note(f"changed {path}")
    check_answer(post(client, json.dumps(body)))


@given(request_type=st.text(max_size=40), intent_name=st.text(max_size=40), attributes=stale_attributes)
def test_unknown_request_and_intent_types(client, request_type, intent_name, attributes):
    unknown_type = envelopes.envelope({"type": request_type}, session_attributes=attributes)
    check_answer(post(client, json.dumps(unknown_type)))
    unknown_intent = envelopes.envelope(envelopes.intent_request(intent_name), session_attributes=attributes)
    check_answer(post(client, json.dumps(unknown_intent)))


@given(intent=st.sampled_from(sorted(SLOT_OF)), step=st.sampled_from(STEPS), value=slot_values,
       resolved=st.booleans())
def test_slot_values_are_never_spoken_as_markup(client, intent, step, value, resolved):
    slot_name = SLOT_OF[intent]
    slot = slot_dict(slot_name, value) if resolved else envelopes.slot(slot_name, value)
    body = envelopes.envelope(envelopes.intent_request(intent, {slot_name: slot}),
                              session_attributes={"step": step}, new_session=False)
    answer = check_answer(post(client, json.dumps(body)))
    assert answer is not None
    assert_no_injected_markup(answer)
    # The words may come back later ("say that again", the close): those turns must be as clean.
    for follow_up in ("AMAZON.RepeatIntent", "PhraseIntent", "RestIntent"):
        body = envelopes.envelope(envelopes.intent_request(follow_up),
                                  session_attributes=answer.get("sessionAttributes") or {}, new_session=False)
        assert_no_injected_markup(check_answer(post(client, json.dumps(body))))


def assert_no_injected_markup(answer: dict | None) -> None:
    for where, speech in speeches(answer or {}):
        for element in ssml_elements(speech.get("ssml") or ""):
            for name, value in element.attrib.items():
                assert INJECTED not in value, f"{where}: <{element.tag} {name}={value!r}> came from the user"
                assert value != "77s", f"{where}: a break the user asked for"
        assert speech["ssml"].count("<speak") == 1, f"{where}: {speech['ssml'][:300]}"


@given(request=valid_requests(), attributes=stale_attributes, new=st.booleans())
def test_stale_session_attributes_from_older_versions(client, request, attributes, new):
    body = envelopes.envelope(request, session_attributes=attributes, new_session=new)
    answer = check_answer(post(client, json.dumps(body)))
    assert answer is not None
    assert_no_injected_markup(answer)


@given(turns=st.lists(valid_requests(), min_size=1, max_size=12))
def test_random_sequences_of_valid_turns(client, turns):
    attributes, session_id, new = {}, None, True
    for turn in turns:
        body = envelopes.envelope(turn, session_attributes=attributes, new_session=new, session_id=session_id)
        answer = check_answer(post(client, json.dumps(body)))
        assert answer is not None, f"a valid {turn['type']} was refused"
        session_id = body["session"]["sessionId"]
        ended = answer["response"].get("shouldEndSession") is not False
        attributes, new = ({}, True) if ended else (answer.get("sessionAttributes") or {}, False)
        if ended:
            session_id = None
