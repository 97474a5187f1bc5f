"""The shape every custom action shares: read slots, call the store and the rules, reply.

A database that is down never makes the assistant silent or crash: the user is told,
politely and in their language, that nothing was saved yet.
"""

from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from .replies import Reply
from .store import PartnerStore, StoreUnavailable, store_from_env

logger = logging.getLogger(__name__)

Events = List[Dict[Text, Any]]


def partner_store() -> PartnerStore:
    return store_from_env()


class PartnerAction(Action, ABC):
    """Subclasses set ``action_name`` and implement :meth:`act`."""

    action_name: str = ""

    def name(self) -> Text:
        return self.action_name

    @abstractmethod
    def act(self, reply: Reply, tracker: Tracker, store: PartnerStore) -> Events:
        """Reply to the user and return the events to apply."""

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> Events:
        reply = Reply(dispatcher, tracker, domain)
        try:
            return self.act(reply, tracker, partner_store()) or []
        except StoreUnavailable:
            logger.exception("state store unavailable in %s for sender %s", self.name(), tracker.sender_id)
            reply.say("utter_store_unavailable")
            return []
