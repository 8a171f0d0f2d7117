import json
import os
from pathlib import Path

import pytest
import yaml

from skill import create_app, envelopes
from skill.simulator.session import ClientTarget, Simulator
from skill.simulator.validator import InvalidResponse
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
    """One user talking to POST /alexa through the test's Flask client, as a device would.

    A thin layer over the simulator's `Simulator`: it builds every envelope, resolves slot words
    against the interaction model and carries the session as Alexa does. Every response must pass
    the response validator (skill/simulator/validator.py): a test fails on the first that does not.
    """

    def __init__(self, client, locale="en-US", user_id=envelopes.DEFAULT_USER_ID, supported_interfaces=None):
        self.simulator = Simulator(ClientTarget(client), locale=locale, user_id=user_id,
                                   supported_interfaces=supported_interfaces)
        self.locale = locale
        self.last: dict | None = None  # the last response body

    def send(self, request: dict, new_session: bool | None = None) -> dict:
        """Send a request built with skill.envelopes; a new session when asked, or when the last one ended."""
        return self._answer(self.simulator.send(request, new_session=bool(new_session)))

    def launch(self) -> dict:
        return self.send(envelopes.launch_request(), new_session=True)

    def intent(self, name: str, **slot_values) -> dict:
        """The intent with these slot words (an empty slot for None), resolved as the model resolves them."""
        return self._answer(self.simulator.intent(name, **slot_values))

    def say(self, words: str) -> dict | None:
        """Words typed as the user says them, resolved by the model; None when nothing was sent (silence)."""
        return self._answer(self.simulator.say(words))

    def _answer(self, turn) -> dict | None:
        if turn.error:
            raise AssertionError(f"{turn.request_type}: {turn.error}")
        if turn.warnings:
            raise InvalidResponse(turn.warnings)
        if turn.response is not None:
            self.last = turn.response
        return turn.response

    @property
    def ended(self) -> bool:
        return not self.simulator.in_session

    @property
    def attributes(self) -> dict:
        """The session attributes of the last response."""
        return (self.last or {}).get("sessionAttributes") or {}

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
