"""compassion-sim: talk to the skill as Alexa would, from a terminal or a script.

    compassion-sim                                  # interactive, the app in this process
    compassion-sim --url http://127.0.0.1:8000/alexa
    compassion-sim --locale en-GB --json --speak
    compassion-sim --replay tests/conversations/feeling_named.yaml   # or an `ask dialog` replay .json
    compassion-sim --record my_session.yaml
    compassion-sim --check-models                   # interaction model checks before upload
    compassion-sim --score tests/phrasing/round1.yaml             # led where the person meant, per step
    compassion-sim --explain "my cousin"            # the candidate intents, their scores, why one won

Type what you would say. An empty line is silence; "exit" or "quit" ends the session; Ctrl-D leaves.
"""
from __future__ import annotations

import argparse
import json
import logging
import re
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from .. import envelopes
from . import coverage, model_check, transcripts
from .resolver import InteractionModel, available_locales, explanation
from .session import HttpTarget, InProcessTarget, Simulator, Turn

WIDTH = 96
_PIECES = re.compile(r"\[pause ([\d.]+)s\]")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="compassion-sim", description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter,
                                     epilog="\n".join(__doc__.split("\n\n")[1:]))
    parser.add_argument("--url", help="a running skill (e.g. http://127.0.0.1:8000/alexa); default: in-process")
    parser.add_argument("--locale", default="en-US", help="which interaction model and locale to use (en-US)")
    parser.add_argument("--json", action="store_true", help="show the full request and response of each turn")
    parser.add_argument("--speak", action="store_true", help="read replies aloud with espeak-ng, pauses and all")
    parser.add_argument("--replay", nargs="+", metavar="FILE", help="play transcripts (.yaml) or ask dialog replays (.json)")
    parser.add_argument("--record", metavar="FILE", help="write this interactive session out as a transcript")
    parser.add_argument("--check-models", nargs="*", metavar="MODEL", help="check interaction models (default: all)")
    parser.add_argument("--score", metavar="FILE", nargs="+",
                        help="how many listed utterances lead where the person meant (rounds: by what the skill did)")
    parser.add_argument("--explain", metavar="WORDS", help="the candidate intents for these words, scores and why one won")
    parser.add_argument("--user-id", default=envelopes.DEFAULT_USER_ID, help="the user id sent (same across runs)")
    parser.add_argument("--new-user", action="store_true", help="be a brand-new user (a fresh user id)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.check_models is not None:
        return run_model_checks(args.check_models)
    if args.locale not in available_locales():
        print(f"no interaction model for {args.locale}; have: {', '.join(available_locales())}", file=sys.stderr)
        return 2
    if args.score:
        logging.getLogger().setLevel(logging.WARNING)  # the in-process app logs a line per request
        return run_score(args.score, args.locale)
    if args.explain is not None:
        return run_explain(args.explain, args.locale)
    simulator = Simulator(make_target(args.url), locale=args.locale, user_id=args.user_id)
    if args.new_user:
        simulator.new_user()
    if args.replay:
        return run_replays(args.replay, args, simulator)
    return run_interactive(simulator, args)


def make_target(url: str | None):
    if url:
        return HttpTarget(url)
    target = InProcessTarget()
    # The app logs a line per request; on a console they only get between the person and the reply.
    logging.getLogger().setLevel(logging.WARNING)
    return target


# --- interactive ---------------------------------------------------------------------------


def run_interactive(simulator: Simulator, args) -> int:
    interactive = sys.stdin.isatty()
    recorder = transcripts.Recorder(Path(args.record).stem if args.record else "recorded session")
    speaker = Speaker() if args.speak else None
    print(f"Shared Compassion simulator: {simulator.locale}, {simulator.target}. "
          f'Say "open {simulator.model.invocation_name}".')
    print("An empty line is silence; \"exit\" ends the session; Ctrl-D leaves.\n")
    while True:
        try:
            line = input("you> ")
        except EOFError:
            print()
            break
        if not interactive:
            print(line)  # a script's lines are shown as if typed, so the screen reads as a conversation
        if not simulator.in_session and line.strip().lower() in {"exit", "quit"}:
            break
        turn = simulator.say(line)
        show(turn, args.json)
        if turn.request:
            recorder.add(turn)
        if speaker and turn.text:
            speaker.say(turn.text)
    if simulator.in_session:
        show(simulator.end("USER_INITIATED"), args.json)
    if args.record:
        recorder.write(args.record)
        print(f"recorded {len(recorder.turns)} turns to {args.record}")
    return 0


def show(turn: Turn, as_json: bool = False, out=None) -> None:
    """A turn as a person reads it."""
    out = out or sys.stdout
    if as_json:
        print(json.dumps({"request": turn.request, "response": turn.response}, indent=2), file=out)
    if turn.resolution is not None or turn.request_type:
        heard = turn.resolution.describe() if turn.resolution and turn.resolution.kind != "none" else turn.request_type
        if turn.request_type and turn.request_type != "IntentRequest" and heard != turn.request_type:
            heard = f"{turn.request_type} {heard}"
        print(f"      [{heard}]", file=out)
    if turn.note:
        print(f"      ({turn.note})", file=out)
    if turn.error:
        print(f"  !! {turn.error}", file=out)
    if turn.text:
        print(_wrap("alexa> ", turn.text), file=out)
        print(f"      ~{turn.seconds:g} s of speech and silence", file=out)
    if turn.reprompt and not turn.ended:
        print(_wrap("      reprompt: ", turn.reprompt), file=out)
    if turn.card:
        print(_wrap("      card: ", f"{turn.card.title} | {turn.card.text}"), file=out)
    if turn.request and turn.request_type != "SessionEndedRequest":
        print("      session " + ("ended" if turn.ended else "open, listening"), file=out)
    for warning in turn.warnings:
        print(f"  !  {warning}  [{warning.doc}]", file=out)
    print(file=out)


def _wrap(label: str, text: str) -> str:
    return textwrap.fill(text, WIDTH, initial_indent=label, subsequent_indent=" " * len(label))


class Speaker:
    """Reads replies aloud with espeak-ng, keeping the silences; says so once if there is none."""

    def __init__(self):
        self.program = shutil.which("espeak-ng") or shutil.which("espeak")
        if not self.program:
            print("(--speak: no espeak-ng here; install it with `sudo apt-get install espeak-ng`. "
                  "Going on in text.)\n")

    def say(self, text: str) -> None:
        if not self.program:
            return
        pieces = _PIECES.split(text)
        for index, piece in enumerate(pieces):
            if index % 2:
                time.sleep(float(piece))
            elif piece.strip():
                # A slow voice, as the skill's own prosody asks for.
                subprocess.run([self.program, "-s", "140", piece.strip()], check=False,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


# --- scripted runs -------------------------------------------------------------------------


def run_replays(paths: list[str], args, simulator: Simulator) -> int:
    failed = 0
    for path in paths:
        transcript = transcripts.load(path)
        locale = transcript.get("locale") or args.locale
        if locale != simulator.locale:
            simulator = Simulator(simulator.target, locale=locale, user_id=simulator.user_id)
        result = transcripts.play(transcript, simulator)
        if args.json:
            for turn_result in result.turns:
                show(turn_result.turn, as_json=True)
        if transcript.get("ask_dialog"):
            print(ask_dialog_screen(result, path))
        else:
            print(result.report())
        failed += not result.passed
        if simulator.in_session:
            simulator.end("USER_INITIATED")
    print(f"\n{len(paths) - failed} of {len(paths)} transcripts passed")
    return 1 if failed else 0


def ask_dialog_screen(result: transcripts.TranscriptResult, path: str) -> str:
    """An `ask dialog --replay` file played as the ASK CLI prints it: its header, "User > " for each
    line of the file, "Alexa > " for each reply's speech, and "Goodbye!" (ask-cli's dialog
    replay-mode.js and dialog-repl-view.js). Pauses are not shown there, so they are not here; a
    problem the validator or the skill reports is shown under the reply, where the CLI shows errors."""
    lines = ["Welcome to ASK Dialog",
             f"Replaying a multi turn conversation with Alexa from {path}",
             "Alexa will then evaluate your input and give a response!"]
    for turn_result in result.turns:
        turn = turn_result.turn
        lines.append(f"User > {turn_result.user}")
        if turn.text:
            lines.append(f"Alexa > {transcripts.without_pauses(turn.text)}")
        lines += [f"[Error]: {failure}" for failure in turn_result.failures]
    lines.append("Goodbye!")
    return "\n".join(lines)


def run_model_checks(paths: list[str]) -> int:
    errors = 0
    for path, findings in model_check.check_files(paths or None).items():
        print(f"{path}: {len(findings)} finding(s)")
        for finding in findings:
            print(f"  {finding}  [{finding.doc}]")
        errors += sum(f.severity == "error" for f in findings)
    return 1 if errors else 0


def run_score(paths: list[str], locale: str) -> int:
    for path in paths:
        print(coverage.score(path, locale).report())
    return 0


def run_explain(words: str, locale: str) -> int:
    model = InteractionModel.for_locale(locale)
    print(explanation(model, words))
    return 0


if __name__ == "__main__":
    sys.exit(main())
