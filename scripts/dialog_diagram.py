"""Draw the dialog table (skill/dialog.py) as a Mermaid state diagram in docs/dialog.md: `make diagram`.

One node per state; an edge for each move a state's own row makes (intents that lead to the same
place, under the same guard, share an edge); the moves every state makes unless its row says
otherwise (dialog.ANYWHERE, and dialog.ALWAYS) drawn once, from one "any step" node, so the picture
stays readable. The end of the session is [*]. tests/test_dialog_diagram.py checks the file is current.
"""
from __future__ import annotations

from pathlib import Path

from skill import dialog

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "docs" / "dialog.md"
ANY_STEP = "any_step"


def short(intent: str) -> str:
    """ "AMAZON.YesIntent" -> "Yes", "LaunchRequest" -> "Launch", "*" -> "anything else"."""
    if intent == dialog.OTHERWISE:
        return "anything else"
    return intent.removeprefix("AMAZON.").removesuffix("Intent").removesuffix("Request")


def edges_of(moves: dict, here: str) -> list[tuple[str, str, str]]:
    """(from, to, label) for each move: intents grouped by where they lead and under which guard."""
    grouped: dict[tuple[str, str], list[str]] = {}
    for intent, found in moves.items():
        options = found if isinstance(found, tuple) else (found,)
        for index, option in enumerate(options):
            if index + 1 < len(options) and options[index + 1].to == option.to:
                continue  # the next alternative leads to the same place: one edge, under the later guard
            to = "[*]" if option.to == dialog.END else here if option.to == dialog.SAME else option.to
            guard = option.when or ("else" if index else "")
            grouped.setdefault((to, guard), []).append(short(intent))
    return [(here, to, ", ".join(intents) + (f" [{guard}]" if guard else ""))
            for (to, guard), intents in grouped.items()]


def mermaid() -> str:
    """The table as a stateDiagram-v2."""
    lines = ["stateDiagram-v2", "    direction TB", "    [*] --> new : a launch, or a one-shot"]
    for name, state in dialog.STATES.items():
        about = f"step {state.step}" + (f", asks {state.question}" if state.question else "")
        about += ", answers only its row" if state.holds else ""
        lines.append(f"    {name} : {name} ({about})")
    lines.append(f"    {ANY_STEP} : any step whose row is silent")
    for name, state in dialog.STATES.items():
        rows = dict(state.moves)
        if state.holds:
            rows[dialog.OTHERWISE] = state.otherwise
        lines += [f"    {here} --> {to} : {label}" for here, to, label in edges_of(rows, name)]
    anywhere = {intent: found for intent, found in dialog.ANYWHERE.items() if intent not in dialog.ALWAYS}
    lines += [f"    {here} --> {to} : {label}" for here, to, label in edges_of(anywhere, ANY_STEP)]
    lines += [f"    {here} --> {to} : {label} (from every state, before its row)"
              for here, to, label in edges_of(dialog.ALWAYS, ANY_STEP)]
    return "\n".join(lines) + "\n"


def document() -> str:
    return (
        "# The dialog\n\n"
        "Generated from the table in `skill/dialog.py` by `make diagram`; do not edit by hand.\n\n"
        "Each state is a step of the practice and the question it waits on. An edge is what the "
        "intents on it do there, with the guard (a `Practice` method) in brackets; `[else]` is the "
        "alternative taken when the guards before it do not hold, and an edge back to the same state "
        "stays there. **any step** holds the moves every state makes where its own row says nothing "
        "(states that answer only their row never make them). `[*]` ends the session.\n\n"
        "```mermaid\n" + mermaid() + "```\n"
    )


def main() -> None:
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(document(), encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
