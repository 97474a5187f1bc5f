"""Actions of the membership benefits (BEN-01..13): one form that asks, per topic, only what
the store does not know yet, and one verdict computed from the stored facts.

A topic is what the user came for ("software", "refund", "vs_reassign", ...); it is set by
``action_prepare_benefit`` from the intent and its entities, and read by the form and the
verdict. Answers that are not facts of the case (the subscription kind, a subscriber's name,
an offer) live in slots for the length of one topic.
"""

from __future__ import annotations

import logging
import re
from datetime import date, timedelta
from typing import Any, Dict, Iterable, List, Optional, Text

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from .base import Events, PartnerAction, StoreBackedFormValidation, partner_store
from .dates import date_phrase_in, read_expiry_date, read_past_date
from .mpa import record_mentioned_mpa_facts
from .onboarding import normalise_role
from .replies import Reply, first_entity
from .rules import benefits
from .rules.verdict import Outcome, Verdict
from .store import PartnerStore, RuleViolation
from .store.facts import USER_ROLES

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
CONTACT_LANGUAGES = {
    "nl": "nl",
    "nederlands": "nl",
    "dutch": "nl",
    "en": "en",
    "engels": "en",
    "english": "en",
    "de": "de",
    "duits": "de",
    "german": "de",
    "deutsch": "de",
    "fr": "fr",
    "frans": "fr",
    "french": "fr",
    "français": "fr",
}
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.IGNORECASE)
_PHONE = re.compile(r"^\+?[\d\s().-]{6,24}$")
_NOT_NAMES = frozenset(
    "i ik we wij visual studio msdn enterprise professional subscription abonnement azure microsoft partner center "
    "can kan may mag when wanneer how hoe yes ja no nee the de het a een it hij zij".split()
)
_NAME_AFTER = re.compile(r"\b(?:to|aan|for|voor|gave|gaf|assigned|toegewezen)\s+([A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,2})")
_CAPITALISED_WORD = re.compile(r"(?<=\s)([A-Z][\w'-]+)")
_NOT_NAME_WORDS = _NOT_NAMES | frozenset(
    "januari februari maart april mei juni juli augustus september oktober november december january february march "
    "may june july august october maandag dinsdag woensdag donderdag vrijdag zaterdag zondag monday tuesday wednesday "
    "thursday friday saturday sunday vs mpn pmc silver gold action pack".split()
)
_NAME_POSSESSIVE = re.compile(r"\b([A-Z][\w-]+)(?:'s|’s)\s")
_ACCESS_ID = re.compile(r"(?:access|toegangs)[\s-]?id\W{0,3}(?:is\s+)?([A-Z0-9][A-Z0-9-]{3,40})", re.IGNORECASE)
_CONTRACT_ID = re.compile(r"contract[\s-]?id\W{0,3}(?:is\s+)?([A-Z0-9][A-Z0-9-]{3,40})", re.IGNORECASE)


def guess_subscriber(text: str, known: Iterable[str] = ()) -> Optional[str]:
    """The person a message names: a known subscriber it mentions, an email address, or a
    capitalised name after "to"/"aan"/"gave"... ("I gave Anna a subscription" -> "Anna")."""
    for name in sorted(known, key=len, reverse=True):
        if re.search(rf"\b{re.escape(name)}\b", text, re.IGNORECASE):
            return name
    email = re.search(r"[^@\s]+@[^@\s]+\.[a-z]{2,}", text, re.IGNORECASE)
    if email:
        return email.group(0)
    for match in _NAME_AFTER.finditer(text):
        words = [word for word in match.group(1).split() if word.lower() not in _NOT_NAMES]
        if words:
            return " ".join(words)
    for match in _CAPITALISED_WORD.finditer(text):
        if match.group(1).split("-")[0].lower() not in _NOT_NAME_WORDS:
            return match.group(1)
    return None


def previous_subscriber(text: str, current: Iterable[str]) -> Optional[str]:
    """A current subscriber the message moves a subscription away from ("Anna's subscription")."""
    for match in _NAME_POSSESSIVE.finditer(text):
        for name in current:
            if name.lower() == match.group(1).lower():
                return name
    for name in current:
        if re.search(rf"\b(?:from|van)\s+{re.escape(name)}\b", text, re.IGNORECASE):
            return name
    return None


def technical_ids_in(text: str) -> Optional[Dict[str, Optional[str]]]:
    """BEN-08: an Access ID (and Contract ID) the user pasted, or None."""
    access = _ACCESS_ID.search(text or "")
    if not access:
        return None
    contract = _CONTRACT_ID.search(text)
    return {"access_id": access.group(1), "contract_id": contract.group(1) if contract else None}


def topic_answers(tracker: Tracker, store: PartnerStore, topic: str) -> Dict[str, Any]:
    """The topic's validated answers. Raw slot values are not used: Rasa sets a slot before
    it is validated, and an answer only counts once its validation accepted it."""
    answers: Dict[str, Any] = dict(tracker.get_slot("benefit_answers") or {})
    if topic == "vs_reassign":  # the only topic whose questions depend on it
        answers["has_assignment"] = bool(store.visual_studio_assignments(tracker.sender_id))
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
        text = tracker.latest_message.get("text") or ""
        offer = first_entity(tracker, "offer")
        benefit = "go_to_market" if offer else first_entity(tracker, "benefit")
        topic = TOPIC_OF_INTENT.get(intent) or (benefit if benefit in benefits.BENEFIT_KINDS else "overview")
        self._record_mentioned_facts(tracker, store, level_mentioned=offer is None)
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
    def _record_mentioned_facts(tracker: Tracker, store: PartnerStore, level_mentioned: bool) -> None:
        record_mentioned_mpa_facts(store, tracker)
        role = normalise_role(first_entity(tracker, "role"))
        if role in USER_ROLES:
            store.record_user_role(tracker.sender_id, role)
        # "Silver cores" names an offer, not the company's level.
        level = first_entity(tracker, "membership_level") if level_mentioned else None
        if level in benefits.MEMBERSHIP_LEVELS:
            store.record_membership_level(tracker.sender_id, level)

    @staticmethod
    def _assignment_in(text: str, tracker: Tracker, store: PartnerStore, topic: str) -> Dict[str, Any]:
        current = [row["subscriber"] for row in store.visual_studio_assignments(tracker.sender_id)]
        previous = previous_subscriber(text, current)
        values: Dict[str, Any] = {"vs_previous_subscriber": previous}
        if topic == "vs_reassign":
            return values
        if previous is None and tracker.get_slot("pending_question") == "vs_reassign":
            previous = tracker.get_slot("vs_previous_subscriber") or (current[0] if len(current) == 1 else None)
            values["vs_previous_subscriber"] = previous
        subscriber = guess_subscriber(text, [name for name in current if name != previous])
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
            pending = [row["offer"] for row in store.go_to_market_offers(tracker.sender_id) if row["status"] == "pending"]
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
        return self.store_answer(dispatcher, "mpn_account", value, lambda: store.record_mpn_account(tracker.sender_id, value))

    def validate_user_role(self, value, dispatcher, tracker, domain):
        """BEN-02 / BEN-03: the role, asked once and stored."""
        role = normalise_role(str(value))
        store = partner_store()
        return self.store_answer(dispatcher, "user_role", role, lambda: store.record_user_role(tracker.sender_id, role))

    def validate_membership_level(self, value, dispatcher, tracker, domain):
        """BEN-10: Action Pack, Silver or Gold."""
        if value not in benefits.MEMBERSHIP_LEVELS:
            return {"membership_level": None}
        store = partner_store()
        return self.store_answer(
            dispatcher, "membership_level", value, lambda: store.record_membership_level(tracker.sender_id, value)
        )

    def validate_cloud_subscription_kind(self, value, dispatcher, tracker, domain):
        """BEN-05: usage-based (Azure) or license-based."""
        return accept(tracker, "cloud_subscription_kind", value if value in ("usage_based", "license_based") else None)

    def validate_benefit(self, value, dispatcher, tracker, domain):
        return accept(tracker, "benefit", value if value in benefits.BENEFIT_KINDS else None)

    def _past_date(self, slot: Text, text: Any, dispatcher) -> Optional[date]:
        store = partner_store()
        reading = read_past_date(str(text or ""), store.today())
        if not reading.ok:
            dispatcher.utter_message(response=f"utter_date_{reading.problem}")
            return None
        return reading.date

    def validate_benefits_purchased_on(self, value, dispatcher, tracker, domain):
        """BEN-13: the purchase date, in plain language; never in the future."""
        purchased_on = self._past_date("benefits_purchased_on", value, dispatcher)
        if purchased_on is None:
            return {"benefits_purchased_on": None}
        store = partner_store()
        return self.store_answer(
            dispatcher,
            "benefits_purchased_on",
            purchased_on.isoformat(),
            lambda: store.record_benefit_purchase(tracker.sender_id, purchased_on),
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
            lambda: store.record_software_benefits_activated(tracker.sender_id, value),
        )

    def validate_vs_subscriber(self, value, dispatcher, tracker, domain):
        """BEN-06: who got the subscription (a name or an email address)."""
        name = " ".join(str(value or "").split()).strip(" .!")
        name = re.sub(r"^(?:to|aan|it's|het is|dat is|that's)\s+", "", name, flags=re.IGNORECASE)
        if not name or len(name) > 80 or name.endswith("?") or len(name.split()) > 5:
            dispatcher.utter_message(response="utter_ben_subscriber_unclear")
            return accept(tracker, "vs_subscriber", None)
        return accept(tracker, "vs_subscriber", name)

    def validate_vs_assigned_on(self, value, dispatcher, tracker, domain):
        """BEN-07: the assignment date, in plain language; never in the future."""
        assigned_on = self._past_date("vs_assigned_on", value, dispatcher)
        return accept(tracker, "vs_assigned_on", assigned_on.isoformat() if assigned_on else None)

    def validate_gtm_offer(self, value, dispatcher, tracker, domain):
        """BEN-11: the offer's name as Partner Center shows it (e.g. Silver cores)."""
        offer = " ".join(str(value or "").split()).strip(" .!\"'")
        if not offer or len(offer) > 80 or offer.endswith("?"):
            return accept(tracker, "gtm_offer", None)
        return accept(tracker, "gtm_offer", offer)

    def validate_offer_expires_on(self, value, dispatcher, tracker, domain):
        """BEN-12: the date in the Expires column; must be after today."""
        reading = read_expiry_date(str(value or ""), partner_store().today())
        if not reading.ok:
            dispatcher.utter_message(response=f"utter_ben_expiry_{reading.problem}")
            return accept(tracker, "offer_expires_on", None)
        return accept(tracker, "offer_expires_on", reading.date.isoformat())

    def validate_marketing_contact_email(self, value, dispatcher, tracker, domain):
        """BEN-11: a valid address that differs from the company account's email."""
        email = str(value or "").strip().strip("<>.,")
        if not _EMAIL.match(email) or len(email) > 254:
            dispatcher.utter_message(response="utter_email_invalid", email=email[:80])
            return accept(tracker, "marketing_contact_email", None)
        verdict = benefits.marketing_contact_email_ok(email, partner_store().facts(tracker.sender_id).get("work_email"))
        if not verdict.allowed:
            dispatcher.utter_message(response=verdict.response)
            return accept(tracker, "marketing_contact_email", None)
        return accept(tracker, "marketing_contact_email", email)

    def validate_marketing_contact_phone(self, value, dispatcher, tracker, domain):
        """BEN-11: the marketing contact's phone number."""
        phone = " ".join(str(value or "").split())
        if not _PHONE.match(phone) or sum(ch.isdigit() for ch in phone) < 6:
            dispatcher.utter_message(response="utter_ben_phone_invalid")
            return accept(tracker, "marketing_contact_phone", None)
        return accept(tracker, "marketing_contact_phone", phone)

    def validate_marketing_contact_language(self, value, dispatcher, tracker, domain):
        """BEN-11: the marketing contact's preferred language."""
        text = " ".join(str(value or "").split()).strip(" .!").lower()
        language = CONTACT_LANGUAGES.get(text) or (text if re.fullmatch(r"[^\W\d_]{2,30}", text) else None)
        if language is None:
            dispatcher.utter_message(response="utter_ben_contact_language_unclear")
        return accept(tracker, "marketing_contact_language", language)


class BenefitVerdict(PartnerAction):
    """After the benefits form: answer the topic from the stored facts, and record what the
    user reported (an assignment, an activation, an offer that became active)."""

    action_name = "action_benefit_verdict"

    def act(self, reply: Reply, tracker: Tracker, store: PartnerStore) -> Events:
        topic = tracker.get_slot("benefit_topic") or "overview"
        answers = topic_answers(tracker, store, topic)
        handler = {
            "refund": self._refund,
            "support": self._support,
            "vs_assigned": self._vs_assigned,
            "vs_reassign": self._vs_reassign,
            "activated": self._activated,
            "offer_active": self._offer_active,
        }.get(topic, self._benefit_page)
        return handler(reply, tracker, store, topic, answers) or []

    def _benefit_page(self, reply, tracker, store, topic, answers) -> Events:
        facts = store.facts(tracker.sender_id)
        contact = [answers.get(name) for name in benefits.MARKETING_CONTACT_FACTS]
        if topic == "go_to_market" and all(contact) and not facts.get("marketing_contact_email"):
            try:
                facts = store.assign_marketing_contact(tracker.sender_id, *contact)
            except RuleViolation as refusal:
                logger.info("marketing contact refused: %s", refusal)
                reply.say("utter_ben_marketing_email_same_as_account")
                return []
            language = contact[2]
            if language in set(CONTACT_LANGUAGES.values()):
                language = reply.items([f"utter_item_language_{language}"])
            reply.say("utter_ben_marketing_contact_recorded", email=contact[0], phone=contact[1], language=language)
        reply.verdict(benefits.benefit_page_verdict(topic, facts, answers))
        return []

    def _refund(self, reply, tracker, store, topic, answers) -> Events:
        facts = store.facts(tracker.sender_id)
        purchased = facts.get("benefits_purchased_on")
        if not purchased:
            reply.say("utter_ask_benefits_purchased_on")
            return []
        verdict = benefits.refund_eligibility(
            date.fromisoformat(purchased), facts.get("software_benefits_activated"), store.today()
        )
        reply.verdict(verdict)
        return []

    def _support(self, reply, tracker, store, topic, answers) -> Events:
        level = store.facts(tracker.sender_id).get("membership_level")
        wanted = answers.get("support_kind")
        if wanted is None:
            reply.verdict(benefits.support_options(level))
            return []
        product = answers.get("product_kind") or ("on_premises" if wanted == "product_support_incident" else "cloud")
        reply.verdict(benefits.support_for(level, product, wanted))
        return []

    def _vs_assigned(self, reply, tracker, store, topic, answers) -> Events:
        subscriber, previous = answers.get("vs_subscriber"), answers.get("vs_previous_subscriber")
        done: Events = [SlotSet("pending_question", None)]
        if previous:
            subscription = next(
                row["subscription"]
                for row in store.visual_studio_assignments(tracker.sender_id)
                if row["subscriber"] == previous
            )
            try:
                moved_on = store.reassign_visual_studio_subscription(tracker.sender_id, subscription, subscriber)
            except RuleViolation as refusal:
                reply.verdict(
                    Verdict(Outcome.BLOCKED, (refusal.rule_id,), "utter_ben_vs_reassign_not_yet", refusal.facts),
                    subscriber=previous,
                )
                return done
            reply.say(
                "utter_ben_vs_reassignment_recorded",
                previous=previous,
                subscriber=subscriber,
                moved_on=moved_on,
                earliest_date=moved_on + timedelta(days=benefits.REASSIGNMENT_WAITING_DAYS),
            )
            return done
        if not subscriber or not answers.get("vs_assigned_on"):
            reply.say("utter_ask_vs_subscriber_after_activation")
            return done
        assigned_on = date.fromisoformat(answers["vs_assigned_on"])
        store.assign_visual_studio_subscription(tracker.sender_id, None, subscriber, assigned_on)
        verdict = benefits.visual_studio_reassignment(assigned_on, store.today())
        reply.say(
            "utter_ben_vs_assignment_recorded",
            subscriber=subscriber,
            assigned_on=assigned_on,
            earliest_date=assigned_on + timedelta(days=benefits.REASSIGNMENT_WAITING_DAYS),
            days_left=max(0, verdict.params.get("days_left", 0)),
        )
        return done

    def _vs_reassign(self, reply, tracker, store, topic, answers) -> Events:
        current = store.visual_studio_assignments(tracker.sender_id)
        if not current and answers.get("vs_subscriber") and answers.get("vs_assigned_on"):
            assigned_on = date.fromisoformat(answers["vs_assigned_on"])
            store.assign_visual_studio_subscription(tracker.sender_id, None, answers["vs_subscriber"], assigned_on)
            current = store.visual_studio_assignments(tracker.sender_id)
        wanted = answers.get("vs_previous_subscriber")
        chosen = [row for row in current if row["subscriber"] == wanted] or current
        if not chosen:
            reply.say("utter_ben_vs_no_assignment")
            return []
        today = store.today()
        movable = []
        for row in chosen:
            verdict = benefits.visual_studio_reassignment(row["assigned_on"], today)
            reply.verdict(verdict, subscriber=row["subscriber"])
            if verdict.allowed:
                movable.append(row)
        if len(movable) == 1:
            return [SlotSet("pending_question", "vs_reassign"), SlotSet("vs_previous_subscriber", movable[0]["subscriber"])]
        return [SlotSet("pending_question", None)]

    def _activated(self, reply, tracker, store, topic, answers) -> Events:
        benefit = answers.get("benefit")
        if benefit == "software":
            store.record_software_benefits_activated(tracker.sender_id, True)
            reply.say("utter_ben_software_activation_recorded")
        elif benefit == "technical":
            try:
                requested_on = store.record_technical_benefits_requested(tracker.sender_id)
            except RuleViolation:
                reply.verdict(benefits.technical_benefits(store.facts(tracker.sender_id), None))
                return []
            reply.say("utter_ben_technical_requested", requested_on=requested_on)
        elif benefit == "go_to_market":
            offer = answers["gtm_offer"]
            try:
                status = store.activate_go_to_market_offer(tracker.sender_id, offer)
            except RuleViolation:
                reply.say("utter_ben_gtm_contact_first", offer=offer)
                return []
            response = "utter_ben_gtm_offer_pending" if status == "pending" else "utter_ben_gtm_offer_already_active"
            reply.say(response, offer=offer)
        elif benefit == "visual_studio":
            reply.say("utter_ask_vs_subscriber_after_activation")
        else:
            store.record_cloud_benefits_activated(tracker.sender_id)
            reply.say("utter_ben_cloud_activation_noted")
        return []

    def _offer_active(self, reply, tracker, store, topic, answers) -> Events:
        offer = answers["gtm_offer"]
        expires_on = date.fromisoformat(answers["offer_expires_on"])
        try:
            store.activate_go_to_market_offer(tracker.sender_id, offer)
            store.record_go_to_market_offer_active(tracker.sender_id, offer, expires_on)
        except RuleViolation:
            reply.say("utter_ben_gtm_contact_first", offer=offer)
            return []
        reply.verdict(benefits.offer_expiry(expires_on, store.today()), offer=offer)
        return []


class AnswerAccessId(PartnerAction):
    """BEN-08 / BEN-09: the Access ID and Contract ID: stores pasted IDs, gives stored ones
    back, or says where they appear and when they are needed."""

    action_name = "action_answer_access_id"

    def act(self, reply: Reply, tracker: Tracker, store: PartnerStore) -> Events:
        pasted = technical_ids_in(tracker.latest_message.get("text") or "")
        if pasted:
            store.record_technical_benefit_ids(tracker.sender_id, pasted["access_id"], pasted["contract_id"])
            reply.say("utter_ben_ids_recorded", access_id=pasted["access_id"], contract_id=pasted["contract_id"] or "-")
            return []
        reply.verdict(benefits.technical_benefits_status(store.facts(tracker.sender_id), store.today()))
        return []


class AnswerBenefitPermissions(PartnerAction):
    """BEN-02 / BEN-03: who may buy, assign and activate, for the user's own role; asks the
    role once when it is not known."""

    action_name = "action_answer_benefit_permissions"

    def act(self, reply: Reply, tracker: Tracker, store: PartnerStore) -> Events:
        role = normalise_role(first_entity(tracker, "role"))
        if role:
            store.record_user_role(tracker.sender_id, role)
        role = role or store.facts(tracker.sender_id).get("user_role")
        reply.verdict(benefits.benefit_permissions(role))
        if role is None:
            reply.say("utter_ask_benefit_form_user_role")
            return [SlotSet("pending_question", "benefit_permissions")]
        return []

