"""novel: public programme pages, the escalation ladder, the agency head's address

Revision ID: 0012_novel
Revises: 0008_page_version
Create Date: 2026-12-06

- documents.published_at / published_by_id: a document a monitor published on the public
  programme page (/cong-khai/); NULL = not published.
- agencies.head_email: the address of the agency's head, copied on an escalated digest.
- outbox_messages.cc: the addresses a message is copied to (the head of an agency whose task was
  escalated).
- escalations: one row per task and level of the escalation ladder that fired (UNIQUE task, level:
  a level fires once, whatever number of schedulers run).
"""

import sqlalchemy as sa
from alembic import op

from tracker.db import UTCDateTime

revision = "0012_novel"
down_revision = "0013_search"
branch_labels = None
depends_on = None


def upgrade():
    # Plain ADD COLUMN, not a batch (which on SQLite copies the table and drops the old one: a drop
    # that foreign keys from tasks and users refuse on a database holding data).
    op.add_column("documents", sa.Column("published_at", UTCDateTime(), nullable=True))
    if op.get_bind().dialect.name == "sqlite":  # a column constraint: SQLite adds no table constraint
        op.execute(
            "ALTER TABLE documents ADD COLUMN published_by_id INTEGER "
            "CONSTRAINT fk_documents_published_by_id_users REFERENCES users (id)"
        )
    else:
        op.add_column("documents", sa.Column("published_by_id", sa.Integer(), nullable=True))
        op.create_foreign_key(
            op.f("fk_documents_published_by_id_users"), "documents", "users", ["published_by_id"], ["id"]
        )
    op.add_column("agencies", sa.Column("head_email", sa.String(255), nullable=False, server_default=""))
    op.create_table(
        "escalations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=True),
        sa.Column("fired_on", sa.Date(), nullable=False),
        sa.Column("reason", sa.String(10), nullable=False),
        sa.Column("days", sa.Integer(), nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["task_id"], ["tasks.id"], name=op.f("fk_escalations_task_id_tasks"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["agency_id"], ["agencies.id"], name=op.f("fk_escalations_agency_id_agencies")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_escalations")),
        sa.UniqueConstraint("task_id", "level", name="uq_escalations_task_level"),
    )
    op.create_index("ix_escalations_fired_on", "escalations", ["fired_on"])
    op.add_column("outbox_messages", sa.Column("cc", sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table("outbox_messages") as batch:
        batch.drop_column("cc")
    op.drop_index("ix_escalations_fired_on", table_name="escalations")
    op.drop_table("escalations")
    with op.batch_alter_table("agencies") as batch:
        batch.drop_column("head_email")
    with op.batch_alter_table("documents") as batch:
        batch.drop_constraint(batch.f("fk_documents_published_by_id_users"), type_="foreignkey")
        batch.drop_column("published_by_id")
        batch.drop_column("published_at")
