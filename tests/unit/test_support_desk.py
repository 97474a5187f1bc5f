"""The triage desk in the state store and its rules: handoffs, priorities, staff actions."""

import re
from datetime import date, timedelta

import pytest

from actions.rules import support
from actions.rules.benefits import refund_eligibility
from actions.rules.mpa import mpa_verdict
from actions.rules.verdict import Outcome
from actions.staff import StaffDirectory
from actions.store import (
    SupportRequestClaimedByOther,
    SupportRequestNotFound,
    SupportRequestResolved,
    SupportRequestsThrottled,
    UnknownFact,
    parse_reference,
)

PARTNER = "partner-support"
LINES = [{"who": "partner", "text": "hello", "at": ""}, {"who": "assistant", "text": "hi", "at": ""}]


def blocked_csp_partner(store, sender=PARTNER):
    store.mpa.record_csp_partner_type(sender, "indirect_reseller")
    store.mpa.record_mpn_account(sender, "partner_center")
    store.mpa.record_mpn_program_status(sender, "rejected")


def test_MPA_06_failed_verification_is_a_support_only_handoff_with_high_priority(store):
    blocked_csp_partner(store)
    verdict = mpa_verdict(store.facts(PARTNER))
    assert verdict.outcome is Outcome.BLOCKED
    handoff = support.support_only_handoff(verdict)
    assert handoff == support.Handoff(support.VERIFICATION_FAILED, "mpa", ("MPA-06", "MPA-07"))

    request = store.support.open_request(PARTNER, handoff, "nl", LINES)
    assert re.fullmatch(r"SR-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}", request.reference)
    assert (request.category, request.priority, request.language) == ("mpa", "high", "nl")
    assert "CSP partner blocked from the MPA" in request.priority_reason
    assert request.rule_ids == ("MPA-06", "MPA-07")
    assert "mpn_program_status: rejected" in request.facts_summary
    assert request.transcript == tuple(LINES)
    assert request.status == "open" and not request.reused


def test_MPA_08_rejected_reseller_status_is_handed_off():
    facts = {"csp_partner_type": "indirect_reseller", "mpn_account": "partner_center",
             "mpn_program_status": "active", "indirect_reseller_status": "declined"}
    handoff = support.support_only_handoff(mpa_verdict(facts))
    assert handoff.trigger == support.VERIFICATION_FAILED and "MPA-08" in handoff.rule_ids


def test_BEN_13_allowed_refund_is_handed_off_and_urgent_near_the_deadline(store):
    today = store.today()
    store.benefits.record_benefit_purchase(PARTNER, today - timedelta(days=25))
    store.benefits.record_software_benefits_activated(PARTNER, False)
    verdict = refund_eligibility(today - timedelta(days=25), False, today)
    handoff = support.support_only_handoff(verdict)
    assert handoff == support.Handoff(support.REFUND, "benefits", ("BEN-13",))
    request = store.support.open_request(PARTNER, handoff, "en")
    assert request.priority == "high"
    assert (today - timedelta(days=25) + timedelta(days=30)).isoformat() in request.priority_reason


def test_BEN_13_refund_with_time_left_is_normal_and_a_refused_refund_is_not_handed_off():
    handoff = support.Handoff(support.REFUND, "benefits", ("BEN-13",))
    today = date(2026, 11, 21)
    assert support.request_priority(handoff, {"benefits_purchased_on": "2026-11-18"}, today)[0] == "normal"
    refused = refund_eligibility(date(2026, 9, 1), False, today)
    assert support.support_only_handoff(refused) is None


def test_BEN_04_BEN_05_key_problem_handoff_names_the_benefit_rule():
    assert support.key_problem_handoff("software").rule_ids == ("BEN-04",)
    assert support.key_problem_handoff("cloud").rule_ids == ("BEN-05",)
    assert support.key_problem_handoff(None) == support.Handoff(support.KEY_NOT_WORKING, "benefits", ("BEN-04", "BEN-05"))


def test_conversation_handoff_takes_the_category_of_the_latest_topic():
    handoff = support.conversation_handoff(
        support.ASKED_FOR_PERSON, ["greet", "ask_mpa_status", "thank", "request_human"], ["MPA-01"]
    )
    assert (handoff.category, handoff.rule_ids) == ("mpa", ("MPA-01",))
    assert support.conversation_handoff(support.REPEATED_FALLBACK, ["greet", "nlu_fallback"]).category == "other"
    low = support.request_priority(support.conversation_handoff(support.REPEATED_FALLBACK, ["nlu_fallback"]), {}, date.today())
    assert low[0] == "low"


def test_a_case_has_one_unresolved_request_that_grows(store):
    first = store.support.open_request(PARTNER, support.Handoff(support.REPEATED_FALLBACK, "other"), "en", LINES[:1])
    blocked_csp_partner(store)
    again = store.support.open_request(
        PARTNER, support.Handoff(support.VERIFICATION_FAILED, "mpa", ("MPA-06",)), "nl", LINES
    )
    assert again.reference == first.reference and again.reused
    assert (again.category, again.priority, again.language) == ("mpa", "high", "nl")
    assert again.rule_ids == ("MPA-06",)
    assert again.transcript == tuple(LINES)
    assert [request.sender_id for request in store.support.unresolved_requests()] == [PARTNER]


def test_staff_list_by_priority_and_category_claim_note_and_resolve(store):
    low = store.support.open_request("a", support.Handoff(support.REPEATED_FALLBACK, "other"), "en")
    blocked_csp_partner(store, "b")
    high = store.support.open_request("b", support.Handoff(support.VERIFICATION_FAILED, "mpa", ("MPA-06",)), "en")
    normal = store.support.open_request("c", support.key_problem_handoff("software"), "nl")

    assert [r.reference for r in store.support.unresolved_requests()] == [high.reference, normal.reference, low.reference]
    assert [r.reference for r in store.support.unresolved_requests("benefits")] == [normal.reference]
    with pytest.raises(UnknownFact):
        store.support.unresolved_requests("nonsense")

    claimed = store.support.claim(high.reference, "slack:U1")
    assert (claimed.status, claimed.claimed_by) == ("claimed", "slack:U1")
    with pytest.raises(SupportRequestClaimedByOther) as refusal:
        store.support.claim(high.reference, "web:anna")
    assert refusal.value.facts == {"claimed_by": "slack:U1"}

    noted = store.support.add_note(high.reference, "slack:U1", "Asked the partner for a screenshot")
    assert [(n.author, n.text) for n in noted.notes] == [("slack:U1", "Asked the partner for a screenshot")]
    with pytest.raises(UnknownFact):
        store.support.add_note(high.reference, "slack:U1", "   ")

    resolved = store.support.resolve(high.reference.lower().replace("-", ""), "slack:U1", "Verified again")
    assert resolved.status == "resolved" and resolved.resolved_at is not None
    assert [n.text for n in resolved.notes][-1] == "Verified again"
    assert high.reference not in [r.reference for r in store.support.unresolved_requests()]
    with pytest.raises(SupportRequestResolved) as refusal:
        store.support.resolve(high.reference, "slack:U1")
    assert refusal.value.facts["resolved_by"] == "slack:U1"
    with pytest.raises(SupportRequestNotFound):
        store.support.request("SR-99999")
    with pytest.raises(SupportRequestNotFound):
        store.support.claim("not a reference", "slack:U1")
    # A new handoff after resolution opens a new request.
    assert store.support.open_request("b", support.key_problem_handoff(None), "en").reference != high.reference


def test_references_are_read_leniently_old_ones_too():
    texts = ("SR-7KQ3-M9XD", "sr 7kq3m9xd", "SR-00042", "sr42", "#42", "42", " SR 7 ", "SR-x", "")
    assert [parse_reference(text) for text in texts] == [
        "SR-7KQ3-M9XD", "SR-7KQ3-M9XD", "SR-00042", "SR-00042", "SR-00042", "SR-00042", "SR-00007", None, None
    ]


def test_references_reveal_nothing_about_the_number_of_requests(store):
    references = [store.support.open_request(f"rest:p{n}", support.key_problem_handoff(None), "en").reference for n in range(5)]
    assert len(set(references)) == 5
    assert all(re.fullmatch(r"SR-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}", reference) for reference in references)


def test_new_requests_are_limited_per_identity_and_per_minute(store, clock, monkeypatch):
    handoff = support.key_problem_handoff(None)
    for _ in range(3):
        opened = store.support.open_request("rest:eager", handoff, "en")
        store.support.resolve(opened.reference, "web:anna")
    with pytest.raises(SupportRequestsThrottled):
        store.support.open_request("rest:eager", handoff, "en")
    clock.now += timedelta(hours=1, seconds=1)
    assert store.support.open_request("rest:eager", handoff, "en").reference
    monkeypatch.setenv("SUPPORT_REQUESTS_PER_MINUTE", "4")
    for number in range(3):
        store.support.open_request(f"rest:flood-{number}", handoff, "en")
    with pytest.raises(SupportRequestsThrottled):
        store.support.open_request("rest:flood-3", handoff, "en")
    # An unresolved request is extended, never refused.
    assert store.support.open_request("rest:flood-0", handoff, "en").reused
    clock.now += timedelta(minutes=1, seconds=1)
    assert store.support.open_request("rest:flood-3", handoff, "en").reference


def test_staff_are_recognised_per_channel_from_the_environment():
    directory = StaffDirectory.from_env(
        {
            "SUPPORT_STAFF_SLACK_IDS": "U1, U2",
            "SUPPORT_STAFF_TEAMS_IDS": "29:teams-staff",
            "SUPPORT_STAFF_TOKENS": "anna:0123456789abcdef0123,short:abc",
        }
    )
    assert directory.staff_member("slack", "slack:T1:C42", {"slack_user": "U2"}) == "slack:U2"
    assert directory.staff_member("slack", "slack:T1:U2", {}) is None  # the verified author is required
    assert directory.staff_member("slack", "slack:T1:C42", {"slack_user": "U9", "users": ["U1"]}) is None
    assert directory.staff_member("botframework", "teams:29:teams-staff", {}) == "teams:29:teams-staff"
    assert directory.staff_member("botframework", "teams:29:partner", {}) is None
    assert directory.staff_member("rest", "rest:x", {"staff_token": "0123456789abcdef0123"}) == "web:anna"
    assert directory.staff_member("socketio", "web:x", {"staff_token": "0123456789abcdef0123"}) == "web:anna"
    assert directory.staff_member("rest", "rest:x", {"staff_token": "abc"}) is None  # too short to be configured
    assert directory.staff_member("rest", "rest:U1", {}) is None
    assert directory.staff_member("slack", "slack:T1:x", {"staff_token": "0123456789abcdef0123"}) is None
    assert StaffDirectory.from_env({}).staff_member("rest", "rest:x", {"staff_token": ""}) is None


def test_a_staff_check_trusts_only_what_the_receiving_channel_verified():
    directory = StaffDirectory.from_env({"SUPPORT_STAFF_TEAMS_IDS": "29:staff", "SUPPORT_STAFF_SLACK_IDS": "U1"})
    # A REST caller naming a Teams user, or claiming to be the Teams channel, is no Teams user.
    assert directory.staff_member("rest", "rest:29:staff", {}) is None
    assert directory.staff_member("botframework", "rest:29:staff", {}) is None
    assert directory.staff_member("rest", "rest:x", {"slack_user": "U1"}) is None
    assert directory.staff_member("slack", "rest:x", {"slack_user": "U1"}) is None


def test_every_categorised_intent_is_in_the_domain():
    from tests.domain_files import domain

    assert set(support.INTENT_CATEGORIES) <= set(domain()["intents"])
    assert set(support.INTENT_RULES) <= set(domain()["intents"])
