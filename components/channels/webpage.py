"""Serves the chat page (web/public) on its own port: ``python -m components.channels.webpage``.

The page loads everything from here (the widget bundle is in web/public/vendor, made by
scripts/web.sh) and talks to Rasa's socket.io channel. ``/config.js`` tells it where Rasa
is: ``WEB_CHAT_SOCKET_URL`` if set (a public address behind a proxy), else the page's own
host on ``RASA_PORT``.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

PUBLIC_DIR = Path(__file__).resolve().parents[2] / "web" / "public"
logger = logging.getLogger(__name__)


def page_config() -> dict:
    return {
        "socketUrl": os.environ.get("WEB_CHAT_SOCKET_URL") or None,
        "rasaPort": int(os.environ.get("RASA_PORT", "5005")),
    }


class ChatPageHandler(SimpleHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        if self.path.split("?", 1)[0] == "/config.js":
            body = f"window.PARTNER_ASSISTANT = {json.dumps(page_config())};\n".encode()
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", "application/javascript; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()

    def list_directory(self, path):  # noqa: ARG002 (http.server's signature)
        # No folder is listed (the widget's files are not for browsing).
        self.send_error(HTTPStatus.NOT_FOUND, "Not found")
        return None

    def end_headers(self) -> None:
        # Nothing on the page comes from elsewhere; the widget talks to Rasa (any port on
        # the page's host, or the configured public address).
        connect = os.environ.get("WEB_CHAT_SOCKET_URL") or "*"
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
            f"connect-src 'self' {connect} ws: wss:; font-src 'self' data:",
        )
        super().end_headers()

    def log_message(self, format: str, *args) -> None:  # noqa: A002
        logger.info("%s %s", self.address_string(), format % args)


def serve(port: int, host: str = "127.0.0.1") -> ThreadingHTTPServer:
    if not (PUBLIC_DIR / "vendor" / "webchat.js").exists():
        raise SystemExit("web/public/vendor/webchat.js is missing: run scripts/web.sh")
    server = ThreadingHTTPServer((host, port), partial(ChatPageHandler, directory=str(PUBLIC_DIR)))
    return server


def main() -> None:
    parser = argparse.ArgumentParser(description="Serve the chat page.")
    parser.add_argument("--port", type=int, default=int(os.environ.get("WEB_PORT", "8080")))
    parser.add_argument("--host", default=os.environ.get("WEB_HOST", "127.0.0.1"))
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    server = serve(args.port, args.host)
    logger.info("Chat page on http://localhost:%d", args.port)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
