import json
import os
from pathlib import Path

import pytest

from skill import create_app, envelopes

ROOT = Path(__file__).resolve().parent.parent
MODELS = ROOT / "interaction_models"


@pytest.fixture
def app(tmp_path):
    app = create_app({"TESTING": True, "SKILL_ENV": "development", "DATA_DIR": str(tmp_path)})
    yield app


def load_model(locale="en-US") -> dict:
    return json.loads((MODELS / f"{locale}.json").read_text())["interactionModel"]["languageModel"]


def resolve_slot_value(model: dict, intent_name: str, slot_name: str, value: str):
    """(canonical, id) when `value` is a listed value or synonym of the slot's type, else None."""
    intent = next(i for i in model["intents"] if i["name"] == intent_name)
    slot_type = next(s["type"] for s in intent["slots"] if s["name"] == slot_name)
    for entry in next(t for t in model["types"] if t["name"] == slot_type)["values"]:
        names = [entry["name"]["value"], *entry["name"].get("synonyms", [])]
        if value.lower() in (n.lower() for n in names):
            return entry["name"]["value"], entry.get("id", entry["name"]["value"])
    return None


class Conversation:
    """Talks to POST /alexa like a device: one session, attributes carried from turn to turn."""

    def __init__(self, client, locale="en-US", user_id=envelopes.DEFAULT_USER_ID):
        self.client = client
        self.locale = locale
        self.user_id = user_id
        self.model = load_model(locale)
        self.attributes = {}
        self.session_id = None
        self.ended = True
        self.last = None

    def send(self, request: dict, new_session: bool | None = None) -> dict:
        new = self.ended if new_session is None else new_session
        if new:
            self.attributes = {}
            self.session_id = None
        body = envelopes.envelope(request, locale=self.locale, session_attributes=self.attributes,
                                  new_session=new, session_id=self.session_id, user_id=self.user_id)
        self.session_id = body["session"]["sessionId"]
        response = self.client.post("/alexa", json=body)
        assert response.status_code == 200, response.get_data(as_text=True)
        self.last = response.get_json()
        self.attributes = self.last.get("sessionAttributes") or {}
        self.ended = self.last["response"].get("shouldEndSession") is not False
        return self.last

    def launch(self) -> dict:
        return self.send(envelopes.launch_request(), new_session=True)

    def intent(self, name: str, **slot_values) -> dict:
        slots = {}
        for slot_name, value in slot_values.items():
            resolved = resolve_slot_value(self.model, name, slot_name, value) if value else None
            slots[slot_name] = envelopes.slot(slot_name, value, resolved)
        return self.send(envelopes.intent_request(name, slots))

    @property
    def speech(self) -> str:
        return self.last["response"].get("outputSpeech", {}).get("ssml", "")

    @property
    def reprompt(self) -> str:
        return ((self.last["response"].get("reprompt") or {}).get("outputSpeech") or {}).get("ssml", "")


@pytest.fixture
def conversation(client):
    return Conversation(client)


# Hypothesis profiles: "ci" for the normal run, "fuzz" for `make fuzz` (HYPOTHESIS_PROFILE=fuzz).
# Every example is an HTTP round trip, so no deadline and no slowness health check.
from hypothesis import HealthCheck, settings  # noqa: E402

_RELAXED = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("ci", max_examples=40, **_RELAXED)
settings.register_profile("fuzz", max_examples=1500, **_RELAXED)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
