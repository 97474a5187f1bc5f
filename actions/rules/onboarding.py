"""Rules of the page 'Een Partnercentrum-account maken' (ONB-01..07) and the roles of the
work-account page (WA-07)."""

from __future__ import annotations

from typing import List, Mapping

from ..store.facts import ENROLLMENT_STEP_COUNT, PREREQUISITES
from .verdict import Outcome, Verdict

# ONB-06 and WA-07: the roles each page names.
ACCOUNT_CREATION_ROLES = ("global_admin", "admin_agent")
WORK_ACCOUNT_ROLES = ("global_admin", "user_management_admin")

# ONB-02: the prerequisites the guided flow asks about itself; admin_email is satisfied
# by giving an acceptable work email (WA-01), so it is asked as the address.
_ASKED_PREREQUISITES = tuple(p for p in PREREQUISITES if p != "admin_email")


def has_onboarding_facts(facts: Mapping[str, object]) -> bool:
    """Whether the partner has started the guided onboarding at all."""
    return any(name in facts for name in ("mpn_member", "work_account", "work_email", "enrollment_steps_done"))


def onboarding_questions(facts: Mapping[str, object]) -> List[str]:
    """The facts the guided onboarding still has to ask, in the order it asks them.

    ONB-01 comes first: a non-member is not asked anything else. Then the work account
    (WA-03: asked about a cloud subscription when unsure), the global admin's work email
    (WA-01, which is ONB-02's first item) and the other ONB-02 prerequisites. Facts
    answered "no" are asked again on a later run, because they may have changed.
    """
    if facts.get("mpn_member") is not True:
        return ["mpn_member"]
    questions: List[str] = []
    if facts.get("work_account") is None:
        questions.append("work_account")
    if facts.get("work_account") == "unknown" and facts.get("has_cloud_subscription") is None:
        questions.append("has_cloud_subscription")
    if facts.get("prerequisite_admin_email") is not True:
        questions.append("work_email")
    questions.extend(
        f"prerequisite_{item}" for item in _ASKED_PREREQUISITES if facts.get(f"prerequisite_{item}") is not True
    )
    return questions


def enrollment_readiness(facts: Mapping[str, object]) -> Verdict:
    """ONB-01 (MPN membership first) and ONB-02 (the four things to have on hand)."""
    member = facts.get("mpn_member")
    if member is False:
        return Verdict(Outcome.BLOCKED, ("ONB-01",), "utter_join_mpn_first")
    unknown = [p for p in PREREQUISITES if facts.get(f"prerequisite_{p}") is None]
    missing = [p for p in PREREQUISITES if facts.get(f"prerequisite_{p}") is False]
    if member is None:
        # The text of utter_prerequisites_unknown names MPN membership first.
        return Verdict(
            Outcome.ASK,
            ("ONB-01", "ONB-02"),
            "utter_prerequisites_unknown",
            items=tuple(f"utter_item_prerequisite_{p}" for p in unknown + missing),
            ask="mpn_member",
        )
    if missing:
        return Verdict(
            Outcome.BLOCKED,
            ("ONB-02",),
            "utter_prerequisites_missing",
            items=tuple(f"utter_item_prerequisite_{p}" for p in missing),
        )
    if unknown:
        return Verdict(
            Outcome.ASK,
            ("ONB-02",),
            "utter_prerequisites_unknown",
            items=tuple(f"utter_item_prerequisite_{p}" for p in unknown),
            ask=f"prerequisite_{unknown[0]}",
        )
    return Verdict(Outcome.ALLOWED, ("ONB-01", "ONB-02"), "utter_ready_to_enroll")


def steps_done(facts: Mapping[str, object]) -> int:
    value = facts.get("enrollment_steps_done")
    return value if isinstance(value, int) else 0


def step_response(step: int, facts: Mapping[str, object]) -> str:
    """ONB-03's step texts; step 2 depends on the work account (WA-05: create one if none)."""
    if step == 2:
        variant = {"exists": "sign_in", "none": "create"}.get(str(facts.get("work_account")), "either")
        return f"utter_enrollment_step_2_{variant}"
    return f"utter_enrollment_step_{step}"


def next_onboarding_step(facts: Mapping[str, object]) -> Verdict:
    """ONB-03: the step a partner is at, after ONB-01/02 allow enrolling at all; when all
    five are done, ONB-04 (pending verification) or ONB-05 (finish the set-up)."""
    readiness = enrollment_readiness(facts)
    if not readiness.allowed:
        return readiness
    done = steps_done(facts)
    if done < ENROLLMENT_STEP_COUNT:
        step = done + 1
        return Verdict(
            Outcome.NEXT_STEP,
            ("ONB-03",) + (("WA-05",) if step == 2 and facts.get("work_account") != "exists" else ()),
            step_response(step, facts),
            {"step": step, "step_count": ENROLLMENT_STEP_COUNT},
        )
    counted = {"step_count": ENROLLMENT_STEP_COUNT}
    if facts.get("primary_contact_verified") is not True:
        return Verdict(Outcome.DONE, ("ONB-03", "ONB-04"), "utter_enrollment_done_pending_verification", counted)
    return Verdict(Outcome.DONE, ("ONB-03", "ONB-05"), "utter_enrollment_done", counted)


def verification_status(facts: Mapping[str, object]) -> Verdict:
    """ONB-04: after 'Enroll now' (step 3) the review waits for the primary contact to
    confirm Microsoft's email."""
    if steps_done(facts) < 3:
        return Verdict(Outcome.INFO, ("ONB-04",), "utter_verification_not_enrolled")
    if facts.get("primary_contact_verified") is True:
        return Verdict(Outcome.INFO, ("ONB-04",), "utter_verification_confirmed")
    return Verdict(Outcome.BLOCKED, ("ONB-04",), "utter_verification_pending")


def finish_setup(facts: Mapping[str, object]) -> Verdict:
    """ONB-05: finishing the set-up, including adding users, needs admin agent permissions
    (step 5 of ONB-03 confirms them)."""
    role = facts.get("user_role")
    if role == "admin_agent" or steps_done(facts) >= ENROLLMENT_STEP_COUNT:
        return Verdict(Outcome.ALLOWED, ("ONB-05",), "utter_finish_setup_allowed")
    if role == "global_admin":
        return Verdict(Outcome.BLOCKED, ("ONB-05", "ONB-03"), "utter_finish_setup_add_yourself")
    if role is None:
        return Verdict(Outcome.ASK, ("ONB-05",), "utter_ask_user_role", ask="user_role")
    return Verdict(Outcome.BLOCKED, ("ONB-05",), "utter_finish_setup_ask_admin")


def roles_needed(facts: Mapping[str, object]) -> Verdict:
    """ONB-06 (create the account: Global admin, Admin agent) and WA-07 (work account:
    Global admin, User management admin), checked against the user's own role."""
    role = facts.get("user_role")
    rule_ids = ("ONB-06", "WA-07")
    if role is None:
        return Verdict(Outcome.INFO, rule_ids, "utter_roles_needed")
    fits_account = role in ACCOUNT_CREATION_ROLES
    fits_work_account = role in WORK_ACCOUNT_ROLES
    if fits_account and fits_work_account:
        response = "utter_roles_you_fit_both"
    elif fits_account:
        response = "utter_roles_you_fit_account_only"
    elif fits_work_account:
        response = "utter_roles_you_fit_work_account_only"
    else:
        response = "utter_roles_you_fit_neither"
    return Verdict(Outcome.INFO, rule_ids, response, items=(f"utter_item_role_{role}",))


def mpn_agreement_location() -> Verdict:
    """ONB-07: where the account details and the MPN agreement are."""
    return Verdict(Outcome.INFO, ("ONB-07",), "utter_mpn_agreement_location")
