"""Identities per channel and what every channel's replies and inputs go through: sender
ids named by their channel, replies addressed with the channel's own id and inert text,
messages over the limits never parsed."""

import asyncio

import pytest
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

from components.channels.identity import Namespaced, escape_markdown, escape_slack, is_valid_sender, namespaced
from components.server import input_limits


def test_markdown_and_slack_markup_in_user_text_is_escaped_character_by_character():
    hostile = "[click](javascript:alert(1)) <b>x</b> **bold** `code` ![img](http://x)"
    escaped = escape_markdown(hostile)
    assert "\\[click\\]\\(javascript:alert\\(1\\)\\)" in escaped and "\\*\\*bold\\*\\*" in escaped
    assert escaped.replace("\\", "") == hostile
    assert escape_slack("<https://evil|click> & more") == "&lt;https://evil|click&gt; &amp; more"


@pytest.mark.parametrize("sender", ["", None, "a b", "x" * 201, "line\nbreak", "nul\x00", "émoji🙂"])
def test_invalid_sender_ids_are_refused(sender):
    assert not is_valid_sender(sender)


def test_replies_go_to_the_channels_own_id_with_inert_text_and_no_custom_payload():
    collector = CollectingOutputChannel()
    output = Namespaced(collector, escape_markdown)
    message = {"text": "Noted: [x](javascript:1)", "buttons": [{"title": "*yes*", "payload": "/affirm"}],
               "custom": {"room": "someone-else"}}
    asyncio.run(output.send_response("web:0123abcd", message))
    sent = collector.messages[0]
    assert sent["recipient_id"] == "0123abcd"
    assert sent["text"] == "Noted: \\[x\\]\\(javascript:1\\)"
    assert sent["buttons"][0]["title"] == "\\*yes\\*" and sent["buttons"][0]["payload"] == "/affirm"
    assert "custom" not in sent and message["text"] == "Noted: [x](javascript:1)"  # the original is untouched


def test_a_channel_names_its_senders_and_its_input_channel_whatever_the_message_says():
    received = []

    async def on_new_message(message):
        received.append(message)

    handle = namespaced(on_new_message, "teams", "botframework")
    asyncio.run(handle(UserMessage("hi", CollectingOutputChannel(), "29:abc", input_channel="rest")))
    asyncio.run(handle(UserMessage("hi", CollectingOutputChannel(), "has space", input_channel="botframework")))
    assert [(m.sender_id, m.input_channel) for m in received] == [("teams:29:abc", "botframework")]


def test_a_message_over_the_limits_is_recognised_without_splitting_it_all():
    assert not input_limits.too_long("Can we sign the MPA? " * 50)
    assert input_limits.too_long("x" * (input_limits.MAX_MESSAGE_CHARACTERS + 1))
    assert input_limits.too_long("a " * (input_limits.MAX_MESSAGE_WORDS + 1))


def test_oversized_metadata_is_dropped_and_an_unnamed_sender_gets_its_channels_name():
    message = UserMessage("hi", CollectingOutputChannel(), "rest:p1", metadata={"x": "y" * 5000}, input_channel="rest")
    assert input_limits.within_limits(message).metadata is None
    shell = UserMessage("hi", CollectingOutputChannel(), "abc123", input_channel="cmdline")
    assert input_limits.within_limits(shell).sender_id == "cmdline:abc123"
    assert input_limits.within_limits(UserMessage("hi", CollectingOutputChannel(), "a b")) is None
