"""The ask-sdk-core skill object: handlers, interceptors and the store, put together once."""
from __future__ import annotations

from ask_sdk_core.dispatch_components import AbstractRequestInterceptor
from ask_sdk_core.skill import CustomSkill
from ask_sdk_core.skill_builder import CustomSkillBuilder

from .apl import ScreenInterceptor
from .handlers import EXCEPTION_HANDLERS, HANDLERS
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
    return builder.create()


class MemoryInterceptor(AbstractRequestInterceptor):
    """Gives every request its person's Memory, as request attribute "memory" (keeps nothing without a user id)."""

    def __init__(self, store):
        self.store = store

    def process(self, handler_input) -> None:
        user = getattr(getattr(handler_input.request_envelope.context, "system", None), "user", None)
        handler_input.attributes_manager.request_attributes["memory"] = Memory(self.store,
                                                                               getattr(user, "user_id", None))
