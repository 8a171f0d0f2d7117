"""Write interaction_models/<locale>.json from the one shared source and each locale's additions.

    python interaction_models/build.py          # write every locale's model (and skill/slot_words.py)
    python interaction_models/build.py --check  # fail if a written model is out of date

skill/slot_words.py is written too: the words of the feeling and presence slot types, so the skill
can tell, where Alexa's choice between the two intents is a toss-up, which one a person meant
(skill/dialog.py), without reading the models at run time.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "source"
SLOT_WORDS = HERE.parent / "skill" / "slot_words.py"
# The slot types whose words the skill needs (skill/slot_words.py), by the name it uses.
WORDS_OF = {"FEELING_TYPE": "FEELING_WORDS", "PRESENCE_TYPE": "PRESENCE_WORDS"}


def _load(name: str) -> dict:
    return yaml.safe_load((SOURCE / name).read_text(encoding="utf-8")) or {}


def locales() -> list[str]:
    return list(_load("locales.yaml"))


def _check_additions(locale: str, shared: dict, extra_samples: dict, extra_synonyms: dict) -> None:
    """A locale may add words, never intents, slot types or values: those live in shared.yaml."""
    intents = {i["name"] for i in shared["intents"]}
    values = {t["name"]: {v["value"] for v in t["values"]} for t in shared["types"]}
    unknown = [f"intent {n}" for n in extra_samples if n not in intents]
    for type_name, by_value in extra_synonyms.items():
        if type_name not in values:
            unknown.append(f"slot type {type_name}")
            continue
        unknown += [f"{type_name} value {v!r}" for v in by_value if v not in values[type_name]]
    if unknown:
        raise ValueError(f"{locale} in locales.yaml adds what shared.yaml does not have: {', '.join(unknown)}")


def build(locale: str) -> dict:
    """The developer-console JSON for one locale."""
    shared, extra = _load("shared.yaml"), _load("locales.yaml")[locale] or {}
    extra_samples, extra_synonyms = extra.get("samples", {}), extra.get("synonyms", {})
    _check_additions(locale, shared, extra_samples, extra_synonyms)
    intents = []
    for intent in shared["intents"]:
        entry = {"name": intent["name"]}
        if intent.get("slots"):
            entry["slots"] = [{"name": n, "type": t} for n, t in intent["slots"].items()]
        entry["samples"] = list(intent.get("samples") or []) + list(extra_samples.get(intent["name"], []))
        intents.append(entry)
    types = []
    for slot_type in shared["types"]:
        values = []
        for value in slot_type["values"]:
            synonyms = list(value.get("synonyms") or [])
            synonyms += extra_synonyms.get(slot_type["name"], {}).get(value["value"], [])
            name = {"value": value["value"]}
            if synonyms:
                name["synonyms"] = synonyms
            values.append({"id": value["id"], "name": name})
        types.append({"name": slot_type["name"], "values": values})
    return {"interactionModel": {"languageModel": {
        "invocationName": shared["invocationName"], "intents": intents, "types": types}}}


def render(locale: str) -> str:
    return json.dumps(build(locale), indent=2, ensure_ascii=False) + "\n"


def render_slot_words() -> str:
    """skill/slot_words.py: every value and synonym of the feeling and presence types, in every locale."""
    words = {name: set() for name in WORDS_OF.values()}
    for locale in locales():
        for slot_type in build(locale)["interactionModel"]["languageModel"]["types"]:
            if slot_type["name"] in WORDS_OF:
                for value in slot_type["values"]:
                    for said in [value["name"]["value"], *value["name"].get("synonyms", [])]:
                        words[WORDS_OF[slot_type["name"]]].add(" ".join(said.lower().split()))
    lines = ['"""Written by interaction_models/build.py (`make models`) from the interaction models: do not edit.',
             "",
             "Every value and synonym of the slot types, lower case, in every locale.", '"""']
    for name, found in words.items():
        lines.append(f"{name} = frozenset({{")
        lines += [f"    {said!r}," for said in sorted(found)]
        lines.append("})")
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    stale = []
    outputs = [(HERE / f"{locale}.json", render(locale)) for locale in locales()]
    outputs.append((SLOT_WORDS, render_slot_words()))
    for path, text in outputs:
        if "--check" in argv:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(path.name)
        else:
            path.write_text(text, encoding="utf-8")
    if stale:
        print("out of date (run `make models`):", ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
