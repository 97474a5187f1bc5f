"""Support: handing a case to a person, and the triage desk staff use in chat.

Partners reach a person by asking for one, by accepting the offer of one (a question out of
scope, "none of these" suggestions, not being understood twice in a row), or by a key that
does not work. Staff (``actions/staff.py`` says who) type ``#`` commands, read by
``components/staff_commands.py``; everyone else is told the commands are for staff.
"""

from __future__ import annotations

import asyncio
import logging
import os
import uuid
from typing import Any, Dict, List, Mapping, Optional, Text

import aiohttp
from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from . import reading
from .base import Events, PartnerAction, Turn, answers_for, partner_store
from .handoff import PREVIEW_METADATA_KEY, PREVIEW_SENDER_PREFIX, hand_off, preview_mark, transcript_text
from .replies import Reply
from .rules import benefits, support
from .rules.roles import ACTIVATING_ROLES
from .staff import StaffDirectory
from .store import (
    PartnerStore,
    StoreUnavailable,
    SupportRequestClaimedByOther,
    SupportRequestNotFound,
    SupportRequestResolved,
    SupportRequestView,
    UnknownFact,
)

logger = logging.getLogger(__name__)

TOPIC = "support"

RASA_URL_VARIABLE = "RASA_SERVER_URL"
REST_TOKEN_VARIABLE = "REST_API_TOKEN"
_PREVIEW_TIMEOUT_SECONDS = 20


def user_intents(tracker: Tracker) -> List[str]:
    return [
        (event.get("parse_data") or {}).get("intent", {}).get("name") or ""
        for event in tracker.events
        if event.get("event") == "user"
    ]


def _conversation_handoff(intents: List[str], trigger: str) -> support.Handoff:
    topic = next((intent for intent in reversed(intents) if intent in support.INTENT_CATEGORIES), None)
    return support.conversation_handoff(trigger, intents, support.rules_for_intent(topic))


class HandOffToPerson(PartnerAction):
    """"I want to talk to a person": a support request with what the assistant knows."""

    action_name = "action_hand_off_to_person"
    topic = TOPIC
    intents = ("request_human",)
    hears_answers = False

    def act(self, turn: Turn) -> None:
        hand_off_conversation(turn, support.ASKED_FOR_PERSON)
        turn.settle()


def hand_off_conversation(turn: Turn, trigger: str) -> None:
    hand_off(turn.reply, turn.tracker, turn.store, _conversation_handoff(user_intents(turn.tracker), trigger))


class ReportKeyProblem(PartnerAction):
    """BEN-04/BEN-05: a product key that does not work is for Microsoft support. Keys that
    cannot be seen or fetched at all are a missing role (BEN-03), not a broken key."""

    action_name = "action_report_key_problem"
    topic = TOPIC
    intents = ("report_key_problem",)
    user_kind = "partner"

    def act(self, turn: Turn) -> None:
        role = turn.facts.get("user_role")
        if role is not None and role not in ACTIVATING_ROLES:
            turn.answer(benefits.permission_verdict("activate", role))
            return
        turn.reply.say("utter_key_problem")
        hand_off(turn.reply, turn.tracker, turn.store, support.key_problem_handoff(reading.benefit_in(turn.text)))


@answers_for(TOPIC)
def answer_support(turn: Turn, fact: str, insist: bool) -> bool:
    """"Shall I open a support request?" answered."""
    if fact != "handoff_offer":
        return False
    intent = turn.message.intent
    if intent in ("affirm", "request_human"):
        hand_off_conversation(turn, support.ASKED_FOR_PERSON)
        turn.settle()
        return True
    if intent == "deny":
        turn.reply.say("utter_no_problem")
        turn.settle()
        return True
    return False


class StaffCommand(Action):
    """``#list``, ``#show``, ``#claim``, ``#note``, ``#resolve``, ``#classify`` for staff only."""

    def name(self) -> Text:
        return "action_staff_command"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> Events:
        reply = Reply(dispatcher, tracker, domain)
        latest = tracker.latest_message or {}
        staff = StaffDirectory.from_env().staff_member(
            tracker.get_latest_input_channel(), tracker.sender_id, latest.get("metadata")
        )
        if staff is None:
            logger.warning(
                "refused a staff command from sender %s on %s", tracker.sender_id, tracker.get_latest_input_channel()
            )
            reply.say("utter_staff_only")
            return []
        command: Mapping[str, Any] = latest.get("staff_command") or {}
        logger.info("staff=%s command=%s", staff, command.get("command"))
        try:
            if command.get("command") == "classify":
                await self._classify(reply, command)
            else:
                self._desk(reply, partner_store(), staff, command)
        except StoreUnavailable:
            logger.exception("state store unavailable for staff command %s", command.get("command"))
            reply.say("utter_store_unavailable")
        return []

    # ----- the desk ----------------------------------------------------------------------

    def _desk(self, reply: Reply, store: PartnerStore, staff: str, command: Mapping[str, Any]) -> None:
        name = command.get("command")
        if name == "list":
            if command.get("unknown_category"):
                reply.say("utter_staff_unknown_category", category=command["unknown_category"])
                return
            self._list(reply, store, command.get("category"))
            return
        if name not in ("show", "claim", "note", "resolve"):
            reply.say("utter_staff_help")
            return
        reference = command.get("reference")
        if not reference:
            reply.say("utter_staff_needs_reference", command=name)
            return
        text = (command.get("text") or "").strip()
        try:
            if name == "show":
                self._show(reply, store.support.request(reference))
            elif name == "claim":
                request = store.support.claim(reference, staff)
                reply.say("utter_staff_claimed", reference=request.reference)
            elif name == "note":
                if not text:
                    reply.say("utter_staff_note_needs_text", reference=reference)
                    return
                request = store.support.add_note(reference, staff, text)
                reply.say("utter_staff_note_added", reference=request.reference)
            else:
                request = store.support.resolve(reference, staff, text or None)
                reply.say("utter_staff_resolved", reference=request.reference)
        except SupportRequestNotFound:
            reply.say("utter_staff_request_not_found", reference=reference)
        except SupportRequestResolved as refused:
            reply.say(
                "utter_staff_request_already_resolved",
                reference=refused.reference,
                resolved_by=refused.facts.get("resolved_by") or "?",
            )
        except SupportRequestClaimedByOther as refused:
            reply.say("utter_staff_request_claimed_by_other", reference=refused.reference, staff=refused.facts["claimed_by"])
        except UnknownFact:
            reply.say("utter_staff_help")

    def _list(self, reply: Reply, store: PartnerStore, category: Optional[str]) -> None:
        requests = store.support.unresolved_requests(category)
        if not requests:
            reply.say("utter_staff_no_open_requests", category=category or "-")
            return
        lines = "\n".join(_summary_line(request) for request in requests[:25])
        buttons = [
            {"title": request.reference, "payload": f"#show {request.reference}"} for request in requests[:5]
        ]
        reply.dispatcher.utter_message(
            response="utter_staff_open_requests",
            count=len(requests),
            category=category or "-",
            requests=lines,
            buttons=buttons,
        )

    def _show(self, reply: Reply, request: SupportRequestView) -> None:
        conversation = transcript_text(list(request.transcript)) or "-"
        notes = "\n".join(f"- {note.author}: {note.text}" for note in request.notes) or "-"
        reply.dispatcher.utter_message(
            response="utter_staff_resolved_request_detail" if request.status == "resolved" else "utter_staff_request_detail",
            reference=request.reference,
            status=request.status,
            claimed_by=request.claimed_by or "-",
            category=request.category,
            priority=request.priority,
            priority_reason=request.priority_reason,
            trigger=request.trigger,
            language=request.language,
            rule_ids=", ".join(request.rule_ids) or "-",
            facts=request.facts_summary,
            transcript=conversation,
            notes=notes,
        )

    # ----- classifying a pasted question --------------------------------------------------

    async def _classify(self, reply: Reply, command: Mapping[str, Any]) -> None:
        question = (command.get("text") or "").strip()
        classified = command.get("classified")
        if not question or not classified:
            reply.say("utter_staff_classify_needs_text")
            return
        intent = classified.get("intent") or "-"
        entities = ", ".join(f"{item['entity']}={item['value']}" for item in classified.get("entities") or []) or "-"
        answer = await preview_answer(question)
        reply.say(
            "utter_staff_classification",
            intent=intent,
            confidence=f"{float(classified.get('confidence') or 0):.2f}",
            entities=entities,
            rule_ids=", ".join(support.rules_for_intent(intent)) or "-",
            answer=answer if answer is not None else "-",
        )
        if answer is None:
            reply.say("utter_staff_preview_unavailable")


def _summary_line(request: SupportRequestView) -> str:
    claimed = f", {request.claimed_by}" if request.claimed_by else ""
    return (
        f"{request.reference} [{request.priority}] {request.category}: {request.priority_reason} "
        f"({request.status}{claimed}, {request.created_at:%Y-%m-%d %H:%M})"
    )


async def preview_answer(question: str) -> Optional[str]:
    """The assistant's answer to ``question`` from a new partner, asked over the Rasa
    server's REST webhook in a throwaway conversation that opens no support request."""
    base = os.environ.get(RASA_URL_VARIABLE, "http://localhost:5005").rstrip("/")
    preview_id = uuid.uuid4().hex
    body = {
        "sender": f"{PREVIEW_SENDER_PREFIX}{preview_id}",
        "message": question,
        "metadata": {PREVIEW_METADATA_KEY: preview_mark(preview_id)},
    }
    token = os.environ.get(REST_TOKEN_VARIABLE)
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    try:
        # Asynchronous on purpose: the Rasa server calls this action server back while
        # answering, which a blocking call here would stall.
        timeout = aiohttp.ClientTimeout(total=_PREVIEW_TIMEOUT_SECONDS)
        async with aiohttp.ClientSession(timeout=timeout) as session:
            async with session.post(f"{base}/webhooks/rest/webhook", json=body, headers=headers) as response:
                response.raise_for_status()
                messages = await response.json()
    except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as error:
        logger.warning("could not preview the answer over %s: %s", base, error)
        return None
    texts = [message.get("text") for message in messages if isinstance(message, dict) and message.get("text")]
    return "\n".join(texts) if texts else ""
