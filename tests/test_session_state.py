"""The session state is read and written in one place; what comes back forged, stale or mistyped is dropped there."""
from dataclasses import fields

import pytest

from skill.session_state import _CHECKS, SessionState


def test_every_field_is_checked_when_read_and_written_back():
    assert set(_CHECKS) == {f.name for f in fields(SessionState)}


def test_what_the_skill_writes_reads_back_the_same():
    state = SessionState(step="phrase", question="again", presence="your nan", presence_id="GRANDMOTHER",
                         presence_name="grandmother", rest="long", bell=False, memory="kept",
                         last_speech="<speak>Hello.</speak>")
    assert SessionState.from_attributes(state.to_attributes()) == state
    assert "feeling" not in state.to_attributes()  # only what is set


@pytest.mark.parametrize("name, forged", [
    ("rest", "forever"), ("rest", 600), ("bell", "no"), ("presence_id", "THE_SKY\n"), ("presence_id", 7),
    ("memory", "everything"), ("last_speech", "<audio src='https://x'/>"), ("presence", "x" * 501),
    ("step", ["pause"]), ("invited", 1),
])
def test_a_forged_or_mistyped_attribute_is_dropped(name, forged):
    assert getattr(SessionState.from_attributes({name: forged}), name) is None


def test_attributes_that_are_not_an_object_are_a_new_session():
    assert SessionState.from_attributes(["step", "pause"]) == SessionState()
