"""Handing a case to Microsoft support staff: the support request and what the partner hears.

Used by the handoff actions (a partner asking for a person, two fallbacks in a row, a key
that does not work) and by every action whose verdict only Microsoft support can act on
(see ``rules.support.support_only_handoff``).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import secrets
from datetime import datetime, timezone
from typing import Any, Dict, List, Mapping, Optional

from rasa_sdk import Tracker

from .replies import Reply
from .rules.support import Handoff
from .store import PartnerStore, SupportRequestsThrottled

logger = logging.getLogger(__name__)

# A conversation a staff member runs to preview the assistant's answer (#classify): it
# shows what would happen and opens nothing. Only the preview itself can mark a conversation
# so: the mark is a signature of the preview's sender, made with a key of the action server.
PREVIEW_METADATA_KEY = "staff_preview"
PREVIEW_SENDER_PREFIX = "staff-preview-"
PREVIEW_SECRET_VARIABLE = "STAFF_PREVIEW_SECRET"
_process_preview_key = secrets.token_bytes(32)


def _preview_key() -> bytes:
    configured = os.environ.get(PREVIEW_SECRET_VARIABLE)
    return configured.encode() if configured else _process_preview_key


def preview_mark(preview_id: str) -> str:
    """The mark a preview conversation ``staff-preview-<preview_id>`` carries in its metadata."""
    return hmac.new(_preview_key(), preview_id.encode(), hashlib.sha256).hexdigest()


def _preview_id(sender_id: str) -> Optional[str]:
    own_id = sender_id.partition(":")[2]
    return own_id[len(PREVIEW_SENDER_PREFIX) :] if own_id.startswith(PREVIEW_SENDER_PREFIX) else None


def is_preview(tracker: Tracker) -> bool:
    metadata = (tracker.latest_message or {}).get("metadata") or {}
    mark, preview_id = metadata.get(PREVIEW_METADATA_KEY), _preview_id(tracker.sender_id)
    if not isinstance(mark, str) or not preview_id:
        return False
    return hmac.compare_digest(mark, preview_mark(preview_id))


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


def transcript_text(lines: List[Mapping[str, Any]]) -> str:
    """The transcript as staff read it: one line per message, each starting with who said it.
    A message's own line breaks are shown as ⏎, so no text can start a line of its own (a
    partner cannot write a line that looks like the assistant's)."""
    shown = []
    for line in lines:
        who = "assistant" if line.get("who") == "assistant" else "partner"
        text = " ⏎ ".join(part.strip() for part in str(line.get("text") or "").splitlines() if part.strip())
        shown.append(f"[{who}] {text}")
    return "\n".join(shown)


def hand_off(reply: Reply, tracker: Tracker, store: PartnerStore, handoff: Handoff) -> None:
    """Open (or extend) the case's support request and tell the partner its reference."""
    if is_preview(tracker):
        reply.say("utter_support_request_preview", category=handoff.category)
        return
    try:
        request = store.support.open_request(
            tracker.sender_id, handoff, reply.language, transcript(list(tracker.events))
        )
    except SupportRequestsThrottled as throttled:
        logger.warning("sender=%s support request throttled: %s", tracker.sender_id, throttled.reason)
        reply.say("utter_support_request_throttled")
        return
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
