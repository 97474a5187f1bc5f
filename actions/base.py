"""The shape every custom action shares: read slots, call the store and the rules, reply.

A database that is down never makes the assistant silent or crash: the user is told,
politely and in their language, that nothing was saved yet.
"""

from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from typing import Any, Callable, Dict, List, Mapping, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from .handoff import hand_off
from .replies import Reply
from .rules.support import support_only_handoff
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
            store = partner_store()
            events = self.act(reply, tracker, store) or []
            # A verdict only Microsoft support can act on (a failed verification, a refund to
            # request) goes to the triage desk at once.
            handoff = next(filter(None, map(support_only_handoff, reply.verdicts)), None)
            if handoff is not None:
                hand_off(reply, tracker, store, handoff)
            return events
        except StoreUnavailable:
            logger.exception("state store unavailable in %s for sender %s", self.name(), tracker.sender_id)
            reply.say("utter_store_unavailable")
            return []


class StoreBackedFormValidation(FormValidationAction, ABC):
    """A form that asks only the facts the store still lacks, and stores each answer at
    once, so a conversation that stops halfway continues where it was."""

    @abstractmethod
    def questions(self, facts: Mapping[str, Any]) -> List[Text]:
        """The slots still to ask, in order, given the case's facts."""

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Events:
        # With the store down no answer can be stored and no question planned: say so (once),
        # and keep the current question open (its answer cleared) until the store is back.
        try:
            return await super().run(dispatcher, tracker, domain)
        except StoreUnavailable:
            logger.exception("store unavailable in %s for sender %s", self.name(), tracker.sender_id)
            if not any(message.get("response") == "utter_store_unavailable" for message in dispatcher.messages):
                dispatcher.utter_message(response="utter_store_unavailable")
            requested = tracker.get_slot("requested_slot")
            return [SlotSet(requested, None), SlotSet("requested_slot", requested)] if requested else []

    async def required_slots(
        self, domain_slots: List[Text], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Text]:
        return self.questions(partner_store().facts(tracker.sender_id))

    def store_answer(
        self, dispatcher: CollectingDispatcher, slot: Text, value: Any, write: Callable[[], Any]
    ) -> Dict[Text, Any]:
        """Runs ``write``; the slot keeps ``value``, or is cleared (and asked again) if the
        store is down."""
        try:
            write()
        except StoreUnavailable:
            logger.exception("store unavailable while saving %s", slot)
            dispatcher.utter_message(response="utter_store_unavailable")
            return {slot: None}
        return {slot: value}
