"""Draft checkpoints: the steps of a draft being written, saved as each one finishes.

One nullable JSON column on ``sessions``: a session has at most one draft being written at a time,
the checkpoint is small (the notes, options, date and a few step outputs), and it goes when the
session is deleted, with no table of its own to clean up.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sessions") as batch:
        batch.add_column(sa.Column("checkpoint", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sessions") as batch:
        batch.drop_column("checkpoint")
