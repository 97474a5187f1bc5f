"""Saying things to the user: responses from the domain, in the user's language.

Actions never hold sentences. They pass a verdict (its code chooses the response, see
responses.py) or name a response, and pass values; list items (missing prerequisites,
regions, role names) are responses too, rendered here in the user's language.
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Any, Dict, Iterable, List, Mapping

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from .responses import item_response, response_for
from .rules.verdict import Verdict

logger = logging.getLogger(__name__)

DEFAULT_LANGUAGE = "en"

_MONTHS = {
    "nl": "januari februari maart april mei juni juli augustus september oktober november december".split(),
    "en": "January February March April May June July August September October November December".split(),
}


def human_date(value: date, language: str) -> str:
    """A date as people write it: "29 januari 2027" / "29 January 2027"."""
    months = _MONTHS.get(language, _MONTHS["en"])
    return f"{value.day} {months[value.month - 1]} {value.year}"


def conversation_language(tracker: Tracker) -> str:
    return tracker.get_slot("language") or DEFAULT_LANGUAGE


def _matches(variation: Mapping[str, Any], language: str) -> bool:
    conditions = variation.get("condition") or []
    return all(condition.get("name") != "language" or condition.get("value") == language for condition in conditions)


def render_text(domain: Mapping[str, Any], response: str, language: str, **values: Any) -> str:
    """The text of ``response`` for ``language``, as Rasa would pick it from the domain."""
    variations: List[Mapping[str, Any]] = list(domain.get("responses", {}).get(response) or [])
    if not variations:
        raise KeyError(f"response {response!r} is not in the domain")
    conditional = [v for v in variations if v.get("condition") and _matches(v, language)]
    plain = [v for v in variations if not v.get("condition")]
    chosen = (conditional or plain or variations)[0]
    text = chosen.get("text", "")
    return text.format(**values) if values else text


class Reply:
    """Says things to one user, in their language."""

    def __init__(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Mapping[str, Any]):
        self.dispatcher = dispatcher
        self.domain = domain
        self.language = conversation_language(tracker)
        self.sender_id = tracker.sender_id
        self.verdicts: List[Verdict] = []  # what was decided, for a handoff to support

    def items(self, items: Iterable[str]) -> str:
        """Items rendered and joined: bullet items ("- ...") one per line, others by commas."""
        texts = [render_text(self.domain, item_response(name), self.language) for name in items]
        bulleted = all(text.startswith("- ") for text in texts)
        return ("\n" if bulleted else ", ").join(texts)

    def say(self, response: str, **values: Any) -> None:
        shown = {
            name: human_date(value, self.language) if isinstance(value, date) else value
            for name, value in values.items()
        }
        self.dispatcher.utter_message(response=response, **shown)

    def verdict(self, verdict: Verdict, **extra: Any) -> None:
        self.verdicts.append(verdict)
        values: Dict[str, Any] = {**verdict.params, **extra}
        if verdict.items:
            values["items"] = self.items(verdict.items)
        logger.info(
            "sender=%s verdict=%s code=%s rules=%s", self.sender_id, verdict.outcome.value, verdict.code,
            ",".join(verdict.rule_ids),
        )
        self.say(response_for(verdict.code), **values)
