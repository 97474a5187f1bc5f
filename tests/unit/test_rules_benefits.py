"""The benefit rules that decide from dates, roles and levels (BEN-01..13)."""

from datetime import date, timedelta

import pytest

from actions.rules import benefits
from actions.rules.verdict import Outcome
from actions.store.facts import Facts

TODAY = date(2026, 11, 21)


def test_BEN_01_membership_still_in_pmc_manages_benefits_in_pmc():
    assert benefits.benefits_location(Facts(mpn_account="pmc")).response == "utter_ben_manage_in_pmc"
    assert benefits.benefits_location(Facts(mpn_account="partner_center")).allowed


def test_BEN_02_buying_needs_no_global_admin_but_assigning_does():
    assert benefits.may_buy_benefits("other").allowed
    assert benefits.may_assign_benefits("global_admin").allowed
    assigned = benefits.may_assign_benefits("mpn_partner_admin")
    assert assigned.outcome is Outcome.BLOCKED and assigned.rule_ids == ("BEN-02",)
    assert benefits.may_assign_benefits(None).ask == "user_role"


@pytest.mark.parametrize(
    "role, allowed", [("global_admin", True), ("mpn_partner_admin", True), ("admin_agent", False), ("other", False)]
)
def test_BEN_03_activating_needs_global_admin_or_mpn_partner_admin(role, allowed):
    verdict = benefits.may_activate_benefits(role)
    assert verdict.allowed is allowed
    assert verdict.rule_ids == ("BEN-03",)


def test_BEN_04_software_benefit_steps():
    assert benefits.software_benefit_steps().rule_ids == ("BEN-04", "BEN-03")


def test_BEN_05_cloud_steps_depend_on_the_subscription_kind():
    assert benefits.cloud_benefit_steps("usage_based").response == "utter_ben_cloud_usage_based_steps"
    assert benefits.cloud_benefit_steps("license_based").response == "utter_ben_cloud_license_based_steps"
    unknown = benefits.cloud_benefit_steps(None)
    assert unknown.outcome is Outcome.ASK and unknown.rule_ids == ("BEN-05",)


def test_BEN_06_visual_studio_assignment_steps_and_missing_user():
    assert benefits.visual_studio_steps().rule_ids == ("BEN-06", "BEN-02")
    assert benefits.visual_studio_steps(subscriber_in_list=False).response == "utter_ben_vs_add_user_first"


def test_BEN_08_technical_benefits_pmc_role_and_activation():
    assert benefits.technical_benefits(Facts(mpn_account="pmc"), "global_admin").rule_ids == ("BEN-08", "BEN-01")
    assert benefits.technical_benefits(Facts(), "admin_agent").response == "utter_ben_technical_ask_global_admin"
    assert benefits.technical_benefits(Facts(), "mpn_partner_admin").rule_ids == ("BEN-08",)


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
    assert on_day_30.allowed and on_day_30.response == "utter_ben_refund_file_service_request"
    on_day_31 = benefits.refund_eligibility(TODAY - timedelta(days=31), False, TODAY)
    assert on_day_31.response == "utter_ben_refund_too_late"
    assert on_day_31.params["last_day"] == TODAY - timedelta(days=1)


def test_BEN_13_names_which_condition_fails():
    assert (
        benefits.refund_eligibility(TODAY - timedelta(days=3), True, TODAY).response
        == "utter_ben_refund_software_activated"
    )
    both = benefits.refund_eligibility(TODAY - timedelta(days=40), True, TODAY)
    assert both.response == "utter_ben_refund_late_and_activated"
    assert benefits.refund_eligibility(TODAY - timedelta(days=3), None, TODAY).ask == "software_activated"
    assert benefits.refund_eligibility(TODAY + timedelta(days=2), False, TODAY).outcome is Outcome.ASK


def test_BEN_10_action_pack_gets_no_signature_cloud_support():
    verdict = benefits.support_for("action_pack", "cloud", "signature_cloud")
    assert verdict.outcome is Outcome.BLOCKED and verdict.response == "utter_ben_signature_not_for_action_pack"
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
    assert (verdict.response == "utter_ben_ids_needed") is needed
    assert "BEN-09" in verdict.rule_ids


def test_BEN_11_marketing_contact_email_must_differ_from_the_account_email():
    assert benefits.marketing_contact_email_ok("Admin@Contoso.com", "admin@contoso.com").outcome is Outcome.BLOCKED
    assert benefits.marketing_contact_email_ok("marketing@contoso.com", "admin@contoso.com").allowed
