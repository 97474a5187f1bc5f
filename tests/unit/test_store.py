"""The state store on SQLite and on the PostgreSQL server: facts, history, and refusals."""

import pytest
from sqlalchemy import create_engine, inspect, select

from actions.store import Assignment, Offer, Partner, PartnerStore, RuleViolation, UnknownFact
from actions.store.errors import StoreUnavailable
from actions.store.schema import Case, Fact, VisualStudioAssignment

SENDER = "partner-1"


def fact_rows(store, sender=SENDER):
    """Every fact row ever recorded for the case, oldest first (the append-only history)."""
    with store.database.unit_of_work() as work:
        case = work.session.execute(select(Case).where(Case.sender_id == sender)).scalar_one()
        rows = work.session.execute(select(Fact).where(Fact.case_id == case.id).order_by(Fact.id)).scalars()
        return [(row.name, row.value) for row in rows]


def make_ready(store, sender=SENDER):
    store.onboarding.record_mpn_membership(sender, True)
    store.work_account.record_work_account(sender, "exists")
    store.work_account.record_work_email(sender, "admin@contoso.com")
    for item in ("legal_details", "signing_authority", "primary_contact"):
        store.onboarding.record_prerequisite(sender, item, True)


def test_store_creates_its_schema_with_migrations(store, store_url):
    tables = set(inspect(create_engine(store_url)).get_table_names())
    assert {"cases", "facts", "support_requests", "alembic_version"} <= tables
    PartnerStore(store_url).dispose()  # a second start upgrades nothing and fails nothing


def test_facts_are_recorded_with_their_time_and_history(store, clock):
    store.onboarding.record_mpn_membership(SENDER, False)
    first_time = clock.now
    store.onboarding.record_mpn_membership(SENDER, True)
    facts = store.facts(SENDER)
    assert facts["mpn_member"] is True
    assert facts.recorded_at("mpn_member") > first_time
    assert fact_rows(store) == [("mpn_member", "false"), ("mpn_member", "true")]


def test_cases_are_separate_per_sender(store):
    store.onboarding.record_mpn_membership("a", True)
    assert store.facts("b").get("mpn_member") is None


def test_ONB_01_steps_refused_for_non_member(store):
    store.onboarding.record_mpn_membership(SENDER, False)
    with pytest.raises(RuleViolation) as refusal:
        store.onboarding.complete_enrollment_step(SENDER, 1)
    assert refusal.value.rule_id == "ONB-01"
    assert refusal.value.facts["mpn_member"] is False


def test_ONB_02_steps_refused_until_prerequisites_are_on_hand(store):
    store.onboarding.record_mpn_membership(SENDER, True)
    store.onboarding.record_prerequisite(SENDER, "legal_details", False)
    with pytest.raises(RuleViolation) as refusal:
        store.onboarding.complete_enrollment_step(SENDER, 1)
    assert refusal.value.rule_id == "ONB-02"
    assert "legal_details" in refusal.value.facts["missing_prerequisites"]


def test_ONB_03_steps_complete_in_order_only(store):
    make_ready(store)
    store.onboarding.complete_enrollment_step(SENDER, 1)
    with pytest.raises(RuleViolation) as refusal:
        store.onboarding.complete_enrollment_step(SENDER, 3)
    assert refusal.value.rule_id == "ONB-03"
    assert refusal.value.facts == {"steps_done": 1, "expected_step": 2, "given_step": 3}
    assert store.facts(SENDER)["enrollment_steps_done"] == 1
    for step in (2, 3, 4, 5):
        store.onboarding.complete_enrollment_step(SENDER, step)
    with pytest.raises(RuleViolation):
        store.onboarding.complete_enrollment_step(SENDER, 6)


def test_ONB_04_primary_contact_verification_only_after_enroll_now(store):
    make_ready(store)
    with pytest.raises(RuleViolation) as refusal:
        store.onboarding.record_primary_contact_verified(SENDER)
    assert refusal.value.rule_id == "ONB-04"
    for step in (1, 2, 3):
        store.onboarding.complete_enrollment_step(SENDER, step)
    assert store.onboarding.record_primary_contact_verified(SENDER)["primary_contact_verified"] is True


def test_ONB_05_user_role_is_stored(store):
    assert store.onboarding.record_user_role(SENDER, "admin_agent")["user_role"] == "admin_agent"
    with pytest.raises(UnknownFact):
        store.onboarding.record_user_role(SENDER, "emperor")


def test_WA_01_personal_email_refused_and_nothing_written(store):
    with pytest.raises(RuleViolation) as refusal:
        store.work_account.record_work_email(SENDER, "jan@gmail.com")
    assert refusal.value.rule_id == "WA-01"
    assert refusal.value.facts["domain"] == "gmail.com"
    assert "work_email" not in store.facts(SENDER)


def test_WA_01_work_email_satisfies_the_admin_email_prerequisite(store):
    facts = store.work_account.record_work_email(SENDER, "Admin@Contoso.com")
    assert facts["work_email"] == "Admin@contoso.com"
    assert facts["prerequisite_admin_email"] is True


def test_WA_02_regional_email_refused_against_stored_headquarters_domain(store):
    store.work_account.record_headquarters_domain(SENDER, "contoso.com")
    with pytest.raises(RuleViolation) as refusal:
        store.work_account.record_work_email(SENDER, "jan@contoso.uk")
    assert refusal.value.rule_id == "WA-02"
    assert refusal.value.facts["headquarters_domain"] == "contoso.com"


def test_WA_03_cloud_subscription_records_an_existing_work_account(store):
    facts = store.work_account.record_cloud_subscription(SENDER, True)
    assert facts["work_account"] == "exists"
    assert store.work_account.record_cloud_subscription("other", False).get("work_account") is None


def test_WA_05_no_work_account_is_a_fact(store):
    assert store.work_account.record_work_account(SENDER, "none")["work_account"] == "none"
    with pytest.raises(UnknownFact):
        store.work_account.record_work_account(SENDER, "maybe")


def test_unknown_facts_and_prerequisites_are_refused(store):
    with pytest.raises(UnknownFact):
        store.onboarding.record_prerequisite(SENDER, "coffee", True)


def test_reset_progress_keeps_history_but_clears_facts(store):
    make_ready(store)
    store.reset_progress(SENDER)
    assert dict(store.facts(SENDER)) == {}
    assert len(fact_rows(store)) >= 5
    store.onboarding.record_mpn_membership(SENDER, True)
    assert dict(store.facts(SENDER)) == {"mpn_member": True}


def test_hostile_text_is_stored_and_returned_verbatim(store):
    hostile = "x'); DROP TABLE facts; -- {{7*7}} @contoso.com"
    store.work_account.record_headquarters_domain(SENDER, hostile)
    assert store.facts(SENDER)["headquarters_domain"] == hostile.lower()
    assert store.facts(SENDER).get("mpn_member") is None


def test_unreachable_database_raises_store_unavailable(tmp_path):
    with pytest.raises(StoreUnavailable):
        PartnerStore("postgresql://nobody@127.0.0.1:1/nothing")


def test_ONB_02_admin_email_not_at_hand_is_a_missing_prerequisite(store):
    store.onboarding.record_mpn_membership(SENDER, True)
    facts = store.onboarding.record_prerequisite(SENDER, "admin_email", False)
    assert facts["prerequisite_admin_email"] is False
    with pytest.raises(RuleViolation) as refusal:
        store.onboarding.complete_enrollment_step(SENDER, 1)
    assert "admin_email" in refusal.value.facts["missing_prerequisites"]


def mpa_ready(store, sender=SENDER):
    store.mpa.record_csp_partner_type(sender, "indirect_reseller")
    store.mpa.record_mpn_program_status(sender, "active")
    store.mpa.record_indirect_reseller_status(sender, "active")
    store.onboarding.record_user_role(sender, "global_admin")
    store.mpa.record_csp_regions(sender, ["Europe", "Latin America and the Caribbean"])


def test_MPA_06_a_program_status_means_the_account_is_in_partner_center(store):
    facts = store.mpa.record_mpn_program_status(SENDER, "pending")
    assert facts["mpn_account"] == "partner_center"
    with pytest.raises(UnknownFact):
        store.mpa.record_mpn_program_status(SENDER, "sleepy")


def test_MPA_02_partner_type_and_us_government_cloud(store):
    facts = store.mpa.record_csp_partner_type(SENDER, "direct_bill", us_government_cloud=True)
    assert facts["csp_partner_type"] == "direct_bill" and facts["us_government_cloud"] is True
    with pytest.raises(UnknownFact):
        store.mpa.record_csp_partner_type(SENDER, "wholesaler")


def test_MPA_04_regions_must_be_csp_regions(store):
    with pytest.raises(UnknownFact):
        store.mpa.record_csp_regions(SENDER, ["Atlantis"])
    assert store.mpa.record_csp_regions(SENDER, ["Europe", "Europe"])["csp_regions"] == ["Europe"]


def test_MPA_04_signatures_are_recorded_per_region_until_none_is_missing(store, clock):
    mpa_ready(store)
    europe = store.mpa.record_mpa_signature(SENDER, "Europe")
    assert europe.region == "Europe" and europe.signed_at <= clock.now
    store.mpa.record_mpa_signature(SENDER, "Latin America and the Caribbean")
    assert store.mpa.signed_regions(SENDER) == ["Europe", "Latin America and the Caribbean"]
    assert store.mpa.signatures(SENDER)[0] == europe


def test_MPA_04_a_signature_in_a_new_region_adds_it_to_the_csp_regions(store):
    mpa_ready(store)
    store.mpa.record_mpa_signature(SENDER, "Japan")
    assert store.mpa.signed_regions(SENDER) == ["Japan"]
    assert store.facts(SENDER)["csp_regions"] == ["Europe", "Latin America and the Caribbean", "Japan"]
    store.mpa.record_mpa_signature(SENDER, "Europe")
    assert store.facts(SENDER)["csp_regions"] == ["Europe", "Latin America and the Caribbean", "Japan"]


def test_MPA_04_a_signature_in_no_csp_region_is_refused(store):
    mpa_ready(store)
    with pytest.raises(UnknownFact):
        store.mpa.record_mpa_signature(SENDER, "Atlantis")
    assert store.mpa.signed_regions(SENDER) == []


def test_MPA_04_a_region_already_signed_is_refused_with_its_date(store):
    mpa_ready(store)
    first = store.mpa.record_mpa_signature(SENDER, "Europe").signed_at
    with pytest.raises(RuleViolation) as refusal:
        store.mpa.record_mpa_signature(SENDER, "Europe")
    assert refusal.value.rule_id == "MPA-04"
    assert refusal.value.facts["signed_at"] == first


def test_MPA_01_a_signature_is_recorded_whoever_reports_it(store):
    # MPA-01 is applied in the conversation: a colleague may report that the global admin signed.
    mpa_ready(store)
    store.onboarding.record_user_role(SENDER, "admin_agent")
    assert store.mpa.record_mpa_signature(SENDER, "Europe").region == "Europe"
    assert store.mpa.signed_regions(SENDER) == ["Europe"]
    assert store.facts(SENDER)["user_role"] == "admin_agent"


def test_REL_02_customer_partners_are_kept_with_their_types(store):
    store.relationships.record_partner(SENDER, "Contoso", "reseller")
    assert store.relationships.record_partner(SENDER, "Fabrikam", "advisor") == Partner("Fabrikam", "advisor")
    assert store.relationships.partners(SENDER) == [Partner("Contoso", "reseller"), Partner("Fabrikam", "advisor")]
    store.relationships.record_partner(SENDER, "contoso", "delegated_admin")
    assert store.relationships.partners(SENDER) == [Partner("Fabrikam", "advisor"), Partner("contoso", "delegated_admin")]
    assert store.facts(SENDER)["customer_has_partner"] is True
    with pytest.raises(UnknownFact):
        store.relationships.record_partner(SENDER, "Contoso", "friend")


def test_REL_07_customer_removes_only_delegated_admins_and_advisors(store):
    store.relationships.record_partner(SENDER, "Contoso", "reseller")
    store.relationships.record_partner(SENDER, "Fabrikam", "advisor")
    with pytest.raises(RuleViolation) as refusal:
        store.relationships.remove_partner(SENDER, "contoso")
    assert refusal.value.rule_id == "REL-07"
    assert refusal.value.facts == {"partner": "Contoso", "partner_type": "reseller"}
    assert store.relationships.remove_partner(SENDER, "Fabrikam") == Partner("Fabrikam", "advisor")
    assert store.relationships.partners(SENDER) == [Partner("Contoso", "reseller")]
    with pytest.raises(UnknownFact):
        store.relationships.remove_partner(SENDER, "Northwind")


def test_BEN_07_reassignment_refused_before_day_90_with_earliest_date(store, clock):
    from datetime import timedelta

    today = clock().date()
    store.benefits.assign_visual_studio_subscription(SENDER, "VS Enterprise 1", "anna@contoso.com", today - timedelta(days=89))
    with pytest.raises(RuleViolation) as refusal:
        store.benefits.reassign_visual_studio_subscription(SENDER, "VS Enterprise 1", "piet@contoso.com")
    assert refusal.value.rule_id == "BEN-07"
    assert refusal.value.facts["earliest_date"] == today + timedelta(days=1)
    assert refusal.value.facts["days_left"] == 1
    assert [row.subscriber for row in store.benefits.visual_studio_assignments(SENDER)] == ["anna@contoso.com"]


def test_BEN_07_reassignment_allowed_from_day_90_and_history_kept(store, clock):
    from datetime import timedelta

    today = clock().date()
    store.benefits.assign_visual_studio_subscription(SENDER, "VS Pro", "anna@contoso.com", today - timedelta(days=90))
    moved = store.benefits.reassign_visual_studio_subscription(SENDER, "VS Pro", "piet@contoso.com")
    assert moved == Assignment("VS Pro", "piet@contoso.com", today)
    assert store.benefits.visual_studio_assignments(SENDER) == [moved]
    with pytest.raises(UnknownFact):
        store.benefits.assign_visual_studio_subscription(SENDER, "VS Pro 2", "x@contoso.com", today + timedelta(days=1))


def test_BEN_13_refund_within_30_days_without_activation_only(store, clock):
    from datetime import timedelta

    today = clock().date()
    store.benefits.record_benefit_purchase(SENDER, today - timedelta(days=30))
    store.benefits.record_software_benefits_activated(SENDER, False)
    assert store.benefits.request_refund(SENDER)["refund_requested_on"] == today.isoformat()
    store.benefits.record_software_benefits_activated(SENDER)
    with pytest.raises(RuleViolation) as refusal:
        store.benefits.request_refund(SENDER)
    assert refusal.value.rule_id == "BEN-13"
    assert refusal.value.facts["failed"] == "ben_refund_software_activated"
    store.benefits.record_benefit_purchase("late", today - timedelta(days=31))
    with pytest.raises(RuleViolation) as late:
        store.benefits.request_refund("late")
    assert late.value.facts["days_since_purchase"] == 31
    assert late.value.facts["failed"] == "ben_refund_too_late"
    assert "refund_requested_on" not in store.facts("late")


def test_BEN_11_offer_refused_without_marketing_contact_and_email_must_differ(store):
    from datetime import date

    with pytest.raises(RuleViolation) as refusal:
        store.benefits.activate_go_to_market_offer(SENDER, "Silver cores")
    assert refusal.value.rule_id == "BEN-11"
    store.work_account.record_work_email(SENDER, "admin@contoso.com")
    with pytest.raises(RuleViolation):
        store.benefits.assign_marketing_contact(SENDER, "ADMIN@contoso.com", "+31 20 123 4567", "nl")
    store.benefits.assign_marketing_contact(SENDER, "marketing@contoso.com", "+31 20 123 4567", "nl")
    assert store.benefits.activate_go_to_market_offer(SENDER, "Silver cores").status == "pending"
    active = store.benefits.record_go_to_market_offer_active(SENDER, "Silver cores", date(2027, 6, 30))
    assert active == Offer("Silver cores", "active", active.requested_on, date(2027, 6, 30))
    with pytest.raises(RuleViolation) as unknown:
        store.benefits.record_go_to_market_offer_active(SENDER, "Gold cores", date(2027, 6, 30))
    assert unknown.value.rule_id == "BEN-12"


def test_BEN_08_technical_activation_request_keeps_its_first_date_and_is_refused_in_pmc(store, clock):
    first = store.benefits.record_technical_benefits_requested(SENDER)["technical_benefits_requested_on"]
    assert first == clock().date().isoformat()
    assert store.benefits.record_technical_benefits_requested(SENDER)["technical_benefits_requested_on"] == first
    store.benefits.record_technical_benefit_ids(SENDER, "AB12-3456", "99887766")
    facts = store.facts(SENDER)
    assert (facts["technical_access_id"], facts["technical_contract_id"]) == ("AB12-3456", "99887766")
    store.mpa.record_mpn_account("pmc-member", "pmc")
    with pytest.raises(RuleViolation) as refusal:
        store.benefits.record_technical_benefits_requested("pmc-member")
    assert refusal.value.rule_id == "BEN-08"


def test_BEN_06_BEN_07_subscriptions_are_numbered_and_their_history_kept(store, clock):
    from datetime import timedelta

    today = clock().date()
    anna = store.benefits.assign_visual_studio_subscription(SENDER, None, "Anna", today - timedelta(days=100))
    assert anna.subscription == "Visual Studio 1"
    assert store.benefits.assign_visual_studio_subscription(SENDER, None, "Bram", today).subscription == "Visual Studio 2"
    store.benefits.reassign_visual_studio_subscription(SENDER, "Visual Studio 1", "Piet")
    assert [row.subscriber for row in store.benefits.visual_studio_assignments(SENDER)] == ["Bram", "Piet"]
    with store.database.unit_of_work() as work:
        rows = work.session.execute(
            select(VisualStudioAssignment)
            .where(VisualStudioAssignment.subscription == "Visual Studio 1")
            .order_by(VisualStudioAssignment.id)
        ).scalars()
        history = [(row.subscriber, row.ended_on) for row in rows]
    assert history == [("Anna", today), ("Piet", None)]


def test_BEN_12_offers_listed_activation_is_idempotent_and_expiry_must_be_in_the_future(store, clock):
    from datetime import timedelta

    store.benefits.assign_marketing_contact(SENDER, "marketing@contoso.com", "+31 20 123 4567", "nl")
    assert store.benefits.activate_go_to_market_offer(SENDER, "Gold cores").status == "pending"
    assert store.benefits.activate_go_to_market_offer(SENDER, "gold cores").status == "pending"
    assert [row.name for row in store.benefits.go_to_market_offers(SENDER)] == ["Gold cores"]
    with pytest.raises(UnknownFact):
        store.benefits.record_go_to_market_offer_active(SENDER, "Gold cores", clock().date())
    store.benefits.record_go_to_market_offer_active(SENDER, "Gold cores", clock().date() + timedelta(days=200))
    assert store.benefits.activate_go_to_market_offer(SENDER, "Gold cores").status == "active"


def test_BEN_10_membership_level_is_recorded_with_or_without_a_purchase(store, clock):
    store.benefits.record_membership_level(SENDER, "silver")
    store.benefits.record_benefit_purchase(SENDER, clock().date())
    facts = store.facts(SENDER)
    assert facts["membership_level"] == "silver" and facts["benefits_purchased_on"] == clock().date().isoformat()


def test_BEN_04_BEN_05_activations_are_recorded_with_their_date(store, clock):
    store.benefits.record_software_benefits_activated(SENDER)
    assert store.benefits.record_cloud_benefits_activated(SENDER)["cloud_benefits_activated_on"] == clock().date().isoformat()
    facts = store.facts(SENDER)
    assert facts["software_benefits_activated"] is True
    assert facts["software_benefits_activated_on"] == facts["cloud_benefits_activated_on"] == clock().date().isoformat()
