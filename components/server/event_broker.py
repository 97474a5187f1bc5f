"""RabbitMQ (pika) as event broker when EVENT_BROKER_URL is set (amqp://user:password@host:5672),
and no broker when it is empty, so one endpoints.yml serves the embedded and the production
profile."""

from __future__ import annotations

from asyncio import AbstractEventLoop
from typing import Optional
from urllib.parse import urlsplit

from rasa.core.brokers.pika import PikaEventBroker
from rasa.utils.endpoints import EndpointConfig


class OptionalPikaEventBroker(PikaEventBroker):
    @classmethod
    async def from_endpoint_config(
        cls, broker_config: Optional[EndpointConfig], event_loop: Optional[AbstractEventLoop] = None
    ) -> Optional["OptionalPikaEventBroker"]:
        if broker_config is None or not broker_config.url:
            return None
        parts = urlsplit(broker_config.url)
        kwargs = dict(broker_config.kwargs)
        kwargs.setdefault("username", parts.username or "guest")
        kwargs.setdefault("password", parts.password or "guest")
        kwargs.setdefault("port", parts.port or 5672)
        broker = cls(f"{parts.scheme}://{parts.hostname}", **kwargs, event_loop=event_loop)
        await broker.connect()
        return broker
