"""The state store: each partner case's facts, and the documented rules that guard them.

One short session per method call (a unit of work), committed on success and rolled back
on any error. The database URL comes from the environment (see ``store_from_env``).
"""

from __future__ import annotations

import json
import logging
import os
import re
from contextlib import contextmanager
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, Mapping, Optional

from sqlalchemy import create_engine, event, func, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from ..rules import benefits, onboarding, relationships
from ..rules.verdict import Outcome
from ..rules.work_account import check_work_email
from .errors import RuleViolation, StoreUnavailable, UnknownFact
from .facts import ENROLLMENT_STEP_COUNT, PREREQUISITES, Facts, RecordedFact, check_fact
from .migrations import upgrade_to_head
from .schema import Case, CustomerPartner, Fact, GoToMarketOffer, MpaSignature, Organisation, VisualStudioAssignment
from .schema import as_utc as _as_utc
from .support_desk import SupportDesk

logger = logging.getLogger(__name__)

STORE_URL_VARIABLE = "PARTNER_STORE_URL"
DEFAULT_STORE_PATH = Path(__file__).resolve().parents[2] / ".data" / "partner_store.db"
_MPN_ID = re.compile(r"^\d{6,10}$")

Clock = Callable[[], datetime]


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


def default_store_url() -> str:
    return os.environ.get(STORE_URL_VARIABLE) or f"sqlite:///{DEFAULT_STORE_PATH}"


class PartnerStore(SupportDesk):
    """Facts per partner case, recorded only when the documented rules allow it."""

    def __init__(self, url: str, clock: Clock = _utc_now, migrate: bool = True):
        self.url = url
        self._clock = clock
        if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
            Path(url[len("sqlite:///") :]).parent.mkdir(parents=True, exist_ok=True)
        self._engine: Engine = create_engine(url, future=True, pool_pre_ping=True)
        if self._engine.dialect.name == "sqlite":
            event.listen(self._engine, "connect", _sqlite_pragmas)
        self._sessions = sessionmaker(self._engine, future=True, expire_on_commit=False)
        if migrate:
            self.migrate()

    def migrate(self) -> None:
        """Bring the schema to the newest Alembic revision (safe to call on every start)."""
        try:
            upgrade_to_head(self._engine)
        except SQLAlchemyError as error:
            raise StoreUnavailable(f"cannot migrate the store: {error}") from error

    def today(self) -> date:
        """Today by the store's clock: every day count (BEN-07, BEN-13) is taken from it."""
        return self._clock().date()

    def dispose(self) -> None:
        self._engine.dispose()

    @contextmanager
    def _unit_of_work(self) -> Iterator[Session]:
        session = self._sessions()
        try:
            yield session
            session.commit()
        except SQLAlchemyError as error:
            session.rollback()
            raise StoreUnavailable(str(error)) from error
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    # ----- cases -------------------------------------------------------------------

    def _case(self, session: Session, sender_id: str) -> Case:
        case = session.execute(select(Case).where(Case.sender_id == sender_id)).scalar_one_or_none()
        if case is not None:
            return case
        now = self._clock()
        case = Case(sender_id=sender_id, created_at=now, updated_at=now)
        try:
            with session.begin_nested():
                session.add(case)
        except IntegrityError:
            # Another worker created the same case at the same moment.
            case = session.execute(select(Case).where(Case.sender_id == sender_id)).scalar_one()
        return case

    def _facts(self, session: Session, case: Case) -> Facts:
        query = select(Fact).where(Fact.case_id == case.id).order_by(Fact.recorded_at, Fact.id)
        if case.facts_reset_after_id is not None:
            query = query.where(Fact.id > case.facts_reset_after_id)
        current: Dict[str, RecordedFact] = {}
        for row in session.execute(query).scalars():
            current[row.name] = RecordedFact(json.loads(row.value), _as_utc(row.recorded_at))
        return Facts(current)

    def _record(self, session: Session, case: Case, values: Mapping[str, Any]) -> None:
        for name, value in values.items():
            check_fact(name, value)
        now = self._clock()
        for name, value in values.items():
            session.add(Fact(case_id=case.id, name=name, value=json.dumps(value), recorded_at=now))
        case.updated_at = now

    def facts(self, sender_id: str) -> Facts:
        """The current facts of a sender's case (an empty case is created on first use)."""
        with self._unit_of_work() as session:
            return self._facts(session, self._case(session, sender_id))

    def history(self, sender_id: str) -> list:
        """Every fact ever recorded for the case, oldest first: (name, value, recorded_at)."""
        with self._unit_of_work() as session:
            case = self._case(session, sender_id)
            rows = session.execute(
                select(Fact).where(Fact.case_id == case.id).order_by(Fact.recorded_at, Fact.id)
            ).scalars()
            return [(row.name, json.loads(row.value), _as_utc(row.recorded_at)) for row in rows]

    def _change(self, sender_id: str, decide: Callable[[Facts], Mapping[str, Any]]) -> Facts:
        """Read the case, let ``decide`` check the rules and name the facts to record, write them."""
        with self._unit_of_work() as session:
            case = self._case(session, sender_id)
            values = decide(self._facts(session, case))
            self._record(session, case, values)
            session.flush()
            return self._facts(session, case)

    # ----- onboarding (ONB) ----------------------------------------------------------

    def record_mpn_membership(self, sender_id: str, is_member: bool) -> Facts:
        """ONB-01: whether the company is a Microsoft Partner Network member."""
        return self._change(sender_id, lambda facts: {"mpn_member": is_member})

    def record_prerequisite(self, sender_id: str, item: str, ready: bool) -> Facts:
        """ONB-02: one of the four things to have on hand before enrolling."""
        if item not in PREREQUISITES:
            raise UnknownFact(f"unknown prerequisite {item!r}")
        return self._change(sender_id, lambda facts: {f"prerequisite_{item}": ready})

    def complete_enrollment_step(self, sender_id: str, step: int) -> Facts:
        """ONB-03: mark an enrollment step done. Steps go in order, and only once ONB-01
        (member) and ONB-02 (everything on hand) allow enrolling."""

        def decide(facts: Facts) -> Mapping[str, Any]:
            readiness = onboarding.enrollment_readiness(facts)
            if not readiness.allowed:
                missing = [item.rsplit("prerequisite_", 1)[-1] for item in readiness.items]
                raise RuleViolation(
                    readiness.rule_ids[0],
                    "enrollment cannot start yet",
                    {"mpn_member": facts.get("mpn_member"), "missing_prerequisites": missing},
                )
            done = onboarding.steps_done(facts)
            if step != done + 1 or step > ENROLLMENT_STEP_COUNT:
                raise RuleViolation(
                    "ONB-03",
                    "enrollment steps are done in order",
                    {"steps_done": done, "expected_step": min(done + 1, ENROLLMENT_STEP_COUNT), "given_step": step},
                )
            return {"enrollment_steps_done": step}

        return self._change(sender_id, decide)

    def record_primary_contact_verified(self, sender_id: str) -> Facts:
        """ONB-04: the primary contact confirmed Microsoft's email; only possible after
        the application was submitted ('Enroll now', step 3)."""

        def decide(facts: Facts) -> Mapping[str, Any]:
            done = onboarding.steps_done(facts)
            if done < 3:
                raise RuleViolation("ONB-04", "nothing to verify before 'Enroll now' (step 3)", {"steps_done": done})
            return {"primary_contact_verified": True}

        return self._change(sender_id, decide)

    def record_user_role(self, sender_id: str, role: str) -> Facts:
        """ONB-05/ONB-06/WA-07: the role of the person talking to the assistant."""
        return self._change(sender_id, lambda facts: {"user_role": role})

    # ----- work account (WA) -----------------------------------------------------------

    def record_work_account(self, sender_id: str, state: str) -> Facts:
        """WA-03/WA-05: whether the company has a work account ('exists', 'none', 'unknown')."""
        return self._change(sender_id, lambda facts: {"work_account": state})

    def record_cloud_subscription(self, sender_id: str, has_subscription: bool) -> Facts:
        """WA-03: an active Azure or Office 365 subscription means a work account exists."""

        def decide(facts: Facts) -> Mapping[str, Any]:
            changes: Dict[str, Any] = {"has_cloud_subscription": has_subscription}
            if has_subscription:
                changes["work_account"] = "exists"
            return changes

        return self._change(sender_id, decide)

    def record_work_email(self, sender_id: str, email: str) -> Facts:
        """WA-01/WA-02: the global admin's work email, refused when it is personal mail or a
        regional domain of a stored headquarters domain. Satisfies ONB-02 (a)."""

        def decide(facts: Facts) -> Mapping[str, Any]:
            verdict = check_work_email(email, facts.get("headquarters_domain"))
            if verdict.outcome is not Outcome.ALLOWED:
                raise RuleViolation(verdict.rule_ids[0], "not an acceptable work email", dict(verdict.params))
            return {"work_email": verdict.params["email"], "prerequisite_admin_email": True}

        return self._change(sender_id, decide)

    def record_headquarters_domain(self, sender_id: str, domain: str) -> Facts:
        """WA-02: the headquarters' business domain, used to check the work email."""
        return self._change(sender_id, lambda facts: {"headquarters_domain": domain.lower().strip(".")})

    # ----- the MPA (MPA) ---------------------------------------------------------------

    def record_csp_partner_type(self, sender_id: str, partner_type: str, us_government_cloud: bool = False) -> Facts:
        """MPA-02: indirect provider, indirect reseller, direct bill partner, or not in CSP."""
        return self._change(
            sender_id, lambda facts: {"csp_partner_type": partner_type, "us_government_cloud": us_government_cloud}
        )

    def record_mpn_account(self, sender_id: str, state: str) -> Facts:
        """MPA-05: the MPN account is in Partner Center, still in PMC, or does not exist."""
        return self._change(sender_id, lambda facts: {"mpn_account": state})

    def record_mpn_program_status(self, sender_id: str, status: str) -> Facts:
        """MPA-06: the MPN program status shown in Partner profile, Program info. A status
        means the MPN account is in Partner Center (MPA-05)."""
        return self._change(sender_id, lambda facts: {"mpn_program_status": status, "mpn_account": "partner_center"})

    def record_indirect_reseller_status(self, sender_id: str, status: str) -> Facts:
        """MPA-08: the Indirect reseller status in Program info ('not_shown' when absent)."""
        return self._change(sender_id, lambda facts: {"indirect_reseller_status": status})

    def record_csp_relationship_accepted(self, sender_id: str, accepted: bool) -> Facts:
        """MPA-10: the indirect reseller accepted its indirect provider's CSP relationship request."""
        return self._change(sender_id, lambda facts: {"csp_relationship_accepted": accepted})

    def record_csp_regions(self, sender_id: str, regions: list) -> Facts:
        """MPA-04: the CSP regions the company does CSP business in."""
        return self._change(sender_id, lambda facts: {"csp_regions": list(dict.fromkeys(regions))})

    def record_mpa_signature(self, sender_id: str, region: str) -> Dict[str, datetime]:
        """MPA-04 / MPA-01: the MPA signed in one region. Refused for a region the company does
        not do CSP business in, one already signed, or by someone who is not Global admin."""
        with self._unit_of_work() as session:
            case = self._case(session, sender_id)
            facts = self._facts(session, case)
            if facts.get("user_role") != "global_admin":
                raise RuleViolation(
                    "MPA-01", "only a Global admin can sign the MPA", {"user_role": facts.get("user_role")}
                )
            regions = facts.get("csp_regions") or []
            if region not in regions:
                raise RuleViolation(
                    "MPA-04",
                    "not a region the company does CSP business in",
                    {"region": region, "csp_regions": regions},
                )
            signed = self._signatures(session, case)
            if region in signed:
                raise RuleViolation(
                    "MPA-04", "the MPA is signed once per region", {"region": region, "signed_at": signed[region]}
                )
            session.add(MpaSignature(case_id=case.id, region=region, signed_at=self._clock()))
            session.flush()
            return self._signatures(session, case)

    def _signatures(self, session: Session, case: Case) -> Dict[str, datetime]:
        rows = session.execute(
            select(MpaSignature).where(MpaSignature.case_id == case.id).order_by(MpaSignature.id)
        ).scalars()
        return {row.region: _as_utc(row.signed_at) for row in rows}

    def signed_regions(self, sender_id: str) -> Dict[str, datetime]:
        """MPA-04: the regions the MPA is signed in, with when."""
        with self._unit_of_work() as session:
            return self._signatures(session, self._case(session, sender_id))

    # ----- membership benefits (BEN) ----------------------------------------------------

    def record_membership_level(self, sender_id: str, level: str) -> Facts:
        """BEN-10: Action Pack, Silver or Gold, which decides the technical support to use."""
        return self._change(sender_id, lambda facts: {"membership_level": level})

    def record_benefit_purchase(self, sender_id: str, purchased_on: date, level: Optional[str] = None) -> Facts:
        """BEN-13 / BEN-10: when the benefits package was bought, and the membership level."""
        if purchased_on > self._clock().date():
            raise UnknownFact("a purchase date cannot be in the future")
        values: Dict[str, Any] = {"benefits_purchased_on": purchased_on.isoformat()}
        if level is not None:
            values["membership_level"] = level
        return self._change(sender_id, lambda facts: values)

    def record_technical_benefits_requested(self, sender_id: str) -> date:
        """BEN-08: activation of the technical benefits requested today (processing takes
        several days); an earlier request keeps its date. Refused while still in PMC (BEN-01)."""
        today = self._clock().date()

        def decide(facts: Facts) -> Mapping[str, Any]:
            if facts.get("mpn_account") == "pmc":
                raise RuleViolation("BEN-08", "in PMC technical benefits go through Partner Frontline", {})
            return {"technical_benefits_requested_on": facts.get("technical_benefits_requested_on") or today.isoformat()}

        return date.fromisoformat(self._change(sender_id, decide)["technical_benefits_requested_on"])

    def record_technical_benefit_ids(self, sender_id: str, access_id: str, contract_id: Optional[str]) -> Facts:
        """BEN-08 / BEN-09: the Access ID and Contract ID shown once activation is processed."""
        def decide(facts: Facts) -> Mapping[str, Any]:
            # IDs exist only once an activation was processed, so it was requested by then.
            requested = facts.get("technical_benefits_requested_on") or self._clock().date().isoformat()
            values = {"technical_access_id": access_id, "technical_benefits_requested_on": requested}
            return {**values, "technical_contract_id": contract_id} if contract_id else values

        return self._change(sender_id, decide)

    def record_software_benefits_activated(self, sender_id: str, activated: bool = True) -> Facts:
        """BEN-04 / BEN-13: software benefits activated (keys fetched) or not."""
        values: Dict[str, Any] = {"software_benefits_activated": activated}
        if activated:
            values["software_benefits_activated_on"] = self.today().isoformat()
        return self._change(sender_id, lambda facts: values)

    def record_cloud_benefits_activated(self, sender_id: str) -> date:
        """BEN-05: a cloud subscription activated (assigned or key used) today; returns the date."""
        today = self.today()
        self._change(sender_id, lambda facts: {"cloud_benefits_activated_on": today.isoformat()})
        return today

    def request_refund(self, sender_id: str) -> date:
        """BEN-13: a refund is possible within 30 days of purchase and only without activated
        software benefits; returns the purchase date, or refuses with the failing condition."""
        facts = self.facts(sender_id)
        if "benefits_purchased_on" not in facts:
            raise UnknownFact("the purchase date is not known")
        purchased_on = date.fromisoformat(facts["benefits_purchased_on"])
        verdict = benefits.refund_eligibility(
            purchased_on, facts.get("software_benefits_activated", False), self._clock().date()
        )
        if not verdict.allowed:
            failed = {
                "utter_ben_refund_too_late": "more_than_30_days",
                "utter_ben_refund_software_activated": "software_activated",
                "utter_ben_refund_late_and_activated": "more_than_30_days_and_software_activated",
            }[verdict.response]
            raise RuleViolation("BEN-13", "no refund", {**verdict.params, "failed": failed})
        return purchased_on

    def assign_visual_studio_subscription(
        self, sender_id: str, subscription: Optional[str], subscriber: str, assigned_on: date
    ) -> str:
        """BEN-06: a Visual Studio subscription assigned to a subscriber on a date; without a
        name the subscription is numbered ("Visual Studio 2"). Returns its name."""
        if assigned_on > self._clock().date():
            raise UnknownFact("an assignment date cannot be in the future")
        with self._unit_of_work() as session:
            case = self._case(session, sender_id)
            if subscription is None:
                known = select(func.count(func.distinct(VisualStudioAssignment.subscription))).where(
                    VisualStudioAssignment.case_id == case.id
                )
                subscription = f"Visual Studio {session.execute(known).scalar_one() + 1}"
            if self._current_assignment(session, case, subscription) is not None:
                raise RuleViolation("BEN-07", "already assigned: reassign it instead", {"subscription": subscription})
            session.add(
                VisualStudioAssignment(
                    case_id=case.id, subscription=subscription, subscriber=subscriber, assigned_on=assigned_on
                )
            )
            return subscription

    def visual_studio_assignments(self, sender_id: str) -> list:
        """BEN-06: the subscriptions assigned now, oldest first."""
        with self._unit_of_work() as session:
            case = self._case(session, sender_id)
            query = (
                select(VisualStudioAssignment)
                .where(VisualStudioAssignment.case_id == case.id, VisualStudioAssignment.ended_on.is_(None))
                .order_by(VisualStudioAssignment.id)
            )
            return [
                {"subscription": row.subscription, "subscriber": row.subscriber, "assigned_on": row.assigned_on}
                for row in session.execute(query).scalars()
            ]

    def visual_studio_history(self, sender_id: str, subscription: str) -> list:
        """BEN-07: every subscriber a subscription had, with the dates."""
        with self._unit_of_work() as session:
            case = self._case(session, sender_id)
            query = (
                select(VisualStudioAssignment)
                .where(VisualStudioAssignment.case_id == case.id, VisualStudioAssignment.subscription == subscription)
                .order_by(VisualStudioAssignment.id)
            )
            return [
                {"subscriber": row.subscriber, "assigned_on": row.assigned_on, "ended_on": row.ended_on}
                for row in session.execute(query).scalars()
            ]

    def _current_assignment(self, session: Session, case: Case, subscription: str):
        query = select(VisualStudioAssignment).where(
            VisualStudioAssignment.case_id == case.id,
            VisualStudioAssignment.subscription == subscription,
            VisualStudioAssignment.ended_on.is_(None),
        )
        return session.execute(query).scalars().first()

    def visual_studio_assignment(self, sender_id: str, subscription: str) -> Optional[Dict[str, Any]]:
        """BEN-07: the current subscriber of a subscription and since when."""
        with self._unit_of_work() as session:
            row = self._current_assignment(session, self._case(session, sender_id), subscription)
            return {"subscriber": row.subscriber, "assigned_on": row.assigned_on} if row else None

    def reassign_visual_studio_subscription(self, sender_id: str, subscription: str, new_subscriber: str) -> date:
        """BEN-07: reassign only once 90 days have passed since the original assignment;
        refused with the earliest date and the days left."""
        today = self._clock().date()
        with self._unit_of_work() as session:
            case = self._case(session, sender_id)
            current = self._current_assignment(session, case, subscription)
            if current is None:
                raise UnknownFact(f"no assignment of {subscription!r}")
            verdict = benefits.visual_studio_reassignment(current.assigned_on, today)
            if not verdict.allowed:
                raise RuleViolation("BEN-07", "reassignment only after 90 days", dict(verdict.params))
            current.ended_on = today
            session.add(
                VisualStudioAssignment(
                    case_id=case.id, subscription=subscription, subscriber=new_subscriber, assigned_on=today
                )
            )
            return today

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

        return self._change(sender_id, decide)

    def activate_go_to_market_offer(self, sender_id: str, offer: str) -> str:
        """BEN-11 / BEN-12: no offer is activated before a marketing contact is assigned; an
        activated offer is pending for several days. Activating it again changes nothing."""
        today = self._clock().date()
        with self._unit_of_work() as session:
            case = self._case(session, sender_id)
            if "marketing_contact_email" not in self._facts(session, case):
                raise RuleViolation("BEN-11", "assign a marketing contact first", {"offer": offer})
            existing = self._offer(session, case, offer)
            if existing is not None:
                return existing.status
            session.add(GoToMarketOffer(case_id=case.id, offer=offer, status="pending", requested_on=today))
            return "pending"

    def _offer(self, session: Session, case: Case, offer: str) -> Optional[GoToMarketOffer]:
        query = select(GoToMarketOffer).where(
            GoToMarketOffer.case_id == case.id, func.lower(GoToMarketOffer.offer) == offer.lower()
        )
        return session.execute(query.order_by(GoToMarketOffer.id.desc())).scalars().first()

    def record_go_to_market_offer_active(self, sender_id: str, offer: str, expires_on: date) -> Dict[str, Any]:
        """BEN-12: the offer shows Active, usable until its expiry date (after today)."""
        if expires_on <= self._clock().date():
            raise UnknownFact("an expiry date must be after today")
        with self._unit_of_work() as session:
            row = self._offer(session, self._case(session, sender_id), offer)
            if row is None:
                raise RuleViolation("BEN-12", "the offer was not activated yet", {"offer": offer})
            row.status = "active"
            row.expires_on = expires_on
            return {"offer": row.offer, "status": row.status, "expires_on": expires_on}

    def go_to_market_offers(self, sender_id: str) -> list:
        """BEN-12: the offers activated, with status and expiry date."""
        with self._unit_of_work() as session:
            case = self._case(session, sender_id)
            query = select(GoToMarketOffer).where(GoToMarketOffer.case_id == case.id).order_by(GoToMarketOffer.id)
            return [
                {"offer": row.offer, "status": row.status, "requested_on": row.requested_on, "expires_on": row.expires_on}
                for row in session.execute(query).scalars()
            ]

    # ----- a customer's partners (REL) ---------------------------------------------------

    def record_customer_partner(self, sender_id: str, name: str, partner_type: str) -> Dict[str, str]:
        """REL-02: a partner the customer works with, and its type (replaces an earlier type)."""
        if partner_type not in relationships.PARTNER_TYPES:
            raise UnknownFact(f"unknown partner type {partner_type!r}")
        name = name.strip()[:200]
        if not name:
            raise UnknownFact("a partner needs a name")
        with self._unit_of_work() as session:
            case = self._case(session, sender_id)
            for row in self._active_partners(session, case):
                if row.name.lower() == name.lower():
                    row.removed_at = self._clock()
            session.add(
                CustomerPartner(case_id=case.id, name=name, partner_type=partner_type, recorded_at=self._clock())
            )
            self._record(session, case, {"customer_has_partner": True})
            session.flush()
            return {row.name: row.partner_type for row in self._active_partners(session, case)}

    def _active_partners(self, session: Session, case: Case) -> list:
        query = select(CustomerPartner).where(CustomerPartner.case_id == case.id, CustomerPartner.removed_at.is_(None))
        return list(session.execute(query.order_by(CustomerPartner.id)).scalars())

    def customer_partners(self, sender_id: str) -> Dict[str, str]:
        """REL-02: the customer's current partners: name -> type."""
        with self._unit_of_work() as session:
            return {
                row.name: row.partner_type for row in self._active_partners(session, self._case(session, sender_id))
            }

    def remove_customer_partner(self, sender_id: str, name: str) -> Dict[str, str]:
        """REL-07: the customer deletes a partner itself, which only a Delegated administrator
        or an Advisor allows; any other type is refused with the partner's type."""
        with self._unit_of_work() as session:
            case = self._case(session, sender_id)
            matches = [row for row in self._active_partners(session, case) if row.name.lower() == name.strip().lower()]
            if not matches:
                raise UnknownFact(f"no partner called {name!r}")
            partner = matches[-1]
            if partner.partner_type not in relationships.SELF_REMOVABLE_TYPES:
                raise RuleViolation(
                    "REL-07",
                    "only a Delegated administrator or Advisor can be deleted by the customer",
                    {"partner": partner.name, "partner_type": partner.partner_type},
                )
            partner.removed_at = self._clock()
            session.flush()
            return {row.name: row.partner_type for row in self._active_partners(session, case)}

    # ----- case-wide --------------------------------------------------------------------

    def link_organisation(self, sender_id: str, mpn_id: str) -> str:
        """Link the case to an organisation by MPN ID, so other channels can share it."""
        mpn_id = mpn_id.strip()
        if not _MPN_ID.match(mpn_id):
            raise UnknownFact(f"not an MPN ID: {mpn_id!r}")
        with self._unit_of_work() as session:
            case = self._case(session, sender_id)
            organisation = session.execute(
                select(Organisation).where(Organisation.mpn_id == mpn_id)
            ).scalar_one_or_none()
            if organisation is None:
                organisation = Organisation(mpn_id=mpn_id, created_at=self._clock())
                session.add(organisation)
                session.flush()
            case.organisation_id = organisation.id
            return mpn_id

    def organisation_of(self, sender_id: str) -> Optional[str]:
        with self._unit_of_work() as session:
            case = self._case(session, sender_id)
            return case.organisation.mpn_id if case.organisation else None

    def reset_progress(self, sender_id: str) -> None:
        """Start over: earlier facts stop counting but stay in the history."""
        with self._unit_of_work() as session:
            case = self._case(session, sender_id)
            newest = session.execute(select(func.max(Fact.id)).where(Fact.case_id == case.id)).scalar()
            case.facts_reset_after_id = newest or 0
            case.updated_at = self._clock()


def _sqlite_pragmas(connection, _record) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


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
