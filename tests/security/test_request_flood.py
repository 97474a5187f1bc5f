"""Attack: 20 senders opened 20 support requests in 0.7 s, and sequential references told how
many there were. Now new requests are limited per minute (and per identity), the rest are
told politely to try again, and references are random."""

import re

import pytest

from tests.integration.servers import AssistantServers, Chat

LIMIT = 5


@pytest.fixture(scope="module")
def servers(trained_model, tmp_path_factory):
    running = AssistantServers(
        trained_model, tmp_path_factory.mktemp("request-flood"), extra_env={"SUPPORT_REQUESTS_PER_MINUTE": str(LIMIT)}
    ).start()
    yield running
    running.stop()


def test_twenty_senders_in_a_burst_open_at_most_the_limit_and_the_rest_are_told_to_try_again(servers):
    opened, throttled, references = 0, 0, []
    for number in range(20):
        turn = Chat(servers, f"flood-{number}").turn("I'd rather speak to a real human being please")
        if "utter_support_request_opened" in turn.responses:
            opened += 1
            references.append(re.search(r"SR-[0-9A-Z]{4}-[0-9A-Z]{4}", turn.text).group(0))
        else:
            assert turn.responses == ("utter_support_request_throttled",)
            throttled += 1
    assert opened == LIMIT and throttled == 20 - LIMIT
    assert len(set(references)) == LIMIT and not any(re.search(r"SR-\d{5}", ref) for ref in references)
