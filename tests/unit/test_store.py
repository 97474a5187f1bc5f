"""The state store on SQLite and on the PostgreSQL server: facts, history, and refusals."""

import pytest
from sqlalchemy import create_engine, inspect

from actions.store import PartnerStore, RuleViolation, UnknownFact
from actions.store.errors import StoreUnavailable

SENDER = "partner-1"


def make_ready(store, sender=SENDER):
    store.record_mpn_membership(sender, True)
    store.record_work_account(sender, "exists")
    store.record_work_email(sender, "admin@contoso.com")
    for item in ("legal_details", "signing_authority", "primary_contact"):
        store.record_prerequisite(sender, item, True)


def test_store_creates_its_schema_with_migrations(store, store_url):
    tables = set(inspect(create_engine(store_url)).get_table_names())
    assert {"cases", "facts", "organisations", "alembic_version"} <= tables
    PartnerStore(store_url).dispose()  # a second start upgrades nothing and fails nothing


def test_facts_are_recorded_with_their_time_and_history(store, clock):
    store.record_mpn_membership(SENDER, False)
    first_time = clock.now
    store.record_mpn_membership(SENDER, True)
    facts = store.facts(SENDER)
    assert facts["mpn_member"] is True
    assert facts.recorded_at("mpn_member") > first_time
    assert [(name, value) for name, value, _ in store.history(SENDER)] == [("mpn_member", False), ("mpn_member", True)]


def test_cases_are_separate_per_sender(store):
    store.record_mpn_membership("a", True)
    assert store.facts("b").get("mpn_member") is None


def test_ONB_01_steps_refused_for_non_member(store):
    store.record_mpn_membership(SENDER, False)
    with pytest.raises(RuleViolation) as refusal:
        store.complete_enrollment_step(SENDER, 1)
    assert refusal.value.rule_id == "ONB-01"
    assert refusal.value.facts["mpn_member"] is False


def test_ONB_02_steps_refused_until_prerequisites_are_on_hand(store):
    store.record_mpn_membership(SENDER, True)
    store.record_prerequisite(SENDER, "legal_details", False)
    with pytest.raises(RuleViolation) as refusal:
        store.complete_enrollment_step(SENDER, 1)
    assert refusal.value.rule_id == "ONB-02"
    assert "legal_details" in refusal.value.facts["missing_prerequisites"]


def test_ONB_03_steps_complete_in_order_only(store):
    make_ready(store)
    store.complete_enrollment_step(SENDER, 1)
    with pytest.raises(RuleViolation) as refusal:
        store.complete_enrollment_step(SENDER, 3)
    assert refusal.value.rule_id == "ONB-03"
    assert refusal.value.facts == {"steps_done": 1, "expected_step": 2, "given_step": 3}
    assert store.facts(SENDER)["enrollment_steps_done"] == 1
    for step in (2, 3, 4, 5):
        store.complete_enrollment_step(SENDER, step)
    with pytest.raises(RuleViolation):
        store.complete_enrollment_step(SENDER, 6)


def test_ONB_04_primary_contact_verification_only_after_enroll_now(store):
    make_ready(store)
    with pytest.raises(RuleViolation) as refusal:
        store.record_primary_contact_verified(SENDER)
    assert refusal.value.rule_id == "ONB-04"
    for step in (1, 2, 3):
        store.complete_enrollment_step(SENDER, step)
    assert store.record_primary_contact_verified(SENDER)["primary_contact_verified"] is True


def test_ONB_05_user_role_is_stored(store):
    assert store.record_user_role(SENDER, "admin_agent")["user_role"] == "admin_agent"
    with pytest.raises(UnknownFact):
        store.record_user_role(SENDER, "emperor")


def test_WA_01_personal_email_refused_and_nothing_written(store):
    with pytest.raises(RuleViolation) as refusal:
        store.record_work_email(SENDER, "jan@gmail.com")
    assert refusal.value.rule_id == "WA-01"
    assert refusal.value.facts["domain"] == "gmail.com"
    assert "work_email" not in store.facts(SENDER)


def test_WA_01_work_email_satisfies_the_admin_email_prerequisite(store):
    facts = store.record_work_email(SENDER, "Admin@Contoso.com")
    assert facts["work_email"] == "Admin@contoso.com"
    assert facts["prerequisite_admin_email"] is True


def test_WA_02_regional_email_refused_against_stored_headquarters_domain(store):
    store.record_headquarters_domain(SENDER, "contoso.com")
    with pytest.raises(RuleViolation) as refusal:
        store.record_work_email(SENDER, "jan@contoso.uk")
    assert refusal.value.rule_id == "WA-02"
    assert refusal.value.facts["headquarters_domain"] == "contoso.com"


def test_WA_03_cloud_subscription_records_an_existing_work_account(store):
    facts = store.record_cloud_subscription(SENDER, True)
    assert facts["work_account"] == "exists"
    assert store.record_cloud_subscription("other", False).get("work_account") is None


def test_WA_05_no_work_account_is_a_fact(store):
    assert store.record_work_account(SENDER, "none")["work_account"] == "none"
    with pytest.raises(UnknownFact):
        store.record_work_account(SENDER, "maybe")


def test_unknown_facts_and_prerequisites_are_refused(store):
    with pytest.raises(UnknownFact):
        store.record_prerequisite(SENDER, "coffee", True)


def test_case_links_to_an_organisation_by_mpn_id(store):
    assert store.link_organisation("web-user", "1234567") == "1234567"
    store.link_organisation("teams-user", "1234567")
    assert store.organisation_of("web-user") == store.organisation_of("teams-user") == "1234567"
    with pytest.raises(UnknownFact):
        store.link_organisation("web-user", "12ab")


def test_reset_progress_keeps_history_but_clears_facts(store):
    make_ready(store)
    store.reset_progress(SENDER)
    assert dict(store.facts(SENDER)) == {}
    assert len(store.history(SENDER)) >= 5
    store.record_mpn_membership(SENDER, True)
    assert dict(store.facts(SENDER)) == {"mpn_member": True}


def test_hostile_text_is_stored_and_returned_verbatim(store):
    hostile = "x'); DROP TABLE facts; -- {{7*7}} @contoso.com"
    store.record_headquarters_domain(SENDER, hostile)
    assert store.facts(SENDER)["headquarters_domain"] == hostile.lower()
    assert store.facts(SENDER).get("mpn_member") is None


def test_unreachable_database_raises_store_unavailable(tmp_path):
    with pytest.raises(StoreUnavailable):
        PartnerStore("postgresql://nobody@127.0.0.1:1/nothing")


def test_ONB_02_admin_email_not_at_hand_is_a_missing_prerequisite(store):
    store.record_mpn_membership(SENDER, True)
    facts = store.record_prerequisite(SENDER, "admin_email", False)
    assert facts["prerequisite_admin_email"] is False
    with pytest.raises(RuleViolation) as refusal:
        store.complete_enrollment_step(SENDER, 1)
    assert "admin_email" in refusal.value.facts["missing_prerequisites"]


def mpa_ready(store, sender=SENDER):
    store.record_csp_partner_type(sender, "indirect_reseller")
    store.record_mpn_program_status(sender, "active")
    store.record_indirect_reseller_status(sender, "active")
    store.record_user_role(sender, "global_admin")
    store.record_csp_regions(sender, ["Europe", "Latin America and the Caribbean"])


def test_MPA_06_a_program_status_means_the_account_is_in_partner_center(store):
    facts = store.record_mpn_program_status(SENDER, "pending")
    assert facts["mpn_account"] == "partner_center"
    with pytest.raises(UnknownFact):
        store.record_mpn_program_status(SENDER, "sleepy")


def test_MPA_02_partner_type_and_us_government_cloud(store):
    facts = store.record_csp_partner_type(SENDER, "direct_bill", us_government_cloud=True)
    assert facts["csp_partner_type"] == "direct_bill" and facts["us_government_cloud"] is True
    with pytest.raises(UnknownFact):
        store.record_csp_partner_type(SENDER, "wholesaler")


def test_MPA_04_regions_must_be_csp_regions(store):
    with pytest.raises(UnknownFact):
        store.record_csp_regions(SENDER, ["Atlantis"])
    assert store.record_csp_regions(SENDER, ["Europe", "Europe"])["csp_regions"] == ["Europe"]


def test_MPA_04_signatures_are_recorded_per_region_until_none_is_missing(store, clock):
    mpa_ready(store)
    assert store.record_mpa_signature(SENDER, "Europe").keys() == {"Europe"}
    signed = store.record_mpa_signature(SENDER, "Latin America and the Caribbean")
    assert list(signed) == ["Europe", "Latin America and the Caribbean"]
    assert signed["Europe"] < clock.now


def test_MPA_04_signature_refused_for_a_region_without_csp_business(store):
    mpa_ready(store)
    with pytest.raises(RuleViolation) as refusal:
        store.record_mpa_signature(SENDER, "Japan")
    assert refusal.value.rule_id == "MPA-04"
    assert refusal.value.facts["csp_regions"] == ["Europe", "Latin America and the Caribbean"]
    assert store.signed_regions(SENDER) == {}


def test_MPA_04_a_region_already_signed_is_refused_with_its_date(store):
    mpa_ready(store)
    first = store.record_mpa_signature(SENDER, "Europe")["Europe"]
    with pytest.raises(RuleViolation) as refusal:
        store.record_mpa_signature(SENDER, "Europe")
    assert refusal.value.rule_id == "MPA-04"
    assert refusal.value.facts["signed_at"] == first


def test_MPA_01_signature_refused_for_a_non_global_admin(store):
    mpa_ready(store)
    store.record_user_role(SENDER, "admin_agent")
    with pytest.raises(RuleViolation) as refusal:
        store.record_mpa_signature(SENDER, "Europe")
    assert refusal.value.rule_id == "MPA-01"
    assert refusal.value.facts == {"user_role": "admin_agent"}


def test_MPA_10_csp_relationship_acceptance_is_a_fact(store):
    assert store.record_csp_relationship_accepted(SENDER, True)["csp_relationship_accepted"] is True


def test_REL_02_customer_partners_are_kept_with_their_types(store):
    store.record_customer_partner(SENDER, "Contoso", "reseller")
    partners = store.record_customer_partner(SENDER, "Fabrikam", "advisor")
    assert partners == {"Contoso": "reseller", "Fabrikam": "advisor"}
    assert store.record_customer_partner(SENDER, "contoso", "delegated_admin") == {
        "Fabrikam": "advisor",
        "contoso": "delegated_admin",
    }
    assert store.facts(SENDER)["customer_has_partner"] is True
    with pytest.raises(UnknownFact):
        store.record_customer_partner(SENDER, "Contoso", "friend")


def test_REL_07_customer_removes_only_delegated_admins_and_advisors(store):
    store.record_customer_partner(SENDER, "Contoso", "reseller")
    store.record_customer_partner(SENDER, "Fabrikam", "advisor")
    with pytest.raises(RuleViolation) as refusal:
        store.remove_customer_partner(SENDER, "contoso")
    assert refusal.value.rule_id == "REL-07"
    assert refusal.value.facts == {"partner": "Contoso", "partner_type": "reseller"}
    assert store.remove_customer_partner(SENDER, "Fabrikam") == {"Contoso": "reseller"}
    with pytest.raises(UnknownFact):
        store.remove_customer_partner(SENDER, "Northwind")


def test_BEN_07_reassignment_refused_before_day_90_with_earliest_date(store, clock):
    from datetime import timedelta

    today = clock().date()
    store.assign_visual_studio_subscription(SENDER, "VS Enterprise 1", "anna@contoso.com", today - timedelta(days=89))
    with pytest.raises(RuleViolation) as refusal:
        store.reassign_visual_studio_subscription(SENDER, "VS Enterprise 1", "piet@contoso.com")
    assert refusal.value.rule_id == "BEN-07"
    assert refusal.value.facts["earliest_date"] == today + timedelta(days=1)
    assert refusal.value.facts["days_left"] == 1
    assert store.visual_studio_assignment(SENDER, "VS Enterprise 1")["subscriber"] == "anna@contoso.com"


def test_BEN_07_reassignment_allowed_from_day_90_and_history_kept(store, clock):
    from datetime import timedelta

    today = clock().date()
    store.assign_visual_studio_subscription(SENDER, "VS Pro", "anna@contoso.com", today - timedelta(days=90))
    store.reassign_visual_studio_subscription(SENDER, "VS Pro", "piet@contoso.com")
    assert store.visual_studio_assignment(SENDER, "VS Pro") == {"subscriber": "piet@contoso.com", "assigned_on": today}
    with pytest.raises(UnknownFact):
        store.assign_visual_studio_subscription(SENDER, "VS Pro 2", "x@contoso.com", today + timedelta(days=1))


def test_BEN_13_refund_within_30_days_without_activation_only(store, clock):
    from datetime import timedelta

    today = clock().date()
    store.record_benefit_purchase(SENDER, today - timedelta(days=30), "action_pack")
    assert store.request_refund(SENDER) == today - timedelta(days=30)
    store.record_software_benefits_activated(SENDER)
    with pytest.raises(RuleViolation) as refusal:
        store.request_refund(SENDER)
    assert refusal.value.rule_id == "BEN-13"
    assert refusal.value.facts["failed"] == "software_activated"
    store.record_benefit_purchase("late", today - timedelta(days=31), "gold")
    with pytest.raises(RuleViolation) as late:
        store.request_refund("late")
    assert late.value.facts["days_since_purchase"] == 31
    assert late.value.facts["failed"] == "more_than_30_days"


def test_BEN_11_offer_refused_without_marketing_contact_and_email_must_differ(store):
    from datetime import date

    with pytest.raises(RuleViolation) as refusal:
        store.activate_go_to_market_offer(SENDER, "Silver cores")
    assert refusal.value.rule_id == "BEN-11"
    store.record_work_email(SENDER, "admin@contoso.com")
    with pytest.raises(RuleViolation):
        store.assign_marketing_contact(SENDER, "ADMIN@contoso.com", "+31 20 123 4567", "nl")
    store.assign_marketing_contact(SENDER, "marketing@contoso.com", "+31 20 123 4567", "nl")
    assert store.activate_go_to_market_offer(SENDER, "Silver cores") == "pending"
    active = store.record_go_to_market_offer_active(SENDER, "Silver cores", date(2027, 6, 30))
    assert active == {"offer": "Silver cores", "status": "active", "expires_on": date(2027, 6, 30)}
    with pytest.raises(RuleViolation) as unknown:
        store.record_go_to_market_offer_active(SENDER, "Gold cores", date(2027, 6, 30))
    assert unknown.value.rule_id == "BEN-12"


def test_BEN_08_technical_activation_request_keeps_its_first_date_and_is_refused_in_pmc(store, clock):
    first = store.record_technical_benefits_requested(SENDER)
    assert first == clock().date()
    assert store.record_technical_benefits_requested(SENDER) == first
    store.record_technical_benefit_ids(SENDER, "AB12-3456", "99887766")
    facts = store.facts(SENDER)
    assert (facts["technical_access_id"], facts["technical_contract_id"]) == ("AB12-3456", "99887766")
    store.record_mpn_account("pmc-member", "pmc")
    with pytest.raises(RuleViolation) as refusal:
        store.record_technical_benefits_requested("pmc-member")
    assert refusal.value.rule_id == "BEN-08"


def test_BEN_06_BEN_07_subscriptions_are_numbered_and_their_history_kept(store, clock):
    from datetime import timedelta

    today = clock().date()
    assert store.assign_visual_studio_subscription(SENDER, None, "Anna", today - timedelta(days=100)) == "Visual Studio 1"
    assert store.assign_visual_studio_subscription(SENDER, None, "Bram", today) == "Visual Studio 2"
    store.reassign_visual_studio_subscription(SENDER, "Visual Studio 1", "Piet")
    assert [row["subscriber"] for row in store.visual_studio_assignments(SENDER)] == ["Bram", "Piet"]
    history = store.visual_studio_history(SENDER, "Visual Studio 1")
    assert [(row["subscriber"], row["ended_on"]) for row in history] == [("Anna", today), ("Piet", None)]


def test_BEN_12_offers_listed_activation_is_idempotent_and_expiry_must_be_in_the_future(store, clock):
    from datetime import timedelta

    store.assign_marketing_contact(SENDER, "marketing@contoso.com", "+31 20 123 4567", "nl")
    assert store.activate_go_to_market_offer(SENDER, "Gold cores") == "pending"
    assert store.activate_go_to_market_offer(SENDER, "gold cores") == "pending"
    assert [row["offer"] for row in store.go_to_market_offers(SENDER)] == ["Gold cores"]
    with pytest.raises(UnknownFact):
        store.record_go_to_market_offer_active(SENDER, "Gold cores", clock().date())
    store.record_go_to_market_offer_active(SENDER, "Gold cores", clock().date() + timedelta(days=200))
    assert store.activate_go_to_market_offer(SENDER, "Gold cores") == "active"


def test_BEN_10_membership_level_is_recorded_with_or_without_a_purchase(store, clock):
    store.record_membership_level(SENDER, "silver")
    store.record_benefit_purchase(SENDER, clock().date())
    facts = store.facts(SENDER)
    assert facts["membership_level"] == "silver" and facts["benefits_purchased_on"] == clock().date().isoformat()


def test_BEN_04_BEN_05_activations_are_recorded_with_their_date(store, clock):
    store.record_software_benefits_activated(SENDER)
    assert store.record_cloud_benefits_activated(SENDER) == clock().date()
    facts = store.facts(SENDER)
    assert facts["software_benefits_activated"] is True
    assert facts["software_benefits_activated_on"] == facts["cloud_benefits_activated_on"] == clock().date().isoformat()
