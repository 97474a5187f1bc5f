"""Two Rasa replicas behind nginx, on PostgreSQL and Redis: many conversations at once, and
pairs of messages of one conversation sent at the same instant to different replicas.
Afterwards every user message and every bot reply is in the tracker store, once, and every
fact in the state store."""

import json
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
import sqlalchemy as sa

from actions.store import PartnerStore
from tests.conftest import _postgres_database
from tests.production.cluster import REST_API_TOKEN, Cluster

CONVERSATIONS = 16
USERS_AT_ONCE = 8
PAIRS = 12


@pytest.fixture(scope="module")
def cluster(trained_model, tmp_path_factory):
    tracker_db, store_db = _postgres_database(), _postgres_database()
    running = Cluster(
        trained_model,
        tmp_path_factory.mktemp("cluster"),
        tracker_url=next(tracker_db),
        store_url=next(store_db),
        lock_prefix=f"scale{uuid.uuid4().hex[:8]}",
    ).start()
    yield running
    running.stop()
    for database in (tracker_db, store_db):
        database.close()  # drops the database


def post(url, sender, message):
    headers = {"Authorization": f"Bearer {REST_API_TOKEN}"}
    response = requests.post(url, json={"sender": sender, "message": message}, headers=headers, timeout=120)
    response.raise_for_status()
    return response.json()


def script(number):
    return [
        f"3 weeks ago I assigned a Visual Studio subscription to Person{number}",
        "goedemorgen, wij willen ons geld terug voor het voordelenpakket, kan dat nog?",
        "ergens begin oktober gekocht, dus ruim twee maanden geleden",
        "could the Visual Studio subscription go to a different colleague now?",
    ]


def converse(cluster, number):
    sender = f"scale-{number}"
    return sender, [post(cluster.webhook, sender, message) for message in script(number)]


def same_instant_pair(cluster, number):
    """Two messages of one conversation sent together, one to each replica."""
    sender = f"pair-{number}"
    messages = [
        "which person in our company is allowed to hand out benefits to colleagues?",
        "where in partner center can I look up our access ID and contract ID?",
    ]
    with ThreadPoolExecutor(2) as both:
        replies = list(both.map(lambda item: post(cluster.replica_webhook(item[0]), sender, item[1]), enumerate(messages)))
    return sender, messages, replies


def events_of(cluster, sender):
    engine = sa.create_engine(cluster.tracker_url)
    with engine.connect() as connection:
        rows = connection.execute(
            sa.text("SELECT type_name, data FROM events WHERE sender_id = :sender ORDER BY id"), {"sender": f"rest:{sender}"}
        ).fetchall()
    engine.dispose()
    return [(type_name, json.loads(data)) for type_name, data in rows]


def test_concurrent_conversations_and_same_instant_pairs_lose_and_duplicate_nothing(cluster):
    for replica in range(2):
        log = (cluster.workdir / f"rasa{replica}.log").read_text(errors="replace")
        assert "Lock store: atomic Redis lock store" in log
    with ThreadPoolExecutor(USERS_AT_ONCE) as users:
        conversations = list(users.map(lambda number: converse(cluster, number), range(CONVERSATIONS)))
        pairs = list(users.map(lambda number: same_instant_pair(cluster, number), range(PAIRS)))

    for sender, replies in conversations:
        number = int(sender.split("-")[1])
        texts = ["\n".join(reply.get("text", "") for reply in turn) for turn in replies]
        assert f"Noted: Person{number} has had a Visual Studio subscription" in texts[0]  # BEN-07
        assert texts[2].startswith("Nee, helaas: restitutie is niet meer mogelijk")  # BEN-13
        assert texts[3].startswith(f"No, not yet: Person{number}'s subscription")
        events = events_of(cluster, sender)
        assert [data["text"] for kind, data in events if kind == "user"] == script(number)
        bot_texts = [data["text"] for kind, data in events if kind == "bot"]
        assert bot_texts == [reply["text"] for turn in replies for reply in turn]

    for sender, messages, replies in pairs:
        assert all(turn and all(reply.get("text") for reply in turn) for turn in replies)
        events = events_of(cluster, sender)
        assert sorted(data["text"] for kind, data in events if kind == "user") == sorted(messages)
        bot_texts = [data["text"] for kind, data in events if kind == "bot"]
        assert sorted(bot_texts) == sorted(reply["text"] for turn in replies for reply in turn)

    store = PartnerStore(cluster.store_url)
    try:
        for number in range(CONVERSATIONS):
            sender = f"rest:scale-{number}"
            assert [row.subscriber for row in store.benefits.visual_studio_assignments(sender)] == [f"Person{number}"]
            assert "benefits_purchased_on" in store.facts(sender)
    finally:
        store.dispose()
