"""The APL pane of the web simulator: our own screen for the current step, as HTML.

The HTML rendering of the APL document lives with the document (skill/apl/html.py),
so the pane shows exactly what a device with a screen would be sent.
"""
from __future__ import annotations

from html import escape

from ..apl.html import html_for_response
from ..simulator.session import Simulator, Turn


def screen_html(turn: Turn, simulator: Simulator) -> str | None:
    """What the screen shows after `turn`, or None when nothing reached the skill (keep the last screen)."""
    if turn.response is None:
        return None
    rendered = html_for_response(turn.response)
    return rendered or _dark(turn)


def _dark(turn: Turn) -> str:
    why = "session ended" if turn.ended else "no screen in this response"
    return f'<section class="screen-placeholder"><p>The screen is dark ({escape(why)}).</p></section>'
