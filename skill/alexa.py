"""The ask-sdk-core skill object: handlers, interceptors and the store, put together once."""
from __future__ import annotations

from ask_sdk_core.dispatch_components import AbstractRequestInterceptor
from ask_sdk_core.skill import CustomSkill
from ask_sdk_core.skill_builder import CustomSkillBuilder
from ask_sdk_runtime.dispatch_components import GenericRequestMapper

from .apl import ScreenInterceptor
from .handlers import EXCEPTION_HANDLERS, HANDLERS, PracticeHandler, intent_name
from .memory import Memory


def build_skill(config: dict, store=None) -> CustomSkill:
    """Build the skill over a MemoryStore (None: keeps nothing). Called once per process, never per request."""
    builder = CustomSkillBuilder()
    builder.add_global_request_interceptor(MemoryInterceptor(store))
    for handler in HANDLERS:
        builder.add_request_handler(handler())
    # Screens are cross-cutting: shown after whichever handler answered, on devices that have one.
    builder.add_global_response_interceptor(ScreenInterceptor())
    for handler in EXCEPTION_HANDLERS:
        builder.add_exception_handler(handler())
    configuration = builder.skill_configuration
    configuration.request_mappers = [
        IntentRequestMapper(mapper.request_handler_chains) for mapper in configuration.request_mappers]
    return CustomSkill(skill_configuration=configuration)


def answers_one_intent(handler) -> bool:
    """True for a handler whose can_handle is PracticeHandler's own: "is this request my intent_name?"."""
    return type(handler).can_handle is PracticeHandler.can_handle and bool(handler.intent_name)


class IntentRequestMapper(GenericRequestMapper):
    """ask-sdk's request mapper (the first handler in HANDLERS order that can handle the request
    answers it), minus the handlers that cannot possibly answer.

    Most handlers answer exactly one intent by name; asking each of them in turn was a good part of
    every request's time. Those are skipped unless the request is their intent; every other handler
    (crisis language, launch, stop, the catch-alls, ...) is asked exactly as before. Each handler's
    can_handle still decides; the order is still HANDLERS' order.
    """

    def __init__(self, request_handler_chains):
        super().__init__(request_handler_chains)
        # Per intent name (None: not an IntentRequest, or an intent no handler names): the chains to ask.
        self._chains_for: dict[str | None, list] = {}
        names = {chain.request_handler.intent_name for chain in self.request_handler_chains
                 if answers_one_intent(chain.request_handler)}
        for name in [None, *names]:
            self._chains_for[name] = [chain for chain in self.request_handler_chains
                                      if not answers_one_intent(chain.request_handler)
                                      or chain.request_handler.intent_name == name]

    def get_request_handler_chain(self, handler_input):
        chains = self._chains_for.get(intent_name(handler_input), self._chains_for[None])
        for chain in chains:
            if chain.request_handler.can_handle(handler_input=handler_input):
                return chain
        return None


class MemoryInterceptor(AbstractRequestInterceptor):
    """Gives every request its person's Memory, as request attribute "memory" (keeps nothing without a user id)."""

    def __init__(self, store):
        self.store = store

    def process(self, handler_input) -> None:
        user = getattr(getattr(handler_input.request_envelope.context, "system", None), "user", None)
        handler_input.attributes_manager.request_attributes["memory"] = Memory(self.store,
                                                                               getattr(user, "user_id", None))
