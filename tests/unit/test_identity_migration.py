"""Existing stores move to identities that name their channel, and nothing a partner had
stored is lost: the state store (Alembic revision 0005, on SQLite and PostgreSQL) and the
tracker store (conversations continue under the new identity)."""

import asyncio
from datetime import date, datetime, timezone

import pytest
import sqlalchemy as sa
from alembic import command
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from actions.identities import legacy_identity
from actions.rules.support import key_problem_handoff as request_handoff
from actions.store import PartnerStore
from actions.store.database import Database
from actions.store.migrations import alembic_config
from components.server.tracker_store import LockedSQLTrackerStore, migrate_sender_ids, sender_channels

WHEN = datetime(2026, 11, 20, 9, 0, tzinfo=timezone.utc)
SESSION = "0123456789abcdef0123456789abcdef"


@pytest.mark.parametrize(
    "sender, channel, identity",
    [
        ("29:1abc", None, "teams:29:1abc"),
        ("29:1abc", "botframework", "teams:29:1abc"),
        ("U0123ABCD", None, "slack:T42:U0123ABCD"),
        ("U0123ABCD_C0456EFGH", "slack", "slack:T42:U0123ABCD_C0456EFGH"),
        (SESSION, None, f"web:{SESSION}"),
        ("me", None, "rest:me"),
        ("me", "socketio", "web:me"),
        ("staff-preview-1", "rest", "rest:staff-preview-1"),
        ("teams:29:1abc", "rest", "teams:29:1abc"),  # already an identity
    ],
)
def test_older_sender_ids_get_the_identity_of_their_channel(sender, channel, identity):
    assert legacy_identity(sender, channel, "T42") == identity


def _store_at_0004(url):
    engine = sa.create_engine(url, future=True)
    command.upgrade(alembic_config(engine), "0004")
    with engine.begin() as connection:
        for number, sender in enumerate(["29:1abc", "me", SESSION, "U0123ABCD"], start=1):
            connection.execute(
                sa.text("INSERT INTO cases (id, sender_id, created_at, updated_at) VALUES (:id, :sender, :at, :at)"),
                {"id": number, "sender": sender, "at": WHEN},
            )
            connection.execute(
                sa.text("INSERT INTO facts (case_id, name, value, recorded_at) VALUES (:id, 'mpn_member', 'true', :at)"),
                {"id": number, "at": WHEN},
            )
        connection.execute(
            sa.text("INSERT INTO mpa_signatures (case_id, region, signed_at) VALUES (1, 'Europe', :at)"), {"at": WHEN}
        )
        connection.execute(
            sa.text(
                "INSERT INTO visual_studio_assignments (case_id, subscription, subscriber, assigned_on) "
                "VALUES (2, 'Visual Studio 1', 'Anna', :on)"
            ),
            {"on": date(2026, 10, 1)},
        )
        connection.execute(
            sa.text(
                "INSERT INTO support_requests (id, case_id, trigger, category, priority, priority_reason, language, "
                "rule_ids, facts_summary, transcript, status, created_at, updated_at) VALUES (42, 1, 'refund', "
                "'benefits', 'normal', 'refund requested', 'nl', '[]', 'mpn_member: yes', '[]', 'open', :at, :at)"
            ),
            {"at": WHEN},
        )
    engine.dispose()


def test_0005_moves_every_case_to_its_identity_and_keeps_all_it_had(store_url, monkeypatch):
    monkeypatch.setenv("SLACK_TEAM_ID", "T42")
    _store_at_0004(store_url)
    database = Database(store_url)
    database.migrate(sender_channels={"me": "socketio"})
    database.dispose()
    store = PartnerStore(store_url)
    try:
        for identity in ("teams:29:1abc", "web:me", f"web:{SESSION}", "slack:T42:U0123ABCD"):
            assert store.facts(identity)["mpn_member"] is True, identity
        assert store.mpa.signed_regions("teams:29:1abc") == ["Europe"]
        assert [row.subscriber for row in store.benefits.visual_studio_assignments("web:me")] == ["Anna"]
        request = store.support.request("SR-00042")  # the reference the partner was told
        assert (request.sender_id, request.trigger, request.language) == ("teams:29:1abc", "refund", "nl")
        assert store.support.request("42").reference == "SR-00042"
        assert store.support.open_request("web:me", request_handoff(None), "en").reference.startswith("SR-")
    finally:
        store.dispose()


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_conversations_in_the_tracker_store_continue_under_their_identity(kind, postgres_url, tmp_path):
    url = f"sqlite:///{tmp_path / 'tracker.db'}" if kind == "sqlite" else postgres_url
    store = LockedSQLTrackerStore(domain=Domain.empty(), host=url)
    for sender, channel in (("29:1abc", "botframework"), ("me", "rest"), ("web:already", "socketio")):
        tracker = DialogueStateTracker.from_events(sender, [UserUttered("hallo", input_channel=channel)])
        asyncio.run(store.save(tracker))
    assert sender_channels(url) == {"29:1abc": "botframework", "me": "rest"}
    assert migrate_sender_ids(url) == 2
    assert migrate_sender_ids(url) == 0  # once moved, nothing more to do
    for identity in ("teams:29:1abc", "rest:me", "web:already"):
        again = asyncio.run(LockedSQLTrackerStore(domain=Domain.empty(), host=url).retrieve(identity))
        assert [event.text for event in again.events if isinstance(event, UserUttered)] == ["hallo"], identity
