"""Greeting and starting over: the conversation around the topics."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.events import ActiveLoop, AllSlotsReset, SlotSet

from .base import Events, PartnerAction
from .replies import Reply
from .rules import onboarding
from .rules.onboarding import ENROLLMENT_STEP_COUNT
from .store import PartnerStore


class Greet(PartnerAction):
    """A returning partner is greeted with where they are (ONB-03), a new one with an offer."""

    action_name = "action_greet"

    def act(self, reply: Reply, tracker: Tracker, store: PartnerStore) -> Events:
        facts = store.facts(tracker.sender_id)
        done = onboarding.steps_done(facts)
        if done:
            reply.say("utter_greet_returning_step", steps_done=done, step_count=ENROLLMENT_STEP_COUNT)
        elif onboarding.has_onboarding_facts(facts):
            reply.say("utter_greet_returning_questions")
        else:
            reply.say("utter_greet_new")
        return []


class RestartCase(PartnerAction):
    """Start over: earlier facts stop counting (they stay in the case's history)."""

    action_name = "action_restart_case"

    def act(self, reply: Reply, tracker: Tracker, store: PartnerStore) -> Events:
        store.reset_progress(tracker.sender_id)
        reply.say("utter_restarted")
        return [ActiveLoop(None), AllSlotsReset(), SlotSet("language", tracker.get_slot("language"))]
