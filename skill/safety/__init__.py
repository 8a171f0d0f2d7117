"""Care and safety: noticing danger of every kind, and the support lines for each locale.

The phrases and the lines are data, in crisis_language.yaml (the speaker's own suicidal
language, and the lines) and danger_language.yaml (every other kind) beside this file, each
with a note on where it came from; detector.py reads the phrases, resources.py the lines.
"""
from .detector import (DANGER_KINDS, IMMEDIATE, MEDICAL, PANIC, SEXUAL, SOMEONE_ELSE, SUICIDAL, VIOLENCE,
                       Assessment, assess, is_crisis, is_heavy)
from .resources import CrisisLine, Number, SupportLine, SupportLines, crisis_line, support_lines

__all__ = ["Assessment", "assess", "is_crisis", "is_heavy", "DANGER_KINDS", "IMMEDIATE", "MEDICAL",
           "SUICIDAL", "VIOLENCE", "SOMEONE_ELSE", "PANIC", "SEXUAL", "CrisisLine", "Number", "SupportLine",
           "SupportLines", "crisis_line", "support_lines"]
