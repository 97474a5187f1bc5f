"""Cases keyed by identities that name their channel; support request references that do not
count the requests.

Every case's sender id becomes an identity (``29:abc`` -> ``teams:29:abc``): by the channel
the tracker store recorded for the sender (``sender_channels``, given by
scripts/migrate_store.py), else by the shape of the id; Slack ids get ``SLACK_TEAM_ID``.
Facts, signatures, partners, assignments, offers and support requests keep their case.
Existing support requests keep the reference their partner was told (SR-00042).

No table is rebuilt: on SQLite a rebuild drops the old table, and its ON DELETE CASCADE
would delete the facts and notes that belong to it. (So the unused ``organisations`` table
and ``cases.organisation_id`` stay; nothing reads or writes them.)

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

import os

import sqlalchemy as sa
from alembic import context, op

from actions.identities import legacy_identity

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    connection = op.get_bind()
    hints = context.config.attributes.get("sender_channels") or {}
    slack_team = os.environ.get("SLACK_TEAM_ID")
    cases = sa.table("cases", sa.column("id", sa.Integer), sa.column("sender_id", sa.String))
    for case_id, sender_id in connection.execute(sa.select(cases.c.id, cases.c.sender_id)).fetchall():
        identity = legacy_identity(sender_id, hints.get(sender_id), slack_team)
        if identity != sender_id:
            connection.execute(sa.update(cases).where(cases.c.id == case_id).values(sender_id=identity))

    op.add_column("support_requests", sa.Column("reference", sa.String(20), nullable=True))
    requests = sa.table("support_requests", sa.column("id", sa.Integer), sa.column("reference", sa.String))
    for (request_id,) in connection.execute(sa.select(requests.c.id)).fetchall():
        connection.execute(
            sa.update(requests).where(requests.c.id == request_id).values(reference=f"SR-{request_id:05d}")
        )
    if connection.dialect.name != "sqlite":
        op.alter_column("support_requests", "reference", existing_type=sa.String(20), nullable=False)
    op.create_index("uq_support_requests_reference", "support_requests", ["reference"], unique=True)


def downgrade() -> None:
    op.drop_index("uq_support_requests_reference", "support_requests")
    with op.batch_alter_table("support_requests") as batch:
        batch.drop_column("reference")
