"""Our own APL screen, drawn as plain HTML: for the web simulator, which has no APL renderer.

It is faithful to practice.json, not a general APL renderer: it reads the same
data source the RenderDocument directive carries (title, line, phrase,
breathing, buttons) and the document's own default colours and sizes, so the
two cannot drift apart silently. Buttons carry `data-action`, the argument
their APL SendEvent would send, so a page can answer a click with a UserEvent.
"""
from __future__ import annotations

import re
from html import escape

from . import DATA_SOURCE, RENDER_DOCUMENT, datasources, document


_DP = re.compile(r"\b(\d+(?:\.\d+)?)dp\b")


def _default_resources() -> dict:
    """The document's unconditional resources: the medium-hub palette and sizes."""
    merged: dict = {}
    for block in document().get("resources", []):
        if "when" not in block:
            for kind in ("colors", "dimensions"):
                merged.update(block.get(kind, {}))
    return merged


def _css_variables() -> str:
    # APL's dp and CSS's px are both density-independent pixels; browsers ignore "dp".
    return "".join(f"--{name}:{_DP.sub(_as_px, str(value))};" for name, value in sorted(_default_resources().items()))


def _as_px(match: re.Match) -> str:
    return match.group(1) + "px"


_STYLE = """
.apl-screen{%(vars)s position:relative;overflow:hidden;aspect-ratio:16/10;width:100%%;
  display:flex;flex-direction:column;align-items:center;justify-content:center;gap:var(--gap);
  box-sizing:border-box;padding:var(--pagePadding);text-align:center;font-family:system-ui,sans-serif;
  background:var(--skyBottom) radial-gradient(circle,var(--glow) 0%%,var(--skyTop) 45%%,var(--skyBottom) 100%%)}
.apl-screen h2{margin:0;font-weight:300;font-size:var(--titleSize);color:var(--titleColor)}
.apl-screen .line{margin:0;font-size:var(--lineSize);color:var(--lineColor)}
.apl-screen .phrase{display:flex;flex-direction:column;gap:var(--phraseGap)}
.apl-screen .phrase p{margin:0;font-weight:300;font-size:var(--phraseSize);color:var(--phraseColor)}
.apl-screen .breath{width:var(--breathSize);height:var(--breathSize);border-radius:50%%;
  border:2px solid var(--breathEdge);background:var(--breathFill);opacity:.5;transform:scale(.7);
  animation:apl-breathe var(--breathMs) ease-in-out infinite alternate}
@keyframes apl-breathe{from{transform:scale(.7);opacity:.5}to{transform:scale(1);opacity:.95}}
.apl-screen .buttons{display:flex;flex-wrap:wrap;justify-content:center;gap:var(--gap)}
.apl-screen button{font:inherit;font-size:var(--buttonTextSize);color:var(--titleColor);cursor:pointer;
  border:2px solid var(--buttonEdge);background:var(--buttonFill);border-radius:var(--buttonRadius);
  padding:8px var(--buttonPadding)}
"""


def render_html(data: dict) -> str:
    """One screen as an HTML fragment (its own <style> included), from a RenderDocument's datasources."""
    screen = data[DATA_SOURCE]
    parts = [f'<section class="apl-screen" data-moment="{escape(screen["moment"])}" '
             f'style="--breathMs:{int(screen["breathMilliseconds"])}ms">',
             "<style>" + _STYLE % {"vars": _css_variables()} + "</style>",
             f'<h2 class="title">{escape(screen["title"])}</h2>',
             f'<p class="line">{escape(screen["line"])}</p>']
    if screen["breathing"]:
        parts.append('<div class="breath" aria-hidden="true"></div>')
    if screen["showPhrase"]:
        parts.append('<div class="phrase">' + "".join(f"<p>{escape(s)}</p>" for s in screen["phrase"]) + "</div>")
    if screen["buttons"]:
        parts.append('<div class="buttons">' + "".join(
            f'<button type="button" data-action="{escape(b["action"])}">{escape(b["label"])}</button>'
            for b in screen["buttons"]) + "</div>")
    parts.append("</section>")
    return "".join(parts)


def html_for_moment(moment: str, texts) -> str:
    """The screen for one moment of the practice (`texts` from skill.speech.texts_for)."""
    return render_html(datasources(moment, texts))


def html_for_response(response_envelope: dict) -> str | None:
    """The screen a skill response would show, or None when it renders no APL document."""
    for directive in (response_envelope.get("response") or {}).get("directives") or []:
        if directive.get("type") == RENDER_DOCUMENT:
            return render_html(directive["datasources"])
    return None
