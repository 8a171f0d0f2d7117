import json
import subprocess
import sys

from conftest import MODELS


def test_written_models_match_their_source():
    result = subprocess.run([sys.executable, str(MODELS / "build.py"), "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_every_model_is_developer_console_json():
    for path in MODELS.glob("*.json"):
        if path.name == "skill.json":
            continue
        model = json.loads(path.read_text())["interactionModel"]["languageModel"]
        assert model["invocationName"] == "shared compassion"
        assert model["intents"] and model["types"]


def _types(path):
    model = json.loads(path.read_text())["interactionModel"]["languageModel"]
    return {t["name"]: t["values"] for t in model["types"]}


def _locale_models():
    return [p for p in MODELS.glob("*.json") if p.name != "skill.json"]


def test_every_locale_has_the_breadth_people_speak_with():
    for path in _locale_models():
        types = _types(path)
        assert len(types["PRESENCE_TYPE"]) >= 150, path.name
        assert len(types["FEELING_TYPE"]) >= 120, path.name


def test_every_presence_id_in_every_locale_has_a_kind_spoken_form():
    from skill.speech import texts_for

    for path in _locale_models():
        spoken = texts_for(path.stem).PRESENCE_SPOKEN
        missing = [v["id"] for v in _types(path)["PRESENCE_TYPE"] if not spoken.get(v["id"], "").strip()]
        assert missing == [], f"{path.stem}: no spoken form for {missing}"


def test_locales_say_some_presences_their_own_way():
    from skill.speech import texts_for

    assert texts_for("en-GB").PRESENCE_SPOKEN["MOTHER"] == "your mum"
    assert texts_for("en-US").PRESENCE_SPOKEN["MOTHER"] == "your mother"


def test_every_feeling_resolves_to_a_plain_word_the_skill_can_say_back():
    # "Lost." : one word, letters only, so the reflection reads as the person's feeling named back.
    for path in _locale_models():
        names = [v["name"]["value"] for v in _types(path)["FEELING_TYPE"]]
        assert [n for n in names if not n.isalpha() or not n.islower()] == [], path.name


def test_a_phrasing_pattern_stands_for_every_choice_and_each_optional_part():
    sys.path.insert(0, str(MODELS))
    from build import expand

    assert expand("(say|read me) the (phrase|words) [again]") == [
        "say the phrase again", "say the phrase", "say the words again", "say the words",
        "read me the phrase again", "read me the phrase", "read me the words again", "read me the words"]
    assert expand("[let's] rest") == ["let's rest", "rest"]
