"""One ordered table of checks per topic: both the next question and the verdict come from it.

Each check names the fact it reads, the question that asks for it, and the decision the fact
yields. ``verdict`` walks the table in order and gives the answer with what is known:

- a decision that a known fact already yields wins, even when an earlier fact is still
  unknown ("Pending" fails the MPA check whatever the partner type): no question is asked
  whose answer cannot change the verdict;
- otherwise the first fact the verdict needs and does not have is asked for (an ASK verdict
  naming it: that is the next question);
- when every check passed, the table's conclusion.

``known`` is the mapping the table reads: a case's facts, plus what the caller adds for the
topic (today's date, the regions signed, the conversation's own answers).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, List, Mapping, Optional, Sequence, Tuple

from .verdict import Outcome, Verdict

Known = Mapping[str, Any]
Decide = Callable[[Any, Known], Optional[Verdict]]


def is_unknown(value: Any) -> bool:
    return value is None


def is_not_yes(value: Any) -> bool:
    """Open until answered yes: a "no" is asked again on a later run (it may have changed)."""
    return value is not True


def always(known: Known) -> bool:
    return True


def no_decision(value: Any, known: Known) -> Optional[Verdict]:
    return None


@dataclass(frozen=True)
class Check:
    fact: str  # the fact the check reads
    question: str  # what asks for it (the slot the guided questions fill)
    rule_ids: Tuple[str, ...]
    decide: Decide = no_decision  # a verdict that ends the chain, or None to go on
    applies: Callable[[Known], bool] = always
    is_open: Callable[[Any], bool] = is_unknown  # whether the question is still to ask
    # False: an unknown value does not stop the verdict (the conclusion reads it), only the
    # guided questions ask it.
    verdict_asks: bool = True
    # The ASK verdict for an unknown value; by default "ask_<question>".
    ask: Optional[Callable[[Known], Verdict]] = None

    def asking(self, known: Known) -> Verdict:
        if self.ask is not None:
            return self.ask(known)
        return Verdict(Outcome.ASK, f"ask_{self.question}", self.rule_ids, ask=self.fact)


@dataclass(frozen=True)
class CheckTable:
    checks: Sequence[Check]
    conclude: Callable[[Known], Verdict]

    def _applicable(self, known: Known) -> List[Check]:
        return [check for check in self.checks if check.applies(known)]

    def verdict(self, known: Known) -> Verdict:
        """A decision a known fact yields, else the first fact still needed, else the conclusion."""
        first_open: Optional[Check] = None
        for check in self._applicable(known):
            value = known.get(check.fact)
            if value is None:
                if check.verdict_asks and first_open is None:
                    first_open = check
                continue
            decided = check.decide(value, known)
            if decided is not None:
                return decided
        if first_open is not None:
            return first_open.asking(known)
        return self.conclude(known)

    def open_questions(self, known: Known) -> List[str]:
        """Every fact the verdict still needs, in order (what a checklist names)."""
        return [
            check.fact
            for check in self._applicable(known)
            if check.verdict_asks and check.is_open(known.get(check.fact))
        ]
