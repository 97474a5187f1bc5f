"""What Rasa 3.6 redoes on every turn although its answer cannot change while the server runs.

- Reading an event back from the tracker store looks its class up by walking every subclass
  of ``Event`` (``all_subclasses``, which also asks ``inspect.isabstract`` of each): about a
  tenth of a millisecond per event, for every event of the window on every turn. The class
  found for a type name is remembered; an unknown name is looked up (and refused) as before.
- Every call to an endpoint (each custom action) opened a new HTTP client session and a new
  connection and closed both afterwards. One session per endpoint is kept, with its
  connections alive for two seconds (less than the action server's five, so the client
  never reuses a connection the server is closing). Certificates (``cafile``) take Rasa's
  own path.
- The process holds about half a million objects once TensorFlow, Rasa and the model are loaded,
  and every full garbage collection walked all of them again, in the middle of some turn.
  Once the model is loaded they are frozen (``gc.freeze``): collections look only at what
  turns create.

`install()` is called by `components.server`, the entry point the scripts and tests start
Rasa with.
"""

from __future__ import annotations

import asyncio
import gc
from typing import Any, Dict, Optional, Text, Tuple, Type

import aiohttp
from aiohttp import ContentTypeError
from rasa.core.constants import DEFAULT_REQUEST_TIMEOUT
from rasa.shared.core.events import Event
from rasa.utils.endpoints import ClientResponseError, EndpointConfig, concat_url

_installed = False


def install() -> None:
    global _installed
    if _installed:
        return
    _installed = True
    resolve_by_type = Event.resolve_by_type
    classes: Dict[Text, Type[Event]] = {}

    def resolve_by_type_remembered(type_name: Text, default: Optional[Type[Event]] = None) -> Optional[Type[Event]]:
        known = classes.get(type_name)
        if known is not None:
            return known
        found = resolve_by_type(type_name, default)
        if found is not None and found is not default:
            classes[type_name] = found
        return found

    Event.resolve_by_type = staticmethod(resolve_by_type_remembered)
    _keep_endpoint_sessions()
    _freeze_after_loading()


def _freeze_after_loading() -> None:
    import rasa.core.run

    load_agent_on_start = rasa.core.run.load_agent_on_start

    async def load_agent_then_freeze(*args: Any, **kwargs: Any) -> Any:
        agent = await load_agent_on_start(*args, **kwargs)
        gc.collect()
        gc.freeze()
        return agent

    rasa.core.run.load_agent_on_start = load_agent_then_freeze


_sessions: Dict[Tuple[int, int], aiohttp.ClientSession] = {}
KEEP_ALIVE_SECONDS = 2.0


def _session_of(endpoint: EndpointConfig) -> aiohttp.ClientSession:
    key = (id(endpoint), id(asyncio.get_running_loop()))
    session = _sessions.get(key)
    if session is None or session.closed:
        auth = aiohttp.BasicAuth(endpoint.basic_auth["username"], endpoint.basic_auth["password"]) if endpoint.basic_auth else None
        session = aiohttp.ClientSession(
            headers=endpoint.headers,
            auth=auth,
            timeout=aiohttp.ClientTimeout(total=DEFAULT_REQUEST_TIMEOUT),
            connector=aiohttp.TCPConnector(keepalive_timeout=KEEP_ALIVE_SECONDS),
        )
        _sessions[key] = session
    return session


def _keep_endpoint_sessions() -> None:
    request = EndpointConfig.request

    async def request_on_kept_session(
        self: EndpointConfig,
        method: Text = "post",
        subpath: Optional[Text] = None,
        content_type: Optional[Text] = "application/json",
        compress: bool = False,
        **kwargs: Any,
    ) -> Optional[Any]:
        if self.cafile:
            return await request(self, method, subpath, content_type, compress, **kwargs)
        # The same request as Rasa's (rasa.utils.endpoints.EndpointConfig.request).
        headers = {"Content-Type": content_type} if content_type else {}
        headers.update(kwargs.pop("headers", None) or {})
        headers.update(self.headers or {})
        async with _session_of(self).request(
            method,
            concat_url(self.url, subpath),
            headers=headers,
            params=self.combine_parameters(kwargs),
            compress=compress,
            **kwargs,
        ) as response:
            if response.status >= 400:
                raise ClientResponseError(response.status, response.reason, await response.content.read())
            try:
                return await response.json()
            except ContentTypeError:
                return None

    EndpointConfig.request = request_on_kept_session
