"""Actions of the MPA check (MPA-01..13): a form that asks only what the store does not
know, a verdict computed from stored facts, and signatures recorded per CSP region."""

from __future__ import annotations

import logging
from typing import Any, Dict, List, Text

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

from .base import Events, PartnerAction, StoreBackedFormValidation, partner_store
from .reading import entity_values, first_entity, latest_text, place_names, role_named
from .replies import Reply
from .rules import mpa
from .rules.csp_regions import RegionLookup, regions_for
from .stated_facts import record_mpa_facts
from .store import PartnerStore, RuleViolation, StoreUnavailable

logger = logging.getLogger(__name__)

MPA_FORM_SLOTS = (
    "csp_partner_type",
    "mpn_account",
    "mpn_program_status",
    "indirect_reseller_status",
    "user_role",
    "csp_countries",
)
# The form asks for countries; the store keeps the CSP regions they belong to.
_SLOT_OF_FACT = {"csp_regions": "csp_countries"}


def say_region_problems(reply: Reply, lookup: RegionLookup) -> bool:
    """Tells the user about ambiguous or unknown places (MPA-04); True if there were any."""
    if lookup.ambiguous:
        place, candidates = next(iter(lookup.ambiguous.items()))
        reply.say("utter_mpa_regions_ambiguous", place=place[:60], items=reply.items(mpa.region_items(candidates)))
        return True
    if lookup.unknown:
        reply.say("utter_mpa_countries_unknown", places=", ".join(f'"{name[:40]}"' for name in lookup.unknown[:3]))
        return True
    return False


def record_regions(reply: Reply, tracker: Tracker, store: PartnerStore, names: List[str]) -> bool:
    """MPA-04: stores the CSP regions of the named countries; False (and says why) if it can't."""
    lookup = regions_for(names)
    if say_region_problems(reply, lookup) or not lookup.regions:
        return False
    store.mpa.record_csp_regions(tracker.sender_id, list(lookup.regions))
    reply.say("utter_mpa_regions_recorded", items=reply.items(mpa.region_items(lookup.regions)))
    return True


class ValidateMpaForm(StoreBackedFormValidation):
    """The MPA questions, stopping at the first answer that blocks (MPA-02/05/06/08)."""

    def name(self) -> Text:
        return "validate_mpa_form"

    def questions(self, facts) -> List[Text]:
        return [_SLOT_OF_FACT.get(question, question) for question in mpa.mpa_questions(facts)]

    def _validate_choice(self, slot: Text, value: Any, allowed, record, dispatcher, tracker) -> Dict[Text, Any]:
        """Stores one of the allowed values with ``record``; anything else is asked again."""
        if value not in allowed:
            return {slot: None}
        return self.store_answer(dispatcher, slot, value, lambda: record(tracker.sender_id, value))

    def validate_csp_partner_type(self, value, dispatcher, tracker, domain):
        """MPA-02."""
        store = partner_store()
        return self._validate_choice(
            "csp_partner_type", value, mpa.CSP_PARTNER_TYPES, store.mpa.record_csp_partner_type, dispatcher, tracker
        )

    def validate_mpn_account(self, value, dispatcher, tracker, domain):
        """MPA-05."""
        store = partner_store()
        return self._validate_choice(
            "mpn_account", value, mpa.MPN_ACCOUNT_STATES, store.mpa.record_mpn_account, dispatcher, tracker
        )

    def validate_mpn_program_status(self, value, dispatcher, tracker, domain):
        """MPA-06: Active, Pending, Declined or Rejected."""
        store = partner_store()
        return self._validate_choice(
            "mpn_program_status", value, mpa.MPN_PROGRAM_STATUSES, store.mpa.record_mpn_program_status, dispatcher, tracker
        )

    def validate_indirect_reseller_status(self, value, dispatcher, tracker, domain):
        """MPA-08: Active, Qualified, Rejected, Declined, or not shown."""
        store = partner_store()
        return self._validate_choice(
            "indirect_reseller_status",
            value,
            mpa.INDIRECT_RESELLER_STATUSES,
            store.mpa.record_indirect_reseller_status,
            dispatcher,
            tracker,
        )

    def validate_user_role(self, value, dispatcher, tracker, domain):
        """MPA-01: is the user a Global admin of the CSP tenant."""
        role = role_named(str(value))
        store = partner_store()
        return self.store_answer(
            dispatcher, "user_role", role, lambda: store.onboarding.record_user_role(tracker.sender_id, role)
        )

    def validate_csp_countries(self, value, dispatcher, tracker, domain):
        """MPA-04: the countries become CSP regions; ambiguous or unknown names are asked again."""
        reply = Reply(dispatcher, tracker, domain)
        try:
            names = place_names(latest_text(tracker), entity_values(tracker, "country"))
            recorded = record_regions(reply, tracker, partner_store(), names)
        except StoreUnavailable:
            logger.exception("store unavailable while saving the CSP regions")
            reply.say("utter_store_unavailable")
            recorded = False
        return {"csp_countries": value if recorded else None}


class PrepareMpaCheck(PartnerAction):
    """Before the MPA form: keep what the user just said, clear the form's slots (the store
    decides what is still asked), and note that this user is a partner."""

    action_name = "action_prepare_mpa_check"

    def act(self, reply: Reply, tracker: Tracker, store: PartnerStore) -> Events:
        record_mpa_facts(store, tracker)
        return [SlotSet(slot, None) for slot in MPA_FORM_SLOTS] + [SlotSet("user_kind", "partner")]


def current_mpa_verdict(store: PartnerStore, sender_id: str):
    """MPA-01..12 from the stored facts and the signatures recorded so far."""
    return mpa.mpa_verdict(store.facts(sender_id), store.mpa.signed_regions(sender_id))


class MpaVerdict(PartnerAction):
    """MPA-01..12: the verdict from the stored facts, one clear sentence first."""

    action_name = "action_mpa_verdict"

    def act(self, reply: Reply, tracker: Tracker, store: PartnerStore) -> Events:
        reply.verdict(current_mpa_verdict(store, tracker.sender_id))
        return [SlotSet("user_kind", "partner")]


class AnswerAcceptButton(PartnerAction):
    """MPA-11 / MPA-01: no Accept button, banner or agreement link means a missing role."""

    action_name = "action_answer_accept_button"

    def act(self, reply: Reply, tracker: Tracker, store: PartnerStore) -> Events:
        reply.verdict(mpa.missing_accept_button())
        return [SlotSet("user_kind", "partner")]


class RecordMpaSignature(PartnerAction):
    """MPA-04 / MPA-01: the MPA signed in a region; then what is still missing."""

    action_name = "action_record_mpa_signature"

    def act(self, reply: Reply, tracker: Tracker, store: PartnerStore) -> Events:
        names = entity_values(tracker, "country")
        if not names:
            reply.say("utter_ask_signed_region")
            return [SlotSet("pending_question", "mpa_signature")]
        lookup = regions_for(names)
        if say_region_problems(reply, lookup):
            return [SlotSet("pending_question", "mpa_signature")]
        return record_signatures(reply, tracker, store, lookup.regions)


def record_signatures(reply: Reply, tracker: Tracker, store: PartnerStore, regions) -> Events:
    for region in regions:
        try:
            store.mpa.record_mpa_signature(tracker.sender_id, region)
        except RuleViolation as refusal:
            if refusal.rule_id == "MPA-01":
                reply.say("utter_mpa_signature_needs_global_admin")
                return [SlotSet("pending_question", None)]
            if "signed_at" in refusal.facts:
                reply.say("utter_mpa_region_already_signed", items=reply.items(mpa.region_items([region])))
            else:
                reply.say("utter_mpa_region_not_in_business", items=reply.items(mpa.region_items([region])))
            continue
        reply.say("utter_mpa_signature_recorded", items=reply.items(mpa.region_items([region])))
    reply.verdict(current_mpa_verdict(store, tracker.sender_id))
    return [SlotSet("pending_question", None), SlotSet("user_kind", "partner")]


class AnswerMpaRegions(MpaVerdict):
    """MPA-04: "which regions still need it?" is answered by the verdict, which lists exactly
    the unsigned regions (or what blocks signing at all)."""

    action_name = "action_answer_mpa_regions"


class AnswerVerifyMpa(PartnerAction):
    """MPA-12 / MPA-13: how to check the MPA is signed, with the regions recorded."""

    action_name = "action_answer_verify_mpa"

    def act(self, reply: Reply, tracker: Tracker, store: PartnerStore) -> Events:
        reply.verdict(mpa.how_to_verify(store.mpa.signed_regions(tracker.sender_id)))
        return [SlotSet("user_kind", "partner")]


def record_stated_mpa_facts(reply: Reply, tracker: Tracker, store: PartnerStore) -> Events:
    """MPA facts given outside the MPA questions (MPA-02/04/05/06/08): stored, and the
    countries' regions said; the check goes on from there."""
    record_mpa_facts(store, tracker)
    status = first_entity(tracker, "status")
    if status:
        # A status answers whichever status the check is waiting for.
        asked = mpa.mpa_verdict(store.facts(tracker.sender_id)).ask
        if asked == "indirect_reseller_status" and status in mpa.INDIRECT_RESELLER_STATUSES:
            store.mpa.record_indirect_reseller_status(tracker.sender_id, status)
        elif status in mpa.MPN_PROGRAM_STATUSES:
            store.mpa.record_mpn_program_status(tracker.sender_id, status)
    countries = entity_values(tracker, "country")
    if countries:
        record_regions(reply, tracker, store, countries)
    return [SlotSet("user_kind", "partner")]


def record_signed_countries(reply: Reply, tracker: Tracker, store: PartnerStore) -> Events:
    """MPA-04: the answer to "in which region did you sign?" asked earlier."""
    return record_signatures(reply, tracker, store, regions_for(entity_values(tracker, "country")).regions)
