"""The benefit rules that decide from dates, roles and levels (BEN-01..13)."""

from datetime import date, timedelta

import pytest

from actions.rules import benefits
from actions.rules.verdict import Outcome
from actions.store.facts import Facts

TODAY = date(2026, 11, 21)


IN_PARTNER_CENTER = {"mpn_account": "partner_center"}


def page(topic, answers=None, **facts):
    """The verdict for a topic of the Benefits page."""
    return benefits.benefit_verdict(topic, Facts(**facts), answers or {}, TODAY)


def test_BEN_01_membership_still_in_pmc_manages_benefits_in_pmc():
    assert page("overview", mpn_account="pmc").code == "ben_manage_in_pmc"
    assert page("overview", user_role="other", **IN_PARTNER_CENTER).code == "ben_overview"


def test_BEN_02_buying_needs_no_global_admin_but_assigning_does():
    assert benefits.benefit_permissions("other").code == "ben_permissions_can_only_buy"
    assert page("visual_studio", user_role="global_admin", **IN_PARTNER_CENTER).code == "ben_vs_assign_steps"
    assigned = page("visual_studio", user_role="mpn_partner_admin", **IN_PARTNER_CENTER)
    assert assigned.outcome is Outcome.BLOCKED and assigned.rule_ids == ("BEN-02",)
    # The answer first: with the role unknown, the steps are given with who may take them.
    unknown = page("visual_studio", **IN_PARTNER_CENTER)
    assert unknown.outcome is Outcome.INFO and unknown.ask is None
    assert unknown.code == "ben_vs_assign_steps_role_unknown"
    assert "BEN-02" in unknown.rule_ids


@pytest.mark.parametrize(
    "role, allowed", [("global_admin", True), ("mpn_partner_admin", True), ("admin_agent", False), ("other", False)]
)
def test_BEN_03_activating_needs_global_admin_or_mpn_partner_admin(role, allowed):
    verdict = page("software", user_role=role, **IN_PARTNER_CENTER)
    assert (verdict.code == "ben_software_steps") is allowed
    assert (verdict.code == "ben_activate_ask_global_admin") is not allowed
    # A role that may activate just gets the steps (BEN-04); the others are told why not.
    assert ("BEN-03" in verdict.rule_ids) is not allowed


def test_BEN_04_software_benefit_steps():
    assert page("software", user_role="global_admin", **IN_PARTNER_CENTER).rule_ids == ("BEN-04",)
    unknown = page("software", **IN_PARTNER_CENTER)
    assert unknown.code == "ben_software_steps_role_unknown"
    assert unknown.rule_ids == ("BEN-04", "BEN-03")


def test_BEN_05_cloud_steps_depend_on_the_subscription_kind():
    admin = dict(user_role="global_admin", **IN_PARTNER_CENTER)
    assert page("cloud", {"cloud_subscription_kind": "usage_based"}, **admin).code == "ben_cloud_usage_based_steps"
    assert page("cloud", {"cloud_subscription_kind": "license_based"}, **admin).code == "ben_cloud_license_based_steps"
    # The kind not known: both ways are given, nothing is asked.
    unknown = page("cloud", **admin)
    assert unknown.outcome is Outcome.INFO and unknown.code == "ben_cloud_steps"
    assert unknown.rule_ids == ("BEN-05",) and unknown.ask is None
    role_unknown = page("cloud", {"cloud_subscription_kind": "usage_based"}, **IN_PARTNER_CENTER)
    assert role_unknown.code == "ben_cloud_usage_based_steps_role_unknown"
    assert role_unknown.rule_ids == ("BEN-05", "BEN-03")


def test_BEN_06_visual_studio_assignment_steps_and_missing_user():
    admin = dict(user_role="global_admin", **IN_PARTNER_CENTER)
    assert page("visual_studio", **admin).rule_ids == ("BEN-06", "BEN-02")
    assert page("visual_studio", {"subscriber_in_list": False}, **admin).code == "ben_vs_add_user_first"


def test_BEN_08_technical_benefits_pmc_role_and_activation():
    assert benefits.technical_benefits(Facts(mpn_account="pmc"), "global_admin").rule_ids == ("BEN-08", "BEN-01")
    assert benefits.technical_benefits(Facts(), "admin_agent").code == "ben_technical_ask_global_admin"
    assert benefits.technical_benefits(Facts(), "mpn_partner_admin").rule_ids == ("BEN-08",)
    assert page("technical", user_role="admin_agent", **IN_PARTNER_CENTER).code == "ben_technical_ask_global_admin"


def test_BEN_07_day_89_is_too_early_with_the_exact_date_and_days_left():
    assigned = TODAY - timedelta(days=89)
    verdict = benefits.visual_studio_reassignment(assigned, TODAY)
    assert verdict.outcome is Outcome.BLOCKED
    assert verdict.params["earliest_date"] == TODAY + timedelta(days=1)
    assert verdict.params["days_left"] == 1


def test_BEN_07_day_90_is_allowed():
    assert benefits.visual_studio_reassignment(TODAY - timedelta(days=90), TODAY).allowed


def test_BEN_07_an_assignment_date_in_the_future_is_asked_again():
    assert benefits.visual_studio_reassignment(TODAY + timedelta(days=1), TODAY).outcome is Outcome.ASK


def test_BEN_13_day_30_without_activation_is_eligible_day_31_is_not():
    on_day_30 = benefits.refund_eligibility(TODAY - timedelta(days=30), False, TODAY)
    assert on_day_30.allowed and on_day_30.code == "ben_refund_file_service_request"
    on_day_31 = benefits.refund_eligibility(TODAY - timedelta(days=31), False, TODAY)
    assert on_day_31.code == "ben_refund_too_late"
    assert on_day_31.params["last_day"] == TODAY - timedelta(days=1)


def test_BEN_13_names_which_condition_fails():
    assert (
        benefits.refund_eligibility(TODAY - timedelta(days=3), True, TODAY).code
        == "ben_refund_software_activated"
    )
    both = benefits.refund_eligibility(TODAY - timedelta(days=40), True, TODAY)
    assert both.code == "ben_refund_late_and_activated"
    assert benefits.refund_eligibility(TODAY - timedelta(days=3), None, TODAY).ask == "software_benefits_activated"
    assert benefits.refund_eligibility(TODAY + timedelta(days=2), False, TODAY).outcome is Outcome.ASK


def test_BEN_10_action_pack_gets_no_signature_cloud_support():
    verdict = benefits.support_for("action_pack", "cloud", "signature_cloud")
    assert verdict.outcome is Outcome.BLOCKED and verdict.code == "ben_signature_not_for_action_pack"
    assert verdict.rule_ids == ("BEN-10",)
    assert benefits.support_for("gold", "cloud", "signature_cloud").allowed
    assert benefits.support_for("action_pack", "on_premises", "product_support_incident").allowed
    assert benefits.support_for("silver", "cloud", "presales_deployment").allowed
    assert benefits.support_for(None, "cloud", "signature_cloud").ask == "membership_level"


@pytest.mark.parametrize(
    "kind, needed", [("on_premises", True), ("azure_non_csp", True), ("dynamics", True), ("azure_csp", False)]
)
def test_BEN_09_access_and_contract_ids_needed_for_these_products(kind, needed):
    verdict = benefits.ids_needed(kind)
    assert (verdict.code == "ben_ids_needed") is needed
    assert "BEN-09" in verdict.rule_ids


def test_BEN_11_marketing_contact_email_must_differ_from_the_account_email():
    assert benefits.marketing_contact_email_ok("Admin@Contoso.com", "admin@contoso.com").outcome is Outcome.BLOCKED
    assert benefits.marketing_contact_email_ok("marketing@contoso.com", "admin@contoso.com").allowed


# ----- the answer with what is known: a known block wins, only a deciding fact is asked ------


def test_BEN_01_BEN_03_benefit_page_topics_answer_without_asking_the_account_or_role():
    no_facts = benefits.benefit_verdict("software", Facts(), {}, TODAY)
    assert no_facts.code == "ben_software_steps_role_unknown" and no_facts.ask is None
    assert benefits.benefit_verdict("software", Facts(mpn_account="pmc"), {}, TODAY).code == "ben_manage_in_pmc"
    other = benefits.benefit_verdict("software", Facts(mpn_account="partner_center", user_role="other"), {}, TODAY)
    assert other.outcome is Outcome.BLOCKED and other.code == "ben_activate_ask_global_admin"
    # A known block wins even when the MPN account is not known.
    assert benefits.benefit_verdict("software", Facts(user_role="admin_agent"), {}, TODAY).rule_ids == ("BEN-03",)


def test_BEN_05_cloud_blocks_someone_who_cannot_activate_whatever_the_kind():
    agent = Facts(mpn_account="partner_center", user_role="admin_agent")
    assert benefits.benefit_verdict("cloud", agent, {}, TODAY).code == "ben_activate_ask_global_admin"
    licensed = benefits.benefit_verdict("cloud", agent, {"cloud_subscription_kind": "license_based"}, TODAY)
    assert licensed.code == "ben_activate_ask_global_admin"
    admin = Facts(mpn_account="partner_center", user_role="global_admin")
    assert benefits.benefit_verdict("cloud", admin, {"cloud_subscription_kind": "license_based"}, TODAY).code == (
        "ben_cloud_license_based_steps"
    )


def test_BEN_11_go_to_market_collects_the_missing_marketing_contact_details():
    admin = Facts(mpn_account="partner_center", user_role="mpn_partner_admin", marketing_contact_email="m@c.com")
    asked = benefits.benefit_verdict("go_to_market", admin, {}, TODAY)
    assert asked.outcome is Outcome.ASK and asked.ask == "marketing_contact_phone"
    assert asked.code == "ask_marketing_contact_phone" and asked.rule_ids == ("BEN-11",)
    language = benefits.benefit_verdict("go_to_market", admin, {"marketing_contact_phone": "+31 20 1"}, TODAY)
    assert language.ask == "marketing_contact_language"
    verdict = benefits.benefit_verdict(
        "go_to_market", admin, {"marketing_contact_phone": "+31 20 1", "marketing_contact_language": "nl"}, TODAY
    )
    assert verdict.rule_ids == ("BEN-11", "BEN-12") and verdict.params["contact_email"] == "m@c.com"
    contact_assigned = {"marketing_contact_assigned": True, "gtm_offer": "Gold cores"}
    assigned = benefits.benefit_verdict("go_to_market", Facts(user_role="global_admin"), contact_assigned, TODAY)
    assert assigned.code == "ben_gtm_activate_steps" and assigned.params["offer"] == "Gold cores"
    agent = Facts(mpn_account="partner_center", user_role="admin_agent")
    assert benefits.benefit_verdict("go_to_market", agent, {}, TODAY).rule_ids == ("BEN-11", "BEN-03")


def test_BEN_13_refund_asks_the_purchase_date_then_activation_only_inside_30_days():
    assert benefits.benefit_verdict("refund", Facts(), {}, TODAY).ask == "benefits_purchased_on"
    recent = Facts(benefits_purchased_on=(TODAY - timedelta(days=30)).isoformat())
    assert benefits.benefit_verdict("refund", recent, {}, TODAY).ask == "software_benefits_activated"
    old = Facts(benefits_purchased_on=(TODAY - timedelta(days=31)).isoformat())
    too_late = benefits.benefit_verdict("refund", old, {}, TODAY)
    assert too_late.outcome is Outcome.BLOCKED and too_late.code == "ben_refund_too_late" and too_late.ask is None
    allowed = benefits.benefit_verdict("refund", recent, {"software_benefits_activated": False}, TODAY)
    assert allowed.code == "ben_refund_file_service_request" and allowed.needs_person


def test_BEN_10_support_topic_asks_the_level_then_answers_for_the_product():
    assert benefits.benefit_verdict("support", Facts(), {}, TODAY).ask == "membership_level"
    action_pack = Facts(membership_level="action_pack")
    assert benefits.benefit_verdict("support", action_pack, {"product_kind": "cloud"}, TODAY).code == (
        "ben_signature_not_for_action_pack"
    )
    assert benefits.benefit_verdict("support", action_pack, {"product_kind": "on_premises"}, TODAY).code == (
        "ben_product_support_incident"
    )
    assert benefits.benefit_verdict("support", Facts(membership_level="gold"), {}, TODAY).code == (
        "ben_support_options_competency"
    )


def test_BEN_01_no_mpn_membership_means_join_first_and_pmc_technical_goes_to_frontline():
    assert page("software", mpn_account="none").code == "ben_join_mpn_first"
    pmc = page("technical", mpn_account="pmc")
    assert pmc.rule_ids == ("BEN-08", "BEN-01")


def test_BEN_08_BEN_09_ids_stored_or_after_processing_or_activate_first():
    stored = benefits.technical_benefits_status(Facts(technical_access_id="A1", technical_contract_id="C1"), TODAY)
    assert stored.code == "ben_ids_stored" and stored.params["access_id"] == "A1"
    requested = Facts(technical_benefits_requested_on=(TODAY - timedelta(days=4)).isoformat())
    waiting = benefits.technical_benefits_status(requested, TODAY)
    assert waiting.code == "ben_ids_after_processing" and waiting.params["days_since_request"] == 4
    assert benefits.technical_benefits_status(Facts(), TODAY).code == "ben_ids_activate_first"


@pytest.mark.parametrize(
    "role, code",
    [
        (None, "ben_permissions"),
        ("global_admin", "ben_permissions_global_admin"),
        ("mpn_partner_admin", "ben_permissions_can_activate"),
        ("admin_agent", "ben_permissions_can_only_buy"),
    ],
)
def test_BEN_02_BEN_03_permissions_said_for_the_role(role, code):
    verdict = benefits.benefit_permissions(role)
    assert verdict.code == code and verdict.rule_ids == ("BEN-02", "BEN-03")


def test_BEN_12_expiry_must_be_after_today():
    assert benefits.offer_expiry(TODAY, TODAY).outcome is Outcome.ASK
    active = benefits.offer_expiry(TODAY + timedelta(days=10), TODAY)
    assert active.code == "ben_offer_active_recorded" and active.params["days_left"] == 10


def test_BEN_10_support_options_by_level():
    assert benefits.support_options(None).ask == "membership_level"
    assert benefits.support_options("action_pack").code == "ben_support_options_action_pack"
    assert benefits.support_options("gold").code == "ben_support_options_competency"
