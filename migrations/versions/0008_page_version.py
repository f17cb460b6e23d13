"""page version: the shared page bodies' data version is a row the write path adds

Revision ID: 0008_page_version
Revises: 0007_workdays
Create Date: 2026-12-06

The reused task lists and home pages (tracker/core/memo.py) were fresh only because every visible
change happened to write a task event or an audit entry whose object type was "Agency", "Document"
or "Task". Now each committed transaction that changed a watched table (tasks, their events, states,
coordinators and extension requests, agencies, documents) adds a row to `data_versions`; the
version is its highest id. The audit index that served the old version goes.
"""

import sqlalchemy as sa
from alembic import op

from tracker.db import UTCDateTime

revision = "0008_page_version"
down_revision = "0007_workdays"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "data_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_data_versions")),
    )
    op.drop_index("ix_audit_log_object_type_id", table_name="audit_log")


def downgrade():
    op.create_index("ix_audit_log_object_type_id", "audit_log", ["object_type", "id"])
    op.drop_table("data_versions")
