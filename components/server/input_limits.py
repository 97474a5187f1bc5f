"""Limits on what reaches the NLU pipeline, the tracker and the actions, on every channel.

Rasa's featurizers and DIET grow quadratically with the number of tokens: one REST message of
30,000 short words grew the Rasa process to 22 GB. Partners write a few sentences, at most a
pasted error message; so a message longer than ``MAX_MESSAGE_CHARACTERS`` (2,000 characters,
about 300 words) or ``MAX_MESSAGE_WORDS`` is never parsed nor stored: the sender gets
``utter_message_too_long`` at once, in the language of the message's beginning (else the
conversation's), and the conversation stays as it was.

Metadata larger than ``MAX_METADATA_BYTES`` is dropped, and a message whose sender is not a
valid id is not handled at all (every channel of this assistant sends a valid identity; the
terminal chat's ids are named ``cmdline:<id>`` here).

`install()` is called by `components.server`, the entry point the scripts start Rasa with.
"""

from __future__ import annotations

import json
import logging
import os
from typing import Any, Optional

from rasa.core.agent import Agent
from rasa.core.channels.channel import UserMessage
from rasa.shared.core.events import SlotSet

from actions.identities import prefix_of
from components.channels.identity import identity, is_valid_sender
from components.nlu.language import detect_language

logger = logging.getLogger(__name__)

MAX_MESSAGE_CHARACTERS = int(os.environ.get("MAX_MESSAGE_CHARACTERS", "2000"))
MAX_MESSAGE_WORDS = int(os.environ.get("MAX_MESSAGE_WORDS", "400"))
MAX_METADATA_BYTES = int(os.environ.get("MAX_METADATA_BYTES", "4096"))
TOO_LONG_RESPONSE = "utter_message_too_long"
_installed = False


def too_long(text: Optional[str]) -> bool:
    if not text:
        return False
    return len(text) > MAX_MESSAGE_CHARACTERS or len(text.split(maxsplit=MAX_MESSAGE_WORDS)) > MAX_MESSAGE_WORDS


def _metadata_size(metadata: Any) -> int:
    try:
        return len(json.dumps(metadata, default=str))
    except (TypeError, ValueError):
        return MAX_METADATA_BYTES + 1


def within_limits(message: UserMessage) -> Optional[UserMessage]:
    """The message as it may be handled (valid sender, metadata within its limit), or None
    when it must not be handled at all."""
    if not is_valid_sender(message.sender_id):
        logger.warning("message with an invalid sender id refused")
        return None
    if prefix_of(message.sender_id) is None:
        # A channel Rasa brings along (rasa shell): its ids are named after it too.
        message.sender_id = identity(message.input_channel or "cmdline", message.sender_id)
    if message.metadata is not None and _metadata_size(message.metadata) > MAX_METADATA_BYTES:
        logger.warning("sender=%s metadata over %d bytes dropped", message.sender_id, MAX_METADATA_BYTES)
        message.metadata = None
    return message


async def answer_too_long(agent: Agent, message: UserMessage) -> None:
    """``utter_message_too_long`` in the message's language; nothing is parsed or stored."""
    logger.warning("sender=%s message of %d characters not parsed", message.sender_id, len(message.text or ""))
    tracker = await agent.processor.get_tracker(message.sender_id)
    language = detect_language(message.text[:500]) or tracker.get_slot("language")
    if language:
        tracker.update(SlotSet("language", language))  # this copy only chooses the words
    response = await agent.processor.nlg.generate(TOO_LONG_RESPONSE, tracker, message.output_channel.name())
    if response:
        await message.output_channel.send_response(message.sender_id, response)


def install() -> None:
    """Wraps Agent.handle_message, where every channel hands over its messages (once)."""
    global _installed
    if _installed:
        return
    _installed = True
    handle_message = Agent.handle_message

    async def handle_message_within_limits(self: Agent, message: UserMessage):
        checked = within_limits(message)
        if checked is None:
            return None
        if too_long(checked.text):
            async with self.lock_store.lock(checked.sender_id):
                await answer_too_long(self, checked)
            return None
        return await handle_message(self, checked)

    Agent.handle_message = handle_message_within_limits
