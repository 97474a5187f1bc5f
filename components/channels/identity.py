"""Who a message is from, as the channel that received it verified it.

Every input channel of this assistant hands Rasa a sender id that names its channel:
``rest:<sender>``, ``web:<session>``, ``teams:<from.id>``, ``slack:<team>:<user>``. So cases,
trackers, staff checks and support requests are keyed by an identity nobody can take over by
sending another channel's id, and the channel (``input_channel``) is always the connector's
own name, never what a request body says.

``Namespaced`` wraps the reply path: it takes the prefix off again before a channel sends
(a Teams or Slack API, a socket.io room, the REST response know only their own ids), and
makes the text inert where the channel renders markup, so a partner's words echoed in a reply
(a name, an address) can never become a link or formatting.
"""

from __future__ import annotations

import copy
import re
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import OutputChannel, UserMessage

from actions.identities import own_id

OnNewMessage = Callable[[UserMessage], Awaitable[Any]]

# What a sender id (after its channel prefix) may look like: printable, no spaces.
MAX_SENDER_LENGTH = 200
_SENDER = re.compile(r"^[A-Za-z0-9._:@#|+=/-]{1,200}$")

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()<>#+!|~])")


def escape_markdown(text: str) -> str:
    """Markdown renders every character of ``text`` as itself (the widget, Teams)."""
    return _MARKDOWN.sub(r"\\\1", text)


def escape_slack(text: str) -> str:
    """Slack's mrkdwn renders ``text`` as itself: &, < and > are its only control characters."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def no_escape(text: str) -> str:
    return text


def is_valid_sender(sender_id: Optional[str]) -> bool:
    return bool(sender_id) and _SENDER.match(sender_id) is not None


def identity(channel: str, sender_id: str) -> str:
    return f"{channel}:{sender_id}"


class Namespaced(OutputChannel):
    """The reply path of one identity: the channel's own ids, inert text."""

    def __init__(self, inner: OutputChannel, escape: Callable[[str], str]):
        self.inner = inner
        self._escape = escape

    def name(self) -> Text:  # type: ignore[override]  # the wrapped channel's name
        return self.inner.name()

    def __getattr__(self, attribute: str) -> Any:
        # What a connector's own code reads from its output channel (messages, the sio ...).
        return getattr(self.inner, attribute)

    async def send_response(self, recipient_id: Text, message: Dict[Text, Any]) -> None:
        message = copy.deepcopy(message)
        # A custom payload could address another room or user: this assistant sends none.
        message.pop("custom", None)
        if message.get("text"):
            message["text"] = self._escape(message["text"])
        for key in ("buttons", "quick_replies"):
            for button in message.get(key) or []:
                if isinstance(button, dict) and isinstance(button.get("title"), str):
                    button["title"] = self._escape(button["title"])
        await self.inner.send_response(own_id(recipient_id), message)

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        await self.send_response(recipient_id, {"text": text, **kwargs})


def namespaced(
    on_new_message: OnNewMessage,
    channel: str,
    input_channel: str,
    escape: Callable[[str], str] = no_escape,
    sender_of: Callable[[UserMessage], Optional[str]] = lambda message: message.sender_id,
) -> OnNewMessage:
    """``on_new_message`` for a channel: the sender becomes ``<channel>:<sender>``, the input
    channel the connector's own name, and replies go through ``Namespaced``. A message whose
    sender is not a valid id is dropped."""

    async def handle(message: UserMessage) -> Any:
        sender = sender_of(message)
        if not is_valid_sender(sender):
            return None
        message.sender_id = identity(channel, str(sender))
        message.input_channel = input_channel
        message.output_channel = Namespaced(message.output_channel, escape)
        return await on_new_message(message)

    return handle
