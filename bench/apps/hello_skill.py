"""(b) What a developer would otherwise write: a minimal ask-sdk-core "hello" skill behind a plain
Flask adapter (body -> skill serializer -> invoke -> serialize -> JSON), as in ask-sdk's samples."""
from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.skill_builder import SkillBuilder
from ask_sdk_core.utils import is_request_type
from ask_sdk_model import RequestEnvelope
from flask import Flask, jsonify, request


class LaunchRequestHandler(AbstractRequestHandler):
    def can_handle(self, handler_input):
        return is_request_type("LaunchRequest")(handler_input)

    def handle(self, handler_input):
        return handler_input.response_builder.speak("Hello.").ask("Say hello.").response


class HelloIntentHandler(AbstractRequestHandler):
    """Every intent gets the same hello (the benchmark sends the practice's intents to all three apps)."""

    def can_handle(self, handler_input):
        return is_request_type("IntentRequest")(handler_input)

    def handle(self, handler_input):
        return handler_input.response_builder.speak("Hello world.").set_should_end_session(False).response


class SessionEndedRequestHandler(AbstractRequestHandler):
    def can_handle(self, handler_input):
        return is_request_type("SessionEndedRequest")(handler_input)

    def handle(self, handler_input):
        return handler_input.response_builder.response


builder = SkillBuilder()
for handler in (LaunchRequestHandler(), HelloIntentHandler(), SessionEndedRequestHandler()):
    builder.add_request_handler(handler)
skill = builder.create()

app = Flask(__name__)


@app.post("/alexa")
def alexa():
    envelope = skill.serializer.deserialize(request.get_data(as_text=True), RequestEnvelope)
    response = skill.invoke(request_envelope=envelope, context=None)
    return jsonify(skill.serializer.serialize(response))
