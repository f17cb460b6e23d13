"""data version: an index to find the latest audited change of an agency, a document or a task

Revision ID: 0006_data_version
Revises: 0005_scale
Create Date: 2026-11-23

The rendered task lists and home pages are reused while the data they show is unchanged
(tracker/core/memo.py). Their version is the highest task event id and, for changes that write no
task event (an agency renamed or merged, a document edited, a section created), the highest audit
entry id of that kind of object: `max(id) WHERE object_type = …` is one backward step in this index.
Logins and other audit entries do not make the pages stale. Built CONCURRENTLY on PostgreSQL.
"""
from alembic import op

revision = "0006_data_version"
down_revision = "0005_scale"
branch_labels = None
depends_on = None

NAME, TABLE, COLUMNS = "ix_audit_log_object_type_id", "audit_log", ["object_type", "id"]


def upgrade():
    if op.get_bind().dialect.name == "postgresql":
        with op.get_context().autocommit_block():
            op.create_index(NAME, TABLE, COLUMNS, postgresql_concurrently=True, if_not_exists=True)
        return
    op.create_index(NAME, TABLE, COLUMNS)


def downgrade():
    op.drop_index(NAME, table_name=TABLE)
