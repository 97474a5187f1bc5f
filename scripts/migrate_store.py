"""Upgrades the stores before the servers start (the state store also upgrades itself on
first use):

- the state store on $PARTNER_STORE_URL, to the newest Alembic revision; revision 0005 turns
  sender ids into identities that name their channel, by the channel the tracker store
  recorded for each sender;
- the tracker store on $TRACKER_STORE_URL: conversations of older sender ids continue under
  the same identities (components/server/tracker_store.py).
"""

import logging
import os
import sys

from actions.store import StoreUnavailable
from actions.store.database import Database
from actions.store.store import default_store_url
from components.server.tracker_store import migrate_sender_ids, sender_channels


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    tracker_store_url = os.environ.get("TRACKER_STORE_URL")
    channels = sender_channels(tracker_store_url) if tracker_store_url else {}
    database = Database(default_store_url())
    try:
        database.migrate(channels)
    except StoreUnavailable as error:
        print(f"The state store could not be migrated: {error}", file=sys.stderr)
        return 1
    finally:
        database.dispose()
    if tracker_store_url:
        moved = migrate_sender_ids(tracker_store_url)
        if moved:
            print(f"Tracker store: {moved} conversation(s) now under identities that name their channel.")
    print("State store schema is up to date.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
