"""Rules of the page 'De voordelen en aanbiedingen van uw MPN-lidmaatschap beheren'
(BEN-01..13).

A benefits question has a topic (what the user came for: software keys, a refund, support
...). Each topic has one table of checks in ``BENEFIT_TOPICS``; ``benefit_verdict`` walks it,
and its ASK verdicts are the next question. The table reads the case's facts, the
conversation's own answers for the topic (the subscription kind, an offer, the marketing
contact being given), today's date (``today``) and the topic (``topic``).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, Callable, Dict, Mapping, Optional

from .checks import Check, CheckTable, Known
from .roles import ACTIVATING_ROLES
from .verdict import Outcome, Verdict, item

REASSIGNMENT_WAITING_DAYS = 90  # BEN-07
REFUND_WINDOW_DAYS = 30  # BEN-13
MEMBERSHIP_LEVELS = ("action_pack", "silver", "gold")
BENEFIT_KINDS = ("software", "cloud", "visual_studio", "technical", "go_to_market")
CLOUD_SUBSCRIPTION_KINDS = ("usage_based", "license_based")
MARKETING_CONTACT_FACTS = ("marketing_contact_email", "marketing_contact_phone", "marketing_contact_language")
# The handoff trigger of a refund: it is requested through a service request (BEN-13).
REFUND = "refund"


# ----- single decisions ------------------------------------------------------------------


def visual_studio_reassignment(assigned_on: date, today: date) -> Verdict:
    """BEN-07: a Visual Studio subscription moves to another subscriber only once 90 days
    have passed since the original assignment."""
    if assigned_on > today:
        return Verdict(Outcome.ASK, "ben_assignment_date_in_future", ("BEN-07",), ask="assigned_on")
    earliest = assigned_on + timedelta(days=REASSIGNMENT_WAITING_DAYS)
    if today >= earliest:
        return Verdict(Outcome.ALLOWED, "ben_vs_reassign_allowed", ("BEN-07",), {"assigned_on": assigned_on})
    return Verdict(
        Outcome.BLOCKED,
        "ben_vs_reassign_not_yet",
        ("BEN-07",),
        {"assigned_on": assigned_on, "earliest_date": earliest, "days_left": (earliest - today).days},
    )


def refund_eligibility(purchased_on: date, software_activated: Optional[bool], today: date) -> Verdict:
    """BEN-13: cancel with a refund only within 30 days of purchase and only if the software
    benefits were not activated; the answer names the condition that fails."""
    return REFUND_CHECKS.verdict(
        {"benefits_purchased_on": purchased_on.isoformat(), "software_benefits_activated": software_activated, "today": today}
    )


def support_for(level: Optional[str], product_kind: str, wanted: str) -> Verdict:
    """BEN-10: which support to use. Signature cloud support is for Gold/Silver only;
    product support incidents (recent on-premises products) and presales/deployment
    services (cloud and hybrid) are for Action Pack and Gold/Silver alike."""
    if level is None:
        return Verdict(Outcome.ASK, "ask_membership_level", ("BEN-10",), ask="membership_level")
    if wanted == "signature_cloud":
        if level == "action_pack":
            return Verdict(Outcome.BLOCKED, "ben_signature_not_for_action_pack", ("BEN-10",))
        return Verdict(Outcome.ALLOWED, "ben_signature_cloud_support", ("BEN-10",))
    if wanted == "product_support_incident":
        if product_kind != "on_premises":
            return Verdict(Outcome.BLOCKED, "ben_incidents_only_on_premises", ("BEN-10",))
        return Verdict(Outcome.ALLOWED, "ben_product_support_incident", ("BEN-10", "BEN-09"))
    return Verdict(Outcome.ALLOWED, "ben_presales_deployment", ("BEN-10",))


def support_options(level: Optional[str]) -> Verdict:
    """BEN-10 for a membership level: which kinds of technical support it can use (BEN-09:
    with the Access ID and Contract ID for some products)."""
    if level is None:
        return Verdict(Outcome.ASK, "ask_membership_level", ("BEN-10",), ask="membership_level")
    if level == "action_pack":
        return Verdict(Outcome.INFO, "ben_support_options_action_pack", ("BEN-10", "BEN-09"))
    return Verdict(Outcome.INFO, "ben_support_options_competency", ("BEN-10", "BEN-09"))


def ids_needed(product_kind: str) -> Verdict:
    """BEN-09: the Access ID and Contract ID are needed for support requests on on-premises,
    Azure (non-CSP) and Dynamics products."""
    if product_kind in ("on_premises", "azure_non_csp", "dynamics"):
        return Verdict(Outcome.INFO, "ben_ids_needed", ("BEN-09", "BEN-08"))
    return Verdict(Outcome.INFO, "ben_ids_not_needed", ("BEN-09",))


def marketing_contact_email_ok(contact_email: str, company_account_email: Optional[str]) -> Verdict:
    """BEN-11: the marketing contact's email must differ from the company account's email."""
    if company_account_email and contact_email.strip().lower() == company_account_email.strip().lower():
        return Verdict(Outcome.BLOCKED, "ben_marketing_email_same_as_account", ("BEN-11",))
    return Verdict(Outcome.ALLOWED, "ben_marketing_contact_ok", ("BEN-11",))


def technical_benefits(facts: Mapping[str, Any], role: Optional[str]) -> Verdict:
    """BEN-08: a membership still in PMC activates technical benefits outside Partner Center
    (Partner Frontline); in Partner Center the page needs the right role (BEN-03), activation
    takes several days, and the Access ID and Contract ID appear once processed."""
    if facts.get("mpn_account") == "pmc":
        return Verdict(Outcome.BLOCKED, "ben_technical_via_partner_frontline", ("BEN-08", "BEN-01"))
    if role is not None and role not in ACTIVATING_ROLES:
        return Verdict(Outcome.BLOCKED, "ben_technical_ask_global_admin", ("BEN-08", "BEN-03"))
    return Verdict(Outcome.INFO, "ben_technical_activate_steps", ("BEN-08",))


def technical_benefits_status(facts: Mapping[str, Any], today: date) -> Verdict:
    """BEN-08: where the Access ID and Contract ID are: stored ones are given back; after an
    activation request they appear once it is processed (several days); without one, activate
    first (or, in PMC, through Partner Frontline)."""
    if facts.get("technical_access_id"):
        return Verdict(
            Outcome.INFO,
            "ben_ids_stored",
            ("BEN-08", "BEN-09"),
            {"access_id": facts["technical_access_id"], "contract_id": facts.get("technical_contract_id") or "-"},
        )
    if facts.get("mpn_account") == "pmc":
        return Verdict(Outcome.BLOCKED, "ben_technical_via_partner_frontline", ("BEN-08", "BEN-01"))
    requested = facts.get("technical_benefits_requested_on")
    if requested:
        requested_on = date.fromisoformat(requested)
        return Verdict(
            Outcome.NEXT_STEP,
            "ben_ids_after_processing",
            ("BEN-08", "BEN-09"),
            {"requested_on": requested_on, "days_since_request": (today - requested_on).days},
        )
    return Verdict(Outcome.NEXT_STEP, "ben_ids_activate_first", ("BEN-08", "BEN-09"))


def benefit_permissions(role: Optional[str]) -> Verdict:
    """BEN-02 / BEN-03 together: buying needs no admin role, assigning to employees needs the
    Global admin, activating needs Global admin or MPN partner admin; said for the user's role."""
    if role is None:
        return Verdict(Outcome.INFO, "ben_permissions", ("BEN-02", "BEN-03"))
    if role == "global_admin":
        code = "ben_permissions_global_admin"
    elif role in ACTIVATING_ROLES:
        code = "ben_permissions_can_activate"
    else:
        code = "ben_permissions_can_only_buy"
    return Verdict(Outcome.INFO, code, ("BEN-02", "BEN-03"), items=(item("role", role),))


def offer_expiry(expires_on: date, today: date) -> Verdict:
    """BEN-12: an active offer can be used until its expiry date."""
    if expires_on <= today:
        return Verdict(Outcome.ASK, "ben_offer_expiry_passed", ("BEN-12",), {"expires_on": expires_on})
    return Verdict(
        Outcome.DONE,
        "ben_offer_active_recorded",
        ("BEN-12",),
        {"expires_on": expires_on, "days_left": (expires_on - today).days},
    )


# ----- the checks of the Benefits page (BEN-01, BEN-02/03, then the benefit's steps) --------


def _mpn_account(account: str, known: Known) -> Optional[Verdict]:
    """BEN-01: a membership not yet invited to move from PMC keeps managing benefits in PMC
    (technical benefits: through Partner Frontline, BEN-08); without MPN, join first."""
    if account == "none":
        return Verdict(Outcome.BLOCKED, "ben_join_mpn_first", ("BEN-01",))
    if account == "pmc":
        if known.get("topic") == "technical":
            return Verdict(Outcome.BLOCKED, "ben_technical_via_partner_frontline", ("BEN-08", "BEN-01"))
        return Verdict(Outcome.BLOCKED, "ben_manage_in_pmc", ("BEN-01",))
    return None


def _role_for_topic(role: str, known: Known) -> Optional[Verdict]:
    """BEN-02 (assigning needs the Global admin), BEN-03 (activating needs Global admin or
    MPN partner admin: otherwise ask the global admin), BEN-08 and BEN-11 for their pages."""
    topic = known.get("topic")
    if topic == "overview":
        return None
    if topic == "visual_studio":
        if role != "global_admin":
            return Verdict(Outcome.BLOCKED, "ben_assign_needs_global_admin", ("BEN-02",))
        return None
    if role in ACTIVATING_ROLES:
        return None
    if topic == "technical":
        return Verdict(Outcome.BLOCKED, "ben_technical_ask_global_admin", ("BEN-08", "BEN-03"))
    if topic == "go_to_market":
        return Verdict(Outcome.BLOCKED, "ben_gtm_ask_global_admin", ("BEN-11", "BEN-03"))
    return Verdict(Outcome.BLOCKED, "ben_activate_ask_global_admin", ("BEN-03",))


def _steps(code: str, *rule_ids: str) -> Callable[[Known], Verdict]:
    """A page's steps; with the role not known, said with who may take them (BEN-02/03)."""

    def conclude(known: Known) -> Verdict:
        caveat = "_role_unknown" if known.get("user_role") is None and known.get("topic") != "overview" else ""
        return Verdict(Outcome.INFO, code + caveat, rule_ids + (("BEN-03",) if caveat else ()))

    return conclude


def _cloud_steps(known: Known) -> Verdict:
    """BEN-05: usage-based (assign yourself, then the Azure portal) or license-based (Get
    keys); both when the kind is not known."""
    kind = known.get("cloud_subscription_kind")
    code = {"usage_based": "ben_cloud_usage_based_steps", "license_based": "ben_cloud_license_based_steps"}.get(
        str(kind), "ben_cloud_steps"
    )
    return _steps(code, "BEN-05")(known)


def _visual_studio_steps(known: Known) -> Verdict:
    """BEN-06: a user not in the list is added in Account settings first."""
    if known.get("subscriber_in_list") is False:
        return Verdict(Outcome.NEXT_STEP, "ben_vs_add_user_first", ("BEN-06",))
    return _steps("ben_vs_assign_steps", "BEN-06", "BEN-02")(known)


def _marketing_contact_ask(fact: str) -> Callable[[Known], Verdict]:
    return lambda known: Verdict(
        Outcome.ASK, f"ask_{fact}", ("BEN-11",), {"offer": known.get("gtm_offer") or ""}, ask=fact
    )


def _gtm_steps(known: Known) -> Verdict:
    return Verdict(
        Outcome.NEXT_STEP,
        "ben_gtm_activate_steps",
        ("BEN-11", "BEN-12"),
        {"contact_email": known.get("marketing_contact_email") or "", "offer": known.get("gtm_offer") or ""},
    )


def _benefit_page(conclude: Callable[[Known], Verdict], *extra: Check) -> CheckTable:
    return CheckTable(
        checks=(
            Check("mpn_account", "mpn_account", ("BEN-01",), decide=_mpn_account, verdict_asks=False),
            Check("user_role", "user_role", ("BEN-02", "BEN-03"), decide=_role_for_topic, verdict_asks=False),
            *extra,
        ),
        conclude=conclude,
    )


# BEN-11: a marketing contact before any go-to-market offer (an assigned contact counts).
_MARKETING_CONTACT = tuple(
    Check(name, name, ("BEN-11",), applies=lambda known: not known.get("marketing_contact_assigned"), ask=_marketing_contact_ask(name))
    for name in MARKETING_CONTACT_FACTS
)


# ----- refunds (BEN-13) ------------------------------------------------------------------


def _purchase(purchased: str, known: Known) -> Optional[Verdict]:
    purchased_on, today = date.fromisoformat(purchased), known["today"]
    if purchased_on > today:
        return Verdict(Outcome.ASK, "ben_purchase_date_in_future", ("BEN-13",), ask="benefits_purchased_on")
    if (today - purchased_on).days > REFUND_WINDOW_DAYS:
        late = "ben_refund_late_and_activated" if known.get("software_benefits_activated") else "ben_refund_too_late"
        return Verdict(Outcome.BLOCKED, late, ("BEN-13",), _refund_dates(known))
    return None


def _activation(activated: bool, known: Known) -> Optional[Verdict]:
    if activated:
        if known.get("benefits_purchased_on") is None:  # activated decides, whenever it was bought
            return Verdict(Outcome.BLOCKED, "ben_refund_software_activated_any_date", ("BEN-13",))
        return Verdict(Outcome.BLOCKED, "ben_refund_software_activated", ("BEN-13",), _refund_dates(known))
    return None


def _refund_dates(known: Known) -> Dict[str, Any]:
    purchased_on = date.fromisoformat(known["benefits_purchased_on"])
    return {
        "purchased_on": purchased_on,
        "days_since_purchase": (known["today"] - purchased_on).days,
        "last_day": purchased_on + timedelta(days=REFUND_WINDOW_DAYS),
    }


REFUND_CHECKS = CheckTable(
    checks=(
        Check("benefits_purchased_on", "benefits_purchased_on", ("BEN-13",), decide=_purchase),
        Check("software_benefits_activated", "software_benefits_activated", ("BEN-13",), decide=_activation),
    ),
    conclude=lambda known: Verdict(
        Outcome.ALLOWED, "ben_refund_file_service_request", ("BEN-13",), _refund_dates(known), person=REFUND
    ),
)


# ----- technical support (BEN-10) -----------------------------------------------------------


def _support(known: Known) -> Verdict:
    """BEN-10 for the support asked for; a problem with a named product asks for problem
    resolution: Signature support for a cloud product, an incident for an on-premises one."""
    wanted = known.get("support_kind")
    product = known.get("product_kind")
    if wanted is None and product in ("cloud", "on_premises"):
        wanted = "signature_cloud" if product == "cloud" else "product_support_incident"
    if wanted is None:
        return support_options(known["membership_level"])
    product = product or ("on_premises" if wanted == "product_support_incident" else "cloud")
    return support_for(known["membership_level"], product, wanted)


BENEFIT_TOPICS: Dict[str, CheckTable] = {
    "overview": _benefit_page(lambda known: Verdict(Outcome.INFO, "ben_overview", ("BEN-01", "BEN-02", "BEN-03"))),
    "software": _benefit_page(_steps("ben_software_steps", "BEN-04")),
    "cloud": _benefit_page(_cloud_steps),
    "visual_studio": _benefit_page(_visual_studio_steps),
    "technical": _benefit_page(_steps("ben_technical_activate_steps", "BEN-08")),
    "go_to_market": _benefit_page(_gtm_steps, *_MARKETING_CONTACT),
    "refund": REFUND_CHECKS,
    "support": CheckTable(
        checks=(
            Check(
                "membership_level",
                "membership_level",
                ("BEN-10",),
                ask=lambda known: Verdict(Outcome.ASK, "ask_membership_level", ("BEN-10",), ask="membership_level"),
            ),
        ),
        conclude=_support,
    ),
}
TOPICS = tuple(BENEFIT_TOPICS)

# BEN-02 / BEN-03 / BEN-11: what each kind of permission needs.
PERMISSION_KINDS = ("buy", "assign", "activate", "technical", "go_to_market")


def permission_verdict(kind: Optional[str], role: Optional[str]) -> Verdict:
    """BEN-02 (buying needs no admin role; assigning to employees needs the Global admin),
    BEN-03 (activating or downloading keys needs Global admin or MPN partner admin), BEN-08
    and BEN-11 (technical benefits, go-to-market offers: the same two roles), for the user's
    role when known."""
    if kind is None:
        return benefit_permissions(role)
    role_item = (item("role", role),) if role else ()
    if kind == "buy":
        return Verdict(Outcome.ALLOWED, "ben_may_buy", ("BEN-02",), items=role_item)
    rule_ids = {"assign": ("BEN-02",), "technical": ("BEN-08", "BEN-03"), "go_to_market": ("BEN-11", "BEN-03")}.get(
        kind, ("BEN-03",)
    )
    allowed_roles = ("global_admin",) if kind == "assign" else ACTIVATING_ROLES
    if role is None:
        return Verdict(Outcome.INFO, f"ben_who_may_{kind}", rule_ids)
    if role in allowed_roles:
        return Verdict(Outcome.ALLOWED, f"ben_you_may_{kind}", rule_ids, items=role_item)
    return Verdict(Outcome.BLOCKED, f"ben_you_may_not_{kind}", rule_ids, items=role_item)


def _known(topic: str, facts: Mapping[str, Any], answers: Mapping[str, Any], today: date) -> Dict[str, Any]:
    # Stored facts win over the conversation's answers of the same name.
    known: Dict[str, Any] = {name: value for name, value in answers.items() if value is not None}
    known.update({name: value for name, value in facts.items() if value is not None})
    known.update(topic=topic, today=today)
    return known


def benefit_verdict(topic: str, facts: Mapping[str, Any], answers: Mapping[str, Any], today: date) -> Verdict:
    """The answer for ``topic`` from its table, with what is known: a known fact that blocks
    wins, steps are given with who may take them when the role is not known, and only a
    fact that decides (the marketing contact, the purchase date ...) is asked for."""
    return BENEFIT_TOPICS[topic].verdict(_known(topic, facts, answers, today))
