"""The ask-sdk-core skill object: handlers, interceptors and the store, put together once."""
from __future__ import annotations

from ask_sdk_core.skill import CustomSkill
from ask_sdk_core.skill_builder import CustomSkillBuilder

from .apl import ScreenInterceptor
from .handlers import EXCEPTION_HANDLERS, HANDLERS


def build_skill(config: dict, persistence_adapter=None) -> CustomSkill:
    """Build the skill. Called once per process by the app factory, never per request."""
    builder = CustomSkillBuilder(persistence_adapter=persistence_adapter)
    for handler in HANDLERS:
        builder.add_request_handler(handler())
    # Screens are cross-cutting: shown after whichever handler answered, on devices that have one.
    builder.add_global_response_interceptor(ScreenInterceptor())
    for handler in EXCEPTION_HANDLERS:
        builder.add_exception_handler(handler())
    return builder.create()
