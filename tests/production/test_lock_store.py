"""The atomic Redis lock store, on the Redis server of the machine (127.0.0.1:6379).

Rasa's own RedisLockStore changes a conversation's lock by read-modify-write; when another
replica issues a ticket in between, one ticket is lost. The interleaving is forced here, so
the difference is shown deterministically, not left to chance."""

import asyncio
import json
import threading
import uuid

import pytest
import redis
from rasa.core.lock_store import RedisLockStore
from rasa.utils.endpoints import EndpointConfig

from components.server.lock_store import AtomicRedisLockStore

REDIS_URL = "redis://127.0.0.1:6379/1"  # database 1: RedisLockStore's default


@pytest.fixture
def prefix():
    prefix = f"test{uuid.uuid4().hex[:8]}"
    yield prefix
    client = redis.Redis.from_url(REDIS_URL)
    for key in client.scan_iter(f"{prefix}*"):
        client.delete(key)


def atomic(prefix):
    return AtomicRedisLockStore(EndpointConfig(url=REDIS_URL, key_prefix=prefix))


def stored_ticket_numbers(prefix, conversation):
    raw = redis.Redis.from_url(REDIS_URL).get(f"{prefix}:lock:{conversation}")
    return sorted(json.loads(ticket)["number"] for ticket in json.loads(raw)["tickets"]) if raw else []


class Interleaving:
    """Makes another replica issue a ticket right after this one has read the lock."""

    def __init__(self, other, conversation):
        self.other, self.conversation, self.done = other, conversation, False

    def __call__(self):
        if not self.done:
            self.done = True
            self.other.issue_ticket(self.conversation)


def test_rasas_redis_lock_store_loses_a_ticket_when_replicas_interleave(prefix):
    replica_a = RedisLockStore(host="127.0.0.1", db=1, key_prefix=prefix)
    replica_b = RedisLockStore(host="127.0.0.1", db=1, key_prefix=prefix)
    interleave = Interleaving(replica_b, "c1")
    read = replica_a.get_lock

    def get_lock_then_other_replica(conversation_id):
        lock = read(conversation_id)
        interleave()
        return lock

    replica_a.get_lock = get_lock_then_other_replica
    replica_a.issue_ticket("c1")
    assert stored_ticket_numbers(prefix, "c1") == [0]  # replica B's ticket was overwritten


def test_atomic_lock_store_keeps_both_tickets_when_replicas_interleave(prefix):
    replica_a, replica_b = atomic(prefix), atomic(prefix)
    interleave = Interleaving(replica_b, "c1")
    transaction = replica_a.red.transaction

    def transaction_with_interleaving(func, *keys, **kwargs):
        def func_then_other_replica(pipe):
            result = func(pipe)  # read and staged under WATCH, not yet executed
            interleave()
            return result

        return transaction(func_then_other_replica, *keys, **kwargs)

    replica_a.red.transaction = transaction_with_interleaving
    ticket_a = replica_a.issue_ticket("c1")
    assert stored_ticket_numbers(prefix, "c1") == [0, 1]
    assert ticket_a == 1  # retried after replica B's change, so it queues behind it


def test_many_replicas_issuing_at_once_get_distinct_tickets_and_none_is_lost(prefix):
    replicas = [atomic(prefix) for _ in range(6)]
    start = threading.Barrier(len(replicas))
    issued = []

    def issue(replica):
        start.wait()
        for _ in range(25):
            issued.append(replica.issue_ticket("busy", lock_lifetime=600))

    threads = [threading.Thread(target=issue, args=(replica,)) for replica in replicas]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(issued) == list(range(150))
    assert stored_ticket_numbers(prefix, "busy") == list(range(150))


def test_one_conversation_is_served_by_one_replica_at_a_time(prefix):
    replica_a, replica_b = atomic(prefix), atomic(prefix)
    inside, overlaps = [], []

    async def handle(replica, name):
        async with replica.lock("c2", wait_time_in_seconds=0.01):
            if inside:
                overlaps.append((inside[-1], name))
            inside.append(name)
            await asyncio.sleep(0.05)
            inside.remove(name)

    async def both():
        await asyncio.gather(*(handle(replica, f"m{i}") for i, replica in enumerate([replica_a, replica_b] * 5)))

    asyncio.run(both())
    assert overlaps == []
    assert redis.Redis.from_url(REDIS_URL).get(f"{prefix}:lock:c2") is None  # cleaned up


def test_the_url_gives_host_port_and_database():
    store = AtomicRedisLockStore(EndpointConfig(url="redis://127.0.0.1:6379/3", key_prefix="x"))
    kwargs = store.red.connection_pool.connection_kwargs
    assert (kwargs["host"], kwargs["port"], kwargs["db"]) == ("127.0.0.1", 6379, 3)
