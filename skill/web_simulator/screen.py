"""The APL pane of the web simulator: our own screen for the current step, as HTML.

The HTML rendering of the APL document lives with the document (skill/apl/html.py,
from the `apl` branch). Until that is merged the pane shows the step's name instead.
"""
from __future__ import annotations

import re
from html import escape

from ..simulator.session import Simulator, Turn

# THE ONE LINE TO SWITCH once `apl` is merged: make it a plain
#     from ..apl.html import html_for_response
# and delete the try/except, the `is not None` test and _step_only() below.
try:
    from ..apl.html import html_for_response
except ImportError:  # `apl` not merged yet
    html_for_response = None

_DP = re.compile(r"\b(\d+(?:\.\d+)?)dp\b")


def screen_html(turn: Turn, simulator: Simulator) -> str | None:
    """What the screen shows after `turn`, or None when nothing reached the skill (keep the last screen)."""
    if turn.response is None:
        return None
    if html_for_response is not None:
        rendered = html_for_response(turn.response)
        return _css_lengths(rendered) if rendered else _dark(turn)
    return _step_only(turn, simulator)


def _css_lengths(html: str) -> str:
    """APL's dp as CSS px: both are density-independent pixels, and browsers ignore "dp"."""
    return _DP.sub(r"\1px", html)


def _dark(turn: Turn) -> str:
    why = "session ended" if turn.ended else "no screen in this response"
    return f'<section class="screen-placeholder"><p>The screen is dark ({escape(why)}).</p></section>'


def _step_only(turn: Turn, simulator: Simulator) -> str:
    step = simulator.attributes.get("step") if simulator.in_session else None
    title = step or ("session ended" if turn.ended else "no step")
    return ('<section class="screen-placeholder" data-step="%s"><h2>%s</h2>'
            '<p>The APL screen appears here once the APL renderer (skill/apl) is merged.</p></section>'
            % (escape(step or ""), escape(title)))
