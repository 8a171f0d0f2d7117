"""interaction_models/skill.json: the skill manifest for the ASK CLI / SMAPI, checked against
the interaction models, the deployed route and Amazon's publishing limits."""
import json
import re

import yaml

from conftest import MODELS, ROOT

MANIFEST = json.loads((MODELS / "skill.json").read_text())["manifest"]
SHIPPED_LOCALES = {"en-US", "en-GB", "en-AU", "en-CA", "en-IN"}
INVOCATION = yaml.safe_load((MODELS / "source" / "shared.yaml").read_text())["invocationName"]


def _samples(locale: str) -> set[str]:
    path = MODELS / f"{locale}.json"
    if not path.exists():
        path = MODELS / "en-US.json"  # locales not built yet share the en-US words
    model = json.loads(path.read_text())["interactionModel"]["languageModel"]
    return {s.lower() for intent in model["intents"] for s in intent["samples"]}


def test_every_shipped_locale_and_every_model_is_published():
    locales = set(MANIFEST["publishingInformation"]["locales"])
    models = {p.stem for p in MODELS.glob("*.json") if p.name != "skill.json"}
    assert locales == SHIPPED_LOCALES
    assert models <= locales
    countries = {locale.split("-")[1] for locale in locales}
    assert set(MANIFEST["publishingInformation"]["distributionCountries"]) == countries


def test_store_texts_fit_amazons_limits_and_carry_the_disclaimer():
    for locale, text in MANIFEST["publishingInformation"]["locales"].items():
        assert 2 <= len(text["name"]) <= 50, locale
        assert len(text["summary"]) <= 160, locale
        assert len(text["description"]) <= 4000, locale
        description = text["description"].lower()
        assert "not medical advice" in description and "not therapy" in description, locale
        assert "emergency" in description, locale
        assert not re.search(r"\b(cure|heal|treats?)\b", description.replace("does not diagnose or treat", "")), locale


def test_example_phrases_open_the_skill_and_use_real_sample_utterances():
    for locale, text in MANIFEST["publishingInformation"]["locales"].items():
        first, *others = text["examplePhrases"]
        assert 1 <= len(text["examplePhrases"]) <= 3
        assert first == f"Alexa, open {INVOCATION}"
        samples = _samples(locale)
        for phrase in others:
            match = re.fullmatch(rf"Alexa, (?:open|ask) {INVOCATION} (?:and|to) (.+)", phrase)
            assert match, phrase
            assert match.group(1).lower() in samples, f"{locale}: {phrase!r} is not a sample utterance"


def test_endpoint_is_the_http_api_route_with_the_wildcard_certificate():
    route = yaml.safe_load((ROOT / "serverless.yml").read_text())["functions"]["web"]["events"]
    post_path = next(e["httpApi"]["path"] for e in route if e["httpApi"]["method"] == "POST")
    for endpoint in (MANIFEST["apis"]["custom"]["endpoint"], MANIFEST["events"]["endpoint"]):
        assert endpoint["uri"].startswith("https://") and endpoint["uri"].endswith(post_path)
        assert ".execute-api." in endpoint["uri"]
        # API Gateway's default domain has an Amazon-issued wildcard certificate.
        assert endpoint["sslCertificateType"] == "Wildcard"


def test_privacy_and_compliance_say_what_the_skill_does_not_do():
    privacy = MANIFEST["privacyAndCompliance"]
    assert privacy["allowsPurchases"] is False
    assert privacy["usesPersonalInfo"] is False
    assert privacy["isChildDirected"] is False
    assert privacy["isExportCompliant"] is True
    assert privacy["containsAds"] is False
    assert set(privacy["locales"]) == SHIPPED_LOCALES
    assert all(v["privacyPolicyUrl"].startswith("https://") for v in privacy["locales"].values())
    assert MANIFEST["permissions"] == []


def test_the_skill_hears_when_it_is_disabled_and_may_use_apl():
    assert MANIFEST["events"]["subscriptions"] == [{"eventName": "SKILL_DISABLED"}]
    interfaces = {i["type"]: i for i in MANIFEST["apis"]["custom"]["interfaces"]}
    assert interfaces["ALEXA_PRESENTATION_APL"]["supportedViewports"]
