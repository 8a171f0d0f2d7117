"""Trains skill/safety/danger_model.json, the danger detector's second reader (skill/safety/learned.py).

    .venv/bin/python scripts/train_danger_model.py            # write the model (make danger-model)
    .venv/bin/python scripts/train_danger_model.py --check    # is the model up to date? (exit 1 if not)
    .venv/bin/python scripts/train_danger_model.py --held-out # leave one round out: what it does unseen

Trained on every labelled round (tests/data/danger_round*.yaml) and the suicidal-language set
(tests/data/crisis_evaluation.yaml). Multinomial logistic regression, fitted by AdaGrad with an L2
penalty, in a fixed order: the same data always gives the same file. No dependency beyond the
standard library, so nothing new is installed for it.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import math
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

from skill.safety import detector, learned  # noqa: E402
from skill.safety.data import DANGER_FILE, DATA_FILE  # noqa: E402
from skill.safety.detector import DANGER_KINDS, _without_idioms, normalise  # noqa: E402

DATA = ROOT / "tests" / "data"
CLASSES = (learned.SAFE, *DANGER_KINDS)
EPOCHS, RATE, L2, MIN_COUNT = 40, 0.3, 1e-4, 2
# Confidence needed to speak. Chosen by replaying rounds 4-7 with the rules as they were before each:
# 0.8 kept every catch of 0.5 but two, and halved the false alarms (at most 2 per round of ~117).
THRESHOLD = 0.8
# The speaker's own suicidal words have the fullest phrase lists (crisis_language.yaml), and the
# model's "suicidal" is the one most often wrong on safe sentences held out ("i want to disappear
# under a blanket"), so it must be surer there.
THRESHOLDS = {"suicidal": 0.9}
# How sure of "immediate" the model must be to make a suicidal phrase an attempt under way.
ATTEMPT_NOW = 0.9
SUICIDAL_SETS = {"explicit": "suicidal", "vague": "suicidal", "ordinary": learned.SAFE}


def round_files() -> list[Path]:
    return sorted(DATA.glob("danger_round*.yaml"), key=lambda p: int(p.stem.removeprefix("danger_round")))


def training_files() -> list[Path]:
    """The blind rounds, the suicidal-language set, the rules' look-alikes, and sentences written to train on."""
    return [*round_files(), DATA / "crisis_evaluation.yaml", DATA / "danger_lookalikes.yaml",
            *sorted(DATA.glob("danger_training*.yaml"))]


def labelled(path: Path) -> list[tuple[str, str]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if "sentences" in data:
        return [(s["text"], s["kind"]) for s in data["sentences"]]
    found = []
    for part, kind in SUICIDAL_SETS.items():
        texts = data.get(part, [])
        for group in texts.values() if isinstance(texts, dict) else [texts]:  # "ordinary" is in groups
            found.extend((text, kind) for text in group)
    return found


def digest(paths) -> str:
    sha = hashlib.sha256()
    for path in paths:
        sha.update(path.name.encode() + b"\0" + path.read_bytes())
    # What the features are made of is part of what was trained: the words as the detector reads them.
    for source in (learned.__file__, detector.__file__, DANGER_FILE, DATA_FILE):
        sha.update(Path(source).read_bytes())
    return sha.hexdigest()


def featurise(text: str) -> list[str]:
    return learned.features(_without_idioms(normalise(text)))


def train(samples: list[tuple[str, str]]) -> dict:
    rows = [(featurise(text), CLASSES.index(kind)) for text, kind in samples]
    counts = Counter(f for features, _ in rows for f in set(features))
    kept = sorted(f for f, n in counts.items() if n >= MIN_COUNT)
    index = {f: i for i, f in enumerate(kept)}
    rows = [([index[f] for f in features if f in index], label) for features, label in rows]
    k = len(CLASSES)
    weights = [[0.0] * k for _ in kept]
    squares = [[1e-8] * k for _ in kept]
    bias, bias_squares = [0.0] * k, [1e-8] * k
    order = list(range(len(rows)))
    shuffle = random.Random(0).shuffle
    for _ in range(EPOCHS):
        shuffle(order)
        for n in order:
            features, label = rows[n]
            scores = list(bias)
            for f in features:
                for c, w in enumerate(weights[f]):
                    scores[c] += w
            top = max(scores)
            exps = [math.exp(s - top) for s in scores]
            total = sum(exps)
            grads = [e / total - (c == label) for c, e in enumerate(exps)]
            for c, g in enumerate(grads):
                bias_squares[c] += g * g
                bias[c] -= RATE * g / math.sqrt(bias_squares[c])
            for f in features:
                row, sq = weights[f], squares[f]
                for c, g in enumerate(grads):
                    g += L2 * row[c]
                    sq[c] += g * g
                    row[c] -= RATE * g / math.sqrt(sq[c])
    return {"classes": list(CLASSES), "thresholds": {k: THRESHOLDS.get(k, THRESHOLD) for k in DANGER_KINDS},
            "attempt_now": ATTEMPT_NOW, "bias": [round(b, 4) for b in bias],
            "weights": {f: [round(w, 4) for w in weights[i]] for f, i in index.items()
                        if any(abs(w) >= 1e-3 for w in weights[i])}}


def write(model: dict, trained_on: str) -> None:
    model = {"trained_on": trained_on, **model}
    learned.MODEL_FILE.write_text(json.dumps(model, separators=(",", ":"), sort_keys=False) + "\n", encoding="utf-8")


def held_out(thresholds=(0.35, 0.5, 0.65, 0.8)) -> None:
    """Train without one round, score that round with the model alone; for each round in turn."""
    files = round_files()
    results = {t: (Counter(), Counter(), [0, 0]) for t in thresholds}
    for out in files:
        model = train([s for path in training_files() if path != out for s in labelled(path)])
        for text, kind in labelled(out):
            chances = learned.probabilities(_without_idioms(normalise(text)), model)
            best = max(chances, key=chances.get)
            for t, (caught, sizes, alarms) in results.items():
                found = best if best != learned.SAFE and chances[best] >= t else learned.SAFE
                if kind == learned.SAFE:
                    alarms[1] += 1
                    alarms[0] += found != learned.SAFE
                else:
                    sizes[kind] += 1
                    caught[kind] += found == kind
    print(f"{'threshold':10} " + " ".join(f"{k[:8]:>9}" for k in DANGER_KINDS) + "  false alarms")
    for t, (caught, sizes, alarms) in results.items():
        print(f"{t:<10} " + " ".join(f"{caught[k] / sizes[k]:>9.1%}" for k in DANGER_KINDS)
              + f"  {alarms[0]}/{alarms[1]}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--held-out", action="store_true")
    args = parser.parse_args(argv)
    if args.held_out:
        held_out()
        return 0
    trained_on = digest(training_files())
    if args.check:
        current = json.loads(learned.MODEL_FILE.read_text(encoding="utf-8")).get("trained_on")
        if current != trained_on:
            print(f"{learned.MODEL_FILE.name} is out of date: run make danger-model", file=sys.stderr)
            return 1
        return 0
    write(train([s for path in training_files() for s in labelled(path)]), trained_on)
    print(f"wrote {learned.MODEL_FILE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
