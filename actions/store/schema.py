"""SQLAlchemy tables of the state store.

A *case* is what one identity (a sender, named by its channel) has established. Facts are append-only:
recording a fact again adds a row, and the newest row per name is the current value, so
the history of a case is never lost and every fact knows when it was recorded.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Optional

from sqlalchemy import Column, Date, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import declarative_base, relationship

Base = declarative_base()


def as_utc(moment: Optional[datetime]) -> Optional[datetime]:
    """A stored moment as an aware UTC datetime: SQLite returns naive datetimes even for
    timezone-aware columns."""
    if moment is None:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


class Case(Base):
    __tablename__ = "cases"

    id = Column(Integer, primary_key=True)
    # The identity the channel verified, naming the channel ("teams:29:abc", "web:<session>").
    sender_id = Column(String(255), nullable=False, unique=True)
    created_at = Column(DateTime(timezone=True), nullable=False)
    updated_at = Column(DateTime(timezone=True), nullable=False)
    # Facts up to this id are ignored: "start over" without deleting the history.
    facts_reset_after_id = Column(Integer, nullable=True)


class Fact(Base):
    __tablename__ = "facts"
    __table_args__ = (Index("ix_facts_case_name", "case_id", "name"),)

    id = Column(Integer, primary_key=True)
    case_id = Column(Integer, ForeignKey("cases.id", ondelete="CASCADE"), nullable=False)
    name = Column(String(64), nullable=False)
    value = Column(Text, nullable=False)  # JSON, typed by the fact catalogue
    recorded_at = Column(DateTime(timezone=True), nullable=False)


__all__ = [
    "Base",
    "Case",
    "Fact",
    "MpaSignature",
    "CustomerPartner",
    "VisualStudioAssignment",
    "GoToMarketOffer",
    "SupportRequest",
    "SupportNote",
]


class MpaSignature(Base):
    """MPA-04: the MPA signed in one CSP region."""

    __tablename__ = "mpa_signatures"
    __table_args__ = (UniqueConstraint("case_id", "region", name="uq_mpa_signatures_case_region"),)

    id = Column(Integer, primary_key=True)
    case_id = Column(Integer, ForeignKey("cases.id", ondelete="CASCADE"), nullable=False)
    region = Column(String(80), nullable=False)
    signed_at = Column(DateTime(timezone=True), nullable=False)


class CustomerPartner(Base):
    """REL-02/REL-07: a partner a customer works with, and its type."""

    __tablename__ = "customer_partners"

    id = Column(Integer, primary_key=True)
    case_id = Column(Integer, ForeignKey("cases.id", ondelete="CASCADE"), nullable=False)
    name = Column(String(200), nullable=False)
    partner_type = Column(String(40), nullable=False)
    recorded_at = Column(DateTime(timezone=True), nullable=False)
    removed_at = Column(DateTime(timezone=True), nullable=True)


class VisualStudioAssignment(Base):
    """BEN-06/BEN-07: who holds a Visual Studio subscription since when; a reassignment ends
    the previous row, so the history stays."""

    __tablename__ = "visual_studio_assignments"

    id = Column(Integer, primary_key=True)
    case_id = Column(Integer, ForeignKey("cases.id", ondelete="CASCADE"), nullable=False)
    subscription = Column(String(120), nullable=False)
    subscriber = Column(String(320), nullable=False)
    assigned_on = Column(Date, nullable=False)
    ended_on = Column(Date, nullable=True)


class GoToMarketOffer(Base):
    """BEN-11/BEN-12: a go-to-market offer, pending activation, then active until it expires."""

    __tablename__ = "go_to_market_offers"

    id = Column(Integer, primary_key=True)
    case_id = Column(Integer, ForeignKey("cases.id", ondelete="CASCADE"), nullable=False)
    offer = Column(String(120), nullable=False)
    status = Column(String(20), nullable=False)
    requested_on = Column(Date, nullable=False)
    expires_on = Column(Date, nullable=True)


class SupportRequest(Base):
    """A case handed to Microsoft support staff (the triage desk): why, how urgent, and what
    the assistant knew. ``reference`` is what the partner is told: random (SR-7KQ3-M9XD), so
    it reveals nothing about how many requests there are."""

    __tablename__ = "support_requests"
    __table_args__ = (
        Index("ix_support_requests_status_priority", "status", "priority"),
        Index("uq_support_requests_reference", "reference", unique=True),
    )

    id = Column(Integer, primary_key=True)
    reference = Column(String(20), nullable=False)
    case_id = Column(Integer, ForeignKey("cases.id", ondelete="CASCADE"), nullable=False)
    trigger = Column(String(40), nullable=False)
    category = Column(String(20), nullable=False)
    priority = Column(String(10), nullable=False)
    priority_reason = Column(String(200), nullable=False)
    language = Column(String(5), nullable=False)
    rule_ids = Column(Text, nullable=False)  # JSON list
    facts_summary = Column(Text, nullable=False)
    transcript = Column(Text, nullable=False)  # JSON list of {"who", "text", "at"}
    status = Column(String(10), nullable=False)
    claimed_by = Column(String(200), nullable=True)
    created_at = Column(DateTime(timezone=True), nullable=False)
    updated_at = Column(DateTime(timezone=True), nullable=False)
    resolved_at = Column(DateTime(timezone=True), nullable=True)

    case = relationship(Case)


class SupportNote(Base):
    """A staff member's note on a support request."""

    __tablename__ = "support_notes"

    id = Column(Integer, primary_key=True)
    request_id = Column(Integer, ForeignKey("support_requests.id", ondelete="CASCADE"), nullable=False)
    author = Column(String(200), nullable=False)
    text = Column(Text, nullable=False)
    created_at = Column(DateTime(timezone=True), nullable=False)
