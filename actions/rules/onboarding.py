"""Rules of the page 'Een Partnercentrum-account maken' (ONB-01..07) and the roles of the
work-account page (WA-07).

``ONBOARDING_CHECKS`` is the guided onboarding's one table: MPN membership first (ONB-01),
then the four things to have on hand (ONB-02). Its verdict is the readiness to enroll, with
exactly what is missing and the one question that matters next; the enrollment steps
(ONB-03..05) follow once it allows enrolling, or at once for a partner already enrolling.
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


def _focus(known: Known) -> Any:
    """The one question that matters next: MPN membership when nothing is known yet (ONB-01
    comes first), else the first prerequisite not known yet, else MPN membership. A missing
    prerequisite is not asked again: the answer says it is missing."""
    unknown = [p for p in PREREQUISITES if known.get(f"prerequisite_{p}") is None]
    member_unknown = known.get("mpn_member") is None
    if member_unknown and len(unknown) == len(PREREQUISITES):
        return "mpn_member"
    if unknown:
        return f"prerequisite_{unknown[0]}"
    return "mpn_member" if member_unknown else None


def _readiness(known: Known) -> Verdict:
    """ONB-01 / ONB-02 with what is known: exactly what is missing, what is ready, and the
    one question that matters next."""
    ready = _prerequisite_items(known, True)
    missing = _prerequisite_items(known, False)
    unknown = _prerequisite_items(known, None)
    focus = _focus(known)
    rule_ids = ("ONB-01", "ONB-02")
    if missing:
        return Verdict(Outcome.BLOCKED, "prerequisites_missing", ("ONB-02",), {"ready": ready, "unknown": unknown}, items=missing, ask=focus)
    if not ready and known.get("mpn_member") is None:
        return Verdict(Outcome.ASK, "readiness_rule", rule_ids, items=unknown, ask=focus)
    if unknown and not ready:
        return Verdict(Outcome.ASK, "prerequisites_start", ("ONB-02",), items=unknown, ask=focus)
    if unknown:
        return Verdict(Outcome.ASK, "prerequisites_so_far", ("ONB-02",), {"ready": ready}, items=unknown, ask=focus)
    if known.get("mpn_member") is None:
        return Verdict(Outcome.ASK, "prerequisites_all_ready", rule_ids, ask=focus)
    return Verdict(Outcome.ALLOWED, "ready_to_enroll", rule_ids)


def _prerequisite(name: str, rule_ids: tuple) -> Check:
    # A prerequisite never ends the chain: the conclusion lists every missing one.
    return Check(f"prerequisite_{name}", f"prerequisite_{name}", rule_ids, is_open=is_not_yes, verdict_asks=False)


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
            verdict_asks=False,
        ),
        _prerequisite("admin_email", ("ONB-02", "WA-01")),
        _prerequisite("legal_details", ("ONB-02",)),
        _prerequisite("signing_authority", ("ONB-02",)),
        _prerequisite("primary_contact", ("ONB-02",)),
    ),
    conclude=_readiness,
)


def has_onboarding_facts(facts: Mapping[str, object]) -> bool:
    """Whether the partner has started the guided onboarding at all."""
    return any(
        facts.get(name) is not None
        for name in ("mpn_member", "enrollment_steps_done", *(f"prerequisite_{p}" for p in PREREQUISITES))
    )


def open_questions(facts: Mapping[str, object]) -> List[str]:
    """ONB-01 and ONB-02: what the guided onboarding still has to settle, in order."""
    return ONBOARDING_CHECKS.open_questions(facts)


def enrollment_readiness(facts: Mapping[str, object]) -> Verdict:
    """ONB-01 (MPN membership first) and ONB-02 (the four things to have on hand)."""
    return ONBOARDING_CHECKS.verdict(facts)


def readiness_rule() -> Verdict:
    """ONB-01 / ONB-02 as a rule: MPN first, then the four things, and an offer to check."""
    return Verdict(
        Outcome.ASK, "readiness_rule_offer", ("ONB-01", "ONB-02"), items=tuple(item("prerequisite", p) for p in PREREQUISITES),
        ask="check_offer",
    )


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
    done = steps_done(facts)
    readiness = enrollment_readiness(facts)
    if done == 0 and not readiness.allowed:
        return readiness
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
    confirm Microsoft's email; before that, the rule."""
    if steps_done(facts) < 3:
        return Verdict(Outcome.INFO, "verification_rule", ("ONB-04",))
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
        return Verdict(Outcome.ASK, "finish_setup_rule", ("ONB-05",), ask="admin_agent")
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
