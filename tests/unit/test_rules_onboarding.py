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


def test_ONB_01_non_member_is_asked_nothing_but_membership():
    assert onboarding.onboarding_questions(Facts(mpn_member=False)) == ["mpn_member"]
    assert onboarding.onboarding_questions(Facts()) == ["mpn_member"]


def test_ONB_01_unknown_membership_is_asked_with_the_full_checklist():
    verdict = onboarding.enrollment_readiness(Facts())
    assert verdict.outcome is Outcome.ASK
    assert verdict.ask == "mpn_member"
    assert verdict.code == "prerequisites_unknown"
    assert len(verdict.items) == 4
    assert "ONB-01" in verdict.rule_ids


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


def test_ONB_02_questions_skip_what_is_known_and_repeat_what_was_no():
    facts = Facts(
        mpn_member=True, work_account="exists", prerequisite_admin_email=True, prerequisite_legal_details=False
    )
    assert onboarding.onboarding_questions(facts) == [
        "prerequisite_legal_details",
        "prerequisite_signing_authority",
        "prerequisite_primary_contact",
    ]


def test_WA_03_unsure_about_work_account_asks_about_cloud_subscription():
    facts = Facts(mpn_member=True, work_account="unknown")
    assert onboarding.onboarding_questions(facts)[:2] == ["has_cloud_subscription", "work_email"]
    assert "has_cloud_subscription" not in onboarding.onboarding_questions(Facts(mpn_member=True))


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
    assert (
        onboarding.verification_status(Facts(**READY, enrollment_steps_done=2)).code
        == "verification_not_enrolled"
    )
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
    assert unknown.outcome is Outcome.ASK and unknown.ask == "user_role"


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
