"""The triage desk: support requests and staff notes.

A partner case has at most one unresolved request: asking again adds the new reason and the
newer transcript to it instead of opening a second one. Staff list, read, claim, annotate
and resolve requests by reference (``SR-7KQ3-M9XD``: random, so a reference says nothing
about how many requests there are; requests opened before keep their ``SR-00042``).

New requests are limited: per identity (``REQUESTS_PER_IDENTITY_PER_HOUR``) and in all
(``SUPPORT_REQUESTS_PER_MINUTE``), so nobody floods the desk by opening conversations.
"""

from __future__ import annotations

import json
import os
import re
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..rules import support
from ..rules.support import Handoff
from .database import Database
from .errors import (
    SupportRequestClaimedByOther,
    SupportRequestNotFound,
    SupportRequestResolved,
    SupportRequestsThrottled,
    UnknownFact,
)
from .mpa import MpaRepository
from .schema import Case, SupportNote, SupportRequest
from .schema import as_utc as _as_utc

TRANSCRIPT_LENGTH = 20
REQUESTS_PER_IDENTITY_PER_HOUR = 3
# Crockford's base32: no I, L, O or U to misread.
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_REFERENCE = re.compile(r"^\s*#?\s*(?:sr)?[\s-]*([0-9a-z]{4})[\s-]?([0-9a-z]{4})\s*$", re.IGNORECASE)
_LEGACY_REFERENCE = re.compile(r"^\s*#?\s*(?:sr)?[\s-]*0*(\d{1,9})\s*$", re.IGNORECASE)


def new_reference() -> str:
    code = "".join(secrets.choice(_ALPHABET) for _ in range(8))
    return f"SR-{code[:4]}-{code[4:]}"


def parse_reference(text: str) -> Optional[str]:
    """The reference in "SR-7KQ3-M9XD", "sr 7kq3m9xd", or a reference given before they were
    random ("SR-00042", "sr42", "#42", "42"); None when it is not a reference."""
    legacy = _LEGACY_REFERENCE.match(text or "")
    if legacy:
        return f"SR-{int(legacy.group(1)):05d}"
    match = _REFERENCE.match(text or "")
    return f"SR-{match.group(1)}-{match.group(2)}".upper() if match else None


def requests_per_minute() -> int:
    return int(os.environ.get("SUPPORT_REQUESTS_PER_MINUTE", "20"))


@dataclass(frozen=True)
class SupportNoteView:
    author: str
    text: str
    created_at: datetime


@dataclass(frozen=True)
class SupportRequestView:
    reference: str
    sender_id: str
    trigger: str
    category: str
    priority: str
    priority_reason: str
    language: str
    rule_ids: Tuple[str, ...]
    facts_summary: str
    transcript: Tuple[Dict[str, str], ...]
    status: str
    claimed_by: Optional[str]
    created_at: datetime
    updated_at: datetime
    resolved_at: Optional[datetime]
    notes: Tuple[SupportNoteView, ...] = field(default=())
    reused: bool = False  # True when the case's unresolved request was extended


class SupportDesk:
    """Support requests of partner cases, for partners (open one) and staff (the rest)."""

    def __init__(self, database: Database):
        self._database = database

    # ----- partner side ------------------------------------------------------------------

    def open_request(
        self, sender_id: str, handoff: Handoff, language: str, transcript: Sequence[Dict[str, str]] = ()
    ) -> SupportRequestView:
        """Hand the case to staff: priority and facts summary come from the stored facts."""
        if handoff.trigger not in support.TRIGGERS or handoff.category not in support.CATEGORIES:
            raise UnknownFact(f"unknown handoff {handoff}")
        kept = [dict(line) for line in transcript][-TRANSCRIPT_LENGTH:]
        with self._database.unit_of_work() as work:
            session, now = work.session, work.now()
            case = work.case(sender_id)
            facts = work.facts(case)
            signed = [signature.region for signature in MpaRepository.signatures_in(work, case)]
            priority, reason = support.request_priority(handoff, facts, now.date(), signed)
            summary = support.facts_summary(facts, signed)
            row = self._unresolved_request(session, case)
            reused = row is not None
            if row is None:
                self._refuse_when_throttled(session, case, now)
                row = SupportRequest(
                    case_id=case.id,
                    reference=new_reference(),
                    trigger=handoff.trigger,
                    category=handoff.category,
                    priority=priority,
                    priority_reason=reason,
                    language=language,
                    rule_ids=json.dumps(list(handoff.rule_ids)),
                    facts_summary=summary,
                    transcript=json.dumps(kept),
                    status="open",
                    created_at=now,
                    updated_at=now,
                )
                session.add(row)
            else:
                self._extend(row, handoff, priority, reason, language, summary, kept, now)
            session.flush()
            return self._view(session, row, reused=reused)

    @staticmethod
    def _extend(row, handoff, priority, reason, language, summary, transcript, now) -> None:
        if support.priority_rank(priority) < support.priority_rank(row.priority):
            row.priority, row.priority_reason = priority, reason
        if row.category == "other":
            row.category = handoff.category
        row.rule_ids = json.dumps(list(dict.fromkeys([*json.loads(row.rule_ids), *handoff.rule_ids])))
        row.language = language
        row.facts_summary = summary
        earlier = json.loads(row.transcript)
        merged = earlier + [line for line in transcript if line not in earlier]
        row.transcript = json.dumps(merged[-TRANSCRIPT_LENGTH:])
        row.updated_at = now

    @staticmethod
    def _refuse_when_throttled(session: Session, case: Case, now: datetime) -> None:
        """A new request only within the limits: per identity per hour, and in all per minute."""
        recent = select(func.count(SupportRequest.id)).where(SupportRequest.created_at > now - timedelta(hours=1))
        if session.execute(recent.where(SupportRequest.case_id == case.id)).scalar_one() >= REQUESTS_PER_IDENTITY_PER_HOUR:
            raise SupportRequestsThrottled("-", "too many new requests from this identity", {"per_hour": REQUESTS_PER_IDENTITY_PER_HOUR})
        last_minute = select(func.count(SupportRequest.id)).where(SupportRequest.created_at > now - timedelta(minutes=1))
        if session.execute(last_minute).scalar_one() >= requests_per_minute():
            raise SupportRequestsThrottled("-", "too many new requests in the last minute", {"per_minute": requests_per_minute()})

    def _unresolved_request(self, session: Session, case: Case) -> Optional[SupportRequest]:
        query = select(SupportRequest).where(SupportRequest.case_id == case.id, SupportRequest.status != "resolved")
        return session.execute(query.order_by(SupportRequest.id.desc())).scalars().first()

    # ----- staff side ------------------------------------------------------------------

    def unresolved_requests(self, category: Optional[str] = None) -> List[SupportRequestView]:
        """Unresolved requests, most urgent first, then oldest first."""
        if category is not None and category not in support.CATEGORIES:
            raise UnknownFact(f"unknown category {category!r}")
        with self._database.unit_of_work() as work:
            session = work.session
            query = select(SupportRequest).where(SupportRequest.status != "resolved")
            if category is not None:
                query = query.where(SupportRequest.category == category)
            rows = list(session.execute(query).scalars())
            rows.sort(key=lambda row: (support.priority_rank(row.priority), _as_utc(row.created_at), row.id))
            return [self._view(session, row, with_notes=False) for row in rows]

    def all_requests(self) -> List[SupportRequestView]:
        with self._database.unit_of_work() as work:
            session = work.session
            rows = session.execute(select(SupportRequest).order_by(SupportRequest.id)).scalars()
            return [self._view(session, row) for row in rows]

    def request(self, reference: str) -> SupportRequestView:
        with self._database.unit_of_work() as work:
            session = work.session
            return self._view(session, self._request(session, reference))

    def claim(self, reference: str, staff: str) -> SupportRequestView:
        """The staff member takes the request; someone else's claim is not taken over."""
        with self._database.unit_of_work() as work:
            session = work.session
            row = self._request(session, reference, for_update=True)
            self._refuse_unless_open_to(row, staff)
            row.claimed_by = staff
            row.status = "claimed"
            row.updated_at = work.now()
            return self._view(session, row)

    def add_note(self, reference: str, staff: str, text: str) -> SupportRequestView:
        text = (text or "").strip()
        if not text:
            raise UnknownFact("a note needs text")
        with self._database.unit_of_work() as work:
            session = work.session
            row = self._request(session, reference)
            now = work.now()
            session.add(SupportNote(request_id=row.id, author=staff, text=text[:4000], created_at=now))
            row.updated_at = now
            session.flush()
            return self._view(session, row)

    def resolve(self, reference: str, staff: str, note: Optional[str] = None) -> SupportRequestView:
        with self._database.unit_of_work() as work:
            session = work.session
            row = self._request(session, reference, for_update=True)
            self._refuse_unless_open_to(row, staff)
            now = work.now()
            if note and note.strip():
                session.add(SupportNote(request_id=row.id, author=staff, text=note.strip()[:4000], created_at=now))
            row.status = "resolved"
            row.claimed_by = staff
            row.resolved_at = now
            row.updated_at = now
            session.flush()
            return self._view(session, row)

    # ----- helpers ---------------------------------------------------------------------

    def _request(self, session: Session, reference: str, for_update: bool = False) -> SupportRequest:
        wanted = parse_reference(reference)
        row = None
        if wanted is not None:
            query = select(SupportRequest).where(SupportRequest.reference == wanted)
            if for_update and session.bind.dialect.name == "postgresql":
                query = query.with_for_update()
            row = session.execute(query).scalar_one_or_none()
        if row is None:
            raise SupportRequestNotFound(str(reference), "no such support request")
        return row

    @staticmethod
    def _refuse_unless_open_to(row: SupportRequest, staff: str) -> None:
        """A resolved request, or one another staff member claimed, is not changed."""
        if row.status == "resolved":
            raise SupportRequestResolved(
                row.reference,
                "already resolved",
                {"resolved_by": row.claimed_by, "resolved_at": _as_utc(row.resolved_at)},
            )
        if row.claimed_by not in (None, staff):
            raise SupportRequestClaimedByOther(
                row.reference, "claimed by someone else", {"claimed_by": row.claimed_by}
            )

    def _view(self, session: Session, row: SupportRequest, reused: bool = False, with_notes: bool = True):
        notes: Iterable[SupportNote] = ()
        if with_notes:
            notes = session.execute(
                select(SupportNote).where(SupportNote.request_id == row.id).order_by(SupportNote.id)
            ).scalars()
        return SupportRequestView(
            reference=row.reference,
            sender_id=row.case.sender_id,
            trigger=row.trigger,
            category=row.category,
            priority=row.priority,
            priority_reason=row.priority_reason,
            language=row.language,
            rule_ids=tuple(json.loads(row.rule_ids)),
            facts_summary=row.facts_summary,
            transcript=tuple(json.loads(row.transcript)),
            status=row.status,
            claimed_by=row.claimed_by,
            created_at=_as_utc(row.created_at),
            updated_at=_as_utc(row.updated_at),
            resolved_at=_as_utc(row.resolved_at),
            notes=tuple(SupportNoteView(note.author, note.text, _as_utc(note.created_at)) for note in notes),
            reused=reused,
        )


