"""A check of a response envelope for the fuzz tests: Alexa's rules, and one of the skill's own.

Alexa's rules are the simulator's response validator (skill/simulator/validator.py, with the limits
in skill/alexa_limits.py). The skill's own rule: every SSML element is one the skill itself writes,
so any other element in a response came from somewhere else, such as a user's words.
"""
from __future__ import annotations

import xml.etree.ElementTree as ElementTree

from skill.alexa_limits import parse_ssml, tag_name
from skill.simulator.validator import validate

SKILL_WRITES = frozenset({"speak", "prosody", "break", "audio", "emphasis", "p", "s", "lang", "say-as", "sub",
                          "amazon:effect", "amazon:domain"})


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
    return list(parse_ssml(ssml).iter())


def problems(body: dict, locale: str = "en-US") -> list[str]:
    """Everything wrong with a 200 response body (empty when it is a valid Alexa response)."""
    found = [str(problem) for problem in validate(body, locale)]
    if not isinstance(body, dict) or not isinstance(body.get("response"), dict):
        return found
    for where, speech in speeches(body):
        if not isinstance(speech, dict) or speech.get("type") != "SSML":
            continue
        try:
            elements = ssml_elements(speech.get("ssml") or "")
        except ElementTree.ParseError:
            continue  # the validator has said so
        found += [f"{where}: unexpected element <{tag_name(e)}>" for e in elements if tag_name(e) not in SKILL_WRITES]
    return found
