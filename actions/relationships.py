"""Actions for a customer managing its partners (REL-01..07)."""

from __future__ import annotations

from abc import abstractmethod
from typing import List

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

from .base import Events, PartnerAction
from .reading import first_entity, latest_text, partner_name_in
from .replies import Reply
from .rules import relationships
from .rules.verdict import Verdict, item
from .store import PartnerStore


def known_partners(store: PartnerStore, sender_id: str) -> dict:
    """The customer's stored partners: name -> type."""
    return {partner.name: partner.partner_type for partner in store.relationships.partners(sender_id)}


class AnswerRemovePartner(PartnerAction):
    """REL-07: "remove partner X" from the stored type, or ask the type first."""

    action_name = "action_answer_remove_partner"

    def act(self, reply: Reply, tracker: Tracker, store: PartnerStore) -> Events:
        partners = known_partners(store, tracker.sender_id)
        name = partner_name_in(latest_text(tracker), partners)
        events: List = [SlotSet("user_kind", "customer")]
        if name is None:
            reply.say("utter_ask_partner_name")
            return events
        known = {stored.lower(): stored for stored in partners}
        if name.lower() in known:
            return events + remove_and_answer(reply, tracker, store, known[name.lower()], partners[known[name.lower()]])
        type_given = first_entity(tracker, "rel_partner_type")
        if type_given in relationships.PARTNER_TYPES:
            store.relationships.record_partner(tracker.sender_id, name, type_given)
            return events + remove_and_answer(reply, tracker, store, name, type_given)
        reply.verdict(relationships.removal_verdict(name, None))
        return events + [SlotSet("pending_question", "remove_partner"), SlotSet("partner_name", name)]


def remove_and_answer(reply: Reply, tracker: Tracker, store: PartnerStore, name: str, partner_type: str) -> Events:
    """REL-07: a Delegated administrator or Advisor is removed; for any other type the
    customer is told to ask the partner, and the relationship stays recorded."""
    verdict = relationships.removal_verdict(name, partner_type)
    if verdict.allowed:
        store.relationships.remove_partner(tracker.sender_id, name)
    reply.verdict(verdict)
    return [SlotSet("pending_question", None), SlotSet("partner_name", None)]


def record_partner_type(reply: Reply, tracker: Tracker, store: PartnerStore, partner_type: str) -> Events:
    """REL-02 / REL-07: a partner's type given on its own: it answers "remove partner X?" asked
    earlier, or is recorded for the partner the message names; then what that type may do."""
    events: Events = [SlotSet("user_kind", "customer")]
    pending_name = tracker.get_slot("partner_name")
    if tracker.get_slot("pending_question") == "remove_partner" and pending_name:
        store.relationships.record_partner(tracker.sender_id, pending_name, partner_type)
        return events + remove_and_answer(reply, tracker, store, pending_name, partner_type)
    name = partner_name_in(latest_text(tracker), known_partners(store, tracker.sender_id))
    if name:
        store.relationships.record_partner(tracker.sender_id, name, partner_type)
        reply.say("utter_rel_partner_recorded", partner=name, items=reply.items([item("rel_type", partner_type)]))
    reply.verdict(relationships.partner_type_rights(partner_type))
    return events


class AnswerRelationships(PartnerAction):
    """Partner relationships in general: asks whether the user is a customer or a partner
    when nothing said so yet."""

    action_name = "action_answer_relationships"

    def act(self, reply: Reply, tracker: Tracker, store: PartnerStore) -> Events:
        kind = tracker.get_slot("user_kind")
        if kind == "customer":
            reply.say("utter_rel_overview_customer")
        elif kind == "partner":
            reply.say("utter_rel_overview_partner")
        else:
            reply.say("utter_ask_user_kind")
        return []


class _CustomerAnswer(PartnerAction):
    """An answer for a customer; the user is a customer from now on."""

    def act(self, reply: Reply, tracker: Tracker, store: PartnerStore) -> Events:
        reply.verdict(self.verdict(tracker, store))
        return [SlotSet("user_kind", "customer")]

    @abstractmethod
    def verdict(self, tracker: Tracker, store: PartnerStore) -> Verdict:
        """The verdict to give."""


class AnswerFindPartner(_CustomerAnswer):
    """REL-01."""

    action_name = "action_answer_find_partner"

    def verdict(self, tracker, store):
        return relationships.find_a_partner()


class AnswerAcceptInvitation(_CustomerAnswer):
    """REL-03 / REL-04."""

    action_name = "action_answer_accept_invitation"

    def verdict(self, tracker, store):
        return relationships.accept_invitation(store.facts(tracker.sender_id))


class AnswerPartnerTypeRights(_CustomerAnswer):
    """REL-02, for the type asked about."""

    action_name = "action_answer_partner_type_rights"

    def verdict(self, tracker, store):
        return relationships.partner_type_rights(first_entity(tracker, "rel_partner_type"))


class AnswerDeclineAdmin(_CustomerAnswer):
    """REL-05."""

    action_name = "action_answer_decline_admin"

    def verdict(self, tracker, store):
        return relationships.decline_admin_privileges()


class AnswerRemoveAdminRoles(_CustomerAnswer):
    """REL-06."""

    action_name = "action_answer_remove_admin_roles"

    def verdict(self, tracker, store):
        return relationships.remove_admin_roles()
