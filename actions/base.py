"""The shape every custom action shares: read the message, call the store and the rules, reply.

Each user message is answered by one action (data/rules/ maps each intent to it). Before the
action acts, the facts the message states are recorded (understanding.py), so the answer of
the same turn is computed from them. When the assistant had asked a question, a message that
answers it goes to the topic that asked (an answer handler registered with
``answers_for``), whatever the intent; a message that asks something else is answered, and
the open question is asked again afterwards.

A database that is down never makes the assistant silent or crash: the user is told,
politely and in their language, that nothing was saved yet.
"""

from __future__ import annotations

import logging
import re
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Mapping, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from . import reading
from .handoff import hand_off
from .replies import Reply
from .responses import question_response
from .rules.support import support_only_handoff
from .rules.verdict import Verdict
from .scope import out_of_scope_parts
from .store import PartnerStore, StoreUnavailable, store_from_env
from .store.facts import Facts
from .understanding import MPA_INTENTS, Message, Stated, record_stated_facts, stated_case_facts

logger = logging.getLogger(__name__)

Events = List[Dict[Text, Any]]
# Answers that can only be meant for the open question: its topic must read them (and ask
# again when it cannot).
INSISTING_INTENTS = frozenset({"affirm", "deny", "dont_know"})
# How likely the second reading of a two-question message must be to be answered too.
SECOND_QUESTION_CONFIDENCE = 0.08
_SECOND_QUESTION = re.compile(r"\?.*\S.*\?|\?\s*(?:and|en|also|ook|plus)\b", re.IGNORECASE | re.DOTALL)


def _two_questions(text: str) -> bool:
    return bool(_SECOND_QUESTION.search(text or ""))


def partner_store() -> PartnerStore:
    return store_from_env()


@dataclass(frozen=True)
class Pending:
    """The question the assistant asked last and is waiting for: its topic, the fact it
    asks for, and the verdict code that asked it (to ask it again)."""

    topic: str
    fact: str
    code: str
    params: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def from_slot(cls, value: Any) -> Optional["Pending"]:
        if not isinstance(value, Mapping) or not value.get("topic") or not value.get("fact"):
            return None
        return cls(str(value["topic"]), str(value["fact"]), str(value.get("code") or ""), dict(value.get("params") or {}))

    def as_slot(self) -> Dict[str, Any]:
        return {"topic": self.topic, "fact": self.fact, "code": self.code, "params": dict(self.params)}


class Turn:
    """One user message being answered: the message, the case's facts, the reply, the slots
    to set."""

    def __init__(self, tracker: Tracker, reply: Reply, store: PartnerStore):
        self.tracker = tracker
        self.reply = reply
        self.store = store
        self.sender = tracker.sender_id
        self.message = Message.latest(tracker)
        self.pending = Pending.from_slot(tracker.get_slot("pending_question"))
        self.last_topic: Optional[str] = tracker.get_slot("last_topic")
        self.events: Events = []
        self.asked: Optional[Pending] = None  # the question this turn asked
        self.pending_settled = False
        self.stated = Stated()
        self._facts: Optional[Facts] = None

    # ----- facts ---------------------------------------------------------------------------

    @property
    def facts(self) -> Facts:
        if self._facts is None:
            self._facts = self.store.facts(self.sender)
        return self._facts

    def refresh(self, facts: Optional[Facts] = None) -> Facts:
        """After a write: the case's facts as they are now."""
        self._facts = facts
        return self.facts

    def record_stated_facts(self) -> None:
        awaited = self.pending.fact if self.pending else None
        about_mpa = self.last_topic == "mpa" or (self.pending is not None and self.pending.topic == "mpa")
        self.stated = stated_case_facts(self.message, awaited, about_mpa or self.message.intent in MPA_INTENTS)
        self._facts = record_stated_facts(self.store, self.sender, self.stated, self.facts)

    @property
    def text(self) -> str:
        return self.message.text

    @property
    def today(self):
        return self.store.today()

    # ----- slots -------------------------------------------------------------------------

    def slot(self, name: str) -> Any:
        for event in reversed(self.events):
            if event.get("event") == "slot" and event.get("name") == name:
                return event.get("value")
        return self.tracker.get_slot(name)

    def set(self, name: str, value: Any) -> None:
        self.events.append(SlotSet(name, value))

    def topic(self, topic: str) -> None:
        """The topic this turn is about: a later "it", a bare status or a "walk me through it"
        is read in it."""
        if self.slot("last_topic") != topic:
            self.set("last_topic", topic)

    # ----- replies -----------------------------------------------------------------------

    def answer(self, verdict: Verdict, **values: Any) -> None:
        self.reply.verdict(verdict, **values)

    def ask(self, topic: str, verdict: Verdict, **values: Any) -> None:
        """Says an ASK verdict (the rule, then the one question) and waits for its answer."""
        self.reply.verdict(verdict, **values)
        params = {name: value for name, value in {**verdict.params, **values}.items() if isinstance(value, (str, int))}
        self.asked = Pending(topic, verdict.ask or verdict.code, verdict.code, params)
        self.set("pending_question", self.asked.as_slot())

    def say_verdict(self, topic: str, verdict: Verdict, **values: Any) -> None:
        """Says the verdict; a verdict that ends in a question (an ASK, or a block that asks
        what decides the next step) waits for its answer, any other settles the topic's open
        question."""
        if verdict.ask and question_response(verdict.code, verdict.ask):
            self.ask(topic, verdict, **values)
            return
        self.answer(verdict, **values)
        if self.pending is not None and self.pending.topic == topic:
            self.settle()

    def settle(self) -> None:
        """The open question needs no answer any more."""
        self.pending_settled = True
        if self.asked is None:
            self.set("pending_question", None)


# ----- answers to the questions a topic asked ----------------------------------------------

# Facts whose answer has a form no other question has: a message carrying it answers the open
# question even when it is phrased as a question ("can I use partners@contoso.com as the
# marketing contact's email?").
_EMAIL_FACTS = frozenset({"marketing_contact_email", "prerequisite_admin_email"})
_DATE_FACTS = frozenset({"vs_assigned_on", "benefits_purchased_on", "offer_expires_on"})


def answers_plainly(turn: "Turn") -> bool:
    """Whether the message plainly answers the open question, whatever else it asks: an
    email or a date where one was asked for, or a name with an email while the onboarding
    checklist still lacks its primary contact ("That'll be Anna, anna@... Are we complete?")."""
    fact, text = turn.pending.fact, turn.text
    if (
        turn.pending.topic == "onboarding"
        and turn.facts.get("prerequisite_primary_contact") is not True
        and reading.emails_in(text)
        and reading.person_in(text)
        and not reading.stated_role(text)
    ):
        return True
    if fact in _EMAIL_FACTS:
        return bool(reading.emails_in(text))
    if fact in _DATE_FACTS:
        return reading.date_phrase_in(text) is not None
    return False


# handler(turn, fact, insist) -> True when it took the message as the answer. With
# ``insist`` (the message is a yes, a no, "I don't know" or a bare fact) it must: it asks
# again when the answer cannot be read.
AnswerHandler = Callable[[Turn, str, bool], bool]
ANSWER_HANDLERS: Dict[str, AnswerHandler] = {}


def answers_for(topic: str) -> Callable[[AnswerHandler], AnswerHandler]:
    """Registers the function that reads the answers to ``topic``'s questions."""

    def register(handler: AnswerHandler) -> AnswerHandler:
        ANSWER_HANDLERS[topic] = handler
        return handler

    return register


# The action that answers each intent, for answering a message by another intent (an
# out-of-scope message that also asks an in-scope question).
ACTIONS_BY_INTENT: Dict[str, "PartnerAction"] = {}


class PartnerAction(Action, ABC):
    """Subclasses set ``action_name`` (and ``topic``, ``intents``) and implement :meth:`act`."""

    action_name: str = ""
    topic: str = "general"
    intents: tuple = ()  # the intents this action answers (as data/rules/ maps them)
    hears_answers = True  # whether a message answering an open question goes to its topic
    user_kind: Optional[str] = None  # "customer" or "partner": what asking this says about the user

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if cls.action_name:
            for intent in cls.intents:
                ACTIONS_BY_INTENT[intent] = cls()

    def name(self) -> Text:
        return self.action_name

    @abstractmethod
    def act(self, turn: Turn) -> None:
        """Reply to the user; slots to set go to ``turn.events``."""

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> Events:
        reply = Reply(dispatcher, tracker, domain)
        try:
            turn = Turn(tracker, reply, partner_store())
            turn.record_stated_facts()
            if not (self.hears_answers and self.take_as_answer(turn)):
                self.act(turn)
                self.answer_second_question(turn)
                self.ask_again(turn)
            self.say_out_of_scope_parts(turn)
            if self.user_kind and turn.slot("user_kind") != self.user_kind:
                turn.set("user_kind", self.user_kind)
            # A verdict only Microsoft support can act on (a failed verification, a refund to
            # request) goes to the triage desk at once.
            handoff = next(filter(None, map(support_only_handoff, reply.verdicts)), None)
            if handoff is not None:
                hand_off(reply, tracker, turn.store, handoff)
            return turn.events
        except StoreUnavailable:
            logger.exception("state store unavailable in %s for sender %s", self.name(), tracker.sender_id)
            reply.say("utter_store_unavailable")
            return []

    @staticmethod
    def take_as_answer(turn: Turn) -> bool:
        """Gives the message to the topic whose question is open, if it answers it."""
        if turn.pending is None:
            return False
        handler = ANSWER_HANDLERS.get(turn.pending.topic)
        if handler is None:
            return False
        intent = turn.message.intent
        asked_elsewhere = ACTIONS_BY_INTENT.get(intent)
        if (
            turn.message.asks
            and asked_elsewhere is not None
            and asked_elsewhere.topic not in (turn.pending.topic, "general")
            and not answers_plainly(turn)
        ):
            return False  # a question of another topic: answered, and the open one asked again
        insist = intent in INSISTING_INTENTS
        if handler(turn, turn.pending.fact, insist):
            if turn.asked is None and not turn.pending_settled:
                turn.set("pending_question", None)
            return True
        return False

    def ask_again(self, turn: Turn) -> None:
        """After answering another question, the open question of another topic is asked again."""
        pending = turn.pending
        if pending is None or turn.asked is not None or turn.pending_settled or pending.topic == self.topic:
            return
        if pending.fact in turn.stated.facts or turn.facts.get(pending.fact) not in (None, False):
            return  # answered in passing
        response = question_response(pending.code, pending.fact)
        if response is None:
            return
        turn.reply.say("utter_back_to_question")
        turn.reply.say(response, **pending.params)

    def answer_second_question(self, turn: Turn) -> None:
        """A message that asks two things ("Which role do I need? And can I add colleagues
        myself?") gets both answers: the second is the next likeliest reading, when it is a
        question of another action and likely enough. When the first answer ends in a question,
        the second answer comes before it, and only if it asks nothing itself (one question per
        reply)."""
        if not _two_questions(turn.text) or len(turn.message.ranking) < 2:
            return
        intent, confidence = turn.message.ranking[1]
        other = ACTIONS_BY_INTENT.get(intent)
        if other is None or other.topic == "general" or confidence < SECOND_QUESTION_CONFIDENCE:
            return
        if other.action_name == self.action_name:
            return
        logger.info("sender=%s also answering %s (%.2f)", turn.sender, intent, confidence)
        asked = turn.asked
        if asked is None:
            other.act(turn)
            return
        messages = turn.reply.dispatcher.messages
        question = messages.pop()  # the first answer's question, said last
        said, events, verdicts = len(messages), len(turn.events), len(turn.reply.verdicts)
        other.act(turn)
        if turn.asked is not asked:  # the second answer asks too: keep only the first's question
            del messages[said:]
            del turn.events[events:]
            del turn.reply.verdicts[verdicts:]
            turn.asked = asked
        messages.append(question)

    @staticmethod
    def say_out_of_scope_parts(turn: Turn) -> None:
        """An honest word on the parts of the message no documented rule answers (prices,
        legal terms, billing, competency requirements)."""
        if turn.message.intent == "out_of_scope":
            return
        for response in out_of_scope_parts(turn.text):
            turn.reply.say(response)


class RuleAnswer(PartnerAction):
    """An action that gives one verdict that depends on no facts of the case."""

    @abstractmethod
    def verdict(self, turn: Turn) -> Verdict:
        """The verdict to give."""

    def act(self, turn: Turn) -> None:
        turn.topic(self.topic)
        turn.say_verdict(self.topic, self.verdict(turn))
