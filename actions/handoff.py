"""Handing a case to Microsoft support staff: the support request and what the partner hears.

Used by the handoff actions (a partner asking for a person, two fallbacks in a row, a key
that does not work) and by every action whose verdict only Microsoft support can act on
(see ``rules.support.support_only_handoff``).
"""

from __future__ import annotations

import logging
from datetime import datetime, timezone
from typing import Any, Dict, List, Mapping

from rasa_sdk import Tracker

from .replies import Reply
from .rules.support import Handoff
from .store import PartnerStore

logger = logging.getLogger(__name__)

# A conversation a staff member runs to preview the assistant's answer (#classify): it
# shows what would happen and opens nothing.
PREVIEW_METADATA_KEY = "staff_preview"


def is_preview(tracker: Tracker) -> bool:
    metadata = (tracker.latest_message or {}).get("metadata") or {}
    return bool(metadata.get(PREVIEW_METADATA_KEY))


def transcript(events: List[Mapping[str, Any]]) -> List[Dict[str, str]]:
    """The conversation's messages, oldest first, as staff will read them (the store keeps
    the most recent)."""
    lines: List[Dict[str, str]] = []
    for event in events:
        kind = event.get("event")
        if kind not in ("user", "bot"):
            continue
        text = (event.get("text") or "").strip()
        if not text:
            continue
        moment = event.get("timestamp")
        at = datetime.fromtimestamp(moment, timezone.utc).isoformat(timespec="seconds") if moment else ""
        lines.append({"who": "partner" if kind == "user" else "assistant", "text": text[:1000], "at": at})
    return lines


def hand_off(reply: Reply, tracker: Tracker, store: PartnerStore, handoff: Handoff) -> None:
    """Open (or extend) the case's support request and tell the partner its reference."""
    if is_preview(tracker):
        reply.say("utter_support_request_preview", category=handoff.category)
        return
    request = store.support.open_request(tracker.sender_id, handoff, reply.language, transcript(list(tracker.events)))
    logger.info(
        "sender=%s support_request=%s trigger=%s category=%s priority=%s rules=%s",
        tracker.sender_id,
        request.reference,
        handoff.trigger,
        request.category,
        request.priority,
        ",".join(request.rule_ids),
    )
    reply.say(
        "utter_support_request_updated" if request.reused else "utter_support_request_opened",
        reference=request.reference,
    )
