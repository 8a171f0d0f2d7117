"""Check interaction models before upload, for what the developer console's build would reject.

    compassion-sim --check-models                 # every interaction_models/<locale>.json
    compassion-sim --check-models path/to/x.json

Errors are what a model build refuses; warnings are what certification or users will trip on.
Sources:
[INVOCATION] Invocation name requirements:
  https://developer.amazon.com/en-US/docs/alexa/custom-skills/choose-the-invocation-name-for-a-custom-skill.html
  - only lower-case letters, spaces, apostrophes and periods; at least two words (one only for a brand);
    no launch or connecting words ("ask", "tell", "open", "launch", "begin", ...), no wake words
    ("alexa", "amazon", "echo", "computer"), and not the words "skill" or "app"; a two-word name may not
    include an article or preposition ("the", "a", "an", "for", "to", "of").
[MODEL] Interaction model schema and utterance rules:
  https://developer.amazon.com/en-US/docs/alexa/smapi/interaction-model-schema.html
  https://developer.amazon.com/en-US/docs/alexa/custom-skills/best-practices-for-sample-utterances-and-custom-slot-type-values.html
  - every slot type an intent uses is an AMAZON built-in or defined under types;
  - a {slot} in a sample must be one of the intent's slots, and appear in it only once;
  - the same sample may not belong to two intents (the build reports a conflict);
  - samples use spelled-out words: no digits and no symbols other than apostrophes and periods;
  - every custom intent needs samples; custom slot values may not be empty or repeated.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from .resolver import MODELS_DIR, normalise

INVOCATION_DOC = "https://developer.amazon.com/en-US/docs/alexa/custom-skills/choose-the-invocation-name-for-a-custom-skill.html"
MODEL_DOC = "https://developer.amazon.com/en-US/docs/alexa/smapi/interaction-model-schema.html"
UTTERANCE_DOC = ("https://developer.amazon.com/en-US/docs/alexa/custom-skills/"
                 "best-practices-for-sample-utterances-and-custom-slot-type-values.html")

INVOCATION_FORBIDDEN_WORDS = {"ask", "tell", "open", "launch", "begin", "start", "load", "run", "resume",
                              "enable", "use", "talk", "play", "alexa", "amazon", "echo", "computer",
                              "skill", "app"}
TWO_WORD_FORBIDDEN = {"the", "a", "an", "for", "to", "of"}
# A custom intent with fewer samples than this is too thin to be recognised reliably.
MIN_SAMPLES = 10


@dataclass(frozen=True)
class Finding:
    severity: str  # "error" or "warning"
    where: str
    message: str
    doc: str

    def __str__(self) -> str:
        return f"{self.severity}: {self.where}: {self.message}"


def check_model(model: dict) -> list[Finding]:
    """Every finding for one developer-console interaction model."""
    language_model = model.get("interactionModel", {}).get("languageModel")
    if not isinstance(language_model, dict):
        return [Finding("error", "interactionModel.languageModel", "missing", MODEL_DOC)]
    findings = check_invocation_name(language_model.get("invocationName", ""))
    types = language_model.get("types") or []
    defined_types = {t.get("name") for t in types}
    owner_of_sample: dict[str, str] = {}
    for intent in language_model.get("intents") or []:
        name = intent.get("name", "?")
        slots = {s.get("name"): s.get("type") for s in intent.get("slots") or []}
        for slot_name, slot_type in slots.items():
            if not slot_type or (not slot_type.startswith("AMAZON.") and slot_type not in defined_types):
                findings.append(Finding("error", f"{name}.{slot_name}", f"slot type {slot_type!r} is not defined",
                                        MODEL_DOC))
        samples = intent.get("samples") or []
        if not name.startswith("AMAZON."):
            if not samples:
                findings.append(Finding("error", name, "a custom intent needs sample utterances", MODEL_DOC))
            elif len(samples) < MIN_SAMPLES:
                findings.append(Finding("warning", name, f"only {len(samples)} samples; "
                                        f"give at least {MIN_SAMPLES} ways of saying it", UTTERANCE_DOC))
        for sample in samples:
            findings += _check_sample(name, sample, slots, owner_of_sample)
    for slot_type in types:
        findings += _check_values(slot_type)
    return findings


def check_invocation_name(name: str) -> list[Finding]:
    where = "invocationName"
    if not name:
        return [Finding("error", where, "missing", INVOCATION_DOC)]
    findings = []
    if not re.fullmatch(r"[a-z][a-z.' ]*", name):
        findings.append(Finding("error", where, f"{name!r}: only lower-case letters, spaces, apostrophes and "
                                "periods", INVOCATION_DOC))
    words = name.replace(".", " ").split()
    if len(words) < 2:
        findings.append(Finding("error", where, f"{name!r}: needs at least two words (one only for a brand)",
                                INVOCATION_DOC))
    forbidden = [w for w in words if w in INVOCATION_FORBIDDEN_WORDS]
    if forbidden:
        findings.append(Finding("error", where, f"{name!r}: may not contain {', '.join(forbidden)}", INVOCATION_DOC))
    if len(words) == 2 and any(w in TWO_WORD_FORBIDDEN for w in words):
        findings.append(Finding("error", where, f"{name!r}: a two-word name may not use an article or preposition",
                                INVOCATION_DOC))
    return findings


def _check_sample(intent: str, sample: str, slots: dict, owner_of_sample: dict) -> list[Finding]:
    findings = []
    where = f"{intent}: {sample!r}"
    if not sample.strip():
        return [Finding("error", intent, "empty sample utterance", MODEL_DOC)]
    named = re.findall(r"\{([^}]*)\}", sample)
    for slot_name in named:
        if slot_name not in slots:
            findings.append(Finding("error", where, f"{{{slot_name}}} is not a slot of {intent}", MODEL_DOC))
    if len(named) != len(set(named)):
        findings.append(Finding("error", where, "a slot may appear only once in a sample", UTTERANCE_DOC))
    literal = re.sub(r"\{[^}]*\}", " ", sample)
    if re.search(r"\d", literal):
        findings.append(Finding("error", where, "numbers must be spelled out", UTTERANCE_DOC))
    if re.search(r"[^\w\s'.]", literal, re.UNICODE):
        findings.append(Finding("error", where, "only letters, spaces, apostrophes and periods", UTTERANCE_DOC))
    # The console compares samples as written (case aside); "i'm" and "i am" are two samples to it,
    # but the same words to a listener, so across intents that is worth a warning too.
    exact, spoken = " ".join(sample.lower().split()), normalise(sample)
    for key, severity in ((exact, "error"), ("~" + spoken, "warning")):
        owner = owner_of_sample.get(key)
        if owner and owner != intent:
            findings.append(Finding(severity, where, f"is also a sample of {owner}"
                                    + ("" if severity == "error" else " (said the same way)"), MODEL_DOC))
            break
        if owner == intent and severity == "error":
            findings.append(Finding("warning", where, "appears twice in the same intent", MODEL_DOC))
            break
    owner_of_sample.setdefault(exact, intent)
    owner_of_sample.setdefault("~" + spoken, intent)
    return findings


def _check_values(slot_type: dict) -> list[Finding]:
    findings = []
    name = slot_type.get("name", "?")
    values = slot_type.get("values") or []
    if not values:
        return [Finding("error", name, "a custom slot type needs values", MODEL_DOC)]
    seen: dict[str, str] = {}
    ids: set[str] = set()
    for entry in values:
        canonical = (entry.get("name") or {}).get("value", "")
        if not str(canonical).strip():
            findings.append(Finding("error", name, "empty slot value", MODEL_DOC))
            continue
        ident = entry.get("id")
        if ident and ident in ids:
            findings.append(Finding("error", name, f"id {ident!r} used twice", MODEL_DOC))
        ids.add(ident)
        for said in (canonical, *(entry.get("name") or {}).get("synonyms", [])):
            if not str(said).strip():
                findings.append(Finding("error", f"{name}.{canonical}", "empty synonym", MODEL_DOC))
                continue
            key = normalise(said)
            if key in seen:
                where = f"{name}.{canonical}"
                other = seen[key]
                message = (f"{said!r} is listed twice" if other == canonical
                           else f"{said!r} is also listed under {other!r}: entity resolution cannot tell them apart")
                findings.append(Finding("error", where, message, MODEL_DOC))
            else:
                seen[key] = canonical
    return findings


def model_files(paths: list[str] | None = None) -> list[Path]:
    if paths:
        return [Path(p) for p in paths]
    return sorted(p for p in MODELS_DIR.glob("*.json") if re.fullmatch(r"[a-z]{2}-[A-Z]{2}", p.stem))


def check_files(paths: list[str] | None = None) -> dict[Path, list[Finding]]:
    return {path: check_model(json.loads(path.read_text(encoding="utf-8"))) for path in model_files(paths)}
