"""import jobs: a lock with a lease per file and document an import is writing

Revision ID: 0010_import_jobs
Revises: 0008_page_version
Create Date: 2026-12-06

Two monitors confirming the same file at the same moment both wrote it (600 tasks, 300 codes).
An import now claims the file's digest and its documents (`import_locks`, one row per key, the key
the primary key) before it checks again and writes; the claim carries a lease renewed while the
import runs, so a crashed import's claim is taken over once the lease has run out.
"""

import sqlalchemy as sa
from alembic import op

from tracker.db import UTCDateTime

revision = "0010_import_jobs"
down_revision = "0008_page_version"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "import_locks",
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("token", sa.String(length=64), nullable=False),
        sa.Column("holder", sa.String(length=255), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("taken_at", UTCDateTime(), nullable=False),
        sa.Column("lease_until", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_import_locks")),
    )
    op.create_index(op.f("ix_import_locks_token"), "import_locks", ["token"], unique=False)


def downgrade():
    op.drop_index(op.f("ix_import_locks_token"), table_name="import_locks")
    op.drop_table("import_locks")
