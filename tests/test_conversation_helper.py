"""The tests' Conversation helper: the simulator's session handling, and a hard stop on any invalid response."""
import flask
import pytest

from conftest import Conversation
from skill import envelopes
from skill.simulator.validator import InvalidResponse


def answering(*bodies, status=200):
    """A stand-in skill that answers POST /alexa with `bodies` in turn and keeps what it was sent."""
    app = flask.Flask("stand-in")
    app.received = []

    @app.post("/alexa")
    def alexa():
        app.received.append(flask.request.get_json())
        return flask.jsonify(bodies[len(app.received) - 1]), status

    return app


def reply(ssml, ends, attributes=None, reprompt=None):
    response = {"outputSpeech": {"type": "SSML", "ssml": ssml}, "shouldEndSession": ends}
    if reprompt:
        response["reprompt"] = {"outputSpeech": {"type": "SSML", "ssml": reprompt}}
    return {"version": "1.0", "sessionAttributes": attributes or {}, "response": response}


def test_a_response_alexa_would_refuse_fails_the_test():
    app = answering(reply('<speak>Rest.<break time="30s"/></speak>', ends=True))
    with pytest.raises(InvalidResponse, match="at most 10s"):
        Conversation(app.test_client()).launch()


def test_a_server_error_fails_the_test():
    app = answering({"error": "boom"}, status=500)
    with pytest.raises(AssertionError, match="HTTP 500"):
        Conversation(app.test_client()).launch()


def test_the_session_is_carried_and_ends_as_alexa_ends_it():
    app = answering(reply("<speak>Shall we begin?</speak>", False, {"step": "welcome"}, "<speak>Begin?</speak>"),
                    reply("<speak>Goodbye.</speak>", True, {"step": "welcome"}),
                    reply("<speak>Welcome back. Ready?</speak>", False, {}, "<speak>Ready?</speak>"))
    conversation = Conversation(app.test_client(), locale="en-GB")
    conversation.launch()
    assert not conversation.ended and conversation.attributes == {"step": "welcome"}
    conversation.intent("FeelingIntent", feeling="Lost")
    assert conversation.ended and conversation.speech == "<speak>Goodbye.</speak>"
    conversation.intent("AMAZON.YesIntent")
    first, second, third = app.received
    assert second["session"]["sessionId"] == first["session"]["sessionId"] and not second["session"]["new"]
    assert second["session"]["attributes"] == {"step": "welcome"} and second["request"]["locale"] == "en-GB"
    slot = second["request"]["intent"]["slots"]["feeling"]
    assert slot["value"] == "Lost"
    assert slot["resolutions"]["resolutionsPerAuthority"][0]["values"][0]["value"]["id"] == "LOST"
    assert third["session"]["new"] and third["session"]["sessionId"] != first["session"]["sessionId"]
    assert third["session"].get("attributes", {}) == {}


def test_a_session_ended_request_gets_checked_as_one():
    app = answering(reply("<speak>Shall we begin?</speak>", False, reprompt="<speak>Begin?</speak>"),
                    reply("<speak>Bye.</speak>", True))
    conversation = Conversation(app.test_client())
    conversation.launch()
    with pytest.raises(InvalidResponse, match="must be empty"):
        conversation.send(envelopes.session_ended_request("USER_INITIATED"))
