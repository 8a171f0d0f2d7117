"""skill/store/record.py accepts a presence id only when the whole value is one (issue 14)."""
import pytest

from skill.store import record


@pytest.mark.parametrize("value", ["THE_SKY\n", "THE_SKY\nX", "the_sky", "", "A" * 65])
def test_a_presence_id_with_anything_around_it_is_not_read_or_stored(value):
    assert record.read({record.PRESENCE_ID: value, record.PRESENCE_NAME: "the sky", "version": 1}) is None
    with pytest.raises(ValueError):
        record.to_set(presence_id=value)


def test_a_presence_name_with_a_trailing_newline_is_refused():
    with pytest.raises(ValueError):
        record.to_set(presence_name="the sky\n")


def test_a_proper_presence_id_is_kept():
    kept = record.read({record.PRESENCE_ID: "THE_SKY", record.PRESENCE_NAME: "the sky", "version": 1})
    assert kept.presence_id == "THE_SKY"
