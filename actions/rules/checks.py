"""One ordered table of checks per topic: both the next question and the verdict come from it.

Each check names the fact it reads, the question that asks for it, and the decision the fact
yields. Walking the table in order:

- ``questions`` lists the questions still open, up to the first check that already decides
  (a blocking answer makes every later question pointless);
- ``verdict`` stops at the first decision, or asks for the first fact the verdict needs and
  does not have, or, when every check passed, gives the table's conclusion.

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

    def questions(self, known: Known) -> List[str]:
        """The questions still open, in order, up to the first check that decides or whose
        answer may decide (every later question could turn out pointless)."""
        open_questions: List[str] = []
        for check in self._applicable(known):
            value = known.get(check.fact)
            if check.is_open(value):
                open_questions.append(check.question)
            if value is None:
                if check.decide is not no_decision:
                    break
            elif check.decide(value, known) is not None:
                break
        return open_questions

    def verdict(self, known: Known) -> Verdict:
        """The first decision, the first fact still needed, or the conclusion."""
        for check in self._applicable(known):
            value = known.get(check.fact)
            if value is None:
                if check.verdict_asks:
                    return check.asking(known)
                continue
            decided = check.decide(value, known)
            if decided is not None:
                return decided
        return self.conclude(known)
