"""Actions of the MPA for CSP partners (MPA-01..13): the check from the stored facts, the
rule questions (who signs, how often, is it mandatory ...), and signatures per CSP region.

The check asks one question at a time, only the one its table says decides the verdict
(rules/mpa.py); the answers come back through ``answer_mpa``.
"""

from __future__ import annotations

import re
from typing import Dict, List, Optional

from . import reading
from .base import PartnerAction, RuleAnswer, Turn, answers_for
from .rules import mpa
from .rules.csp_regions import country_name, places_in, regions_by_place, regions_for
from .rules.verdict import Outcome, Verdict
from .store import RuleViolation

TOPIC = "mpa"

_ONLY = re.compile(r"\b(?:only|just|alleen|uitsluitend|enkel)\b", re.IGNORECASE)
_SIGNED = re.compile(
    r"\b(?:signed|accepted|getekend|ondertekend|geaccepteerd|geaccepteert|aanvaard|akkoord gegeven|tekenden|signed off)\b",
    re.IGNORECASE,
)
_NOT_SIGNED = re.compile(r"\b(?:not|never|niet|nooit|nog niet|haven'?t|hasn'?t|didn'?t)\b[^.?!]{0,30}" + _SIGNED.pattern, re.I)
_PROVIDER = re.compile(r"\b(?:provider|distribut\w*|distri)\b", re.IGNORECASE)
_FUTURE_BUSINESS = re.compile(
    r"\b(?:also|too|ook|new|nieuwe?|start\w*|begin\w*|expand\w*|uitbreid\w*|gaan|going to|will|next|volgende|add\w*)\b",
    re.IGNORECASE,
)


def _times(turn: Turn, count: int) -> str:
    """'once' / 'twice' / '3 times' in the user's language."""
    return turn.reply.render("utter_times_once" if count == 1 else "utter_times_many", count=count)


def _breakdown(turn: Turn, places: Dict[str, tuple]) -> str:
    """'Europe: Ireland, UK; ...': which named country is in which region (our own names)."""
    by_region: Dict[str, List[str]] = {}
    for place, regions in places.items():
        if len(regions) == 1:
            by_region.setdefault(regions[0], []).append(country_name(place, turn.reply.language))
    parts = []
    for region, names in by_region.items():
        region_name = turn.reply.items(mpa.region_items([region])).lstrip("- ")
        names = [name for name in names if name.lower() != region_name.lower()]
        parts.append(f"{region_name} ({', '.join(names)})" if names else region_name)
    return "; ".join(parts)


class Places:
    """The places a message names and the CSP regions they make."""

    def __init__(self, turn: Turn):
        self.keys = places_in(turn.text)
        self.by_place = regions_by_place(self.keys)
        self.lookup = regions_for(self.keys)

    def __bool__(self) -> bool:
        return bool(self.keys)


def say_region_problems(turn: Turn, lookup) -> bool:
    """Tells the user about ambiguous places (MPA-04); True if there were any."""
    if lookup.ambiguous:
        place, candidates = next(iter(lookup.ambiguous.items()))
        turn.reply.say(
            "utter_mpa_regions_ambiguous",
            place=country_name(place, turn.reply.language),
            items=turn.reply.items(mpa.region_items(candidates)),
        )
        return True
    return False


def record_business_regions(turn: Turn, places: Places) -> List[str]:
    """MPA-04: the regions of the named countries become (or join) the company's CSP
    regions ("only Ireland and the UK" replaces them); the regions named."""
    regions = list(places.lookup.regions)
    if not regions:
        return []
    stored = list(turn.facts.get("csp_regions") or [])
    combined = regions if _ONLY.search(turn.text) or not stored else list(dict.fromkeys(stored + regions))
    if combined != stored:
        turn.refresh(turn.store.mpa.record_csp_regions(turn.sender, combined))
    return regions


def reports_signature(text: str) -> bool:
    return bool(_SIGNED.search(text)) and not _NOT_SIGNED.search(text) and not text.rstrip().endswith("?")


def record_signatures(turn: Turn, regions: List[str]) -> List[str]:
    """MPA-04: the MPA signed in these regions (already signed ones are kept as they were)."""
    recorded = []
    for region in regions:
        try:
            turn.store.mpa.record_mpa_signature(turn.sender, region)
            recorded.append(region)
        except RuleViolation:
            continue  # signed before: once per region
    turn.refresh()
    return recorded


def signed_regions(turn: Turn) -> List[str]:
    return turn.store.mpa.signed_regions(turn.sender)


def say_mpa_check(turn: Turn, places: Optional[Places] = None) -> None:
    """MPA-01..12: the verdict from the stored facts; how often to sign is said with it."""
    verdict = mpa.mpa_verdict(turn.facts, signed_regions(turn))
    values = {"global_admin": _global_admin(turn)}
    if verdict.outcome is Outcome.ASK and mpa.partner_type_of(turn.facts) == "indirect_reseller" and _PROVIDER.search(turn.text):
        turn.reply.say("utter_mpa_reseller_relationship")  # MPA-10, asked about with the check
    regions = list(turn.facts.get("csp_regions") or [])
    if verdict.allowed or verdict.outcome is Outcome.DONE:
        unsigned = [region for region in regions if region not in set(signed_regions(turn))]
        values = {
            **values,
            "times": _times(turn, len(unsigned)),
            "breakdown": _breakdown(turn, places.by_place) if places else turn.reply.items(mpa.region_items(unsigned)),
        }
    turn.say_verdict(TOPIC, verdict, **values)


def say_regions(turn: Turn, places: Places) -> None:
    """MPA-04: how many signatures the named (or stored) regions need."""
    if say_region_problems(turn, places.lookup):
        return
    regions = list(places.lookup.regions) or list(turn.facts.get("csp_regions") or [])
    signed = signed_regions(turn)
    verdict = mpa.regions_verdict(regions, signed)
    turn.say_verdict(
        TOPIC,
        verdict,
        times=_times(turn, verdict.params.get("region_count", 0)),
        more_times=_times(turn, verdict.params.get("unsigned_count", 0)),
        breakdown=_breakdown(turn, places.by_place) if places else turn.reply.items(mpa.region_items(regions)),
        signed=turn.reply.items(mpa.region_items(signed)) if signed else "-",
    )


def take_mpa_facts(turn: Turn) -> Places:
    """The countries and signatures a message about the MPA gives, recorded."""
    places = Places(turn)
    regions = record_business_regions(turn, places)
    if regions and reports_signature(turn.text):
        record_signatures(turn, regions)
    return places


class MpaCheck(PartnerAction):
    """MPA-01..12: can we sign the MPA? Answered from the stored facts, asking only what decides."""

    action_name = "action_mpa_check"
    topic = TOPIC
    intents = ("ask_mpa_status",)

    def act(self, turn: Turn) -> None:
        turn.topic(TOPIC)
        turn.set("user_kind", "partner")
        places = take_mpa_facts(turn)
        if places and _about_new_business(turn.text) and signed_regions(turn):
            # "We start in South Africa too: anything to do for the MPA?" is about the region.
            say_regions(turn, places)
            return
        say_mpa_check(turn, places)


class AnswerMpaSigner(PartnerAction):
    """MPA-01 / MPA-02 / MPA-10: who may sign, and whether the user may."""

    action_name = "action_answer_mpa_signer"
    topic = TOPIC
    intents = ("ask_mpa_signer",)

    def act(self, turn: Turn) -> None:
        turn.topic(TOPIC)
        places = take_mpa_facts(turn)
        facts = turn.facts
        check = mpa.mpa_verdict(facts, signed_regions(turn))
        if check.outcome is Outcome.BLOCKED:
            # "Can I sign? I'm the global admin" with a Pending status: a known block wins.
            say_mpa_check(turn, places)
            return
        verdict = mpa.signer_verdict(facts.get("user_role"), mpa.partner_type_of(facts))
        turn.say_verdict(TOPIC, verdict, global_admin=_global_admin(turn))


def _global_admin(turn: Turn) -> str:
    """Who to ask: the global admin's name when the user gave it."""
    name = turn.stated.global_admin_name or turn.slot("global_admin_name")
    if turn.stated.global_admin_name:
        turn.set("global_admin_name", turn.stated.global_admin_name)
    return name or turn.reply.render("utter_your_global_admin")


class AnswerAcceptButton(PartnerAction):
    """MPA-11 / MPA-01: no Accept button, banner or agreement link means a missing role."""

    action_name = "action_answer_accept_button"
    topic = TOPIC
    intents = ("report_no_accept_button",)

    def act(self, turn: Turn) -> None:
        turn.topic(TOPIC)
        turn.say_verdict(TOPIC, mpa.missing_accept_button(), global_admin=_global_admin(turn))


class RecordMpaSignature(PartnerAction):
    """MPA-04: the MPA signed in a region; then what is still missing."""

    action_name = "action_record_mpa_signature"
    topic = TOPIC
    intents = ("inform_mpa_signed",)

    def act(self, turn: Turn) -> None:
        turn.topic(TOPIC)
        places = Places(turn)
        if say_region_problems(turn, places.lookup):
            return
        if places and not reports_signature(turn.text):  # a bare "Canada": where the business is, not a signature
            take_mpa_facts(turn)
            say_regions(turn, places)
            return
        regions = record_business_regions(turn, places)
        if not regions:
            turn.ask(TOPIC, Verdict(Outcome.ASK, "ask_signed_region", ("MPA-04",), ask="signed_region"))
            return
        record_signatures(turn, regions)
        turn.answer(
            Verdict(Outcome.DONE, "mpa_signature_recorded", ("MPA-04",), items=mpa.region_items(regions))
        )
        verdict = mpa.after_signature_verdict(list(turn.facts.get("csp_regions") or []), signed_regions(turn))
        if verdict is not None:
            turn.say_verdict(TOPIC, verdict, more_times=_times(turn, verdict.params.get("unsigned_count", 0)))


class AnswerMpaRegions(PartnerAction):
    """MPA-04: once per CSP region, counted for the countries named (or stored)."""

    action_name = "action_answer_mpa_regions"
    topic = TOPIC
    intents = ("ask_mpa_regions",)

    def act(self, turn: Turn) -> None:
        turn.topic(TOPIC)
        turn.set("user_kind", "partner")
        places = take_mpa_facts(turn)
        if places and _about_new_business(turn.text) and signed_regions(turn):
            say_regions(turn, places)
            return
        verdict = mpa.mpa_verdict(turn.facts, signed_regions(turn))
        if places and verdict.allowed and reading.asks_what_to_do(turn.text):
            say_mpa_check(turn, places)
            return
        say_regions(turn, places)


def _about_new_business(text: str) -> bool:
    return bool(_FUTURE_BUSINESS.search(text))


class AnswerVerifyMpa(PartnerAction):
    """MPA-09 / MPA-12 / MPA-13: where to accept and how to check the MPA is signed."""

    action_name = "action_answer_verify_mpa"
    topic = TOPIC
    intents = ("ask_verify_mpa",)

    def act(self, turn: Turn) -> None:
        turn.topic(TOPIC)
        turn.say_verdict(TOPIC, mpa.how_to_verify(signed_regions(turn)))


class AnswerMpaMandatory(RuleAnswer):
    """MPA-03."""

    action_name = "action_answer_mpa_mandatory"
    topic = TOPIC
    intents = ("ask_mpa_mandatory",)

    def verdict(self, turn: Turn) -> Verdict:
        return mpa.mpa_mandatory()


class AnswerMpaCredentials(RuleAnswer):
    """MPA-07."""

    action_name = "action_answer_mpa_credentials"
    topic = TOPIC
    intents = ("ask_mpa_credentials",)

    def verdict(self, turn: Turn) -> Verdict:
        return mpa.credentials_may_differ()


class AnswerMpaGuide(RuleAnswer):
    """MPA-13."""

    action_name = "action_answer_mpa_guide"
    topic = TOPIC
    intents = ("ask_mpa_guide",)

    def verdict(self, turn: Turn) -> Verdict:
        return mpa.guides()


# ----- answers to the MPA questions -------------------------------------------------------

_CHOICE_FACTS = ("csp_partner_type", "mpn_account", "mpn_program_status", "indirect_reseller_status")


@answers_for(TOPIC)
def answer_mpa(turn: Turn, fact: str, insist: bool) -> bool:
    """An answer to an MPA question: stored (understanding.py already took the facts it
    states), then the check goes on from there."""
    intent = turn.message.intent
    places = Places(turn)
    if fact in ("csp_regions", "signed_region") and (places or insist):
        if not places:
            turn.ask(TOPIC, Verdict(Outcome.ASK, "ask_csp_regions_again", ("MPA-04",), ask=fact))
            return True
        if say_region_problems(turn, places.lookup):
            return True
        regions = record_business_regions(turn, places)
        if fact == "signed_region" or reports_signature(turn.text):
            record_signatures(turn, regions)
        say_mpa_check(turn, places)
        return True
    if fact == "user_role":
        if "user_role" not in turn.stated.facts:
            if intent == "affirm":
                turn.refresh(turn.store.onboarding.record_user_role(turn.sender, "global_admin"))
            elif intent == "deny":
                turn.refresh(turn.store.onboarding.record_user_role(turn.sender, "other"))
            elif insist:  # "I don't know": where to see it, and the question again
                turn.ask(TOPIC, Verdict(Outcome.ASK, "ask_user_role_where", ("MPA-01",), ask="user_role"))
                return True
            else:
                return False
        say_mpa_check(turn)
        return True
    if fact in _CHOICE_FACTS:
        if fact not in turn.stated.facts and turn.facts.get(fact) is None:
            if fact == "mpn_account" and intent in ("affirm", "deny"):
                # "Is your MPN account in Partner Center already?"
                account = "partner_center" if intent == "affirm" else "pmc"
                turn.refresh(turn.store.mpa.record_mpn_account(turn.sender, account))
            elif fact == "indirect_reseller_status" and intent == "deny" and reading.says_not_shown(turn.text):
                turn.refresh(turn.store.mpa.record_indirect_reseller_status(turn.sender, "not_shown"))
            elif insist or intent == "dont_know":
                turn.ask(TOPIC, Verdict(Outcome.ASK, f"ask_{fact}_where", ("MPA-05", "MPA-06", "MPA-08"), ask=fact))
                return True
            else:
                return False
        say_mpa_check(turn, places)
        return True
    return False
