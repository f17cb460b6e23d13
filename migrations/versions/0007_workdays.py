"""workdays: the calendar of days off and làm bù days, seeded with 2020–2027

Revision ID: 0007_workdays
Revises: 0006_data_version
Create Date: 2026-11-24

`calendar_days` lists the dates that do not follow the weekday rule: public holidays and the days of
the Government's breaks (days off), and the Saturdays worked in exchange (làm bù). Every installation
starts with the official days of 2020–2027 (tracker/workdays/official.py, where each year's source is
noted); admins add the next years under Quản trị → Ngày nghỉ lễ.
"""
import sqlalchemy as sa
from alembic import op

import tracker.db  # noqa: F401  (column types)

revision = "0007_workdays"
down_revision = "0006_data_version"
branch_labels = None
depends_on = None

SEEDED_YEARS = range(2020, 2028)


def upgrade():
    table = op.create_table(
        "calendar_days",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("name", sa.String(length=160), nullable=False),
        sa.Column("created_at", tracker.db.UTCDateTime(), nullable=False),
        sa.Column("updated_at", tracker.db.UTCDateTime(), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["updated_by_id"], ["users.id"], name=op.f("fk_calendar_days_updated_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendar_days")),
        sa.UniqueConstraint("day", name=op.f("uq_calendar_days_day")),
    )
    with op.batch_alter_table("calendar_days", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_calendar_days_year"), ["year"], unique=False)

    from tracker.db import utcnow
    from tracker.workdays.official import official_days

    now = utcnow()
    op.bulk_insert(
        table,
        [
            {"day": d.date, "year": d.year, "kind": d.kind, "name": d.name, "created_at": now, "updated_at": now}
            for year in SEEDED_YEARS
            for d in official_days(year)
        ],
    )


def downgrade():
    with op.batch_alter_table("calendar_days", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_calendar_days_year"))
    op.drop_table("calendar_days")
