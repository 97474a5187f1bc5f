"""The conversation around the topics: greeting, starting over, stopping, answers given
outside a question ("we're an indirect reseller", "it's Active now"), "did you mean" when the
classifier is unsure, and questions outside what the documentation covers.

This is the one module that knows several topics: a statement is answered by the topic its
facts belong to; the topic modules do not import each other.
"""

from __future__ import annotations

import logging
import re
from typing import List, Mapping, Tuple

from rasa_sdk.events import AllSlotsReset, SlotSet

from . import benefits, mpa, onboarding, reading, relationships, support, work_account
from .base import ACTIONS_BY_INTENT, PartnerAction, Turn
from .responses import SUGGESTIONS
from .rules import onboarding as onboarding_rules
from .rules import support as support_rules
from .rules import work_account as work_account_rules
from .rules.onboarding import ENROLLMENT_STEP_COUNT
from .rules.verdict import Outcome, Verdict, item
from .scope import out_of_scope_parts
from .understanding import GENERAL_INTENTS

logger = logging.getLogger(__name__)

TOPIC = "general"
# "Did you mean": how many readings to offer, and how likely each must be.
MAX_SUGGESTIONS = 3
MIN_SUGGESTION_CONFIDENCE = 0.04
# An out-of-scope message that also asks an in-scope question ("what does Azure cost? and
# how do I activate the credit?") is answered for that question when it is this likely.
MIN_SECOND_READING = 0.08
# An unsure reading is taken without asking when it belongs to the topic being discussed.
MIN_READING_IN_CONTEXT = 0.1

_MPA_FACTS = ("mpn_program_status", "indirect_reseller_status", "csp_partner_type", "mpn_account")
_WORK_ACCOUNT_FACTS = ("has_cloud_subscription", "work_account")


class Greet(PartnerAction):
    """A returning partner is greeted with where they are (ONB-03), a new one with an offer."""

    action_name = "action_greet"
    intents = ("greet",)

    def act(self, turn: Turn) -> None:
        facts = turn.facts
        done = onboarding_rules.steps_done(facts)
        if done:
            turn.reply.say("utter_greet_returning_step", steps_done=done, step_count=ENROLLMENT_STEP_COUNT)
        elif onboarding_rules.has_onboarding_facts(facts):
            turn.reply.say("utter_greet_returning_questions")
        else:
            turn.reply.say("utter_greet_new")
        if turn.pending is None:
            # "Shall we start with your account?": a yes starts the onboarding.
            turn.set("pending_question", {"topic": onboarding.TOPIC, "fact": "start", "code": "greet_offer", "params": {}})


class RestartCase(PartnerAction):
    """Start over: earlier facts stop counting (they stay in the case's history)."""

    action_name = "action_restart_case"
    intents = ("start_over",)
    hears_answers = False

    def act(self, turn: Turn) -> None:
        turn.store.reset_progress(turn.sender)
        turn.reply.say("utter_restarted")
        turn.events.extend([AllSlotsReset(), SlotSet("language", turn.tracker.get_slot("language"))])


class Stop(PartnerAction):
    """Stop the questions for now; everything answered stays stored."""

    action_name = "action_stop"
    intents = ("stop",)
    hears_answers = False

    def act(self, turn: Turn) -> None:
        turn.reply.say("utter_onboarding_paused" if turn.pending else "utter_no_problem")
        turn.settle()


class AnswerStatement(PartnerAction):
    """Yes, no, "I don't know" or a statement of facts, outside any open question: the facts
    are recorded (base.py) and the topic they belong to says what they mean now."""

    action_name = "action_answer"
    intents = ("affirm", "deny", "dont_know", "inform")

    def act(self, turn: Turn) -> None:
        if turn.message.intent in ("affirm", "deny", "dont_know") and not turn.stated.facts:
            turn.reply.say("utter_nothing_asked")
            return
        if not follow_up_statement(turn):
            turn.reply.say("utter_noted_what_next")


def follow_up_statement(turn: Turn) -> bool:
    """Answers what a statement's facts mean; True when some topic did."""
    stated = turn.stated.facts
    text = turn.text
    if any(name in stated for name in _MPA_FACTS) or (
        turn.last_topic == mpa.TOPIC and (mpa.Places(turn) or mpa.reports_signature(text))
    ) or (mpa.reports_signature(text) and re.search(r"\bmpa\b|partner agreement", text, re.I)):
        turn.topic(mpa.TOPIC)
        places = mpa.take_mpa_facts(turn)
        if places and mpa.reports_signature(text):
            turn.answer(
                Verdict(Outcome.DONE, "mpa_signature_recorded", ("MPA-04",), items=mpa.mpa.region_items(places.lookup.regions))
            )
            return True
        mpa.say_mpa_check(turn, places)
        return True
    if any(name in stated for name in _WORK_ACCOUNT_FACTS):
        turn.topic(work_account.TOPIC)
        turn.say_verdict(work_account.TOPIC, work_account_rules.work_account_status(turn.facts))
        return True
    if any(name == "mpn_member" or name.startswith("prerequisite_") for name in stated):
        turn.topic(onboarding.TOPIC)
        onboarding.say_where_we_are(turn)
        return True
    if relationships.follow_up_customer_facts(turn):
        return True
    if reading.date_phrase_in(text) and reading.benefit_in(text) == "visual_studio":
        benefits.RecordVisualStudioAssignment().act(turn)
        return True
    role = stated.get("user_role")
    if role:
        turn.reply.say("utter_role_noted", items=turn.reply.items([item("role", role)]))
        if turn.stated.global_admin_name:
            turn.set("global_admin_name", turn.stated.global_admin_name)
        return True
    level = stated.get("membership_level")
    if level:
        turn.reply.say("utter_level_noted", items=turn.reply.items([item("level", level)]))
        return True
    if "software_benefits_activated" in stated:
        turn.reply.say("utter_activation_noted")
        return True
    return False


def suggestions(ranking: Tuple[Tuple[str, float], ...]) -> List[str]:
    """The likeliest in-scope readings of a message, best first."""
    return [
        intent
        for intent, confidence in ranking
        if intent not in GENERAL_INTENTS and intent in SUGGESTIONS and confidence >= MIN_SUGGESTION_CONFIDENCE
    ][:MAX_SUGGESTIONS]


def _suggestion_buttons(turn: Turn, intents: List[str]) -> List[Mapping[str, str]]:
    buttons = [{"title": turn.reply.render(SUGGESTIONS[intent]), "payload": f"/{intent}"} for intent in intents]
    buttons.append({"title": turn.reply.render("utter_suggest_none_of_these"), "payload": "/request_human"})
    return buttons


class DidYouMean(PartnerAction):
    """Not sure what was meant: the two or three likeliest readings as buttons (a click
    answers that question), and "none of these" for a person. A statement of facts is
    answered as one. The second time in a row, a person takes over."""

    action_name = "action_did_you_mean"
    intents = ("nlu_fallback",)

    def act(self, turn: Turn) -> None:
        if not turn.message.asks and follow_up_statement(turn):
            return
        intents = support.user_intents(turn.tracker)
        if intents[-2:] == ["nlu_fallback", "nlu_fallback"]:
            turn.reply.say("utter_fallback_handoff")
            support.hand_off_conversation(turn, support_rules.REPEATED_FALLBACK)
            turn.settle()
            return
        readings = suggestions(turn.message.ranking)
        in_context = [intent for intent in readings[:2] if ACTIONS_BY_INTENT[intent].topic in (turn.last_topic, turn.pending and turn.pending.topic)]
        if in_context and dict(turn.message.ranking).get(in_context[0], 0) >= MIN_READING_IN_CONTEXT:
            # "What's missing then?" while going through the checklist: the reading of the
            # topic being discussed is the one meant.
            logger.info("sender=%s unsure, answering %s in the topic's context", turn.sender, in_context[0])
            ACTIONS_BY_INTENT[in_context[0]].act(turn)
            return
        logger.info("sender=%s did you mean: %s", turn.sender, ", ".join(readings) or "-")
        turn.reply.buttons("utter_did_you_mean" if readings else "utter_did_you_mean_nothing", _suggestion_buttons(turn, readings))
        turn.set("pending_question", {"topic": support.TOPIC, "fact": "handoff_offer", "code": "did_you_mean", "params": {}})


class OutOfScope(PartnerAction):
    """A question the documentation does not answer: said honestly, with the offer of a
    person; an in-scope question in the same message is answered too."""

    action_name = "action_out_of_scope"
    intents = ("out_of_scope",)

    def act(self, turn: Turn) -> None:
        parts = out_of_scope_parts(turn.text)
        second = next(
            (
                (intent, confidence)
                for intent, confidence in turn.message.ranking
                if intent not in GENERAL_INTENTS and intent in ACTIONS_BY_INTENT
            ),
            None,
        )
        if parts and second is not None and second[1] >= MIN_SECOND_READING:
            logger.info("sender=%s out of scope, also answering %s", turn.sender, second[0])
            ACTIONS_BY_INTENT[second[0]].act(turn)
        for response in parts or ["utter_out_of_scope"]:
            turn.reply.say(response)
        turn.reply.say("utter_offer_support_request")
        turn.set("pending_question", {"topic": support.TOPIC, "fact": "handoff_offer", "code": "offer_support_request", "params": {}})
