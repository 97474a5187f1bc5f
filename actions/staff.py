"""Who may use the triage desk: support staff, identified by their channel identity.

Configured through the environment, never the repository:
- ``SUPPORT_STAFF_SLACK_IDS``: Slack user ids (``U0123ABCD``), comma-separated;
- ``SUPPORT_STAFF_TEAMS_IDS``: Microsoft Teams user ids (the activity's ``from.id``);
- ``SUPPORT_STAFF_TOKENS``: ``name:token`` pairs for the website chat and the REST webhook,
  where the token arrives in the message metadata as ``staff_token``.

Slack and Teams identities come from requests the channel has verified (Slack's signature,
the Bot Framework token); a web or REST user can claim nothing but a token. The channel is the
connector's (components/channels/identity.py): a sender id names it (``teams:29:...``), and a
REST body cannot claim to be Teams or Slack.
"""

from __future__ import annotations

import hmac
import os
from dataclasses import dataclass
from typing import Any, Mapping, Optional, Tuple

from .identities import PREFIX_OF_CHANNEL, own_id, prefix_of

SLACK_VARIABLE = "SUPPORT_STAFF_SLACK_IDS"
TEAMS_VARIABLE = "SUPPORT_STAFF_TEAMS_IDS"
TOKENS_VARIABLE = "SUPPORT_STAFF_TOKENS"
TOKEN_METADATA_KEY = "staff_token"
# A token shorter than this is refused as configuration: it could be guessed.
MINIMUM_TOKEN_LENGTH = 16



def _listed(value: Optional[str]) -> Tuple[str, ...]:
    return tuple(item.strip() for item in (value or "").split(",") if item.strip())


@dataclass(frozen=True)
class StaffDirectory:
    slack_ids: Tuple[str, ...] = ()
    teams_ids: Tuple[str, ...] = ()
    tokens: Tuple[Tuple[str, str], ...] = ()  # (name, token)

    @classmethod
    def from_env(cls, environ: Optional[Mapping[str, str]] = None) -> "StaffDirectory":
        env = os.environ if environ is None else environ
        tokens = []
        for pair in _listed(env.get(TOKENS_VARIABLE)):
            name, _, token = pair.partition(":")
            if name.strip() and len(token.strip()) >= MINIMUM_TOKEN_LENGTH:
                tokens.append((name.strip(), token.strip()))
        return cls(_listed(env.get(SLACK_VARIABLE)), _listed(env.get(TEAMS_VARIABLE)), tuple(tokens))

    def staff_member(
        self, input_channel: Optional[str], sender_id: str, metadata: Optional[Mapping[str, Any]]
    ) -> Optional[str]:
        """The staff member's name ("slack:U0123", "teams:29:abc", "web:anna"), or None.

        ``sender_id`` is the identity the channel gave (``teams:29:abc``); it must name the
        same channel as ``input_channel``."""
        metadata = metadata or {}
        if prefix_of(sender_id) is None or PREFIX_OF_CHANNEL.get(input_channel or "") != prefix_of(sender_id):
            return None
        if input_channel == "slack":
            user = _slack_user(metadata)
            return f"slack:{user}" if user is not None and user in self.slack_ids else None
        if input_channel == "botframework":
            return f"teams:{own_id(sender_id)}" if own_id(sender_id) in self.teams_ids else None
        return self._token_holder(metadata.get(TOKEN_METADATA_KEY))

    def _token_holder(self, given: Any) -> Optional[str]:
        if not isinstance(given, str) or not given:
            return None
        holder = None
        for name, token in self.tokens:
            # Compare every token in constant time so timing does not tell how close a guess is.
            if hmac.compare_digest(given.encode(), token.encode()):
                holder = f"web:{name}"
        return holder


def _slack_user(metadata: Mapping[str, Any]) -> Optional[str]:
    # With conversations per channel or per thread the sender id is not the user, and Rasa's
    # own "users" metadata names the app's authorised users, not the author: components.channels.slack
    # adds the verified event's author as "slack_user".
    user = metadata.get("slack_user")
    return str(user) if user else None
