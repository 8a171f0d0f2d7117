"""What Lambda runs, run here: the x86_64 package from the same serverless.yml, unpacked into an empty
directory, its handler (named by the compiled template) fed API Gateway HTTP API events (payload 2.0)
in a fresh Python 3.12 process that sees only the zip and the AWS SDK, as the Lambda runtime does.

Production settings from the template (SKILL_ENV=production, its SKILL_IDS, STORE=dynamodb and its
table, on moto's server on 127.0.0.1). Requests are signed with the tests' own certificates, which
the function trusts only through the local runner (deploy/lambda_shape.py explains why production
cannot be pointed at them). `make package` builds the package (`make test` runs it first); without
it these tests are skipped, in CI (CI=true) they fail. deploy/lambda_shape.py holds the reusable parts.
"""
from __future__ import annotations

import json
import os
import sys

import pytest

from conftest import DYNAMODB_REGION, ROOT
from signing import CERT_URL, AlexaSigner
from skill import envelopes

sys.path.insert(0, str(ROOT / "deploy"))
import lambda_shape  # noqa: E402

sys.path.remove(str(ROOT / "deploy"))

ARCHITECTURE = "x86_64"
PACKAGE_DIR = lambda_shape.package_dir(ARCHITECTURE)
PACKAGE_ZIP = PACKAGE_DIR / f"{lambda_shape.SERVICE}.zip"
RETURNING_USER = "amzn1.ask.account.LAMBDASHAPERETURNING"


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def _unavailable(message: str):
    if _in_ci():
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="module")
def lambda_run(tmp_path_factory, moto_endpoint):
    """One cold start and a handful of warm invocations of the packaged handler, and what they answered."""
    if not PACKAGE_ZIP.exists():
        _unavailable(f"{PACKAGE_ZIP.relative_to(ROOT)} is missing (`make package` builds it; `make test` runs it first)")
    python = lambda_shape.lambda_python()
    if python is None:
        _unavailable("no Python 3.12 for the Lambda runtime's compiled wheels (set LAMBDA_PYTHON)")
    import boto3

    work = tmp_path_factory.mktemp("lambda")
    task = lambda_shape.unpack(PACKAGE_ZIP, work / "task")
    sdk = lambda_shape.runtime_sdk(work / "runtime")
    environment = lambda_shape.template_environment(PACKAGE_DIR)
    handler = lambda_shape.web_function(PACKAGE_DIR)["Handler"]
    skill_id = environment["SKILL_IDS"].split(",")[0]

    table_name = environment["DYNAMODB_TABLE"]
    dynamodb = boto3.client("dynamodb", endpoint_url=moto_endpoint, region_name=DYNAMODB_REGION)
    dynamodb.create_table(TableName=table_name, KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
                          AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
                          BillingMode="PAY_PER_REQUEST")
    from skill.store.dynamodb import DynamoDbStore

    # Someone who asked last time to be remembered with the sky: the packaged app must read it.
    DynamoDbStore(table_name, endpoint_url=moto_endpoint, region_name=DYNAMODB_REGION).remember(
        RETURNING_USER, "THE_SKY", "the sky", None, None)

    signer = AlexaSigner(work)
    chain = work / "chain.pem"
    chain.write_bytes(signer.s3.chains[CERT_URL])

    def signed(envelope, **headers) -> dict:
        body, signature_headers = signer.signed(envelope)
        return lambda_shape.http_api_event("POST", "/alexa", body.decode(), {**signature_headers, **headers})

    feeling = envelopes.intent_request("FeelingIntent", {"feeling": envelopes.slot("feeling", "lost")})
    events = {
        "health": lambda_shape.http_api_event("GET", "/health"),
        "launch": signed(envelopes.envelope(envelopes.launch_request(), skill_id=skill_id, user_id=RETURNING_USER)),
        "feeling": signed(envelopes.envelope(feeling, skill_id=skill_id, new_session=False,
                                             session_attributes={"step": "feeling"})),
        "ended": signed(envelopes.envelope({"type": "SessionEndedRequest", "requestId": "ended-1",
                                            "reason": "USER_INITIATED"}, skill_id=skill_id, new_session=False)),
        "oversized": signed({**envelopes.envelope(envelopes.launch_request(), skill_id=skill_id),
                             "padding": "x" * (64 * 1024)}),
        "not_json": lambda_shape.http_api_event("POST", "/alexa", "{not json"),
        "other_skill": signed(envelopes.envelope(envelopes.launch_request(),
                                                 skill_id="amzn1.ask.skill.99999999-9999-4999-8999-999999999999")),
        "unsigned": lambda_shape.http_api_event("POST", "/alexa", json.dumps(
            envelopes.envelope(envelopes.launch_request(), skill_id=skill_id))),
    }
    aws = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_SESSION_TOKEN": "testing",
           "DYNAMODB_ENDPOINT_URL": moto_endpoint, "DYNAMODB_REGION": DYNAMODB_REGION}
    outcome = lambda_shape.invoke(
        task, handler, list(events.values()), env={**environment, **aws}, sdk=sdk, python=python,
        trust={"url": CERT_URL, "roots_pem": str(signer.trust_pem), "chain_pem": str(chain)})
    yield {"answers": dict(zip(events, (r["response"] for r in outcome["results"]))), "outcome": outcome,
           "task": task}
    dynamodb.delete_table(TableName=table_name)


def answer(lambda_run, name: str) -> tuple[int, dict]:
    """(status, JSON body) of one invocation, checked to be an HTTP API response Lambda can return."""
    response = lambda_run["answers"][name]
    assert set(response) >= {"statusCode", "headers", "body"}, response
    assert response["headers"]["Content-Type"].startswith("application/json")
    assert response.get("isBase64Encoded") is False
    return response["statusCode"], json.loads(response["body"])


def speech(body: dict) -> str:
    ssml = body["response"]["outputSpeech"]["ssml"]
    assert ssml.startswith("<speak>") and ssml.endswith("</speak>")
    return ssml


def test_the_handler_runs_from_the_unpacked_zip_with_only_the_runtimes_sdk_beside_it(lambda_run):
    used = lambda_run["outcome"]["runtime_modules_used"]
    # The DynamoDB store is boto3's: it must have come from the runtime, never from the zip.
    assert "boto3" in used and "botocore" in used
    assert not (lambda_run["task"] / "boto3").exists()
    assert set(used) <= set(lambda_shape.RUNTIME_SDK_MODULES)


def test_health(lambda_run):
    assert answer(lambda_run, "health") == (200, {"status": "ok"})


def test_launch_reads_what_dynamodb_remembers(lambda_run):
    status, body = answer(lambda_run, "launch")
    assert status == 200
    assert "sky" in speech(body).lower()
    assert body["response"]["shouldEndSession"] is False


def test_an_intent_with_a_slot_is_answered(lambda_run):
    status, body = answer(lambda_run, "feeling")
    assert status == 200
    assert "lost" in speech(body).lower()
    assert body["sessionAttributes"]["step"]


def test_session_ended_gets_an_empty_response(lambda_run):
    status, body = answer(lambda_run, "ended")
    assert status == 200
    assert body["version"] == "1.0"
    assert "outputSpeech" not in body.get("response", {})


def test_an_oversized_body_is_413(lambda_run):
    assert answer(lambda_run, "oversized") == (413, {"error": "body too large: at most 65536 bytes"})


def test_a_body_that_is_not_json_is_400(lambda_run):
    assert answer(lambda_run, "not_json") == (400, {"error": "body is not valid JSON"})


def test_another_skill_is_403(lambda_run):
    assert answer(lambda_run, "other_skill") == (403, {"error": "request is for another skill"})


def test_production_settings_are_in_force(lambda_run):
    assert answer(lambda_run, "unsigned") == (400, {"error": "missing SignatureCertChainUrl header"})
    assert "REQUEST VERIFICATION IS OFF" not in lambda_run["outcome"]["log"]


def test_the_environment_cannot_point_production_at_another_trust_store(alexa_signer, monkeypatch):
    """The runner's trust is passed in code; the same file named in the environment changes nothing."""
    from skill import create_app

    monkeypatch.setenv("VERIFY_TRUST_PEM", str(alexa_signer.trust_pem))
    app = create_app({"TESTING": True, "SKILL_IDS": (envelopes.DEFAULT_SKILL_ID,),
                      "DATA_DIR": str(alexa_signer.directory), "CERT_FETCHER": alexa_signer.s3})
    response = app.test_client().post("/alexa", data=(signed := alexa_signer.signed(
        envelopes.envelope(envelopes.launch_request())))[0], headers=signed[1])
    assert response.status_code == 400
    assert "not trusted" in response.get_json()["error"]
