"""The state store: each partner case's facts, and the documented rules that guard them.

``PartnerStore`` holds one repository per topic over one database; every repository method
is one short unit of work. The database URL comes from the environment (``store_from_env``).
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Any, Mapping, Optional

from sqlalchemy import func, select

from .benefits import BenefitsRepository
from .database import Clock, Database, utc_now
from .errors import UnknownFact
from .facts import Facts
from .mpa import MpaRepository
from .onboarding import OnboardingRepository
from .relationships import RelationshipsRepository
from .schema import Fact
from .support import SupportDesk
from .work_account import WorkAccountRepository

STORE_URL_VARIABLE = "PARTNER_STORE_URL"
# Facts a user can state in any message; facts guarded by a rule have their own methods.
STATED_FACTS = frozenset(
    {
        "user_role", "mpn_member", "mpn_program_status", "indirect_reseller_status", "csp_partner_type",
        "mpn_account", "membership_level", "has_cloud_subscription", "work_account", "software_benefits_activated",
        "prerequisite_admin_email", "prerequisite_legal_details", "prerequisite_signing_authority",
        "prerequisite_primary_contact", "customer_has_partner", "customer_mca_accepted",
    }
)
DEFAULT_STORE_PATH = Path(__file__).resolve().parents[2] / ".data" / "partner_store.db"


def default_store_url() -> str:
    return os.environ.get(STORE_URL_VARIABLE) or f"sqlite:///{DEFAULT_STORE_PATH}"


class PartnerStore:
    """Facts per partner case, recorded only when the documented rules allow it."""

    def __init__(self, url: str, clock: Clock = utc_now, migrate: bool = True):
        self.url = url
        self.database = Database(url, clock)
        if migrate:
            self.database.migrate()
        self.onboarding = OnboardingRepository(self.database)
        self.work_account = WorkAccountRepository(self.database)
        self.mpa = MpaRepository(self.database)
        self.benefits = BenefitsRepository(self.database)
        self.relationships = RelationshipsRepository(self.database)
        self.support = SupportDesk(self.database)

    def facts(self, sender_id: str) -> Facts:
        """The current facts of a sender's case (an empty case is created on first use)."""
        with self.database.unit_of_work() as work:
            return work.facts(work.case(sender_id))

    def record_stated(self, sender_id: str, values: Mapping[str, Any]) -> Facts:
        """Facts a message states about the case (a role, a status, where the MPN account
        is ...), none of which a rule guards; anything else is refused."""
        refused = set(values) - STATED_FACTS
        if refused:
            raise UnknownFact(f"not a stated fact: {', '.join(sorted(refused))}")
        return self.database.record(sender_id, values)

    def reset_progress(self, sender_id: str) -> None:
        """Start over: earlier facts stop counting but stay in the history."""
        with self.database.unit_of_work() as work:
            case = work.case(sender_id)
            newest = work.session.execute(select(func.max(Fact.id)).where(Fact.case_id == case.id)).scalar()
            case.facts_reset_after_id = newest or 0
            case.updated_at = work.now()

    def today(self) -> date:
        """Today by the store's clock: every day count (BEN-07, BEN-13) is taken from it."""
        return self.database.today()

    def dispose(self) -> None:
        self.database.dispose()


_default_store: Optional[PartnerStore] = None


def store_from_env() -> PartnerStore:
    """The process's store on ``$PARTNER_STORE_URL`` (default: SQLite under .data/).

    Created on first use, so an action server whose database is down still starts and
    answers politely; the next call tries again.
    """
    global _default_store
    if _default_store is None or _default_store.url != default_store_url():
        _default_store = PartnerStore(default_store_url())
    return _default_store
