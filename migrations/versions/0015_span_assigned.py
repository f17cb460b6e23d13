"""span_assigned: each state span carries its task's assignment date, for reports without the join

Revision ID: 0015_span_assigned
Revises: 0014_notifications
Create Date: 2026-12-06

A report as of D counted the tasks assigned by D through a join of task_states to tasks (two thirds
of the whole province's tally at a million tasks was that join). The population test needs of the
task only its assignment date — which never changes once the task exists — and its being countable,
which every span's task is (sections and periodic series have no spans: record_state). So
task_states.assigned_on holds the task's date (backfilled here from tasks), and the tally over the
spans alone reads ix_task_states_asof: the spans holding at D — one range of the span's end,
coalesce(valid_to, '9999-12-31') > D, rather than every span begun by D — with everything the
classification reads, from the index (index-only on PostgreSQL, a covering index on SQLite); it replaces
ix_task_states_span, whose columns it starts with. ix_task_states_lead_span (one agency's or
province's report, and by agency) and ix_task_states_task_cover (the spans of given tasks) get
the column too, to stay covering.

SQLAlchemy does not reflect an index on an expression: a later migration that recreates
task_states with batch_alter_table on SQLite must create ix_task_states_asof again.
"""

import sqlalchemy as sa
from alembic import op

revision = "0015_span_assigned"
down_revision = "0014_notifications"
branch_labels = None
depends_on = None

TASK_COLUMNS = ["task_id", "valid_from", "valid_to", "status", "deadline", "completed_on", "lead_agency_id"]
LEAD_COLUMNS = ["lead_agency_id", "valid_from", "valid_to", "task_id", "status", "deadline", "completed_on"]
# The span's end with NULL (open) as the last day: "holding at the end of D" is one index range.
ASOF_COLUMNS = [
    sa.text("coalesce(valid_to, '9999-12-31')"),
    "valid_from",
    "assigned_on",
    "status",
    "deadline",
    "completed_on",
    "lead_agency_id",
    "task_id",
    "valid_to",
]


def upgrade():
    bind = op.get_bind()
    op.add_column("task_states", sa.Column("assigned_on", sa.Date(), nullable=True))
    if bind.dialect.name == "postgresql":
        op.execute(
            "UPDATE task_states s SET assigned_on = t.assigned_on FROM tasks t WHERE t.id = s.task_id"
        )
        op.alter_column("task_states", "assigned_on", nullable=False)
        _indexes()
        return
    op.execute(
        "UPDATE task_states SET assigned_on = "
        "(SELECT t.assigned_on FROM tasks t WHERE t.id = task_states.task_id)"
    )
    with op.batch_alter_table("task_states") as batch:
        batch.alter_column("assigned_on", existing_type=sa.Date(), nullable=False)
    _indexes()


def _indexes():
    op.create_index("ix_task_states_asof", "task_states", ASOF_COLUMNS)
    op.drop_index("ix_task_states_span", table_name="task_states")
    # One agency's or province's report, and by agency: the spans alone, from this index.
    op.drop_index("ix_task_states_lead_span", table_name="task_states")
    op.create_index("ix_task_states_lead_span", "task_states", [*LEAD_COLUMNS, "assigned_on"])
    # The spans of given tasks (a focal point's home page counts): likewise.
    op.drop_index("ix_task_states_task_cover", table_name="task_states")
    op.create_index("ix_task_states_task_cover", "task_states", [*TASK_COLUMNS, "assigned_on"])
    op.execute("ANALYZE task_states")


def downgrade():
    op.drop_index("ix_task_states_task_cover", table_name="task_states")
    op.create_index("ix_task_states_task_cover", "task_states", TASK_COLUMNS)
    op.drop_index("ix_task_states_lead_span", table_name="task_states")
    op.create_index("ix_task_states_lead_span", "task_states", LEAD_COLUMNS)
    op.create_index("ix_task_states_span", "task_states", ["valid_from", "valid_to"])
    op.drop_index("ix_task_states_asof", table_name="task_states")
    with op.batch_alter_table("task_states") as batch:
        batch.drop_column("assigned_on")
