"""Actions of the membership benefits (BEN-01..13).

Every question is answered at once from its topic's table (rules/benefits.py) with what the
case and the message say: steps with who may take them, a refund computed from the purchase
date, a reassignment date from the assignment. A fact that decides and is not known (the
purchase date, the marketing contact, a membership level) is asked for, and the answer comes
back through ``answer_benefits``. Answers that are not facts of the case (a cloud
subscription kind, the marketing contact being given) are kept for the topic in the
``benefit_answers`` slot.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any, Dict, List, Optional

from . import reading
from .base import PartnerAction, Turn, answers_for
from .rules import benefits
from .rules.verdict import Outcome, Verdict, item
from .store import RuleViolation, UnknownFact
from .store.benefits import Assignment

TOPIC = "benefits"
WALKTHROUGH = "walkthrough"  # the open offer to give a benefit's steps


def answers(turn: Turn) -> Dict[str, Any]:
    return dict(turn.slot("benefit_answers") or {})


def keep_answers(turn: Turn, values: Dict[str, Any]) -> Dict[str, Any]:
    kept = {**answers(turn), **{name: value for name, value in values.items() if value is not None}}
    turn.set("benefit_answers", kept)
    return kept


def benefit_kind(turn: Turn) -> Optional[str]:
    """The benefit the message is about; a follow-up ("walk me through it") keeps the last one."""
    kind = "go_to_market" if reading.offer_in(turn.text) else reading.benefit_in(turn.text) or turn.message.entity("benefit")
    if kind in benefits.BENEFIT_KINDS:
        turn.set("benefit", kind)
        return kind
    return turn.slot("benefit") if turn.last_topic == TOPIC else None


def say_topic(turn: Turn, topic: str, extra: Optional[Dict[str, Any]] = None) -> Verdict:
    """The topic's verdict with what is known; an ASK verdict waits for its answer."""
    known_answers = {**answers(turn), **(extra or {})}
    verdict = benefits.benefit_verdict(topic, turn.facts, known_answers, turn.today)
    turn.set("benefit_topic", topic)
    turn.say_verdict(TOPIC, verdict)
    return verdict


class AnswerBenefit(PartnerAction):
    """BEN-01, BEN-03..06, BEN-08, BEN-11: how to get or activate a benefit."""

    action_name = "action_answer_benefit"
    topic = TOPIC
    intents = ("ask_benefit",)
    user_kind = "partner"

    def act(self, turn: Turn) -> None:
        turn.topic(TOPIC)
        kind = benefit_kind(turn) or "overview"
        extra: Dict[str, Any] = {}
        if kind == "cloud":
            extra["cloud_subscription_kind"] = reading.cloud_subscription_kind_in(turn.text)
        if kind == "visual_studio" and reading.says_not_in_list(turn.text):
            extra["subscriber_in_list"] = False
        if kind == "go_to_market":
            extra.update(gtm_offer=reading.offer_in(turn.text), marketing_contact_assigned=bool(turn.facts.get("marketing_contact_email")))
            keep_answers(turn, {"gtm_offer": extra["gtm_offer"]})
        say_topic(turn, kind, extra)


class AnswerBenefitPermissions(PartnerAction):
    """BEN-02 / BEN-03 / BEN-11: may I buy, assign, activate ...? For the user's own role."""

    action_name = "action_answer_benefit_permissions"
    topic = TOPIC
    intents = ("ask_benefit_permissions",)
    user_kind = "partner"

    def act(self, turn: Turn) -> None:
        turn.topic(TOPIC)
        kind = reading.permission_kind_in(turn.text)
        benefit = benefit_kind(turn)
        if kind == "activate" and benefit in ("technical", "go_to_market"):
            kind = benefit
        if kind == "assign" and benefit == "go_to_market":
            kind = "go_to_market"
        verdict = benefits.permission_verdict(kind, turn.facts.get("user_role"))
        turn.answer(verdict)
        if verdict.allowed and kind == "go_to_market" and not turn.facts.get("marketing_contact_email"):
            # "I may, so what do I do first?": the marketing contact (BEN-11).
            AnswerBenefit().act(turn)
            return
        if verdict.allowed and kind == "activate" and benefit in ("software", "cloud"):
            turn.ask(TOPIC, Verdict(Outcome.ASK, "offer_walkthrough", ("BEN-04", "BEN-05"), {"benefit": benefit}, ask=WALKTHROUGH))


class AnswerRefund(PartnerAction):
    """BEN-13: a refund within 30 days of purchase and without activated software benefits."""

    action_name = "action_answer_refund"
    topic = TOPIC
    intents = ("ask_refund",)
    user_kind = "partner"

    def act(self, turn: Turn) -> None:
        turn.topic(TOPIC)
        if not record_purchase_date(turn):
            return
        say_refund(turn)


def record_purchase_date(turn: Turn) -> bool:
    """BEN-13: the purchase date the message gives; False (and says why) when it cannot be
    a purchase date."""
    phrase = reading.date_phrase_in(turn.text)
    if not phrase:
        return True
    reading_ = reading.read_past_date(phrase, turn.today)
    if not reading_.ok:
        turn.reply.say(f"utter_date_{reading_.problem}")
        return False
    turn.refresh(turn.store.benefits.record_benefit_purchase(turn.sender, reading_.date))
    return True


def say_refund(turn: Turn) -> None:
    verdict = say_topic(turn, "refund")
    if verdict.allowed and not turn.facts.get("refund_requested_on"):
        turn.refresh(turn.store.benefits.request_refund(turn.sender))


class AnswerSupportOptions(PartnerAction):
    """BEN-10 (and BEN-09): which technical support the membership level can use."""

    action_name = "action_answer_support_options"
    topic = TOPIC
    intents = ("ask_support_options",)
    user_kind = "partner"

    def act(self, turn: Turn) -> None:
        turn.topic(TOPIC)
        if reading.asks_for_technical_ids(turn.text):
            # "... where do I find the IDs they ask for?" is about the Access and Contract ID.
            AnswerAccessId().act(turn)
            return
        values = keep_answers(
            turn, {"support_kind": reading.support_kind_in(turn.text), "product_kind": reading.product_kind_in(turn.text)}
        )
        # A new question about support is about the product it names now.
        if reading.product_kind_in(turn.text) or reading.support_kind_in(turn.text):
            values = keep_answers(
                turn, {"support_kind": reading.support_kind_in(turn.text) or "", "product_kind": reading.product_kind_in(turn.text) or ""}
            )
        say_topic(turn, "support", {name: values.get(name) or None for name in ("support_kind", "product_kind")})


# ----- Visual Studio subscriptions (BEN-06 / BEN-07) ------------------------------------------

_ASSIGNED = re.compile(r"\b(?:assigned|toegewezen|toegekend|gave|given|gegeven|kreeg|gekregen|got|received)\b", re.I)
# A clause about moving the subscription starts after a comma: "..., mag ik het nu aan Fleur geven?"
_CLAUSES = re.compile(r"(?<=[.!?])\s+|,\s*(?=(?:mag|kan|kunnen|can|may|could|and can|en kan|en mag|maar|but)\b)", re.I)
_MOVE = re.compile(
    r"\b(?:move|moved|reassign\w*|transfer\w*|overzetten|overdragen|verplaatsen|opnieuw toewijzen|give it to|geven aan|aan\s+\w+\s+geven)\b",
    re.I,
)


def assignment_in(turn: Turn, current: List[Assignment]) -> Dict[str, Any]:
    """Who had or got a subscription, who it should move to, and when it was assigned, as the
    message says (the date of a sentence about moving it is not the assignment's)."""
    holders = [row.subscriber for row in current if row.subscriber]
    found: Dict[str, Any] = {"holder": reading.previous_holder_in(turn.text, holders) or _named(turn.text, holders)}
    for sentence in _CLAUSES.split(turn.text):
        phrase = reading.date_phrase_in(sentence)
        if phrase and _ASSIGNED.search(sentence) and not re.search(r"\b(?:today|vandaag|now|nu)\b", phrase, re.I):
            found["phrase"] = phrase
            found.setdefault("assigned_to", None)
            found["assigned_to"] = _recipient(sentence, holders) or found["assigned_to"]
        elif _MOVE.search(sentence) or re.search(r"\b(?:can|kan|mag|may)\b", sentence, re.I):
            target = _recipient(sentence, holders + ([found.get("assigned_to")] if found.get("assigned_to") else []))
            if target:
                found["target"] = target
        elif _ASSIGNED.search(sentence) and not found.get("assigned_to"):
            found["assigned_to"] = _recipient(sentence, holders)
    return found


_RECIPIENT = re.compile(
    r"\b(?:to|aan|for|voor|naar|gave|given|heb|hebben|hebt)\s+([A-Z][\w'-]{1,30})(?!\w)"
    r"|\b([A-Z][\w'-]{1,30})\s+(?:heeft|has|had|got|kreeg)\b"
)


_NOW = re.compile(r"\b(?:today|vandaag|now|nu|tomorrow|morgen|straks|later)\b", re.I)


def assignment_date_phrase(text: str) -> Optional[str]:
    """The date a message gives as the assignment's: "today" in "can I move it today?" is
    when the partner wants to move it, not when it was assigned (BEN-07)."""
    for sentence in re.split(r"(?<=[.!?])\s+", text):
        phrase = reading.date_phrase_in(sentence)
        if phrase and not (_NOW.search(phrase) and (_MOVE.search(sentence) or "?" in sentence)):
            return phrase
    return None


def _recipient(sentence: str, exclude: List[str]) -> Optional[str]:
    for match in _RECIPIENT.finditer(sentence):
        name = match.group(1) or match.group(2)
        if name.lower() not in reading.STOP_WORDS and name not in exclude:
            return name
    return None


def _named(text: str, holders: List[str]) -> Optional[str]:
    for name in holders:
        if re.search(rf"\b{re.escape(name)}\b", text, re.I):
            return name
    return None


def record_assignment(turn: Turn, subscriber: Optional[str], phrase: str) -> Optional[Assignment]:
    """BEN-06/07: a subscription assigned on the date the phrase names (a name is optional)."""
    read = reading.read_past_date(phrase, turn.today)
    if not read.ok:
        turn.reply.say(f"utter_date_{read.problem}")
        return None
    try:
        return turn.store.benefits.assign_visual_studio_subscription(turn.sender, None, subscriber or "", read.date)
    except (RuleViolation, UnknownFact):
        return None


def say_reassignment(turn: Turn, assignment: Assignment, target: Optional[str]) -> None:
    """BEN-07: whether (and from when) the subscription can move to someone else."""
    verdict = benefits.visual_studio_reassignment(assignment.assigned_on, turn.today)
    earliest = assignment.assigned_on + timedelta(days=benefits.REASSIGNMENT_WAITING_DAYS)
    turn.answer(
        verdict,
        subscriber=assignment.subscriber or turn.reply.render("utter_the_subscriber"),
        target=target or turn.reply.render("utter_someone_else"),
        earliest_date=earliest,
    )
    turn.settle()


class RecordVisualStudioAssignment(PartnerAction):
    """BEN-06 / BEN-07: "we gave Anna a VS subscription on 3 March": recorded, with the first
    day it can move to someone else; "moved it to Julia today" is a reassignment."""

    action_name = "action_record_vs_assignment"
    topic = TOPIC
    intents = ("inform_vs_assigned",)
    user_kind = "partner"

    def act(self, turn: Turn) -> None:
        turn.topic(TOPIC)
        turn.set("benefit", "visual_studio")
        current = turn.store.benefits.visual_studio_assignments(turn.sender)
        found = assignment_in(turn, current)
        holder = next((row for row in current if row.subscriber and row.subscriber == found.get("holder")), None)
        if holder is not None and found.get("target") and not found.get("phrase"):
            move_subscription(turn, holder, found["target"])
            return
        if holder is not None and not found.get("phrase"):  # known already: its dates, not the question again
            say_assignment_recorded(turn, holder)
            return
        if not found.get("phrase"):
            turn.ask(
                TOPIC,
                Verdict(Outcome.ASK, "ask_vs_assigned_on", ("BEN-07",), {"subscriber": found.get("assigned_to") or ""}, ask="vs_assigned_on"),
            )
            keep_answers(turn, {"vs_subscriber": found.get("assigned_to")})
            return
        assignment = record_assignment(turn, found.get("assigned_to") or found.get("holder"), found["phrase"])
        if assignment is not None:
            say_assignment_recorded(turn, assignment)


def say_assignment_recorded(turn: Turn, assignment: Assignment) -> None:
    earliest = assignment.assigned_on + timedelta(days=benefits.REASSIGNMENT_WAITING_DAYS)
    turn.answer(
        Verdict(Outcome.DONE, "ben_vs_assignment_recorded", ("BEN-06", "BEN-07")),
        subscriber=assignment.subscriber or turn.reply.render("utter_the_subscriber"),
        assigned_on=assignment.assigned_on,
        earliest_date=earliest,
        days_left=max(0, (earliest - turn.today).days),
    )


def move_subscription(turn: Turn, holder: Assignment, target: str) -> None:
    """BEN-07: the move reported is recorded when 90 days have passed, refused otherwise."""
    try:
        moved = turn.store.benefits.reassign_visual_studio_subscription(turn.sender, holder.subscription, target)
    except RuleViolation:
        say_reassignment(turn, holder, target)
        return
    turn.answer(
        Verdict(Outcome.DONE, "ben_vs_reassignment_recorded", ("BEN-07",)),
        previous=holder.subscriber or turn.reply.render("utter_the_subscriber"),
        subscriber=target,
        moved_on=moved.assigned_on,
        earliest_date=moved.assigned_on + timedelta(days=benefits.REASSIGNMENT_WAITING_DAYS),
    )


class AnswerVisualStudioReassign(PartnerAction):
    """BEN-07: can the subscription move to someone else, and from which date? Answered from
    the stored assignment (or the one the message gives); without one, the rule and the
    question that decides: when was it assigned?"""

    action_name = "action_answer_vs_reassign"
    topic = TOPIC
    intents = ("ask_vs_reassign",)
    user_kind = "partner"

    def act(self, turn: Turn) -> None:
        turn.topic(TOPIC)
        turn.set("benefit", "visual_studio")
        current = turn.store.benefits.visual_studio_assignments(turn.sender)
        found = assignment_in(turn, current)
        if found.get("phrase"):
            recorded = record_assignment(turn, found.get("assigned_to") or found.get("holder"), found["phrase"])
            if recorded is None:
                return
            current = turn.store.benefits.visual_studio_assignments(turn.sender)
            chosen = recorded
        else:
            chosen = next((row for row in current if row.subscriber and row.subscriber == found.get("holder")), None)
            chosen = chosen or (current[-1] if current else None)
        if chosen is None:
            keep_answers(turn, {"vs_target": found.get("target")})
            turn.ask(TOPIC, Verdict(Outcome.ASK, "ben_vs_rule_ask_date", ("BEN-07",), ask="vs_assigned_on"))
            return
        say_reassignment(turn, chosen, found.get("target"))


# ----- activations, IDs, offers (BEN-04/05/08/11/12) ---------------------------------------


class RecordBenefitActivated(PartnerAction):
    """BEN-04 / BEN-05 / BEN-08 / BEN-11 / BEN-12: a benefit or offer the partner activated."""

    action_name = "action_record_benefit_activated"
    topic = TOPIC
    intents = ("inform_benefit_activated",)
    user_kind = "partner"

    def act(self, turn: Turn) -> None:
        turn.topic(TOPIC)
        kind = benefit_kind(turn)
        offer = reading.offer_in(turn.text)
        if kind == "go_to_market" or offer:
            record_offer_activated(turn, offer or turn.reply.render("utter_the_offer"))
        elif kind == "software":
            turn.refresh(turn.store.benefits.record_software_benefits_activated(turn.sender, True))
            turn.reply.say("utter_ben_software_activation_recorded")
        elif kind == "technical":
            if record_technical_request(turn):
                turn.answer(benefits.technical_benefits_status(turn.facts, turn.today))
        elif kind == "cloud":
            turn.refresh(turn.store.benefits.record_cloud_benefits_activated(turn.sender))
            turn.reply.say("utter_ben_cloud_activation_noted")
        elif kind == "visual_studio":
            turn.reply.say("utter_ask_vs_subscriber_after_activation")
        else:
            turn.ask(TOPIC, Verdict(Outcome.ASK, "ask_benefit", ("BEN-04", "BEN-05", "BEN-08"), ask="benefit"))


def record_offer_activated(turn: Turn, offer: str) -> None:
    """BEN-12: an activated offer takes several days to become Active."""
    activated = turn.store.benefits.record_go_to_market_offer_activated(turn.sender, offer, _date_in(turn))
    if activated.status == "active":
        turn.reply.say("utter_ben_gtm_offer_already_active", offer=offer)
        return
    turn.answer(
        Verdict(Outcome.INFO, "ben_gtm_offer_pending", ("BEN-12",)),
        offer=offer,
        requested_on=activated.requested_on,
        days_since=(turn.today - activated.requested_on).days,
    )


def _date_in(turn: Turn) -> Optional[date]:
    phrase = reading.date_phrase_in(turn.text)
    read = reading.read_past_date(phrase, turn.today) if phrase else None
    return read.date if read is not None and read.ok else None


def record_technical_request(turn: Turn) -> bool:
    """BEN-08: activation of the technical benefits requested (on the date the message names)."""
    try:
        turn.refresh(turn.store.benefits.record_technical_benefits_requested(turn.sender, _date_in(turn)))
    except RuleViolation:
        turn.answer(benefits.technical_benefits(turn.facts, None))
        return False
    return True


_CLICKED_ACTIVATE = re.compile(r"\b(?:clicked|selected|pressed|klikte|geklikt|gekozen|requested|aangevraagd|activated|geactiveerd)\b", re.I)


class AnswerAccessId(PartnerAction):
    """BEN-08 / BEN-09: the Access ID and Contract ID: stores pasted IDs, gives stored ones
    back, or says where they appear and when they are needed."""

    action_name = "action_answer_access_id"
    topic = TOPIC
    intents = ("ask_access_id",)
    user_kind = "partner"

    def act(self, turn: Turn) -> None:
        turn.topic(TOPIC)
        pasted = reading.technical_ids_in(turn.text)
        if pasted:
            turn.store.benefits.record_technical_benefit_ids(turn.sender, pasted["access_id"], pasted["contract_id"])
            turn.reply.say("utter_ben_ids_recorded", access_id=pasted["access_id"], contract_id=pasted["contract_id"] or "-")
            return
        if _CLICKED_ACTIVATE.search(turn.text) and not turn.facts.get("technical_benefits_requested_on"):
            if not record_technical_request(turn):
                return
        turn.answer(benefits.technical_benefits_status(turn.facts, turn.today))


class RecordOfferActive(PartnerAction):
    """BEN-12: an offer that shows Active, usable until the date in Expires."""

    action_name = "action_record_offer_active"
    topic = TOPIC
    intents = ("inform_offer_active",)
    user_kind = "partner"

    def act(self, turn: Turn) -> None:
        turn.topic(TOPIC)
        offer = reading.offer_in(turn.text) or _only_pending_offer(turn)
        phrase = reading.date_phrase_in(turn.text)
        if not phrase:
            keep_answers(turn, {"gtm_offer": offer})
            turn.ask(TOPIC, Verdict(Outcome.ASK, "ask_offer_expires_on", ("BEN-12",), ask="offer_expires_on"))
            return
        record_offer_active(turn, offer or turn.reply.render("utter_the_offer"), phrase)


def _only_pending_offer(turn: Turn) -> Optional[str]:
    pending = [row.name for row in turn.store.benefits.go_to_market_offers(turn.sender) if row.status == "pending"]
    return pending[0] if len(pending) == 1 else None


def record_offer_active(turn: Turn, offer: str, phrase: str) -> None:
    read = reading.read_expiry_date(phrase, turn.today)
    if not read.ok:
        turn.reply.say(f"utter_ben_expiry_{read.problem}")
        return
    turn.store.benefits.record_go_to_market_offer_activated(turn.sender, offer, None)
    turn.store.benefits.record_go_to_market_offer_active(turn.sender, offer, read.date)
    turn.answer(benefits.offer_expiry(read.date, turn.today), offer=offer)
    turn.settle()


# ----- answers to the benefit questions -----------------------------------------------------


def _answer_marketing_contact(turn: Turn, fact: str, insist: bool) -> bool:
    """BEN-11: the marketing contact's email (not the account's), phone and language; once
    all three are given the contact is assigned and the offer's steps follow."""
    text = turn.text
    value: Optional[str] = None
    if fact == "marketing_contact_email":
        emails = reading.emails_in(text)
        if not emails:
            if insist:
                turn.ask(TOPIC, Verdict(Outcome.ASK, "ask_marketing_contact_email", ("BEN-11",), ask=fact))
            return insist
        account_email = turn.facts.get("work_email") or (emails[0] if reading.says_account_email(text) else None)
        verdict = benefits.marketing_contact_email_ok(emails[-1], account_email)
        if not verdict.allowed:
            turn.answer(verdict)
            turn.ask(TOPIC, Verdict(Outcome.ASK, "ask_marketing_contact_email_other", ("BEN-11",), ask=fact))
            return True
        value = emails[-1]
    elif fact == "marketing_contact_phone":
        value = reading.phone_number(re.sub(r"^[^\d+]*", "", text)) or reading.phone_number(text)
        if value is None:
            if insist or re.search(r"\d{3}", text):
                turn.reply.say("utter_ben_phone_invalid")
                turn.ask(TOPIC, Verdict(Outcome.ASK, "ask_marketing_contact_phone", ("BEN-11",), ask=fact))
                return True
            return False
    else:
        value = reading.language_named(text) or reading.language_named(text.split()[-1] if text.split() else "")
        if value is None:
            if not insist:
                return False
            turn.reply.say("utter_ben_contact_language_unclear")
            turn.ask(TOPIC, Verdict(Outcome.ASK, "ask_marketing_contact_language", ("BEN-11",), ask=fact))
            return True
    kept = keep_answers(turn, {fact: value})
    if all(kept.get(name) for name in benefits.MARKETING_CONTACT_FACTS):
        contact = [kept[name] for name in benefits.MARKETING_CONTACT_FACTS]
        try:
            turn.refresh(turn.store.benefits.assign_marketing_contact(turn.sender, *contact))
        except RuleViolation:
            turn.answer(Verdict(Outcome.BLOCKED, "ben_marketing_email_same_as_account", ("BEN-11",)))
            keep_answers(turn, {})
            turn.ask(TOPIC, Verdict(Outcome.ASK, "ask_marketing_contact_email_other", ("BEN-11",), ask="marketing_contact_email"))
            return True
        language = contact[2]
        if language in set(reading.CONTACT_LANGUAGES.values()):
            language = turn.reply.items([item("language", language)])
        turn.reply.say("utter_ben_marketing_contact_recorded", email=contact[0], phone=contact[1], language=language)
    say_topic(
        turn,
        "go_to_market",
        {**kept, "marketing_contact_assigned": bool(turn.facts.get("marketing_contact_email"))},
    )
    return True


@answers_for(TOPIC)
def answer_benefits(turn: Turn, fact: str, insist: bool) -> bool:
    """An answer to a benefit question; then the topic's verdict with it."""
    intent = turn.message.intent
    pending = turn.pending
    if fact == WALKTHROUGH:
        if intent in ("affirm", "ask_benefit") or re.search(r"walk|steps|stappen|hoe|how|show|laat zien", turn.text, re.I):
            kind = (pending.params.get("benefit") if pending else None) or turn.slot("benefit") or "software"
            say_topic(turn, kind, {"cloud_subscription_kind": reading.cloud_subscription_kind_in(turn.text)})
            turn.settle()
            return True
        if intent == "deny":
            turn.reply.say("utter_no_problem")
            turn.settle()
            return True
        return False
    if fact in benefits.MARKETING_CONTACT_FACTS:
        return _answer_marketing_contact(turn, fact, insist)
    if fact == "benefits_purchased_on":
        if not reading.date_phrase_in(turn.text):
            return False if not insist else _ask_again(turn, fact)
        if record_purchase_date(turn):
            say_refund(turn)
        else:
            turn.asked = turn.pending  # asked again (a future or unreadable date)
        return True
    if fact == "software_benefits_activated":
        if "software_benefits_activated" not in turn.stated.facts:
            if intent in ("affirm", "deny"):
                turn.refresh(turn.store.benefits.record_software_benefits_activated(turn.sender, intent == "affirm"))
            elif not insist:
                return False
            else:
                return _ask_again(turn, fact)
        say_refund(turn)
        return True
    if fact == "membership_level":
        if "membership_level" not in turn.stated.facts:
            return False if not insist else _ask_again(turn, fact)
        values = answers(turn)
        say_topic(turn, "support", {name: values.get(name) or None for name in ("support_kind", "product_kind")})
        return True
    if fact == "vs_assigned_on":
        phrase = assignment_date_phrase(turn.text)
        if not phrase:
            return False if not insist else _ask_again(turn, fact)
        current = turn.store.benefits.visual_studio_assignments(turn.sender)
        found = assignment_in(turn, current)
        values = answers(turn)
        assignment = record_assignment(turn, found.get("assigned_to") or values.get("vs_subscriber"), phrase)
        if assignment is None:  # a future or unreadable date: asked again, still waiting for it
            turn.asked = turn.pending
            return True
        if values.get("vs_target") or turn.message.asks:
            say_reassignment(turn, assignment, values.get("vs_target") or found.get("target"))
        else:
            say_assignment_recorded(turn, assignment)
        turn.settle()
        return True
    if fact == "offer_expires_on":
        phrase = reading.date_phrase_in(turn.text)
        if not phrase:
            return False if not insist else _ask_again(turn, fact)
        record_offer_active(turn, answers(turn).get("gtm_offer") or reading.offer_in(turn.text) or turn.reply.render("utter_the_offer"), phrase)
        return True
    if fact == "benefit":
        kind = benefit_kind(turn)
        if kind is None:
            return False if not insist else _ask_again(turn, fact)
        RecordBenefitActivated().act(turn)
        return True
    return False


def _ask_again(turn: Turn, fact: str) -> bool:
    """The answer could not be read: the same question once more."""
    pending = turn.pending
    turn.ask(TOPIC, Verdict(Outcome.ASK, pending.code if pending else f"ask_{fact}", (), dict(pending.params) if pending else {}, ask=fact))
    return True
