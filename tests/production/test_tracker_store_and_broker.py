"""The production profile's tracker store (PostgreSQL, tables created once under a lock) and
event broker (RabbitMQ, only when configured), on the machine's real servers."""

import asyncio
import logging
import threading
import uuid

import aio_pika
import pytest
import sqlalchemy as sa
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from components.server.event_broker import OptionalPikaEventBroker
from components.server.tracker_store import LockedSQLTrackerStore

RABBITMQ_URL = "amqp://guest:guest@127.0.0.1:5672"


def start_together(start, count=4):
    """Runs ``start`` in ``count`` threads released at the same instant: (results, errors)."""
    barrier = threading.Barrier(count)
    results, errors = [], []

    def one():
        barrier.wait()
        try:
            results.append(start())
        except Exception as error:  # collected: a failed start is what the tests look for
            errors.append(error)

    threads = [threading.Thread(target=one) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


def test_replicas_starting_together_on_an_empty_database_create_the_tables_once(postgres_url, caplog):
    caplog.set_level(logging.WARNING)
    stores, errors = start_together(lambda: LockedSQLTrackerStore(domain=Domain.empty(), host=postgres_url))
    assert errors == [] and len(stores) == 4
    # No replica had to fall back on Rasa's "could not create tables, retry in 5 s" path.
    assert not [r for r in caplog.records if "Could not create tables" in r.getMessage() or "already exists" in r.getMessage()]
    engine = sa.create_engine(postgres_url)
    assert "events" in sa.inspect(engine).get_table_names()
    engine.dispose()


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_a_conversation_is_saved_and_read_back_through_the_url(kind, postgres_url, tmp_path):
    url = f"sqlite:///{tmp_path / 'tracker.db'}" if kind == "sqlite" else postgres_url
    store = LockedSQLTrackerStore(domain=Domain.empty(), host=url)
    tracker = DialogueStateTracker.from_events("partner-1", [UserUttered("hallo")])
    asyncio.run(store.save(tracker))
    again = asyncio.run(LockedSQLTrackerStore(domain=Domain.empty(), host=url).retrieve("partner-1"))
    assert [event.text for event in again.events if isinstance(event, UserUttered)] == ["hallo"]


def test_without_a_url_the_tracker_store_refuses_to_start():
    with pytest.raises(ValueError):
        LockedSQLTrackerStore(domain=Domain.empty(), host="")


def test_no_event_broker_without_a_url():
    assert asyncio.run(OptionalPikaEventBroker.from_endpoint_config(EndpointConfig(url=""))) is None


def test_events_are_published_to_rabbitmq_when_configured():
    queue_name = f"partner_assistant_test_{uuid.uuid4().hex[:8]}"

    async def publish_and_read():
        broker = await OptionalPikaEventBroker.from_endpoint_config(
            EndpointConfig(url=RABBITMQ_URL, queues=[queue_name])
        )
        try:
            broker.publish({"event": "user", "sender_id": "partner-1", "text": "hallo"})
            connection = await aio_pika.connect_robust(RABBITMQ_URL)
            async with connection:
                channel = await connection.channel()
                queue = await channel.declare_queue(queue_name, durable=True)
                for _ in range(50):
                    message = await queue.get(fail=False)
                    if message:
                        await message.ack()
                        await queue.delete(if_unused=False, if_empty=False)
                        return message.body.decode()
                    await asyncio.sleep(0.1)
        finally:
            await broker.close()
        return None

    body = asyncio.run(publish_and_read())
    assert body is not None and '"text": "hallo"' in body


def test_state_store_replicas_starting_together_migrate_an_empty_database_once(postgres_url):
    from actions.store import PartnerStore

    stores, errors = start_together(lambda: PartnerStore(postgres_url))
    assert errors == [] and len(stores) == 4
    stores[0].mpa.record_mpn_account("partner-1", "partner_center")
    assert stores[3].facts("partner-1")["mpn_account"] == "partner_center"
    engine = sa.create_engine(postgres_url)
    with engine.connect() as connection:
        assert connection.execute(sa.text("SELECT count(*) FROM alembic_version")).scalar_one() == 1
    engine.dispose()
    for store in stores:
        store.dispose()
