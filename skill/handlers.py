"""The request handlers: one per kind of request, and one lookup in the dialog table for the practice.

A launch, an intent and a tap on the screen are all answered by the practice (skill/practice.py
says the words, skill/dialog.py decides where each answer leads). Session ends and skill events
need no words; anything that goes wrong becomes a calm, spoken apology.
"""
from __future__ import annotations

import logging

from ask_sdk_core.dispatch_components import AbstractExceptionHandler, AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import IntentRequest, Response
from ask_sdk_model.slu.entityresolution import StatusCode
from ask_sdk_model.ui import SimpleCard

from . import dialog
from .practice import Practice, Reply, Said
from .safety import DANGER_KINDS, assess
from .session_state import MAX_WORDS_CHARS, SessionState
from .speech import texts_for
from .ssml import speak, xml_safe

log = logging.getLogger(__name__)

LAUNCH, INTENT, TOUCH = "LaunchRequest", "IntentRequest", "Alexa.Presentation.APL.UserEvent"
# Danger voiced in a slot is answered as the intent of its kind would be.
DANGER_INTENTS = {"suicidal": dialog.CRISIS, "immediate": dialog.IMMEDIATE, "medical": dialog.MEDICAL,
                  "someone_else": dialog.SOMEONE_ELSE, "violence": dialog.ABUSE, "panic": dialog.PANIC}
# A tap on a screen button (skill/apl/) answers exactly as its spoken intent would.
TOUCH_INTENTS = {"begin": dialog.BEGIN, "phrase": dialog.PHRASE}


def request_type(handler_input: HandlerInput) -> str:
    """The request's type: "LaunchRequest", "IntentRequest", "SessionEndedRequest", ..."""
    return handler_input.request_envelope.request.object_type


def practice_for(handler_input: HandlerInput) -> Practice:
    """This request's practice, speaking in the request's locale (made once per request)."""
    request_attributes = handler_input.attributes_manager.request_attributes
    if "practice" not in request_attributes:
        locale = getattr(handler_input.request_envelope.request, "locale", None)
        state = SessionState.from_attributes(handler_input.attributes_manager.session_attributes)
        request_attributes["practice"] = Practice(state, texts_for(locale), request_attributes.get("memory"), locale)
    return request_attributes["practice"]


def said_in_slots(request) -> dict[str, Said]:
    """What the person said into each slot: their words (cut to a sane length) and the value it resolved to."""
    heard = {}
    for name, slot in ((request.intent.slots or {}).items() if isinstance(request, IntentRequest) else ()):
        if slot is None or not slot.value or not str(slot.value).strip():
            continue
        # Characters no XML or UTF-8 can carry are dropped before anything keeps them.
        words = xml_safe(str(slot.value))[:MAX_WORDS_CHARS]
        heard[name] = Said(words)
        for resolution in getattr(slot.resolutions, "resolutions_per_authority", None) or []:
            if resolution.status and resolution.status.code == StatusCode.ER_SUCCESS_MATCH and resolution.values:
                value = resolution.values[0].value
                heard[name] = Said(words, value.name, value.id)
                break
    return heard


def intent_of(handler_input: HandlerInput, slots: dict[str, Said]) -> str:
    """What was asked, as the dialog table names it. Danger in any slot is met as danger (the gravest kind)."""
    request = handler_input.request_envelope.request
    if isinstance(request, IntentRequest):
        kinds = {assess(said.heard).kind for said in slots.values()} - {None}
        if kinds:
            return DANGER_INTENTS[min(kinds, key=DANGER_KINDS.index)]
        return request.intent.name
    if request.object_type == TOUCH:
        arguments = getattr(request, "arguments", None) or []
        return TOUCH_INTENTS.get(arguments[0] if arguments and isinstance(arguments[0], str) else None,
                                 dialog.FALLBACK)
    return request.object_type


def respond(handler_input: HandlerInput, reply: Reply) -> Response:
    handler_input.attributes_manager.session_attributes = practice_for(handler_input).state.to_attributes()
    builder = handler_input.response_builder.speak(reply.speech)
    if reply.reprompt and not reply.end_session:
        builder.ask(reply.reprompt)
    if reply.card_title:
        builder.set_card(SimpleCard(title=reply.card_title, content=reply.card_text))
    builder.set_should_end_session(reply.end_session)
    return builder.response


class PracticeHandler(AbstractRequestHandler):
    """A launch, any intent, or a tap: one lookup in the dialog table."""

    def can_handle(self, handler_input):
        return request_type(handler_input) in (LAUNCH, INTENT, TOUCH)

    def handle(self, handler_input):
        slots = said_in_slots(handler_input.request_envelope.request)
        return respond(handler_input, practice_for(handler_input).answer(intent_of(handler_input, slots), slots))


class SessionEndedRequestHandler(AbstractRequestHandler):
    """The session ended (user left, silence, or an error): nothing to say, only to note why."""

    def can_handle(self, handler_input):
        return request_type(handler_input) == "SessionEndedRequest"

    def handle(self, handler_input):
        request = handler_input.request_envelope.request
        reason = getattr(request.reason, "value", request.reason)
        error = getattr(getattr(request, "error", None), "object_type", None)
        log.info("session ended: reason=%s error_type=%s", reason, error)
        return handler_input.response_builder.response


class SkillDisabledHandler(AbstractRequestHandler):
    """The person disabled the skill: what they let us keep must not outlive their consent."""

    def can_handle(self, handler_input):
        return request_type(handler_input) == "AlexaSkillEvent.SkillDisabled"

    def handle(self, handler_input):
        deleted = handler_input.attributes_manager.request_attributes["memory"].forget()
        log.info("skill disabled: memory deleted=%s", deleted)
        return handler_input.response_builder.response


class SilentEventHandler(AbstractRequestHandler):
    """Events nobody is listening to (skill enabled, permissions changed, ...): acknowledge quietly."""

    def can_handle(self, handler_input):
        return True

    def handle(self, handler_input):
        log.info("ignored request type %s", request_type(handler_input))
        return handler_input.response_builder.response


class CatchAllExceptionHandler(AbstractExceptionHandler):
    """Anything that went wrong inside the skill: a calm apology, logged, and the session carries on."""

    def can_handle(self, handler_input, exception):
        return True

    def handle(self, handler_input, exception):
        # The exception's type and place only: its message could hold what the user said.
        log.error("handler failed: %s at %s", type(exception).__name__, _where(exception))
        if request_type(handler_input) == "SessionEndedRequest":
            return handler_input.response_builder.response
        texts = texts_for(getattr(handler_input.request_envelope.request, "locale", None))
        return (handler_input.response_builder.speak(speak(texts.ERROR))
                .ask(speak(texts.ERROR_REPROMPT)).response)


def _where(exception: BaseException) -> str:
    tb = exception.__traceback__
    while tb and tb.tb_next:
        tb = tb.tb_next
    return f"{tb.tb_frame.f_code.co_filename}:{tb.tb_lineno}" if tb else "?"


# The order in which handlers are asked: the first that can handle a request answers it.
HANDLERS = [PracticeHandler, SessionEndedRequestHandler, SkillDisabledHandler, SilentEventHandler]
EXCEPTION_HANDLERS = [CatchAllExceptionHandler]
