"""Upgrades the state store on $PARTNER_STORE_URL to the newest schema (run before the
action server starts; the store also upgrades itself on first use)."""

from actions.store.migrations import main

raise SystemExit(main())
