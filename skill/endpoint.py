"""POST /alexa: a thin adapter between Flask and the ask-sdk-core skill.

request body --> checked envelope --> verified (request_verification) --> skill --> JSON.
Anything a client can send wrongly is answered with a 4xx and a short reason;
only the skill's own handlers speak, and their failures become a spoken apology.
"""
from __future__ import annotations

import json
import logging
import re
import time

from ask_sdk_core.exceptions import AskSdkException
from ask_sdk_model import Request
from flask import Blueprint, Flask, current_app, jsonify, request
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from .alexa import build_skill
from .fast_envelope import read_request_envelope, write_response
from .store import store_for

log = logging.getLogger("skill.requests")

bp = Blueprint("alexa", __name__)

# Every request type the Alexa model knows; anything else cannot have come from Alexa.
KNOWN_REQUEST_TYPES = frozenset(Request.discriminator_value_class_map)

# Alexa's envelopes nest a dozen levels at most (APL context included); far deeper input is an
# attack on the recursion limit, of the JSON decoder, the model reader or the response writer.
MAX_NESTING = 64

# What a request line in the log may show of the values a caller controls (see _log_request).
_INTENT_NAME = re.compile(r"[A-Za-z0-9_.]{1,64}")
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")

# In development nothing is verified, so only this machine's own names and pages may post.
DEVELOPMENT_HOSTS = ("127.0.0.1", "localhost", "[::1]")


class BadEnvelope(Exception):
    """The body is not an Alexa request envelope we can answer."""

    def __init__(self, reason: str, status: int = 400):
        super().__init__(reason)
        self.reason = reason
        self.status = status


def _require(mapping: dict, path: str, kind: type) -> object:
    value, walked = mapping, []
    for key in path.split("."):
        if walked and not isinstance(value, dict):
            raise BadEnvelope(f"field {'.'.join(walked)} must be an object")
        if key not in value:
            raise BadEnvelope(f"missing field: {path}")
        value = value[key]
        walked.append(key)
    if not isinstance(value, kind):
        raise BadEnvelope(f"field {path} must be {'an object' if kind is dict else 'a ' + kind.__name__}")
    return value


_TOO_DEEP = f"body is nested deeper than {MAX_NESTING} levels"


def parse_envelope(raw: bytes) -> dict:
    """The request body as an envelope with the fields the skill relies on, or BadEnvelope."""
    try:
        envelope = json.loads(raw)
    except RecursionError:
        raise BadEnvelope(_TOO_DEEP) from None
    except (ValueError, UnicodeDecodeError):
        raise BadEnvelope("body is not valid JSON") from None
    # A body with few brackets cannot be nested deeply: most requests skip the walk.
    return check_envelope(envelope, walk_nesting=raw.count(b"[") + raw.count(b"{") > MAX_NESTING)


def nesting_exceeds(value, limit: int = MAX_NESTING) -> bool:
    """Whether decoded JSON has containers more than `limit` deep (iterative: no recursion to exhaust)."""
    pending = [(value, 1)]
    while pending:
        node, depth = pending.pop()
        if depth > limit:
            return True
        children = node.values() if isinstance(node, dict) else node
        pending.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))
    return False


def check_envelope(envelope, walk_nesting: bool = True) -> dict:
    """The decoded envelope if it has the fields the skill relies on, or BadEnvelope."""
    if walk_nesting and isinstance(envelope, (dict, list)) and nesting_exceeds(envelope):
        raise BadEnvelope(_TOO_DEEP)
    if not isinstance(envelope, dict):
        raise BadEnvelope("body must be a JSON object (an Alexa request envelope)")
    _require(envelope, "version", str)
    _require(envelope, "request", dict)
    if _require(envelope, "request.type", str) not in KNOWN_REQUEST_TYPES:
        raise BadEnvelope(f"unknown request type: {envelope['request']['type'][:80]}")
    _require(envelope, "request.requestId", str)
    _require(envelope, "request.timestamp", str)
    _require(envelope, "context.System.application.applicationId", str)
    if "session" in envelope:
        _require(envelope, "session", dict)
        if "attributes" in envelope["session"] and envelope["session"]["attributes"] is not None:
            _require(envelope, "session.attributes", dict)
    if envelope["request"]["type"] == "IntentRequest":
        _require(envelope, "session", dict)
        _require(envelope, "request.intent.name", str)
        slots = envelope["request"]["intent"].get("slots")
        if slots is not None and not (isinstance(slots, dict) and all(isinstance(s, dict) for s in slots.values())):
            raise BadEnvelope("field request.intent.slots must be an object of slot objects")
    return envelope


@bp.post("/alexa")
def alexa():
    started = time.perf_counter()
    raw = request.get_data(cache=False)
    if request.content_length is None and len(raw) >= current_app.config["MAX_CONTENT_LENGTH"]:
        # A chunked body has no Content-Length: werkzeug stops reading at the limit without
        # saying so. Anything still unread means the body was too large, not that it ended there.
        if request.environ["wsgi.input"].read(1):
            raise RequestEntityTooLarge()
    envelope = parse_envelope(raw)
    current_app.extensions["request_verifier"].verify(request.headers, raw, envelope)

    body = answer(current_app.extensions["alexa_skill"], envelope)
    _log_request(envelope, body, started)
    return jsonify(body)


def answer(skill, envelope: dict, context=None) -> dict:
    """The skill's response envelope (as JSON data) to a checked request envelope."""
    try:
        request_envelope = read_request_envelope(envelope, skill.serializer)
    except AskSdkException:
        raise BadEnvelope("body is not a well-formed Alexa request envelope") from None
    if request_envelope is None or request_envelope.request is None:
        raise BadEnvelope("body is not a well-formed Alexa request envelope")
    response_envelope = skill.invoke(request_envelope=request_envelope, context=context)
    return write_response(response_envelope, skill.serializer)


def without_control_characters(text: str) -> str:
    """`text` with nothing that could start a new log line or steer a terminal."""
    return _CONTROL_CHARACTERS.sub("", text)


def loggable_intent(name) -> str:
    """An intent name as it may appear in the log: shaped like a name, else "?"."""
    return name if isinstance(name, str) and _INTENT_NAME.fullmatch(name) else "?"


def loggable_step(step, known_steps) -> str:
    """A practice step as it may appear in the log: one of `known_steps`, else "?"."""
    return step if isinstance(step, str) and step in known_steps else "?"


def _log_request(envelope: dict, body: dict, started: float) -> None:
    """One line per request, with nothing a person said and no user id.

    Every value is one the skill knows (the request type was checked against the model's list),
    so a caller cannot forge log lines or fill the log through an intent name or a step.
    """
    from .practice import STEPS  # imported here: the log needs it, the endpoint's import does not

    req = envelope["request"]
    intent = loggable_intent(req["intent"].get("name")) if isinstance(req.get("intent"), dict) else "-"
    attributes = (body or {}).get("sessionAttributes") or {}
    step = loggable_step(attributes["step"], STEPS) if "step" in attributes else "-"
    log.info("request type=%s intent=%s step=%s latency_ms=%.1f",
             req["type"], intent, step, (time.perf_counter() - started) * 1000)


@bp.get("/health")
def health():
    return {"status": "ok"}


def _error_response(status: int, reason: str):
    response = jsonify({"error": reason})
    response.status_code = status
    return response


def _bad_envelope(error: BadEnvelope):
    return _error_response(error.status, error.reason)


def _http_error(error: HTTPException):
    reasons = {
        405: "method not allowed: use POST",
        413: f"body too large: at most {current_app.config['MAX_CONTENT_LENGTH']} bytes",
    }
    return _error_response(error.code or 500, reasons.get(error.code, error.description or error.name))


def _refuse_other_sites_in_development():
    """Development has no signature check: a web page elsewhere must not be able to post to it.

    Browsers send text/plain, form and multipart posts across sites without asking; JSON needs a
    CORS preflight, which this server never grants. Sec-Fetch-Site and Origin say who asks.
    """
    if request.method != "POST":
        return None
    if request.headers.get("Sec-Fetch-Site", "same-origin") not in ("same-origin", "none"):
        return _error_response(403, "cross-site requests are refused in development")
    origin = request.headers.get("Origin")
    if origin and origin.split("://", 1)[-1] != request.host:
        return _error_response(403, "requests from another origin are refused in development")
    if request.mimetype != "application/json":
        return _error_response(415, "Content-Type must be application/json")
    return None


def init_app(app: Flask) -> None:
    app.extensions["alexa_skill"] = build_skill(app.config, store_for(app))
    if app.config["SKILL_ENV"] == "development":
        # Against DNS rebinding: a name that resolves here, but is not this machine's, is refused.
        if app.config.get("TRUSTED_HOSTS") is None:
            app.config["TRUSTED_HOSTS"] = list(DEVELOPMENT_HOSTS)
        app.before_request(_refuse_other_sites_in_development)
    # skill/verification.py installs app.extensions["request_verifier"] (create_app calls it first).
    app.register_blueprint(bp)
    app.register_error_handler(BadEnvelope, _bad_envelope)
    app.register_error_handler(HTTPException, _http_error)
