"""Actions of the membership benefits (BEN-01..13): one form that asks, per topic, only what
the store does not know yet, and one verdict, both from the topic's table of checks
(rules/benefits.py).

A topic is what the user came for ("software", "refund", "vs_reassign", ...); it is set by
``action_prepare_benefit`` from the intent and its entities, and read by the form and the
verdict. Answers that are not facts of the case (the subscription kind, a subscriber's name,
an offer) live in slots for the length of one topic.
"""

from __future__ import annotations

import logging
from datetime import date, timedelta
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from .base import Events, PartnerAction, StoreBackedFormValidation, partner_store
from .reading import (
    CONTACT_LANGUAGES,
    date_phrase_in,
    emails_in,
    first_entity,
    language_named,
    latest_text,
    normalise_email,
    person_in,
    phone_number,
    previous_holder_in,
    read_expiry_date,
    read_past_date,
    role_named,
    short_answer,
    technical_ids_in,
)
from .replies import Reply
from .rules import benefits
from .rules.verdict import Outcome, Verdict, item
from .stated_facts import record_mpa_facts, record_role_and_level
from .store import PartnerStore, RuleViolation

logger = logging.getLogger(__name__)

# Slots that hold the conversation's own answers for one topic (not facts of the case).
ANSWER_SLOTS = (
    "benefit",
    "cloud_subscription_kind",
    "support_kind",
    "product_kind",
    "vs_subscriber",
    "vs_assigned_on",
    "vs_previous_subscriber",
    "gtm_offer",
    "offer_expires_on",
    "marketing_contact_email",
    "marketing_contact_phone",
    "marketing_contact_language",
)
TOPIC_OF_INTENT = {
    "ask_refund": "refund",
    "ask_support_options": "support",
    "inform_vs_assigned": "vs_assigned",
    "ask_vs_reassign": "vs_reassign",
    "inform_benefit_activated": "activated",
    "inform_offer_active": "offer_active",
}


def topic_answers(tracker: Tracker, store: PartnerStore, topic: str) -> Dict[str, Any]:
    """The topic's validated answers. Raw slot values are not used: Rasa sets a slot before
    it is validated, and an answer only counts once its validation accepted it."""
    answers: Dict[str, Any] = dict(tracker.get_slot("benefit_answers") or {})
    if topic == "vs_reassign":  # the only topic whose questions depend on it
        answers["has_assignment"] = bool(store.benefits.visual_studio_assignments(tracker.sender_id))
    return answers


def accept(tracker: Tracker, slot: Text, value: Any) -> Dict[Text, Any]:
    """Validation output for an answer slot: the slot, and the answer recorded as validated."""
    answers = dict(tracker.get_slot("benefit_answers") or {})
    answers[slot] = value
    if value is None:
        answers.pop(slot)
    return {slot: value, "benefit_answers": answers}


class PrepareBenefit(PartnerAction):
    """Before the benefits form: the topic from the intent and its entities; facts said in
    passing (role, level, PMC) are stored; answers in the message itself are taken."""

    action_name = "action_prepare_benefit"

    def act(self, reply: Reply, tracker: Tracker, store: PartnerStore) -> Events:
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        text = latest_text(tracker)
        offer = first_entity(tracker, "offer")
        benefit = "go_to_market" if offer else first_entity(tracker, "benefit")
        topic = TOPIC_OF_INTENT.get(intent) or (benefit if benefit in benefits.BENEFIT_KINDS else "overview")
        record_mpa_facts(store, tracker)
        record_role_and_level(store, tracker, level_named=offer is None)
        values: Dict[str, Any] = {slot: None for slot in ANSWER_SLOTS}
        values.update(
            benefit=benefit if benefit in benefits.BENEFIT_KINDS else None,
            cloud_subscription_kind=first_entity(tracker, "subscription_kind"),
            support_kind=first_entity(tracker, "support_kind"),
            product_kind=first_entity(tracker, "product_kind"),
            gtm_offer=offer,
        )
        if topic in ("vs_assigned", "vs_reassign"):
            values.update(self._assignment_in(text, tracker, store, topic))
        if topic == "offer_active":
            values.update(self._offer_in(text, tracker, store, values["gtm_offer"]))
        answers = {slot: value for slot, value in values.items() if value is not None}
        return [SlotSet("benefit_topic", topic), SlotSet("benefit_answers", answers)] + [
            SlotSet(slot, value) for slot, value in values.items()
        ]

    @staticmethod
    def _assignment_in(text: str, tracker: Tracker, store: PartnerStore, topic: str) -> Dict[str, Any]:
        current = [row.subscriber for row in store.benefits.visual_studio_assignments(tracker.sender_id)]
        previous = previous_holder_in(text, current)
        values: Dict[str, Any] = {"vs_previous_subscriber": previous}
        if topic == "vs_reassign":
            return values
        if previous is None and tracker.get_slot("pending_question") == "vs_reassign":
            previous = tracker.get_slot("vs_previous_subscriber") or (current[0] if len(current) == 1 else None)
            values["vs_previous_subscriber"] = previous
        subscriber = person_in(text, [name for name in current if name != previous])
        if subscriber and subscriber != previous:
            values["vs_subscriber"] = subscriber
        phrase = date_phrase_in(text)
        if phrase:
            reading = read_past_date(phrase, store.today())
            if reading.ok:
                values["vs_assigned_on"] = reading.date.isoformat()
        if previous:
            # A reassignment happens today (BEN-07 is checked by the store).
            values["vs_assigned_on"] = store.today().isoformat()
        return values

    @staticmethod
    def _offer_in(text: str, tracker: Tracker, store: PartnerStore, offer: Optional[str]) -> Dict[str, Any]:
        values: Dict[str, Any] = {}
        if offer is None:
            pending = [row.name for row in store.benefits.go_to_market_offers(tracker.sender_id) if row.status == "pending"]
            if len(pending) == 1:
                values["gtm_offer"] = pending[0]
        phrase = date_phrase_in(text)
        if phrase:
            reading = read_expiry_date(phrase, store.today())
            if reading.ok:
                values["offer_expires_on"] = reading.date.isoformat()
        return values


class ValidateBenefitForm(StoreBackedFormValidation):
    """The benefit questions: facts are stored at once, answers kept for the topic."""

    def name(self) -> Text:
        return "validate_benefit_form"

    def questions(self, facts) -> List[Text]:
        # Not used: the questions depend on the topic too, so required_slots plans them.
        return []

    async def required_slots(
        self, domain_slots: List[Text], dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Text]:
        topic = tracker.get_slot("benefit_topic") or "overview"
        store = partner_store()
        return benefits.benefit_questions(
            topic, store.facts(tracker.sender_id), topic_answers(tracker, store, topic), store.today()
        )

    def validate_mpn_account(self, value, dispatcher, tracker, domain):
        """BEN-01: Partner Center, still in PMC, or no MPN ID."""
        if value not in ("partner_center", "pmc", "none"):
            return {"mpn_account": None}
        store = partner_store()
        return self.store_answer(
            dispatcher, "mpn_account", value, lambda: store.mpa.record_mpn_account(tracker.sender_id, value)
        )

    def validate_user_role(self, value, dispatcher, tracker, domain):
        """BEN-02 / BEN-03: the role, asked once and stored."""
        role = role_named(str(value))
        store = partner_store()
        return self.store_answer(
            dispatcher, "user_role", role, lambda: store.onboarding.record_user_role(tracker.sender_id, role)
        )

    def validate_membership_level(self, value, dispatcher, tracker, domain):
        """BEN-10: Action Pack, Silver or Gold."""
        if value not in benefits.MEMBERSHIP_LEVELS:
            return {"membership_level": None}
        store = partner_store()
        return self.store_answer(
            dispatcher,
            "membership_level",
            value,
            lambda: store.benefits.record_membership_level(tracker.sender_id, value),
        )

    def validate_cloud_subscription_kind(self, value, dispatcher, tracker, domain):
        """BEN-05: usage-based (Azure) or license-based."""
        return accept(tracker, "cloud_subscription_kind", value if value in benefits.CLOUD_SUBSCRIPTION_KINDS else None)

    def validate_benefit(self, value, dispatcher, tracker, domain):
        return accept(tracker, "benefit", value if value in benefits.BENEFIT_KINDS else None)

    @staticmethod
    def _past_date(text: Any, dispatcher) -> Optional[date]:
        reading = read_past_date(str(text or ""), partner_store().today())
        if not reading.ok:
            dispatcher.utter_message(response=f"utter_date_{reading.problem}")
            return None
        return reading.date

    def validate_benefits_purchased_on(self, value, dispatcher, tracker, domain):
        """BEN-13: the purchase date, in plain language; never in the future."""
        purchased_on = self._past_date(value, dispatcher)
        if purchased_on is None:
            return {"benefits_purchased_on": None}
        store = partner_store()
        return self.store_answer(
            dispatcher,
            "benefits_purchased_on",
            purchased_on.isoformat(),
            lambda: store.benefits.record_benefit_purchase(tracker.sender_id, purchased_on),
        )

    def validate_software_benefits_activated(self, value, dispatcher, tracker, domain):
        """BEN-13: whether software benefits (keys) were activated."""
        if not isinstance(value, bool):
            return {"software_benefits_activated": None}
        store = partner_store()
        return self.store_answer(
            dispatcher,
            "software_benefits_activated",
            value,
            lambda: store.benefits.record_software_benefits_activated(tracker.sender_id, value),
        )

    def validate_vs_subscriber(self, value, dispatcher, tracker, domain):
        """BEN-06: who got the subscription (a name or an email address)."""
        name = short_answer(str(value or ""))
        if name is None:
            dispatcher.utter_message(response="utter_ben_subscriber_unclear")
        return accept(tracker, "vs_subscriber", name)

    def validate_vs_assigned_on(self, value, dispatcher, tracker, domain):
        """BEN-07: the assignment date, in plain language; never in the future."""
        assigned_on = self._past_date(value, dispatcher)
        return accept(tracker, "vs_assigned_on", assigned_on.isoformat() if assigned_on else None)

    def validate_gtm_offer(self, value, dispatcher, tracker, domain):
        """BEN-11: the offer's name as Partner Center shows it (e.g. Silver cores)."""
        return accept(tracker, "gtm_offer", short_answer(str(value or ""), max_words=12))

    def validate_offer_expires_on(self, value, dispatcher, tracker, domain):
        """BEN-12: the date in the Expires column; must be after today."""
        reading = read_expiry_date(str(value or ""), partner_store().today())
        if not reading.ok:
            dispatcher.utter_message(response=f"utter_ben_expiry_{reading.problem}")
            return accept(tracker, "offer_expires_on", None)
        return accept(tracker, "offer_expires_on", reading.date.isoformat())

    def validate_marketing_contact_email(self, value, dispatcher, tracker, domain):
        """BEN-11: a valid address that differs from the company account's email."""
        given = str(value or "").strip()
        email = next(iter(emails_in(given)), None) or normalise_email(given.strip(".,"))
        if email is None:
            dispatcher.utter_message(response="utter_email_invalid", email=given[:80])
            return accept(tracker, "marketing_contact_email", None)
        verdict = benefits.marketing_contact_email_ok(email, partner_store().facts(tracker.sender_id).get("work_email"))
        if not verdict.allowed:
            Reply(dispatcher, tracker, domain).verdict(verdict)
            return accept(tracker, "marketing_contact_email", None)
        return accept(tracker, "marketing_contact_email", email)

    def validate_marketing_contact_phone(self, value, dispatcher, tracker, domain):
        """BEN-11: the marketing contact's phone number."""
        phone = phone_number(str(value or ""))
        if phone is None:
            dispatcher.utter_message(response="utter_ben_phone_invalid")
        return accept(tracker, "marketing_contact_phone", phone)

    def validate_marketing_contact_language(self, value, dispatcher, tracker, domain):
        """BEN-11: the marketing contact's preferred language."""
        language = language_named(str(value or ""))
        if language is None:
            dispatcher.utter_message(response="utter_ben_contact_language_unclear")
        return accept(tracker, "marketing_contact_language", language)


class BenefitVerdict(PartnerAction):
    """After the benefits form: the topic's verdict from its table; what the user reported
    (an assignment, an activation, an offer that became active) is recorded first."""

    action_name = "action_benefit_verdict"
    # Verdicts on what the user reported: recorded before (or instead of) being said.
    RECORDERS = {
        "ben_vs_assignment_to_record": "_vs_assigned",
        "ben_vs_reassignment_to_check": "_vs_reassign",
        "ben_activation_to_record": "_activated",
        "ben_offer_active_recorded": "_offer_active",
        "ben_refund_file_service_request": "_refund_requested",
    }

    def act(self, reply: Reply, tracker: Tracker, store: PartnerStore) -> Events:
        topic = tracker.get_slot("benefit_topic") or "overview"
        answers = topic_answers(tracker, store, topic)
        if topic == "go_to_market" and not self._record_marketing_contact(reply, tracker, store, answers):
            return []
        verdict = benefits.benefit_verdict(topic, store.facts(tracker.sender_id), answers, store.today())
        recorder = self.RECORDERS.get(verdict.code)
        if recorder is None:
            reply.verdict(verdict)
            return []
        return getattr(self, recorder)(reply, tracker, store, verdict, answers) or []

    @staticmethod
    def _record_marketing_contact(reply, tracker, store, answers) -> bool:
        """BEN-11: the contact just given is assigned; False when the store refuses it."""
        contact = [answers.get(name) for name in benefits.MARKETING_CONTACT_FACTS]
        if not all(contact) or store.facts(tracker.sender_id).get("marketing_contact_email"):
            return True
        try:
            store.benefits.assign_marketing_contact(tracker.sender_id, *contact)
        except RuleViolation as refusal:
            logger.info("marketing contact refused: %s", refusal)
            reply.verdict(Verdict(Outcome.BLOCKED, "ben_marketing_email_same_as_account", (refusal.rule_id,)))
            return False
        language = contact[2]
        if language in set(CONTACT_LANGUAGES.values()):
            language = reply.items([item("language", language)])
        reply.say("utter_ben_marketing_contact_recorded", email=contact[0], phone=contact[1], language=language)
        return True

    @staticmethod
    def _refund_requested(reply, tracker, store, verdict, answers) -> Events:
        """BEN-13: the refund is recorded as requested; the handoff files the service request."""
        store.benefits.request_refund(tracker.sender_id)
        reply.verdict(verdict)
        return []

    @staticmethod
    def _vs_assigned(reply, tracker, store, verdict, answers) -> Events:
        subscriber, previous = answers.get("vs_subscriber"), answers.get("vs_previous_subscriber")
        done: Events = [SlotSet("pending_question", None)]
        if previous:
            subscription = next(
                row.subscription
                for row in store.benefits.visual_studio_assignments(tracker.sender_id)
                if row.subscriber == previous
            )
            try:
                moved = store.benefits.reassign_visual_studio_subscription(tracker.sender_id, subscription, subscriber)
            except RuleViolation as refusal:
                reply.verdict(
                    Verdict(Outcome.BLOCKED, "ben_vs_reassign_not_yet", (refusal.rule_id,), refusal.facts),
                    subscriber=previous,
                )
                return done
            reply.say(
                "utter_ben_vs_reassignment_recorded",
                previous=previous,
                subscriber=subscriber,
                moved_on=moved.assigned_on,
                earliest_date=moved.assigned_on + timedelta(days=benefits.REASSIGNMENT_WAITING_DAYS),
            )
            return done
        assigned_on = date.fromisoformat(answers["vs_assigned_on"])
        store.benefits.assign_visual_studio_subscription(tracker.sender_id, None, subscriber, assigned_on)
        waiting = benefits.visual_studio_reassignment(assigned_on, store.today())
        reply.say(
            "utter_ben_vs_assignment_recorded",
            subscriber=subscriber,
            assigned_on=assigned_on,
            earliest_date=assigned_on + timedelta(days=benefits.REASSIGNMENT_WAITING_DAYS),
            days_left=max(0, waiting.params.get("days_left", 0)),
        )
        return done

    @staticmethod
    def _vs_reassign(reply, tracker, store, verdict, answers) -> Events:
        current = store.benefits.visual_studio_assignments(tracker.sender_id)
        if not current and answers.get("vs_subscriber") and answers.get("vs_assigned_on"):
            assigned_on = date.fromisoformat(answers["vs_assigned_on"])
            store.benefits.assign_visual_studio_subscription(tracker.sender_id, None, answers["vs_subscriber"], assigned_on)
            current = store.benefits.visual_studio_assignments(tracker.sender_id)
        wanted = answers.get("vs_previous_subscriber")
        chosen = [row for row in current if row.subscriber == wanted] or current
        if not chosen:
            reply.say("utter_ben_vs_no_assignment")
            return []
        movable = []
        for row in chosen:
            reassignment = benefits.visual_studio_reassignment(row.assigned_on, store.today())
            reply.verdict(reassignment, subscriber=row.subscriber)
            if reassignment.allowed:
                movable.append(row)
        if len(movable) == 1:
            return [SlotSet("pending_question", "vs_reassign"), SlotSet("vs_previous_subscriber", movable[0].subscriber)]
        return [SlotSet("pending_question", None)]

    @staticmethod
    def _activated(reply, tracker, store, verdict, answers) -> Events:
        benefit = answers.get("benefit")
        if benefit == "software":
            store.benefits.record_software_benefits_activated(tracker.sender_id, True)
            reply.say("utter_ben_software_activation_recorded")
        elif benefit == "technical":
            try:
                facts = store.benefits.record_technical_benefits_requested(tracker.sender_id)
            except RuleViolation:
                reply.verdict(benefits.technical_benefits(store.facts(tracker.sender_id), None))
                return []
            reply.say(
                "utter_ben_technical_requested",
                requested_on=date.fromisoformat(facts["technical_benefits_requested_on"]),
            )
        elif benefit == "go_to_market":
            offer = answers["gtm_offer"]
            try:
                activated = store.benefits.activate_go_to_market_offer(tracker.sender_id, offer)
            except RuleViolation:
                reply.say("utter_ben_gtm_contact_first", offer=offer)
                return []
            pending = activated.status == "pending"
            reply.say("utter_ben_gtm_offer_pending" if pending else "utter_ben_gtm_offer_already_active", offer=offer)
        elif benefit == "visual_studio":
            reply.say("utter_ask_vs_subscriber_after_activation")
        else:
            store.benefits.record_cloud_benefits_activated(tracker.sender_id)
            reply.say("utter_ben_cloud_activation_noted")
        return []

    @staticmethod
    def _offer_active(reply, tracker, store, verdict, answers) -> Events:
        offer = answers["gtm_offer"]
        expires_on = date.fromisoformat(answers["offer_expires_on"])
        try:
            store.benefits.activate_go_to_market_offer(tracker.sender_id, offer)
            store.benefits.record_go_to_market_offer_active(tracker.sender_id, offer, expires_on)
        except RuleViolation:
            reply.say("utter_ben_gtm_contact_first", offer=offer)
            return []
        reply.verdict(verdict, offer=offer)
        return []


class AnswerAccessId(PartnerAction):
    """BEN-08 / BEN-09: the Access ID and Contract ID: stores pasted IDs, gives stored ones
    back, or says where they appear and when they are needed."""

    action_name = "action_answer_access_id"

    def act(self, reply: Reply, tracker: Tracker, store: PartnerStore) -> Events:
        pasted = technical_ids_in(latest_text(tracker))
        if pasted:
            store.benefits.record_technical_benefit_ids(tracker.sender_id, pasted["access_id"], pasted["contract_id"])
            reply.say("utter_ben_ids_recorded", access_id=pasted["access_id"], contract_id=pasted["contract_id"] or "-")
            return []
        reply.verdict(benefits.technical_benefits_status(store.facts(tracker.sender_id), store.today()))
        return []


class AnswerBenefitPermissions(PartnerAction):
    """BEN-02 / BEN-03: who may buy, assign and activate, for the user's own role; asks the
    role once when it is not known."""

    action_name = "action_answer_benefit_permissions"

    def act(self, reply: Reply, tracker: Tracker, store: PartnerStore) -> Events:
        role = role_named(first_entity(tracker, "role"))
        if role:
            store.onboarding.record_user_role(tracker.sender_id, role)
        role = role or store.facts(tracker.sender_id).get("user_role")
        reply.verdict(benefits.benefit_permissions(role))
        if role is None:
            reply.say("utter_ask_benefit_form_user_role")
            return [SlotSet("pending_question", "benefit_permissions")]
        return []
