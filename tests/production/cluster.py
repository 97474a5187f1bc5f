"""The production profile on loopback: two Rasa replicas, one action server each, nginx in
front, PostgreSQL for the tracker store and the state store, Redis for the lock store."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Dict

from tests.conftest import PROJECT_ROOT
from tests.integration.servers import ProcessGroup, free_port

NGINX = "/usr/sbin/nginx"
REST_API_TOKEN = "cluster-rest-token-0123456789"
ACTION_SERVER_TOKEN = "cluster-action-token-0123456789"


class Cluster(ProcessGroup):
    def __init__(self, model: Path, workdir: Path, tracker_url: str, store_url: str, lock_prefix: str, replicas: int = 2):
        super().__init__(workdir)
        self.model = model
        self.tracker_url, self.store_url, self.lock_prefix = tracker_url, store_url, lock_prefix
        self.rasa_ports = [free_port() for _ in range(replicas)]
        self.action_ports = [free_port() for _ in range(replicas)]
        self.balancer_port = free_port()

    def replica_webhook(self, index: int) -> str:
        return f"http://127.0.0.1:{self.rasa_ports[index]}/webhooks/rest/webhook"

    @property
    def webhook(self) -> str:
        return f"http://127.0.0.1:{self.balancer_port}/webhooks/rest/webhook"

    def environment(self, action_port: int) -> Dict[str, str]:
        return dict(
            os.environ,
            RASA_TELEMETRY_ENABLED="false",
            PYTHONPATH=str(PROJECT_ROOT),
            PARTNER_STORE_URL=self.store_url,
            TRACKER_STORE_URL=self.tracker_url,
            LOCK_STORE_TYPE="components.server.lock_store.AtomicRedisLockStore",
            LOCK_STORE_URL="redis://127.0.0.1:6379/1",
            EVENT_BROKER_URL="",
            ACTION_ENDPOINT_URL=f"http://127.0.0.1:{action_port}/webhook",
            # The production profile: REST and the action server only with their tokens.
            ASSISTANT_PROFILE="production",
            REST_API_TOKEN=REST_API_TOKEN,
            ACTION_SERVER_TOKEN=ACTION_SERVER_TOKEN,
            WEB_SESSION_SECRET="cluster-web-session-secret-0123456789",
            DATA_DIR=str(self.workdir),
        )

    def _start(self, timeout: float) -> None:
        # The lock prefix must be alphanumeric for Rasa; the endpoints file's is replaced here.
        endpoints = (PROJECT_ROOT / "endpoints.yml").read_text().replace("partnerassistant", self.lock_prefix)
        (self.workdir / "endpoints.yml").write_text(endpoints)
        for index, (rasa_port, action_port) in enumerate(zip(self.rasa_ports, self.action_ports, strict=True)):
            env = self.environment(action_port)
            self._spawn(
                [sys.executable, "-m", "components.server.action_server", "--port", str(action_port)],
                f"actions{index}.log",
                env,
            )
            self._spawn(
                [sys.executable, "-m", "components.server", "run", "--model", str(self.model),
                 "--endpoints", str(self.workdir / "endpoints.yml"), "--credentials", "credentials.yml",
                 "--port", str(rasa_port), "--interface", "127.0.0.1"],
                f"rasa{index}.log",
                env,
            )
        (self.workdir / "nginx.conf").write_text(self._nginx_config())
        self._spawn([NGINX, "-p", str(self.workdir), "-c", str(self.workdir / "nginx.conf")], "nginx.log", dict(os.environ))
        urls = [f"http://127.0.0.1:{port}/health" for port in self.action_ports]
        urls += [f"http://127.0.0.1:{port}/" for port in self.rasa_ports] + [f"http://127.0.0.1:{self.balancer_port}/"]
        for url in urls:
            self._wait_for(url, timeout)

    def _nginx_config(self) -> str:
        servers = "\n".join(f"    server 127.0.0.1:{port};" for port in self.rasa_ports)
        return f"""
daemon off;
master_process off;
pid {self.workdir}/nginx.pid;
error_log {self.workdir}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
  access_log {self.workdir}/nginx-access.log;
  client_body_temp_path {self.workdir}/nginx-body;
  proxy_temp_path {self.workdir}/nginx-proxy;
  fastcgi_temp_path {self.workdir}/nginx-fastcgi;
  uwsgi_temp_path {self.workdir}/nginx-uwsgi;
  scgi_temp_path {self.workdir}/nginx-scgi;
  upstream rasa {{
{servers}
  }}
  server {{
    listen 127.0.0.1:{self.balancer_port};
    location / {{
      proxy_pass http://rasa;
      proxy_read_timeout 120s;
    }}
  }}
}}
"""
