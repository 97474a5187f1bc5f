"""An answer given outside the questions of a form ("we're a customer", "it's an Advisor",
"our MPN status is Active"), routed to the topic it belongs to.

This is the one place that knows several topics; the topic modules do not import each
other.
"""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

from .base import Events, PartnerAction
from .mpa import record_signed_countries, record_stated_mpa_facts
from .reading import entity_values, first_entity
from .relationships import record_partner_type
from .replies import Reply
from .rules import relationships
from .store import PartnerStore


class HandleInform(PartnerAction):
    """The kind of user, a partner type (REL-02/07), the region of a signature asked for
    (MPA-04), or MPA facts (MPA-02/04/05/06/08) before the MPA check goes on.
    ``inform_topic`` tells the dialogue whether the MPA check continues."""

    action_name = "action_handle_inform"

    def act(self, reply: Reply, tracker: Tracker, store: PartnerStore) -> Events:
        user_kind = first_entity(tracker, "user_kind")
        partner_type = first_entity(tracker, "rel_partner_type")
        if user_kind in ("customer", "partner"):
            reply.say("utter_rel_overview_customer" if user_kind == "customer" else "utter_rel_overview_partner")
            return [SlotSet("user_kind", user_kind), SlotSet("inform_topic", "other")]
        if partner_type in relationships.PARTNER_TYPES:
            return record_partner_type(reply, tracker, store, partner_type) + [SlotSet("inform_topic", "other")]
        if tracker.get_slot("pending_question") == "mpa_signature" and entity_values(tracker, "country"):
            return record_signed_countries(reply, tracker, store) + [SlotSet("inform_topic", "other")]
        return record_stated_mpa_facts(reply, tracker, store) + [SlotSet("inform_topic", "mpa")]
