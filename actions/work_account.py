"""Actions about the work account and its email address (WA-01..07)."""

from __future__ import annotations

import re

from rasa_sdk import Tracker

from .base import Events, PartnerAction
from .replies import Reply, entity_values
from .rules.work_account import (
    check_work_email,
    headquarters_domain_advice,
    work_account_reuse_advice,
    work_account_status,
)
from .store import PartnerStore

_NEGATION = re.compile(r"\b(?:no|not|don'?t|doesn'?t|without|never|geen|niet|zonder|nooit)\b", re.IGNORECASE)

# Consumer mail brands people name without a full address ("can I use my Gmail?").
PROVIDER_DOMAINS = {
    "gmail": "gmail.com",
    "googlemail": "googlemail.com",
    "hotmail": "hotmail.com",
    "yahoo": "yahoo.com",
    "outlook.com": "outlook.com",
    "live": "live.com",
    "icloud": "icloud.com",
    "aol": "aol.com",
    "gmx": "gmx.com",
    "ziggo": "ziggo.nl",
    "kpn": "kpnmail.nl",
    "kpnmail": "kpnmail.nl",
    "xs4all": "xs4all.nl",
    "telenet": "telenet.be",
    "proton": "proton.me",
    "protonmail": "protonmail.com",
}


class CheckWorkEmail(PartnerAction):
    """WA-01 / WA-02 for an address, a mail provider or business domains the user names."""

    action_name = "action_check_work_email"

    def act(self, reply: Reply, tracker: Tracker, store: PartnerStore) -> Events:
        facts = store.facts(tracker.sender_id)
        emails = entity_values(tracker, "email")
        providers = [PROVIDER_DOMAINS.get(p.lower(), p.lower()) for p in entity_values(tracker, "mail_provider")]
        domains = entity_values(tracker, "domain")
        if emails:
            for email in emails[:3]:
                reply.verdict(check_work_email(email, facts.get("headquarters_domain")))
        elif providers:
            reply.verdict(check_work_email(f"you@{providers[0]}"), email=providers[0].split(".")[0].capitalize())
        elif len(domains) >= 2:
            reply.verdict(headquarters_domain_advice(domains))
        elif domains:
            reply.verdict(check_work_email(f"you@{domains[0]}", facts.get("headquarters_domain")), email=domains[0])
        else:
            reply.say("utter_work_email_rules")
        return []


class AnswerWorkAccount(PartnerAction):
    """WA-03 (Azure or Office 365 means a work account exists), WA-04 (how to check)."""

    action_name = "action_answer_work_account"

    def act(self, reply: Reply, tracker: Tracker, store: PartnerStore) -> Events:
        text = tracker.latest_message.get("text") or ""
        if entity_values(tracker, "cloud_product") and not _NEGATION.search(text):
            facts = store.record_cloud_subscription(tracker.sender_id, True)
        else:
            facts = store.facts(tracker.sender_id)
        reply.verdict(work_account_status(facts))
        return []


class RecordNoWorkAccount(PartnerAction):
    """WA-05: a company without a work account creates one during enrollment."""

    action_name = "action_record_no_work_account"

    def act(self, reply: Reply, tracker: Tracker, store: PartnerStore) -> Events:
        reply.verdict(work_account_status(store.record_work_account(tracker.sender_id, "none")))
        return []


class AnswerReuseWorkAccount(PartnerAction):
    """WA-06: think about who needs Partner Center before reusing a work account."""

    action_name = "action_answer_reuse_work_account"

    def act(self, reply: Reply, tracker: Tracker, store: PartnerStore) -> Events:
        reply.verdict(work_account_reuse_advice(store.facts(tracker.sender_id)))
        return []
