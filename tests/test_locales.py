"""Every English locale: same intents and slots, locale words, locale spelling, supported SSML."""
import re
import json

import pytest

from conftest import LOCALES, MODELS, load_model
from skill.alexa_limits import parse_ssml, tag_name
from skill.simulator.resolver import InteractionModel
from skill.speech import render
from skill.safety import crisis_line
from skill.safety.resources import locales as crisis_line_locales
from skill.speech import DEFAULT_LOCALE, LOCALE_OVERRIDES, texts_for
from skill.ssml import speak

# SSML tags Alexa supports in every English locale (SSML reference, "Supported SSML tags").
SSML_EVERYWHERE = {"speak", "prosody", "break", "say-as", "sub", "p", "s", "emphasis", "w", "phoneme", "audio", "lang"}
# amazon:domain (long-form, news, ...) and amazon:emotion are limited to some locales; we only
# allow them in en-US, where long-form is available.
SSML_EN_US_ONLY = {"amazon:domain", "amazon:emotion"}


def test_the_shipped_locales():
    assert set(LOCALES) == {"en-US", "en-GB", "en-AU", "en-CA", "en-IN"}
    assert {p.stem for p in MODELS.glob("*.json") if p.stem != "skill"} == set(LOCALES)


def _shape(locale):
    model = load_model(locale)
    intents = {i["name"]: tuple(sorted((s["name"], s["type"]) for s in i.get("slots", []))) for i in model["intents"]}
    types = {t["name"]: sorted(v["id"] for v in t["values"]) for t in model["types"]}
    return intents, types, model["invocationName"]


@pytest.mark.parametrize("locale", [l for l in LOCALES if l != DEFAULT_LOCALE])
def test_locales_cover_the_same_intents_slots_and_values(locale):
    assert _shape(locale) == _shape(DEFAULT_LOCALE)


@pytest.mark.parametrize("locale, intent, slot, said, canonical", [
    ("en-IN", "PresenceIntent", "presence", "nani", "grandmother"),
    ("en-IN", "PresenceIntent", "presence", "dadi", "grandmother"),
    ("en-IN", "FeelingIntent", "feeling", "tensed", "stressed"),
    ("en-GB", "FeelingIntent", "feeling", "knackered", "exhausted"),
    ("en-GB", "PresenceIntent", "presence", "mum", "mother"),
    ("en-GB", "PresenceIntent", "presence", "mam", "mother"),
    ("en-AU", "PresenceIntent", "presence", "pop", "grandfather"),
    ("en-US", "PresenceIntent", "presence", "mom", "mother"),
])
def test_locale_words_resolve(locale, intent, slot, said, canonical):
    assert InteractionModel.for_locale(locale).resolve_slot(intent, slot, said).canonical == canonical


def test_every_locale_has_a_crisis_line_and_its_own_words():
    for locale in LOCALES:
        assert locale in crisis_line_locales()
        assert crisis_line(locale).locale == locale
        if locale != DEFAULT_LOCALE:
            assert locale in LOCALE_OVERRIDES


@pytest.mark.parametrize("locale, expected", [
    ("en-US", "practice with them"), ("en-GB", "practise with them"), ("en-AU", "practise with them"),
    ("en-CA", "practise with them"), ("en-IN", "practise with them"),
])
def test_speech_follows_the_locale_spelling(locale, expected):
    assert expected in texts_for(locale).PHRASE_ONLY_CLOSE


def _tags(ssml):
    return {tag_name(element) for element in parse_ssml(ssml).iter()}


def _every_template(locale):
    texts = texts_for(locale)
    for name in dir(texts):
        value = getattr(texts, name)
        values = value.values() if hasattr(value, "values") else [value]
        for text in values:
            if isinstance(text, str):
                yield name, speak(render(text, **{placeholder: "one two" for placeholder in _placeholders(text)}))


def _placeholders(text):
    return {name for name in re.findall(r"\{([A-Za-z_]+)\}", text)}


def _supported_tags(locale):
    return SSML_EVERYWHERE | (SSML_EN_US_ONLY if locale == "en-US" else set())


@pytest.mark.parametrize("locale", LOCALES)
def test_every_template_uses_only_ssml_supported_in_its_locale(locale):
    for name, ssml in _every_template(locale):
        assert _tags(ssml) <= _supported_tags(locale), name


def test_what_the_skill_says_uses_only_ssml_supported_in_the_locale(conversation):
    said = []
    for turn in (lambda: conversation.launch(), lambda: conversation.intent("AMAZON.YesIntent"),
                 lambda: conversation.intent("ReadyIntent"), lambda: conversation.intent("FeelingIntent", feeling="hopeless"),
                 lambda: conversation.intent("PresenceIntent", presence="the ocean"),
                 lambda: conversation.intent("LearnMoreIntent"), lambda: conversation.intent("AMAZON.HelpIntent"),
                 lambda: conversation.intent("CrisisIntent"), lambda: conversation.intent("AMAZON.YesIntent"),
                 lambda: conversation.intent("CrisisNumberIntent"), lambda: conversation.intent("AMAZON.NoIntent")):
        turn()
        said += [s for s in (conversation.speech, conversation.reprompt) if s]
    for ssml in said:
        assert _tags(ssml) <= _supported_tags(conversation.locale), ssml


def test_written_models_list_no_locale_only_intents():
    names = [{i["name"] for i in json.loads((MODELS / f"{l}.json").read_text())["interactionModel"]
              ["languageModel"]["intents"]} for l in LOCALES]
    assert all(n == names[0] for n in names)
