import json
import os
from pathlib import Path

import pytest
import yaml

from skill import create_app, envelopes
from skill.simulator.resolver import InteractionModel
from skill.store.dynamodb import PARTITION_KEY

ROOT = Path(__file__).resolve().parent.parent
MODELS = ROOT / "interaction_models"
# Every locale we ship; conversation tests run once in each.
LOCALES = list(yaml.safe_load((MODELS / "source" / "locales.yaml").read_text(encoding="utf-8")))


@pytest.fixture(autouse=True)
def _private_data_dir(tmp_path, monkeypatch):
    """Every test keeps what the skill remembers in its own folder, never in the real instance folder."""
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))


@pytest.fixture
def app(tmp_path):
    app = create_app({"TESTING": True, "SKILL_ENV": "development", "DATA_DIR": str(tmp_path)})
    yield app


def load_model(locale="en-US") -> dict:
    return json.loads((MODELS / f"{locale}.json").read_text())["interactionModel"]["languageModel"]


class Conversation:
    """Talks to POST /alexa like a device: one session, attributes carried from turn to turn."""

    def __init__(self, client, locale="en-US", user_id=envelopes.DEFAULT_USER_ID, supported_interfaces=None):
        self.client = client
        self.supported_interfaces = supported_interfaces
        self.locale = locale
        self.user_id = user_id
        self.model = InteractionModel.for_locale(locale)
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
                                  new_session=new, session_id=self.session_id, user_id=self.user_id,
                                  supported_interfaces=self.supported_interfaces)
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
            heard = self.model.resolve_slot(name, slot_name, value) if value else None
            resolved = (heard.canonical, heard.id) if heard and heard.resolved else None
            slots[slot_name] = envelopes.slot(slot_name, value, resolved)
        return self.send(envelopes.intent_request(name, slots))

    @property
    def speech(self) -> str:
        return self.last["response"].get("outputSpeech", {}).get("ssml", "")

    @property
    def reprompt(self) -> str:
        return ((self.last["response"].get("reprompt") or {}).get("outputSpeech") or {}).get("ssml", "")


@pytest.fixture(params=LOCALES)
def locale(request):
    """Each shipped locale in turn; a test can pin one with @pytest.mark.parametrize("locale", [...])."""
    return request.param


@pytest.fixture
def conversation(client, locale):
    return Conversation(client, locale=locale)


# --- The stores: SQLite in a temporary directory, DynamoDB on moto's server on 127.0.0.1 -----------

STORES = ("sqlite", "dynamodb")
DYNAMODB_REGION = "us-east-1"


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def moto_endpoint():
    """moto's DynamoDB stand-in, served on 127.0.0.1 for the whole test session, with dummy credentials."""
    import os

    from moto.server import ThreadedMotoServer

    class AtomicMotoServer(ThreadedMotoServer):
        """moto's server, answering one request at a time.

        Real DynamoDB applies each UpdateItem to an item atomically; moto's threaded server
        does not (two concurrent UpdateItems can read the same old value). Serializing the
        requests gives back DynamoDB's per-request atomicity, and nothing more: a
        read-then-put design split over two requests still loses updates here.
        """

        def _server_entry(self):
            from threading import Lock

            from moto.moto_server import threaded_moto_server as served

            app, one_at_a_time = served.DomainDispatcherApplication(served.create_backend_app), Lock()

            def atomic(environ, start_response):
                with one_at_a_time:
                    return list(app(environ, start_response))

            self._server = served.make_server(self._ip_address, self._port, atomic, True,
                                              request_handler=served.MotoRequestHandler)
            self._server_ready_event.set()
            self._server.serve_forever()

    dummy = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
             "AWS_SESSION_TOKEN": "testing", "AWS_DEFAULT_REGION": DYNAMODB_REGION}
    saved = {name: os.environ.get(name) for name in dummy}
    os.environ.update(dummy)
    port = free_port()
    server = AtomicMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


@pytest.fixture
def dynamodb_table(moto_endpoint):
    """A fresh table (the layout ask-sdk's DynamoDbAdapter uses), as settings for create_app."""
    import uuid

    import boto3

    name = f"memories-{uuid.uuid4().hex[:12]}"
    client = boto3.client("dynamodb", endpoint_url=moto_endpoint, region_name=DYNAMODB_REGION)
    key = PARTITION_KEY
    client.create_table(TableName=name, KeySchema=[{"AttributeName": key, "KeyType": "HASH"}],
                        AttributeDefinitions=[{"AttributeName": key, "AttributeType": "S"}],
                        BillingMode="PAY_PER_REQUEST")
    yield {"STORE": "dynamodb", "DYNAMODB_TABLE": name, "DYNAMODB_ENDPOINT_URL": moto_endpoint,
           "DYNAMODB_REGION": DYNAMODB_REGION}
    client.delete_table(TableName=name)


@pytest.fixture(params=STORES)
def store_config(request, tmp_path):
    """Settings for each store in turn: tests using this run once on SQLite and once on DynamoDB."""
    if request.param == "sqlite":
        return {"STORE": "sqlite", "DATA_DIR": str(tmp_path / "data")}
    return request.getfixturevalue("dynamodb_table")


@pytest.fixture
def alexa_signer(tmp_path):
    """Signs requests the way Alexa does; `.app()` is a verified-mode app. See tests/signing.py."""
    from signing import AlexaSigner

    return AlexaSigner(tmp_path)


# Hypothesis profiles: "ci" for the normal run, "fuzz" for `make fuzz` (HYPOTHESIS_PROFILE=fuzz).
# Every example is an HTTP round trip, so no deadline and no slowness health check.
from hypothesis import HealthCheck, settings  # noqa: E402

_RELAXED = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("ci", max_examples=40, **_RELAXED)
settings.register_profile("fuzz", max_examples=1500, **_RELAXED)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
