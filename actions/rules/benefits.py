"""Rules of the page 'De voordelen en aanbiedingen van uw MPN-lidmaatschap beheren'
(BEN-01..13) that decide from dates, roles and levels.

``benefit_questions`` says what the benefits conversation still has to ask for a topic, and
``benefit_verdict`` what to answer once it knows; both read only stored facts and the
answers of the current conversation.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, List, Mapping, Optional

from .verdict import Outcome, Verdict

REASSIGNMENT_WAITING_DAYS = 90  # BEN-07
REFUND_WINDOW_DAYS = 30  # BEN-13
MEMBERSHIP_LEVELS = ("action_pack", "silver", "gold")
# BEN-03: the roles that can activate most benefits or download software keys.
ACTIVATING_ROLES = ("global_admin", "mpn_partner_admin")


def benefits_location(facts) -> Verdict:
    """BEN-01: a membership not yet invited to move from PMC keeps managing benefits in PMC."""
    if facts.get("mpn_account") == "pmc":
        return Verdict(Outcome.BLOCKED, ("BEN-01",), "utter_ben_manage_in_pmc")
    return Verdict(Outcome.ALLOWED, ("BEN-01",), "utter_ben_manage_in_partner_center")


def may_buy_benefits(role: Optional[str]) -> Verdict:
    """BEN-02: buying benefits needs no global admin."""
    return Verdict(Outcome.ALLOWED, ("BEN-02",), "utter_ben_buy_any_role")


def may_assign_benefits(role: Optional[str]) -> Verdict:
    """BEN-02: assigning benefits to employees needs the global admin."""
    if role is None:
        return Verdict(Outcome.ASK, ("BEN-02",), "utter_ask_user_role", ask="user_role")
    if role == "global_admin":
        return Verdict(Outcome.ALLOWED, ("BEN-02",), "utter_ben_assign_allowed")
    return Verdict(Outcome.BLOCKED, ("BEN-02",), "utter_ben_assign_needs_global_admin")


def may_activate_benefits(role: Optional[str]) -> Verdict:
    """BEN-03: activating most benefits or downloading keys needs Global admin or MPN
    partner admin; anyone else asks the global admin for the permissions."""
    if role is None:
        return Verdict(Outcome.ASK, ("BEN-03",), "utter_ask_user_role", ask="user_role")
    if role in ACTIVATING_ROLES:
        return Verdict(Outcome.ALLOWED, ("BEN-03",), "utter_ben_activate_allowed")
    return Verdict(Outcome.BLOCKED, ("BEN-03",), "utter_ben_activate_ask_global_admin")


def software_benefit_steps() -> Verdict:
    """BEN-04: Benefits, Software, expand the product, Get keys (follow any special
    instructions), choose the language and the operating system, download and install."""
    return Verdict(Outcome.INFO, ("BEN-04", "BEN-03"), "utter_ben_software_steps")


def cloud_benefit_steps(subscription_kind: Optional[str]) -> Verdict:
    """BEN-05: Azure usage-based subscriptions: assign yourself as user, then manage it in the
    Azure portal; license-based ones: Get keys and follow the special instructions. Asked
    when the kind is unknown."""
    if subscription_kind == "usage_based":
        return Verdict(Outcome.INFO, ("BEN-05",), "utter_ben_cloud_usage_based_steps")
    if subscription_kind == "license_based":
        return Verdict(Outcome.INFO, ("BEN-05",), "utter_ben_cloud_license_based_steps")
    return Verdict(Outcome.ASK, ("BEN-05",), "utter_ask_cloud_subscription_kind", ask="cloud_subscription_kind")


def visual_studio_steps(subscriber_in_list: Optional[bool] = None) -> Verdict:
    """BEN-06: Benefits, Visual Studio subscriptions, expand, select a user, Assign user, per
    subscription; a user not in the list is first added in Account settings."""
    if subscriber_in_list is False:
        return Verdict(Outcome.NEXT_STEP, ("BEN-06",), "utter_ben_vs_add_user_first")
    return Verdict(Outcome.INFO, ("BEN-06", "BEN-02"), "utter_ben_vs_assign_steps")


def technical_benefits(facts, role: Optional[str]) -> Verdict:
    """BEN-08: a membership still in PMC activates technical benefits outside Partner Center
    (Partner Frontline); in Partner Center the page needs the right role, activation takes
    several days, and the Access ID and Contract ID appear once processed."""
    if facts.get("mpn_account") == "pmc":
        return Verdict(Outcome.BLOCKED, ("BEN-08", "BEN-01"), "utter_ben_technical_via_partner_frontline")
    if role is not None and role not in ACTIVATING_ROLES:
        return Verdict(Outcome.BLOCKED, ("BEN-08", "BEN-03"), "utter_ben_technical_ask_global_admin")
    return Verdict(Outcome.INFO, ("BEN-08",), "utter_ben_technical_activate_steps")


def visual_studio_reassignment(assigned_on: date, today: date) -> Verdict:
    """BEN-07: a Visual Studio subscription moves to another subscriber only once 90 days
    have passed since the original assignment."""
    if assigned_on > today:
        return Verdict(Outcome.ASK, ("BEN-07",), "utter_ben_assignment_date_in_future", ask="assigned_on")
    earliest = assigned_on + timedelta(days=REASSIGNMENT_WAITING_DAYS)
    if today >= earliest:
        return Verdict(Outcome.ALLOWED, ("BEN-07",), "utter_ben_vs_reassign_allowed", {"assigned_on": assigned_on})
    return Verdict(
        Outcome.BLOCKED,
        ("BEN-07",),
        "utter_ben_vs_reassign_not_yet",
        {"assigned_on": assigned_on, "earliest_date": earliest, "days_left": (earliest - today).days},
    )


def refund_eligibility(purchased_on: date, software_activated: Optional[bool], today: date) -> Verdict:
    """BEN-13: cancel with a refund only within 30 days of purchase and only if the software
    benefits were not activated; the answer names the condition that fails."""
    if purchased_on > today:
        return Verdict(Outcome.ASK, ("BEN-13",), "utter_ben_purchase_date_in_future", ask="purchased_on")
    days = (today - purchased_on).days
    late = days > REFUND_WINDOW_DAYS
    if software_activated is None and not late:
        return Verdict(Outcome.ASK, ("BEN-13",), "utter_ask_software_benefits_activated", ask="software_benefits_activated")
    params = {
        "purchased_on": purchased_on,
        "days_since_purchase": days,
        "last_day": purchased_on + timedelta(days=REFUND_WINDOW_DAYS),
    }
    if late and software_activated:
        return Verdict(Outcome.BLOCKED, ("BEN-13",), "utter_ben_refund_late_and_activated", params)
    if late:
        return Verdict(Outcome.BLOCKED, ("BEN-13",), "utter_ben_refund_too_late", params)
    if software_activated:
        return Verdict(Outcome.BLOCKED, ("BEN-13",), "utter_ben_refund_software_activated", params)
    return Verdict(Outcome.ALLOWED, ("BEN-13",), "utter_ben_refund_file_service_request", params)


def support_for(level: Optional[str], product_kind: str, wanted: str) -> Verdict:
    """BEN-10: which support to use. Signature cloud support is for Gold/Silver only;
    product support incidents (recent on-premises products) and presales/deployment
    services (cloud and hybrid) are for Action Pack and Gold/Silver alike."""
    if level is None:
        return Verdict(Outcome.ASK, ("BEN-10",), "utter_ask_membership_level", ask="membership_level")
    if wanted == "signature_cloud":
        if level == "action_pack":
            return Verdict(Outcome.BLOCKED, ("BEN-10",), "utter_ben_signature_not_for_action_pack")
        return Verdict(Outcome.ALLOWED, ("BEN-10",), "utter_ben_signature_cloud_support")
    if wanted == "product_support_incident":
        if product_kind != "on_premises":
            return Verdict(Outcome.BLOCKED, ("BEN-10",), "utter_ben_incidents_only_on_premises")
        return Verdict(Outcome.ALLOWED, ("BEN-10", "BEN-09"), "utter_ben_product_support_incident")
    return Verdict(Outcome.ALLOWED, ("BEN-10",), "utter_ben_presales_deployment")


def support_options(level: Optional[str]) -> Verdict:
    """BEN-10 for a membership level: which kinds of technical support it can use."""
    if level is None:
        return Verdict(Outcome.ASK, ("BEN-10",), "utter_ask_membership_level", ask="membership_level")
    if level == "action_pack":
        return Verdict(Outcome.INFO, ("BEN-10", "BEN-09"), "utter_ben_support_options_action_pack")
    return Verdict(Outcome.INFO, ("BEN-10", "BEN-09"), "utter_ben_support_options_competency")


def ids_needed(product_kind: str) -> Verdict:
    """BEN-09: the Access ID and Contract ID are needed for support requests on on-premises,
    Azure (non-CSP) and Dynamics products."""
    if product_kind in ("on_premises", "azure_non_csp", "dynamics"):
        return Verdict(Outcome.INFO, ("BEN-09", "BEN-08"), "utter_ben_ids_needed")
    return Verdict(Outcome.INFO, ("BEN-09",), "utter_ben_ids_not_needed")


def marketing_contact_email_ok(contact_email: str, company_account_email: Optional[str]) -> Verdict:
    """BEN-11: the marketing contact's email must differ from the company account's email."""
    if company_account_email and contact_email.strip().lower() == company_account_email.strip().lower():
        return Verdict(Outcome.BLOCKED, ("BEN-11",), "utter_ben_marketing_email_same_as_account")
    return Verdict(Outcome.ALLOWED, ("BEN-11",), "utter_ben_marketing_contact_ok")


def technical_benefits_status(facts, today: date) -> Verdict:
    """BEN-08: where the Access ID and Contract ID are: stored ones are given back; after an
    activation request they appear once it is processed (several days); without one, activate
    first (or, in PMC, through Partner Frontline)."""
    if facts.get("technical_access_id"):
        return Verdict(
            Outcome.INFO,
            ("BEN-08", "BEN-09"),
            "utter_ben_ids_stored",
            {"access_id": facts["technical_access_id"], "contract_id": facts.get("technical_contract_id") or "-"},
        )
    if facts.get("mpn_account") == "pmc":
        return Verdict(Outcome.BLOCKED, ("BEN-08", "BEN-01"), "utter_ben_technical_via_partner_frontline")
    requested = facts.get("technical_benefits_requested_on")
    if requested:
        requested_on = date.fromisoformat(requested)
        return Verdict(
            Outcome.NEXT_STEP,
            ("BEN-08", "BEN-09"),
            "utter_ben_ids_after_processing",
            {"requested_on": requested_on, "days_since_request": (today - requested_on).days},
        )
    return Verdict(Outcome.NEXT_STEP, ("BEN-08", "BEN-09"), "utter_ben_ids_activate_first")


def benefit_permissions(role: Optional[str]) -> Verdict:
    """BEN-02 / BEN-03 together: buying needs no admin role, assigning to employees needs the
    Global admin, activating needs Global admin or MPN partner admin; said for the user's role."""
    if role is None:
        return Verdict(Outcome.INFO, ("BEN-02", "BEN-03"), "utter_ben_permissions")
    if role == "global_admin":
        response = "utter_ben_permissions_global_admin"
    elif role in ACTIVATING_ROLES:
        response = "utter_ben_permissions_can_activate"
    else:
        response = "utter_ben_permissions_can_only_buy"
    return Verdict(Outcome.INFO, ("BEN-02", "BEN-03"), response, items=(f"utter_item_role_{role}",))


def offer_expiry(expires_on: date, today: date) -> Verdict:
    """BEN-12: an active offer can be used until its expiry date."""
    if expires_on <= today:
        return Verdict(Outcome.ASK, ("BEN-12",), "utter_ben_offer_expiry_passed", {"expires_on": expires_on})
    return Verdict(
        Outcome.DONE,
        ("BEN-12",),
        "utter_ben_offer_active_recorded",
        {"expires_on": expires_on, "days_left": (expires_on - today).days},
    )


# ----- the guided conversation -----------------------------------------------------------

# A topic is what the user came for; each needs a few facts before it can be answered.
BENEFIT_KINDS = ("software", "cloud", "visual_studio", "technical", "go_to_market")
TOPICS = BENEFIT_KINDS + ("overview", "refund", "support", "vs_assigned", "vs_reassign", "activated", "offer_active")
# Topics about the Benefits page of Partner Center: BEN-01 (where) and BEN-03 (who) first.
_ON_BENEFITS_PAGE = ("overview", "software", "cloud", "visual_studio", "technical", "go_to_market")
MARKETING_CONTACT_FACTS = ("marketing_contact_email", "marketing_contact_phone", "marketing_contact_language")


def benefit_questions(topic: str, facts: Mapping[str, Any], answers: Mapping[str, Any], today: date) -> List[str]:
    """The questions still open for ``topic``, in order. ``facts`` are the stored facts;
    ``answers`` the conversation's own answers that are not facts (the subscription kind, a
    subscriber, an offer). Stops at the first answer that already decides the verdict."""
    if topic in _ON_BENEFITS_PAGE:
        account, role = facts.get("mpn_account"), facts.get("user_role")
        if account is None:
            return ["mpn_account"]
        if account != "partner_center":
            return []
        if role is None:
            return ["user_role"]
        if topic == "cloud" and role in ACTIVATING_ROLES and not answers.get("cloud_subscription_kind"):
            return ["cloud_subscription_kind"]
        if topic == "go_to_market" and role in ACTIVATING_ROLES:
            return [name for name in MARKETING_CONTACT_FACTS if facts.get(name) is None and not answers.get(name)]
        return []
    if topic == "refund":
        if facts.get("benefits_purchased_on") is None:
            return ["benefits_purchased_on"]
        purchased_on = date.fromisoformat(facts["benefits_purchased_on"])
        verdict = refund_eligibility(purchased_on, facts.get("software_benefits_activated"), today)
        return [verdict.ask] if verdict.ask else []
    if topic == "support":
        return [] if facts.get("membership_level") else ["membership_level"]
    if topic == "vs_assigned" or (topic == "vs_reassign" and not answers.get("has_assignment")):
        return [slot for slot in ("vs_subscriber", "vs_assigned_on") if not answers.get(slot)]
    if topic == "activated":
        if not answers.get("benefit"):
            return ["benefit"]
        return ["gtm_offer"] if answers["benefit"] == "go_to_market" and not answers.get("gtm_offer") else []
    if topic == "offer_active":
        return [slot for slot in ("gtm_offer", "offer_expires_on") if not answers.get(slot)]
    return []


def benefit_page_verdict(topic: str, facts: Mapping[str, Any], answers: Mapping[str, Any]) -> Verdict:
    """The answer for a topic on the Benefits page once its questions are answered:
    BEN-01 (PMC), BEN-03 (role), then the steps of the benefit (BEN-04/05/06/08/11)."""
    account = facts.get("mpn_account")
    if account == "none":
        return Verdict(Outcome.BLOCKED, ("BEN-01",), "utter_ben_join_mpn_first")
    if account == "pmc":
        if topic == "technical":
            return Verdict(Outcome.BLOCKED, ("BEN-08", "BEN-01"), "utter_ben_technical_via_partner_frontline")
        return benefits_location(facts)
    role = facts.get("user_role")
    if topic == "overview":
        return Verdict(Outcome.INFO, ("BEN-01", "BEN-02", "BEN-03"), "utter_ben_overview")
    if topic == "visual_studio":
        assign = may_assign_benefits(role)
        return visual_studio_steps() if assign.allowed else assign
    if topic == "technical":
        return technical_benefits(facts, role)
    activate = may_activate_benefits(role)
    if not activate.allowed:
        if topic == "go_to_market":
            return Verdict(Outcome.BLOCKED, ("BEN-11", "BEN-03"), "utter_ben_gtm_ask_global_admin")
        return activate
    if topic == "software":
        return software_benefit_steps()
    if topic == "cloud":
        return cloud_benefit_steps(answers.get("cloud_subscription_kind"))
    return Verdict(
        Outcome.NEXT_STEP,
        ("BEN-11", "BEN-12"),
        "utter_ben_gtm_activate_steps",
        {"contact_email": facts.get("marketing_contact_email")},
    )
