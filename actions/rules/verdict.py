"""What a rule returns: a decision with a code that says what it means.

``code`` names the decision ("mpn_verification_failed", "refund_too_late"); the actions turn
it into a response (actions/responses.py), and everything that acts on a decision (a handoff
to support, the refund record) reads the code or ``person``, never a response's name.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Mapping, Optional, Tuple


class Outcome(str, Enum):
    ALLOWED = "allowed"  # the user may go ahead
    BLOCKED = "blocked"  # a rule stops the user; the answer says why and what to do
    NEXT_STEP = "next_step"  # the user is on a path and this is the next step
    ASK = "ask"  # a fact is missing; ``ask`` names it
    INFO = "info"  # an answer that decides nothing
    DONE = "done"  # the path is finished


def item(kind: str, value: str) -> str:
    """An item of a list the answer names ("prerequisite.legal_details", "region.europe"),
    said in the user's language by the actions."""
    return f"{kind}.{value}"


@dataclass(frozen=True)
class Verdict:
    outcome: Outcome
    code: str
    rule_ids: Tuple[str, ...]
    params: Mapping[str, Any] = field(default_factory=dict)
    # What the answer lists (missing prerequisites, regions, a role), as ``item`` codes.
    items: Tuple[str, ...] = ()
    ask: Optional[str] = None  # the fact to ask for when the outcome is ASK
    # Set when only a person (Microsoft support) can take this further: why, as a handoff
    # trigger ("verification_failed", "refund").
    person: Optional[str] = None

    @property
    def allowed(self) -> bool:
        return self.outcome is Outcome.ALLOWED

    @property
    def needs_person(self) -> bool:
        return self.person is not None
