"""Builds rasa_sdk trackers the way the Rasa server sends them to the action server."""

from __future__ import annotations

import asyncio
import inspect
from typing import Any, Dict, List, Optional, Sequence, Tuple

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from tests.domain_files import domain

Ranking = Sequence[Tuple[str, float]]


def tracker(
    sender_id: str = "partner-1",
    text: str = "",
    intent: str = "",
    entities: Optional[List[Dict[str, Any]]] = None,
    slots: Optional[Dict[str, Any]] = None,
    slot_events: Optional[Dict[str, Any]] = None,
    active_loop: Optional[str] = None,
    ranking: Optional[Ranking] = None,
    history: Sequence[Tuple[str, str]] = (),
) -> Tracker:
    """A tracker whose last user message is ``text`` read as ``intent``.

    ``ranking`` is the classifier's intent ranking, best first ((intent, confidence) pairs;
    without it the intent alone, at 1.0). ``history`` are earlier user messages as
    (intent, text), each answered by the bot, before this one. ``slot_events`` were set after
    the message."""
    all_slots = {name: None for name in domain()["slots"]}
    all_slots.update(slots or {})
    all_slots.update(slot_events or {})
    ranked = list(ranking or [(intent, 1.0)])
    confidence = dict(ranked).get(intent, ranked[0][1] if ranked else 1.0)
    latest = {
        "text": text,
        "intent": {"name": intent, "confidence": confidence},
        "intent_ranking": [{"name": name, "confidence": value} for name, value in ranked],
        "entities": entities or [],
    }
    events: List[Dict[str, Any]] = []
    for earlier_intent, earlier_text in history:
        events.append(
            {"event": "user", "text": earlier_text, "parse_data": {"text": earlier_text, "intent": {"name": earlier_intent}}}
        )
        events.append({"event": "bot", "text": f"reply to {earlier_text}"})
    events.append({"event": "user", "text": text, "parse_data": latest})
    events += [{"event": "slot", "name": name, "value": value} for name, value in (slot_events or {}).items()]
    return Tracker(
        sender_id=sender_id,
        slots=all_slots,
        latest_message=latest,
        events=events,
        paused=False,
        followup_action=None,
        active_loop={"name": active_loop} if active_loop else {},
        latest_action_name="action_listen",
    )


def run(action, conversation: Tracker):
    """Runs an action (sync or async) and returns (messages, events)."""
    dispatcher = CollectingDispatcher()
    result = action.run(dispatcher, conversation, domain())
    if inspect.isawaitable(result):
        result = asyncio.run(result)
    return dispatcher.messages, result


def responses(messages) -> List[str]:
    return [message.get("response") for message in messages]


def slot_values(events) -> Dict[str, Any]:
    return {event["name"]: event["value"] for event in events if event.get("event") == "slot"}


class Conversation:
    """One user talking to the actions over several turns: the slots the actions set are
    carried to the next turn, as Rasa's tracker would."""

    def __init__(self, sender_id: str = "partner-1", language: str = "en", **slots: Any):
        self.sender_id = sender_id
        self.slots: Dict[str, Any] = {"language": language, **slots}
        self.history: List[Tuple[str, str]] = []
        self.events: List[Dict[str, Any]] = []

    def turn(self, action, text: str, intent: str, entities=None, ranking: Optional[Ranking] = None) -> List[str]:
        """Runs ``action`` on the message; the responses chosen."""
        conversation = tracker(
            self.sender_id, text, intent, entities, dict(self.slots), ranking=ranking, history=self.history
        )
        messages, self.events = run(action, conversation)
        self.messages = messages
        for name, value in slot_values(self.events).items():
            self.slots[name] = value
        if any(event.get("event") == "reset_slots" for event in self.events):
            self.slots = {"language": self.slots.get("language")}
        self.history.append((intent, text))
        return responses(messages)

    @property
    def pending(self) -> Optional[Dict[str, Any]]:
        return self.slots.get("pending_question")


def unresolved_request_of(store, sender_id: str):
    """The sender's unresolved support request as staff see it, or None."""
    return next((request for request in store.support.unresolved_requests() if request.sender_id == sender_id), None)
