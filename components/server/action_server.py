"""The action server as this assistant runs it: ``python -m components.server.action_server``.

rasa_sdk's server listens on every interface, takes any caller, and answers an error with
the exception's text and the request body (a forged call could read another case's facts
that way). This one:

- listens on ``ACTION_SERVER_HOST`` (default 127.0.0.1: only this machine's Rasa reaches it);
- with ``ACTION_SERVER_TOKEN`` set, serves only calls carrying ``Authorization: Bearer <token>``
  (Rasa sends it: endpoints.yml); the production profile (``ASSISTANT_PROFILE=production``)
  refuses to start without one;
- answers every error with a status and a fixed sentence: the details go to its log only;
- allows no browser origin (only Rasa calls it);
- reads the domain once, from the same ``domain/`` folder the model was trained on: Rasa sends
  it with no call (``enable_selective_domain`` in endpoints.yml), which spared serialising and
  parsing 140 KB of JSON per custom action. A call that does carry a domain keeps its own.
"""

from __future__ import annotations

import argparse
import gc
import hmac
import logging
import os
import sys
from pathlib import Path
from typing import Any, Dict

from rasa_sdk.endpoint import create_app
from rasa_sdk.executor import ActionExecutor
from sanic import Sanic, response
from sanic.request import Request

from components.server import turn_timings

logger = logging.getLogger(__name__)

TOKEN_VARIABLE = "ACTION_SERVER_TOKEN"
HOST_VARIABLE = "ACTION_SERVER_HOST"
_ERRORS = {400: "the action call was refused", 401: "a valid token is required", 404: "no such action"}
DOMAIN_DIR = Path(__file__).resolve().parents[2] / "domain"


def load_domain(folder: Path = DOMAIN_DIR) -> Dict[str, Any]:
    """The domain as Rasa sends it to an action server (every file of the folder, merged)."""
    from rasa.shared.core.domain import Domain

    return Domain.load(str(folder)).as_dict()


_served_domain: Dict[str, Any] = {}


def _serve_domain(domain: Dict[str, Any]) -> None:
    """Every call the executor runs without a domain (plain or deflated) gets this one."""
    _served_domain.clear()
    _served_domain.update(domain)
    if getattr(ActionExecutor.run, "serves_domain", False):
        return
    run = ActionExecutor.run

    async def run_with_served_domain(self, action_call):
        if isinstance(action_call, dict) and not action_call.get("domain"):
            action_call = {**action_call, "domain": _served_domain}
        return await run(self, action_call)

    run_with_served_domain.serves_domain = True
    ActionExecutor.run = run_with_served_domain


def action_server_app(token: str = "", domain: Dict[str, Any] | None = None) -> Sanic:
    app = create_app("actions", cors_origins="")
    _serve_domain(domain if domain is not None else load_domain())

    @app.middleware("request")
    async def authenticate(request: Request):
        if token and request.path != "/health":
            given = request.headers.get("authorization", "")
            if not hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
                logger.warning("action server call from %s refused: no valid token", request.ip)
                return response.json({"error": _ERRORS[401]}, status=401)
        return None

    async def fixed_error(request: Request, exception: Exception):
        logger.error("the action server failed on %s", request.path, exc_info=exception)
        return response.json({"error": "the action could not be run"}, status=500)

    @app.middleware("response")
    async def no_details_in_errors(request: Request, answer):
        if answer is not None and answer.status >= 400 and request.path != "/health":
            return response.json({"error": _ERRORS.get(answer.status, "the action could not be run")}, status=answer.status)
        return None

    app.error_handler.add(Exception, fixed_error)
    turn_timings.install_in_action_server(app)

    @app.listener("after_server_start")
    async def freeze_what_starting_made(app, loop):
        # Rasa's domain and the imports are not garbage: full collections skip them.
        gc.collect()
        gc.freeze()

    return app


def main() -> int:
    parser = argparse.ArgumentParser(description="Run the action server.")
    parser.add_argument("--port", type=int, default=int(os.environ.get("ACTION_SERVER_PORT", "5055")))
    parser.add_argument("--host", default=os.environ.get(HOST_VARIABLE, "127.0.0.1"))
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    token = os.environ.get(TOKEN_VARIABLE, "")
    if os.environ.get("ASSISTANT_PROFILE") == "production" and not token:
        print(f"The production profile needs {TOKEN_VARIABLE}: the action server would take any caller.", file=sys.stderr)
        return 1
    app = action_server_app(token)
    logger.info("Action server on http://%s:%d (token %s)", args.host, args.port, "required" if token else "not required")
    app.run(args.host, args.port, access_log=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
