"""One request handler per intent. Each one hands the request to the practice.

What each step *says* is in practice.py and skill/speech/; the order in which
these handlers are tried is the list HANDLERS at the bottom of this file.
"""
from __future__ import annotations

import logging

from ask_sdk_core.dispatch_components import AbstractExceptionHandler, AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import get_slot
from ask_sdk_model import IntentRequest, Response
from ask_sdk_model.ui import SimpleCard
from ask_sdk_model.slu.entityresolution import StatusCode

from .practice import Practice, Reply, Said
from .safety import is_crisis
from .ssml import speak, xml_safe
from .speech import texts_for

log = logging.getLogger(__name__)


# Every request asks the handlers in HANDLERS in turn (up to ~28 of them), so each can_handle is a plain
# comparison: ask_sdk_core.utils' is_request_type(...) and is_intent_name(...) build a new function on
# every call. These two read exactly what those compare.
def request_type(handler_input: HandlerInput) -> str:
    """The request's type: "LaunchRequest", "IntentRequest", "SessionEndedRequest", ..."""
    return handler_input.request_envelope.request.object_type


def intent_name(handler_input: HandlerInput) -> str | None:
    """The intent's name for an IntentRequest; None for any other request."""
    request = handler_input.request_envelope.request
    return request.intent.name if isinstance(request, IntentRequest) else None


def practice_for(handler_input: HandlerInput) -> Practice:
    """The practice of this session, speaking in the request's locale."""
    request_attributes = handler_input.attributes_manager.request_attributes
    if "practice" not in request_attributes:
        locale = getattr(handler_input.request_envelope.request, "locale", None)
        request_attributes["practice"] = Practice(
            handler_input.attributes_manager.session_attributes, texts_for(locale),
            request_attributes["memory"], locale)
    return request_attributes["practice"]


def respond(handler_input: HandlerInput, reply: Reply) -> Response:
    practice_for(handler_input).remember_last(reply)
    builder = handler_input.response_builder.speak(reply.speech)
    if reply.reprompt and not reply.end_session:
        builder.ask(reply.reprompt)
    if reply.card_title:
        builder.set_card(SimpleCard(title=reply.card_title, content=reply.card_text))
    builder.set_should_end_session(reply.end_session)
    return builder.response


# Far longer than anything a person says in one breath; a longer slot value is cut here, so it
# cannot swell the session attributes (and the response) past Alexa's 24 KiB. Characters no XML or
# UTF-8 can carry (control characters, lone surrogates) are dropped here too, before anything keeps them.
MAX_HEARD_CHARS = 500


def said(handler_input: HandlerInput, slot_name: str) -> Said | None:
    """What the user said for a slot: their words, and the canonical value if it resolved."""
    slot = get_slot(handler_input, slot_name)
    if slot is None or not slot.value or not str(slot.value).strip():
        return None
    heard = xml_safe(str(slot.value))[:MAX_HEARD_CHARS]
    for resolution in getattr(slot.resolutions, "resolutions_per_authority", None) or []:
        if resolution.status and resolution.status.code == StatusCode.ER_SUCCESS_MATCH and resolution.values:
            value = resolution.values[0].value
            return Said(heard=heard, canonical=value.name, id=value.id)
    return Said(heard=heard)


class PracticeHandler(AbstractRequestHandler):
    """Base for handlers that answer one intent with one call on the practice."""

    intent_name: str = ""

    def can_handle(self, handler_input):
        return intent_name(handler_input) == self.intent_name

    def handle(self, handler_input):
        return respond(handler_input, self.answer(practice_for(handler_input), handler_input))

    def answer(self, practice: Practice, handler_input: HandlerInput) -> Reply:
        raise NotImplementedError


def slot_values(handler_input: HandlerInput) -> list[str]:
    """Everything the user said into any slot of this intent, as heard."""
    intent = getattr(handler_input.request_envelope.request, "intent", None)
    values = []
    for slot in (getattr(intent, "slots", None) or {}).values():
        if slot is not None and slot.value:
            values.append(str(slot.value))
    return values


class CrisisLanguageHandler(PracticeHandler):
    """Crisis language, wherever it arrives: the CrisisIntent, or any slot of any intent, at any step.

    First in HANDLERS, so "I feel like I want to die" as a feeling, a presence or a one-shot is
    never answered as if it were an ordinary part of the practice.
    """

    intent_name = "CrisisIntent"

    def can_handle(self, handler_input):
        if request_type(handler_input) != "IntentRequest":
            return False
        return (intent_name(handler_input) == self.intent_name
                or any(is_crisis(value) for value in slot_values(handler_input)))

    def answer(self, practice, handler_input):
        return practice.crisis()


class CrisisNumberIntentHandler(PracticeHandler):
    """ "Say the number again", "what's the helpline number": the crisis line, at any step."""

    intent_name = "CrisisNumberIntent"

    def answer(self, practice, handler_input):
        return practice.crisis_number()


class LearnMoreIntentHandler(PracticeHandler):
    """ "What is this?", "why does self-compassion feel lonely?": what this is, and is not."""

    intent_name = "LearnMoreIntent"

    def answer(self, practice, handler_input):
        return practice.learn_more()


class LaunchRequestHandler(PracticeHandler):
    """ "Alexa, open shared compassion": a short welcome, then "shall we begin?" """

    def can_handle(self, handler_input):
        return request_type(handler_input) == "LaunchRequest"

    def answer(self, practice, handler_input):
        return practice.welcome()


class BeginIntentHandler(PracticeHandler):
    """ "Let's begin", "ask shared compassion to start": step 1, the pause."""

    intent_name = "BeginIntent"

    def answer(self, practice, handler_input):
        return practice.begin()


class ReadyIntentHandler(PracticeHandler):
    """ "I'm ready": on to whatever comes next."""

    intent_name = "ReadyIntent"

    def answer(self, practice, handler_input):
        return practice.ready()


class FeelingIntentHandler(PracticeHandler):
    """ "I feel anxious", "kind of lost": the feeling is reflected, then the presence is asked for.

    Also a one-shot: "tell shared compassion I feel anxious" starts right here.
    """

    intent_name = "FeelingIntent"

    def answer(self, practice, handler_input):
        return practice.name_feeling(said(handler_input, "feeling"))


class PresenceIntentHandler(PracticeHandler):
    """ "My grandmother", "the ocean", "God": the presence is welcomed, then the phrase."""

    intent_name = "PresenceIntent"

    def answer(self, practice, handler_input):
        return practice.name_presence(said(handler_input, "presence"))


class NotSureIntentHandler(PracticeHandler):
    """ "I don't know", "I'm not sure", "I'd rather not say": a fine answer; the practice goes on."""

    intent_name = "NotSureIntent"

    def answer(self, practice, handler_input):
        return practice.not_sure()


class SkipIntentHandler(PracticeHandler):
    """ "Skip", "next": leave this step and go on."""

    intent_name = "SkipIntent"

    def answer(self, practice, handler_input):
        return practice.skip()


class PhraseIntentHandler(PracticeHandler):
    """ "Say the phrase": the phrase now; as a one-shot, just the phrase, kindly framed, then goodbye."""

    intent_name = "PhraseIntent"

    def answer(self, practice, handler_input):
        return practice.phrase_only() if practice.is_new else practice.phrase()


class RestIntentHandler(PracticeHandler):
    """ "Let's rest": step 6, quiet and a gentle close."""

    intent_name = "RestIntent"

    def answer(self, practice, handler_input):
        return practice.rest()


class RestLengthIntentHandler(PracticeHandler):
    """ "A longer rest", "three minutes", "just a short one": about 30 s, 1 min or 3 min."""

    intent_name = "RestLengthIntent"

    def answer(self, practice, handler_input):
        length = said(handler_input, "length")
        return practice.choose_rest(length.id.lower() if length and length.id else None)


class NoBellIntentHandler(PracticeHandler):
    """ "No bell": the rest begins and ends in quiet."""

    intent_name = "NoBellIntent"

    def answer(self, practice, handler_input):
        return practice.choose_bell(False)


class BellIntentHandler(PracticeHandler):
    """ "With the bell": a soft chime at the start and end of the rest."""

    intent_name = "BellIntent"

    def answer(self, practice, handler_input):
        return practice.choose_bell(True)


class ForgetMeIntentHandler(PracticeHandler):
    """ "Forget me", "delete my data": everything kept for this person is deleted, and they hear so."""

    intent_name = "ForgetMeIntent"

    def answer(self, practice, handler_input):
        return practice.forget()


class YesIntentHandler(PracticeHandler):
    """Yes to whatever was just asked ("shall we begin?", "hear the words again?")."""

    intent_name = "AMAZON.YesIntent"

    def answer(self, practice, handler_input):
        return practice.yes()


class NoIntentHandler(PracticeHandler):
    """No to whatever was just asked."""

    intent_name = "AMAZON.NoIntent"

    def answer(self, practice, handler_input):
        return practice.no()


class RepeatIntentHandler(PracticeHandler):
    """ "Say that again": repeats the last thing said (after the phrase, that is the phrase)."""

    intent_name = "AMAZON.RepeatIntent"

    def answer(self, practice, handler_input):
        return practice.repeat()


class StartOverIntentHandler(PracticeHandler):
    """ "Start over": back to the pause, forgetting this session's answers."""

    intent_name = "AMAZON.StartOverIntent"

    def answer(self, practice, handler_input):
        return practice.start_over()


class HelpIntentHandler(PracticeHandler):
    """Where you are in the practice and what you can say, then the same step again."""

    intent_name = "AMAZON.HelpIntent"

    def answer(self, practice, handler_input):
        return practice.help()


class FallbackIntentHandler(PracticeHandler):
    """Nothing matched: a gentle re-ask tied to the current step."""

    intent_name = "AMAZON.FallbackIntent"

    def answer(self, practice, handler_input):
        return practice.fallback()


class CancelOrStopIntentHandler(PracticeHandler):
    """Stop, cancel, or go home: a brief, kind goodbye."""

    def can_handle(self, handler_input):
        return intent_name(handler_input) in ("AMAZON.StopIntent", "AMAZON.CancelIntent", "AMAZON.NavigateHomeIntent")

    def answer(self, practice, handler_input):
        return practice.goodbye()


class TouchHandler(PracticeHandler):
    """A tap on the screen (skill/apl/): each button answers exactly as its spoken intent would.

    The button's SendEvent carries the action as its first argument; a tap this
    skill does not know is met like anything unrecognised, with a gentle re-ask.
    """

    SPOKEN_EQUIVALENT = {"begin": BeginIntentHandler(), "phrase": PhraseIntentHandler()}

    def can_handle(self, handler_input):
        return request_type(handler_input) == "Alexa.Presentation.APL.UserEvent"

    def answer(self, practice, handler_input):
        spoken = self.SPOKEN_EQUIVALENT.get(touch_action(handler_input))
        return spoken.answer(practice, handler_input) if spoken else practice.fallback()


def touch_action(handler_input: HandlerInput) -> str | None:
    """The action a tapped button carries (its SendEvent's first argument), if any."""
    arguments = getattr(handler_input.request_envelope.request, "arguments", None) or []
    first = arguments[0] if arguments else None
    return first if isinstance(first, str) else None


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


class UnexpectedIntentHandler(PracticeHandler):
    """An intent this skill does not know (the model changed before the code did): re-ask gently."""

    def can_handle(self, handler_input):
        return request_type(handler_input) == "IntentRequest"

    def answer(self, practice, handler_input):
        return practice.fallback()


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
        log.info("ignored request type %s", handler_input.request_envelope.request.object_type)
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
HANDLERS = [
    CrisisLanguageHandler,
    CrisisNumberIntentHandler,
    LearnMoreIntentHandler,
    LaunchRequestHandler,
    BeginIntentHandler,
    ReadyIntentHandler,
    FeelingIntentHandler,
    PresenceIntentHandler,
    NotSureIntentHandler,
    SkipIntentHandler,
    PhraseIntentHandler,
    RestIntentHandler,
    RestLengthIntentHandler,
    NoBellIntentHandler,
    BellIntentHandler,
    ForgetMeIntentHandler,
    YesIntentHandler,
    NoIntentHandler,
    RepeatIntentHandler,
    StartOverIntentHandler,
    HelpIntentHandler,
    FallbackIntentHandler,
    CancelOrStopIntentHandler,
    TouchHandler,
    SessionEndedRequestHandler,
    UnexpectedIntentHandler,
    SkillDisabledHandler,
    SilentEventHandler,
]

EXCEPTION_HANDLERS = [CatchAllExceptionHandler]
