"""Scores the danger detector on labelled rounds (tests/data/danger_round*.yaml).

Each round is `sentences: [{text, kind}]`, kind one of the detector's DANGER_KINDS or "safe".
Used by tests/test_crisis_detection.py for the bars, and by hand for a round's numbers:

    .venv/bin/python tests/danger_scoring.py tests/data/danger_round1.yaml [--legacy]

--legacy scores the detector as it was before issue 12, which knew only the speaker's own
suicidal language (kinds "explicit" and "vague"): both count as "suicidal".
"""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent / "data"
KINDS = ("immediate", "medical", "suicidal", "violence", "someone_else", "panic")
SAFE = "safe"
LEGACY = {"explicit": "suicidal", "vague": "suicidal"}


def round_files() -> list[Path]:
    return sorted(DATA.glob("danger_round*.yaml"))


def sentences(paths) -> list[dict]:
    return [s for path in paths for s in yaml.safe_load(Path(path).read_text(encoding="utf-8"))["sentences"]]


def found_kind(assess, text: str, legacy: bool = False) -> str:
    kind = assess(text).kind
    if legacy:
        kind = LEGACY.get(kind, kind)
    return kind or SAFE


def score(labelled: list[dict], assess, legacy: bool = False) -> dict:
    """{kind: (caught, size)} for every kind, plus "false_alarms": (flagged, safe size), and
    "misses": [(text, expected, found)] for everything not given its own kind."""
    sizes, caught, misses = Counter(), Counter(), []
    for sentence in labelled:
        expected, found = sentence["kind"], found_kind(assess, sentence["text"], legacy)
        sizes[expected] += 1
        if found == expected:
            caught[expected] += 1
        else:
            misses.append((sentence["text"], expected, found))
    result = {kind: (caught[kind], sizes[kind]) for kind in KINDS}
    result["false_alarms"] = (sizes[SAFE] - caught[SAFE], sizes[SAFE])
    result["misses"] = misses
    return result


def table(result: dict) -> str:
    rows = []
    for kind in KINDS:
        got, size = result[kind]
        rows.append(f"{kind:13} {got:3}/{size:<3} {got / size if size else 1:6.1%}")
    flagged, safe = result["false_alarms"]
    rows.append(f"{'false alarms':13} {flagged:3}/{safe:<3} {flagged / safe if safe else 0:6.1%}")
    return "\n".join(rows)


def main(argv: list[str]) -> None:
    from skill.safety import assess

    legacy = "--legacy" in argv
    result = score(sentences([a for a in argv if not a.startswith("--")]), assess, legacy)
    print(table(result))
    for text, expected, found in result["misses"]:
        print(f"  {expected:>12} -> {found:12} {text}")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    main(sys.argv[1:])
