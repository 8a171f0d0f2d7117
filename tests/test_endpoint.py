"""What POST /alexa does with input that is not a proper Alexa request."""
import io
import json
import logging

import pytest

from skill import envelopes


def launch_body():
    return envelopes.envelope(envelopes.launch_request())


def post(client, data, content_type="application/json"):
    return client.post("/alexa", data=data, content_type=content_type)


def without(body, path):
    *parents, last = path.split(".")
    node = body
    for key in parents:
        node = node[key]
    del node[last]
    return body


def test_a_launch_is_answered(client):
    response = post(client, json.dumps(launch_body()))
    assert response.status_code == 200
    assert response.get_json()["response"]["outputSpeech"]["type"] == "SSML"


@pytest.mark.parametrize("data, reason", [
    (b"", "body is not valid JSON"),
    (b"{not json", "body is not valid JSON"),
    (b"\xff\xfe\x00", "body is not valid JSON"),
    (b"[1, 2, 3]", "body must be a JSON object (an Alexa request envelope)"),
    (b'"hello"', "body must be a JSON object (an Alexa request envelope)"),
    (b"{}", "missing field: version"),
])
def test_bodies_that_are_not_envelopes(client, data, reason):
    response = post(client, data)
    assert response.status_code == 400
    assert response.get_json() == {"error": reason}


@pytest.mark.parametrize("path", [
    "version", "request", "request.type", "request.requestId", "request.timestamp",
    "context", "context.System.application", "context.System.application.applicationId",
])
def test_missing_required_fields(client, path):
    response = post(client, json.dumps(without(launch_body(), path)))
    assert response.status_code == 400
    assert response.get_json()["error"] == f"missing field: {path}" or path in response.get_json()["error"]


def test_intent_request_needs_an_intent_name_and_a_session(client):
    body = envelopes.envelope(envelopes.intent_request("BeginIntent"))
    del body["request"]["intent"]["name"]
    assert post(client, json.dumps(body)).get_json() == {"error": "missing field: request.intent.name"}
    body = envelopes.envelope(envelopes.intent_request("BeginIntent"), with_session=False)
    assert post(client, json.dumps(body)).get_json() == {"error": "missing field: session"}


@pytest.mark.parametrize("path, value, reason", [
    ("version", 1, "field version must be a str"),
    ("request", "LaunchRequest", "field request must be an object"),
    ("request.type", None, "field request.type must be a str"),
    ("request.timestamp", 12, "field request.timestamp must be a str"),
])
def test_fields_of_the_wrong_type(client, path, value, reason):
    body = launch_body()
    *parents, last = path.split(".")
    node = body
    for key in parents:
        node = node[key]
    node[last] = value
    response = post(client, json.dumps(body))
    assert response.status_code == 400
    assert response.get_json() == {"error": reason}


def test_slots_of_the_wrong_shape(client):
    body = envelopes.envelope(envelopes.intent_request("FeelingIntent"))
    body["request"]["intent"]["slots"] = {"feeling": "anxious"}
    response = post(client, json.dumps(body))
    assert response.status_code == 400
    assert "slots" in response.get_json()["error"]


def test_a_timestamp_that_is_not_a_date(client):
    body = launch_body()
    body["request"]["timestamp"] = "yesterday-ish"
    response = post(client, json.dumps(body))
    assert response.status_code == 400
    assert response.get_json() == {"error": "body is not a well-formed Alexa request envelope"}


def test_unknown_request_type(client):
    body = launch_body()
    body["request"]["type"] = "Something.Unheard"
    response = post(client, json.dumps(body))
    assert response.status_code == 400
    assert response.get_json() == {"error": "unknown request type: Something.Unheard"}


def test_a_body_over_64_kib_is_413(client):
    body = launch_body()
    body["padding"] = "x" * (64 * 1024)
    response = post(client, json.dumps(body))
    assert response.status_code == 413
    assert response.get_json() == {"error": "body too large: at most 65536 bytes"}


@pytest.mark.parametrize("method", ["get", "put", "delete", "patch"])
def test_wrong_method_is_405(client, method):
    response = getattr(client, method)("/alexa")
    assert response.status_code == 405
    assert response.get_json() == {"error": "method not allowed: use POST"}


def test_a_failing_handler_becomes_a_calm_spoken_apology(app, client, caplog):
    from skill import handlers

    original = handlers.Practice.answer
    handlers.Practice.answer = lambda self, intent, slots=None: 1 / 0
    try:
        with caplog.at_level(logging.ERROR):
            response = post(client, json.dumps(launch_body()))
    finally:
        handlers.Practice.answer = original
    assert response.status_code == 200
    speech = response.get_json()["response"]["outputSpeech"]["ssml"]
    assert "something went wrong on my side" in speech
    assert "ZeroDivisionError" in caplog.text
    # The worker keeps serving.
    assert post(client, json.dumps(launch_body())).status_code == 200


def test_one_log_line_per_request_without_user_words_or_ids(client, caplog):
    body = envelopes.envelope(envelopes.intent_request(
        "FeelingIntent", {"feeling": envelopes.slot("feeling", "secretly heartbroken")}))
    with caplog.at_level(logging.INFO, logger="skill.requests"):
        post(client, json.dumps(body))
    lines = [r.getMessage() for r in caplog.records if r.name == "skill.requests"]
    assert len(lines) == 1
    assert "type=IntentRequest intent=FeelingIntent step=presence latency_ms=" in lines[0]
    assert "heartbroken" not in caplog.text
    assert envelopes.DEFAULT_USER_ID not in caplog.text


# --- holes found by the attack review (issue 14) ---------------------------------------------

def nested(depth: int, leaf="x"):
    value = leaf
    for _ in range(depth):
        value = [value]
    return value


def assert_no_traceback(caplog):
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info], caplog.text
    assert "Traceback" not in caplog.text


@pytest.mark.parametrize("depth", [65, 700, 2_000, 30_000])
def test_deeply_nested_raw_json_is_a_400(client, caplog, depth):
    with caplog.at_level(logging.INFO):
        response = post(client, b"[" * depth + b"]" * depth)
    assert response.status_code == 400
    assert "nested" in response.get_json()["error"]
    assert_no_traceback(caplog)


@pytest.mark.parametrize("depth", [70, 700, 900])
def test_deeply_nested_session_attributes_are_a_400(client, caplog, depth):
    body = launch_body()
    body["session"]["attributes"] = {"deep": nested(depth)}
    with caplog.at_level(logging.INFO):
        response = post(client, json.dumps(body))
    assert response.status_code == 400
    assert "nested" in response.get_json()["error"]
    assert_no_traceback(caplog)


def test_an_envelope_nested_as_deep_as_alexa_ever_sends_is_answered(client):
    body = launch_body()
    body["session"]["attributes"] = {"deep": nested(40)}
    assert post(client, json.dumps(body)).status_code == 200


def test_a_chunked_body_over_64_kib_is_413_not_cut_and_parsed(client):
    body = launch_body()
    body["padding"] = "x" * (64 * 1024)
    response = client.post("/alexa", input_stream=io.BytesIO(json.dumps(body).encode()),
                           headers={"Content-Type": "application/json", "Transfer-Encoding": "chunked"},
                           environ_overrides={"wsgi.input_terminated": True})
    assert response.status_code == 413
    assert response.get_json() == {"error": "body too large: at most 65536 bytes"}


def test_a_small_chunked_body_is_answered(client):
    response = client.post("/alexa", input_stream=io.BytesIO(json.dumps(launch_body()).encode()),
                           headers={"Content-Type": "application/json", "Transfer-Encoding": "chunked"},
                           environ_overrides={"wsgi.input_terminated": True})
    assert response.status_code == 200


def request_log_lines(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "skill.requests"]


@pytest.mark.parametrize("intent_name", [
    "FeelingIntent\nINFO skill.requests: request type=LaunchRequest forged=yes",
    "A" * 65,
    "Feeling Intent",
    "\x1b[31mRed",
])
def test_an_intent_name_that_is_not_a_name_is_not_logged(client, caplog, intent_name):
    body = envelopes.envelope(envelopes.intent_request(intent_name))
    with caplog.at_level(logging.INFO, logger="skill.requests"):
        assert post(client, json.dumps(body)).status_code == 200
    (line,) = request_log_lines(caplog)
    assert "type=IntentRequest intent=? step=" in line
    assert "forged" not in line and "\n" not in line and "\x1b" not in line and "AAAA" not in line


def test_a_session_step_the_skill_does_not_know_is_not_logged(client, caplog):
    body = envelopes.envelope(envelopes.intent_request("AMAZON.HelpIntent"),
                              session_attributes={"step": "pause\nINFO forged line", "question": "x" * 500})
    with caplog.at_level(logging.INFO, logger="skill.requests"):
        assert post(client, json.dumps(body)).status_code == 200
    (line,) = request_log_lines(caplog)
    assert "forged" not in line and "\n" not in line
    step = line.split("step=")[1].split()[0]
    from skill.practice import STEPS
    assert step in (*STEPS, "?", "-")


def test_log_values_are_only_known_ones():
    from skill.endpoint import loggable_intent, loggable_step, without_control_characters

    assert loggable_intent("AMAZON.StopIntent") == "AMAZON.StopIntent"
    assert loggable_intent("x\ny") == "?"
    assert loggable_step("feeling", ("feeling",)) == "feeling"
    assert loggable_step("feeling\n", ("feeling",)) == "?"
    assert without_control_characters("a\nb\x00c\u2028d\x7f") == "abcd"


# --- the development server ------------------------------------------------------------------

def test_development_server_answers_only_its_own_host_names(client):
    for host in ("localhost", "127.0.0.1:8000", "localhost:8000"):
        assert client.post("/alexa", json=launch_body(), headers={"Host": host}).status_code == 200, host
    response = client.post("/alexa", json=launch_body(), headers={"Host": "rebound.example"})
    assert response.status_code == 400


@pytest.mark.parametrize("headers", [
    {"Content-Type": "text/plain"},
    {"Content-Type": "application/x-www-form-urlencoded"},
    {"Content-Type": "application/json", "Sec-Fetch-Site": "cross-site"},
    {"Content-Type": "application/json", "Origin": "https://elsewhere.example"},
])
def test_development_server_refuses_posts_a_web_page_elsewhere_could_make(client, headers):
    response = client.post("/alexa", data=json.dumps(launch_body()), headers=headers)
    assert response.status_code in (403, 415)
    assert response.get_json()["error"]


def test_development_server_takes_its_own_pages_posts(client):
    response = client.post("/alexa", data=json.dumps(launch_body()),
                           headers={"Content-Type": "application/json; charset=utf-8",
                                    "Origin": "http://localhost", "Sec-Fetch-Site": "same-origin"})
    assert response.status_code == 200
