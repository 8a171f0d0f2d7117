"""The rounds of everyday phrasings (tests/phrasing/roundN.yaml), written blind, kept as regression data.

The scores are a report, not a gate: `pytest -s tests/test_phrasing_rounds.py` prints each round's
score per locale and per intent group, as `compassion-sim --score tests/phrasing/round1.yaml` does.
What is asserted is that every utterance of every round resolves, in every locale's model,
through the simulator's resolver, without an error.
"""
from pathlib import Path

import pytest
import yaml

from skill.simulator import coverage
from skill.simulator.resolver import InteractionModel, available_locales

ROUNDS = sorted((Path(__file__).parent / "phrasing").glob("round*.yaml"))


def test_there_are_rounds_to_measure():
    assert len(ROUNDS) >= 1


@pytest.mark.parametrize("locale", available_locales())
def test_every_utterance_of_every_round_resolves_in_every_locale(locale):
    model = InteractionModel.for_locale(locale)
    for path in ROUNDS:
        for utterance in yaml.safe_load(path.read_text(encoding="utf-8"))["utterances"]:
            resolution = model.resolve(str(utterance["say"]), in_session=True)
            assert resolution.kind == "intent" and resolution.intent in model.intents, (path.name, utterance)


@pytest.mark.parametrize("path", ROUNDS, ids=[p.stem for p in ROUNDS])
def test_report_each_round(path, capsys):
    for locale in ("en-US", "en-GB", "en-IN"):
        score = coverage.score(path, locale)
        assert score.total == len(yaml.safe_load(path.read_text(encoding="utf-8"))["utterances"])
        with capsys.disabled():
            print("\n" + "\n".join(line for line in score.report().splitlines() if not line.startswith("  miss")))
