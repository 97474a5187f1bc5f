"""A local stand-in for Microsoft's side of the Bot Framework: OpenID metadata, the signing
keys (JWKS), the token endpoint, and the conversation endpoint replies are posted to."""

from __future__ import annotations

import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Dict, List

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from tests.integration.servers import free_port

ISSUER = "https://api.botframework.com"


class FakeMicrosoft:
    def __init__(self):
        self.port = free_port()
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.other_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.activities: List[Dict[str, Any]] = []
        self.arrived = threading.Condition()
        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), self._handler())

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> "FakeMicrosoft":
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def token(self, audience: str, issuer: str = ISSUER, expires_in: int = 300, kid: str = "k1", key=None,
              algorithm: str = "RS256", secret: str = "") -> str:
        claims = {"iss": issuer, "aud": audience, "exp": int(time.time()) + expires_in}
        if algorithm == "HS256":
            return jwt.encode(claims, secret, algorithm="HS256", headers={"kid": kid})
        return jwt.encode(claims, key or self.key, algorithm=algorithm, headers={"kid": kid})

    def wait_for_reply(self, conversation: str, count: int = 1, timeout: float = 60) -> List[Dict[str, Any]]:
        deadline = time.monotonic() + timeout
        with self.arrived:
            while True:
                found = [a for a in self.activities if a["conversation"] == conversation]
                if len(found) >= count or time.monotonic() > deadline:
                    return found
                self.arrived.wait(0.5)

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _json(self, body, status=200):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):
                if self.path == "/openid":
                    self._json({"issuer": ISSUER, "jwks_uri": f"{fake.url}/keys",
                                "id_token_signing_alg_values_supported": ["RS256"]})
                elif self.path == "/keys":
                    key = json.loads(RSAAlgorithm.to_jwk(fake.key.public_key()))
                    self._json({"keys": [{**key, "kid": "k1", "use": "sig"}]})
                else:
                    self._json({}, 404)

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if self.path.endswith("/oauth2/v2.0/token"):
                    self._json({"access_token": "fake-bot-token", "expires_in": 3600})
                    return
                match = re.match(r"^/service/v3/conversations/([^/]+)/activities$", self.path)
                if match:
                    with fake.arrived:
                        fake.activities.append({"conversation": match.group(1), "activity": json.loads(body),
                                                "authorization": self.headers.get("Authorization")})
                        fake.arrived.notify_all()
                    self._json({"id": "1"})
                    return
                self._json({}, 404)

        return Handler
