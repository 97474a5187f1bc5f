"""Visual Studio assignments and go-to-market offers (benefits).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "visual_studio_assignments",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id", ondelete="CASCADE"), nullable=False),
        sa.Column("subscription", sa.String(120), nullable=False),
        sa.Column("subscriber", sa.String(320), nullable=False),
        sa.Column("assigned_on", sa.Date, nullable=False),
        sa.Column("ended_on", sa.Date, nullable=True),
    )
    op.create_table(
        "go_to_market_offers",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id", ondelete="CASCADE"), nullable=False),
        sa.Column("offer", sa.String(120), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("requested_on", sa.Date, nullable=False),
        sa.Column("expires_on", sa.Date, nullable=True),
    )


def downgrade() -> None:
    op.drop_table("go_to_market_offers")
    op.drop_table("visual_studio_assignments")
