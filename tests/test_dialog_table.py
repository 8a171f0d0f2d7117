"""The dialog table names only what exists: every move's words, every guard, every state it leads to."""
from skill import dialog
from skill.practice import Practice
from skill.speech import LOCALE_OVERRIDES, PER_STATE, text_names, texts_for


def test_every_move_and_guard_the_table_names_exists():
    """A move says a Practice method's words or the text of its name; a guard is a Practice method."""
    says, guards = dialog.says_and_guards()
    texts = set(text_names())
    assert sorted(name for name in says if not callable(getattr(Practice, name, None))
                  and name.upper() not in texts) == []
    assert sorted(name for name in guards if not callable(getattr(Practice, name, None))) == []


def test_every_move_leads_to_a_state_of_the_table():
    for name in dialog.STATES:
        for options in dialog.moves_of(name).values():
            for option in options:
                assert option.to in dialog.STATES or option.to in (dialog.SAME, dialog.END), (name, option)


def test_alternatives_end_with_one_that_needs_no_guard():
    for name in dialog.STATES:
        for intent, options in dialog.moves_of(name).items():
            assert options[-1].when is None, (name, intent)


def test_every_state_has_its_texts_in_every_locale():
    for locale in LOCALE_OVERRIDES:
        texts = texts_for(locale)
        for table in PER_STATE:
            assert set(getattr(texts, table)) >= set(dialog.STATES), (locale, table)


def test_a_state_is_found_again_from_the_attributes_it_writes():
    for name, state in dialog.STATES.items():
        assert dialog.state_named(state.step, state.question) == name
    assert dialog.state_named("no such step", None) == "new"
