"""(a) The ceiling of the stack: a bare Flask route that reads the body and returns a fixed Alexa response."""
from flask import Flask, request

app = Flask(__name__)

FIXED_RESPONSE = {
    "version": "1.0",
    "response": {"outputSpeech": {"type": "SSML", "ssml": "<speak>Hello.</speak>"}, "shouldEndSession": False},
}


@app.post("/alexa")
def alexa():
    request.get_data(cache=False)
    return FIXED_RESPONSE
