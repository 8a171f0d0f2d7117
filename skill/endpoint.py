"""POST /alexa: a thin adapter between Flask and the ask-sdk-core skill.

request body --> checked envelope --> verified (request_verification) --> skill --> JSON.
Anything a client can send wrongly is answered with a 4xx and a short reason;
only the skill's own handlers speak, and their failures become a spoken apology.
"""
from __future__ import annotations

import json
import logging
import time

from ask_sdk_core.exceptions import AskSdkException
from ask_sdk_model import Request
from flask import Blueprint, Flask, current_app, jsonify, request
from werkzeug.exceptions import HTTPException

from .alexa import build_skill
from .fast_envelope import read_request_envelope, write_response
from .store import store_for

log = logging.getLogger("skill.requests")

bp = Blueprint("alexa", __name__)

# Every request type the Alexa model knows; anything else cannot have come from Alexa.
KNOWN_REQUEST_TYPES = frozenset(Request.discriminator_value_class_map)


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


def parse_envelope(raw: bytes) -> dict:
    """The request body as an envelope with the fields the skill relies on, or BadEnvelope."""
    try:
        envelope = json.loads(raw)
    except (ValueError, UnicodeDecodeError):
        raise BadEnvelope("body is not valid JSON") from None
    return check_envelope(envelope)


def check_envelope(envelope) -> dict:
    """The decoded envelope if it has the fields the skill relies on, or BadEnvelope."""
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


def _log_request(envelope: dict, body: dict, started: float) -> None:
    """One line per request, with nothing a person said and no user id."""
    req = envelope["request"]
    intent = (req.get("intent") or {}).get("name", "-") if isinstance(req.get("intent"), dict) else "-"
    step = ((body or {}).get("sessionAttributes") or {}).get("step", "-")
    log.info("request type=%s intent=%s step=%s latency_ms=%.1f",
             req["type"][:60], str(intent)[:60], step, (time.perf_counter() - started) * 1000)


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


def init_app(app: Flask) -> None:
    app.extensions["alexa_skill"] = build_skill(app.config, store_for(app))
    # skill/verification.py installs app.extensions["request_verifier"] (create_app calls it first).
    app.register_blueprint(bp)
    app.register_error_handler(BadEnvelope, _bad_envelope)
    app.register_error_handler(HTTPException, _http_error)
