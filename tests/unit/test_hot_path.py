"""components.server.hot_path: the event classes Rasa finds for a type name are the ones it
found before, and calls to an endpoint share one HTTP session and its connection, with the
same requests and the same errors as Rasa's own."""

import asyncio

import pytest
from aiohttp import web
from rasa.shared.core.events import ActionExecuted, Event, SlotSet, UserUttered
from rasa.utils.endpoints import ClientResponseError, EndpointConfig

from components.server import hot_path


@pytest.fixture(scope="module", autouse=True)
def installed():
    original = Event.resolve_by_type
    expected = {name: original(name) for name in ("user", "action", "slot", "bot", "session_started")}
    hot_path.install()
    return expected


def test_event_classes_are_the_ones_rasa_finds(installed):
    for _ in range(2):
        for name, cls in installed.items():
            assert Event.resolve_by_type(name) is cls
    assert isinstance(Event.from_parameters({"event": "user", "text": "hallo", "parse_data": {}}), UserUttered)
    assert isinstance(Event.from_parameters({"event": "slot", "name": "language", "value": "nl"}), SlotSet)
    assert isinstance(Event.from_parameters({"event": "action", "name": "action_listen"}), ActionExecuted)


def test_an_unknown_event_type_is_still_refused_or_defaulted():
    with pytest.raises(ValueError):
        Event.resolve_by_type("no_such_event")
    assert Event.resolve_by_type("no_such_event", default=UserUttered) is UserUttered


def test_calls_to_an_endpoint_share_one_connection_and_keep_rasas_requests_and_errors():
    seen = []

    async def handler(request: web.Request) -> web.Response:
        seen.append((request.transport.get_extra_info("peername")[1], request.headers.get("Authorization"),
                     request.headers.get("Content-Type"), await request.json()))
        if request.path == "/missing":
            return web.Response(status=404, text="no")
        return web.json_response({"ok": len(seen)})

    async def scenario():
        app = web.Application()
        app.router.add_post("/webhook", handler)
        app.router.add_post("/missing", handler)
        runner = web.AppRunner(app)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]
        endpoint = EndpointConfig(f"http://127.0.0.1:{port}/webhook", headers={"Authorization": "Bearer s3cret"})
        try:
            answers = [await endpoint.request(json={"turn": turn}, method="post") for turn in range(3)]
            with pytest.raises(ClientResponseError) as refused:
                await EndpointConfig(f"http://127.0.0.1:{port}/missing").request(json={}, method="post")
            return answers, refused.value.status
        finally:
            for session in list(hot_path._sessions.values()):
                await session.close()
            hot_path._sessions.clear()
            await runner.cleanup()

    answers, status = asyncio.run(scenario())
    assert answers == [{"ok": 1}, {"ok": 2}, {"ok": 3}] and status == 404
    ports = {port for port, *_ in seen[:3]}
    assert len(ports) == 1  # one kept connection for the three calls
    assert all(auth == "Bearer s3cret" and kind == "application/json" for _, auth, kind, _ in seen[:3])
    assert [body for *_, body in seen[:3]] == [{"turn": 0}, {"turn": 1}, {"turn": 2}]
