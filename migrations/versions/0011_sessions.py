"""sessions: password-reset mail through a queue; one-time form keys

Revision ID: 0011_sessions
Revises: 0008_page_version
Create Date: 2026-12-06

`account_mail`: a "forgot password" request only adds a row here (whether or not an account has
the address); the scheduler looks up the account, makes the link and sends it. `form_keys`: the
one-time key of a submitted form, so a form sent twice is handled once.
"""

import sqlalchemy as sa
from alembic import op

from tracker.db import UTCDateTime

revision = "0011_sessions"
down_revision = "0010_import_jobs"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "account_mail",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("email", sa.String(length=255), nullable=False),
        sa.Column("ip", sa.String(length=64), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", UTCDateTime(), nullable=True),
        sa.Column("claimed_at", UTCDateTime(), nullable=True),
        sa.Column("done_at", UTCDateTime(), nullable=True),
        sa.Column("note", sa.String(length=255), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_account_mail")),
    )
    op.create_index("ix_account_mail_status_next", "account_mail", ["status", "next_attempt_at"])
    op.create_table(
        "form_keys",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_form_keys_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_form_keys")),
        sa.UniqueConstraint("key", name=op.f("uq_form_keys_key")),
    )
    op.create_index(op.f("ix_form_keys_user_id"), "form_keys", ["user_id"])


def downgrade():
    op.drop_index(op.f("ix_form_keys_user_id"), table_name="form_keys")
    op.drop_table("form_keys")
    op.drop_index("ix_account_mail_status_next", table_name="account_mail")
    op.drop_table("account_mail")
