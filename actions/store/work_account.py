"""The work account facts of a case (WA-01..07), guarded by the work-account rules."""

from __future__ import annotations

from typing import Any, Dict, Mapping

from ..reading import normalise_email
from ..rules.verdict import Outcome
from ..rules.work_account import check_work_email
from .database import Database
from .errors import RuleViolation
from .facts import Facts


class WorkAccountRepository:
    def __init__(self, database: Database):
        self._database = database

    def record_work_account(self, sender_id: str, state: str) -> Facts:
        """WA-03/WA-05: whether the company has a work account ('exists', 'none', 'unknown')."""
        return self._database.record(sender_id, {"work_account": state})

    def record_cloud_subscription(self, sender_id: str, has_subscription: bool) -> Facts:
        """WA-03: an active Azure or Office 365 subscription means a work account exists."""
        changes: Dict[str, Any] = {"has_cloud_subscription": has_subscription}
        if has_subscription:
            changes["work_account"] = "exists"
        return self._database.record(sender_id, changes)

    def record_work_email(self, sender_id: str, email: str) -> Facts:
        """WA-01/WA-02: the global admin's work email, refused when it is no address,
        personal mail or a regional domain of the stored headquarters domain. Satisfies
        ONB-02 (a)."""

        def decide(facts: Facts) -> Mapping[str, Any]:
            verdict = check_work_email(normalise_email(email), facts.get("headquarters_domain"), given=email)
            if verdict.outcome is not Outcome.ALLOWED:
                raise RuleViolation(verdict.rule_ids[0], "not an acceptable work email", dict(verdict.params))
            return {"work_email": verdict.params["email"], "prerequisite_admin_email": True}

        return self._database.change(sender_id, decide)

    def record_headquarters_domain(self, sender_id: str, domain: str) -> Facts:
        """WA-02: the headquarters' business domain, against which work emails are checked."""
        return self._database.record(sender_id, {"headquarters_domain": domain.lower().strip(".")})
