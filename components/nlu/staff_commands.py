"""Triage-desk commands in chat: ``#list``, ``#show SR-00042``, ``#classify <question>``, ...

Staff type commands in the same chat partners use. They are recognised exactly, never
guessed by the intent classifier, by two NLU components:

- ``StaffCommandReader`` (first in the pipeline) reads the command. For ``#classify`` it
  replaces the message text with the pasted question, so the rest of the pipeline classifies
  that question exactly as it would a partner's message.
- ``StaffCommandIntent`` (last in the pipeline) records what the pipeline made of the
  question, then sets the intent ``staff_command`` with the command in ``staff_command``.

Whether the sender may use the command is decided by the action (actions/support.py), which
knows who is asking; recognising a command grants nothing.
"""

from __future__ import annotations

import re
from typing import Any, Dict, List, Optional

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from .stateless import StatelessComponent

STAFF_COMMAND_INTENT = "staff_command"
STAFF_COMMAND_KEY = "staff_command"

_COMMAND_WORDS = {
    "help": "help",
    "staff": "help",
    "hulp": "help",
    "list": "list",
    "lijst": "list",
    "show": "show",
    "open": "show",
    "toon": "show",
    "claim": "claim",
    "oppakken": "claim",
    "note": "note",
    "notitie": "note",
    "resolve": "resolve",
    "oplossen": "resolve",
    "afsluiten": "resolve",
    "classify": "classify",
    "classificeer": "classify",
}
_CATEGORY_WORDS = {
    "onboarding": "onboarding",
    "aanmelding": "onboarding",
    "benefits": "benefits",
    "voordelen": "benefits",
    "mpa": "mpa",
    "relationships": "relationships",
    "relaties": "relationships",
    "other": "other",
    "overig": "other",
    "overige": "other",
}
_COMMAND = re.compile(r"^\s*#([a-z]+)\b[\s:]*(.*)$", re.IGNORECASE | re.DOTALL)
# "SR-7KQ3-M9XD text", "sr 7kq3m9xd: text", and references from before they were random:
# "SR-00042 text", "sr42: text", "42 text"
_REFERENCE_AND_TEXT = re.compile(
    r"^((?:sr)?[\s-]*(?:[0-9a-z]{4}-[0-9a-z]{4}|[0-9a-z]{8}|\d{1,9}))(?![0-9a-z-])[\s:,]*(.*)$",
    re.IGNORECASE | re.DOTALL,
)


def parse_staff_command(text: Optional[str]) -> Optional[Dict[str, Any]]:
    """The command in ``text``, or None when the text is not a triage-desk command."""
    match = _COMMAND.match(text or "")
    if not match:
        return None
    command = _COMMAND_WORDS.get(match.group(1).lower())
    if command is None:
        return None
    rest = match.group(2).strip()
    parsed: Dict[str, Any] = {"command": command}
    if command == "list":
        word = rest.split()[0].lower() if rest else ""
        parsed["category"] = _CATEGORY_WORDS.get(word)
        if word and parsed["category"] is None:
            parsed["unknown_category"] = word[:40]
    elif command in ("show", "claim", "note", "resolve"):
        found = _REFERENCE_AND_TEXT.match(rest)
        parsed["reference"] = re.sub(r"(?i)^sr\s+", "SR-", found.group(1)) if found else None
        parsed["text"] = found.group(2).strip() if found else rest
    elif command == "classify":
        parsed["text"] = rest
    return parsed


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class StaffCommandReader(StatelessComponent):
    """First in the pipeline: reads a command; ``#classify`` hands its question on."""

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            command = parse_staff_command(message.get(TEXT))
            if command is None:
                continue
            if command["command"] == "classify" and command.get("text"):
                message.set(TEXT, command["text"][:2000])
            message.set(STAFF_COMMAND_KEY, command, add_to_output=True)
        return messages


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class StaffCommandIntent(StatelessComponent):
    """Last in the pipeline: the intent becomes ``staff_command``; for ``#classify`` the
    classification of the pasted question is kept for staff to read."""

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            command = message.get(STAFF_COMMAND_KEY)
            if not command:
                continue
            command = dict(command)
            if command["command"] == "classify" and command.get("text"):
                intent = message.get(INTENT) or {}
                command["classified"] = {
                    "intent": intent.get("name"),
                    "confidence": round(float(intent.get("confidence") or 0.0), 3),
                    "ranking": [
                        {"intent": item.get("name"), "confidence": round(float(item.get("confidence") or 0.0), 3)}
                        for item in (message.get(INTENT_RANKING_KEY) or [])[:3]
                    ],
                    "entities": [
                        {"entity": entity.get("entity"), "value": entity.get("value")}
                        for entity in message.get(ENTITIES) or []
                    ],
                }
            # The command's own words must not set slots (the pasted question's language
            # is not the staff member's).
            message.set(ENTITIES, [], add_to_output=True)
            message.set(STAFF_COMMAND_KEY, command, add_to_output=True)
            message.set(INTENT, {"name": STAFF_COMMAND_INTENT, "confidence": 1.0}, add_to_output=True)
            message.set(
                INTENT_RANKING_KEY, [{"name": STAFF_COMMAND_INTENT, "confidence": 1.0}], add_to_output=True
            )
        return messages
