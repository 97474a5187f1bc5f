"""Actions for a customer managing its partners (REL-01..07)."""

from __future__ import annotations

import re
from typing import Dict, Optional

from . import reading
from .base import PartnerAction, RuleAnswer, Turn, answers_for
from .rules import relationships
from .rules.verdict import Verdict, item

TOPIC = "relationships"


def known_partners(turn: Turn) -> Dict[str, str]:
    """The customer's stored partners: name -> type."""
    return {partner.name: partner.partner_type for partner in turn.store.relationships.partners(turn.sender)}


def stated_partner_type(turn: Turn) -> Optional[str]:
    value = reading.stated_rel_partner_type(turn.text) or turn.message.entity("rel_partner_type")
    return value if value in relationships.PARTNER_TYPES else None


def record_customer_facts(turn: Turn) -> None:
    """REL-04: that the customer already has a partner, and whether it accepted the MCA."""
    values = {}
    if reading.stated_has_partner(turn.text) and turn.facts.get("customer_has_partner") is not True:
        values["customer_has_partner"] = True
    accepted = reading.stated_mca_accepted(turn.text)
    if accepted is not None and turn.facts.get("customer_mca_accepted") != accepted:
        values["customer_mca_accepted"] = accepted
    if values:
        turn.refresh(turn.store.record_stated(turn.sender, values))


class _CustomerAction(PartnerAction):
    """An answer for a customer; the user is a customer from now on."""

    topic = TOPIC
    user_kind = "customer"


class AnswerRemovePartner(_CustomerAction):
    """REL-07: a Delegated administrator or Advisor is deleted by the customer; any other
    type is ended by asking the partner. The type is taken from the message or the stored
    partner, and asked for only when neither says it."""

    action_name = "action_answer_remove_partner"
    intents = ("ask_remove_partner",)

    def act(self, turn: Turn) -> None:
        turn.topic(TOPIC)
        partners = known_partners(turn)
        name = reading.partner_name_in(turn.text, partners) if partners or _names_a_partner(turn.text) else None
        partner_type = stated_partner_type(turn)
        if partner_type is None and name:
            partner_type = {stored.lower(): kind for stored, kind in partners.items()}.get(name.lower())
        say_removal(turn, name, partner_type)


def _names_a_partner(text: str) -> bool:
    return bool(reading.partner_name_in(text)) and any(ch.isupper() for ch in text[1:])


def say_removal(turn: Turn, name: Optional[str], partner_type: Optional[str]) -> None:
    """REL-07 for one partner; a partner removed is no longer stored."""
    if partner_type and name:
        turn.store.relationships.record_partner(turn.sender, name, partner_type)
    verdict = relationships.removal_verdict(name, partner_type)
    if verdict.allowed and name:
        turn.store.relationships.remove_partner(turn.sender, name)
    turn.set("partner_name", name)
    turn.say_verdict(TOPIC, verdict)


class AnswerRelationships(_CustomerAction):
    """Partner relationships in general."""

    action_name = "action_answer_relationships"
    intents = ("ask_relationships",)

    def act(self, turn: Turn) -> None:
        turn.topic(TOPIC)
        kind = turn.slot("user_kind")
        turn.reply.say("utter_rel_overview_partner" if kind == "partner" else "utter_rel_overview_customer")


class AnswerFindPartner(_CustomerAction, RuleAnswer):
    """REL-01."""

    action_name = "action_answer_find_partner"
    intents = ("ask_find_partner",)

    def verdict(self, turn: Turn) -> Verdict:
        return relationships.find_a_partner()


class AnswerAcceptInvitation(_CustomerAction):
    """REL-03 / REL-04."""

    action_name = "action_answer_accept_invitation"
    intents = ("ask_accept_invitation",)

    def act(self, turn: Turn) -> None:
        turn.topic(TOPIC)
        record_customer_facts(turn)
        turn.answer(relationships.accept_invitation(turn.facts))


class AnswerMca(_CustomerAction):
    """REL-04: the Microsoft Customer Agreement before a partner can order."""

    action_name = "action_answer_mca"
    intents = ("ask_mca",)

    def act(self, turn: Turn) -> None:
        turn.topic(TOPIC)
        record_customer_facts(turn)
        turn.answer(relationships.mca_verdict(turn.facts))


class AnswerPartnerTypeRights(_CustomerAction):
    """REL-02, for the type asked about."""

    action_name = "action_answer_partner_type_rights"
    intents = ("ask_partner_type_rights",)

    def act(self, turn: Turn) -> None:
        turn.topic(TOPIC)
        partner_type = stated_partner_type(turn)
        if partner_type and _about_removal(turn):
            # "and the other one, a line-of-business partner: same there?" after a removal
            say_removal(turn, _partner_named(turn), partner_type)
            return
        turn.answer(relationships.partner_type_rights(partner_type))


class AnswerDeclineAdmin(_CustomerAction, RuleAnswer):
    """REL-05."""

    action_name = "action_answer_decline_admin"
    intents = ("ask_decline_admin",)

    def verdict(self, turn: Turn) -> Verdict:
        return relationships.decline_admin_privileges()


class AnswerRemoveAdminRoles(_CustomerAction, RuleAnswer):
    """REL-06."""

    action_name = "action_answer_remove_admin_roles"
    intents = ("ask_remove_admin_roles",)

    def verdict(self, turn: Turn) -> Verdict:
        return relationships.remove_admin_roles()


def follow_up_customer_facts(turn: Turn) -> bool:
    """A customer's statement outside a question ("we work with Contoso, they're our
    reseller"; "it's an Advisor" after a removal question): recorded and answered. True when
    it said something."""
    record_customer_facts(turn)
    partner_type = stated_partner_type(turn)
    if partner_type is None:
        if turn.facts.get("customer_has_partner") and reading.stated_has_partner(turn.text):
            turn.reply.say("utter_rel_partner_noted")
            turn.topic(TOPIC)
            return True
        return False
    if _about_removal(turn):
        say_removal(turn, _partner_named(turn), partner_type)
        return True
    name = reading.partner_name_in(turn.text, known_partners(turn))
    if name:
        turn.store.relationships.record_partner(turn.sender, name, partner_type)
        turn.reply.say("utter_rel_partner_recorded", partner=name, items=turn.reply.items([item("rel_type", partner_type)]))
    turn.answer(relationships.partner_type_rights(partner_type))
    turn.topic(TOPIC)
    return True


_REMOVAL = re.compile(r"\b(?:delete|remove|verwijder\w*|get rid|end the|beëindig\w*|stoppen met)\b", re.IGNORECASE)
_SAME_AGAIN = re.compile(r"\b(?:same|ook zo|hetzelfde|also|ook|too)\b", re.IGNORECASE)
_ANOTHER = re.compile(r"\b(?:other|another|second|andere|tweede)\b", re.IGNORECASE)


def _about_removal(turn: Turn) -> bool:
    """Whether the message is about removing a partner, itself or as a follow-up of a
    removal answer ("same there?")."""
    if _REMOVAL.search(turn.text):
        return True
    return turn.last_topic == TOPIC and _last_answer_was_removal(turn) and (
        bool(_SAME_AGAIN.search(turn.text)) or not turn.message.asks
    )


def _partner_named(turn: Turn) -> Optional[str]:
    """The partner meant: named in the message, or the one just discussed (not for "our
    other partner")."""
    named = reading.partner_name_in(turn.text, known_partners(turn)) if _names_a_partner(turn.text) else None
    if named:
        return named
    return None if _ANOTHER.search(turn.text) else turn.slot("partner_name")


def _last_answer_was_removal(turn: Turn) -> bool:
    for event in reversed(list(turn.tracker.events)):
        name = event.get("name") or ""
        if event.get("event") == "action" and name.startswith("action_") and name != "action_listen":
            return name == "action_answer_remove_partner"
    return False


@answers_for(TOPIC)
def answer_relationships(turn: Turn, fact: str, insist: bool) -> bool:
    """"Which type of partner is it?" answered (REL-07)."""
    if fact != "partner_type":
        return False
    partner_type = stated_partner_type(turn)
    if partner_type is None:
        if not insist:
            return False
        turn.ask(TOPIC, relationships.removal_verdict(turn.slot("partner_name"), None))
        return True
    say_removal(turn, _partner_named(turn), partner_type)
    return True
