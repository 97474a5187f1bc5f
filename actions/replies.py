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

from .responses import item_response, question_response, responses_for
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

    def _shown(self, values: Mapping[str, Any]) -> Dict[str, Any]:
        return {
            name: human_date(value, self.language) if isinstance(value, date) else value
            for name, value in values.items()
        }

    def render(self, response: str, **values: Any) -> str:
        """The text of a response in the user's language (for a value inside another)."""
        return render_text(self.domain, response, self.language, **self._shown(values))

    def say(self, response: str, **values: Any) -> None:
        self.dispatcher.utter_message(response=response, **self._shown(values))

    def buttons(self, response: str, buttons: List[Mapping[str, str]], **values: Any) -> None:
        """A response with buttons the action builds (titles already in the user's language)."""
        self.dispatcher.utter_message(response=response, buttons=list(buttons), **self._shown(values))

    def verdict(self, verdict: Verdict, **extra: Any) -> None:
        """Says a verdict: its responses in order (for a question: the rule, then the question)."""
        self.verdicts.append(verdict)
        values: Dict[str, Any] = {**verdict.params, **extra}
        for name, value in list(values.items()):
            if isinstance(value, tuple) and all(isinstance(part, str) and "." in part for part in value):
                values[name] = self.items(value) if value else "-"  # items of a list, in the user's language
        if verdict.items:
            values["items"] = self.items(verdict.items)
        logger.info(
            "sender=%s verdict=%s code=%s rules=%s", self.sender_id, verdict.outcome.value, verdict.code,
            ",".join(verdict.rule_ids),
        )
        for response in responses_for(verdict.code):
            self.say(response, **values)
        question = question_response(verdict.code, verdict.ask) if verdict.ask else None
        if question:
            self.say(question, **values)
