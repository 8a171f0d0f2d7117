"""docs/dialog.md is the dialog table as it is now (`make diagram` rewrites it), and it draws every row."""
import importlib.util
from pathlib import Path

from skill import dialog

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "dialog_diagram.py"


def load_script():
    spec = importlib.util.spec_from_file_location("dialog_diagram", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_picture_of_the_dialog_is_up_to_date():
    diagram = load_script()
    assert diagram.OUTPUT.read_text(encoding="utf-8") == diagram.document(), (
        "docs/dialog.md is out of date with skill/dialog.py: run `make diagram` and commit it")


def test_every_move_of_every_row_is_an_edge_from_its_state():
    diagram = load_script()
    edges = [line.strip() for line in diagram.mermaid().splitlines() if " --> " in line]
    for name, state in dialog.STATES.items():
        drawn = " ".join(edge.split(" : ", 1)[1] for edge in edges if edge.startswith(f"{name} --> "))
        for intent in state.moves:
            assert diagram.short(intent) in drawn, f"{intent} in {name} is not drawn"
    assert all(f"    {name} : " in diagram.mermaid() for name in dialog.STATES), "a state has no node"
