"""Builds rasa_sdk trackers the way the Rasa server sends them to the action server."""

from __future__ import annotations

import asyncio
import inspect
from typing import Any, Dict, List, Optional

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from tests.domain_files import domain


def tracker(
    sender_id: str = "partner-1",
    text: str = "",
    intent: str = "",
    entities: Optional[List[Dict[str, Any]]] = None,
    slots: Optional[Dict[str, Any]] = None,
    slot_events: Optional[Dict[str, Any]] = None,
    active_loop: Optional[str] = None,
) -> Tracker:
    """A tracker whose last user message is ``text``; ``slot_events`` were set after it
    (what a form's validation action is asked to validate)."""
    all_slots = {name: None for name in domain()["slots"]}
    all_slots.update(slots or {})
    all_slots.update(slot_events or {})
    latest = {"text": text, "intent": {"name": intent, "confidence": 1.0}, "entities": entities or []}
    events: List[Dict[str, Any]] = [{"event": "user", "text": text, "parse_data": latest}]
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


def unresolved_request_of(store, sender_id: str):
    """The sender's unresolved support request as staff see it, or None."""
    return next((request for request in store.support.unresolved_requests() if request.sender_id == sender_id), None)
