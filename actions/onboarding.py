"""Actions of the guided onboarding (ONB-01..07): the form, the steps, verification, roles."""

from __future__ import annotations

import logging
from typing import Any, List, Text

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from .base import Events, PartnerAction, StoreBackedFormValidation, partner_store
from .reading import emails_in, first_entity, latest_text, normalise_email, role_named, step_number
from .replies import Reply
from .rules import benefits, onboarding
from .rules.onboarding import ENROLLMENT_STEP_COUNT
from .rules.verdict import Outcome
from .rules.work_account import check_work_email
from .store import PartnerStore, RuleViolation, StoreUnavailable

logger = logging.getLogger(__name__)

FORM_SLOTS = (
    "mpn_member",
    "work_account",
    "has_cloud_subscription",
    "work_email",
    "prerequisite_legal_details",
    "prerequisite_signing_authority",
    "prerequisite_primary_contact",
)
UNKNOWN = "unknown"


class ValidateOnboardingForm(StoreBackedFormValidation):
    """The onboarding questions: ONB-01, WA-03, WA-01 and ONB-02."""

    def name(self) -> Text:
        return "validate_onboarding_form"

    def questions(self, facts) -> List[Text]:
        return onboarding.onboarding_questions(facts)

    def validate_mpn_member(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict):
        """ONB-01."""
        if value == UNKNOWN:
            dispatcher.utter_message(response="utter_mpn_member_unknown")
            return {"mpn_member": None}
        store = partner_store()
        return self.store_answer(
            dispatcher, "mpn_member", bool(value), lambda: store.onboarding.record_mpn_membership(tracker.sender_id, bool(value))
        )

    def validate_work_account(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict):
        """WA-05 (none: create one during enrollment) and WA-06 (think before reusing one)."""
        store = partner_store()
        stored = self.store_answer(
            dispatcher, "work_account", value, lambda: store.work_account.record_work_account(tracker.sender_id, value)
        )
        if stored["work_account"] == "exists":
            dispatcher.utter_message(response="utter_work_account_reuse")
        elif stored["work_account"] == "none":
            dispatcher.utter_message(response="utter_work_account_create_during_enrollment")
        return stored

    def validate_has_cloud_subscription(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ):
        """WA-03: an Azure or Office 365 subscription means a work account exists; WA-04 how to check."""
        if value == UNKNOWN:
            dispatcher.utter_message(response="utter_work_account_how_to_check")
            return {"has_cloud_subscription": UNKNOWN}
        store = partner_store()
        stored = self.store_answer(
            dispatcher,
            "has_cloud_subscription",
            bool(value),
            lambda: store.work_account.record_cloud_subscription(tracker.sender_id, bool(value)),
        )
        if stored["has_cloud_subscription"] is not None:
            dispatcher.utter_message(
                response="utter_cloud_means_work_account" if value else "utter_work_account_how_to_check"
            )
        return stored

    def validate_work_email(self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict):
        """WA-01 / WA-02, and ONB-02 (a): the global admin's work email."""
        store = partner_store()
        if value == UNKNOWN:
            stored = self.store_answer(
                dispatcher,
                "work_email",
                UNKNOWN,
                lambda: store.onboarding.record_prerequisite(tracker.sender_id, "admin_email", False),
            )
            if stored["work_email"]:
                dispatcher.utter_message(response="utter_admin_email_missing_noted")
            return stored
        given = next(iter(emails_in(latest_text(tracker))), None) or str(value)
        reply = Reply(dispatcher, tracker, domain)
        try:
            verdict = check_work_email(
                normalise_email(given), store.facts(tracker.sender_id).get("headquarters_domain"), given=given
            )
            if verdict.allowed:
                store.work_account.record_work_email(tracker.sender_id, verdict.params["email"])
        except StoreUnavailable:
            logger.exception("store unavailable while saving the work email")
            reply.say("utter_store_unavailable")
            return {"work_email": None}
        reply.verdict(verdict)
        return {"work_email": verdict.params["email"] if verdict.allowed else None}

    def _validate_prerequisite(self, item: str, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker):
        """ONB-02: one of the things to have on hand."""
        slot = f"prerequisite_{item}"
        store = partner_store()
        return self.store_answer(
            dispatcher, slot, bool(value), lambda: store.onboarding.record_prerequisite(tracker.sender_id, item, bool(value))
        )

    def validate_prerequisite_legal_details(self, value, dispatcher, tracker, domain):
        return self._validate_prerequisite("legal_details", value, dispatcher, tracker)

    def validate_prerequisite_signing_authority(self, value, dispatcher, tracker, domain):
        return self._validate_prerequisite("signing_authority", value, dispatcher, tracker)

    def validate_prerequisite_primary_contact(self, value, dispatcher, tracker, domain):
        return self._validate_prerequisite("primary_contact", value, dispatcher, tracker)


class PrepareOnboarding(PartnerAction):
    """Before the form runs: clear its slots (the store decides what is still asked) and say
    whether this is a fresh start or a continuation."""

    action_name = "action_prepare_onboarding"

    def act(self, reply: Reply, tracker: Tracker, store: PartnerStore) -> Events:
        facts = store.facts(tracker.sender_id)
        questions = onboarding.onboarding_questions(facts)
        if not onboarding.has_onboarding_facts(facts):
            reply.say("utter_onboarding_intro")
        elif questions and onboarding.steps_done(facts) == 0:
            reply.say("utter_onboarding_resume_questions", count=len(questions))
        return [SlotSet(slot, None) for slot in FORM_SLOTS]


class OnboardingNextStep(PartnerAction):
    """ONB-01..05: where the partner stands and what to do next."""

    action_name = "action_onboarding_next_step"

    def act(self, reply: Reply, tracker: Tracker, store: PartnerStore) -> Events:
        reply.verdict(onboarding.next_onboarding_step(store.facts(tracker.sender_id)))
        return []


class CompleteStep(PartnerAction):
    """ONB-03: the user finished a step; steps go in order. ONB-04 after 'Enroll now'."""

    action_name = "action_complete_step"

    def act(self, reply: Reply, tracker: Tracker, store: PartnerStore) -> Events:
        facts = store.facts(tracker.sender_id)
        done = onboarding.steps_done(facts)
        if done >= ENROLLMENT_STEP_COUNT:
            reply.verdict(onboarding.next_onboarding_step(facts))
            return []
        step = step_number(first_entity(tracker, "step")) or done + 1
        try:
            facts = store.onboarding.complete_enrollment_step(tracker.sender_id, step)
        except RuleViolation as refusal:
            if refusal.rule_id == "ONB-03":
                reply.say("utter_step_out_of_order", **refusal.facts)
            reply.verdict(onboarding.next_onboarding_step(facts))
            return []
        if step == 3:
            reply.say("utter_verification_email_sent")
        reply.verdict(onboarding.next_onboarding_step(facts))
        return []


class AnswerRequirements(PartnerAction):
    """ONB-01 / ONB-02: may we enroll, and what must be on hand (from what we know)."""

    action_name = "action_answer_requirements"

    def act(self, reply: Reply, tracker: Tracker, store: PartnerStore) -> Events:
        reply.verdict(onboarding.enrollment_readiness(store.facts(tracker.sender_id)))
        return []


class AnswerVerification(PartnerAction):
    """ONB-04: what 'pending verification' means for this partner now."""

    action_name = "action_answer_verification"

    def act(self, reply: Reply, tracker: Tracker, store: PartnerStore) -> Events:
        reply.verdict(onboarding.verification_status(store.facts(tracker.sender_id)))
        return []


class RecordContactVerified(PartnerAction):
    """ONB-04: the primary contact confirmed; refused before the application was submitted."""

    action_name = "action_record_contact_verified"

    def act(self, reply: Reply, tracker: Tracker, store: PartnerStore) -> Events:
        try:
            store.onboarding.record_primary_contact_verified(tracker.sender_id)
        except RuleViolation:
            reply.verdict(onboarding.verification_status(store.facts(tracker.sender_id)))
            return []
        reply.say("utter_contact_verified_recorded")
        return []


class AnswerFinishSetup(PartnerAction):
    """ONB-05: finishing the set-up and adding users need admin agent permissions."""

    action_name = "action_answer_finish_setup"

    def act(self, reply: Reply, tracker: Tracker, store: PartnerStore) -> Events:
        verdict = onboarding.finish_setup(store.facts(tracker.sender_id))
        reply.verdict(verdict)
        if verdict.outcome is Outcome.ASK:
            return [SlotSet("pending_question", "finish_setup")]
        return []


class AnswerRoles(PartnerAction):
    """ONB-06 / WA-07: which roles are needed, and whether the user's own role is enough."""

    action_name = "action_answer_roles"

    def act(self, reply: Reply, tracker: Tracker, store: PartnerStore) -> Events:
        reply.verdict(onboarding.roles_needed(store.facts(tracker.sender_id)))
        return []


class RecordRole(PartnerAction):
    """Stores the user's role, then answers the question that needed it (ONB-05/06, WA-07)."""

    action_name = "action_record_role"

    def act(self, reply: Reply, tracker: Tracker, store: PartnerStore) -> Events:
        role = role_named(first_entity(tracker, "role"))
        if role is None:
            reply.say("utter_ask_user_role")
            return []
        facts = store.onboarding.record_user_role(tracker.sender_id, role)
        if tracker.get_slot("pending_question") == "finish_setup":
            reply.verdict(onboarding.finish_setup(facts))
        elif tracker.get_slot("pending_question") == "benefit_permissions":
            reply.verdict(benefits.benefit_permissions(role))
        else:
            reply.verdict(onboarding.roles_needed(facts))
        return [SlotSet("pending_question", None), SlotSet("user_role", role)]


class AnswerMpnAgreement(PartnerAction):
    """ONB-07: where the account details and the MPN agreement are."""

    action_name = "action_answer_mpn_agreement"

    def act(self, reply: Reply, tracker: Tracker, store: PartnerStore) -> Events:
        reply.verdict(onboarding.mpn_agreement_location())
        return []
