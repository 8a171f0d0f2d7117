"""Every transcript in tests/conversations/ is a test, in every locale we ship.

A turn fails when the reply lacks what the transcript expects, when the session ends (or not)
against it, or when the response validator finds anything Alexa would refuse.
"""
from pathlib import Path

import pytest

from skill.simulator import transcripts
from skill.simulator.resolver import available_locales
from skill.simulator.session import InProcessTarget, Simulator

CONVERSATIONS = sorted((Path(__file__).parent / "conversations").glob("*.yaml"))


def test_there_are_at_least_eight_journeys():
    assert len(CONVERSATIONS) >= 8


@pytest.mark.parametrize("locale", available_locales())
@pytest.mark.parametrize("path", CONVERSATIONS, ids=lambda p: p.stem)
def test_conversation(app, path, locale):
    simulator = Simulator(InProcessTarget(app=app), locale=locale)
    result = transcripts.play(transcripts.load(path), simulator)
    assert result.passed, result.report()
