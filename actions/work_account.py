"""Actions about the work account and its email address (WA-01..07)."""

from __future__ import annotations

from . import reading
from .base import PartnerAction, Turn, answers_for
from .rules.work_account import (
    check_work_email,
    headquarters_domain_advice,
    work_account_reuse_advice,
    work_account_status,
)

TOPIC = "work_account"


class CheckWorkEmail(PartnerAction):
    """WA-01 / WA-02 for an address, a mail provider or business domains the user names. A
    domain the user says is the head office's (or the one that is not the branch's) is
    recorded, and work emails are checked against it from then on."""

    action_name = "action_check_work_email"
    topic = TOPIC
    intents = ("ask_work_email",)

    def act(self, turn: Turn) -> None:
        turn.topic(TOPIC)
        facts = turn.facts
        emails = reading.emails_in(turn.text)
        providers = [reading.mail_provider_domain(word) for word in turn.message.entity_values("mail_provider")]
        domains = list(dict.fromkeys(turn.message.entity_values("domain") + reading.domains_in(turn.text)))
        email_domains = {email.split("@", 1)[1] for email in emails}
        domains = [domain for domain in domains if domain.lower() not in email_domains]
        headquarters = reading.headquarters_domain_in(turn.text, domains)
        if headquarters:
            facts = turn.refresh(turn.store.work_account.record_headquarters_domain(turn.sender, headquarters))
            turn.answer(headquarters_domain_advice(domains, named_headquarters=headquarters))
        for email in emails[:3]:
            turn.answer(check_work_email(email, facts.get("headquarters_domain"), given=email))
        if emails or headquarters:
            return
        if providers:
            turn.answer(check_work_email(f"you@{providers[0]}"), email=providers[0].split(".")[0].capitalize())
        elif len(domains) >= 2:
            turn.answer(headquarters_domain_advice(domains))
        elif domains:
            turn.answer(check_work_email(f"you@{domains[0]}", facts.get("headquarters_domain")), email=domains[0])
        else:
            turn.reply.say("utter_work_email_rules")


class AnswerWorkAccount(PartnerAction):
    """WA-03 (Azure or Office 365 means a work account exists), WA-04 (how to check), WA-05
    (none: create one during enrollment)."""

    action_name = "action_answer_work_account"
    topic = TOPIC
    intents = ("ask_work_account",)

    def act(self, turn: Turn) -> None:
        turn.topic(TOPIC)
        turn.say_verdict(TOPIC, work_account_status(turn.facts))


class AnswerReuseWorkAccount(PartnerAction):
    """WA-06 (think before reusing one) and WA-07 (the roles to set it up)."""

    action_name = "action_answer_reuse_work_account"
    topic = TOPIC
    intents = ("ask_reuse_work_account",)

    def act(self, turn: Turn) -> None:
        turn.topic(TOPIC)
        turn.answer(work_account_reuse_advice(turn.facts))


@answers_for(TOPIC)
def answer_work_account(turn: Turn, fact: str, insist: bool) -> bool:
    """"How can I check?" asked back: an Azure or Office 365 subscription, or none."""
    if fact != "work_account":
        return False
    intent = turn.message.intent
    stated = turn.stated.facts
    if "has_cloud_subscription" not in stated and "work_account" not in stated:
        if intent == "affirm":
            turn.refresh(turn.store.work_account.record_cloud_subscription(turn.sender, True))
        elif intent == "deny":
            turn.refresh(turn.store.work_account.record_work_account(turn.sender, "none"))
        elif not insist:
            return False
    turn.say_verdict(TOPIC, work_account_status(turn.facts))
    return True
