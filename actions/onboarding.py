"""Actions of the Partner Center account (ONB-01..07): readiness, the enrollment steps,
verification, roles and the MPN agreement.

The guided onboarding is the table in rules/onboarding.py: each reply says where the partner
stands and asks the one question that matters next; the answers come back through
``answer_onboarding``, and a partner already enrolling gets its next step at once.
"""

from __future__ import annotations

from typing import Optional

from . import reading
from .base import PartnerAction, RuleAnswer, Turn, answers_for
from .rules import mpa, onboarding
from .rules.onboarding import ENROLLMENT_STEP_COUNT
from .rules.verdict import Verdict
from .rules.work_account import check_work_email
from .store import RuleViolation

TOPIC = "onboarding"


def record_reported_progress(turn: Turn) -> Optional[int]:
    """ONB-03: the steps the message says are done ("welcome page done, signed in")."""
    reported = reading.reported_steps_done(turn.text)
    if reported and reported > onboarding.steps_done(turn.facts):
        turn.refresh(turn.store.onboarding.record_reported_progress(turn.sender, reported))
    return reported


def membership_blocks(turn: Turn) -> bool:
    """ONB-01: a company that says it is not an MPN member joins first, whatever it asked
    about the account (a known block wins); True when that was said."""
    if turn.stated.get("mpn_member") is False or (turn.facts.get("mpn_member") is False and "mpn_member" in turn.stated.facts):
        turn.say_verdict(TOPIC, onboarding.enrollment_readiness(turn.facts))
        return True
    return False


def record_primary_contact_given(turn: Turn) -> bool:
    """ONB-02 (d): a name with a company email, given while the primary contact is the
    missing or open item ("Dat wordt Sanne Bakker, sanne@..."), is the primary contact."""
    if turn.facts.get("prerequisite_primary_contact") is True or "prerequisite_primary_contact" in turn.stated.facts:
        return False
    if turn.pending is not None and turn.pending.fact in ("prerequisite_admin_email", "work_email"):
        return False  # the email asked for is the global admin's
    emails = reading.emails_in(turn.text)
    if not emails or reading.stated_role(turn.text) or "prerequisite_admin_email" in turn.stated.facts:
        return False
    if not reading.person_in(reading.statements(turn.text) or turn.text):
        return False
    turn.refresh(turn.store.onboarding.record_prerequisite(turn.sender, "primary_contact", True))
    return True


def record_current_step_done(turn: Turn) -> None:
    """ONB-03: "accepted it, anything else?" in the middle of the steps finishes the step the
    partner is at (a step named by its content counts as that step)."""
    done = onboarding.steps_done(turn.facts)
    if not 0 < done < ENROLLMENT_STEP_COUNT:
        return
    if record_reported_progress(turn):
        return
    if reading.reports_done(turn.text):
        turn.refresh(turn.store.onboarding.complete_enrollment_step(turn.sender, done + 1))


def say_where_we_are(turn: Turn) -> None:
    """ONB-01..05: readiness while nothing is enrolled yet, else the next step (the rule
    decides which)."""
    turn.say_verdict(TOPIC, onboarding.next_onboarding_step(turn.facts))


class StartOnboarding(PartnerAction):
    """Create the account, or continue where the partner was (ONB-01..05)."""

    action_name = "action_start_onboarding"
    topic = TOPIC
    intents = ("start_onboarding",)

    def act(self, turn: Turn) -> None:
        turn.topic(TOPIC)
        turn.set("user_kind", "partner")
        fresh = not onboarding.has_onboarding_facts(turn.facts)
        record_reported_progress(turn)
        if fresh and not onboarding.has_onboarding_facts(turn.facts):
            turn.reply.say("utter_onboarding_intro")
        say_where_we_are(turn)


class CompleteStep(PartnerAction):
    """ONB-03: the user finished a step; steps go in order. ONB-04 after 'Enroll now'."""

    action_name = "action_complete_step"
    topic = TOPIC
    intents = ("step_done",)

    def act(self, turn: Turn) -> None:
        turn.topic(TOPIC)
        done = onboarding.steps_done(turn.facts)
        reported = reading.reported_steps_done(turn.text)
        step = reported if reported and reported > done else done + 1
        if done >= ENROLLMENT_STEP_COUNT:
            say_where_we_are(turn)
            return
        try:
            if step > done + 1:
                turn.refresh(turn.store.onboarding.record_reported_progress(turn.sender, step))
            else:
                turn.refresh(turn.store.onboarding.complete_enrollment_step(turn.sender, step))
        except RuleViolation as refusal:
            if refusal.rule_id == "ONB-03":
                turn.reply.say("utter_step_out_of_order", **refusal.facts)
            say_where_we_are(turn)
            return
        if step == 3:
            turn.reply.say("utter_verification_email_sent")
        say_where_we_are(turn)


class AnswerRequirements(PartnerAction):
    """ONB-01 / ONB-02: what must be on hand; with facts known, exactly what is missing."""

    action_name = "action_answer_requirements"
    topic = TOPIC
    intents = ("ask_requirements",)

    def act(self, turn: Turn) -> None:
        turn.topic(TOPIC)
        turn.set("user_kind", "partner")
        record_primary_contact_given(turn)
        if not onboarding.has_onboarding_facts(turn.facts):
            turn.ask(TOPIC, onboarding.readiness_rule())
            return
        record_current_step_done(turn)
        say_where_we_are(turn)


class AnswerVerification(PartnerAction):
    """ONB-04: what 'pending verification' means for this partner now. An MPN program status
    of Pending is another matter: a failed account verification (MPA-06)."""

    action_name = "action_answer_verification"
    topic = TOPIC
    intents = ("ask_verification",)

    def act(self, turn: Turn) -> None:
        turn.topic(TOPIC)
        status = turn.stated.get("mpn_program_status")
        if status in mpa.FAILED_VERIFICATION:
            turn.answer(mpa.mpn_status_verdict(status))
            return
        record_reported_progress(turn)
        turn.answer(onboarding.verification_status(turn.facts))


class RecordContactVerified(PartnerAction):
    """ONB-04: the primary contact confirmed; refused before the application was submitted."""

    action_name = "action_record_contact_verified"
    topic = TOPIC
    intents = ("inform_contact_verified",)

    def act(self, turn: Turn) -> None:
        turn.topic(TOPIC)
        record_reported_progress(turn)
        try:
            turn.refresh(turn.store.onboarding.record_primary_contact_verified(turn.sender))
        except RuleViolation:
            turn.answer(onboarding.verification_status(turn.facts))
            return
        turn.reply.say("utter_contact_verified_recorded")
        say_where_we_are(turn)


class AnswerFinishSetup(PartnerAction):
    """ONB-05: finishing the set-up and adding users need admin agent permissions."""

    action_name = "action_answer_finish_setup"
    topic = TOPIC
    intents = ("ask_finish_setup",)

    def act(self, turn: Turn) -> None:
        turn.topic(TOPIC)
        facts = turn.facts
        if "admin_agent" in turn.stated.denied_roles and facts.get("user_role") != "global_admin":
            turn.answer(onboarding.finish_setup({**facts, "user_role": "other"}))
            return
        turn.say_verdict(TOPIC, onboarding.finish_setup(facts))


class AnswerRoles(PartnerAction):
    """ONB-06 / WA-07: which roles are needed, and whether the user's own role is enough."""

    action_name = "action_answer_roles"
    topic = TOPIC
    intents = ("ask_roles",)

    def act(self, turn: Turn) -> None:
        turn.topic(TOPIC)
        if membership_blocks(turn):
            return
        turn.answer(onboarding.roles_needed(turn.facts))


class AnswerMpnAgreement(RuleAnswer):
    """ONB-07: where the account details and the MPN agreement are."""

    action_name = "action_answer_mpn_agreement"
    topic = TOPIC
    intents = ("ask_mpn_agreement",)

    def verdict(self, turn: Turn) -> Verdict:
        return onboarding.mpn_agreement_location()


# ----- answers to the onboarding questions --------------------------------------------------


def _answer_admin_email(turn: Turn, insist: bool) -> bool:
    """ONB-02 (a) / WA-01 / WA-02: the global admin's work email, checked before it counts."""
    emails = reading.emails_in(turn.text)
    if not emails:
        if turn.message.intent in ("deny", "dont_know"):
            turn.refresh(turn.store.onboarding.record_prerequisite(turn.sender, "admin_email", False))
            return True
        return turn.facts.get("prerequisite_admin_email") is not None or insist
    verdict = check_work_email(emails[0], turn.facts.get("headquarters_domain"), given=emails[0])
    if not verdict.allowed:
        turn.ask(TOPIC, Verdict(verdict.outcome, verdict.code, verdict.rule_ids, verdict.params, ask="prerequisite_admin_email"))
        return True
    turn.store.work_account.record_work_email(turn.sender, verdict.params["email"])
    turn.refresh(turn.store.onboarding.record_prerequisite(turn.sender, "admin_email", True))
    return True


@answers_for(TOPIC)
def answer_onboarding(turn: Turn, fact: str, insist: bool) -> bool:
    """An answer to an onboarding question; then where the partner stands now."""
    intent = turn.message.intent
    stated_here = any(name == "mpn_member" or name.startswith("prerequisite_") for name in turn.stated.facts)
    if fact in ("check_offer", "start") and stated_here:
        turn.topic(TOPIC)
        record_primary_contact_given(turn)
        say_where_we_are(turn)
        return True
    if fact == "check_offer":
        if intent == "affirm":
            say_where_we_are(turn)
            return True
        if intent == "deny":
            turn.reply.say("utter_no_problem")
            turn.settle()
            return True
        return False
    if fact == "start":  # "shall we start with your account?"
        if intent == "affirm":
            turn.topic(TOPIC)
            say_where_we_are(turn)
            return True
        if intent == "deny":
            turn.reply.say("utter_no_problem")
            turn.settle()
            return True
        return False
    if fact == "admin_agent":  # ONB-05: "are you in the admin agent group?"
        if intent in ("affirm", "deny"):
            role = "admin_agent" if intent == "affirm" else "other"
            turn.refresh(turn.store.onboarding.record_user_role(turn.sender, role))
        elif "user_role" not in turn.stated.facts and not insist:
            return False
        turn.say_verdict(TOPIC, onboarding.finish_setup(turn.facts))
        return True
    answered = fact in turn.stated.facts
    if record_primary_contact_given(turn) and fact != "mpn_member":
        answered = True
    if fact == "mpn_member" and not answered:
        if intent in ("affirm", "deny"):
            turn.refresh(turn.store.onboarding.record_mpn_membership(turn.sender, intent == "affirm"))
            answered = True
        elif intent == "dont_know":
            turn.reply.say("utter_mpn_member_unknown")
            return True
    elif fact == "prerequisite_admin_email" and not answered:
        if not _answer_admin_email(turn, insist):
            return False
        answered = True
    elif fact.startswith("prerequisite_") and not answered:
        name = fact[len("prerequisite_") :]
        ready = None
        if intent == "affirm":
            ready = True
        elif intent in ("deny", "dont_know"):
            ready = False
        elif name == "primary_contact" and (reading.emails_in(turn.text) or reading.person_in(turn.text)):
            ready = True  # "Dat wordt Els Jansen, els@..."
        if ready is not None:
            turn.refresh(turn.store.onboarding.record_prerequisite(turn.sender, name, ready))
            answered = True
    onboarding_facts = [name for name in turn.stated.facts if name == "mpn_member" or name.startswith("prerequisite_")]
    if turn.facts.get("prerequisite_primary_contact") is True and not onboarding_facts and reading.emails_in(turn.text):
        onboarding_facts = ["prerequisite_primary_contact"]
    if not answered and not insist and not onboarding_facts:
        return False
    record_reported_progress(turn)
    say_where_we_are(turn)
    return True
