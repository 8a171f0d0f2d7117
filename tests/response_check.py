"""A small check of a response envelope, for the fuzz tests.

The simulator's response validator (skill/simulator/validator.py, on its own branch) is the full
one; `problems()` uses it when it is there and falls back to these few rules otherwise, so the
fuzz tests switch to it by themselves once the branches are merged.
"""
from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ElementTree

MAX_BREAK_SECONDS = 10
MAX_SPEECH_CHARS = 8000
MAX_RESPONSE_BYTES = 24 * 1024
# Every SSML element the skill itself writes; anything else in a response came from somewhere else.
OUR_SSML_TAGS = frozenset({"speak", "prosody", "break", "audio", "emphasis", "p", "s", "lang", "say-as",
                           "{http://amazon.com/ssml/2017-11-01}effect",
                           "{http://amazon.com/ssml/2017-11-01}domain"})

_SECONDS = re.compile(r"^(\d+(?:\.\d+)?)(ms|s)$")


def speeches(body: dict) -> list[tuple[str, dict]]:
    response = body.get("response") or {}
    found = []
    if response.get("outputSpeech"):
        found.append(("outputSpeech", response["outputSpeech"]))
    reprompt = (response.get("reprompt") or {}).get("outputSpeech")
    if reprompt:
        found.append(("reprompt", reprompt))
    return found


def ssml_elements(ssml: str) -> list[ElementTree.Element]:
    """Every element of the SSML; raises ElementTree.ParseError when it is not well-formed XML."""
    bound = ssml.replace("<speak>", '<speak xmlns:amazon="http://amazon.com/ssml/2017-11-01">', 1)
    return list(ElementTree.fromstring(bound).iter())


def local_problems(body: dict) -> list[str]:
    found = []
    size = len(json.dumps(body).encode())
    if size >= MAX_RESPONSE_BYTES:
        found.append(f"response is {size} bytes")
    if body.get("version") != "1.0":
        found.append("version is not 1.0")
    if not isinstance(body.get("response"), dict):
        return found + ["no response object"]
    for where, speech in speeches(body):
        if speech.get("type") != "SSML":
            continue
        ssml = speech.get("ssml") or ""
        if len(ssml) >= MAX_SPEECH_CHARS:
            found.append(f"{where}: {len(ssml)} characters")
        try:
            elements = ssml_elements(ssml)
        except ElementTree.ParseError as error:
            found.append(f"{where}: not XML ({error})")
            continue
        if elements[0].tag != "speak":
            found.append(f"{where}: root is {elements[0].tag}")
        for element in elements:
            if element.tag not in OUR_SSML_TAGS:
                found.append(f"{where}: unexpected element <{element.tag}>")
            if element.tag == "break":
                match = _SECONDS.match(element.get("time", ""))
                if not match:
                    found.append(f"{where}: break without a time")
                    continue
                seconds = float(match.group(1)) / (1000 if match.group(2) == "ms" else 1)
                if seconds > MAX_BREAK_SECONDS:
                    found.append(f"{where}: break of {seconds} s")
    return found


def problems(body: dict, locale: str = "en-US") -> list[str]:
    """Everything wrong with a 200 response body (empty when it is a valid Alexa response)."""
    found = local_problems(body)
    try:
        from skill.simulator.validator import validate
    except ImportError:
        return found
    return found + [str(p) for p in validate(body, locale)]
