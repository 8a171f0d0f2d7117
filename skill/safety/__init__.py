"""Care and safety: noticing crisis language, and the crisis lines for each locale.

The phrases and the lines are data, in crisis_language.yaml beside this file (with a note
on where each came from); detector.py reads the phrases, resources.py the lines.
"""
from .detector import Assessment, assess, is_crisis, is_heavy
from .resources import CrisisLine, crisis_line

__all__ = ["Assessment", "assess", "is_crisis", "is_heavy", "CrisisLine", "crisis_line"]
