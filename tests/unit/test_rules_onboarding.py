"""The onboarding rules (ONB-01..07) as plain functions of facts."""

from actions.rules import onboarding
from actions.rules.verdict import Outcome
from actions.store.facts import Facts

READY = dict(
    mpn_member=True,
    work_account="exists",
    prerequisite_admin_email=True,
    prerequisite_legal_details=True,
    prerequisite_signing_authority=True,
    prerequisite_primary_contact=True,
)


def test_ONB_01_non_member_is_sent_to_join_first():
    verdict = onboarding.enrollment_readiness(Facts(mpn_member=False))
    assert verdict.outcome is Outcome.BLOCKED
    assert verdict.rule_ids == ("ONB-01",)
    assert verdict.code == "join_mpn_first"


def test_ONB_01_non_member_is_asked_nothing_else_whatever_is_missing():
    assert onboarding.enrollment_readiness(Facts(mpn_member=False)).ask is None
    blocked = onboarding.enrollment_readiness(Facts(mpn_member=False, prerequisite_legal_details=False))
    assert blocked.code == "join_mpn_first" and blocked.ask is None


def test_ONB_01_ONB_02_nothing_known_is_answered_as_the_rule_and_asks_membership():
    verdict = onboarding.enrollment_readiness(Facts())
    assert verdict.outcome is Outcome.ASK
    assert verdict.ask == "mpn_member"
    assert verdict.code == "readiness_rule"
    assert len(verdict.items) == 4
    assert verdict.rule_ids == ("ONB-01", "ONB-02")


def test_ONB_02_what_to_have_ready_as_a_rule_offers_to_check():
    rule = onboarding.readiness_rule()
    assert rule.code == "readiness_rule_offer" and rule.ask == "check_offer"
    assert rule.items == tuple(f"prerequisite.{name}" for name in onboarding.PREREQUISITES)
    assert rule.rule_ids == ("ONB-01", "ONB-02")


def test_ONB_02_a_member_with_nothing_ready_yet_starts_the_checklist():
    verdict = onboarding.enrollment_readiness(Facts(mpn_member=True))
    assert verdict.code == "prerequisites_start" and verdict.rule_ids == ("ONB-02",)
    assert verdict.ask == "prerequisite_admin_email" and len(verdict.items) == 4


def test_ONB_02_all_four_ready_but_membership_unknown_asks_membership():
    facts = Facts(**{name: value for name, value in READY.items() if name != "mpn_member"})
    verdict = onboarding.enrollment_readiness(facts)
    assert verdict.code == "prerequisites_all_ready" and verdict.ask == "mpn_member"
    assert verdict.items == ()


def test_ONB_02_names_exactly_the_missing_prerequisites():
    facts = Facts(**{**READY, "prerequisite_signing_authority": False, "prerequisite_primary_contact": False})
    verdict = onboarding.enrollment_readiness(facts)
    assert verdict.outcome is Outcome.BLOCKED
    assert verdict.rule_ids == ("ONB-02",)
    assert verdict.items == (
        "prerequisite.signing_authority",
        "prerequisite.primary_contact",
    )


def test_ONB_02_all_four_on_hand_allows_enrolling():
    verdict = onboarding.enrollment_readiness(Facts(**READY))
    assert verdict.allowed
    assert set(verdict.rule_ids) == {"ONB-01", "ONB-02"}


def test_ONB_02_the_next_question_skips_what_is_known_and_names_what_is_missing():
    facts = Facts(
        mpn_member=True, work_account="exists", prerequisite_admin_email=True, prerequisite_legal_details=False
    )
    verdict = onboarding.enrollment_readiness(facts)
    assert verdict.code == "prerequisites_missing"
    assert verdict.items == ("prerequisite.legal_details",)
    # The missing one is said, not asked again: the question is the first one not known yet.
    assert verdict.ask == "prerequisite_signing_authority"
    assert verdict.params["ready"] == ("prerequisite.admin_email",)
    assert verdict.params["unknown"] == ("prerequisite.signing_authority", "prerequisite.primary_contact")
    so_far = onboarding.enrollment_readiness(Facts(mpn_member=True, prerequisite_admin_email=True))
    assert so_far.code == "prerequisites_so_far" and so_far.ask == "prerequisite_legal_details"
    assert so_far.params["ready"] == ("prerequisite.admin_email",)


def test_WA_03_the_work_account_is_not_part_of_the_readiness_only_of_step_two():
    facts = Facts(mpn_member=True, work_account="unknown")
    assert onboarding.enrollment_readiness(facts).ask == "prerequisite_admin_email"
    assert not onboarding.has_onboarding_facts(Facts(work_account="exists"))
    assert onboarding.has_onboarding_facts(Facts(prerequisite_legal_details=False))


def test_ONB_03_steps_in_order_from_the_first():
    first = onboarding.next_onboarding_step(Facts(**READY))
    assert first.outcome is Outcome.NEXT_STEP
    assert first.code == "enrollment_step_1"
    assert first.params["step"] == 1
    fourth = onboarding.next_onboarding_step(Facts(**READY, enrollment_steps_done=3))
    assert fourth.code == "enrollment_step_4"
    assert "ONB-03" in fourth.rule_ids


def test_ONB_03_and_WA_05_step_two_depends_on_the_work_account():
    def step_two(work_account):
        return onboarding.next_onboarding_step(
            Facts(**{**READY, "work_account": work_account}, enrollment_steps_done=1)
        )

    assert step_two("exists").code == "enrollment_step_2_sign_in"
    create = step_two("none")
    assert create.code == "enrollment_step_2_create"
    assert "WA-05" in create.rule_ids
    assert step_two("unknown").code == "enrollment_step_2_either"


def test_ONB_03_blocked_prerequisites_come_before_any_step():
    verdict = onboarding.next_onboarding_step(Facts(**{**READY, "prerequisite_legal_details": False}))
    assert verdict.outcome is Outcome.BLOCKED
    assert verdict.rule_ids == ("ONB-02",)


def test_ONB_04_pending_until_primary_contact_verifies():
    before = onboarding.verification_status(Facts(**READY, enrollment_steps_done=2))
    assert before.code == "verification_rule" and before.outcome is Outcome.INFO
    pending = onboarding.verification_status(Facts(**READY, enrollment_steps_done=3))
    assert pending.outcome is Outcome.BLOCKED
    assert pending.rule_ids == ("ONB-04",)
    verified = onboarding.verification_status(Facts(**READY, enrollment_steps_done=3, primary_contact_verified=True))
    assert verified.code == "verification_confirmed"


def test_ONB_04_all_steps_done_but_unverified_is_pending():
    verdict = onboarding.next_onboarding_step(Facts(**READY, enrollment_steps_done=5))
    assert verdict.outcome is Outcome.DONE
    assert verdict.code == "enrollment_done_pending_verification"
    assert "ONB-04" in verdict.rule_ids


def test_ONB_05_finishing_setup_needs_admin_agent():
    assert onboarding.finish_setup(Facts(user_role="admin_agent")).allowed
    assert onboarding.finish_setup(Facts(enrollment_steps_done=5)).allowed
    global_admin = onboarding.finish_setup(Facts(user_role="global_admin"))
    assert global_admin.code == "finish_setup_add_yourself"
    other = onboarding.finish_setup(Facts(user_role="other"))
    assert other.outcome is Outcome.BLOCKED
    assert other.code == "finish_setup_ask_admin"
    assert "ONB-05" in other.rule_ids
    unknown = onboarding.finish_setup(Facts())
    assert unknown.outcome is Outcome.ASK and unknown.code == "finish_setup_rule"
    assert unknown.ask == "admin_agent"


def test_ONB_03_a_partner_already_enrolling_gets_the_next_step_without_the_checklist():
    verdict = onboarding.next_onboarding_step(Facts(enrollment_steps_done=2))
    assert verdict.code == "enrollment_step_3" and verdict.params == {"step": 3, "step_count": 5}


def test_ONB_06_and_WA_07_roles_checked_against_the_users_role():
    assert onboarding.roles_needed(Facts()).code == "roles_needed"
    assert onboarding.roles_needed(Facts(user_role="global_admin")).code == "roles_you_fit_both"
    assert onboarding.roles_needed(Facts(user_role="admin_agent")).code == "roles_you_fit_account_only"
    assert (
        onboarding.roles_needed(Facts(user_role="user_management_admin")).code
        == "roles_you_fit_work_account_only"
    )
    neither = onboarding.roles_needed(Facts(user_role="mpn_partner_admin"))
    assert neither.code == "roles_you_fit_neither"
    assert neither.rule_ids == ("ONB-06", "WA-07")
    assert neither.items == ("role.mpn_partner_admin",)


def test_ONB_07_mpn_agreement_location():
    verdict = onboarding.mpn_agreement_location()
    assert verdict.rule_ids == ("ONB-07",)
    assert verdict.code == "mpn_agreement_location"
