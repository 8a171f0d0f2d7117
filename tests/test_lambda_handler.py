"""The direct AWS Lambda entry point (alexaSkill trigger): the event is the request envelope."""
from __future__ import annotations

import pytest

from skill import envelopes, lambda_handler
from skill.endpoint import BadEnvelope
from skill.verification import RequestNotVerified, UnsafeSettings

FOREIGN_SKILL_ID = "amzn1.ask.skill.22222222-2222-4222-8222-222222222222"


@pytest.fixture
def lambda_env(monkeypatch, tmp_path):
    """A fresh container: no skill built yet, production settings from the environment."""
    monkeypatch.setattr(lambda_handler, "_app", None)
    for name in ("SKILL_ENV", "ALLOW_UNVERIFIED_REQUESTS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SKILL_IDS", envelopes.DEFAULT_SKILL_ID)
    monkeypatch.setenv("DATA_DIR", str(tmp_path))
    return monkeypatch


def test_launch_event_gets_the_skills_welcome(lambda_env):
    response = lambda_handler.handler(envelopes.envelope(envelopes.launch_request()), None)
    assert "Welcome" in response["response"]["outputSpeech"]["ssml"]
    assert response["sessionAttributes"]["step"] == "welcome"


def test_skill_is_built_once_per_container(lambda_env):
    lambda_handler.handler(envelopes.envelope(envelopes.launch_request()), None)
    first = lambda_handler._app
    lambda_handler.handler(envelopes.envelope(envelopes.launch_request()), None)
    assert first is not None and lambda_handler._app is first


def test_event_for_another_skill_is_refused(lambda_env):
    with pytest.raises(RequestNotVerified) as refused:
        lambda_handler.handler(envelopes.envelope(envelopes.launch_request(), skill_id=FOREIGN_SKILL_ID), None)
    assert refused.value.status == 403


def test_event_that_is_not_an_envelope_is_refused(lambda_env):
    with pytest.raises(BadEnvelope, match="request.type"):
        lambda_handler.handler({"version": "1.0", "request": {}}, None)


def test_container_without_skill_ids_refuses_to_start(lambda_env):
    lambda_env.delenv("SKILL_IDS")
    with pytest.raises(UnsafeSettings, match="SKILL_IDS"):
        lambda_handler.handler(envelopes.envelope(envelopes.launch_request()), None)


def test_container_answers_any_skill_only_when_told(lambda_env):
    lambda_env.delenv("SKILL_IDS")
    lambda_env.setenv("ALLOW_UNVERIFIED_REQUESTS", "1")
    event = envelopes.envelope(envelopes.launch_request(), skill_id=FOREIGN_SKILL_ID)
    assert "Welcome" in lambda_handler.handler(event, None)["response"]["outputSpeech"]["ssml"]
