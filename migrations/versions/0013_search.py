"""search: the tasks' full-text index (task_search, FTS5 on SQLite, tsvector + GIN on PostgreSQL)

Revision ID: 0013_search
Revises: 0008_page_version
Create Date: 2026-12-06

The task list's search box and the API's `q` matched every word as a piece of the folded title and
content and listed the matches by deadline: "chu ky so" gave 900 tasks, the first ones unrelated
("so" is in every "số", "sở"), and a document's number ("4340") found nothing. `task_search` holds
each task's folded words by weight (document symbol, code and title, agencies, content), kept by
the write path (tracker/tasks/search.py); each database indexes it its own way. Existing tasks are
indexed here.
"""

import sqlalchemy as sa
from alembic import op

revision = "0013_search"
down_revision = "0011_sessions"
branch_labels = None
depends_on = None

_VECTOR = (
    "setweight(to_tsvector('simple'::regconfig, doc), 'A')"
    " || setweight(to_tsvector('simple'::regconfig, title), 'B')"
    " || setweight(to_tsvector('simple'::regconfig, agencies), 'C')"
    " || setweight(to_tsvector('simple'::regconfig, body), 'D')"
)

_SQLITE = (
    # External content: the words are stored once, in task_search; the triggers keep the index.
    "CREATE VIRTUAL TABLE task_fts USING fts5(doc, title, agencies, body, content='task_search',"
    " content_rowid='task_id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER task_search_ai AFTER INSERT ON task_search BEGIN"
    " INSERT INTO task_fts(rowid, doc, title, agencies, body)"
    " VALUES (new.task_id, new.doc, new.title, new.agencies, new.body); END",
    "CREATE TRIGGER task_search_ad AFTER DELETE ON task_search BEGIN"
    " INSERT INTO task_fts(task_fts, rowid, doc, title, agencies, body)"
    " VALUES ('delete', old.task_id, old.doc, old.title, old.agencies, old.body); END",
    "CREATE TRIGGER task_search_au AFTER UPDATE ON task_search BEGIN"
    " INSERT INTO task_fts(task_fts, rowid, doc, title, agencies, body)"
    " VALUES ('delete', old.task_id, old.doc, old.title, old.agencies, old.body);"
    " INSERT INTO task_fts(rowid, doc, title, agencies, body)"
    " VALUES (new.task_id, new.doc, new.title, new.agencies, new.body); END",
)


def upgrade():
    op.create_table(
        "task_search",
        sa.Column("task_id", sa.Integer(), nullable=False),
        sa.Column("doc", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("agencies", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["task_id"], ["tasks.id"], name=op.f("fk_task_search_task_id_tasks"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("task_id", name=op.f("pk_task_search")),
    )
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute(
            f"ALTER TABLE task_search ADD COLUMN vector tsvector GENERATED ALWAYS AS ({_VECTOR}) STORED"
        )
        op.execute("CREATE INDEX ix_task_search_vector ON task_search USING gin (vector)")
    else:
        for statement in _SQLITE:
            op.execute(statement)

    from tracker.tasks.search import reindex

    reindex(bind)


def downgrade():
    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        for name in ("task_search_ai", "task_search_ad", "task_search_au"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS task_fts")
    op.drop_table("task_search")
