"""Identities: who a case belongs to, naming the channel that verified it.

``rest:<sender>``, ``web:<session>``, ``teams:<from.id>``, ``slack:<team>:<conversation>``.
The channels (components/channels/identity.py) give every message such a sender id; the
staff checks and the state store's migration of older ids read them with these functions.
Plain Python: used by the Rasa server's channels and by the action server alike.
"""

from __future__ import annotations

import re
from typing import Optional

# The identity prefix of each connector (its Rasa name).
PREFIX_OF_CHANNEL = {"rest": "rest", "socketio": "web", "botframework": "teams", "slack": "slack"}
PREFIXES = frozenset(PREFIX_OF_CHANNEL.values()) | {"cmdline"}

_TEAMS_USER = re.compile(r"^\d{1,2}:")
_SLACK_CONVERSATION = re.compile(r"^[UW][A-Z0-9]{6,}(?:_[A-Z0-9]{6,})?(?:_[0-9.]+)?$")
_SOCKETIO_SESSION = re.compile(r"^[0-9a-f]{32}$")


def prefix_of(identity: str) -> Optional[str]:
    prefix, separator, _ = identity.partition(":")
    return prefix if separator and prefix in PREFIXES else None


def own_id(identity: str) -> str:
    """The channel's own id of an identity ('teams:29:abc' -> '29:abc')."""
    return identity.partition(":")[2]


def legacy_identity(sender_id: str, input_channel: Optional[str] = None, slack_team: Optional[str] = None) -> str:
    """The identity of a sender id stored before identities named their channel: by the channel
    the tracker store recorded for it, else by the shape of the id."""
    if prefix_of(sender_id):
        return sender_id
    channel = input_channel
    if channel not in PREFIX_OF_CHANNEL:
        if _TEAMS_USER.match(sender_id):
            channel = "botframework"
        elif _SLACK_CONVERSATION.match(sender_id):
            channel = "slack"
        elif _SOCKETIO_SESSION.match(sender_id):
            channel = "socketio"
        else:
            channel = "rest"
    prefix = PREFIX_OF_CHANNEL[channel]
    if prefix == "slack":
        return f"slack:{slack_team or 'unknown'}:{sender_id}"
    return f"{prefix}:{sender_id}"
