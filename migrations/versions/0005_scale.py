"""scale: indexes for a million tasks (as-of reports, deadline-ordered lists, events by kind)

Revision ID: 0005_scale
Revises: 0004_api
Create Date: 2026-11-23

ix_tasks_assigned_countable replaces ix_tasks_assigned_on (its first column): the task side of the
as-of report join (assigned by D, countable) is read from the index alone; ix_task_states_task_cover
replaces ix_task_states_task_from likewise for the state side (each task's state as of D). ix_tasks_deadline_id
serves every list sorted by deadline (NULLS LAST) page by page, and ix_tasks_open_deadline (partial:
open tasks only) the overdue and due-soon lists. ix_task_states_lead_span answers
reports of one agency or province, and by agency, from the index. ix_task_events_kind_on finds the
events of one kind up to a date (extensions approved by D, returns) without reading all events.
On PostgreSQL the indexes are built CONCURRENTLY, so upgrading a live database blocks no writer.
"""
import sqlalchemy as sa
from alembic import op

revision = "0005_scale"
down_revision = "0004_api"
branch_labels = None
depends_on = None

INDEXES = [
    ("ix_tasks_assigned_countable", "tasks", ["assigned_on", "id", "is_section", "deadline_kind", "series_id"]),
    ("ix_tasks_deadline_id", "tasks", ["deadline", "id"]),
    ("ix_task_states_lead_span", "task_states",
     ["lead_agency_id", "valid_from", "valid_to", "task_id", "status", "deadline", "completed_on"]),
    ("ix_task_events_kind_on", "task_events", ["kind", "on_date", "task_id"]),
    ("ix_task_states_task_cover", "task_states",
     ["task_id", "valid_from", "valid_to", "status", "deadline", "completed_on", "lead_agency_id"]),
]
# Replaced by an index above that starts with the same columns.
REPLACED = [("ix_tasks_assigned_on", "tasks", ["assigned_on"]),
            ("ix_task_states_task_from", "task_states", ["task_id", "valid_from"])]


OPEN = "status IN ('new', 'in_progress')"
OPEN_COLUMNS = ["deadline", "id", "is_section", "deadline_kind", "series_id"]


def _concurrently() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def upgrade():
    if _concurrently():
        # CREATE INDEX CONCURRENTLY cannot run inside the migration's transaction.
        with op.get_context().autocommit_block():
            for name, table, columns in INDEXES:
                op.create_index(name, table, columns, postgresql_concurrently=True, if_not_exists=True)
            op.create_index("ix_tasks_open_deadline", "tasks", OPEN_COLUMNS, postgresql_where=sa.text(OPEN),
                            postgresql_concurrently=True, if_not_exists=True)
            for name, table, _columns in REPLACED:
                op.drop_index(name, table_name=table, postgresql_concurrently=True, if_exists=True)
        return
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)
    op.create_index("ix_tasks_open_deadline", "tasks", OPEN_COLUMNS, sqlite_where=sa.text(OPEN))
    for name, table, _columns in REPLACED:
        op.drop_index(name, table_name=table)


def downgrade():
    for name, table, columns in REPLACED:
        op.create_index(name, table, columns)
    op.drop_index("ix_tasks_open_deadline", table_name="tasks")
    for name, table, _columns in reversed(INDEXES):
        op.drop_index(name, table_name=table)
