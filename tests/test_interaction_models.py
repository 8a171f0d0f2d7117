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
