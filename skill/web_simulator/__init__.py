"""The web simulator: talk to the skill from a browser page at /simulator (development only).

It is the console simulator (skill.simulator.session) behind a small JSON API: the
same utterance resolution, the same session life, the same response validator,
and the skill answering at /alexa in this very app. The page speaks each reply
with the browser's own speech synthesis, pauses honoured, and draws its pacing.

Never registered in production: it would let anyone talk to the skill without
Alexa's signature, and it keeps conversations in memory.
"""
from __future__ import annotations

import secrets
import threading
from collections import OrderedDict
from dataclasses import dataclass, field

from flask import Blueprint, Flask, abort, current_app, jsonify, render_template, request

from .. import envelopes
from ..simulator.session import InProcessTarget, Simulator, Turn
from ..ssml import segments
from .screen import screen_html

bp = Blueprint("web_simulator", __name__, url_prefix="/simulator",
               template_folder="templates", static_folder="static")

# A handful of browser tabs at once; the oldest conversation is forgotten beyond that.
MAX_SESSIONS = 32
# Longer than anyone says in one breath; more is a mistake, not an utterance.
MAX_SAID_CHARS = 500
# The page plays an Echo Show: a device that says it can render APL, so screens are sent.


@dataclass
class _Conversation:
    simulator: Simulator
    lock: threading.Lock = field(default_factory=threading.Lock)
    screen: str = ""


class Conversations:
    """Simulator sessions in this process's memory, keyed by a random id, the oldest dropped first."""

    def __init__(self, new_simulator, limit: int = MAX_SESSIONS):
        self._new_simulator = new_simulator
        self._limit = limit
        self._by_id: OrderedDict[str, _Conversation] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._by_id)

    def get_or_start(self, conversation_id: str | None) -> tuple[str, _Conversation, bool]:
        """The conversation with this id, or a new one (with a new id). The flag says it is new."""
        with self._lock:
            if conversation_id in self._by_id:
                self._by_id.move_to_end(conversation_id)
                return conversation_id, self._by_id[conversation_id], False
            new_id = secrets.token_urlsafe(12)
            self._by_id[new_id] = _Conversation(self._new_simulator())
            while len(self._by_id) > self._limit:
                self._by_id.popitem(last=False)
            return new_id, self._by_id[new_id], True

    def forget(self, conversation_id: str | None) -> _Conversation | None:
        with self._lock:
            return self._by_id.pop(conversation_id, None)


def init_app(app: Flask) -> None:
    if app.config.get("SKILL_ENV") != "development":
        return
    app.extensions["web_simulator"] = Conversations(
        lambda: Simulator(InProcessTarget(app=app), supported_interfaces=envelopes.SCREEN_INTERFACES))
    app.register_blueprint(bp)


def _conversations() -> Conversations:
    return current_app.extensions["web_simulator"]


def _json_body() -> dict:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        abort(400, description="expected a JSON object")
    return body


@bp.get("")
def page():
    return render_template("simulator.html")


@bp.post("/api/say")
def say():
    """{text, session_id} -> the turn, its timeline, the session's state and the screen."""
    body = _json_body()
    text = body.get("text", "")
    conversation_id = body.get("session_id")
    if not isinstance(text, str):
        abort(400, description="text must be a string (empty for silence)")
    if len(text) > MAX_SAID_CHARS:
        abort(400, description=f"text longer than {MAX_SAID_CHARS} characters")
    if conversation_id is not None and not isinstance(conversation_id, str):
        abort(400, description="session_id must be a string")
    conversation_id, conversation, started = _conversations().get_or_start(conversation_id)
    with conversation.lock:
        turn = conversation.simulator.say(text)
        screen = screen_html(turn, conversation.simulator)
        if screen is not None:
            conversation.screen = screen
        return jsonify(_answer(conversation_id, conversation, turn, started))


@bp.post("/api/reset")
def reset():
    """Forget a conversation (its open session ends as if the user had said "exit")."""
    conversation_id = _json_body().get("session_id")
    conversation = _conversations().forget(conversation_id if isinstance(conversation_id, str) else None)
    if conversation is not None:
        with conversation.lock:
            conversation.simulator.end("USER_INITIATED")  # does nothing when no session is open
    return jsonify({"forgotten": conversation is not None})


def _answer(conversation_id: str, conversation: _Conversation, turn: Turn, started: bool) -> dict:
    simulator = conversation.simulator
    return {
        "session_id": conversation_id,
        "new_conversation": started,
        "turn": turn.as_dict() | {
            "segments": [s.as_dict() for s in segments(turn.speech_ssml)],
            "reprompt_segments": [s.as_dict() for s in segments(turn.reprompt_ssml)],
        },
        "state": {
            "in_session": simulator.in_session,
            "step": simulator.attributes.get("step") if simulator.in_session else None,
            "attributes": simulator.attributes,
        },
        "screen": conversation.screen,
    }
