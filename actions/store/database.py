"""The database behind the store: one engine per process, one short unit of work per call.

A unit of work is one SQLAlchemy session, committed when the block ends and rolled back on
any error; a database error becomes ``StoreUnavailable``. The repositories of each topic
reach cases and facts only through a unit of work's public methods.
"""

from __future__ import annotations

import json
from contextlib import contextmanager
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, Mapping, Optional

from sqlalchemy import create_engine, event, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from .errors import StoreUnavailable
from .facts import Facts, RecordedFact, check_fact
from .migrations import upgrade_to_head
from .schema import Case, Fact, as_utc

Clock = Callable[[], datetime]
Decide = Callable[[Facts], Mapping[str, Any]]


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


class UnitOfWork:
    """One session: the cases and facts it reads and writes, by the database's clock."""

    def __init__(self, session: Session, clock: Clock):
        self.session = session
        self._clock = clock

    def now(self) -> datetime:
        return self._clock()

    def today(self) -> date:
        return self._clock().date()

    def case(self, sender_id: str) -> Case:
        """The sender's case, created on first use."""
        case = self.session.execute(select(Case).where(Case.sender_id == sender_id)).scalar_one_or_none()
        if case is not None:
            return case
        now = self.now()
        case = Case(sender_id=sender_id, created_at=now, updated_at=now)
        try:
            with self.session.begin_nested():
                self.session.add(case)
        except IntegrityError:
            # Another worker created the same case at the same moment.
            case = self.session.execute(select(Case).where(Case.sender_id == sender_id)).scalar_one()
        return case

    def facts(self, case: Case) -> Facts:
        """The case's current facts: the newest value of each, after the last start-over."""
        query = select(Fact).where(Fact.case_id == case.id).order_by(Fact.recorded_at, Fact.id)
        if case.facts_reset_after_id is not None:
            query = query.where(Fact.id > case.facts_reset_after_id)
        current: Dict[str, RecordedFact] = {}
        for row in self.session.execute(query).scalars():
            current[row.name] = RecordedFact(json.loads(row.value), as_utc(row.recorded_at))
        return Facts(current)

    def record(self, case: Case, values: Mapping[str, Any]) -> None:
        """Appends the facts (each checked against the catalogue first)."""
        for name, value in values.items():
            check_fact(name, value)
        now = self.now()
        for name, value in values.items():
            self.session.add(Fact(case_id=case.id, name=name, value=json.dumps(value), recorded_at=now))
        case.updated_at = now

    def change(self, sender_id: str, decide: Decide) -> Facts:
        """Reads the case, lets ``decide`` check the rules and name the facts to record,
        writes them and returns the facts as they are now."""
        case = self.case(sender_id)
        self.record(case, decide(self.facts(case)))
        self.session.flush()
        return self.facts(case)


class Database:
    """The engine on one URL and the clock every date is taken from."""

    def __init__(self, url: str, clock: Clock = utc_now):
        self.url = url
        self.clock = clock
        if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
            Path(url[len("sqlite:///") :]).parent.mkdir(parents=True, exist_ok=True)
        if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
            # One process, a few connections kept open (SQLAlchemy 1.4 would open the file
            # for every unit of work and close it after).
            self._engine: Engine = create_engine(
                url, future=True, poolclass=QueuePool, pool_size=2, max_overflow=4,
                connect_args={"check_same_thread": False},
            )
        else:
            self._engine = create_engine(url, future=True, pool_pre_ping=True)
        if self._engine.dialect.name == "sqlite":
            event.listen(self._engine, "connect", _sqlite_pragmas)
        self._sessions = sessionmaker(self._engine, future=True, expire_on_commit=False)

    @property
    def dialect(self) -> str:
        return self._engine.dialect.name

    def migrate(self, sender_channels: Optional[Mapping[str, str]] = None) -> None:
        """Brings the schema to the newest Alembic revision (safe on every start)."""
        try:
            upgrade_to_head(self._engine, sender_channels)
        except SQLAlchemyError as error:
            raise StoreUnavailable(f"cannot migrate the store: {error}") from error

    def today(self) -> date:
        return self.clock().date()

    @contextmanager
    def unit_of_work(self) -> Iterator[UnitOfWork]:
        session = self._sessions()
        try:
            yield UnitOfWork(session, self.clock)
            session.commit()
        except SQLAlchemyError as error:
            session.rollback()
            raise StoreUnavailable(str(error)) from error
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def change(self, sender_id: str, decide: Decide) -> Facts:
        """One unit of work that changes a case's facts (see ``UnitOfWork.change``)."""
        with self.unit_of_work() as work:
            return work.change(sender_id, decide)

    def record(self, sender_id: str, values: Mapping[str, Any]) -> Facts:
        """Records facts no rule guards."""
        return self.change(sender_id, lambda facts: values)

    def dispose(self) -> None:
        self._engine.dispose()


def _sqlite_pragmas(connection, _record) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    # Write-ahead log, synced on every commit: a unit of work waits for one write instead of
    # the rollback journal's several, readers (the support CLI) never block the assistant,
    # and a commit is as durable as before.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()
