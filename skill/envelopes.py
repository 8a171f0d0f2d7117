"""Alexa request envelopes, built the way Alexa builds them.

Used by the tests and the simulator, so both speak to the skill exactly as a
device would: https://developer.amazon.com/en-US/docs/alexa/custom-skills/request-and-response-json-reference.html
"""
from __future__ import annotations

import uuid
from datetime import datetime, timezone

DEFAULT_SKILL_ID = "amzn1.ask.skill.00000000-0000-4000-8000-000000000000"
DEFAULT_USER_ID = "amzn1.ask.account.LOCALDEVELOPER"
DEFAULT_DEVICE_ID = "amzn1.ask.device.LOCALDEVICE"


def now_iso() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def slot(name: str, value: str | None, resolved: tuple[str, str] | None = None,
         authority: str = "amzn1.er-authority.echo-sdk.skill.SLOT_TYPE") -> dict:
    """A slot as Alexa sends it; `resolved` is (canonical value, id) when entity resolution matched."""
    data = {"name": name, "confirmationStatus": "NONE"}
    if value is None:
        return data
    data["value"] = value
    if resolved is not None:
        status, values = "ER_SUCCESS_MATCH", [{"value": {"name": resolved[0], "id": resolved[1]}}]
    else:
        status, values = "ER_SUCCESS_NO_MATCH", []
    data["resolutions"] = {"resolutionsPerAuthority": [
        {"authority": authority, "status": {"code": status}, "values": values}]}
    return data


def envelope(request: dict, *, locale: str = "en-US", session_attributes: dict | None = None,
             new_session: bool = True, session_id: str | None = None, user_id: str = DEFAULT_USER_ID,
             skill_id: str = DEFAULT_SKILL_ID, supported_interfaces: dict | None = None,
             with_session: bool = True) -> dict:
    """A whole request envelope around `request` (which needs only its type and own fields)."""
    request = {"requestId": f"amzn1.echo-api.request.{uuid.uuid4()}", "timestamp": now_iso(),
               "locale": locale, **request}
    application = {"applicationId": skill_id}
    user = {"userId": user_id}
    body = {
        "version": "1.0",
        "context": {"System": {
            "application": application,
            "user": user,
            "device": {"deviceId": DEFAULT_DEVICE_ID, "supportedInterfaces": supported_interfaces or {}},
            "apiEndpoint": "https://api.amazonalexa.com",
            "apiAccessToken": "local-token",
        }},
        "request": request,
    }
    if with_session:
        body["session"] = {
            "new": new_session,
            "sessionId": session_id or f"amzn1.echo-api.session.{uuid.uuid4()}",
            "application": application,
            "attributes": session_attributes or {},
            "user": user,
        }
    return body


def launch_request() -> dict:
    return {"type": "LaunchRequest"}


def intent_request(name: str, slots: dict | None = None, dialog_state: str | None = None) -> dict:
    """An IntentRequest; `slots` maps slot name to a slot() dict."""
    request = {"type": "IntentRequest",
               "intent": {"name": name, "confirmationStatus": "NONE", "slots": slots or {}}}
    if dialog_state:
        request["dialogState"] = dialog_state
    return request


def session_ended_request(reason: str = "USER_INITIATED") -> dict:
    return {"type": "SessionEndedRequest", "reason": reason}


# What a device with a screen says it supports (context.System.device.supportedInterfaces).
SCREEN_INTERFACES = {"Alexa.Presentation.APL": {"runtime": {"maxVersion": "2024.3"}}}


def user_event_request(arguments: list, token: str = "", source: dict | None = None) -> dict:
    """A tap on an APL screen: Alexa.Presentation.APL.UserEvent with its SendEvent's arguments."""
    return {"type": "Alexa.Presentation.APL.UserEvent", "token": token, "arguments": arguments,
            "source": source or {"type": "TouchWrapper", "handler": "Press", "id": ""}, "components": {}}
