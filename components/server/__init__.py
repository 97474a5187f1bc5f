"""Server infrastructure: lock store, tracker store, event broker, resilience, and the
entry point (`python -m components.server run ...`)."""
