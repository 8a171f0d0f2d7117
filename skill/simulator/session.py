"""A session with the skill, lived the way Alexa lives it.

    sim = Simulator(InProcessTarget())          # or HttpTarget("http://127.0.0.1:8000/alexa")
    turn = sim.say("open shared compassion")    # -> Turn: request, response, text with [pause Ns], ...
    turn = sim.say("")                          # silence: the reprompt plays
    turn = sim.say("")                          # silence again: SessionEndedRequest(EXCEEDED_MAX_REPROMPTS)

What Alexa does, and so does this (https://developer.amazon.com/en-US/docs/alexa/custom-skills/manage-the-skill-session-and-session-attributes.html):
* shouldEndSession true ends the session; false keeps it open; the session attributes of each
  response come back in the next request.
* Silence while the session is open plays the reprompt, once; the next silence closes the session
  and the skill gets a SessionEndedRequest with reason EXCEEDED_MAX_REPROMPTS.
* "exit" or "quit" inside a session closes it with reason USER_INITIATED.
* Dialog directives: Dialog.ElicitSlot takes the next words as the asked slot's value,
  Dialog.ConfirmSlot / Dialog.ConfirmIntent take yes / no as the confirmation status, and
  Dialog.Delegate with no dialog model in the interaction model sends the (updated) intent straight
  back with dialogState COMPLETED (https://developer.amazon.com/en-US/docs/alexa/custom-skills/dialog-interface-reference.html).
"""
from __future__ import annotations

import copy
import json
import tempfile
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass, field

from .. import envelopes
from ..ssml import estimate_seconds, plain_text
from .resolver import InteractionModel, Resolution, SlotValue, normalise
from .validator import Problem, validate

SILENCE = ""
EXIT_WORDS = {"exit", "quit"}
ER_AUTHORITY = "amzn1.er-authority.echo-sdk.{skill_id}.{slot_type}"


class TargetError(RuntimeError):
    """The skill answered with something other than a 200 and a JSON body."""


class InProcessTarget:
    """The skill's Flask app in this process: no server needed."""

    def __init__(self, config: dict | None = None, app=None):
        if app is None:
            from .. import create_app

            settings = {"SKILL_ENV": "development"}
            settings.update(config or {})
            app = create_app(settings)
        self.app = app
        self.client = app.test_client()

    def __call__(self, envelope: dict) -> dict:
        response = self.client.post("/alexa", json=envelope)
        if response.status_code != 200:
            raise TargetError(f"HTTP {response.status_code}: {response.get_data(as_text=True)[:300]}")
        return response.get_json()

    def __str__(self) -> str:
        return "in-process app"


class ClientTarget(InProcessTarget):
    """A Flask test client someone already holds (the tests' pytest-flask `client`): their app, their settings."""

    def __init__(self, client):
        self.app = client.application
        self.client = client


class HttpTarget:
    """A running skill server, e.g. `make run` on http://127.0.0.1:8000/alexa."""

    def __init__(self, url: str, timeout: float = 10.0):
        self.url = url
        self.timeout = timeout

    def __call__(self, envelope: dict) -> dict:
        data = json.dumps(envelope).encode("utf-8")
        request = urllib.request.Request(self.url, data=data, method="POST",
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as reply:
                return json.loads(reply.read().decode("utf-8"))
        except urllib.error.HTTPError as error:
            raise TargetError(f"HTTP {error.code}: {error.read().decode('utf-8', 'replace')[:300]}") from None
        except (urllib.error.URLError, OSError) as error:
            raise TargetError(f"cannot reach {self.url}: {error}") from None
        except ValueError:
            raise TargetError(f"{self.url} did not answer with JSON") from None

    def __str__(self) -> str:
        return self.url


@dataclass
class Card:
    title: str
    text: str


@dataclass
class Turn:
    """One exchange: what was typed, what it became, and what the skill answered."""

    said: str
    resolution: Resolution | None = None
    request: dict | None = None
    response: dict | None = None
    speech_ssml: str = ""
    text: str = ""            # the speech as plain text, pauses marked [pause Ns]
    seconds: float = 0.0      # estimated speaking plus silence
    reprompt_ssml: str = ""
    reprompt: str = ""
    card: Card | None = None
    ended: bool = False
    warnings: list[Problem] = field(default_factory=list)
    note: str = ""            # what the simulator did that was not a request ("reprompt played", ...)
    error: str = ""

    @property
    def request_type(self) -> str | None:
        return (self.request or {}).get("request", {}).get("type")

    @property
    def intent(self) -> str | None:
        return ((self.request or {}).get("request", {}).get("intent") or {}).get("name")

    def as_dict(self) -> dict:
        """Everything about the turn, for --json and the web simulator."""
        return {
            "said": self.said, "intent": self.intent, "request_type": self.request_type,
            "text": self.text, "seconds": self.seconds, "reprompt": self.reprompt,
            "card": {"title": self.card.title, "text": self.card.text} if self.card else None,
            "ended": self.ended, "note": self.note, "error": self.error,
            "warnings": [{"where": w.where, "message": w.message, "doc": w.doc} for w in self.warnings],
            "request": self.request, "response": self.response,
        }


class Simulator:
    """One user talking to the skill, session after session."""

    def __init__(self, target=None, locale: str = "en-US", user_id: str = envelopes.DEFAULT_USER_ID,
                 model: InteractionModel | None = None, skill_id: str = envelopes.DEFAULT_SKILL_ID,
                 supported_interfaces: dict | None = None):
        self.target = target if target is not None else InProcessTarget()
        self.locale = locale
        self.user_id = user_id
        self.skill_id = skill_id
        # What the device says it can do (context.System.device.supportedInterfaces); none: a plain speaker.
        self.supported_interfaces = supported_interfaces or {}
        self.model = model or InteractionModel.for_locale(locale)
        self.session_id: str | None = None
        self.attributes: dict = {}
        self.last: Turn | None = None
        self._new = True
        self._silences = 0
        self._dialog: dict | None = None  # the Dialog directive waiting for the user's answer

    @property
    def in_session(self) -> bool:
        return self.session_id is not None

    # --- what the user does ----------------------------------------------------------

    def say(self, text: str) -> Turn:
        """Type something as the user (an empty string is silence)."""
        if not text.strip():
            return self.silence()
        self._silences = 0
        if self.in_session and normalise(text) in EXIT_WORDS:
            return self.end("USER_INITIATED", said=text)
        if self.in_session and self._dialog:
            dialog_turn = self._answer_dialog(text)
            if dialog_turn:
                return dialog_turn
        resolution = self.model.resolve(text, in_session=self.in_session)
        if resolution.kind == "launch":
            self._close_quietly()
            return self._send(text, resolution, envelopes.launch_request(), new_session=True)
        if resolution.kind == "intent":
            if resolution.one_shot:
                self._close_quietly()
            return self._send(text, resolution, self._intent_request(resolution), new_session=resolution.one_shot)
        return Turn(text, resolution, note=f'no session is open: try "open {self.model.invocation_name}"')

    def silence(self) -> Turn:
        """The user says nothing. First the reprompt, then the session closes."""
        if not self.in_session:
            return Turn(SILENCE, note="silence (no session is open)")
        self._silences += 1
        reprompt = self.last.reprompt_ssml if self.last else ""
        if self._silences == 1 and reprompt:
            return Turn(SILENCE, speech_ssml=reprompt, text=plain_text(reprompt),
                        seconds=estimate_seconds(reprompt), note="silence: the reprompt plays")
        return self.end("EXCEEDED_MAX_REPROMPTS", said=SILENCE)

    def end(self, reason: str = "USER_INITIATED", said: str = "") -> Turn:
        """Close the session as Alexa does, with a SessionEndedRequest."""
        if not self.in_session:
            return Turn(said, note="no session to end")
        turn = self._send(said, None, envelopes.session_ended_request(reason), new_session=False)
        turn.note = f"session ended: {reason}"
        turn.ended = True
        self._forget_session()
        return turn

    def send(self, request: dict, new_session: bool = False) -> Turn:
        """Send a request as it is (skill.envelopes builds them: an intent, an APL UserEvent, a skill event,
        a SessionEndedRequest) in this session, or in a new one when asked or when none is open."""
        turn = self._send("", None, request, new_session)
        if request.get("type") == "SessionEndedRequest":
            turn.ended = True
            self._forget_session()
        return turn

    def intent(self, name: str, **words: str | None) -> Turn:
        """Send intent `name` as if the model had heard it with these slot words (None: the slot is empty);
        each slot is resolved against the interaction model as Alexa would."""
        slot_types = self.model.slot_types.get(name, {})
        slots = {slot: self.model.resolve_slot(name, slot, value) if value is not None
                 else SlotValue(slot, None, slot_types.get(slot, "")) for slot, value in words.items()}
        resolution = Resolution("intent", name, slots)
        return self._send("", resolution, self._intent_request(resolution), new_session=False)

    def resume(self, attributes: dict, last: Turn | None = None) -> None:
        """Carry on a session saved earlier: a fresh session id with these attributes, as if mid-way."""
        self._forget_session()
        self.session_id = f"amzn1.echo-api.session.{uuid.uuid4()}"
        self.attributes, self.last, self._new = copy.deepcopy(attributes), last, False

    def send_resolution(self, resolution: Resolution) -> Turn:
        """Send exactly this intent (and slots) in the open session, whatever words would have become."""
        return self._send(resolution.utterance, resolution, self._intent_request(resolution), new_session=False)

    def new_user(self) -> None:
        self.user_id = f"amzn1.ask.account.SIM{uuid.uuid4().hex.upper()}"

    # --- requests ----------------------------------------------------------------------

    def _intent_request(self, resolution: Resolution, dialog_state: str | None = None,
                        confirmation: str = "NONE", slot_confirmations: dict | None = None) -> dict:
        slots = {}
        for name, value in resolution.slots.items():
            resolved = (value.canonical, value.id) if value.resolved else None
            authority = ER_AUTHORITY.format(skill_id=self.skill_id, slot_type=value.type)
            if value.value is not None and value.type.startswith("AMAZON."):
                slots[name] = {"name": name, "value": value.value, "confirmationStatus": "NONE"}
            else:
                slots[name] = envelopes.slot(name, value.value, resolved, authority=authority)
            if slot_confirmations and name in slot_confirmations:
                slots[name]["confirmationStatus"] = slot_confirmations[name]
        request = envelopes.intent_request(resolution.intent, slots, dialog_state)
        request["intent"]["confirmationStatus"] = confirmation
        return request

    def _send(self, said: str, resolution: Resolution | None, request: dict, new_session: bool) -> Turn:
        if new_session or not self.in_session:
            self._forget_session()
            self.session_id = f"amzn1.echo-api.session.{uuid.uuid4()}"
            self._new = True
        envelope = envelopes.envelope(request, locale=self.locale, session_attributes=self.attributes,
                                      new_session=self._new, session_id=self.session_id, user_id=self.user_id,
                                      skill_id=self.skill_id,
                                      supported_interfaces=self.supported_interfaces)
        turn = Turn(said, resolution, request=envelope)
        try:
            body = self.target(envelope)
        except Exception as error:  # noqa: BLE001 - any failure of the target is shown, the session goes on
            turn.error = str(error)
            return turn
        self._new = False
        self._read_response(turn, body)
        return turn

    def _read_response(self, turn: Turn, body: dict) -> None:
        turn.response = body
        request_type = turn.request["request"]["type"]
        turn.warnings = validate(body, self.locale, request_type)
        if request_type == "SessionEndedRequest":
            return
        response = (body or {}).get("response") or {}
        turn.speech_ssml = _ssml_of(response.get("outputSpeech"))
        turn.text = plain_text(turn.speech_ssml)
        turn.seconds = estimate_seconds(turn.speech_ssml) if turn.speech_ssml else 0.0
        turn.reprompt_ssml = _ssml_of((response.get("reprompt") or {}).get("outputSpeech"))
        turn.reprompt = plain_text(turn.reprompt_ssml)
        card = response.get("card")
        if card:
            turn.card = Card(card.get("title") or "", card.get("content") or card.get("text") or "")
        self.attributes = (body or {}).get("sessionAttributes") or {}
        dialog = next((d for d in response.get("directives") or [] if str(d.get("type", "")).startswith("Dialog.")), None)
        ends = response.get("shouldEndSession")
        if dialog is None and ends is not False and not (ends is None and turn.reprompt_ssml):
            # Alexa closes the session unless told to listen (false), or a reprompt implies it.
            turn.ended = True
            self._forget_session()
        self.last = turn
        self._dialog = dialog
        if dialog and dialog["type"] == "Dialog.Delegate":
            self._delegate(turn, dialog)

    # --- dialog directives ---------------------------------------------------------------

    def _dialog_intent(self) -> dict:
        return copy.deepcopy(self._dialog.get("updatedIntent") or self.last.request["request"].get("intent") or {})

    def _answer_dialog(self, text: str) -> Turn | None:
        kind = self._dialog["type"]
        intent = self._dialog_intent()
        if not intent.get("name"):
            return None
        if kind == "Dialog.ElicitSlot":
            slot_name = self._dialog.get("slotToElicit")
            heard = self.model.match_intent(text)
            if heard.intent == intent["name"] and heard.slot_value(slot_name):
                words = heard.slot_value(slot_name)
            else:
                words = normalise(text)
            value = self.model.resolve_slot(intent["name"], slot_name, words)
            resolution = Resolution("intent", intent["name"], self._slots_of(intent) | {slot_name: value},
                                    utterance=text)
            request = self._intent_request(resolution, "IN_PROGRESS", intent.get("confirmationStatus", "NONE"),
                                           self._slot_confirmations(intent))
            return self._send(text, resolution, request, new_session=False)
        if kind in ("Dialog.ConfirmSlot", "Dialog.ConfirmIntent"):
            answer = self.model.match_intent(text).intent
            if answer not in ("AMAZON.YesIntent", "AMAZON.NoIntent"):
                return None
            status = "CONFIRMED" if answer == "AMAZON.YesIntent" else "DENIED"
            resolution = Resolution("intent", intent["name"], self._slots_of(intent), utterance=text)
            confirmations = self._slot_confirmations(intent)
            confirmation = intent.get("confirmationStatus", "NONE")
            if kind == "Dialog.ConfirmSlot":
                confirmations[self._dialog.get("slotToConfirm")] = status
            else:
                confirmation = status
            request = self._intent_request(resolution, "IN_PROGRESS", confirmation, confirmations)
            return self._send(text, resolution, request, new_session=False)
        return None

    def _delegate(self, turn: Turn, dialog: dict) -> None:
        """No dialog model in our interaction model: Alexa has nothing to ask, so the intent completes."""
        intent = self._dialog_intent()
        self._dialog = None
        if not intent.get("name"):
            return
        resolution = Resolution("intent", intent["name"], self._slots_of(intent))
        request = self._intent_request(resolution, "COMPLETED", intent.get("confirmationStatus", "NONE"),
                                       self._slot_confirmations(intent))
        follow = self._send(turn.said, resolution, request, new_session=False)
        turn.note = f"Dialog.Delegate: {intent['name']} sent back COMPLETED"
        turn.text = " ".join(t for t in (turn.text, follow.text) if t)
        turn.seconds = round(turn.seconds + follow.seconds, 1)
        turn.reprompt, turn.reprompt_ssml, turn.ended = follow.reprompt, follow.reprompt_ssml, follow.ended
        turn.warnings += follow.warnings

    def _slots_of(self, intent: dict) -> dict:
        slots = {}
        for name, slot in (intent.get("slots") or {}).items():
            value = slot.get("value")
            if value:
                slots[name] = self.model.resolve_slot(intent["name"], name, value)
            else:
                slots[name] = SlotValue(name, None, self.model.slot_types.get(intent["name"], {}).get(name, ""))
        return slots

    @staticmethod
    def _slot_confirmations(intent: dict) -> dict:
        return {name: slot.get("confirmationStatus", "NONE") for name, slot in (intent.get("slots") or {}).items()}

    # --- the session's end ---------------------------------------------------------------

    def _close_quietly(self) -> None:
        """A new launch while a session is open: Alexa ends the old one first."""
        if self.in_session:
            self.end("USER_INITIATED")

    def _forget_session(self) -> None:
        self.session_id = None
        self.attributes = {}
        self._silences = 0
        self._dialog = None
        self._new = True


def _ssml_of(speech) -> str:
    if not isinstance(speech, dict):
        return ""
    if speech.get("type") == "PlainText":
        from xml.sax.saxutils import escape

        return f"<speak>{escape(speech.get('text') or '')}</speak>"
    return speech.get("ssml") or ""


def scratch_data_dir() -> str:
    """A throwaway store directory, for runs that must not touch remembered state."""
    return tempfile.mkdtemp(prefix="compassion-sim-")
