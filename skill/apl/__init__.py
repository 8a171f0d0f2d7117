"""What devices with a screen show: one APL document, fed per moment of the practice.

The document (practice.json) is the same for every step; what changes is its
data source: the moment's title and line (skill/speech/ SCREENS), the phrase
when it is being said, a breathing circle during silence, and touch buttons
(screens.json). A response interceptor adds the RenderDocument directive after
any handler has answered, so no handler needs to know about screens; devices
without a screen get nothing.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from ask_sdk_core.dispatch_components import AbstractResponseInterceptor
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response
from ask_sdk_model.interfaces.alexa.presentation.apl import RenderDocumentDirective

from ..handlers import practice_for, request_type
from ..practice import CRISIS
from ..safety import crisis_line
from ..speech import render_text

HERE = Path(__file__).resolve().parent
RENDER_DOCUMENT = "Alexa.Presentation.APL.RenderDocument"
# The name the document's mainTemplate binds its data to.
DATA_SOURCE = "screen"
TOKEN_PREFIX = "shared-compassion."
# The screen of a session that ends on a goodbye (stop, "not now", and any other close).
FAREWELL = "farewell"


@lru_cache(maxsize=None)
def document() -> dict:
    """The APL document, read once per process (never per request)."""
    return json.loads((HERE / "practice.json").read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def screens() -> dict:
    """What each moment shows beside its words, read once per process."""
    return json.loads((HERE / "screens.json").read_text(encoding="utf-8"))


def moments() -> tuple[str, ...]:
    return tuple(screens()["screens"])


def datasources(moment: str, texts, locale: str | None = None) -> dict:
    """The document's data for `moment`, in the words of `texts` (skill.speech.texts_for)."""
    shown = screens()["screens"][moment]
    words = texts.SCREENS[moment]
    line = words["line"]
    if moment == CRISIS:
        crisis = crisis_line(locale)
        line = render_text(line, name=crisis.name, call=crisis.call, emergency=crisis.emergency)
    return {DATA_SOURCE: {
        "moment": moment,
        "title": words["title"],
        "line": line,
        "showPhrase": shown["phrase"],
        "phrase": list(texts.PHRASE_SENTENCES) if shown["phrase"] else [],
        "breathing": shown["breathing"],
        "breathMilliseconds": int(screens()["breathSeconds"] * 1000),
        "buttons": [{"label": texts.SCREEN_BUTTONS[action], "action": action} for action in shown["buttons"]],
    }}


def render_directive(moment: str, texts, locale: str | None = None) -> RenderDocumentDirective:
    return RenderDocumentDirective(token=TOKEN_PREFIX + moment, document=document(),
                                   datasources=datasources(moment, texts, locale))


def has_screen(handler_input: HandlerInput) -> bool:
    """True when the device said it can render APL (context.System.device.supportedInterfaces)."""
    system = getattr(handler_input.request_envelope.context, "system", None)
    device = getattr(system, "device", None)
    interfaces = getattr(device, "supported_interfaces", None)
    return getattr(interfaces, "alexa_presentation_apl", None) is not None


def moment_shown(practice, session_ends: bool) -> str:
    """Which screen: the step while the practice goes on; how it closed when the session ends."""
    return (practice.closed_with or FAREWELL) if session_ends else practice.step


class ScreenInterceptor(AbstractResponseInterceptor):
    """After any handler that spoke: show where the practice now is, on devices with a screen."""

    def process(self, handler_input: HandlerInput, response: Response) -> None:
        if response is None or response.output_speech is None:
            return  # a screen goes with what the skill says; nothing said, nothing shown
        if request_type(handler_input) == "SessionEndedRequest" or not has_screen(handler_input):
            return  # Alexa takes no directives at a session's end, nor APL on a device without it
        practice = practice_for(handler_input)
        moment = moment_shown(practice, bool(response.should_end_session))
        if moment not in moments():
            return  # a step with no screen of its own yet: leave the screen as it is, never fail the reply
        response.directives = [*(response.directives or []), render_directive(moment, practice.texts, practice.locale)]
