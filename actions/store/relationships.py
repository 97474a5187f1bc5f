"""A customer's partners and their types (REL-01..07)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import List

from sqlalchemy import select

from ..rules.relationships import PARTNER_TYPES, SELF_REMOVABLE_TYPES
from .database import Database, UnitOfWork
from .errors import RuleViolation, UnknownFact
from .schema import Case, CustomerPartner


@dataclass(frozen=True)
class Partner:
    """REL-02: a partner the customer works with, and its type."""

    name: str
    partner_type: str


class RelationshipsRepository:
    def __init__(self, database: Database):
        self._database = database

    def record_partner(self, sender_id: str, name: str, partner_type: str) -> Partner:
        """REL-02: a partner the customer works with, and its type (replaces an earlier type)."""
        if partner_type not in PARTNER_TYPES:
            raise UnknownFact(f"unknown partner type {partner_type!r}")
        name = name.strip()[:200]
        if not name:
            raise UnknownFact("a partner needs a name")
        with self._database.unit_of_work() as work:
            case = work.case(sender_id)
            for row in self._active(work, case):
                if row.name.lower() == name.lower():
                    row.removed_at = work.now()
            work.session.add(CustomerPartner(case_id=case.id, name=name, partner_type=partner_type, recorded_at=work.now()))
            work.record(case, {"customer_has_partner": True})
            return Partner(name, partner_type)

    def partners(self, sender_id: str) -> List[Partner]:
        """REL-02: the customer's current partners, oldest first."""
        with self._database.unit_of_work() as work:
            return [Partner(row.name, row.partner_type) for row in self._active(work, work.case(sender_id))]

    def remove_partner(self, sender_id: str, name: str) -> Partner:
        """REL-07: the customer deletes a partner itself, which only a Delegated administrator
        or an Advisor allows; any other type is refused with the partner's type."""
        with self._database.unit_of_work() as work:
            case = work.case(sender_id)
            matches = [row for row in self._active(work, case) if row.name.lower() == name.strip().lower()]
            if not matches:
                raise UnknownFact(f"no partner called {name!r}")
            partner = matches[-1]
            if partner.partner_type not in SELF_REMOVABLE_TYPES:
                raise RuleViolation(
                    "REL-07",
                    "only a Delegated administrator or Advisor can be deleted by the customer",
                    {"partner": partner.name, "partner_type": partner.partner_type},
                )
            partner.removed_at = work.now()
            return Partner(partner.name, partner.partner_type)

    @staticmethod
    def _active(work: UnitOfWork, case: Case) -> List[CustomerPartner]:
        query = select(CustomerPartner).where(CustomerPartner.case_id == case.id, CustomerPartner.removed_at.is_(None))
        return list(work.session.execute(query.order_by(CustomerPartner.id)).scalars())
