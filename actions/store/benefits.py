"""The membership benefits of a case (BEN-01..13): the facts, the Visual Studio
assignments with their history, and the go-to-market offers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Dict, List, Mapping, Optional

from sqlalchemy import func, select

from ..rules import benefits
from .database import Database, UnitOfWork
from .errors import RuleViolation, UnknownFact
from .facts import Facts
from .schema import Case, GoToMarketOffer, VisualStudioAssignment


@dataclass(frozen=True)
class Assignment:
    """BEN-06/07: who holds a Visual Studio subscription, since when."""

    subscription: str
    subscriber: str
    assigned_on: date


@dataclass(frozen=True)
class Offer:
    """BEN-11/12: a go-to-market offer: pending, then active until it expires."""

    name: str
    status: str
    requested_on: date
    expires_on: Optional[date]


class BenefitsRepository:
    def __init__(self, database: Database):
        self._database = database

    # ----- facts ----------------------------------------------------------------------

    def record_membership_level(self, sender_id: str, level: str) -> Facts:
        """BEN-10: Action Pack, Silver or Gold, which decides the technical support to use."""
        return self._database.record(sender_id, {"membership_level": level})

    def record_benefit_purchase(self, sender_id: str, purchased_on: date) -> Facts:
        """BEN-13: when the benefits package was bought (never in the future)."""
        if purchased_on > self._database.today():
            raise UnknownFact("a purchase date cannot be in the future")
        return self._database.record(sender_id, {"benefits_purchased_on": purchased_on.isoformat()})

    def record_software_benefits_activated(self, sender_id: str, activated: bool = True) -> Facts:
        """BEN-04 / BEN-13: software benefits activated (keys fetched) or not."""
        values: Dict[str, Any] = {"software_benefits_activated": activated}
        if activated:
            values["software_benefits_activated_on"] = self._database.today().isoformat()
        return self._database.record(sender_id, values)

    def record_cloud_benefits_activated(self, sender_id: str) -> Facts:
        """BEN-05: a cloud subscription activated (assigned or key used) today."""
        return self._database.record(sender_id, {"cloud_benefits_activated_on": self._database.today().isoformat()})

    def record_technical_benefits_requested(self, sender_id: str, requested_on: Optional[date] = None) -> Facts:
        """BEN-08: activation of the technical benefits requested (today, or the day the
        partner says it clicked Activate; processing takes several days); an earlier request
        keeps its date. Refused while still in PMC (BEN-01)."""
        today = self._database.today()
        if requested_on is not None and requested_on > today:
            raise UnknownFact("a request date cannot be in the future")
        day = (requested_on or today).isoformat()

        def decide(facts: Facts) -> Mapping[str, Any]:
            if facts.get("mpn_account") == "pmc":
                raise RuleViolation("BEN-08", "in PMC technical benefits go through Partner Frontline", {})
            return {"technical_benefits_requested_on": facts.get("technical_benefits_requested_on") or day}

        return self._database.change(sender_id, decide)

    def record_technical_benefit_ids(self, sender_id: str, access_id: str, contract_id: Optional[str]) -> Facts:
        """BEN-08 / BEN-09: the Access ID and Contract ID shown once activation is processed."""
        today = self._database.today().isoformat()

        def decide(facts: Facts) -> Mapping[str, Any]:
            # IDs exist only once an activation was processed, so it was requested by then.
            values = {
                "technical_access_id": access_id,
                "technical_benefits_requested_on": facts.get("technical_benefits_requested_on") or today,
            }
            return {**values, "technical_contract_id": contract_id} if contract_id else values

        return self._database.change(sender_id, decide)

    def request_refund(self, sender_id: str) -> Facts:
        """BEN-13: records that a refund is being requested, which is possible only within 30
        days of purchase and without activated software benefits; refused with the failing
        condition (the verdict's code) otherwise."""
        today = self._database.today()

        def decide(facts: Facts) -> Mapping[str, Any]:
            if "benefits_purchased_on" not in facts:
                raise UnknownFact("the purchase date is not known")
            verdict = benefits.refund_eligibility(
                date.fromisoformat(facts["benefits_purchased_on"]), facts.get("software_benefits_activated"), today
            )
            if not verdict.allowed:
                raise RuleViolation("BEN-13", "no refund", {**verdict.params, "failed": verdict.code})
            return {"refund_requested_on": today.isoformat()}

        return self._database.change(sender_id, decide)

    def assign_marketing_contact(self, sender_id: str, email: str, phone: str, language: str) -> Facts:
        """BEN-11: the company marketing contact; its email must differ from the email linked
        to the company's Partner Center account (the stored work email)."""

        def decide(facts: Facts) -> Mapping[str, Any]:
            verdict = benefits.marketing_contact_email_ok(email, facts.get("work_email"))
            if not verdict.allowed:
                raise RuleViolation("BEN-11", "marketing contact email equals the account email", {"email": email})
            return {
                "marketing_contact_email": email,
                "marketing_contact_phone": phone,
                "marketing_contact_language": language,
            }

        return self._database.change(sender_id, decide)

    # ----- Visual Studio subscriptions (BEN-06/07) ------------------------------------------

    def assign_visual_studio_subscription(
        self, sender_id: str, subscription: Optional[str], subscriber: str, assigned_on: date
    ) -> Assignment:
        """BEN-06: a Visual Studio subscription assigned to a subscriber on a date; without a
        name the subscription is numbered ("Visual Studio 2")."""
        if assigned_on > self._database.today():
            raise UnknownFact("an assignment date cannot be in the future")
        with self._database.unit_of_work() as work:
            case = work.case(sender_id)
            if subscription is None:
                known = select(func.count(func.distinct(VisualStudioAssignment.subscription))).where(
                    VisualStudioAssignment.case_id == case.id
                )
                subscription = f"Visual Studio {work.session.execute(known).scalar_one() + 1}"
            if self._current(work, case, subscription) is not None:
                raise RuleViolation("BEN-07", "already assigned: reassign it instead", {"subscription": subscription})
            work.session.add(
                VisualStudioAssignment(case_id=case.id, subscription=subscription, subscriber=subscriber, assigned_on=assigned_on)
            )
            return Assignment(subscription, subscriber, assigned_on)

    def visual_studio_assignments(self, sender_id: str) -> List[Assignment]:
        """BEN-06: the subscriptions assigned now, oldest first."""
        with self._database.unit_of_work() as work:
            case = work.case(sender_id)
            query = (
                select(VisualStudioAssignment)
                .where(VisualStudioAssignment.case_id == case.id, VisualStudioAssignment.ended_on.is_(None))
                .order_by(VisualStudioAssignment.id)
            )
            return [Assignment(row.subscription, row.subscriber, row.assigned_on) for row in work.session.execute(query).scalars()]

    def reassign_visual_studio_subscription(self, sender_id: str, subscription: str, new_subscriber: str) -> Assignment:
        """BEN-07: reassigns only once 90 days have passed since the original assignment; the
        previous assignment is ended, not deleted. Refused with the earliest date and the days
        left."""
        with self._database.unit_of_work() as work:
            case = work.case(sender_id)
            current = self._current(work, case, subscription)
            if current is None:
                raise UnknownFact(f"no assignment of {subscription!r}")
            today = work.today()
            verdict = benefits.visual_studio_reassignment(current.assigned_on, today)
            if not verdict.allowed:
                raise RuleViolation("BEN-07", "reassignment only after 90 days", dict(verdict.params))
            current.ended_on = today
            work.session.add(
                VisualStudioAssignment(case_id=case.id, subscription=subscription, subscriber=new_subscriber, assigned_on=today)
            )
            return Assignment(subscription, new_subscriber, today)

    @staticmethod
    def _current(work: UnitOfWork, case: Case, subscription: str) -> Optional[VisualStudioAssignment]:
        query = select(VisualStudioAssignment).where(
            VisualStudioAssignment.case_id == case.id,
            VisualStudioAssignment.subscription == subscription,
            VisualStudioAssignment.ended_on.is_(None),
        )
        return work.session.execute(query).scalars().first()

    # ----- go-to-market offers (BEN-11/12) --------------------------------------------------

    def activate_go_to_market_offer(self, sender_id: str, offer: str) -> Offer:
        """BEN-11 / BEN-12: no offer is activated before a marketing contact is assigned; an
        activated offer is pending for several days. Activating it again changes nothing."""
        with self._database.unit_of_work() as work:
            case = work.case(sender_id)
            if "marketing_contact_email" not in work.facts(case):
                raise RuleViolation("BEN-11", "assign a marketing contact first", {"offer": offer})
            existing = self._offer(work, case, offer)
            if existing is not None:
                return _offer(existing)
            row = GoToMarketOffer(case_id=case.id, offer=offer, status="pending", requested_on=work.today())
            work.session.add(row)
            return _offer(row)

    def record_go_to_market_offer_activated(self, sender_id: str, offer: str, requested_on: Optional[date] = None) -> Offer:
        """BEN-12: an offer the partner reports having activated (so a marketing contact was
        assigned, BEN-11), pending for several days; reporting it again changes nothing."""
        with self._database.unit_of_work() as work:
            case = work.case(sender_id)
            existing = self._offer(work, case, offer)
            if existing is not None:
                return _offer(existing)
            day = requested_on if requested_on is not None and requested_on <= work.today() else work.today()
            row = GoToMarketOffer(case_id=case.id, offer=offer, status="pending", requested_on=day)
            work.session.add(row)
            return _offer(row)

    def record_go_to_market_offer_active(self, sender_id: str, offer: str, expires_on: date) -> Offer:
        """BEN-12: the offer shows Active, usable until its expiry date (after today)."""
        with self._database.unit_of_work() as work:
            if expires_on <= work.today():
                raise UnknownFact("an expiry date must be after today")
            row = self._offer(work, work.case(sender_id), offer)
            if row is None:
                raise RuleViolation("BEN-12", "the offer was not activated yet", {"offer": offer})
            row.status = "active"
            row.expires_on = expires_on
            return _offer(row)

    def go_to_market_offers(self, sender_id: str) -> List[Offer]:
        """BEN-12: the offers activated, with status and expiry date."""
        with self._database.unit_of_work() as work:
            case = work.case(sender_id)
            query = select(GoToMarketOffer).where(GoToMarketOffer.case_id == case.id).order_by(GoToMarketOffer.id)
            return [_offer(row) for row in work.session.execute(query).scalars()]

    @staticmethod
    def _offer(work: UnitOfWork, case: Case, offer: str) -> Optional[GoToMarketOffer]:
        query = select(GoToMarketOffer).where(
            GoToMarketOffer.case_id == case.id, func.lower(GoToMarketOffer.offer) == offer.lower()
        )
        return work.session.execute(query.order_by(GoToMarketOffer.id.desc())).scalars().first()


def _offer(row: GoToMarketOffer) -> Offer:
    return Offer(row.offer, row.status, row.requested_on, row.expires_on)
