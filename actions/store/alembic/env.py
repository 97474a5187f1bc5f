"""Alembic environment: runs on the engine the store hands over (never on a URL in a file)."""

from alembic import context

from actions.store.schema import Base

engine = context.config.attributes["engine"]

with engine.connect() as connection:
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
