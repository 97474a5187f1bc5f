"""Rules of the page 'Een Partnercentrum-account maken' (ONB-01..07) and the roles of the
work-account page (WA-07).

``ONBOARDING_CHECKS`` is the guided onboarding's one table: MPN membership first (ONB-01),
the work account (WA-03/WA-05, asked by the guided questions for step 2's wording), then the
four things to have on hand (ONB-02). Its verdict is the readiness to enroll; the enrollment
steps (ONB-03..05) follow once it allows enrolling.
"""

from __future__ import annotations

from typing import Any, List, Mapping

from .checks import Check, CheckTable, Known, is_not_yes
from .roles import ACCOUNT_CREATION_ROLES, WORK_ACCOUNT_ROLES
from .verdict import Outcome, Verdict, item

ENROLLMENT_STEP_COUNT = 5
# ONB-02 (a)-(d). The global admin's work email (a) is satisfied by giving an acceptable
# work email (WA-01), so the guided questions ask for the address itself.
PREREQUISITES = ("admin_email", "legal_details", "signing_authority", "primary_contact")


def _prerequisite_items(known: Known, *states: Any) -> tuple:
    return tuple(item("prerequisite", p) for p in PREREQUISITES if known.get(f"prerequisite_{p}") in states)


def _membership_unknown(known: Known) -> Verdict:
    # The answer names MPN membership first, then every prerequisite not ready yet.
    return Verdict(
        Outcome.ASK,
        "prerequisites_unknown",
        ("ONB-01", "ONB-02"),
        items=_prerequisite_items(known, None) + _prerequisite_items(known, False),
        ask="mpn_member",
    )


def _readiness(known: Known) -> Verdict:
    """ONB-02 once ONB-01 passed: name exactly what is missing, or what is not known yet."""
    missing = _prerequisite_items(known, False)
    if missing:
        return Verdict(Outcome.BLOCKED, "prerequisites_missing", ("ONB-02",), items=missing)
    unknown = [p for p in PREREQUISITES if known.get(f"prerequisite_{p}") is None]
    if unknown:
        return Verdict(
            Outcome.ASK,
            "prerequisites_unknown",
            ("ONB-02",),
            items=tuple(item("prerequisite", p) for p in unknown),
            ask=f"prerequisite_{unknown[0]}",
        )
    return Verdict(Outcome.ALLOWED, "ready_to_enroll", ("ONB-01", "ONB-02"))


def _prerequisite(name: str, question: str, rule_ids: tuple) -> Check:
    # A prerequisite never ends the chain: the conclusion lists every missing one.
    return Check(f"prerequisite_{name}", question, rule_ids, is_open=is_not_yes, verdict_asks=False)


ONBOARDING_CHECKS = CheckTable(
    checks=(
        Check(
            "mpn_member",
            "mpn_member",
            ("ONB-01",),
            decide=lambda member, known: (
                Verdict(Outcome.BLOCKED, "join_mpn_first", ("ONB-01",)) if member is False else None
            ),
            is_open=is_not_yes,
            ask=_membership_unknown,
        ),
        Check("work_account", "work_account", ("WA-03", "WA-05"), verdict_asks=False),
        Check(
            "has_cloud_subscription",
            "has_cloud_subscription",
            ("WA-03",),
            applies=lambda known: known.get("work_account") == "unknown",
            verdict_asks=False,
        ),
        _prerequisite("admin_email", "work_email", ("ONB-02", "WA-01")),
        _prerequisite("legal_details", "prerequisite_legal_details", ("ONB-02",)),
        _prerequisite("signing_authority", "prerequisite_signing_authority", ("ONB-02",)),
        _prerequisite("primary_contact", "prerequisite_primary_contact", ("ONB-02",)),
    ),
    conclude=_readiness,
)


def has_onboarding_facts(facts: Mapping[str, object]) -> bool:
    """Whether the partner has started the guided onboarding at all."""
    return any(name in facts for name in ("mpn_member", "work_account", "work_email", "enrollment_steps_done"))


def onboarding_questions(facts: Mapping[str, object]) -> List[str]:
    """ONB-01, WA-03, WA-01 and ONB-02: what the guided onboarding still asks, in order."""
    return ONBOARDING_CHECKS.questions(facts)


def enrollment_readiness(facts: Mapping[str, object]) -> Verdict:
    """ONB-01 (MPN membership first) and ONB-02 (the four things to have on hand)."""
    return ONBOARDING_CHECKS.verdict(facts)


def steps_done(facts: Mapping[str, object]) -> int:
    value = facts.get("enrollment_steps_done")
    return value if isinstance(value, int) else 0


def _step_code(step: int, facts: Mapping[str, object]) -> str:
    """ONB-03's steps; step 2 depends on the work account (WA-05: create one if none)."""
    if step == 2:
        variant = {"exists": "sign_in", "none": "create"}.get(str(facts.get("work_account")), "either")
        return f"enrollment_step_2_{variant}"
    return f"enrollment_step_{step}"


def next_onboarding_step(facts: Mapping[str, object]) -> Verdict:
    """ONB-03: the step a partner is at, after ONB-01/02 allow enrolling at all; when all
    five are done, ONB-04 (pending verification) or ONB-05 (finish the set-up)."""
    readiness = enrollment_readiness(facts)
    if not readiness.allowed:
        return readiness
    done = steps_done(facts)
    counted = {"step_count": ENROLLMENT_STEP_COUNT}
    if done < ENROLLMENT_STEP_COUNT:
        step = done + 1
        return Verdict(
            Outcome.NEXT_STEP,
            _step_code(step, facts),
            ("ONB-03",) + (("WA-05",) if step == 2 and facts.get("work_account") != "exists" else ()),
            {"step": step, **counted},
        )
    if facts.get("primary_contact_verified") is not True:
        return Verdict(Outcome.DONE, "enrollment_done_pending_verification", ("ONB-03", "ONB-04"), counted)
    return Verdict(Outcome.DONE, "enrollment_done", ("ONB-03", "ONB-05"), counted)


def verification_status(facts: Mapping[str, object]) -> Verdict:
    """ONB-04: after 'Enroll now' (step 3) the review waits for the primary contact to
    confirm Microsoft's email."""
    if steps_done(facts) < 3:
        return Verdict(Outcome.INFO, "verification_not_enrolled", ("ONB-04",))
    if facts.get("primary_contact_verified") is True:
        return Verdict(Outcome.INFO, "verification_confirmed", ("ONB-04",))
    return Verdict(Outcome.BLOCKED, "verification_pending", ("ONB-04",))


def finish_setup(facts: Mapping[str, object]) -> Verdict:
    """ONB-05: finishing the set-up, including adding users, needs admin agent permissions
    (step 5 of ONB-03 confirms them)."""
    role = facts.get("user_role")
    if role == "admin_agent" or steps_done(facts) >= ENROLLMENT_STEP_COUNT:
        return Verdict(Outcome.ALLOWED, "finish_setup_allowed", ("ONB-05",))
    if role == "global_admin":
        return Verdict(Outcome.BLOCKED, "finish_setup_add_yourself", ("ONB-05", "ONB-03"))
    if role is None:
        return Verdict(Outcome.ASK, "ask_user_role", ("ONB-05",), ask="user_role")
    return Verdict(Outcome.BLOCKED, "finish_setup_ask_admin", ("ONB-05",))


def roles_needed(facts: Mapping[str, object]) -> Verdict:
    """ONB-06 (create the account: Global admin, Admin agent) and WA-07 (work account:
    Global admin, User management admin), checked against the user's own role."""
    role = facts.get("user_role")
    rule_ids = ("ONB-06", "WA-07")
    if role is None:
        return Verdict(Outcome.INFO, "roles_needed", rule_ids)
    fits_account = role in ACCOUNT_CREATION_ROLES
    fits_work_account = role in WORK_ACCOUNT_ROLES
    if fits_account and fits_work_account:
        code = "roles_you_fit_both"
    elif fits_account:
        code = "roles_you_fit_account_only"
    elif fits_work_account:
        code = "roles_you_fit_work_account_only"
    else:
        code = "roles_you_fit_neither"
    return Verdict(Outcome.INFO, code, rule_ids, items=(item("role", str(role)),))


def mpn_agreement_location() -> Verdict:
    """ONB-07: where the account details and the MPN agreement are."""
    return Verdict(Outcome.INFO, "mpn_agreement_location", ("ONB-07",))
