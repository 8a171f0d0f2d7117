"""How long the default practice lasts, turn by turn, computed from the SSML the skill sends.

    .venv/bin/python bench/practice_length.py
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from conftest import Conversation  # noqa: E402
from skill import create_app  # noqa: E402
from skill.ssml import break_seconds, estimate_seconds  # noqa: E402

TURNS = [
    ("launch", None, None),
    ("AMAZON.YesIntent", None, None),
    ("ReadyIntent", None, None),
    ("FeelingIntent", "feeling", "anxious"),
    ("PresenceIntent", "presence", "the sky"),
    ("AMAZON.NoIntent", None, None),  # "shall I remember the sky?"
    ("RestIntent", None, None),
]


def main() -> None:
    with tempfile.TemporaryDirectory() as data_dir:
        app = create_app({"TESTING": True, "SKILL_ENV": "development", "DATA_DIR": data_dir})
        measure(Conversation(app.test_client()))


def measure(conversation) -> None:
    total = silent = 0.0
    print(f"{'turn':<20} {'seconds':>8} {'of which silence':>17}")
    for name, slot, value in TURNS:
        if name == "launch":
            conversation.launch()
        else:
            conversation.intent(name, **({slot: value} if slot else {}))
        seconds, quiet = estimate_seconds(conversation.speech), sum(break_seconds(conversation.speech))
        total, silent = total + seconds, silent + quiet
        print(f"{name:<20} {seconds:>8.1f} {quiet:>17.1f}")
    print(f"{'whole practice':<20} {total:>8.1f} {silent:>17.1f}")


if __name__ == "__main__":
    main()
