"""span_assigned: each state span carries its task's assignment date, for reports without the join

Revision ID: 0015_span_assigned
Revises: 0014_notifications
Create Date: 2026-12-06

A report as of D counted the tasks assigned by D through a join of task_states to tasks (two thirds
of the whole province's tally at a million tasks was that join). The population test needs of the
task only its assignment date — which never changes once the task exists — and its being countable,
which every span's task is (sections and periodic series have no spans: record_state). So
task_states.assigned_on holds the task's date (backfilled here from tasks), and the tally over the
spans alone reads ix_task_states_asof: the spans holding at D, with everything the classification
reads, from the index (index-only on PostgreSQL, a covering index on SQLite).
"""

import sqlalchemy as sa
from alembic import op

revision = "0015_span_assigned"
down_revision = "0014_notifications"
branch_labels = None
depends_on = None

ASOF_COLUMNS = [
    "valid_from",
    "valid_to",
    "assigned_on",
    "status",
    "deadline",
    "completed_on",
    "lead_agency_id",
    "task_id",
]


def upgrade():
    bind = op.get_bind()
    op.add_column("task_states", sa.Column("assigned_on", sa.Date(), nullable=True))
    if bind.dialect.name == "postgresql":
        op.execute(
            "UPDATE task_states s SET assigned_on = t.assigned_on FROM tasks t WHERE t.id = s.task_id"
        )
        op.alter_column("task_states", "assigned_on", nullable=False)
        op.create_index("ix_task_states_asof", "task_states", ASOF_COLUMNS)
        op.execute("ANALYZE task_states")
        return
    op.execute(
        "UPDATE task_states SET assigned_on = "
        "(SELECT t.assigned_on FROM tasks t WHERE t.id = task_states.task_id)"
    )
    with op.batch_alter_table("task_states") as batch:
        batch.alter_column("assigned_on", existing_type=sa.Date(), nullable=False)
    op.create_index("ix_task_states_asof", "task_states", ASOF_COLUMNS)
    op.execute("ANALYZE task_states")


def downgrade():
    op.drop_index("ix_task_states_asof", table_name="task_states")
    with op.batch_alter_table("task_states") as batch:
        batch.drop_column("assigned_on")
