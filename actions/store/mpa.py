"""The MPA facts of a case (MPA-01..13) and the signatures per CSP region."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import List

from sqlalchemy import select

from .database import Database, UnitOfWork
from .errors import RuleViolation
from .facts import Facts
from .schema import Case, MpaSignature, as_utc


@dataclass(frozen=True)
class Signature:
    """MPA-04: the MPA signed in one CSP region."""

    region: str
    signed_at: datetime


class MpaRepository:
    def __init__(self, database: Database):
        self._database = database

    def record_csp_partner_type(self, sender_id: str, partner_type: str, us_government_cloud: bool = False) -> Facts:
        """MPA-02: indirect provider, indirect reseller, direct bill partner, or not in CSP."""
        return self._database.record(
            sender_id, {"csp_partner_type": partner_type, "us_government_cloud": us_government_cloud}
        )

    def record_mpn_account(self, sender_id: str, state: str) -> Facts:
        """MPA-05: the MPN account is in Partner Center, still in PMC, or does not exist."""
        return self._database.record(sender_id, {"mpn_account": state})

    def record_mpn_program_status(self, sender_id: str, status: str) -> Facts:
        """MPA-06: the MPN program status shown in Partner profile, Program info. A status
        means the MPN account is in Partner Center (MPA-05)."""
        return self._database.record(sender_id, {"mpn_program_status": status, "mpn_account": "partner_center"})

    def record_indirect_reseller_status(self, sender_id: str, status: str) -> Facts:
        """MPA-08: the Indirect reseller status in Program info ('not_shown' when absent)."""
        return self._database.record(sender_id, {"indirect_reseller_status": status})

    def record_csp_regions(self, sender_id: str, regions: List[str]) -> Facts:
        """MPA-04: the CSP regions the company does CSP business in."""
        return self._database.record(sender_id, {"csp_regions": list(dict.fromkeys(regions))})

    def record_mpa_signature(self, sender_id: str, region: str) -> Signature:
        """MPA-04: the MPA signed in one region, as the partner reports it (a Global admin of
        the company signed it, MPA-01, whoever reports it). The region becomes one the company
        does CSP business in. Refused for a region already signed: once per region."""
        with self._database.unit_of_work() as work:
            case = work.case(sender_id)
            facts = work.facts(case)
            signed = {signature.region: signature for signature in self.signatures_in(work, case)}
            if region in signed:
                raise RuleViolation(
                    "MPA-04", "the MPA is signed once per region", {"region": region, "signed_at": signed[region].signed_at}
                )
            regions = list(facts.get("csp_regions") or [])
            if region not in regions:
                work.record(case, {"csp_regions": regions + [region]})
            row = MpaSignature(case_id=case.id, region=region, signed_at=work.now())
            work.session.add(row)
            return Signature(region, as_utc(row.signed_at))

    def signatures(self, sender_id: str) -> List[Signature]:
        """MPA-04: the regions the MPA is signed in, with when, oldest first."""
        with self._database.unit_of_work() as work:
            return self.signatures_in(work, work.case(sender_id))

    def signed_regions(self, sender_id: str) -> List[str]:
        return [signature.region for signature in self.signatures(sender_id)]

    @staticmethod
    def signatures_in(work: UnitOfWork, case: Case) -> List[Signature]:
        rows = work.session.execute(
            select(MpaSignature).where(MpaSignature.case_id == case.id).order_by(MpaSignature.id)
        ).scalars()
        return [Signature(row.region, as_utc(row.signed_at)) for row in rows]
