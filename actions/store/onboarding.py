"""The onboarding facts of a case (ONB-01..07), guarded by the onboarding rules."""

from __future__ import annotations

from typing import Any, Mapping

from ..rules import onboarding
from ..rules.onboarding import ENROLLMENT_STEP_COUNT, PREREQUISITES
from .database import Database
from .errors import RuleViolation, UnknownFact
from .facts import Facts


class OnboardingRepository:
    def __init__(self, database: Database):
        self._database = database

    def record_mpn_membership(self, sender_id: str, is_member: bool) -> Facts:
        """ONB-01: whether the company is a Microsoft Partner Network member."""
        return self._database.record(sender_id, {"mpn_member": is_member})

    def record_prerequisite(self, sender_id: str, item: str, ready: bool) -> Facts:
        """ONB-02: one of the four things to have on hand before enrolling."""
        if item not in PREREQUISITES:
            raise UnknownFact(f"unknown prerequisite {item!r}")
        return self._database.record(sender_id, {f"prerequisite_{item}": ready})

    def complete_enrollment_step(self, sender_id: str, step: int) -> Facts:
        """ONB-03: marks an enrollment step done. Steps go in order, and the first only once
        ONB-01 (member) and ONB-02 (everything on hand) allow enrolling."""

        def decide(facts: Facts) -> Mapping[str, Any]:
            readiness = onboarding.enrollment_readiness(facts)
            if onboarding.steps_done(facts) == 0 and not readiness.allowed:
                raise RuleViolation(
                    readiness.rule_ids[0],
                    "enrollment cannot start yet",
                    {
                        "mpn_member": facts.get("mpn_member"),
                        "missing_prerequisites": [item.split(".", 1)[1] for item in readiness.items],
                    },
                )
            done = onboarding.steps_done(facts)
            if step != done + 1 or step > ENROLLMENT_STEP_COUNT:
                raise RuleViolation(
                    "ONB-03",
                    "enrollment steps are done in order",
                    {"steps_done": done, "expected_step": min(done + 1, ENROLLMENT_STEP_COUNT), "given_step": step},
                )
            return {"enrollment_steps_done": step}

        return self._database.change(sender_id, decide)

    def record_reported_progress(self, sender_id: str, steps_done: int) -> Facts:
        """ONB-03: the steps a partner says it has already done ("welcome page done, I'm
        signed in"): enrolling means the company is an MPN member (ONB-01). Progress only
        moves forward."""
        if not 1 <= steps_done <= ENROLLMENT_STEP_COUNT:
            raise UnknownFact(f"no enrollment step {steps_done}")

        def decide(facts: Facts) -> Mapping[str, Any]:
            values: dict = {} if facts.get("mpn_member") is True else {"mpn_member": True}
            if steps_done > onboarding.steps_done(facts):
                values["enrollment_steps_done"] = steps_done
            return values

        return self._database.change(sender_id, decide)

    def record_primary_contact_verified(self, sender_id: str) -> Facts:
        """ONB-04: the primary contact confirmed Microsoft's email; only possible after the
        application was submitted ('Enroll now', step 3)."""

        def decide(facts: Facts) -> Mapping[str, Any]:
            done = onboarding.steps_done(facts)
            if done < 3:
                raise RuleViolation("ONB-04", "nothing to verify before 'Enroll now' (step 3)", {"steps_done": done})
            return {"primary_contact_verified": True}

        return self._database.change(sender_id, decide)

    def record_user_role(self, sender_id: str, role: str) -> Facts:
        """ONB-05/ONB-06/WA-07/MPA-01/BEN-02/03: the role of the person talking to the assistant."""
        return self._database.record(sender_id, {"user_role": role})
