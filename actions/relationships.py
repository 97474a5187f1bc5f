"""Actions for a customer managing its partners (REL-01..07), and the `inform` answers that
carry a partner type, a kind of user, or an MPA fact given outside the MPA questions."""

from __future__ import annotations

import re
from abc import abstractmethod
from typing import Iterable, List, Optional

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

from .base import Events, PartnerAction
from .mpa import record_mentioned_mpa_facts, record_regions, record_signatures
from .replies import Reply, entity_values
from .rules import mpa, relationships
from .rules.csp_regions import regions_for
from .rules.verdict import Verdict
from .store import PartnerStore

_NOT_NAMES = frozenset(
    "i ik we wij our onze my mijn microsoft partner partners center centrum mca customer klant agreement how hoe can kan "
    "the de het a een remove verwijder delete end stop beëindig reseller advisor adviseur delegated gedelegeerde "
    "administrator beheerder admin lob oem mpsa what wat is".split()
)
_NAME_AFTER = re.compile(
    r"(?:partner|with|met|remove|delete|verwijder|verwijderen|end|beëindig|stop)\s+"
    r"([A-Z0-9][\w&.'-]*(?:\s+[A-Z0-9][\w&.'-]*){0,3})"
)
_NAME_FIRST = re.compile(r"^\s*([A-Z0-9][\w&.'-]*(?:\s+[A-Z0-9][\w&.'-]*){0,3})\s+(?:is|are|zijn|was)\b")
_CAPITALISED = re.compile(r"(?<!^)(?<![.!?]\s)\b([A-Z][\w&'-]+(?:\s+[A-Z][\w&'-]+){0,3})")


def guess_partner_name(text: str, known: Iterable[str] = ()) -> Optional[str]:
    """The partner a message names: a stored partner it mentions, a quoted name, or a
    capitalised name ("remove partner Contoso Ltd" -> "Contoso Ltd")."""
    for name in sorted(known, key=len, reverse=True):
        if re.search(rf"\b{re.escape(name)}\b", text, re.IGNORECASE):
            return name
    quoted = re.search(r"[\"“']([^\"”']{2,60})[\"”']", text)
    if quoted:
        return quoted.group(1).strip()
    for pattern in (_NAME_AFTER, _NAME_FIRST, _CAPITALISED):
        for match in pattern.finditer(text):
            words = [w for w in match.group(1).split() if w.lower() not in _NOT_NAMES]
            if words:
                return " ".join(words)
    return None


class AnswerRemovePartner(PartnerAction):
    """REL-07: "remove partner X" from the stored type, or ask the type first."""

    action_name = "action_answer_remove_partner"

    def act(self, reply: Reply, tracker: Tracker, store: PartnerStore) -> Events:
        partners = store.customer_partners(tracker.sender_id)
        name = guess_partner_name(tracker.latest_message.get("text") or "", partners)
        events: List = [SlotSet("user_kind", "customer")]
        if name is None:
            reply.say("utter_ask_partner_name")
            return events
        known = {stored.lower(): stored for stored in partners}
        if name.lower() in known:
            return events + remove_and_answer(reply, tracker, store, known[name.lower()], partners[known[name.lower()]])
        type_given = next(iter(entity_values(tracker, "rel_partner_type")), None)
        if type_given in relationships.PARTNER_TYPES:
            store.record_customer_partner(tracker.sender_id, name, type_given)
            return events + remove_and_answer(reply, tracker, store, name, type_given)
        reply.verdict(relationships.removal_verdict(name, None))
        return events + [SlotSet("pending_question", "remove_partner"), SlotSet("partner_name", name)]


def remove_and_answer(reply: Reply, tracker: Tracker, store: PartnerStore, name: str, partner_type: str) -> Events:
    """REL-07: a Delegated administrator or Advisor is removed; for any other type the
    customer is told to ask the partner, and the relationship stays recorded."""
    verdict = relationships.removal_verdict(name, partner_type)
    if verdict.allowed:
        store.remove_customer_partner(tracker.sender_id, name)
    reply.verdict(verdict)
    return [SlotSet("pending_question", None), SlotSet("partner_name", None)]


class HandleInform(PartnerAction):
    """An answer given outside a form: a partner type (REL-02/07), the kind of user, or MPA
    facts (MPA-02/04/05/06/08), which are stored before the MPA check goes on."""

    action_name = "action_handle_inform"

    def act(self, reply: Reply, tracker: Tracker, store: PartnerStore) -> Events:
        text = tracker.latest_message.get("text") or ""
        user_kind = next(iter(entity_values(tracker, "user_kind")), None)
        partner_type = next(iter(entity_values(tracker, "rel_partner_type")), None)
        if user_kind in ("customer", "partner"):
            reply.say("utter_rel_overview_customer" if user_kind == "customer" else "utter_rel_overview_partner")
            return [SlotSet("user_kind", user_kind), SlotSet("inform_topic", "other")]
        if partner_type in relationships.PARTNER_TYPES:
            return self._partner_type(reply, tracker, store, text, partner_type)
        if tracker.get_slot("pending_question") == "mpa_signature" and entity_values(tracker, "country"):
            lookup = regions_for(entity_values(tracker, "country"))
            return record_signatures(reply, tracker, store, lookup.regions) + [SlotSet("inform_topic", "other")]
        return self._mpa_facts(reply, tracker, store)

    def _partner_type(
        self, reply: Reply, tracker: Tracker, store: PartnerStore, text: str, partner_type: str
    ) -> Events:
        events: Events = [SlotSet("user_kind", "customer"), SlotSet("inform_topic", "other")]
        pending_name = tracker.get_slot("partner_name")
        if tracker.get_slot("pending_question") == "remove_partner" and pending_name:
            store.record_customer_partner(tracker.sender_id, pending_name, partner_type)
            return events + remove_and_answer(reply, tracker, store, pending_name, partner_type)
        name = guess_partner_name(text, store.customer_partners(tracker.sender_id))
        if name:
            store.record_customer_partner(tracker.sender_id, name, partner_type)
            reply.say(
                "utter_rel_partner_recorded", partner=name, items=reply.items([f"utter_item_rel_type_{partner_type}"])
            )
        reply.verdict(relationships.partner_type_rights(partner_type))
        return events

    def _mpa_facts(self, reply: Reply, tracker: Tracker, store: PartnerStore) -> Events:
        record_mentioned_mpa_facts(store, tracker)
        status = next(iter(entity_values(tracker, "status")), None)
        if status:
            # A status answers whichever status the check is waiting for.
            asked = mpa.mpa_verdict(store.facts(tracker.sender_id)).ask
            if asked == "indirect_reseller_status" and status in mpa.INDIRECT_RESELLER_STATUSES:
                store.record_indirect_reseller_status(tracker.sender_id, status)
            elif status in mpa.MPN_PROGRAM_STATUSES:
                store.record_mpn_program_status(tracker.sender_id, status)
        countries = entity_values(tracker, "country")
        if countries:
            record_regions(reply, tracker, store, countries)
        return [SlotSet("user_kind", "partner"), SlotSet("inform_topic", "mpa")]


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
        return relationships.partner_type_rights(next(iter(entity_values(tracker, "rel_partner_type")), None))


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
