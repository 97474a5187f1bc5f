"""Actions about the work account and its email address (WA-01..07)."""

from __future__ import annotations

import re

from rasa_sdk import Tracker

from .base import Events, PartnerAction
from .reading import entity_values, headquarters_domain_in, latest_text, mail_provider_domain, normalise_email
from .replies import Reply
from .rules.work_account import (
    check_work_email,
    headquarters_domain_advice,
    work_account_reuse_advice,
    work_account_status,
)
from .store import PartnerStore

_NEGATION = re.compile(r"\b(?:no|not|don'?t|doesn'?t|without|never|geen|niet|zonder|nooit)\b", re.IGNORECASE)


class CheckWorkEmail(PartnerAction):
    """WA-01 / WA-02 for an address, a mail provider or business domains the user names. A
    domain the user says is the head office's is recorded, and work emails are checked
    against it from then on."""

    action_name = "action_check_work_email"

    def act(self, reply: Reply, tracker: Tracker, store: PartnerStore) -> Events:
        sender = tracker.sender_id
        facts = store.facts(sender)
        emails = entity_values(tracker, "email")
        providers = [mail_provider_domain(word) for word in entity_values(tracker, "mail_provider")]
        domains = entity_values(tracker, "domain")
        headquarters = headquarters_domain_in(latest_text(tracker), domains)
        if headquarters:
            facts = store.work_account.record_headquarters_domain(sender, headquarters)
            reply.verdict(headquarters_domain_advice(domains, named_headquarters=headquarters))
        for email in emails[:3]:
            reply.verdict(check_work_email(normalise_email(email), facts.get("headquarters_domain"), given=email))
        if emails or headquarters:
            return []
        if providers:
            reply.verdict(check_work_email(f"you@{providers[0]}"), email=providers[0].split(".")[0].capitalize())
        elif len(domains) >= 2:
            reply.verdict(headquarters_domain_advice(domains))
        elif domains:
            domain = domains[0].lower()
            reply.verdict(check_work_email(f"you@{domain}", facts.get("headquarters_domain")), email=domains[0])
        else:
            reply.say("utter_work_email_rules")
        return []


class AnswerWorkAccount(PartnerAction):
    """WA-03 (Azure or Office 365 means a work account exists), WA-04 (how to check)."""

    action_name = "action_answer_work_account"

    def act(self, reply: Reply, tracker: Tracker, store: PartnerStore) -> Events:
        if entity_values(tracker, "cloud_product") and not _NEGATION.search(latest_text(tracker)):
            facts = store.work_account.record_cloud_subscription(tracker.sender_id, True)
        else:
            facts = store.facts(tracker.sender_id)
        reply.verdict(work_account_status(facts))
        return []


class RecordNoWorkAccount(PartnerAction):
    """WA-05: a company without a work account creates one during enrollment."""

    action_name = "action_record_no_work_account"

    def act(self, reply: Reply, tracker: Tracker, store: PartnerStore) -> Events:
        reply.verdict(work_account_status(store.work_account.record_work_account(tracker.sender_id, "none")))
        return []


class AnswerReuseWorkAccount(PartnerAction):
    """WA-06: think about who needs Partner Center before reusing a work account."""

    action_name = "action_answer_reuse_work_account"

    def act(self, reply: Reply, tracker: Tracker, store: PartnerStore) -> Events:
        reply.verdict(work_account_reuse_advice(store.facts(tracker.sender_id)))
        return []
