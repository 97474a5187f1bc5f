"""The documented rules as plain functions of a case's facts (no Rasa imports).

Each function names the rule IDs it applies; see ../shared/spec/RULES.md in the docs.
"""

from .verdict import Outcome, Verdict

__all__ = ["Outcome", "Verdict"]
