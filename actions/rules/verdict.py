"""What a rule function returns: a decision, the rule IDs that made it, and what to say."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Mapping, Optional, Tuple


class Outcome(str, Enum):
    ALLOWED = "allowed"  # the user may go ahead
    BLOCKED = "blocked"  # a rule stops the user; the response says why and what to do
    NEXT_STEP = "next_step"  # the user is on a path and this is the next step
    ASK = "ask"  # a fact is missing; ``ask`` names it
    INFO = "info"  # an answer that decides nothing
    DONE = "done"  # the path is finished


@dataclass(frozen=True)
class Verdict:
    outcome: Outcome
    rule_ids: Tuple[str, ...]
    response: str  # a response name in domain.yml
    params: Mapping[str, Any] = field(default_factory=dict)
    # Response names of list items (e.g. missing prerequisites), rendered in the user's
    # language and passed to ``response`` as ``{items}``.
    items: Tuple[str, ...] = ()
    ask: Optional[str] = None  # the fact to ask for when outcome is ASK

    @property
    def allowed(self) -> bool:
        return self.outcome is Outcome.ALLOWED
